"""What the evaluation says each kind of expression holds, asked directly: the module is walked,
then the expression is evaluated where the module ends."""
from __future__ import annotations

import libcst as cst
import pytest

from flake8_gpt2.analysis import Walker
from flake8_gpt2.analysis.values import (
    TextGenerationPipeline,
    Accelerator,
    DataLoader,
    EmbeddingLayer,
    Embeddings,
    Encoding,
    Ids,
    IdsBatch,
    KwargsModule,
    Mapping,
    Model,
    ModelOutput,
    NumberTensor,
    PaddedIds,
    PaddingCollator,
    Text,
    TextDataset,
    Tokenizer,
    TrainingArgs,
    TransformersObject,
)
from flake8_gpt2.facts.families import GPT2, LLAMA
from flake8_gpt2.settings import Settings

SETUP = """
import torch
import transformers
from accelerate import Accelerator
from datasets import Dataset, load_dataset
from torch.utils.data import DataLoader
from transformers import (
    AutoModelForCausalLM, AutoTokenizer, DataCollatorWithPadding, GPT2LMHeadModel, GPT2Tokenizer,
    TrainingArguments,
)

model = GPT2LMHeadModel.from_pretrained("gpt2")
auto = AutoModelForCausalLM.from_pretrained("gpt2")
tok = GPT2Tokenizer.from_pretrained("gpt2")
llama_tok = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B")
texts = ["a", "b"]
enc = tok("a")
tensors = tok("a", return_tensors="pt")
raw = Dataset.from_dict({"text": texts})
collator = DataCollatorWithPadding(llama_tok)


class Wrapper(torch.nn.Module):
    def forward(self, **kwargs):
        return kwargs
"""


def value_of(expression: str, setup: str = SETUP, settings: Settings = Settings()):
    return values_of([expression], setup, settings)[0]


def values_of(expressions, setup: str = SETUP, settings: Settings = Settings()):
    """What each expression holds after one walk of `setup` (the same objects)."""
    walker = Walker(settings, lambda call: None)
    walker.walk(cst.parse_module(setup))
    return [walker.evaluator.value_of(cst.parse_expression(expression)) for expression in expressions]


