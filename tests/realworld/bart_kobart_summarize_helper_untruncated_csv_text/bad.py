import pandas as pd
import torch
from transformers import BartForConditionalGeneration, PreTrainedTokenizerFast

# gogamza/kobart-summarization in the report
# (KoBART's tokenizer files name its <s> and </s>; the tiny stand-in's do not)
tokenizer = PreTrainedTokenizerFast.from_pretrained('facebook/bart-base', bos_token='<s>', eos_token='</s>')
model = BartForConditionalGeneration.from_pretrained('facebook/bart-base')


# define summarize function
def summarize(text):
    raw_input_ids = tokenizer.encode(text)
    input_ids = [tokenizer.bos_token_id] + raw_input_ids + [tokenizer.eos_token_id]

    summary_ids = model.generate(torch.tensor([input_ids]), num_beams=4, max_length=16, eos_token_id=2)  # max_length=512, eos_token_id=1 (KoBART's </s>) in the report
    result = tokenizer.decode(summary_ids.squeeze().tolist(), skip_special_tokens=True)
    return result


# read csv: pd.read_csv('textlist.csv', encoding='ANSI') in the report
df = pd.DataFrame({"text": [" ".join(["The weather today is sunny and warm."] * 200)]})
text = df.text[0]

print(summarize(text[:5000]))  # text[:1999] in the report: the first slice past 1,024 tokens there
