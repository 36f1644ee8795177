from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Union

import torch
from torch.utils.data import DataLoader
from transformers import AutoTokenizer, BatchEncoding, PreTrainedTokenizerBase


class DatasetEncoder(torch.utils.data.Dataset):

    def __init__(self, datalist: List, model_name=None, tokenizer=None) -> None:
        self.datalist = datalist
        if model_name is None and tokenizer is None:
            raise ValueError('model_name and tokenizer could not both be None')
        if tokenizer is not None:
            self.tokenizer = tokenizer
        else:
            self.tokenizer = AutoTokenizer.from_pretrained(model_name)
            self.tokenizer.pad_token = self.tokenizer.eos_token
            self.tokenizer.pad_token_id = self.tokenizer.eos_token_id
            self.tokenizer.padding_side = 'left'
        self.encode_dataset = []
        self.init_dataset()
        self.datalist_length = len(self.encode_dataset)

    def init_dataset(self):
        for idx, data in enumerate(self.datalist):
            tokenized_data = self.tokenizer(data,
                                            truncation=True,
                                            return_tensors='pt',
                                            verbose=False)
            self.encode_dataset.append({
                'input_ids': tokenized_data.input_ids[0],
                'attention_mask': tokenized_data.attention_mask[0],
                'metadata': {
                    'id': idx,
                    'len': len(tokenized_data.input_ids[0]),
                    'text': data
                }
            })

    def __len__(self):
        return self.datalist_length

    def __getitem__(self, idx):
        return self.encode_dataset[idx]


class ListWrapper:
    def __init__(self, data: List[Any]):
        self.data = data

    def to(self, device, **kwargs):
        return self.data

    def __iter__(self):
        return iter(self.data)


def ignore_pad_dict(features):
    res_dict = {}
    if 'metadata' in features[0]:
        res_dict['metadata'] = ListWrapper([x.pop('metadata') for x in features])
    return res_dict


@dataclass
class DataCollatorWithPaddingAndCuda:
    tokenizer: PreTrainedTokenizerBase
    device: object = None
    padding: Union[bool, str] = True
    max_length: Optional[int] = 3000
    pad_to_multiple_of: Optional[int] = None

    def __call__(self, features: List[Dict[str, Union[List[int], torch.Tensor]]]) -> BatchEncoding:
        res_dict = ignore_pad_dict(features)
        batch = self.tokenizer.pad(features,
                                   padding=True,
                                   max_length=self.max_length,
                                   pad_to_multiple_of=self.pad_to_multiple_of,
                                   return_attention_mask=True,
                                   return_tensors='pt',
                                   verbose=False)
        batch.update(res_dict)
        if self.device:
            batch = batch.to(self.device)
        return batch


class TopkRetriever:
    """The library's TopkRetriever, without its sentence-transformers model and faiss index."""

    def __init__(self,
                 test_corpus: List[str],
                 tokenizer_name: Optional[str] = 'gpt2-xl',
                 batch_size: Optional[int] = 10) -> None:
        self.device = 'cpu'
        self.batch_size = batch_size
        self.tokenizer = AutoTokenizer.from_pretrained(tokenizer_name)
        self.tokenizer.pad_token = self.tokenizer.eos_token
        self.tokenizer.pad_token_id = self.tokenizer.eos_token_id
        self.tokenizer.padding_side = 'right'

        self.encode_dataset = DatasetEncoder(test_corpus, tokenizer=self.tokenizer)
        co = DataCollatorWithPaddingAndCuda(tokenizer=self.tokenizer, device=self.device)
        self.dataloader = DataLoader(self.encode_dataset, batch_size=self.batch_size, collate_fn=co)

    def forward(self):
        res_list = []
        for entry in self.dataloader:
            with torch.no_grad():
                metadata = entry.pop('metadata')
                raw_text = self.tokenizer.batch_decode(entry['input_ids'], skip_special_tokens=True)
            res_list.extend([{'text': t, 'metadata': m} for t, m in zip(raw_text, metadata)])
        return res_list


retriever = TopkRetriever(
    ["Question: what is the weather today? Answer:", "Hello world"],
    tokenizer_name="Qwen/Qwen2-0.5B-Instruct",  # a Qwen2 model's tokenizer in the report
    batch_size=2,
)
print([(r['metadata']['id'], r['metadata']['len']) for r in retriever.forward()])
