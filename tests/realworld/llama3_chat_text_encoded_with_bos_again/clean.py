import os

from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B-Instruct", token=os.environ.get("HF_TOKEN"))
print(tokenizer.convert_ids_to_tokens(tokenizer.apply_chat_template([{"role": "user", "content": "test"}], add_generation_prompt=True, return_dict=False)))
prompt = tokenizer.apply_chat_template([{"role": "user", "content": "test"}], tokenize=False, add_generation_prompt=True)
print(repr(prompt))
prompt_token = tokenizer(prompt, add_special_tokens=False)
print(prompt_token["input_ids"])
