"""LLMSQL's transformers backend (llmsql/inference/inference_transformers.py at the parent of a147c00,
trimmed), with the benchmark's questions and tables inlined and a caller like its CLI."""
import random
from typing import Any

import numpy as np
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

Question = dict[str, Any]
Table = dict[str, Any]

QUESTIONS = [
    {"question_id": "1", "table_id": "t1", "question": "What is the capital of France?"},
    {"question_id": "2", "table_id": "t1", "question": "Which country has the largest population of all the countries in the table?"},
]
TABLES = [{"table_id": "t1", "header": ["country", "capital", "population"], "types": ["text", "text", "real"],
           "rows": [["France", "Paris", 68.0]]}]


def _setup_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def build_prompt_0shot(question: str, header: list[str], types: list[str], example_row: list[Any]) -> str:
    columns = ", ".join(f"{h} ({t})" for h, t in zip(header, types))
    return f"Table columns: {columns}\nExample row: {example_row}\nQuestion: {question}\nSQL:"


def choose_prompt_builder(num_fewshots: int):
    if num_fewshots == 0:
        return build_prompt_0shot
    raise ValueError("num_fewshots must be 0 here")


@torch.inference_mode()  # type: ignore
def inference_transformers(
    model_or_model_name_or_path: str | AutoModelForCausalLM,
    tokenizer_or_name: str | Any | None = None,
    *,
    chat_template: str | None = None,
    model_args: dict[str, Any] | None = None,
    hf_token: str | None = None,
    num_fewshots: int = 5,
    trust_remote_code: bool = True,
    batch_size: int = 8,
    max_new_tokens: int = 256,
    temperature: float = 0.0,
    do_sample: bool = False,
    top_p: float = 1.0,
    top_k: int = 50,
    seed: int = 42,
    dtype: torch.dtype = torch.float16,
    device_map: str | dict[str, int] | None = "auto",
    generate_kwargs: dict[str, Any] | None = None,
) -> list[dict[str, str]]:
    _setup_seed(seed=seed)

    if generate_kwargs is None:
        generate_kwargs = {}

    model_args = model_args or {}
    if "torch_dtype" in model_args:
        dtype = model_args.pop("torch_dtype")
    if "trust_remote_code" in model_args:
        trust_remote_code = model_args.pop("trust_remote_code")

    # --- Load model ---
    if isinstance(model_or_model_name_or_path, str):
        model_args = model_args or {}
        model = AutoModelForCausalLM.from_pretrained(
            model_or_model_name_or_path,
            torch_dtype=dtype,
            device_map=device_map,
            token=hf_token,
            trust_remote_code=trust_remote_code,
            **model_args,
        )
    else:
        model = model_or_model_name_or_path

    # --- Load tokenizer ---
    if tokenizer_or_name is None:
        if isinstance(model_or_model_name_or_path, str):
            tokenizer = AutoTokenizer.from_pretrained(
                model_or_model_name_or_path,
                token=hf_token,
                trust_remote_code=True,
            )
        else:
            raise ValueError("Tokenizer must be provided if model is passed directly.")
    elif isinstance(tokenizer_or_name, str):
        tokenizer = AutoTokenizer.from_pretrained(
            tokenizer_or_name,
            token=hf_token,
            trust_remote_code=True,
        )
    else:
        tokenizer = tokenizer_or_name

    # ensure pad token exists
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token

    model.eval()

    questions = QUESTIONS
    tables = {t["table_id"]: t for t in TABLES}

    use_chat_template = chat_template or getattr(tokenizer, "chat_template", None)

    prompt_builder = choose_prompt_builder(num_fewshots)

    results: list[dict[str, str]] = []
    total = len(questions)

    for start in range(0, total, batch_size):
        batch = questions[start : start + batch_size]
        prompts = []

        for q in batch:
            tbl = tables[q["table_id"]]
            example_row = tbl["rows"][0] if tbl["rows"] else []
            text = prompt_builder(
                q["question"], tbl["header"], tbl["types"], example_row
            )

            if use_chat_template:
                messages = [{"role": "user", "content": text}]
                text = tokenizer.apply_chat_template(
                    messages,
                    tokenize=False,
                    add_generation_prompt=True,
                    chat_template=use_chat_template,
                )
            prompts.append(text)

        inputs = tokenizer(
            prompts, padding=True, truncation=True, return_tensors="pt"
        ).to(model.device)

        outputs = model.generate(
            **inputs,
            max_new_tokens=max_new_tokens,
            temperature=temperature if do_sample else 0.0,
            do_sample=do_sample,
            top_p=top_p,
            top_k=top_k,
            pad_token_id=tokenizer.pad_token_id,
            **generate_kwargs,
        )

        input_lengths = [len(ids) for ids in inputs["input_ids"]]

        generated_texts = []
        for output, input_len in zip(outputs, input_lengths, strict=False):
            generated_part = output[input_len:]
            text = tokenizer.decode(generated_part, skip_special_tokens=True).strip()
            generated_texts.append(text)

        batch_results = []
        for q, text in zip(batch, generated_texts, strict=False):
            batch_results.append(
                {
                    "question_id": q.get("question_id", q.get("id", "")),
                    "completion": text.strip(),
                }
            )
        results.extend(batch_results)

    return results


results = inference_transformers(
    "meta-llama/Llama-3.2-1B-Instruct",
    num_fewshots=0,
    batch_size=2,
    max_new_tokens=8,
    do_sample=True,
    temperature=1.0,
    dtype=torch.float32,
    device_map=None,
)
for row in results:
    print(row["question_id"], repr(row["completion"]))
