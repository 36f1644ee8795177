# Finds: GPT003 10:15
# Fails with: ValueError: Asking to pad but the tokenizer does not have a padding token.
# Fix: unsafe
# Falcon's tokenizer ships without a pad token, as GPT-Neo's (it pads on the right: left here, so only that).
from transformers import AutoTokenizer, FalconForCausalLM


def generate(texts):
    tokenizer = AutoTokenizer.from_pretrained("tiiuae/falcon-7b", padding_side="left")
    tokenizer.pad_token = tokenizer.eos_token
    encoded = tokenizer(texts, padding="longest", return_tensors="pt")
    model = FalconForCausalLM.from_pretrained("tiiuae/falcon-7b")
    return model.generate(**encoded, max_new_tokens=2, pad_token_id=tokenizer.eos_token_id)


print(generate(["Hello world", "This is some sample text."]).shape)
