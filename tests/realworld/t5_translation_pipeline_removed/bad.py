from transformers import pipeline

translator = pipeline("translation", model="t5-small")  # Helsinki-NLP/opus-mt-fr-en in the course
print(translator("Ce cours est produit par Hugging Face.", max_new_tokens=8))
