from typing import Any, Dict, Optional, Union

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


class TransformerBridge:
    """The part of TransformerLens' bridge around a Hugging Face model that hf_generate uses."""

    def __init__(self, original_model, tokenizer, device="cpu"):
        self.original_model = original_model
        self.tokenizer = tokenizer
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.device = device

    @classmethod
    def boot(cls, model_name: str):
        return cls(AutoModelForCausalLM.from_pretrained(model_name), AutoTokenizer.from_pretrained(model_name))

    def hf_generate(
        self,
        input: Union[str, list, torch.Tensor] = "",
        max_new_tokens: int = 10,
        stop_at_eos: bool = True,
        eos_token_id: Optional[int] = None,
        do_sample: bool = True,
        temperature: float = 1.0,
        use_past_kv_cache: bool = True,
        return_type: Optional[str] = "input",
        generation_kwargs: Optional[Dict[str, Any]] = None,
    ):
        if isinstance(input, str):
            inputs = self.tokenizer(input, return_tensors="pt", padding=False, truncation=False).to(self.device)
            input_ids = inputs["input_ids"]
            input_type = "str"
        elif isinstance(input, list):
            inputs = self.tokenizer(input, return_tensors="pt", padding=True, truncation=False).to(self.device)
            input_ids = inputs["input_ids"]
            input_type = "list"
        else:
            input_ids = input
            input_type = "tokens"

        generation_kwargs = dict(generation_kwargs) if generation_kwargs is not None else {}
        generation_kwargs.update(
            {
                "max_new_tokens": max_new_tokens,
                "do_sample": do_sample,
                "temperature": temperature,
                "pad_token_id": self.tokenizer.eos_token_id,
            }
        )
        if eos_token_id is not None:
            generation_kwargs["eos_token_id"] = eos_token_id
        elif stop_at_eos and self.tokenizer.eos_token_id is not None:
            generation_kwargs["eos_token_id"] = self.tokenizer.eos_token_id
        if use_past_kv_cache:
            generation_kwargs["use_cache"] = True

        with torch.no_grad():
            outputs = self.original_model.generate(input_ids, **generation_kwargs)

        if return_type == "input" and input_type == "str":
            return self.tokenizer.decode(outputs[0], skip_special_tokens=True)
        if return_type == "input" and input_type == "list":
            return [self.tokenizer.decode(seq, skip_special_tokens=True) for seq in outputs]
        return outputs


bridge = TransformerBridge.boot("gpt2")  # distilgpt2 in the report
prompts = ["The capital of France is", "Hi"]
batched = bridge.hf_generate(prompts, max_new_tokens=8, do_sample=False, return_type="input")
for text in batched:
    print(repr(text))
