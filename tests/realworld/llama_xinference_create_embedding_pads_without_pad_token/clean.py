"""Xinference's PyTorch LLM classes (xinference/model/llm/pytorch/core.py and llama_2.py at the parent of cc38bb5,
trimmed into one file), with a caller like its model launcher: a Llama-2 model found by the classes' match
classmethods, loaded, then asked for embeddings of two texts."""
from dataclasses import dataclass, field
from typing import List, Optional, TypedDict, Union


class PytorchModelConfig(TypedDict, total=False):
    revision: Optional[str]
    device: str
    num_gpus: int


@dataclass
class LLMSpecV1:
    model_format: str
    model_revision: Optional[str] = None


@dataclass
class LLMFamilyV1:
    model_name: str
    model_ability: List[str] = field(default_factory=list)


class LLM:
    def __init__(self, model_uid, model_family, model_spec, quantization, model_path):
        self.model_uid = model_uid
        self.model_family = model_family
        self.model_spec = model_spec
        self.quantization = quantization
        self.model_path = model_path


class PytorchModel(LLM):
    def __init__(
        self,
        model_uid: str,
        model_family: "LLMFamilyV1",
        model_spec: "LLMSpecV1",
        quantization: str,
        model_path: str,
        pytorch_model_config: Optional[PytorchModelConfig] = None,
    ):
        super().__init__(model_uid, model_family, model_spec, quantization, model_path)
        self._use_fast_tokenizer = True
        self._pytorch_model_config: PytorchModelConfig = self._sanitize_model_config(
            pytorch_model_config
        )

    def _sanitize_model_config(
        self, pytorch_model_config: Optional[PytorchModelConfig]
    ) -> PytorchModelConfig:
        if pytorch_model_config is None:
            pytorch_model_config = PytorchModelConfig()
        pytorch_model_config.setdefault("revision", self.model_spec.model_revision)
        pytorch_model_config.setdefault("num_gpus", 1)
        pytorch_model_config.setdefault("device", "auto")
        return pytorch_model_config

    def _load_model(self, kwargs: dict):
        try:
            from transformers import AutoModelForCausalLM, AutoTokenizer
        except ImportError:
            raise ImportError("Failed to import module 'transformers'")

        tokenizer = AutoTokenizer.from_pretrained(
            self.model_path,
            use_fast=self._use_fast_tokenizer,
            trust_remote_code=True,
            revision=kwargs["revision"],
        )
        model = AutoModelForCausalLM.from_pretrained(
            self.model_path,
            trust_remote_code=True,
            low_cpu_mem_usage=True,
            **kwargs,
        )
        return model, tokenizer

    def _select_device(self, device: str) -> str:
        import torch

        if device == "auto":
            return "cuda" if torch.cuda.is_available() else "cpu"
        return device

    def load(self):
        import torch

        self._pytorch_model_config["device"] = self._select_device(self._pytorch_model_config.get("device", "auto"))
        self._device = self._pytorch_model_config["device"]
        if self._device == "cpu":
            kwargs = {"torch_dtype": torch.float32}
        else:
            kwargs = {"torch_dtype": torch.float16}
        kwargs["revision"] = self._pytorch_model_config.get(
            "revision", self.model_spec.model_revision
        )
        self._model, self._tokenizer = self._load_model(kwargs)

    @classmethod
    def match(cls, llm_family: "LLMFamilyV1", llm_spec: "LLMSpecV1") -> bool:
        if llm_spec.model_format != "pytorch":
            return False
        if "generate" not in llm_family.model_ability:
            return False
        return True

    def create_embedding(self, input: Union[str, List[str]]):
        import torch
        import torch.nn.functional as F

        if isinstance(input, str):
            inputs = [input]
        else:
            inputs = input

        tokenizer = self._tokenizer
        is_llama = "llama" in str(type(self._model))  # llama supports batch inference
        if is_llama:
            encoding = tokenizer(
                inputs, padding=True, return_tensors="pt"
            )
            input_ids = encoding["input_ids"].to(self._device)
            attention_mask = encoding["attention_mask"].to(self._device)
            model_output = self._model(
                input_ids, attention_mask, output_hidden_states=True
            )
            data = model_output.hidden_states[-1]
            mask = attention_mask.unsqueeze(-1).expand(data.size()).float()
            sum_embeddings = torch.sum(data * mask, dim=1)
            seq_length = torch.sum(mask, dim=1)
            normalized_embeddings = F.normalize(sum_embeddings / seq_length, p=2, dim=1).tolist()
            token_num = torch.sum(attention_mask).item()
            return {"object": "list", "model": self.model_uid,
                    "data": [{"index": i, "object": "embedding", "embedding": d}
                             for i, d in enumerate(normalized_embeddings)],
                    "usage": {"prompt_tokens": token_num, "total_tokens": token_num}}
        embedding = []
        for index, text in enumerate(inputs):
            input_ids = tokenizer.encode(text, return_tensors="pt").to(self._device)
            model_output = self._model(input_ids, output_hidden_states=True)
            data = F.normalize(torch.mean(model_output.hidden_states[-1][0], dim=0), p=2, dim=0)
            embedding.append({"index": index, "object": "embedding", "embedding": data.tolist()})
        return {"object": "list", "model": self.model_uid, "data": embedding}


