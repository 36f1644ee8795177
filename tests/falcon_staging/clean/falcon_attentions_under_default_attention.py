# Falcon's attention computes its weights itself when they are asked for, even under its default SDPA
# attention (transformers 4.57 and 5.24): output_attentions=True gives one tensor a layer, as eager does.
from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("tiiuae/falcon-7b")
model = AutoModelForCausalLM.from_pretrained("tiiuae/falcon-7b")
encoded = tokenizer("The quick brown fox", return_tensors="pt")
outputs = model(**encoded, output_attentions=True)
print("attention layers:", len(outputs.attentions))
