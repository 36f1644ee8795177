from functools import partial

import datasets
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer, Seq2SeqTrainer, Seq2SeqTrainingArguments

MAX_OUTPUT_SEQ = 35
BATCH_SIZE = 2
DIR_NAME = './test_dir'
DEVICE = 'cpu'
EPOCHS = 3

input_filtered = ["the dog sat on the mat", "a cat ran", "the quick fox jumps", "birds sing in the morning"]
orig_sent_filtered = ["The dog sat on the mat.", "A cat ran.", "The quick fox jumps.", "Birds sing in the morning."]

tokenizer = AutoTokenizer.from_pretrained("facebook/bart-base")
model = AutoModelForSeq2SeqLM.from_pretrained("facebook/bart-base")


def tokenize_function(tok, seq_length, example):
    inp = tok(example['input_seq'], padding=True, truncation=True)
    outp = tok(example['orig_sent'],
               padding="max_length",
               max_length=seq_length)

    # the model shifts the labels right into its decoder inputs; pads are left out of the loss
    labels = [[t if t != tok.pad_token_id else -100 for t in ids] for ids in outp['input_ids']]
    res = {
        'input_ids': inp['input_ids'],
        'attention_mask': inp['attention_mask'],
        'labels': labels,
    }
    return res


ds = datasets.Dataset.from_dict({
    "input_seq": input_filtered,
    "orig_sent": orig_sent_filtered
})

data_tokenized = ds.map(
    partial(tokenize_function, tokenizer, MAX_OUTPUT_SEQ),
    batched=True,
    batch_size=BATCH_SIZE,
    remove_columns=['input_seq', 'orig_sent'])

training_args = Seq2SeqTrainingArguments(
    output_dir=DIR_NAME,
    per_device_eval_batch_size=BATCH_SIZE,
    num_train_epochs=EPOCHS,
    report_to=[],
    use_cpu=True,
)
trainer = Seq2SeqTrainer(model=model, args=training_args, eval_dataset=data_tokenized, processing_class=tokenizer)
print(round(trainer.evaluate()["eval_loss"], 4))
