# Lint-only: a line that ends with "# flagged: CODE ..." holds exactly those findings; no other line holds one.
# apply_chat_template in transformers 5 (the default target here): an encoding unless asked otherwise.
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

tok = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B-Instruct")
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B-Instruct")
messages = [{"role": "user", "content": "Hello world"}]
options = {"tokenize": True}

chat = tok.apply_chat_template(messages)
model.generate(chat)  # flagged: GPT004
model(input_ids=chat)  # flagged: GPT004
len(chat)  # flagged: GPT015
torch.tensor([chat])  # flagged: GPT015
torch.LongTensor(chat)  # flagged: GPT015
model.generate(**chat)  # flagged: GPT008
model.generate(chat["input_ids"])  # flagged: GPT008
ids = tok.apply_chat_template(messages, return_dict=False)
len(ids)
torch.tensor([ids])
text = tok.apply_chat_template(messages, tokenize=False)
len(text)
# the template's text starts with Llama 3's BOS, and encoding it adds a second one
model.generate(**tok(text, return_tensors="pt"))  # flagged: GPT028
portable = tok.apply_chat_template(messages, return_dict=True, return_tensors="pt")
model.generate(**portable)
len(portable)  # with tensors: not this rule's
unknown = tok.apply_chat_template(messages, **options)
model.generate(unknown)
len(tok.apply_chat_template(messages, return_dict=bool(options)))
len(tok.apply_chat_template(messages, tools=[], enable_thinking=False))  # a template keyword: unknown


def len(x):  # noqa: A001 - shadows the builtin: not a measure any more
    return 0


len(chat)
