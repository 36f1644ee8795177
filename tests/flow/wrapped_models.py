# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# Wrappers that are models: PEFT, torch.compile, accelerate.
import torch
from accelerate import Accelerator
from peft import LoraConfig, PeftModel, PeftModelForCausalLM, get_peft_model
from transformers import GPT2LMHeadModel, GPT2Tokenizer

tok = GPT2Tokenizer.from_pretrained("gpt2")
tok.pad_token = tok.eos_token
enc = tok(["a", "b c"], padding=True, return_tensors="pt")
ids, mask = enc["input_ids"], enc["attention_mask"]
gpt2 = GPT2LMHeadModel.from_pretrained("gpt2")

causal = get_peft_model(gpt2, LoraConfig(task_type="CAUSAL_LM"))
causal(ids, mask)  # PEFT's causal LM takes the mask second
causal.generate(ids, mask)  # flagged: GPT009 GPT020 GPT021
causal(enc)  # flagged: GPT004
causal.get_base_model()(ids, mask)  # flagged: GPT009
causal.merge_and_unload()(ids, mask)  # flagged: GPT009
config = LoraConfig(r=4)
unknown_task = get_peft_model(gpt2, config)
unknown_task(ids, mask)  # PeftModel or PeftModelForCausalLM: order unknown
unknown_task(enc)  # flagged: GPT004
PeftModel.from_pretrained(gpt2, "adapter")(ids, mask)  # the adapter's task type: unknown
PeftModelForCausalLM.from_pretrained(gpt2, "adapter")(ids, mask)
get_peft_model(object(), LoraConfig(task_type="CAUSAL_LM"))(enc)  # not a model
torch.compile(gpt2)(ids, mask)  # flagged: GPT009
accelerator = Accelerator()
accelerator.unwrap_model(torch.nn.DataParallel(gpt2))(ids, mask)  # flagged: GPT009
accelerator.unwrap_model(causal)(ids, mask)  # still the PEFT model
