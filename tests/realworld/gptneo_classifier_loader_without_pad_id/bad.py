import torch
from transformers import GPT2Tokenizer, GPTNeoForSequenceClassification


class ModelLoader:
    """GPT-Neo model loader implementation for sequence classification tasks."""

    _VARIANTS = {"125M": "EleutherAI/gpt-neo-125m"}
    DEFAULT_VARIANT = "125M"
    sample_text = "the movie was great!"

    def __init__(self, variant=None):
        self.pretrained_model_name = self._VARIANTS[variant or self.DEFAULT_VARIANT]
        self.tokenizer = None

    def _load_tokenizer(self, dtype_override=None):
        self.tokenizer = GPT2Tokenizer.from_pretrained(self.pretrained_model_name)
        # Set pad token to eos token for GPT-Neo
        self.tokenizer.pad_token = self.tokenizer.eos_token
        return self.tokenizer

    def load_model(self, *, dtype_override=None, **kwargs):
        if self.tokenizer is None:
            self._load_tokenizer(dtype_override=dtype_override)
        model_kwargs = {}
        if dtype_override is not None:
            model_kwargs["dtype"] = dtype_override
        model_kwargs |= kwargs
        model = GPTNeoForSequenceClassification.from_pretrained(self.pretrained_model_name, **model_kwargs)
        model.eval()
        self.model = model
        return model

    def load_inputs(self, dtype_override=None):
        if self.tokenizer is None:
            self._load_tokenizer(dtype_override=dtype_override)
        return self.tokenizer(self.sample_text, return_tensors="pt")


loader = ModelLoader()
model = loader.load_model()
inputs = loader.load_inputs()
batch_size = 2
batched = {key: torch.cat([value] * batch_size) for key, value in inputs.items()}
with torch.no_grad():
    print(model(**batched).logits.shape)
