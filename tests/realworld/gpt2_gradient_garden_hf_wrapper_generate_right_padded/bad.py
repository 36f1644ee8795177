"""gradient-garden's HF path (config.py, tokenization/hf_tokenizer.py, models/base.py,
models/implementations/hf_wrapper.py and inference/generation.py, trimmed into one file): batched
greedy generation from token ids through the project's tokenizer and model wrappers."""
from abc import ABC, abstractmethod
from enum import Enum

import torch
import torch.nn as nn
from pydantic import BaseModel as ConfigBase, ConfigDict
from transformers import AutoModelForCausalLM, AutoTokenizer


class ModelArchitecture(str, Enum):
    TENDRIL = 'tendril'
    HF_WRAPPER = 'hf_wrapper'


class ModelConfig(ConfigBase):
    model_config = ConfigDict(extra='forbid', protected_namespaces=())
    architecture: ModelArchitecture = ModelArchitecture.TENDRIL
    model_name: str | None = None
    max_seq_len: int = 1024


class HFTokenizer:
    def __init__(self, path, system_prompt, hf_token):
        self.model = AutoTokenizer.from_pretrained(path, token=hf_token)
        self.model.model_max_length = int(1e30)
        self.system_prompt = system_prompt

        if self.model.pad_token_id is None:
            self.model.pad_token = self.model.eos_token

        self.pad_id = self.model.pad_token_id
        self.pad_token = self.model.pad_token

        self.vocab_size = len(self.model)

        self.bos_id = self.model.bos_token_id
        self.eos_id = self.model.eos_token_id

        self.stop_tokens = {self.eos_id}

    def encode(self, text, add_special_tokens=False):
        return self.model.encode(text, add_special_tokens=add_special_tokens)

    def decode(self, tokens, skip_special_tokens=False):
        return self.model.decode(tokens, skip_special_tokens=skip_special_tokens)


class BaseModel(nn.Module, ABC):
    def __init__(self, *, config, pad_token_id: int, vocab_size: int, ignore_index: int):
        super().__init__()
        self.config = config
        self.pad_token_id = pad_token_id
        self.vocab_size = vocab_size
        self.ignore_index = ignore_index

    @abstractmethod
    def get_input_embeddings(self):
        ...


class HFModelWrapper(BaseModel):
    def __init__(
        self,
        *,
        config: ModelConfig,
        pad_token_id: int,
        vocab_size: int,
        ignore_index: int,
    ):
        super().__init__(
            config=config,
            pad_token_id=pad_token_id,
            vocab_size=vocab_size,
            ignore_index=ignore_index,
        )

        self.inner = AutoModelForCausalLM.from_pretrained(config.model_name)
        if self.inner.config.vocab_size != vocab_size:
            raise ValueError(
                f'Tokenizer vocab_size={vocab_size} != HF model vocab_size={self.inner.config.vocab_size}. '
                'You must pick a compatible tokenizer.'
            )

        self.hf_config = self.inner.config

        self.hf_config.pad_token_id = pad_token_id
        if getattr(self.inner, 'generation_config', None) is not None:
            self.inner.generation_config.pad_token_id = pad_token_id

    def get_input_embeddings(self):
        return self.inner.get_input_embeddings()


@torch.no_grad()
def generate(
    *,
    prompt_tokens,
    model,
    tokenizer,
    max_gen_len,
    temperature,
    top_p,
    repetition_penalty,
    no_repeat_ngram_size,
    device,
    dtype,
    use_kv_cache
):
    if hasattr(model, 'inner') and hasattr(model.inner, 'generate'):
        tokenizer.model.padding_side = 'right'
        batch_encoding = tokenizer.model.pad(
            [{'input_ids': ids} for ids in prompt_tokens],
            padding=True,
            return_attention_mask=True
        )
        padded = torch.tensor(batch_encoding['input_ids'], device=device)
        attn_mask = torch.tensor(batch_encoding['attention_mask'], device=device)

        gen_kwargs = dict(
            max_new_tokens=max_gen_len,
            pad_token_id=tokenizer.pad_id,
            eos_token_id=tokenizer.eos_id,
            do_sample=temperature > 0,
            temperature=temperature if temperature > 0 else 1.0,
            top_p=top_p if temperature > 0 else 1.0,
            repetition_penalty=repetition_penalty,
            no_repeat_ngram_size=no_repeat_ngram_size
        )
        gen_kwargs = {k: v for k, v in gen_kwargs.items() if v is not None}

        outputs = model.inner.generate(
            padded,
            attention_mask=attn_mask,
            **gen_kwargs,
        )

        results = []
        for i in range(len(prompt_tokens)):
            input_len = padded.shape[1]
            gen_ids = outputs[i, input_len:].tolist()

            stop_idx = None
            for j, tid in enumerate(gen_ids):
                if tid in tokenizer.stop_tokens:
                    stop_idx = j
                    break
            result_ids = gen_ids[:stop_idx] if stop_idx is not None else gen_ids
            results.append({'result': result_ids})
        return results
    raise NotImplementedError('the project\'s own decoding loop is not part of this case')


config = ModelConfig(architecture='hf_wrapper', model_name='gpt2')  # a hub causal LM named in the run's config
tokenizer = HFTokenizer('gpt2', system_prompt='You are a helpful AI assistant.', hf_token=None)
model = HFModelWrapper(config=config, pad_token_id=tokenizer.pad_id, vocab_size=tokenizer.vocab_size, ignore_index=-100)
model.eval()
prompts = ['The capital of France is a city that', 'Hello']
prompt_tokens = [tokenizer.encode(prompt) for prompt in prompts]
outputs = generate(prompt_tokens=prompt_tokens, model=model, tokenizer=tokenizer, max_gen_len=6, temperature=0.0,
                   top_p=1.0, repetition_penalty=None, no_repeat_ngram_size=None, device='cpu', dtype=torch.float32,
                   use_kv_cache=True)
print([o['result'] for o in outputs])
