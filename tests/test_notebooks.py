"""Jupyter notebooks through the `flake8-gpt2` command: findings located in cells, IPython syntax
left alone, fixes that land in the right cell and keep the file's layout byte for byte, bad input,
and an execution proof on the tiny GPT-2 (the bad cells fail as the rule's page says, the fixed
ones run)."""
from __future__ import annotations

import ast
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from flake8_gpt2.frontends.cli import main
from flake8_gpt2.pipeline import FileResult
from flake8_gpt2.frontends import notebook
from flake8_gpt2.frontends.notebook import NotebookLocation, check_notebook

NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
IMPORTS = "from transformers import GPT2LMHeadModel, GPT2Tokenizer\n"
LOAD = 'tokenizer = GPT2Tokenizer.from_pretrained("gpt2")\nmodel = GPT2LMHeadModel.from_pretrained("gpt2")'
PAD = "tokenizer.pad_token = tokenizer.eos_token\n"


def run(capsys, *args):
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def write(path: Path, *sources: str, **metadata) -> Path:
    """A notebook as Jupyter writes it: code cells (a source starting with `md:` is markdown)."""
    python = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    notebook = new_notebook(metadata=metadata or python)
    notebook.cells = [new_markdown_cell(s[3:]) if s.startswith("md:") else new_code_cell(s) for s in sources]
    nbformat.write(notebook, str(path))
    return path


def sources(path: Path) -> list:
    return ["".join(cell["source"]) for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]]


def test_findings_read_cell_line_column(tmp_path, capsys):
    path = Path(shutil.copy(NOTEBOOKS / "padding.ipynb", tmp_path))
    status, out, err = run(capsys, path)
    assert (status, err) == (1, "")
    assert out.startswith(f"{path}:cell 4:3:9: GPT003 padding with a GPT-2 tokenizer")
    assert len(out.splitlines()) == 1


def test_the_api_gives_each_finding_its_cell_and_cell_id():
    result = check_notebook((NOTEBOOKS / "text_to_model.ipynb").read_bytes(), lambda code: True)
    [finding] = result.findings
    assert finding.location == NotebookLocation(cell=2, line=3, column=10, index=2, cell_id="cell-3")
    assert str(finding.location) == "cell 2:3:11"
    assert (finding.code, finding.line, finding.column) == ("GPT001", 3, 10)


def test_cells_share_one_namespace_in_order(tmp_path, capsys):
    path = write(tmp_path / "nb.ipynb", IMPORTS, LOAD, "md:text", "x = 1", 'model("Hello")')
    assert run(capsys, path)[1].startswith(f"{path}:cell 4:1:1: GPT001")  # markdown cells do not count
    # the same code before the model exists is silent: cells run in order
    path = write(tmp_path / "nb.ipynb", IMPORTS, 'model("Hello")', LOAD)
    assert run(capsys, path) == (0, "", "")


def test_a_directory_walk_takes_notebooks_but_not_jupyter_checkpoints(tmp_path, capsys):
    shutil.copytree(NOTEBOOKS, tmp_path / "nbs")
    shutil.copytree(NOTEBOOKS, tmp_path / "nbs" / ".ipynb_checkpoints")
    status, out, _ = run(capsys, tmp_path)
    assert status == 1
    assert [line.split(":")[0] for line in out.splitlines()] == [
        str(tmp_path / "nbs" / "padding.ipynb"),
        str(tmp_path / "nbs" / "text_to_model.ipynb"),
    ]


def test_fix_adds_the_pad_token_in_the_tokenizer_cell_and_keeps_everything_else(tmp_path, capsys):
    path = Path(shutil.copy(NOTEBOOKS / "padding.ipynb", tmp_path))
    before = path.read_text(encoding="utf-8")
    status, out, _ = run(capsys, "--fix", "--show-fixes", "--unsafe-fixes", path)
    assert status == 0
    assert out.startswith(f"{path}:cell 4:3:9: fixed GPT003")
    after = path.read_text(encoding="utf-8")
    added = '    "tokenizer.pad_token = tokenizer.eos_token\\n",\n'
    tokenizer_line = '    "tokenizer = GPT2Tokenizer.from_pretrained(\\"gpt2\\")\\n",\n'
    assert after == before.replace(tokenizer_line, tokenizer_line + added)
    # idempotent
    assert run(capsys, "--fix", "--show-fixes", "--unsafe-fixes", path) == (0, "", "")
    assert path.read_text(encoding="utf-8") == after


