from pathlib import Path

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

model_repo_map = {}

task_list = [
    "text-generation",
    "feature-extraction",
]

# external_lists/hf-model-paths/hf-<task>-model-list.txt in the suite
MODEL_LISTS = {
    "text-generation": ["mistralai/Mistral-7B-v0.1"],  # hf-internal-testing's tiny random Mistral in the report
    "feature-extraction": [],
}

models_need_externalization = {
    "hf_llama-7b",
    "hf_vicuna-7b-v1.5",
}


def load_test_txt_file(task):
    return MODEL_LISTS[task]


def get_tokenizer_from_model_path(model_repo_path: str, cache_dir):
    trust_remote_code = False
    name = model_repo_path.split("/")[-1]
    if 'kobert' in name.lower():
        trust_remote_code = True
    return AutoTokenizer.from_pretrained(model_repo_path, cache_dir=cache_dir, trust_remote_code=trust_remote_code)


def build_repo_to_model_map():
    hf_models_list = [(load_test_txt_file(task), task) for task in task_list]
    for info in hf_models_list:
        for model in info[0]:
            model_name = model.split("/")[-1]
            model_repo_map["hf_" + model_name] = (model, info[1])


build_repo_to_model_map()


class HfDownloadableModel:
    def __init__(self, model_repo_path, task, name, cache_dir=None):
        self.model_repo_path = model_repo_path
        self.task = task
        self.name = name
        self.cache_dir = cache_dir


class HfModelWithTokenizers(HfDownloadableModel):
    def construct_inputs(self):
        prompt = ["Deeds will not be less valiant because they are unpraised."]

        tokenizer = get_tokenizer_from_model_path(self.model_repo_path, self.cache_dir)

        padding = False
        truncation = False
        if self.name not in models_need_externalization:
            padding = True
            truncation = True

        tokens = tokenizer(prompt, return_tensors="pt", padding=padding, truncation=truncation)
        self.input_name_to_shape_map = {k: v.shape for (k, v) in tokens.items()}
        return tuple(tokens.values())

    def export_large_models(self):
        model = AutoModelForCausalLM.from_pretrained(self.model_repo_path, cache_dir=self.cache_dir)
        inputs = self.construct_inputs()
        with torch.inference_mode():
            # torch.onnx.export(model, (inputs[0], inputs[1]), ...) in the suite
            return model(inputs[0], attention_mask=inputs[1]).logits


meta_constructor_tokenizer = lambda m_name: (
    lambda *args, **kwargs: HfModelWithTokenizers(
        model_repo_map[m_name][0], model_repo_map[m_name][1], m_name, *args, **kwargs
    )
)

test = meta_constructor_tokenizer("hf_Mistral-7B-v0.1")()
print(tuple(test.export_large_models().shape))
