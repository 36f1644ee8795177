from transformers import LlamaTokenizer

tokenizer = LlamaTokenizer.from_pretrained("mistralai/Mistral-7B-v0.1")
tokenizer.pad_token = tokenizer.unk_token

print(repr(tokenizer.pad_token))
print(repr(tokenizer.bos_token))
print(repr(tokenizer.eos_token))

batch = tokenizer(
    [
        "Singer Billy Joel yesterday ",
        "The primary use of LLaMA is research on large language ",
    ],
    return_tensors="pt",
    padding=True,
)
print(batch["input_ids"].shape)
