"""Cell2Sentence's fine-tuning tutorial (tutorials/c2s_tutorial_3_finetuning_on_new_datasets.ipynb) with the
package's CSModel, PromptFormatter and helpers (src/cell2sentence/csmodel.py, prompt_formatter.py and utils.py at
b2bea70), trimmed into one file."""
import os
import random
import tempfile
from datetime import datetime
from random import sample

import numpy as np
import torch
from datasets import Dataset, DatasetDict
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments

SEED = 1234
random.seed(SEED)
np.random.seed(SEED)
WORK_DIR = tempfile.mkdtemp()


def get_cell_sentence_str(ds_sample, num_genes: int = None):
    full_cell_sentence = ds_sample["cell_sentence"]
    if num_genes is not None:
        full_cell_sentence_gene_list = full_cell_sentence.split(" ")
        full_cell_sentence = " ".join(full_cell_sentence_gene_list[:num_genes])
        num_genes = len(full_cell_sentence_gene_list[:num_genes])
    return full_cell_sentence, num_genes


class PromptFormatter():
    def __init__(self, task: str, top_k_genes: int, random_seed: int = 42):
        self.task = task
        self.top_k_genes = top_k_genes
        random.seed(random_seed)
        self.prompts = {"model_input": "The {num_genes} most expressed genes of a cell: {cell_sentence}. Cell type:",
                        "response": "{cell_type}."}

    def format_hf_ds(self, hf_ds):
        model_inputs_list, responses_list = [], []
        for cell_idx in range(hf_ds.num_rows):
            sample = hf_ds[cell_idx]
            cell_sentence_str, num_genes_selected = get_cell_sentence_str(sample, num_genes=self.top_k_genes)
            model_inputs_list.append(self.prompts["model_input"].format(num_genes=num_genes_selected,
                                                                          cell_sentence=cell_sentence_str))
            responses_list.append(self.prompts["response"].format(cell_type=sample["cell_type"]))
        return Dataset.from_dict({"model_input": model_inputs_list, "response": responses_list})


def tokenize_all(examples, tokenizer):
    """Tokenize LLM input + response, loss taken on all tokens."""
    full_inputs = []
    num_samples = len(examples["model_input"])
    for sample_idx in range(num_samples):
        full_inputs.append(examples["model_input"][sample_idx] + " " + examples["response"][sample_idx])

    model_inputs = tokenizer(full_inputs)
    for i in range(num_samples):
        model_inputs["input_ids"][i] += [tokenizer.eos_token_id]
        model_inputs["attention_mask"][i] += [tokenizer.eos_token_id]
    model_inputs["labels"] = model_inputs["input_ids"]
    return model_inputs


def train_test_split_arrow_ds(arrow_ds):
    cell_indices_list = list(range(arrow_ds.num_rows))
    random.shuffle(cell_indices_list)
    data_split_indices_dict = {"train": sorted(cell_indices_list[:6]), "val": sorted(cell_indices_list[6:8]),
                               "test": sorted(cell_indices_list[8:])}
    ds_dict = DatasetDict({
        'train': arrow_ds.select(data_split_indices_dict["train"]),
        'validation': arrow_ds.select(data_split_indices_dict["val"]),
        'test': arrow_ds.select(data_split_indices_dict["test"]),
    })
    return ds_dict, data_split_indices_dict


