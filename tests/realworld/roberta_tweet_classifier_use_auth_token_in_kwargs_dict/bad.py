import logging
from typing import Dict, List

import torch
from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

MODEL_LIST = {
    'sentiment': {
        "default": "roberta-base",  # cardiffnlp/twitter-roberta-base-sentiment-latest in the report
    },
}


def load_model(model: str,
               task: str = 'sequence_classification',
               use_auth_token: bool = False,
               config_argument: Dict = None,
               model_argument: Dict = None,
               tokenizer_argument: Dict = None):
    model_argument = {} if model_argument is None else model_argument
    model_argument.update({"use_auth_token": use_auth_token})

    config_argument = {} if config_argument is None else config_argument
    config_argument.update({"use_auth_token": use_auth_token})
    config = AutoConfig.from_pretrained(model, **config_argument)

    tokenizer_argument = {} if tokenizer_argument is None else tokenizer_argument
    tokenizer_argument.update({"use_auth_token": use_auth_token})
    tokenizer = AutoTokenizer.from_pretrained(model, **tokenizer_argument)

    model_argument.update({"config": config})
    if task == 'sequence_classification':
        model = AutoModelForSequenceClassification.from_pretrained(model, **model_argument)
    else:
        raise ValueError(f'unknown task: {task}')
    return config, tokenizer, model


class Classifier:

    def __init__(self, model_name: str = None, max_length: int = 128, use_auth_token: bool = False):
        logging.debug(f'loading {model_name}')
        self.config, self.tokenizer, self.model = load_model(
            model_name, task='sequence_classification', use_auth_token=use_auth_token)
        self.max_length = max_length
        self.id_to_label = {str(v): k for k, v in self.config.label2id.items()}
        self.device = torch.device('cpu')
        self.model.to(self.device)
        self.model.eval()

    def predict(self, text: str or List, batch_size: int = None):
        text = [text] if type(text) is str else text
        batch_size = len(text) if batch_size is None else batch_size
        _index = list(range(0, len(text), batch_size)) + [len(text) + 1]
        probs = []
        with torch.no_grad():
            for i in range(len(_index) - 1):
                encoded_input = self.tokenizer(
                    text[_index[i]: _index[i + 1]],
                    max_length=self.max_length,
                    return_tensors='pt',
                    padding=True,
                    truncation=True)
                output = self.model(**{k: v.to(self.device) for k, v in encoded_input.items()})
                probs += torch.softmax(output.logits, -1).cpu().tolist()
        return [self.id_to_label[str(p.index(max(p)))] for p in probs]


def load_model_task(task_type: str, model_name: str = None, *args, **kwargs):
    model_name = MODEL_LIST[task_type]["default"] if model_name is None else model_name
    return Classifier(model_name, *args, **kwargs)


model = load_model_task("sentiment")
print(model.predict(["I'm afraid that tweetnlp might not work properly.", "Hello world"]))