@pytest.mark.parametrize(
    "expression, kind, attributes",
    [
        ("model", Model, {"class_name": "GPT2LMHeadModel"}),
        ("auto.to('cpu').eval()", Model, {"class_name": "AutoModelForCausalLM"}),
        ("model.transformer", Model, {"class_name": "GPT2LMHeadModel"}),
        ("transformers.GPT2Model(config)", Model, {"class_name": "GPT2Model"}),
        ("tok", Tokenizer, {"padless_family": GPT2, "lacks_pad_token": True}),
        ("llama_tok", Tokenizer, {"padless_family": LLAMA}),
        ("AutoTokenizer.from_pretrained('gpt2', pad_token='<pad>')", Tokenizer, {"lacks_pad_token": False}),
        ("'hello'", Text, {"is_batch": False, "literal": "hello"}),
        ("f'{x} hello'", Text, {"is_batch": False, "literal": None}),
        ("texts", Text, {"is_batch": True}),
        ("('a', 'b' + 'c')", Text, {"is_batch": True}),
        ("' '.join(texts)", Text, {"is_batch": False}),
        ("'%s!' % name", Text, {"is_batch": False}),
        ("open('prompt.txt').read()", Text, {"is_batch": False}),
        ("input()", Text, {"is_batch": False}),
        ("model.transformer.wte", EmbeddingLayer, {}),
        ("model.get_input_embeddings()(ids)", Embeddings, {}),
        ("model.transformer.wte(ids).half()", Embeddings, {}),
        ("enc", Encoding, {"has_tensors": False}),
        ("tensors", Encoding, {"has_tensors": True}),
        ("tok.batch_encode_plus(texts)", Encoding, {"has_tensors": False}),
        ("enc['input_ids']", Ids, {"is_list": True}),
        ("enc.input_ids", Ids, {"is_list": True}),
        ("tok.encode('a')", Ids, {"is_list": True}),
        ("torch.tensor(tok.encode('a'))", Ids, {"is_list": False}),
        ("raw", TextDataset, {"columns": frozenset({"text"}), "is_dict": False}),
        ("raw.shuffle().train_test_split()", TextDataset, {"is_dict": True}),
        ("load_dataset('text', data_files='a.txt')['train']", TextDataset, {"columns": frozenset({"text"})}),
        ("{'text': texts, 'label': 1}", Mapping, {"keys": frozenset({"text", "label"})}),
        ("DataLoader(raw)", DataLoader, {}),
        ("collator", PaddingCollator, {"class_name": "DataCollatorWithPadding"}),
        ("TrainingArguments('out')", TrainingArgs, {"removes_unused_columns": True}),
        ("TrainingArguments('out', remove_unused_columns=False)", TrainingArgs, {"removes_unused_columns": False}),
        ("Wrapper()", KwargsModule, {}),
        ("Accelerator()", Accelerator, {}),
        ("tensors['input_ids']", IdsBatch, {"one_row": True}),
        ("tensors.input_ids[0]", Ids, {"is_list": False}),
        ("tensors.input_ids.squeeze()", Ids, {"is_list": False}),
        ("tok.encode('a', return_tensors='pt')", IdsBatch, {"one_row": True}),
        ("dict(tensors)", Encoding, {"has_tensors": True, "tokenizer_call": None}),
        ("{k: v.to('cpu') for k, v in tensors.items()}", Encoding, {"has_tensors": True}),
        ("tensors.to('cpu')", Encoding, {"has_tensors": True}),
        ("model.transformer.wte(ids) * 0.5", Embeddings, {}),
        ("noise + model.transformer.wte(ids)", Embeddings, {}),
        ("torch.cat([prefix, model.transformer.wte(ids)], dim=1)", Embeddings, {}),
        ("torch.nn.DataParallel(model)", KwargsModule, {}),
        ("torch.nn.DataParallel(model).module", Model, {"class_name": "GPT2LMHeadModel"}),
        ("torch.tensor([[0, 0, 1, 1]])", NumberTensor, {"highest": 1, "written": True, "shape": (1, 4)}),
        ("torch.LongTensor(((0, 2), (1, 1))).to('cpu')", NumberTensor, {"highest": 2, "floats": False}),
        ("torch.ones_like(tensors.input_ids)", NumberTensor, {"highest": 1}),
        ("torch.tensor([[0, 1]]).float()", NumberTensor, {"highest": None, "floats": True}),
        ("torch.ones(1, 4, dtype=torch.long)", NumberTensor, {"highest": 1}),
    ],
)
def test_what_an_expression_holds(expression, kind, attributes):
    value = value_of(expression)
    assert type(value) is kind
    for name, expected in attributes.items():
        assert getattr(value, name) == expected, name


@pytest.mark.parametrize(
    "expression, architecture",
    [
        ("model", "GPT2LMHeadModel"),
        ("auto", "GPT2LMHeadModel"),
        ("AutoModelForCausalLM.from_pretrained('meta-llama/Llama-3.2-1B')", "LlamaForCausalLM"),
        ("transformers.AutoModel.from_pretrained('facebook/opt-125m')", "OPTModel"),
        ("AutoModelForCausalLM.from_pretrained(name)", None),
        ("AutoModelForCausalLM.from_pretrained('my-org/my-model')", None),
    ],
)
def test_the_class_a_model_is(expression, architecture):
    assert value_of(expression).architecture == architecture


@pytest.mark.parametrize(
    "expression, labels",
    [
        ("model(ids, labels=ids)", True),
        ("model.forward(ids)", False),
        ("auto.to('cpu').eval()(ids, labels=None)", False),
        ("model(**tensors, return_dict=True)", None),
        ("model(**tensors, labels=ids)", True),
    ],
)
def test_what_a_model_gives(expression, labels):
    """A ModelOutput, and whether labels= was passed (None: `**` may have)."""
    value = value_of(expression)
    assert type(value) is ModelOutput
    assert value.labels is labels


