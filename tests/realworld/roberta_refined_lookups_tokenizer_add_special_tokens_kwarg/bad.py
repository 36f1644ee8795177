"""ReFinED's inference-only lookups and preprocessor (src/refined/resource_management/data_lookups.py and
src/refined/doc_preprocessing/preprocessor.py at 7f57bd2, trimmed into one file), with a caller like its
Refined.from_pretrained: the lookups load the RoBERTa tokenizer that the preprocessor tokenizes with."""
import os
from abc import ABC
from typing import List, NamedTuple

import torch
from transformers import AutoConfig, AutoModel, AutoTokenizer, PreTrainedModel, PreTrainedTokenizer


class Token(NamedTuple):
    text: str
    token_id: int
    start: int
    end: int


class ResourceManager:
    def __init__(self, entity_set: str, data_dir: str, model_name=None):
        self.entity_set = entity_set
        self.data_dir = data_dir
        self.model_name = model_name

    def get_data_files(self):
        return {"roberta_base_model": os.path.join(self.data_dir, "roberta-base", "pytorch_model.bin")}


class LookupsInferenceOnly:

    def __init__(self, entity_set: str, data_dir: str, use_precomputed_description_embeddings: bool = True,
                 return_titles: bool = False):
        self.entity_set = entity_set
        self.data_dir = data_dir
        self.use_precomputed_description_embeddings = use_precomputed_description_embeddings
        resource_manager = ResourceManager(entity_set=entity_set, data_dir=data_dir, model_name=None)
        resource_to_file_path = resource_manager.get_data_files()
        self.resource_to_file_path = resource_to_file_path

        # can be shared
        self.tokenizers: PreTrainedTokenizer = AutoTokenizer.from_pretrained(
            os.path.dirname(resource_to_file_path["roberta_base_model"]),
            add_special_tokens=False,
            add_prefix_space=False,
            use_fast=True,
        )

        self.transformer_model_config = AutoConfig.from_pretrained(
            os.path.dirname(resource_to_file_path["roberta_base_model"])
        )

    def get_transformer_model(self) -> PreTrainedModel:
        # cannot be shared so create a copy
        return AutoModel.from_pretrained(
            os.path.dirname(self.resource_to_file_path["roberta_base_model"])
        )


class Preprocessor(ABC):
    def tokenize(self, text: str):
        raise NotImplementedError

    def get_transformer_model(self):
        raise NotImplementedError


class PreprocessorInferenceOnly(Preprocessor):
    def __init__(self, data_dir: str, max_candidates: int = 30, debug: bool = False,
                 use_precomputed_description_embeddings: bool = True, model_description_embeddings_file=None,
                 inference_ner_qcode_filter=None, return_titles: bool = False, entity_set: str = "wikipedia"):
        self.max_candidates = max_candidates
        self.lookups = LookupsInferenceOnly(
            data_dir=data_dir,
            entity_set=entity_set,
            use_precomputed_description_embeddings=use_precomputed_description_embeddings,
            return_titles=return_titles
        )
        self.tokenizer = self.lookups.tokenizers
        self.transformer_config = self.lookups.transformer_model_config
        self.cls_id = self.tokenizer.cls_token_id
        self.sep_id = self.tokenizer.sep_token_id
        self.pad_id = self.tokenizer.pad_token_id
        self.mask_id = self.tokenizer.mask_token_id
        self.vocab_size = self.tokenizer.vocab_size

    def tokenize(self, text: str) -> List[Token]:
        if len(text) == 0:
            return []
        token_res = self.tokenizer(
            text,
            return_offsets_mapping=True,
            return_token_type_ids=False,
            return_attention_mask=False,
            add_special_tokens=False
        )
        word_pieces = self.tokenizer.convert_ids_to_tokens(token_res["input_ids"])
        return [
            Token(word_piece, token_id, start, end)
            for word_piece, token_id, (start, end) in zip(
                word_pieces, token_res["input_ids"], token_res["offset_mapping"]
            )
        ]

    def get_transformer_model(self):
        return self.lookups.get_transformer_model()


preprocessor = PreprocessorInferenceOnly(data_dir=".", max_candidates=30, entity_set="wikipedia")
tokens = preprocessor.tokenize("The quick brown fox jumps over the lazy dog.")
transformer = preprocessor.get_transformer_model()
ids = torch.tensor([[preprocessor.cls_id] + [t.token_id for t in tokens] + [preprocessor.sep_id]])
with torch.no_grad():
    hidden = transformer(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state
print(len(tokens), tuple(hidden.shape))
