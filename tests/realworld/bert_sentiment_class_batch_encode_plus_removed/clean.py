import re
from typing import List

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer


class SentimentModel():
    def __init__(self, model_name: str = "bert-base-uncased"):  # oliverguhr/german-sentiment-bert in the report
        if torch.cuda.is_available():
            self.device = 'cuda'
        else:
            self.device = 'cpu'

        self.model = AutoModelForSequenceClassification.from_pretrained(model_name)
        self.model = self.model.to(self.device)
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)

        self.clean_chars = re.compile(r'[^A-Za-züöäÖÜÄß ]', re.MULTILINE)
        self.clean_http_urls = re.compile(r'https*\S+', re.MULTILINE)
        self.clean_at_mentions = re.compile(r'@\S+', re.MULTILINE)

    def predict_sentiment(self, texts: List[str], output_probabilities=False) -> List[str]:
        texts = [self.clean_text(text) for text in texts]
        encoded = self.tokenizer(texts, padding=True, add_special_tokens=True, truncation=True, return_tensors="pt")
        encoded = encoded.to(self.device)
        with torch.no_grad():
            logits = self.model(**encoded)

        label_ids = torch.argmax(logits[0], axis=1)
        return [self.model.config.id2label[label_id.item()] for label_id in label_ids]

    def clean_text(self, text: str) -> str:
        text = text.replace("\n", " ")
        text = self.clean_http_urls.sub('', text)
        text = self.clean_at_mentions.sub('', text)
        text = self.clean_chars.sub('', text)
        text = ' '.join(text.split())
        return text.strip().lower()


model = SentimentModel()
texts = ["Mit keinem guten Ergebnis", "Das ist gar nicht mal so gut"]
result = model.predict_sentiment(texts)
print(result)
