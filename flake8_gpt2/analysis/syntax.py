"""Reading libcst nodes: literals, dotted names, arguments, parameters, child fields. Knows nothing
of what a value is."""
from __future__ import annotations

import ast
import dataclasses
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple, Union

import libcst as cst

_EMPTY_MODULE = cst.Module(body=[])


def code_of(node: cst.CSTNode) -> str:
    # names, strings and dotted names are most of what messages show: their code is at hand,
    # where libcst's code generation costs a context manager per node
    plain = _plain_code(node)
    return plain if plain is not None else _EMPTY_MODULE.code_for_node(node)


def _plain_code(node: cst.CSTNode) -> Optional[str]:
    """The code of a name, a string or a dotted name written without parentheses or spaces."""
    if isinstance(node, (cst.Name, cst.SimpleString)):
        return None if node.lpar else node.value
    if isinstance(node, cst.Attribute) and not node.lpar and _is_empty(node.dot):
        base = _plain_code(node.value) if not isinstance(node.value, cst.SimpleString) else None
        return f"{base}.{node.attr.value}" if base is not None else None
    return None


def _is_empty(dot: cst.Dot) -> bool:
    before, after = dot.whitespace_before, dot.whitespace_after
    return all(isinstance(w, cst.SimpleWhitespace) and w.value == "" for w in (before, after))


def short_code_of(node: cst.CSTNode) -> Optional[str]:
    """The node's code when it fits in a message: one line, at most 40 characters."""
    code = code_of(node)
    return code if len(code) <= 40 and "\n" not in code else None


def literal_string(node: cst.BaseExpression) -> Optional[str]:
    if type(node) is cst.SimpleString:
        value = _string_value(node.value)
    elif type(node) is cst.ConcatenatedString:
        value = node.evaluated_value
    else:
        return None
    return value if isinstance(value, str) else None


@lru_cache(maxsize=4096)
def _string_value(code: str) -> Union[str, bytes]:
    # libcst's evaluated_value compiles the literal each time; the same strings recur in a file
    return ast.literal_eval(code)


def literal_int(node: cst.BaseExpression) -> Optional[int]:
    if isinstance(node, cst.Integer):
        value = node.evaluated_value
        return value if isinstance(value, int) else None
    return None


def largest_literal_int(node: cst.BaseExpression) -> Optional[int]:
    """The largest integer of a list or tuple display of integer literals, or of such rows
    (`[[0, 0, 1, 1]]`); None for anything else (a name, a float, a negative number, `*`)."""
    if not isinstance(node, (cst.List, cst.Tuple)) or not node.elements:
        return None
    found = []
    for element in node.elements:
        if isinstance(element, cst.StarredElement):
            return None
        value = literal_int(element.value)
        found.append(value if value is not None else largest_literal_int(element.value))
    return None if None in found else max(found)


def literal_bool(node: cst.BaseExpression) -> Optional[bool]:
    """`True` or `False`."""
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return node.value == "True"
    return None


def literal_keys(node: cst.BaseExpression) -> Optional[FrozenSet[str]]:
    """The keys of a dict literal whose keys are all string literals."""
    if not isinstance(node, cst.Dict):
        return None
    keys = set()
    for element in node.elements:
        key = literal_string(element.key) if isinstance(element, cst.DictElement) else None
        if key is None:
            return None
        keys.add(key)
    return frozenset(keys)


def dotted_name(node: Union[cst.BaseExpression, cst.ImportAlias]) -> Optional[str]:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr.value}" if base else None
    return None


def dotted_expression(dotted: str) -> cst.BaseExpression:
    """`a.b.c` as nodes, without parsing."""
    first, *rest = dotted.split(".")
    node: cst.BaseExpression = cst.Name(first)
    for part in rest:
        node = cst.Attribute(node, cst.Name(part))
    return node


