from transformers import AutoTokenizer


class DatasetEncoder:
    def __init__(self, datalist, model_name="Qwen/Qwen2-0.5B-Instruct"):
        self.datalist = datalist
        self.tokenizer = AutoTokenizer.from_pretrained(model_name)
        self.encode_dataset = []
        self.init_dataset()

    def init_dataset(self):
        for idx, data in enumerate(self.datalist):
            tokenized_data = self.tokenizer(data, truncation=True, return_tensors="pt", verbose=False)
            self.encode_dataset.append(
                {"input_ids": tokenized_data.input_ids[0], "attention_mask": tokenized_data.attention_mask[0], "metadata": {"id": idx}}
            )


encoder = DatasetEncoder(["This is some sample text.", "Hello world"])
print([len(item["input_ids"]) for item in encoder.encode_dataset])