class CSModel():
    def __init__(self, model_name_or_path, save_dir, save_name):
        self.model_name_or_path = model_name_or_path  # path to model to load
        self.save_dir = save_dir
        self.device = "cuda" if torch.cuda.is_available() else "cpu"

        if not os.path.exists(save_dir):
            os.mkdir(save_dir)
        self.save_path = os.path.join(save_dir, save_name)

        self.tokenizer = AutoTokenizer.from_pretrained(
            model_name_or_path, padding_side='left'
        )
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token

        model = AutoModelForCausalLM.from_pretrained(
            model_name_or_path,
            cache_dir=os.path.join(save_dir, ".cache"),
            trust_remote_code=True
        )
        model.save_pretrained(self.save_path)

    def fine_tune(self, csdata, task: str, train_args: TrainingArguments, loss_on_response_only: bool = True,
                  top_k_genes: int = 100, max_eval_samples: int = 500):
        hf_ds = csdata

        prompt_formatter = PromptFormatter(task=task, top_k_genes=top_k_genes)
        formatted_hf_ds = prompt_formatter.format_hf_ds(hf_ds)

        model = AutoModelForCausalLM.from_pretrained(
            self.save_path,
            cache_dir=os.path.join(self.save_dir, ".cache"),
            trust_remote_code=True
        )
        model = model.to(self.device)

        tokenization_function = tokenize_all
        formatted_hf_ds = formatted_hf_ds.map(
            lambda batch: tokenization_function(batch, self.tokenizer),
            batched=True,
            load_from_cache_file=False,
            batch_size=1000,
        )

        block_size = model.config.max_position_embeddings
        tokenizer = self.tokenizer

        def data_collator(examples):
            max_length = max(list(map(lambda x: len(x["input_ids"]), examples)))
            batch_input_ids, batch_attention_mask, batch_labels = [], [], []
            for i in range(len(examples)):
                sample_input_ids = examples[i]["input_ids"]
                label_input_ids = examples[i]["labels"]
                attention_mask = examples[i]["attention_mask"]
                assert len(sample_input_ids) == len(label_input_ids) == len(attention_mask)

                size_diff = max_length - len(sample_input_ids)
                final_input_ids = [tokenizer.pad_token_id] * (size_diff) + sample_input_ids
                final_attention_mask = [0] * (size_diff) + attention_mask
                final_label_input_ids = [-100] * (size_diff) + label_input_ids

                batch_input_ids.append(final_input_ids[: block_size])
                batch_attention_mask.append(final_attention_mask[: block_size])
                batch_labels.append(final_label_input_ids[: block_size])

            return {
                "input_ids": torch.tensor(batch_input_ids),
                "attention_mask": torch.tensor(batch_attention_mask),
                "labels": torch.tensor(batch_labels),
            }

        split_ds_dict, data_split_indices_dict = train_test_split_arrow_ds(formatted_hf_ds)
        train_dataset = split_ds_dict["train"]
        eval_dataset = split_ds_dict["validation"]
        if max_eval_samples is not None:
            sampled_eval_indices = sample(list(range(eval_dataset.num_rows)), k=max_eval_samples)
            sampled_eval_indices.sort()
            eval_dataset = eval_dataset.select(sampled_eval_indices)

        trainer = Trainer(
            model=model,
            args=train_args,
            data_collator=data_collator,
            train_dataset=train_dataset,
            eval_dataset=eval_dataset,
            processing_class=self.tokenizer
        )
        trainer.train()
        print("Finetuning completed:", trainer.state.global_step, "steps")


GENES = ["CD3D", "CD3E", "MS4A1", "CD79A", "LYZ", "NKG7", "GNLY", "CST3", "FCGR3A", "PPBP"]
cell_types = ["T cell", "B cell", "monocyte", "NK cell"]
csdata = Dataset.from_dict({
    "cell_sentence": [" ".join(random.sample(GENES, 6)) for _ in range(10)],
    "cell_type": [cell_types[i % 4] for i in range(10)],
})

cell_type_prediction_model_path = "EleutherAI/pythia-70m"
save_dir = os.path.join(WORK_DIR, "csmodel_tutorial_3")
save_name = "cell_type_pred_pythia_410M_2"
csmodel = CSModel(
    model_name_or_path=cell_type_prediction_model_path,
    save_dir=save_dir,
    save_name=save_name
)

training_task = "cell_type_prediction"
datetimestamp = datetime.now().strftime('%Y-%m-%d-%H_%M_%S')
output_dir = os.path.join(csmodel.save_dir, datetimestamp + f"_finetune_{training_task}")
if not os.path.exists(output_dir):
    os.mkdir(output_dir)

train_args = TrainingArguments(
    bf16=False,
    fp16=False,
    per_device_train_batch_size=2,
    per_device_eval_batch_size=2,
    gradient_accumulation_steps=1,
    gradient_checkpointing=False,
    learning_rate=1e-5,
    load_best_model_at_end=True,
    logging_steps=1,
    logging_strategy="steps",
    lr_scheduler_type="cosine",
    num_train_epochs=1,
    eval_steps=2,
    evaluation_strategy="steps",
    save_steps=2,
    save_strategy="steps",
    save_total_limit=3,
    warmup_steps=0.05,
    report_to="none",
    output_dir=output_dir
)

csmodel.fine_tune(
    csdata=csdata,
    task=training_task,
    train_args=train_args,
    loss_on_response_only=False,
    top_k_genes=200,
    max_eval_samples=2,
)