def test_diff_shows_the_change_and_writes_nothing(tmp_path, capsys):
    path = Path(shutil.copy(NOTEBOOKS / "text_to_model.ipynb", tmp_path))
    before = path.read_bytes()
    status, out, _ = run(capsys, "--diff", path)
    assert status == 1
    assert '-    "outputs = model(prompt)\\n",' in out
    assert '+    "outputs = model(**tokenizer(prompt, return_tensors=\\"pt\\"))\\n",' in out
    assert path.read_bytes() == before


BAD_CELLS = [IMPORTS + LOAD, 'out = model("Héllo wörld")\nbatch = tokenizer(["a", "b c"], padding=True)']
FIXED_CELLS = [
    IMPORTS + LOAD.replace("\nmodel", "\n" + PAD + "model"),
    'out = model(**tokenizer("Héllo wörld", return_tensors="pt"))\nbatch = tokenizer(["a", "b c"], padding=True)',
]


def layout(cells, as_string, trailing_newline="\n", newline="\n", **dumps):
    """The text of a notebook in a given JSON layout, as other writers than Jupyter make them."""
    notebook = {
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}, "title": "ünïcode"},
        "nbformat": 4,
        "nbformat_minor": 5,
        "cells": [
            {
                "cell_type": "code",
                "execution_count": number,
                "id": f"id-{number}",
                "metadata": {"collapsed": False},
                "outputs": [{"output_type": "stream", "name": "stdout", "text": ["ok\n"]}],
                "source": code if as_string else code.splitlines(keepends=True),
            }
            for number, code in enumerate(cells, start=1)
        ],
    }
    return json.dumps(notebook, **dumps).replace("\n", newline) + trailing_newline


LAYOUTS = {
    "jupyter": dict(indent=1, sort_keys=True, ensure_ascii=False),
    "indent 2, keys unsorted": dict(indent=2),
    "ascii escapes": dict(indent=4, ensure_ascii=True),
    "one line": dict(ensure_ascii=False),
    "no trailing newline": dict(indent=1, trailing_newline=""),
    "CRLF": dict(indent=1, newline="\r\n"),
    "tabs": dict(indent="\t", ensure_ascii=False),
}


@pytest.mark.parametrize("as_string", [False, True], ids=["source as lines", "source as one string"])
@pytest.mark.parametrize("name", LAYOUTS)
def test_fix_keeps_the_json_layout_byte_for_byte(tmp_path, capsys, name, as_string):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(layout(BAD_CELLS, as_string, **LAYOUTS[name]).encode("utf-8"))
    status, _, err = run(capsys, "--fix", "--show-fixes", "--unsafe-fixes", path)
    assert (status, err) == (0, "Fixed 2 findings in 1 file; 0 left (1 file checked).\n")
    assert path.read_bytes() == layout(FIXED_CELLS, as_string, **LAYOUTS[name]).encode("utf-8")
    assert run(capsys, "--fix", "--show-fixes", "--unsafe-fixes", path) == (0, "", "")  # idempotent
    assert path.read_bytes() == layout(FIXED_CELLS, as_string, **LAYOUTS[name]).encode("utf-8")


def test_ipython_syntax_is_left_alone_and_does_not_stop_the_analysis(tmp_path, capsys):
    path = write(
        tmp_path / "nb.ipynb",
        "!pip install transformers\n%matplotlib inline\n%config InlineBackend.figure_format = 'retina'\n"
        "pip install -q datasets\nmatplotlib inline\ncd /content\nenv = {}",
        IMPORTS + LOAD,
        "files = !ls \\\n  -la\n?model\nmodel.generate??\n*Tokenizer*?\nvalue = (10\n% 3)",
        "%%bash\necho 'model(\"not Python\")'",
        "%%capture\nfor prompt in ['a', 'b']:\n    %time model.eval()\n    !echo {prompt}\n    model(prompt)",
        'x = model("Hello")',
    )
    before = sources(path)
    status, out, err = run(capsys, "--fix", "--show-fixes", path)
    assert err == "Fixed 2 findings in 1 file; 0 left (1 file checked).\n"
    assert out.splitlines() == [
        f"{path}:cell 5:5:5: fixed GPT001 text passed to a model, which takes token ids; tokenize it first: "
        'model(**tokenizer(prompt, return_tensors="pt"))',
        f"{path}:cell 6:1:5: fixed GPT001 text passed to a model, which takes token ids; tokenize it first: "
        'model(**tokenizer("Hello", return_tensors="pt"))',
    ]
    assert status == 0
    after = sources(path)
    assert after[:4] == before[:4]
    assert after[4] == before[4].replace("model(prompt)", 'model(**tokenizer(prompt, return_tensors="pt"))')


