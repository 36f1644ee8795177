# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# Tokenizers without a pad token, by checkpoint name; pad tokens added as new tokens (GPT014).
import sys

from transformers import AutoModelForCausalLM, AutoTokenizer, LlamaTokenizer

texts = ["a", "b c"]
AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")(texts, padding=True)  # flagged: GPT003
AutoTokenizer.from_pretrained("meta-llama/Meta-Llama-3.1-8B-Instruct")(texts, padding=True)  # flagged: GPT003
AutoTokenizer.from_pretrained("mistralai/Mistral-7B-Instruct-v0.2")(texts, padding="max_length")  # flagged: GPT003
AutoTokenizer.from_pretrained("EleutherAI/gpt-j-6b")(texts, padding=True)  # flagged: GPT003
AutoTokenizer.from_pretrained("Qwen/Qwen2-0.5B-Instruct")(texts, padding=True)  # has one
AutoTokenizer.from_pretrained("facebook/opt-125m")(texts, padding=True)  # has one
AutoTokenizer.from_pretrained("meta-llama/Llama-4-Scout-17B-16E")(texts, padding=True)  # not known
AutoTokenizer.from_pretrained(sys.argv[1])(texts, padding=True)  # unknown
LlamaTokenizer.from_pretrained("./my-llama")(texts, padding=True)  # a local folder may have one
AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B", pad_token="<pad>")(texts, padding=True)

tok = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B")
tok.add_special_tokens({"pad_token": "[PAD]"})
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B")
enc = tok(texts, padding=True, return_tensors="pt")
one = tok(texts[0], padding=True, return_tensors="pt")
unpadded = tok(texts, return_tensors="pt")
model(**enc)  # flagged: GPT014
model.generate(**enc)  # flagged: GPT014 GPT020
model.generate(enc.input_ids, max_length=60)  # flagged: GPT014 GPT020
model(enc["input_ids"], attention_mask=enc["attention_mask"])  # flagged: GPT014
model(**one)  # one text (as far as the analysis knows): nothing to pad
model(**unpadded)  # not padded
AutoModelForCausalLM.from_pretrained("./fine-tuned")(**enc)  # a local model may have the rows
AutoModelForCausalLM.from_pretrained("Qwen/Qwen2-0.5B-Instruct")(**enc)  # spare rows on the hub

reserved = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B")
reserved.add_special_tokens({"pad_token": "<|finetune_right_pad_id|>"})  # in the vocabulary
model(**reserved(texts, padding=True, return_tensors="pt"))
eos = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B")
eos.add_special_tokens({"pad_token": eos.eos_token})
model(**eos(texts, padding=True, return_tensors="pt"))


def prepare(m):
    return m


handed = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B")
prepare(handed)  # may resize it
handed(**enc)
resized = AutoModelForCausalLM.from_pretrained("gpt2")
gpt2_tok = AutoTokenizer.from_pretrained("gpt2")
gpt2_tok.add_special_tokens({"pad_token": "<pad>"})
gpt2_batch = gpt2_tok(texts, padding="longest", return_tensors="pt")
resized(**gpt2_batch)  # flagged: GPT014
resized.resize_token_embeddings(len(gpt2_tok))
resized(**gpt2_batch)
