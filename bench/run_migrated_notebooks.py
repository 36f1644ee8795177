"""Run notebooks of huggingface/notebooks on the installed transformers, before and after the
migration fix of docs/transformers-5.md, on tiny checkpoints and tiny datasets, offline.

    python bench/run_migrated_notebooks.py ORIGINAL_DIR FIXED_DIR [NOTEBOOK...]

ORIGINAL_DIR is a copy of the repository, FIXED_DIR the same after `--select GPT016,GPT017,GPT018,GPT032
--gpt2-transformers-version 5 --fix`; NOTEBOOK paths are relative to both (default: SAMPLE). Each
notebook's code cells run in order in one namespace, in a fresh process whose working directory
holds the tiny checkpoints of tests/tiny_checkpoints.py under their hub ids, until one raises.
What needs the network or a GPU is stood in for: `load_dataset` gives a few in-memory rows with
the dataset's columns, metrics score 0.5, `notebook_login` and `push_to_hub` do nothing, shell and
magic lines are skipped, and every `TrainingArguments` trains one step on the CPU, saving and
reporting nothing. Prints, for each notebook, the cells the fix changed and where each version
stopped (the cell, the notebook's last line that ran, the exception). Needs the test extras
(`pip install -e '.[test]'`: torch, transformers, datasets, nbformat); 5 minutes for SAMPLE on 2 cores.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import traceback
import types
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from tiny_checkpoints import SENTENCES, build  # noqa: E402  (tests/ is no package)

SAMPLE = [
    "examples/text_classification.ipynb",
    "examples/token_classification.ipynb",
    "examples/multiple_choice.ipynb",
    "examples/question_answering.ipynb",
    "examples/summarization.ipynb",
    "course/en/chapter3/section3.ipynb",
    "course/en/chapter7/section2_pt.ipynb",
    "course/en/chapter7/section3_pt.ipynb",
]
CHECKPOINTS = ["bert-base-uncased", "distilbert-base-uncased", "t5-small"]
# source substitutions: a hub checkpoint with no tiny twin becomes the tiny one of the same
# architecture; a sample of 10,000 rows, one of 10 (the tiny dataset holds a few)
STAND_INS = {'"bert-base-cased"': '"bert-base-uncased"', "train_size = 10_000": "train_size = 10"}
ONE_QUICK_STEP = dict(
    max_steps=1,
    report_to="none",
    use_cpu=True,
    push_to_hub=False,
    save_strategy="no",
    load_best_model_at_end=False,
    metric_for_best_model=None,
    fp16=False,
    bf16=False,
    per_device_train_batch_size=2,
    per_device_eval_batch_size=2,
    logging_steps=1,
)
SCORES = ["accuracy", "f1", "matthews_correlation", "pearson", "exact_match", "score", "rouge1", "rouge2"]
SCORES += ["rougeL", "rougeLsum", "overall_precision", "overall_recall", "overall_f1", "overall_accuracy"]
ROWS = 16  # show_random_elements picks 10 distinct rows
NER_TAGS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
RESULT = "RESULT "


def code_cells(notebook: Path) -> List[str]:
    import nbformat

    cells = nbformat.read(str(notebook), as_version=4).cells
    return [cell.source for cell in cells if cell.cell_type == "code"]


def runnable(source: str) -> str:
    """The cell as plain Python: shell and magic lines become `pass`, a cell magic skips the cell."""
    if source.lstrip().startswith("%%"):
        return ""
    lines = []
    for line in source.splitlines():
        stripped = line.lstrip()
        lines.append(line[: len(line) - len(stripped)] + "pass" if stripped[:1] in ("!", "%") else line)
    source = "\n".join(lines)
    for real, tiny in STAND_INS.items():
        source = source.replace(real, tiny)
    return source


# ---- the stand-ins, installed in the process that runs a notebook ----

def text(row: int, words: int = 0) -> str:
    sentence = SENTENCES[row % len(SENTENCES)]
    return " ".join([sentence] * (1 + words // len(sentence.split())))


def tiny_dataset(path: str, name: Optional[str] = None, *args, **kwargs):
    """`load_dataset(path, name)`: ROWS rows per split with the columns (and label names) of the hub's."""
    from datasets import ClassLabel, Dataset, DatasetDict, Features, Sequence, Value

    rows = range(ROWS)
    label = ClassLabel(names=["negative", "positive"])
    if path == "glue" and name == "cola":
        columns = {"sentence": [text(i) for i in rows], "label": [i % 2 for i in rows], "idx": list(rows)}
        features = Features(sentence=Value("string"), label=label, idx=Value("int32"))
    elif path == "glue":
        columns = {"sentence1": [text(i) for i in rows], "sentence2": [text(i + 1) for i in rows]}
        columns.update(label=[i % 2 for i in rows], idx=list(rows))
        features = Features(sentence1=Value("string"), sentence2=Value("string"), label=label, idx=Value("int32"))
    elif path == "conll2003":
        tokens = [text(i).split() for i in rows]
        tags = [[(i + j) % len(NER_TAGS) for j in range(len(words))] for i, words in enumerate(tokens)]
        columns = {"id": [str(i) for i in rows], "tokens": tokens, "pos_tags": tags, "chunk_tags": tags}
        columns["ner_tags"] = tags
        features = Features(
            id=Value("string"),
            tokens=Sequence(Value("string")),
            pos_tags=Sequence(Value("int32")),
            chunk_tags=Sequence(Value("int32")),
            ner_tags=Sequence(ClassLabel(names=NER_TAGS)),
        )
    elif path == "swag":
        columns = {"video-id": [str(i) for i in rows], "fold-ind": [str(i) for i in rows]}
        columns.update({"startphrase": [text(i) for i in rows], "sent1": [text(i) for i in rows]})
        columns.update({"sent2": [text(i + 1).split()[0] for i in rows], "gold-source": ["gold"] * ROWS})
        columns.update({f"ending{k}": [text(i + k) for i in rows] for k in range(4)})
        columns["label"] = [i % 4 for i in rows]
        features = None
    elif path in ("squad", "squad_v2"):
        # row 3's context is longer than the notebook's 384 tokens, so that it is split with a stride
        contexts = [text(i, 400 if i == 3 else 0) for i in rows]
        answers = [{"text": [c.split()[1]], "answer_start": [c.index(c.split()[1])]} for c in contexts]
        columns = {"id": [str(i) for i in rows], "title": ["tiny"] * ROWS, "context": contexts}
        columns.update(question=[f"What is {c.split()[1]}?" for c in contexts], answers=answers)
        features = None
    elif path == "xsum":
        columns = {"document": [text(i, 30) for i in rows], "summary": [text(i) for i in rows]}
        columns["id"] = [str(i) for i in rows]
        features = None
    elif path == "imdb":
        # enough text for 11 chunks of 128 tokens once concatenated
        columns = {"text": [text(i, 120) for i in rows], "label": [i % 2 for i in rows]}
        features = Features(text=Value("string"), label=label)
        return DatasetDict({s: Dataset.from_dict(columns, features) for s in ("train", "test", "unsupervised")})
    else:
        raise NotImplementedError(f"no tiny stand-in for load_dataset({path!r}, {name!r})")
    return DatasetDict({s: Dataset.from_dict(columns, features) for s in ("train", "validation", "test")})


