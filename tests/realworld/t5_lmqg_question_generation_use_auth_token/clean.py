""" T5 model (lmqg's language_model.py, trimmed). """
import logging
from typing import List

import torch
import transformers

TASK_PREFIX = {
    "ae": "extract answers",
    "qg": "generate question",
    "qag": "generate question and answer"
}
ADDITIONAL_SP_TOKENS = {'hl': '<hl>'}
DEFAULT_MODELS = {
    'en': 't5-small',  # lmqg/t5-small-squad-multitask
    'ja': 'lmqg/mt5-small-jaquad-multitask',
}


def load_language_model(model_name, cache_dir: str = None, use_auth_token: bool = False):
    """ load language model from huggingface model hub """
    # tokenizer
    local_files_only = True  # not internet_connection() in the library
    tokenizer = transformers.AutoTokenizer.from_pretrained(
        model_name, cache_dir=cache_dir, local_files_only=local_files_only, token=use_auth_token or None)
    config = transformers.AutoConfig.from_pretrained(
        model_name, local_files_only=local_files_only, cache_dir=cache_dir, token=use_auth_token or None)

    # model
    if config.model_type == 't5':  # T5 model requires T5ForConditionalGeneration class
        model_class = transformers.T5ForConditionalGeneration.from_pretrained
    elif config.model_type == 'mt5':
        model_class = transformers.MT5ForConditionalGeneration.from_pretrained
    elif config.model_type == 'bart':
        model_class = transformers.BartForConditionalGeneration.from_pretrained
    else:
        raise ValueError(f'unsupported model type: {config.model_type}')
    model = model_class(
        model_name, config=config, cache_dir=cache_dir, local_files_only=local_files_only, token=use_auth_token or None)
    # add new special tokens to the tokenizer and the model if they don't have it
    tokenizer.add_special_tokens({'additional_special_tokens': list(ADDITIONAL_SP_TOKENS.values())})
    model.resize_token_embeddings(len(tokenizer))
    return tokenizer, model, config


class TransformersQG:
    """ Transformers Language Model for Question Generation. """

    def __init__(self,
                 model: str = None,
                 max_length: int = 512,
                 max_length_output: int = 256,
                 cache_dir: str = None,
                 add_prefix: bool = None,
                 language: str = 'en',
                 use_auth_token: bool = False):
        if model is None:
            assert language in DEFAULT_MODELS.keys(), f"Model with language '{language}' is not available."
            model = DEFAULT_MODELS[language]
        self.model_name = model
        self.max_length = max_length
        self.max_length_output = max_length_output
        self.tokenizer, self.model, config = load_language_model(
            self.model_name, cache_dir=cache_dir, use_auth_token=use_auth_token)
        self.add_prefix = config.add_prefix if 'add_prefix' in config.to_dict().keys() else add_prefix
        assert self.add_prefix is not None, '`add_prefix` is required for non-fine-tuned models'
        self.device = 'cuda' if torch.cuda.device_count() > 0 else 'cpu'
        self.model.to(self.device)
        logging.info(f'Model `{self.model_name}`')

    def generate_q(self, list_context: List, list_answer: List, num_beams: int = 4):
        """ Generate question from paragraph and answer (the answer is highlighted by <hl>). """
        inputs = []
        for context, answer in zip(list_context, list_answer):
            position = context.find(answer)
            text = '{0}{1} {2} {1}{3}'.format(
                context[:position], ADDITIONAL_SP_TOKENS['hl'], answer, context[position + len(answer):])
            if self.add_prefix:
                text = f"{TASK_PREFIX['qg']}: {text}"
            inputs.append(text)
        encode = self.tokenizer(inputs, truncation=True, max_length=self.max_length, padding=True,
                                return_tensors='pt').to(self.device)
        with torch.no_grad():
            outputs = self.model.generate(**encode, num_beams=num_beams, max_length=self.max_length_output)
        return self.tokenizer.batch_decode(outputs, skip_special_tokens=True)


model = TransformersQG(language='en', add_prefix=True, max_length_output=8)
print(len(model.generate_q(["William Turner was an English painter who specialised in watercolour landscapes"],
                           ["William Turner"])))
