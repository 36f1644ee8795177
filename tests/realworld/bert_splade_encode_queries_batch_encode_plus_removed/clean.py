"""neural-cherche's Splade (neural_cherche/models/base.py, models/splade.py, retrieve/splade.py and
utils/iter.py, trimmed into one file)."""
import json
import os
from abc import ABC, abstractmethod

import torch
from huggingface_hub import hf_hub_download
from transformers import AutoModelForMaskedLM, AutoTokenizer


def batchify(X: list[str], batch_size: int, desc: str = "", tqdm_bar: bool = True) -> list:
    os.environ["TOKENIZERS_PARALLELISM"] = "false"
    batchs = [X[pos: pos + batch_size] for pos in range(0, len(X), batch_size)]
    yield from batchs


class Base(ABC, torch.nn.Module):
    """Base class from which all models inherit."""

    def __init__(
        self,
        model_name_or_path: str,
        device: str = None,
        extra_files_to_load: list[str] = [],
        query_prefix: str = "[Q] ",
        document_prefix: str = "[D] ",
        padding: str = "max_length",
        truncation: bool | None = True,
        add_special_tokens: bool = True,
        n_mask_tokens: int = 5,
        freeze_layers_except_last_n: int = None,
        **kwargs,
    ) -> None:
        super(Base, self).__init__()

        self.query_prefix = query_prefix
        self.document_prefix = document_prefix
        self.padding = padding
        self.truncation = truncation
        self.add_special_tokens = add_special_tokens
        self.n_mask_tokens = n_mask_tokens

        if device is not None:
            self.device = device
        elif torch.cuda.is_available():
            self.device = "cuda"
        else:
            self.device = "cpu"

        self.model = AutoModelForMaskedLM.from_pretrained(
            pretrained_model_name_or_path=model_name_or_path, **kwargs
        ).to(self.device)

        # Download linear layer if exists
        for file in extra_files_to_load:
            try:
                _ = hf_hub_download(repo_id=model_name_or_path, filename=file, cache_dir=".")
            except:  # noqa: E722
                pass

        self.tokenizer = AutoTokenizer.from_pretrained(
            pretrained_model_name_or_path=model_name_or_path,
            device=self.device,
            **kwargs,
        )

        self.model.config.output_hidden_states = True
        self.model_folder = model_name_or_path  # a local checkpoint

        self.query_pad_token = self.tokenizer.mask_token
        self.original_pad_token = self.tokenizer.pad_token

    def _encode(self, texts: list[str], **kwargs) -> tuple[torch.Tensor, torch.Tensor]:
        """Encode sentences."""
        encoded_input = self.tokenizer(texts, return_tensors="pt", **kwargs)

        if self.device != "cpu":
            encoded_input = {key: value.to(self.device) for key, value in encoded_input.items()}

        output = self.model(**encoded_input)

        return (
            output.logits,
            output.hidden_states[-1],
            encoded_input["attention_mask"].unsqueeze(-1),
        )

    @abstractmethod
    def forward(self, *args, **kwargs):
        pass

    @abstractmethod
    def encode(self, *args, **kwargs):
        pass