class TinyMetric:
    """A metric of `evaluate.load` or `datasets.load_metric` (both download): every score 0.5."""

    def compute(self, *args, **kwargs) -> Dict[str, float]:
        return {score: 0.5 for score in SCORES}


def stub_module(name: str, **attributes) -> None:
    """A missing module the notebooks import, or its part that needs the network."""
    try:
        module = __import__(name, fromlist=["_"])
    except ImportError:
        module = sys.modules[name] = types.ModuleType(name)
    for key, value in attributes.items():
        setattr(module, key, value)


def install_stand_ins() -> None:
    import datasets
    import transformers

    def nothing(*args, **kwargs) -> None:
        return None

    def tiny_metric(*args, **kwargs) -> TinyMetric:
        return TinyMetric()

    post_init = transformers.TrainingArguments.__post_init__

    def one_quick_step(self, *args, **kwargs) -> None:
        for name, value in ONE_QUICK_STEP.items():
            setattr(self, name, value)
        post_init(self, *args, **kwargs)

    datasets.load_dataset = tiny_dataset
    datasets.load_metric = tiny_metric
    stub_module("evaluate", load=tiny_metric)
    stub_module("IPython")
    stub_module("IPython.display", display=nothing, HTML=str, Markdown=str)
    stub_module("nltk", download=nothing, sent_tokenize=lambda text: [text])
    stub_module("nltk.tokenize", sent_tokenize=lambda text: [text])
    stub_module("huggingface_hub", notebook_login=nothing)
    transformers.Trainer.push_to_hub = nothing
    transformers.utils.PushToHubMixin.push_to_hub = nothing
    transformers.TrainingArguments.__post_init__ = one_quick_step


