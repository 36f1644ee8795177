"""Values chosen when the program runs, as the literals the code offers for them: a command-line
option's default or choices (argparse), an environment variable's default, a value of a dict of
literal strings picked by a key the analysis cannot tell. A checkpoint chosen so is known when
every choice names the same hub checkpoints row (`checkpoint_among`): its facts then hold
whichever the run picks."""
from __future__ import annotations

from typing import List, Optional

import libcst as cst

from ..facts.families import checkpoints_of
from .syntax import argument, is_name, keyword, literal_string, may_pass, positional, unpacks
from .values import ArgumentParser, Evaluate, Mapping, ParsedArguments, Text, Value

# keywords of `add_argument` after which an option's value is no longer its default string
_CONVERTING = ("action", "nargs", "const")


def argument_parser(path: str, call: cst.Call, evaluate: Evaluate) -> ArgumentParser:
    return ArgumentParser()


def parsed_arguments(parser: ArgumentParser, method: str, call: cst.Call, at: object) -> ParsedArguments:
    return ParsedArguments(parser.options)


def environment_default(path: str, call: cst.Call, evaluate: Evaluate) -> Optional[Text]:
    """`os.environ.get("MODEL", "gpt2")`, `os.getenv("MODEL", "gpt2")`: the default, as the program
    runs where the variable is not set."""
    default = argument(call, "default", 1)
    literal = literal_string(default.value) if default is not None else None
    return Text.chosen_among((literal,)) if literal is not None else None


def add_option(parser: ArgumentParser, call: cst.Call) -> None:
    """`parser.add_argument("--model-name", default="gpt2", choices=[...])`: what the option's
    destination holds."""
    destination = _destination(call)
    if destination is not None:
        parser.options[destination] = _option_value(call)


def _destination(call: cst.Call) -> Optional[str]:
    given = keyword(call, "dest")
    if given is not None:
        return literal_string(given.value)
    names = [literal_string(arg.value) for arg in positional(call)]
    if not names or None in names:
        return None
    long_name = next((name for name in names if name.startswith("--")), names[0])  # type: ignore[union-attr]
    return long_name.lstrip("-").replace("-", "_")  # type: ignore[union-attr]


def _option_value(call: cst.Call) -> Optional[Value]:
    """The literals an option may hold: its default (when it is not given) and its choices (when
    it is); unknown where it may be left out without a default, or its value is converted."""
    converter = keyword(call, "type")
    if unpacks(call) or may_pass(call, _CONVERTING) or (converter is not None and not is_name(converter.value, "str")):
        return None
    default = keyword(call, "default")
    required = keyword(call, "required")
    literals: List[str] = []
    if default is not None:
        literal = literal_string(default.value)
        if literal is None:
            return None
        literals.append(literal)
    elif required is None or not is_name(required.value, "True"):
        return None  # left out, it holds None
    given = keyword(call, "choices")
    if given is not None:
        choices = _literal_strings(given.value)
        if choices is None:
            return None
        literals.extend(choices)
    return Text.chosen_among(tuple(literals)) if literals else None


def _literal_strings(node: cst.BaseExpression) -> Optional[List[str]]:
    if not isinstance(node, (cst.List, cst.Tuple, cst.Set)):
        return None
    found = [literal_string(element.value) for element in node.elements if isinstance(element, cst.Element)]
    if len(found) != len(node.elements) or None in found:
        return None
    return found  # type: ignore[return-value]


def picked(mapping: Mapping, key: cst.BaseExpression) -> Optional[Text]:
    """`MODELS[name]` of a dict of literal strings: the value of a literal key, or any of them."""
    if mapping.elements is None:
        return None
    texts = [literal_string(value) for value in mapping.elements.values()]
    literal = literal_string(key)
    if literal is not None:
        value = literal_string(mapping.elements[literal]) if literal in mapping.elements else None
        return Text(value) if value is not None else None
    return Text.chosen_among(tuple(texts)) if texts and None not in texts else None  # type: ignore[arg-type]


def checkpoint_among(text: Text) -> Optional[str]:
    """A checkpoint name the facts tables can be asked about: the literal, or the first of the
    choices when every choice names the same checkpoints row."""
    if text.literal is not None or not text.choices:
        return text.literal
    rows = {id(checkpoints_of(choice)) for choice in text.choices}
    first = text.choices[0]
    return first if len(rows) == 1 and checkpoints_of(first) is not None else None
