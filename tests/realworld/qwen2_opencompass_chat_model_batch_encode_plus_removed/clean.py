"""OpenCompass's HuggingFace chat model (opencompass/models/huggingface_above_v4_33.py, trimmed) and a
caller like its inferencer, which builds the model from a config dict and generates for a batch."""
import logging
from typing import Dict, List, Optional

from transformers import AutoConfig, GenerationConfig


def get_logger():
    return logging.getLogger("opencompass")


def _set_model_kwargs_torch_dtype(model_kwargs):
    import torch

    if 'torch_dtype' not in model_kwargs:
        torch_dtype = torch.float16
    else:
        torch_dtype = {
            'torch.float16': torch.float16,
            'torch.bfloat16': torch.bfloat16,
            'torch.float': torch.float,
            'auto': 'auto',
            'None': None
        }.get(model_kwargs['torch_dtype'])
    if torch_dtype is not None:
        model_kwargs['torch_dtype'] = torch_dtype
    return model_kwargs


def _convert_chat_messages(inputs):
    outputs = []
    for _input in inputs:
        messages = []
        for item in _input:
            msg = {'content': item['prompt']}
            if item['role'] == 'HUMAN':
                msg['role'] = 'user'
            elif item['role'] == 'BOT':
                msg['role'] = 'assistant'
            elif item['role'] == 'SYSTEM':
                msg['role'] = 'system'
            messages.append(msg)
        outputs.append(messages)
    return outputs


class HuggingFacewithChatTemplate:

    def __init__(self,
                 path: str,
                 model_kwargs: dict = dict(),
                 tokenizer_path: Optional[str] = None,
                 tokenizer_kwargs: dict = dict(),
                 tokenizer_only: bool = False,
                 generation_kwargs: dict = dict(),
                 max_seq_len: Optional[int] = None,
                 meta_template: Optional[Dict] = None,
                 pad_token_id: Optional[int] = None,
                 stop_words: Optional[str] = [],
                 **other_kwargs):

        self.logger = get_logger()
        self.path = path
        self.tokenizer_only = tokenizer_only
        self.config = AutoConfig.from_pretrained(path, trust_remote_code=True)
        self.generation_config = GenerationConfig.from_pretrained(path)
        self.max_seq_len = max_seq_len or self.config.max_position_embeddings
        self._load_tokenizer(tokenizer_path or path, tokenizer_kwargs, pad_token_id)
        if not tokenizer_only:
            self._load_model(path=path, kwargs=model_kwargs)
        self.generation_kwargs = generation_kwargs
        self.stop_words = stop_words

        for k, v in other_kwargs.items():
            if v is not None:
                self.logger.warning(f'Unused argument {k}={v}')

    def _load_tokenizer(self, path: Optional[str], kwargs: dict, pad_token_id: Optional[int] = None):
        from transformers import AutoTokenizer

        DEFAULT_TOKENIZER_KWARGS = dict(padding_side='left', truncation_side='left', trust_remote_code=True)
        tokenizer_kwargs = DEFAULT_TOKENIZER_KWARGS
        tokenizer_kwargs.update(kwargs)
        self.tokenizer = AutoTokenizer.from_pretrained(path, **tokenizer_kwargs)

        # A patch for some models without pad_token_id
        if pad_token_id is not None:
            self.tokenizer.pad_token_id = pad_token_id
            return
        if self.tokenizer.pad_token_id is not None:
            return
        self.logger.warning('pad_token_id is not set for the tokenizer.')
        if self.tokenizer.eos_token is not None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
            return
        raise ValueError('pad_token_id is not set for this tokenizer.')

    def _load_model(self, path: str, kwargs: dict):
        from transformers import AutoModel, AutoModelForCausalLM

        DEFAULT_MODEL_KWARGS = dict(trust_remote_code=True)
        model_kwargs = DEFAULT_MODEL_KWARGS
        model_kwargs.update(kwargs)
        model_kwargs = _set_model_kwargs_torch_dtype(model_kwargs)

        try:
            self.model = AutoModelForCausalLM.from_pretrained(path, **model_kwargs)
        except ValueError:
            self.model = AutoModel.from_pretrained(path, **model_kwargs)

        self.model.eval()
        self.model.generation_config.do_sample = False

    def generate(self,
                 inputs: List[str],
                 max_out_len: int,
                 min_out_len: Optional[int] = None,
                 stopping_criteria: List[str] = [],
                 **kwargs) -> List[str]:
        messages = _convert_chat_messages(inputs)

        tokenize_kwargs = dict(
            return_tensors='pt',
            padding=True,
            truncation=True,
            add_special_tokens=True,
            max_length=self.max_seq_len - (max_out_len or 0)
        )
        messages = [self.tokenizer.apply_chat_template(m, add_generation_prompt=True, tokenize=False) for m in messages]
        tokenize_kwargs['add_special_tokens'] = False
        tokens = self.tokenizer(messages, **tokenize_kwargs)

        tokens = {k: v.to(self.model.device) for k, v in tokens.items()}

        generation_kwargs = self.generation_kwargs.copy()
        generation_kwargs.update(kwargs)
        if max_out_len is not None:
            generation_kwargs['max_new_tokens'] = max_out_len
        if min_out_len is not None:
            generation_kwargs['min_new_tokens'] = min_out_len
        generation_kwargs['pad_token_id'] = self.tokenizer.pad_token_id

        # step-2: conduct model forward to generate output
        outputs = self.model.generate(**tokens, **generation_kwargs)
        outputs = outputs[:, tokens['input_ids'].shape[1]:]

        # step-3: decode the output
        decodeds = self.tokenizer.batch_decode(outputs)
        return decodeds


# a model config as in configs/models/qwen2_5/hf_qwen2_5_0_5b_instruct.py
models = [
    dict(
        type=HuggingFacewithChatTemplate,
        abbr='qwen2.5-0.5b-instruct-hf',
        path='Qwen/Qwen2-0.5B-Instruct',
        model_kwargs=dict(torch_dtype='torch.float'),
        max_out_len=8,
        batch_size=8,
    )
]
cfg = dict(models[0])
model_type = cfg.pop('type')
max_out_len = cfg.pop('max_out_len')
cfg.pop('batch_size')
cfg.pop('abbr')
model = model_type(**cfg)
prompts = [[dict(role='HUMAN', prompt='What is 1 + 1?')], [dict(role='HUMAN', prompt='Name a colour, please.')]]
print(len(model.generate(prompts, max_out_len=max_out_len)))
