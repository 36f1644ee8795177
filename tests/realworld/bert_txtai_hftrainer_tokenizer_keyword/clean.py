"""txtai's HFTrainer (pipeline/train/hftrainer.py at f880793, with data/base.py, data/labels.py and
data/tokens.py, trimmed into one file to the text-classification task) and a call like its docs'."""
import os
import sys
import tempfile

import torch
from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer, Trainer, set_seed
from transformers import TrainingArguments as HFTrainingArguments


class Tokens(torch.utils.data.Dataset):
    """
    Default dataset used to hold tokenized data.
    """

    def __init__(self, columns):
        self.data = []

        # Map column-oriented data to rows
        for column in columns:
            for x, value in enumerate(columns[column]):
                if len(self.data) <= x:
                    self.data.append({})

                self.data[x][column] = value

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        return self.data[index]


class Data:
    """
    Base data tokenization class.
    """

    def __init__(self, tokenizer, columns, maxlength):
        self.tokenizer = tokenizer
        self.columns = columns
        self.maxlength = maxlength

    def __call__(self, train, validation, workers):
        return (self.prepare(train, self.process, workers), self.prepare(validation, self.process, workers) if validation else None)

    def prepare(self, data, fn, workers):
        # Re-orient data into columns for efficient batch tokenization
        columns = {}
        for row in data:
            for column in row.keys():
                if column not in columns:
                    columns[column] = []

                columns[column].append(row[column])

        # Process column-oriented data
        return Tokens(fn(columns))

    def labels(self, data):
        # Iterable dicts
        labels = sorted({row[self.columns[-1]] for row in data})

        # Labels are single numeric values per entry
        return 1 if [x for x in labels if float(x) != int(x)] else len(labels)


class Labels(Data):
    """
    Tokenizes text-classification datasets as input for training text-classification models.
    """

    def __init__(self, tokenizer, columns, maxlength):
        super().__init__(tokenizer, columns, maxlength)

        # Standardize columns
        if not self.columns:
            self.columns = ("text", None, "label")
        elif len(columns) < 3:
            self.columns = (self.columns[0], None, self.columns[-1])

    def process(self, data):
        # Column keys
        text1, text2, label = self.columns

        # Tokenizer inputs can be single string or string pair, depending on task
        text = (data[text1], data[text2]) if text2 else (data[text1],)

        # Tokenize text and add label
        inputs = self.tokenizer(*text, max_length=self.maxlength, padding=True, truncation=True)
        inputs[label] = data[label]

        return inputs


class HFTrainer:
    """
    Trains a new Hugging Face Transformer model using the Trainer framework.
    """

    # pylint: disable=R0913
    def __call__(
        self,
        base,
        train,
        validation=None,
        columns=None,
        maxlength=None,
        stride=128,
        task="text-classification",
        prefix=None,
        metrics=None,
        tokenizers=None,
        checkpoint=None,
        **args
    ):
        # Parse TrainingArguments
        args = self.parse(args)

        # Set seed for model reproducibility
        set_seed(args.seed)

        # Load model configuration, tokenizer and max sequence length
        config, tokenizer, maxlength = self.load(base, maxlength)

        # Default tokenizer pad token if it's not set
        tokenizer.pad_token = tokenizer.pad_token if tokenizer.pad_token is not None else tokenizer.eos_token

        # Prepare parameters
        process, collator, labels = self.prepare(task, train, tokenizer, columns, maxlength, stride, prefix, args)

        # Tokenize training and validation data
        train, validation = process(train, validation, os.cpu_count() if tokenizers and isinstance(tokenizers, bool) else tokenizers)

        # Create model to train
        model = self.model(task, base, config, labels, tokenizer)

        # Default config pad token if it's not set
        model.config.pad_token_id = model.config.pad_token_id if model.config.pad_token_id is not None else model.config.eos_token_id

        # Build trainer
        trainer = Trainer(
            model=model,
            processing_class=tokenizer,
            data_collator=collator,
            args=args,
            train_dataset=train,
            eval_dataset=validation if validation else None,
            compute_metrics=metrics,
        )

        # Run training
        trainer.train(resume_from_checkpoint=checkpoint)

        # Run evaluation
        if validation:
            trainer.evaluate()

        # Put model in eval mode to disable weight updates and return (model, tokenizer)
        return (model.eval(), tokenizer)

    def parse(self, updates):
        # Default training arguments
        args = {"output_dir": "", "save_strategy": "no", "report_to": "none", "log_level": "warning", "use_cpu": True}

        # Apply custom arguments
        args.update(updates)

        return TrainingArguments(**args)

    def load(self, base, maxlength):
        if isinstance(base, (list, tuple)):
            # Unpack existing config and tokenizer
            model, tokenizer = base
            config = model.config
        else:
            # Load config
            config = AutoConfig.from_pretrained(base)

            # Load tokenizer
            tokenizer = AutoTokenizer.from_pretrained(base)

        # Derive max sequence length
        maxlength = min(maxlength if maxlength else sys.maxsize, tokenizer.model_max_length)

        return (config, tokenizer, maxlength)

    def prepare(self, task, train, tokenizer, columns, maxlength, stride, prefix, args):
        process, collator, labels = None, None, None

        # the language modeling, question-answering and sequence-sequence branches are dropped
        process = Labels(tokenizer, columns, maxlength)
        labels = process.labels(train)

        return process, collator, labels

    def model(self, task, base, config, labels, tokenizer):
        if labels is not None:
            # Add number of labels to config
            config.update({"num_labels": labels})

        # Unpack existing model or create new model from config
        if isinstance(base, (list, tuple)) and not isinstance(base[0], str):
            return base[0]

        # Default task
        return AutoModelForSequenceClassification.from_pretrained(base, config=config)


class TrainingArguments(HFTrainingArguments):
    """
    Extends standard TrainingArguments to make the output directory optional for transient models.
    """

    @property
    def should_save(self):
        return super().should_save if self.output_dir else False


data = [
    {"text": "This is some sample text.", "label": 0},
    {"text": "Hello world", "label": 1},
    {"text": "The weather today is sunny and warm.", "label": 1},
    {"text": "Another piece of sample text.", "label": 0},
]
trainer = HFTrainer()
model, tokenizer = trainer("bert-base-uncased", data, output_dir=tempfile.mkdtemp(), max_steps=1,  # google/bert_uncased_L-2_H-128_A-2 in txtai's docs
                           per_device_train_batch_size=4)
print(model.config.num_labels)
