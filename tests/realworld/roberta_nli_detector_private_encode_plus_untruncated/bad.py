from typing import List

import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer


class HFDetector:
    DEFAULT_PARAMS = {
        "detector_model_path": None,
        "detector_target_class": None,
        "tokenizer_kwargs": {"padding": True, "truncation": True},
    }

    def __init__(self):
        for name, value in self.DEFAULT_PARAMS.items():
            setattr(self, name, value)
        self.device = torch.device("cpu")
        self.detector_model = AutoModelForSequenceClassification.from_pretrained(self.detector_model_path, num_labels=3)
        self.detector_tokenizer = AutoTokenizer.from_pretrained(self.detector_model_path)


class MustContradictNLI(HFDetector):
    """This detector is looking for the model to contradict a claim."""

    DEFAULT_PARAMS = HFDetector.DEFAULT_PARAMS | {
        "detector_model_path": "roberta-base",  # garak-llm/roberta-large-snli_mnli_fever_anli_R1_R2_R3-nli
        "detector_target_class": "label",
        "tokenizer_kwargs": {"truncation": True, "max_length": 256},
    }

    def detect(self, premise: str, all_outputs: List[str]) -> List[float]:
        results = []
        for hypothesis in all_outputs:
            tokenized_input_seq_pair = self.detector_tokenizer._encode_plus(
                premise,
                hypothesis,
                max_length=self.tokenizer_kwargs["max_length"],
                return_token_type_ids=True,
                truncation=self.tokenizer_kwargs["truncation"],
            )
            input_ids = (
                torch.Tensor(tokenized_input_seq_pair["input_ids"])
                .long()
                .unsqueeze(0)
                .to(self.device)
            )
            # remember bart doesn't have 'token_type_ids', remove the line below if you are using bart.
            token_type_ids = (
                torch.Tensor(tokenized_input_seq_pair["token_type_ids"])
                .long()
                .unsqueeze(0)
                .to(self.device)
            )
            attention_mask = (
                torch.Tensor(tokenized_input_seq_pair["attention_mask"])
                .long()
                .unsqueeze(0)
                .to(self.device)
            )

            outputs = self.detector_model(
                input_ids,
                attention_mask=attention_mask,
                token_type_ids=token_type_ids,
                labels=None,
            )

            predictions = torch.softmax(outputs[0], dim=1)[
                0
            ].tolist()  # batch_size only one
            results.append(1 - predictions[2])  # 2 = contradiction
        return results  # we want refutations (label 1)


detector = MustContradictNLI()
premise = "The quick brown fox is a kind of dog."
# a reasoning model's answers: the second one thinks aloud for long
all_outputs = [
    "No, the fox is not a dog.",
    " ".join(["Let me think about the fox and the dog once more, step by step."] * 60),
]
print([round(score, 3) for score in detector.detect(premise, all_outputs)])
