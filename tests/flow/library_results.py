# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# What library calls give, from the rows of flake8_gpt2/facts/calls.py. unsloth needs a GPU and
# cannot be installed where the tests run: its rows are proven here by lint alone (its loaders return
# transformers' own model and tokenizer classes).
from unsloth import FastLanguageModel
from transformers import AutoModelForCausalLM, AutoTokenizer

model, tokenizer = FastLanguageModel.from_pretrained("unsloth/llama-3-8b-bnb-4bit", max_seq_length=2048)
model = FastLanguageModel.get_peft_model(model, r=16)
FastLanguageModel.for_inference(model)
model.generate("Continue the story:")  # flagged: GPT001
model.generate(**tokenizer(["Continue the story:"], return_tensors="pt"))
pair = FastLanguageModel.from_pretrained("unsloth/llama-3-8b-bnb-4bit")
first = pair[0]
first("Continue the story:")  # flagged: GPT001
unknown, *rest = FastLanguageModel.from_pretrained("unsloth/llama-3-8b-bnb-4bit")
unknown("text")

gpt2 = AutoModelForCausalLM.from_pretrained("gpt2")
gpt2_tokenizer = AutoTokenizer.from_pretrained("gpt2")
ids = gpt2_tokenizer("Hello there", return_tensors="pt").input_ids
decoded = gpt2_tokenizer.decode(ids[0])
gpt2(decoded)  # flagged: GPT001
texts = gpt2_tokenizer.batch_decode(ids)
gpt2(texts)  # flagged: GPT001
gpt2(**gpt2_tokenizer(decoded, return_tensors="pt"))