def test_a_name_bound_by_a_shell_escape_is_no_longer_the_model(tmp_path, capsys):
    path = write(tmp_path / "nb.ipynb", IMPORTS + LOAD, "model = !echo hi\nmodel('text')")
    assert run(capsys, path) == (0, "", "")


def test_noqa_in_a_cell_works_as_in_a_file(tmp_path, capsys):
    path = write(tmp_path / "nb.ipynb", IMPORTS + LOAD, 'model("a")  # noqa: GPT001', 'model("b")')
    before = sources(path)
    status, out, _ = run(capsys, "--fix", "--show-fixes", path)
    assert out.startswith(f"{path}:cell 3:1:1: fixed GPT001")
    assert len(out.splitlines()) == 1
    assert sources(path)[1] == before[1]


def test_a_cell_that_does_not_parse_hides_nothing_in_the_others(tmp_path, capsys):
    path = write(tmp_path / "nb.ipynb", IMPORTS + LOAD, "def broken(:\n    pass", 'model("Hello")')
    status, out, err = run(capsys, "--fix", "--show-fixes", path)
    assert status == 2
    assert err.splitlines()[0] == (
        f"{path}:cell 2: error: syntax error at line 1, column 12: invalid syntax (cell skipped)"
    )
    assert out.startswith(f"{path}:cell 3:1:1: fixed GPT001")
    assert sources(path)[1] == "def broken(:\n    pass"


@pytest.mark.parametrize(
    "content, message",
    [
        (b'{"cells": [', "not a notebook: invalid JSON: Expecting value: line 1 column 12 (char 11)"),
        (b"", "not a notebook: invalid JSON: Expecting value: line 1 column 1 (char 0)"),
        (b"[1, 2]", "not a notebook: no list of cells (nbformat 4)"),
        (b'{"cells": [{"cell_type": "code", "source": 3}]}', "not a notebook: the source of cell 1 is not text"),
        (b'{"cells": []}\xff', "cannot decode: 'utf-8' codec can't decode byte 0xff in position 13: invalid start "
                               "byte"),
    ],
    ids=["truncated", "empty file", "a list", "bad source", "not UTF-8"],
)
def test_a_file_that_is_no_notebook_gets_one_line_and_exit_2(tmp_path, capsys, content, message):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(content)
    other = write(tmp_path / "other.ipynb", IMPORTS + LOAD, 'model("x")')
    status, out, err = run(capsys, "--fix", "--show-fixes", path, other)
    assert status == 2
    assert err.splitlines()[0] == f"{path}: error: {message}"
    assert path.read_bytes() == content
    assert "fixed GPT001" in out  # one bad file never stops the run


@pytest.mark.parametrize(
    "cells, metadata",
    [
        ((), {}),
        (("md:# Only text", "md:" + IMPORTS + LOAD + '\nmodel("x")'), {}),
        (("", "   \n"), {}),
        ((IMPORTS + LOAD + '\nmodel("x")',), {"kernelspec": {"name": "ir", "display_name": "R", "language": "R"}}),
        ((IMPORTS + LOAD + '\nmodel("x")',), {"language_info": {"name": "julia"}}),
    ],
    ids=["empty notebook", "no code cells", "empty code cells", "R kernel", "Julia kernel"],
)
def test_notebooks_with_nothing_to_check_are_silent(tmp_path, capsys, cells, metadata):
    path = write(tmp_path / "nb.ipynb", *cells, **metadata)
    before = path.read_bytes()
    assert run(capsys, "--fix", "--show-fixes", "--unsafe-fixes", path) == (0, "", "")
    assert path.read_bytes() == before


def script_of(notebook: Path, out: Path) -> Path:
    """The notebook's code cells in order, IPython lines dropped, as a script the runner can run."""
    lines = []
    for cell in nbformat.read(str(notebook), as_version=4).cells:
        if cell.cell_type == "code":
            lines += [line for line in cell.source.splitlines() if not line.startswith(("%", "!")) and "?" not in line]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