@pytest.mark.parametrize(
    "expression",
    [
        "model(ids, return_dict=False)",
        "model(ids, return_dict=flag)",
        "model(*args)",
        "model(**kwargs)",
        "model(ids)[0]",
        "model(ids).logits",
        "transformers.GPT2Model(config)(ids)",
        "AutoModelForCausalLM.from_pretrained('gpt2', return_dict=False)(ids)",
        "AutoModelForCausalLM.from_pretrained('gpt2', config=config)(ids)",
        "AutoModelForCausalLM.from_config(config)(ids)",
    ],
)
def test_what_may_give_a_tuple_stays_unknown(expression):
    assert value_of(expression) is None


@pytest.mark.parametrize(
    "expression, class_name",
    [
        ("transformers.pipeline('text-generation', model='gpt2')", "TextGenerationPipeline"),
        ("transformers.pipeline(task='text-generation')", "TextGenerationPipeline"),
        ("transformers.TextGenerationPipeline(model=model, tokenizer=tok)", "TextGenerationPipeline"),
        ("transformers.pipeline('summarization')", "pipeline"),
        ("transformers.pipeline(task)", "pipeline"),
        ("transformers.pipeline(model='gpt2')", "pipeline"),
    ],
)
def test_which_pipeline_a_call_makes(expression, class_name):
    value = value_of(expression)
    assert isinstance(value, TransformersObject) and value.class_name == class_name


def test_what_a_text_generation_pipeline_pads_with():
    made = value_of("transformers.pipeline('text-generation', model='gpt2', batch_size=4)")
    assert isinstance(made, TextGenerationPipeline) and made.batch_size == 4
    tokenizer = made.tokenizer
    assert tokenizer.padless_family is GPT2 and tokenizer.checkpoint == "gpt2" and not tokenizer.pad_may_be_set
    assert value_of("transformers.pipeline('text-generation', model='gpt2').tokenizer").checkpoint == "gpt2"
    walker = Walker(Settings(), lambda call: None)
    walker.walk(cst.parse_module(SETUP))
    given = walker.evaluator.value_of(cst.parse_expression("transformers.pipeline('text-generation', tokenizer=tok)"))
    assert walker.references.name_of(given.tokenizer) == "tok"
    for unknown in ("model=model", "model='gpt2', tokenizer=name", "model='gpt2', **options", "*args"):
        assert value_of(f"transformers.pipeline('text-generation', {unknown})").tokenizer is None, unknown


def test_what_a_data_loader_gives():
    assert type(value_of("DataLoader(raw)").batches) is Mapping
    assert type(value_of("DataLoader(tokd, collate_fn=collator)").batches) is Encoding
    assert value_of("DataLoader(tokd, collate_fn=my_collate)").batches is None


@pytest.mark.parametrize(
    "expression",
    [
        "unknown",
        "unknown('text')",
        "open('prompt.bin', 'rb').read()",
        "open('prompt.txt', mode).read()",
        "tok.encode(texts)",
        "['a', unknown]",
        "[*texts]",
        "{**kwargs}",
        "{key: 1}",
        "raw['train']",
        "model.generate(ids)",
        "model.lm_head",
        "torch.cat([a, b])",
        "torch.cat([model.transformer.wte(ids), 'text'])",
        "model.transformer.wte(ids).argmax(-1)",
        "model.transformer.wte(ids) @ weights",
        "tok('a', return_tensors='pt').input_ids[0:1]",
        "tok(texts, return_tensors='pt').input_ids.squeeze()",
        "tensors.input_ids[0].unsqueeze(0)",
        "{k: v for k, v in tensors.items() if k != 'labels'}",
        "{k: v[0] for k, v in tensors.items()}",
        "{name: v for k, v in tensors.items()}",
        "DataLoader",
        "transformers.pipeline",
    ],
)
def test_what_the_evaluation_cannot_prove_stays_unknown(expression):
    value = value_of(expression)
    assert value is None or type(value).__name__ in ("LibraryName", "TransformersName"), value