class PytorchChatModel(PytorchModel):
    @classmethod
    def match(cls, llm_family: "LLMFamilyV1", llm_spec: "LLMSpecV1") -> bool:
        if llm_spec.model_format != "pytorch":
            return False
        if "chat" not in llm_family.model_ability:
            return False
        return True


class LlamaPytorchModel(PytorchModel):
    def __init__(
        self,
        model_uid: str,
        model_family: "LLMFamilyV1",
        model_spec: "LLMSpecV1",
        quantization: str,
        model_path: str,
        pytorch_model_config: Optional[PytorchModelConfig] = None,
    ):
        super().__init__(
            model_uid,
            model_family,
            model_spec,
            quantization,
            model_path,
            pytorch_model_config=pytorch_model_config,
        )

    def _load_model(self, kwargs: dict):
        model, tokenizer = super()._load_model(kwargs)
        # Llama has no pad token by default
        tokenizer.pad_token = tokenizer.eos_token
        model.config.eos_token_id = tokenizer.eos_token_id
        model.config.pad_token_id = tokenizer.pad_token_id
        return model, tokenizer

    @classmethod
    def match(cls, llm_family: "LLMFamilyV1", llm_spec: "LLMSpecV1") -> bool:
        if llm_spec.model_format != "pytorch":
            return False
        if "llama-2" not in llm_family.model_name:
            return False
        if "generate" not in llm_family.model_ability:
            return False
        return True


class LlamaPytorchChatModel(PytorchChatModel):
    def __init__(
        self,
        model_uid: str,
        model_family: "LLMFamilyV1",
        model_spec: "LLMSpecV1",
        quantization: str,
        model_path: str,
        pytorch_model_config: Optional["PytorchModelConfig"] = None,
    ):
        super().__init__(
            model_uid,
            model_family,
            model_spec,
            quantization,
            model_path,
            pytorch_model_config=pytorch_model_config,
        )
        self._use_fast_tokenizer = False

    def _load_model(self, kwargs: dict):
        model, tokenizer = super()._load_model(kwargs)
        # Llama has no pad token by default
        tokenizer.pad_token = tokenizer.eos_token
        model.config.eos_token_id = tokenizer.eos_token_id
        model.config.pad_token_id = tokenizer.pad_token_id
        return model, tokenizer

    @classmethod
    def match(cls, llm_family: "LLMFamilyV1", llm_spec: "LLMSpecV1") -> bool:
        if llm_spec.model_format != "pytorch":
            return False
        if "llama-2" not in llm_family.model_name:
            return False
        if "chat" not in llm_family.model_ability:
            return False
        return True


LLM_CLASSES = [LlamaPytorchChatModel, LlamaPytorchModel, PytorchChatModel, PytorchModel]


def match_llm_cls(llm_family: LLMFamilyV1, llm_spec: LLMSpecV1):
    for cls in LLM_CLASSES:
        if cls.match(llm_family, llm_spec):
            return cls
    return None


llm_family = LLMFamilyV1(model_name="llama-2", model_ability=["embed", "generate"])
llm_spec = LLMSpecV1(model_format="pytorch")
llm_cls = match_llm_cls(llm_family, llm_spec)
model = llm_cls("llama-2-uid", llm_family, llm_spec, "none", "meta-llama/Llama-3.2-1B")
model.load()
embedding = model.create_embedding(["Once upon a time, there was a very old computer", "Hello world"])
print(type(model).__name__, len(embedding["data"]), embedding["usage"])