@pytest.mark.parametrize(
    "name, options, exception",
    [
        ("padding.ipynb", ["--unsafe-fixes"], "ValueError: Asking to pad but the tokenizer does not have a padding"),
        ("text_to_model.ipynb", [], "AttributeError: 'str' object has no attribute 'size'"),
    ],
)
def test_bad_cells_fail_as_documented_and_fixed_cells_run(tmp_path, run_scripts, name, options, exception):
    fixed = Path(shutil.copy(NOTEBOOKS / name, tmp_path))
    assert main(["--fix", *options, str(fixed)]) == 0
    bad_script = script_of(NOTEBOOKS / name, tmp_path / "bad.py")
    fixed_script = script_of(fixed, tmp_path / "fixed.py")
    outcomes = run_scripts([bad_script, fixed_script])
    bad, good = outcomes[bad_script.resolve()], outcomes[fixed_script.resolve()]
    assert not bad.ok and f"{bad.exc_type}: {bad.exc_message}".startswith(exception), bad
    assert good.ok, good
    assert "torch.Size" in good.stdout


def test_a_cell_only_libcst_rejects_is_left_out_in_the_same_way(tmp_path, capsys, monkeypatch):
    def takes_every_cell(code):  # as if this Python's parser were more lenient than libcst's
        try:
            return ast.parse(code)
        except SyntaxError:
            return ast.parse("")

    monkeypatch.setattr(notebook, "_parse", takes_every_cell)
    path = write(tmp_path / "nb.ipynb", IMPORTS + LOAD, "x = 1\ndef broken(:\n    pass", 'model("Hello")')
    status, out, err = run(capsys, path)
    assert status == 2
    assert err.startswith(f"{path}:cell 2: error: syntax error at line ")  # where libcst says
    assert out.startswith(f"{path}:cell 3:1:1: GPT001")


def test_a_fix_that_would_span_two_cells_is_refused_and_nothing_written(tmp_path, capsys, monkeypatch):
    def merges_the_cells(source, *args):  # as a fix whose edit swallowed the line between cells
        fixed = re.sub(rb"# flake8-gpt2-0 cell 2 [^\n]*\n", b"", source)
        return FileResult(fixed, [], [])

    monkeypatch.setattr(notebook, "fix", merges_the_cells)
    path = write(tmp_path / "nb.ipynb", IMPORTS + LOAD, 'model("Hello")')
    before = path.read_bytes()
    refused = f"{path}: error: a fix would span two cells; nothing was written\n"
    assert run(capsys, "--fix", "--show-fixes", path) == (2, "", refused)
    assert path.read_bytes() == before


def test_machine_readable_output_names_the_cell(tmp_path, capsys):
    path = write(tmp_path / "nb.ipynb", IMPORTS + LOAD, 'model("Hello")')
    status, out, _ = run(capsys, "--output-format", "json", path)
    (finding,) = json.loads(out)
    assert (status, finding["code"], finding["cell"], finding["line"], finding["column"]) == (1, "GPT001", 2, 1, 1)
    status, out, _ = run(capsys, "--output-format", "github", path)
    assert "line=" not in out and "::GPT001 text passed" not in out and "cell 2:1:1: GPT001" in out


REMOVED_IN_5 = (
    'from transformers import AutoTokenizer\ntok = AutoTokenizer.from_pretrained("gpt2")\ntok.encode_plus("a")'
)


@pytest.mark.parametrize(
    "install, findings",
    [
        ("!pip install transformers==4.56.2", 0),  # it runs on 4.56.2, which has encode_plus
        ('%pip install -q "transformers[torch]==5.0.0"', 1),
        # two pins: the default target, the installed transformers (5.x in the test set-up)
        ("!pip install transformers==4.56.2\n!pip install transformers==5.0.0", 1),
    ],
)
def test_a_notebook_that_pins_transformers_is_linted_for_that_version(tmp_path, capsys, install, findings):
    path = write(tmp_path / "nb.ipynb", install, REMOVED_IN_5)
    _, out, _ = run(capsys, path)
    assert out.count("GPT017") == findings


def test_the_version_setting_wins_over_the_pin(tmp_path, capsys):
    path = write(tmp_path / "nb.ipynb", "!pip install transformers==4.56.2", REMOVED_IN_5)
    _, out, _ = run(capsys, "--gpt2-transformers-version", "5.0", path)
    assert out.count("GPT017") == 1