def run_cells(notebook: Path) -> Dict[str, object]:
    """Runs the code cells until one raises: how many ran, and where and what it raised."""
    install_stand_ins()
    cells = code_cells(notebook)
    namespace: Dict[str, object] = {"__name__": "__main__"}
    for number, source in enumerate(cells, start=1):
        try:
            exec(compile(runnable(source), f"<cell {number}>", "exec"), namespace)
        except BaseException as error:  # noqa: B902  (a notebook may raise anything, SystemExit too)
            frames = traceback.extract_tb(error.__traceback__)
            # the last line of the notebook's own code that ran (maybe in a function of an earlier cell)
            notebook = [f"{f.filename}:{f.lineno} {f.name}" for f in frames if f.filename.startswith("<cell ")]
            raised_in = f"{Path(frames[-1].filename).name}:{frames[-1].lineno} {frames[-1].name}"
            message = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"[:200]
            return {"cells": len(cells), "stopped_at": number, "at": notebook[-1:], "in": raised_in, "error": message}
    return {"cells": len(cells), "stopped_at": None}


# ---- the driver ----

def changed_cells(original: Path, fixed: Path) -> List[int]:
    pairs = zip(code_cells(original), code_cells(fixed))
    return [number for number, (old, new) in enumerate(pairs, start=1) if old != new]


def run_in_fresh_process(notebook: Path, workdir: Path) -> Dict[str, object]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--run", str(notebook.resolve())],
        cwd=workdir, env=env, capture_output=True, text=True, timeout=1800, check=False,
    )
    results = [line[len(RESULT):] for line in done.stdout.splitlines() if line.startswith(RESULT)]
    if not results:
        return {"stopped_at": "?", "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(results[-1])


def where(result: Dict[str, object]) -> str:
    if result["stopped_at"] is None:
        return f"ran all {result['cells']} code cells"
    at = "".join(result.get("at", []))
    raised_in = "" if result.get("in", "").startswith("<cell ") else f", in {result.get('in')}"
    return f"stopped in cell {result['stopped_at']} ({at}{raised_in}) {result['error']}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("original", type=Path)
    parser.add_argument("fixed", type=Path)
    parser.add_argument("notebooks", nargs="*", default=SAMPLE)
    args = parser.parse_args()
    os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"  # saving the tiny checkpoints
    with tempfile.TemporaryDirectory() as workdir:
        for name in CHECKPOINTS:
            build(Path(workdir), name)
        for notebook in args.notebooks:
            changed = changed_cells(args.original / notebook, args.fixed / notebook)
            print(f"{notebook}: the fix changed code cells {changed}", flush=True)
            for label, folder in (("original", args.original), ("fixed", args.fixed)):
                print(f"  {label:8}: {where(run_in_fresh_process(folder / notebook, Path(workdir)))}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--run"]:
        print(RESULT + json.dumps(run_cells(Path(sys.argv[2]))), flush=True)
    else:
        main()
