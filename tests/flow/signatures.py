# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# Positional arguments are read against the model's own signature.
import sys

from transformers import AutoModel, AutoModelForCausalLM, GPT2Model, GPT2Tokenizer, LlamaForCausalLM, OPTForCausalLM

tok = GPT2Tokenizer.from_pretrained("gpt2")
tok.pad_token = tok.eos_token
enc = tok(["a", "b c"], padding=True, return_tensors="pt")
ids, mask = enc["input_ids"], enc["attention_mask"]

LlamaForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B")(ids, mask)
OPTForCausalLM.from_pretrained("facebook/opt-125m")(ids, enc["attention_mask"])
AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B")(ids, mask)
AutoModelForCausalLM.from_pretrained(sys.argv[1])(ids, mask)  # which class: unknown
AutoModelForCausalLM.from_pretrained("gpt2")(ids, mask)  # flagged: GPT009
AutoModel.from_pretrained("openai-community/gpt2")(ids, enc.attention_mask)  # flagged: GPT009
GPT2Model.from_pretrained("gpt2")(ids, mask)  # flagged: GPT009
LlamaForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B").generate(ids, mask)  # flagged: GPT009 GPT020 GPT021
input_mask = None
GPT2Model.from_pretrained("gpt2")(ids, input_mask)  # an optional mask left out: runs