def test_a_name_bound_again_holds_the_new_value_and_a_shadowed_builtin_is_unknown():
    assert value_of("model", SETUP + "model = load()\n") is None
    assert value_of("input()", "def input():\n    return 1\n") is None
    assert value_of("str(x)", "str = lambda x: x\n") is None


def test_configured_model_names_make_models():
    settings = Settings(frozenset({"load_model", "lib.Net"}))
    assert isinstance(value_of("load_model()", "", settings), Model)
    assert isinstance(value_of("Net()", "from lib import Net\n", settings), Model)
    assert value_of("load_model()", "load_model = print\n", settings) is None


PADDING = SETUP + """
tok.pad_token = tok.eos_token
left = AutoTokenizer.from_pretrained("gpt2", padding_side="left")
unknown_side = AutoTokenizer.from_pretrained("some/model")
batch = tok(texts, padding=True, return_tensors="pt")
labels = batch["input_ids"].clone()
labels[batch["attention_mask"] == 0] = -100
"""


@pytest.mark.parametrize(
    "expression, side",
    [
        ("tok(texts, padding=True, return_tensors='pt')", "right"),
        ("tok(['a', 'b'], padding='longest')", "right"),
        ("tok('a', padding='max_length', max_length=8)", "right"),
        ("left(texts, padding=True)", "left"),
        ("tok(texts, padding=True, padding_side='left')", "left"),
        ("unknown_side(texts, padding=True)", None),
    ],
)
def test_a_batch_that_surely_holds_pads_knows_its_side(expression, side):
    value = value_of(expression, PADDING)
    assert type(value) is Encoding and value.padding is not None
    assert value.padding.side == side


@pytest.mark.parametrize(
    "expression",
    ["tok('a', padding=True)", "tok(texts)", "tok(texts, padding=False)", "tok(unknown, padding=True)"],
)
def test_a_batch_that_may_hold_no_pads_has_no_padding(expression):
    assert value_of(expression, PADDING).padding is None


def test_ids_of_a_padded_batch_and_pads_replaced_by_writing_into_them():
    assert isinstance(value_of("batch['input_ids']", PADDING), PaddedIds)
    assert value_of("batch.input_ids.to('cpu')", PADDING).pads_may_be_replaced is False
    assert value_of("labels", PADDING).pads_may_be_replaced is True
    assert value_of("batch['input_ids']", PADDING).pads_may_be_replaced is False  # a clone was written
    assert value_of("tok.eos_token", PADDING).__class__.__name__ == "EosToken"


def test_tokenizer_settings_proven_only_by_assignments_that_always_run():
    assert value_of("tok", PADDING).settings.pad_is_eos is True
    branchy = SETUP + "if flag:\n    tok.padding_side = 'left'\n    tok.pad_token = tok.eos_token\n"
    settings = value_of("tok", branchy).settings
    assert settings.padding_side is None and settings.pad_is_eos is False
    handed = SETUP + "tok.pad_token = tok.eos_token\nprepare(tok)\n"
    assert value_of("tok", handed).settings.pad_is_eos is False


def test_a_loaded_model_remembers_how_until_its_configuration_may_change():
    loaded = value_of("model", SETUP).loaded
    assert loaded.checkpoint == "gpt2" and loaded.default_attention
    eager = "\nm = GPT2LMHeadModel.from_pretrained('gpt2', attn_implementation='eager')\n"
    assert value_of("m", SETUP + eager).loaded.default_attention is False
    assert value_of("model", SETUP + "model.set_attn_implementation('eager')\n").loaded is None
    assert value_of("model", SETUP + "model.generation_config.do_sample = True\n").loaded is None
    assert value_of("model", SETUP + "model.eval()\nprint(model)\n").loaded is not None


