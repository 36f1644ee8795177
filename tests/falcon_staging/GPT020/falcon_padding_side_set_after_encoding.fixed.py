# Finds: GPT020 14:17
# Fails with: nothing (silent: the batch was padded before the side changed, so the fixed code prints other tokens)
# Fix: unsafe
from transformers import AutoModelForCausalLM, AutoTokenizer


def main():
    tokenizer = AutoTokenizer.from_pretrained("tiiuae/falcon-7b")
    tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained("tiiuae/falcon-7b")
    prompts = ["Hello world", "The quick brown fox jumps over the lazy dog."]
    batch = tokenizer(prompts, padding=True, return_tensors="pt", padding_side="left")
    tokenizer.padding_side = "left"
    generated = model.generate(batch["input_ids"], attention_mask=batch["attention_mask"], max_new_tokens=4)
    print(generated[0].tolist())


main()
