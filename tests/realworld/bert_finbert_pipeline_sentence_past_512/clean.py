from transformers import BertForSequenceClassification, BertTokenizer, pipeline

finbert = BertForSequenceClassification.from_pretrained('bert-base-uncased', num_labels=3)  # yiyanghkust/finbert-tone
tokenizer = BertTokenizer.from_pretrained('bert-base-uncased')

nlp = pipeline("sentiment-analysis", model=finbert, tokenizer=tokenizer)

# sentences of a conference call, split by NLTK; one runs on through many semicolons
sentences = [
    "there is a shortage of capital, and we need extra financing",
    "growth is strong and we have plenty of liquidity",
    "; ".join(["the quick brown fox jumps over the lazy dog"] * 60),
]
results = nlp(sentences, truncation=True)
print([r["label"] for r in results])