@pytest.mark.parametrize(
    "expression, least",
    [
        ("tok('Once upon a time', return_tensors='pt')", 4),
        ("tok(['a', 'b'], padding='max_length', max_length=16)", 16),
        ("tok('Once upon a time', max_length=2, truncation=True)", None),
        ("tok(texts)", None),
    ],
)
def test_the_least_length_of_a_prompt(expression, least):
    assert value_of(expression).min_length == least


def test_chat_text_remembers_the_tokenizer_whose_template_wrote_it():
    setup = SETUP + "messages = [{'role': 'user', 'content': 'hi'}]\n"
    chat = value_of("llama_tok.apply_chat_template(messages, tokenize=False)", setup)
    assert type(chat).__name__ == "ChatText" and chat.tokenizer.checkpoint == "meta-llama/Llama-3.2-1B"
    assert type(value_of("llama_tok.apply_chat_template(messages)", setup)).__name__ != "ChatText"


def test_a_model_output_knows_the_ids_its_cache_holds():
    setup = SETUP + "ids = tensors['input_ids']\nout = model(ids)\ngrown = torch.cat([ids, new], dim=-1)\n"
    walker = Walker(Settings(), lambda call: None)
    walker.walk(cst.parse_module(setup))

    def held(expression):
        return walker.evaluator.value_of(cst.parse_expression(expression))

    cache = held("out.past_key_values")
    assert type(cache).__name__ == "ModelCache" and cache.ids is held("ids")
    assert held("grown").base is held("ids")
    assert held("torch.cat([ids, new], dim=0)") is None
    assert held("torch.cat([unknown, new], dim=-1)") is None


OWN_CODE = SETUP + '''
def load():
    return GPT2LMHeadModel.from_pretrained("gpt2")


def pair():
    return load(), tok


def maybe(flag):
    if flag:
        return load()


def collate(rows):
    return tok(rows, return_tensors="pt")


class Items(torch.utils.data.Dataset):
    def __getitem__(self, index):
        return {"text": texts[index]}


class Holder:
    def __init__(self, model):
        self.model = model


holder = Holder(model)
first, second = pair()
keys = {"labels": 1}
keys["input_ids"] = 2
keys.update(attention_mask=3)
keys.pop("labels")
lambda_loader = DataLoader(texts, collate_fn=lambda rows: tok(rows))
tuple_loader = DataLoader(texts, collate_fn=lambda rows: (rows, 1))
'''


@pytest.mark.parametrize(
    "expression, kind",
    [
        ("load()", Model),
        ("first", Model),
        ("second", Tokenizer),
        ("holder.model", Model),
        ("DataLoader(texts, collate_fn=collate).batches", Encoding),
        ("lambda_loader.batches", Encoding),
        ("DataLoader(Items()).batches", Mapping),
        ("maybe(True)", type(None)),
        ("tuple_loader.batches", type(None)),
    ],
)
def test_what_the_files_own_functions_and_classes_give(expression, kind):
    walker = Walker(Settings(), lambda call: None)
    walker.walk(cst.parse_module(OWN_CODE))
    node = cst.parse_expression(expression)
    if isinstance(node, cst.Attribute) and node.attr.value == "batches":
        value = walker.evaluator.value_of(node.value).batches
    else:
        value = walker.evaluator.value_of(node)
    assert type(value) is kind


def test_a_dict_holds_the_keys_added_and_not_those_removed():
    assert value_of("keys", OWN_CODE).keys == frozenset({"input_ids", "attention_mask"})


def test_a_data_loader_of_several_rows_keeps_its_collators_tokenizer():
    def collated_with(expression):
        return value_of(expression).batches.collated_with

    for several in ("batch_size=2", "batch_size=size", "batch_sampler=sampler"):
        loader, tokenizer = values_of([f"DataLoader(tokd, {several}, collate_fn=collator)", "llama_tok"])
        assert loader.batches.collated_with is tokenizer, several
    for one_row in ("", "batch_size=1, ", "batch_size=None, "):
        assert collated_with(f"DataLoader(tokd, {one_row}collate_fn=collator)") is None, one_row
    for padding in ("False", "'do_not_pad'"):
        loader = f"DataLoader(tokd, batch_size=2, collate_fn=DataCollatorWithPadding(llama_tok, padding={padding}))"
        assert collated_with(loader) is None, padding
    assert collated_with("DataLoader(tokd, batch_size=2, collate_fn=DataCollatorWithPadding(**kw))") is None


