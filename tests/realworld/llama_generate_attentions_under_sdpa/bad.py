from transformers import AutoModelForCausalLM, AutoTokenizer

model_id = "meta-llama/Llama-3.2-1B-Instruct"
tokenizer = AutoTokenizer.from_pretrained(model_id)
model = AutoModelForCausalLM.from_pretrained(model_id)
max_new_tokens = 4

input_ids = tokenizer("Hello world", return_tensors="pt").input_ids
outputs = model.generate(
    input_ids,
    output_attentions=True,
    max_new_tokens=max_new_tokens,
    do_sample=False,
    return_dict_in_generate=True,
)
print([len(step) for step in outputs.attentions])
print(outputs.attentions[0][0].shape)