def is_name(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


# ---- arguments of a call ----------------------------------------------------------------------


def positional(call: cst.Call) -> List[cst.Arg]:
    return [arg for arg in call.args if arg.keyword is None and arg.star == ""]


def keyword(call: cst.Call, name: str) -> Optional[cst.Arg]:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
    return None


def argument(call: cst.Call, name: str, position: Optional[int] = None) -> Optional[cst.Arg]:
    """The argument passed for a parameter, by keyword or at its position."""
    for index, arg in enumerate(call.args):
        if arg.star:
            continue
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
        if arg.keyword is None and index == position:
            return arg
    return None


def first_positional(call: cst.Call) -> Optional[cst.BaseExpression]:
    """The value of the first argument, when it is passed by position."""
    if call.args and call.args[0].keyword is None and not call.args[0].star:
        return call.args[0].value
    return None


def unpacks(call: cst.Call) -> bool:
    """Whether the call passes arguments through `*` or `**`, whose names are unknown."""
    return any(arg.star for arg in call.args)


def may_pass(call: cst.Call, names: Iterable[str]) -> bool:
    """Whether the call passes one of `names` by keyword, or may through `**`."""
    wanted = frozenset(names)
    return any(arg.star == "**" or (arg.keyword is not None and arg.keyword.value in wanted) for arg in call.args)


def may_switch_on(call: cst.Call, name: str) -> bool:
    """Whether the call passes `name=` other than the literal False, or may through `**`."""
    given = keyword(call, name)
    if given is not None:
        return not is_name(given.value, "False")
    return any(arg.star == "**" for arg in call.args)


# ---- definitions ------------------------------------------------------------------------------


def parameters(params: cst.Parameters) -> List[cst.Param]:
    found = [*params.posonly_params, *params.params, *params.kwonly_params]
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            found.append(star)
    return found


def function_defs(body: cst.BaseSuite) -> Dict[str, cst.FunctionDef]:
    """The functions a class body defines, by name."""
    return {s.name.value: s for s in body.body if isinstance(s, cst.FunctionDef)}


# ---- walking ----------------------------------------------------------------------------------

# fields that hold only whitespace, punctuation, operators or strings
_NOT_CHILDREN = frozenset(
    {
        "lpar", "rpar", "lbracket", "rbracket", "lbrace", "rbrace", "comma", "semicolon", "equal", "colon",
        "dot", "operator", "leading_lines", "lines_after_decorators", "header", "footer", "newline",
        "trailing_whitespace", "indent", "asynchronous", "star", "keyword", "prefix", "quote", "start", "end",
    }
)
_FIELDS_BY_TYPE: Dict[type, Tuple[str, ...]] = {}
_NODE_TYPES: Dict[type, bool] = {}


def is_node_type(kind: type) -> bool:
    # isinstance and issubclass against libcst's abstract CSTNode go through ABCMeta, which
    # searches all of its hundreds of subclasses for a type that is not one; the MRO does not
    known = _NODE_TYPES.get(kind)
    if known is None:
        known = _NODE_TYPES[kind] = cst.CSTNode in kind.__mro__
    return known


def child_fields(kind: type) -> Tuple[str, ...]:
    """The fields of a node type that can hold other nodes that matter: expressions, statements."""
    fields = _FIELDS_BY_TYPE.get(kind)
    if fields is None:
        fields = _FIELDS_BY_TYPE[kind] = tuple(
            f.name
            for f in dataclasses.fields(kind)
            if f.name not in _NOT_CHILDREN and not f.name.startswith("whitespace")
        )
    return fields


def is_last_position(node: cst.Subscript) -> bool:
    """`x[:, -1]` or `x[:, -1, :]`: the last position of every row."""
    parts = [element.slice for element in node.slice]
    if len(parts) not in (2, 3) or not all(_is_whole(part) for part in parts[:1] + parts[2:]):
        return False
    last = parts[1]
    return isinstance(last, cst.Index) and isinstance(last.value, cst.UnaryOperation) and code_of(last.value) == "-1"


def _is_whole(part: cst.BaseSlice) -> bool:
    return isinstance(part, cst.Slice) and part.lower is None and part.upper is None and part.step is None


def is_dataclass(node: cst.ClassDef) -> bool:
    """Whether every decorator of the class is `dataclass` (called or not)."""
    return all(
        is_name(d.decorator, "dataclass")
        or (isinstance(d.decorator, cst.Call) and is_name(d.decorator.func, "dataclass"))
        for d in node.decorators
    )


def reads_one_object(node: cst.BaseExpression) -> bool:
    """A name, or attributes and literal subscripts of one: reading it twice in one call reads the same
    object (no call in it may give another)."""
    while True:
        if isinstance(node, cst.Name):
            return True
        if isinstance(node, cst.Attribute):
            node = node.value
        elif isinstance(node, cst.Subscript) and all(_literal_index(element) for element in node.slice):
            node = node.value
        else:
            return False


def _literal_index(element: cst.SubscriptElement) -> bool:
    index = element.slice
    return isinstance(index, cst.Index) and isinstance(index.value, (cst.SimpleString, cst.Integer))