@pytest.mark.parametrize(
    "mapping, padded",
    [
        ("raw.map(encode, batched=True)", True),
        ("raw.map(encode, batched=True, batch_size=None)", True),
        ("raw.map(encode)", False),
        ("raw.map(encode, batched=True, batch_size=1)", False),
        ("raw.map(encode, batched=True, input_columns=['text'])", False),
        ("raw.map(encode_longest, batched=True)", True),
        ("raw.map(encode_unpadded, batched=True)", False),
        ("raw.map(encode_one, batched=True)", False),
    ],
)
def test_a_batched_map_that_pads_its_rows_keeps_the_tokenizer(mapping, padded):
    setup = SETUP + (
        "def encode(batch):\n    return llama_tok(batch['text'], padding=True)\n"
        "def encode_longest(rows):\n    return llama_tok(rows['text'], padding='longest')\n"
        "def encode_unpadded(batch):\n    return llama_tok(batch['text'])\n"
        "def encode_one(batch):\n    return llama_tok(text, padding=True)\n"
    )
    mapped, tokenizer = values_of([mapping, "llama_tok"], setup)
    assert mapped.padded_with is (tokenizer if padded else None)


def test_a_collator_that_pads_gives_encodings():
    setup = SETUP + "def pad(features):\n    return tok.pad(features, return_tensors='pt')\n"
    assert type(value_of("DataLoader(tokd, collate_fn=pad)", setup).batches) is Encoding


@pytest.mark.parametrize(
    "expression",
    [
        "torch.tensor([[0, 0, 1, 1]], dtype=torch.float)",
        "torch.tensor([[0, x, 1]])",
        "torch.tensor(rows)",
        "torch.ones(1, 4)",
        "torch.ones_like(model.transformer.wte(ids))",
        "torch.tensor([[0, 1]]).to(torch.float)",
    ],
)
def test_tensors_not_known_to_hold_integers(expression):
    assert getattr(value_of(expression), "highest", None) is None


SEQ2SEQ = """
from transformers import AutoTokenizer

tok = AutoTokenizer.from_pretrained("t5-small")
bert = AutoTokenizer.from_pretrained("bert-base-uncased")
sources = ["a b", "c d e"]
targets = ["f", "g h"]
both = tok(sources, text_target=targets, padding=True, return_tensors="pt")
one = tok(sources[0], text_target=targets[0], padding=True, return_tensors="pt")
alone = tok(text_target=targets, padding="max_length", max_length=8, return_tensors="pt")
pairs = bert(sources, targets, return_tensors="pt")
asked = tok(sources, targets, return_token_type_ids=True, return_tensors="pt")
"""


@pytest.mark.parametrize(
    "expression, kind",
    [
        ("both['labels']", PaddedIds),
        ("both.labels", PaddedIds),
        ("both.get('labels')", PaddedIds),
        ("one['labels']", IdsBatch),
        ("alone.input_ids", PaddedIds),
        ("pairs['token_type_ids']", NumberTensor),
        ("asked['token_type_ids']", type(None)),
    ],
)
def test_what_an_encoding_of_targets_or_pairs_holds(expression, kind):
    assert type(value_of(expression, SEQ2SEQ)) is kind


def test_the_padded_ids_of_an_encoding_are_one_value():
    value = value_of("both['labels']", SEQ2SEQ + "both['labels'][both['labels'] == tok.pad_token_id] = -100\n")
    assert isinstance(value, PaddedIds) and value.pads_may_be_replaced


