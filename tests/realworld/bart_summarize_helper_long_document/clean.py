import re

from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

model = AutoModelForSeq2SeqLM.from_pretrained("facebook/bart-base")  # hyunwoongko/ctrlsum-cnndm, a BART
tokenizer = AutoTokenizer.from_pretrained("facebook/bart-base")

# transcripts scraped from web pages: the fourth one is a long document
text_all = [
    "<p>The dog sits on the mat.</p>",
    "<p>The quick brown fox jumps over the lazy dog.</p>",
    "<p>Birds sing in the morning.</p>",
    "<p>" + " ".join(["The quick brown fox jumps over the lazy dog while the cat sat on the mat."] * 80) + "</p>",
]

CLEANR = re.compile('<.*?>')


def sum_ctrlsum(text):
    # BART reads at most 1024 positions: cut longer documents to them
    data = tokenizer(text, truncation=True, max_length=1024, return_tensors="pt")
    input_ids, attention_mask = data["input_ids"], data["attention_mask"]
    res = tokenizer.batch_decode(model.generate(input_ids, attention_mask=attention_mask, num_beams=5, min_length=100, max_length=200))[0]
    res = re.sub(CLEANR, '', res)
    return res


summary = sum_ctrlsum(text_all[3])
print(len(summary) > 0)