class Splade(Base):
    """SpladeV1 model."""

    def __init__(
        self,
        model_name_or_path: str = None,
        device: str = None,
        max_length_query: int = 64,
        max_length_document: int = 256,
        extra_files_to_load: list[str] = ["metadata.json"],
        query_prefix: str = "",
        document_prefix: str = "",
        padding: str = "max_length",
        truncation: bool | None = True,
        add_special_tokens: bool = True,
        n_mask_tokens: int = 3,
        freeze_layers_except_last_n: int = None,
        **kwargs,
    ) -> None:
        super(Splade, self).__init__(
            model_name_or_path=model_name_or_path,
            device=device,
            extra_files_to_load=extra_files_to_load,
            query_prefix=query_prefix,
            document_prefix=document_prefix,
            padding=padding,
            truncation=truncation,
            add_special_tokens=add_special_tokens,
            n_mask_tokens=n_mask_tokens,
            freeze_layers_except_last_n=freeze_layers_except_last_n,
            **kwargs,
        )

        self.relu = torch.nn.ReLU().to(self.device)

        if os.path.exists(path=os.path.join(self.model_folder, "metadata.json")):
            with open(file=os.path.join(self.model_folder, "metadata.json"), mode="r") as file:
                metadata = json.load(fp=file)
            max_length_query = metadata["max_length_query"]
            max_length_document = metadata["max_length_document"]

        self.max_length_query = max_length_query
        self.max_length_document = max_length_document

    @torch.no_grad()
    def encode(self, texts: list[str], query_mode: bool = True, **kwargs) -> dict[str, torch.Tensor]:
        return self(texts=texts, query_mode=query_mode, **kwargs)

    def forward(self, texts: list[str], query_mode: bool, **kwargs) -> dict[str, torch.Tensor]:
        prefix = self.query_prefix if query_mode else self.document_prefix
        suffix = " ".join([self.tokenizer.mask_token] * self.n_mask_tokens)
        texts = [prefix + text + " " + suffix for text in texts]

        self.tokenizer.pad_token = self.query_pad_token if query_mode else self.original_pad_token

        k_tokens = self.max_length_query if query_mode else self.max_length_document

        logits, _, attention_mask = self._encode(
            texts=texts,
            truncation=self.truncation,
            padding=self.padding,
            add_special_tokens=self.add_special_tokens,
            max_length=self.max_length_query if query_mode else self.max_length_document,
            **kwargs,
        )

        activations = self._get_activation(logits=logits * attention_mask)
        activations = self._update_activations(**activations, k_tokens=k_tokens)
        return {"sparse_activations": activations["sparse_activations"]}

    def _get_activation(self, logits: torch.Tensor) -> dict[str, torch.Tensor]:
        return {"sparse_activations": torch.amax(input=torch.log1p(input=self.relu(logits)), dim=1)}

    def _update_activations(self, sparse_activations: torch.Tensor, k_tokens: int) -> torch.Tensor:
        activations = torch.topk(input=sparse_activations, k=k_tokens, dim=1).indices
        sparse_activations = sparse_activations * torch.zeros(
            (sparse_activations.shape[0], sparse_activations.shape[1]),
            dtype=int,
            device=self.device,
        ).scatter_(dim=1, index=activations.long(), value=1)
        return {"activations": activations, "sparse_activations": sparse_activations}


class SpladeRetriever:
    """retrieve.Splade, its queries' encoding."""

    def __init__(self, key: str, on: list[str], model: Splade) -> None:
        self.key = key
        self.on = on
        self.model = model

    def encode_queries(self, queries: list[str], batch_size: int = 32, tqdm_bar: bool = True,
                       query_mode: bool = True, desc: str = "queries embeddings", **kwargs) -> dict:
        queries_embeddings = {}
        for batch_queries in batchify(queries, batch_size=batch_size, tqdm_bar=tqdm_bar,
                                      desc=f"{self.__class__.__name__}  {desc}"):
            embeddings = self.model.encode(batch_queries, query_mode=query_mode, **kwargs)
            for query, sparse_activation in zip(batch_queries, embeddings["sparse_activations"]):
                queries_embeddings[query] = sparse_activation
        return queries_embeddings


model = Splade(
    model_name_or_path="bert-base-uncased",  # a BERT SPLADE checkpoint (BertTokenizer) in the report
    device="cpu",
)
retriever = SpladeRetriever(key="id", on=["title", "text"], model=model)
queries_embeddings = retriever.encode_queries(["Sports", "Music"], batch_size=32)
print(len(queries_embeddings), int((queries_embeddings["Music"] > 0).sum()) <= model.max_length_query)