HELD = SETUP + """
load = AutoModelForCausalLM.from_pretrained
held = load("gpt2")
if flag:
    loader = transformers.T5ForConditionalGeneration.from_pretrained
else:
    loader = transformers.BartForConditionalGeneration.from_pretrained
picked = loader("t5-small")
if flag:
    mixed = AutoTokenizer.from_pretrained
else:
    mixed = AutoModelForCausalLM.from_pretrained
defaults = {"max_new_tokens": 5, "temperature": 0.7}
"""


def test_a_class_method_held_in_a_variable_is_called_as_written_out():
    held, direct = values_of(["held", "AutoModelForCausalLM.from_pretrained('gpt2')"], HELD)
    assert type(held) is Model and held.state() == direct.state()
    assert held.architecture == "GPT2LMHeadModel" and held.loaded is not None


def test_class_methods_picked_by_branches_give_what_they_agree_on():
    picked, mixed = values_of(["picked", "mixed('gpt2')"], HELD)
    assert type(picked) is Model and picked.class_name is None
    assert mixed is None  # a tokenizer on one path, a model on the other


@pytest.mark.parametrize("copy", ["dict(defaults)", "defaults.copy()", "{**defaults}", "dict(defaults, top_k=5)"])
def test_a_copied_dict_keeps_the_values_written(copy):
    original, copied = values_of(["defaults", copy], HELD)
    assert type(copied) is Mapping and copied is not original
    assert {key: copied.elements[key] for key in original.elements} == original.elements


MAY_BE_NONE = SETUP + """
import os

maybe = None
if os.environ.get("LOAD"):
    maybe = GPT2LMHeadModel.from_pretrained("gpt2")
unknown = os.environ.get("MODEL")


def checked():
    held = maybe
    if held is None:
        raise ValueError("no model")
    return held


def loaded_when_missing():
    lazy = None
    if lazy is None:
        lazy = GPT2LMHeadModel.from_pretrained("gpt2")
    return lazy


def left_on_one_path():
    fallback = maybe
    if fallback is None:
        return None
    return fallback


def in_a_loop():
    for _ in range(2):
        lazy = None
        if lazy is None:
            lazy = GPT2LMHeadModel.from_pretrained("gpt2")
    return lazy
"""


@pytest.mark.parametrize(
    "expression, kind",
    [
        ("None or model", Model),
        ("'' or 'gpt2'", Text),
        ("model or unknown", Model),  # a model is true
        ("maybe or model", Model),  # None or a model: either way a model
        ("maybe", type(None)),  # may be None
        ("maybe and tok", type(None)),
        ("unknown or model", type(None)),
        ("checked()", Model),  # the path where it is None raises
        ("loaded_when_missing()", Model),
        ("left_on_one_path()", type(None)),  # returns None on one path
        ("in_a_loop()", type(None)),  # `lazy` is None only on the loop's first run, as far as the walk tells
    ],
)
def test_or_and_and_hold_the_operand_python_picks(expression, kind):
    value = value_of(expression, MAY_BE_NONE)
    assert type(value) is kind or (kind is type(None) and not isinstance(value, (Model, Tokenizer, Text)))


def test_what_may_be_none_keeps_what_it_holds_otherwise():
    assert type(value_of("maybe", MAY_BE_NONE).other) is Model


LOADERS = SETUP + """
def load(checkpoint):
    return AutoTokenizer.from_pretrained(checkpoint)


def load_both(checkpoint):
    loaded = AutoTokenizer.from_pretrained(checkpoint)
    return loaded, AutoModelForCausalLM.from_pretrained(checkpoint)


gpt2_tok = load("gpt2")
llama_tok, llama_model = load_both("meta-llama/Llama-3.2-1B")
"""


def test_a_call_of_an_own_function_gives_what_its_body_returns_with_what_the_call_passes():
    gpt2_tok, llama_tok, llama_model = values_of(["gpt2_tok", "llama_tok", "llama_model"], LOADERS)
    assert type(gpt2_tok) is Tokenizer and gpt2_tok.padless_family is GPT2
    assert type(llama_tok) is Tokenizer and llama_tok.padless_family is LLAMA
    assert type(llama_model) is Model
