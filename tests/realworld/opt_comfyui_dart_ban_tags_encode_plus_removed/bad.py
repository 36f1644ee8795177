"""ComfyUI-Dart's model and tokenizer wrappers (py/dart/model.py, py/dart/tokenizer/tokenizer.py,
trimmed into one file) and a caller like its generate node."""
import re

import numpy as np
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


class DartTokenizer:
    def __init__(self, model_name, special_tags):
        self.tokenizer = AutoTokenizer.from_pretrained(
            model_name, trust_remote_code=True
        )
        self.special_tags = special_tags
        self.token_id_table = {
            tag: self.tokenizer.convert_tokens_to_ids(tag) for tag in self.special_tags
        }

    def decode(self, token_ids, skip_special_tokens=True):
        return self.tokenizer.decode(token_ids, skip_special_tokens=skip_special_tokens)

    def get_ban_tags_from_regex(self, regex_patterns):
        ban_tags = set()
        patterns = [re.compile(regex_pattern) for regex_pattern in regex_patterns]
        for pattern in patterns:
            for tag in self.tokenizer.get_vocab():
                if pattern.match(tag):
                    ban_tags.add(tag)
        return ban_tags


class DartModel:
    def __init__(self, model_name):
        self.model = AutoModelForCausalLM.from_pretrained(
            model_name, torch_dtype=torch.float32
        )

    def generate(
        self, tokenizer: DartTokenizer, prompt, seed, config=None, ban_tags=""
    ):
        self.set_seed(seed)

        inputs = tokenizer.tokenizer(prompt, return_tensors="pt").input_ids
        bad_words_ids = tokenizer.tokenizer.encode_plus(ban_tags).input_ids
        if len(bad_words_ids) == 0:
            bad_words_ids = None
        else:
            bad_words_ids = [[token] for token in bad_words_ids]

        with torch.no_grad():
            generation_config = self.model.generation_config
            if config is not None:
                generation_config = self.update_generation_config(
                    generation_config, config
                )
            outputs = self.model.generate(
                inputs, generation_config=generation_config, bad_words_ids=bad_words_ids
            )

        return outputs

    @classmethod
    def set_seed(cls, seed):
        n_gpu = torch.cuda.device_count()
        np.random.seed(seed)
        torch.manual_seed(seed)
        if n_gpu > 0:
            torch.cuda.manual_seed_all(seed)

    @classmethod
    def update_generation_config(cls, generation_config, config):
        generation_config.max_new_tokens = config["max_new_tokens"]
        generation_config.min_new_tokens = config["min_new_tokens"]
        generation_config.temperature = config["temperature"]
        generation_config.top_p = config["top_p"]
        generation_config.top_k = config["top_k"]
        generation_config.num_beams = config["num_beams"]
        generation_config.do_sample = True
        return generation_config


MODEL_NAME = "facebook/opt-125m"  # p1atdev/dart-v1-sft in the node's list
tokenizer = DartTokenizer(MODEL_NAME, special_tags=["</s>"])
model = DartModel(MODEL_NAME)
config = {"max_new_tokens": 6, "min_new_tokens": 1, "temperature": 1.0, "top_p": 1.0, "top_k": 20, "num_beams": 1}
outputs = model.generate(tokenizer, "1girl, solo", seed=0, config=config, ban_tags="cat dog")
print(tokenizer.decode(outputs[0]))
