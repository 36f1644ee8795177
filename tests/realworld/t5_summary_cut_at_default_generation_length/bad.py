from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

model = AutoModelForSeq2SeqLM.from_pretrained("t5-small")  # google/flan-t5-large in the report
tokenizer = AutoTokenizer.from_pretrained("t5-small")

inputs = tokenizer("Summarize the following text: Peter and Elizabeth took a taxi to attend the night party in the city. While in the party, Elizabeth collapsed and was rushed to the hospital. Since she was diagnosed with a brain injury, the doctor told Peter to stay besides her until she gets well. Therefore, Peter stayed with her at the hospital for 3 days without leaving.", return_tensors="pt")
outputs = model.generate(**inputs)
print(outputs.shape[-1])
print(tokenizer.batch_decode(outputs, skip_special_tokens=True))
