"""The keys of dicts the code builds and changes (analysis/dict_keys.py), as `**` passes them
(analysis/keywords.py): keys surely held, and where one write alone put each."""
from __future__ import annotations

import libcst as cst
import pytest

from flake8_gpt2.analysis.keywords import keyword_of
from flake8_gpt2.analysis.values import Mapping, OpenMapping
from flake8_gpt2.analysis.walk import Walker
from flake8_gpt2.settings import Settings

CODE = '''
def f(extra, flag, **options):
    opened = extra or {}
    opened["a"] = 1
    merged = {**options, "b": 2}
    called = dict(extra, c=3)
    updated = {"d": 4}
    updated.update(extra)
    branched = {"e": 5}
    if flag:
        branched["f"] = 6
    else:
        branched["g"] = 7
    handed = {"h": 8}
    helper(handed)
    popped = {"i": 9, "j": 10}
    popped.pop("i")
    twice = {}
    if flag:
        twice["k"] = 1
    else:
        twice["k"] = 2
    defaulted = dict(extra)
    defaulted.setdefault("l", 1)
    cleared = {"x": 1, **extra}
    cleared.clear()
    cleared["m"] = 1
    return locals()
'''


def _values():
    seen = {}

    def on_call(parts):
        if isinstance(parts.node.func, cst.Name) and parts.node.func.value == "locals":
            for name in ("opened", "merged", "called", "updated", "branched", "handed", "popped", "twice",
                         "defaulted", "cleared"):
                seen[name] = walker.evaluator.value_of(cst.Name(name))

    walker = Walker(Settings(), on_call)
    walker.walk(cst.parse_module(CODE))
    return seen


@pytest.mark.parametrize(
    "name, kind, keys, written",
    [
        ("opened", OpenMapping, {"a"}, {"a"}),
        ("merged", OpenMapping, {"b"}, {"b"}),
        ("called", OpenMapping, {"c"}, {"c"}),
        ("updated", OpenMapping, {"d"}, set()),  # an unknown dict merged in may write it again
        ("branched", OpenMapping, {"e"}, {"e"}),
        ("handed", type(None), None, None),
        ("popped", Mapping, {"j"}, {"j"}),
        ("twice", Mapping, {"k"}, set()),  # two writes, one a path
        ("defaulted", OpenMapping, {"l"}, set()),  # setdefault into a dict that may hold the key
        ("cleared", Mapping, {"m"}, {"m"}),
    ],
)
def test_the_keys_a_dict_surely_holds(name, kind, keys, written):
    value = _values()[name]
    assert type(value) is kind
    if value is not None:
        assert value.keys == frozenset(keys)
        assert set(value.writes) == written


def test_a_keyword_through_star_star_and_where_it_is_written():
    source = "kw = {'use_auth_token': 1}\nf(**kw)\nf(**{**kw, 'token': 2})\nf(x=1, **dict(token=1))\n"
    module = cst.parse_module(source)
    found = []

    def on_call(parts):
        if isinstance(parts.node.func, cst.Name) and parts.node.func.value == "f":
            found.append(keyword_of(parts.node, "use_auth_token", walker.evaluator.value_of))

    walker = Walker(Settings(), on_call)
    walker.walk(module)
    first, second, third = found
    assert first.through_dict and not first.inline and first.key.value == "'use_auth_token'"
    assert second.through_dict and not second.inline  # written in `kw`, not in the call
    assert third is None
