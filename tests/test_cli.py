"""The `flake8-gpt2` command: reports, --diff, --fix, selection, noqa, exit codes, bad input."""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest

from flake8_gpt2.frontends import cli, file_errors
from flake8_gpt2.frontends.cli import main

BAD = b'''from transformers import GPT2LMHeadModel, GPT2Tokenizer

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
model("Hello world")
tokenizer(["a", "b c"], padding=True)
'''
FIXED_SAFE = BAD.replace(b'model("Hello world")', b'model(**tokenizer("Hello world", return_tensors="pt"))')


def run(capsys, *args):
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "script.py"
    path.write_bytes(BAD)
    return path


def test_reports_like_flake8_and_exits_1(bad_file, capsys):
    status, out, _ = run(capsys, bad_file)
    assert status == 1
    lines = out.splitlines()
    assert lines[0].startswith(f"{bad_file}:5:1: GPT001 text passed to a model")
    assert lines[1].startswith(f"{bad_file}:6:1: GPT003 padding with a GPT-2 tokenizer")
    assert bad_file.read_bytes() == BAD


def test_clean_file_exits_0(tmp_path, capsys):
    path = tmp_path / "ok.py"
    path.write_text("import transformers\nprint(transformers)\n")
    assert run(capsys, path) == (0, "", "")


def test_diff_prints_and_writes_nothing(bad_file, capsys):
    status, out, _ = run(capsys, "--diff", bad_file)
    assert status == 1
    assert '-model("Hello world")' in out
    assert '+model(**tokenizer("Hello world", return_tensors="pt"))' in out
    assert "pad_token" not in out  # unsafe, not asked for
    assert bad_file.read_bytes() == BAD


def test_fix_applies_safe_fixes_only(bad_file, capsys):
    status, out, err = run(capsys, "--fix", bad_file)
    assert bad_file.read_bytes() == FIXED_SAFE
    assert status == 1  # the unsafe GPT003 fix is left
    assert "GPT001" not in out
    assert "GPT003" in out and "--unsafe-fixes" in out
    assert err == "Fixed 1 finding in 1 file; 1 left (1 file checked).\n"


def test_show_fixes_lists_each_fix_applied(bad_file, capsys):
    _, out, _ = run(capsys, "--fix", "--show-fixes", bad_file)
    assert out.splitlines()[0] == f"{bad_file}:5:1: fixed GPT001 text passed to a model" + out.splitlines()[0].split(
        "text passed to a model", 1
    )[1]
    assert ": GPT003 " in out.splitlines()[1]


def test_unsafe_fixes_and_fixed_point(bad_file, capsys):
    status, _, _ = run(capsys, "--fix", "--unsafe-fixes", bad_file)
    assert status == 0
    fixed = bad_file.read_bytes()
    assert b"tokenizer.pad_token = tokenizer.eos_token\nmodel = " in fixed
    assert run(capsys, "--fix", "--unsafe-fixes", bad_file)[0] == 0
    assert bad_file.read_bytes() == fixed


def test_exit_non_zero_on_fix(tmp_path, capsys):
    path = tmp_path / "script.py"
    path.write_bytes(BAD.replace(b"tokenizer([", b"print(["))
    assert run(capsys, "--fix", "--exit-non-zero-on-fix", path)[0] == 1
    assert run(capsys, "--fix", "--exit-non-zero-on-fix", path)[0] == 0


def test_select_and_ignore(bad_file, capsys):
    _, out, _ = run(capsys, "--select", "GPT003", bad_file)
    assert "GPT003" in out and "GPT001" not in out
    _, out, _ = run(capsys, "--ignore", "GPT00", bad_file)
    assert out == ""
    run(capsys, "--fix", "--unsafe-fixes", "--ignore", "GPT001", bad_file)
    assert b'model("Hello world")' in bad_file.read_bytes()


@pytest.mark.parametrize(
    "comment, suppressed",
    [("# noqa", True), ("# noqa: GPT001", True), ("# NOQA:GPT00", True), ("# noqa: E501", False)],
)
def test_noqa_in_report_and_fix(tmp_path, capsys, comment, suppressed):
    path = tmp_path / "script.py"
    source = BAD.replace(b'model("Hello world")', b'model("Hello world")  ' + comment.encode())
    path.write_bytes(source)
    _, out, _ = run(capsys, "--select", "GPT001", path)
    assert ("GPT001" not in out) == suppressed
    run(capsys, "--fix", path)
    assert (path.read_bytes() == source) == suppressed


def test_noqa_counts_only_on_the_reported_line(tmp_path, capsys):
    path = tmp_path / "script.py"
    path.write_bytes(BAD.replace(b'model("Hello world")', b'model(\n    "Hello world",  # noqa\n)'))
    _, out, _ = run(capsys, "--select", "GPT001", path)
    assert ":5:1: GPT001" in out


def test_file_level_noqa(tmp_path, capsys):
    path = tmp_path / "script.py"
    path.write_bytes(b"# flake8: noqa\n" + BAD)
    assert run(capsys, path)[0] == 0


def test_directories_are_walked(tmp_path, capsys):
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "pkg" / "sub" / "a.py").write_bytes(BAD)
    (tmp_path / "pkg" / ".venv").mkdir()
    (tmp_path / "pkg" / ".venv" / "b.py").write_bytes(BAD)
    (tmp_path / "pkg" / "notes.txt").write_bytes(BAD)
    _, out, _ = run(capsys, tmp_path / "pkg")
    assert {line.split(":")[0] for line in out.splitlines()} == {str(tmp_path / "pkg" / "sub" / "a.py")}


def test_no_paths_means_the_current_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run(capsys) == (0, "", "")
    (tmp_path / "script.py").write_bytes(BAD)
    status, out, _ = run(capsys)
    assert status == 1 and out.startswith("./script.py:5:1: GPT001")


def test_bad_input_gets_a_message_and_the_run_goes_on(tmp_path, bad_file, capsys):
    broken = tmp_path / "broken.py"
    broken.write_bytes(b"import transformers\ndef f(:\n")
    binary = tmp_path / "binary.py"
    binary.write_bytes(b"\x00\x01import transformers")
    missing = tmp_path / "missing.py"
    status, out, err = run(capsys, "--fix", broken, binary, missing, bad_file)
    assert status == 2
    assert f"{broken}: error: syntax error" in err
    assert f"{binary}: error: binary file" in err
    assert f"{missing}: error: cannot read" in err
    assert "Traceback" not in err
    assert broken.read_bytes() == b"import transformers\ndef f(:\n"
    assert bad_file.read_bytes() == FIXED_SAFE  # the good file was still fixed


@pytest.mark.parametrize(
    "expression, message",
    [
        # libcst's native parser overflows its stack on these and kills the process; Python's
        # own parser refuses them first
        ("[" * 5000 + "]" * 5000, "syntax error at line 2, column 205: too many nested parentheses"),
        ("1+" * 20000 + "1", "too deeply nested to analyse"),
    ],
)
def test_code_nested_too_deeply_gets_a_message(tmp_path, bad_file, capsys, expression, message):
    deep = tmp_path / "deep.py"
    deep.write_text(f"import transformers\nx = {expression}\n")
    status, out, err = run(capsys, "--jobs", "2", deep, bad_file)
    assert status == 2
    assert err.splitlines()[0] == f"{deep}: error: {message}"
    assert "GPT001" in out


def test_a_long_file_with_many_findings_is_fixed(tmp_path, capsys):
    path = tmp_path / "huge.py"
    lines = [f"value_{n} = {n}\n" if n % 100 else 'model("Hello world")\n' for n in range(1, 5001)]
    path.write_bytes(BAD + "".join(lines).encode())
    status, out, _ = run(capsys, "--fix", "--show-fixes", path)
    assert (status, out.count(": fixed GPT001")) == (1, 51)  # GPT003 has no safe fix
    assert path.read_bytes().count(b'model(**tokenizer("Hello world", return_tensors="pt"))') == 51


def test_empty_file(tmp_path, capsys):
    path = tmp_path / "empty.py"
    path.write_bytes(b"")
    assert run(capsys, "--fix", path) == (0, "", "")


def test_fix_keeps_crlf_bom_encoding_and_comments(tmp_path, capsys):
    source = (
        "\ufeff# -*- coding: utf-8 -*-\r\n"
        "from transformers import GPT2LMHeadModel, GPT2Tokenizer  # é\r\n"
        "tokenizer = GPT2Tokenizer.from_pretrained('gpt2')  # keep me\r\n"
        "model = GPT2LMHeadModel.from_pretrained('gpt2')\r\n"
        "texts = ['é', 'b']\r\n"
        "model(texts)  # and me\r\n"
    ).encode("utf-8")
    path = tmp_path / "crlf.py"
    path.write_bytes(source)
    run(capsys, "--fix", "--unsafe-fixes", path)
    expected = (
        "\ufeff# -*- coding: utf-8 -*-\r\n"
        "from transformers import GPT2LMHeadModel, GPT2Tokenizer  # é\r\n"
        "tokenizer = GPT2Tokenizer.from_pretrained('gpt2')  # keep me\r\n"
        "tokenizer.pad_token = tokenizer.eos_token\r\n"
        "model = GPT2LMHeadModel.from_pretrained('gpt2')\r\n"
        "texts = ['é', 'b']\r\n"
        'model(**tokenizer(texts, return_tensors="pt", padding=True))  # and me\r\n'
    ).encode("utf-8")
    assert path.read_bytes() == expected


def test_latin1_file_with_coding_cookie_is_fixed_in_its_encoding(tmp_path, capsys):
    source = (
        "# -*- coding: latin-1 -*-\n"
        "from transformers import AutoModel, AutoTokenizer\n"
        "tok = AutoTokenizer.from_pretrained('gpt2')\n"
        "model = AutoModel.from_pretrained('gpt2')\n"
        "model('caf\xe9')\n"
    ).encode("latin-1")
    path = tmp_path / "latin.py"
    path.write_bytes(source)
    assert run(capsys, "--fix", path)[0] == 0
    assert path.read_bytes() == source.replace(b"model('caf\xe9')", b"model(**tok('caf\xe9', return_tensors=\"pt\"))")


def test_latin1_file_without_coding_line_is_read_as_flake8_reads_it(tmp_path, capsys):
    """flake8 falls back to latin-1 for bytes that are not UTF-8, and reports; so does the command,
    and its fix keeps the file's bytes latin-1."""
    path = tmp_path / "latin.py"
    path.write_bytes(b"# caf\xe9\n" + BAD)
    flake8 = subprocess.run([sys.executable, "-m", "flake8", "--select", "GPT", str(path)], capture_output=True)
    status, out, err = run(capsys, path)
    assert status == 1 and err == ""
    places = [line.split(": ")[0] for line in out.splitlines()]
    assert places == [line.split(": ")[0] for line in flake8.stdout.decode().splitlines()] == [
        f"{path}:6:1",
        f"{path}:7:1",
    ]
    assert run(capsys, "--fix", path)[0] == 1
    assert path.read_bytes() == b"# caf\xe9\n" + FIXED_SAFE


def test_a_reader_that_stops_reading_gets_no_traceback():
    """`flake8-gpt2 rule --all | head -1`: the pipe is closed before everything is written."""
    reading, writing = os.pipe()
    os.close(reading)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "flake8_gpt2", "rule", "--all"], stdout=writing, stderr=subprocess.PIPE
        )
    finally:
        os.close(writing)
    assert done.returncode == 1 and done.stderr == b""


def test_fix_keeps_file_mode(bad_file, capsys):
    os.chmod(bad_file, 0o755)
    run(capsys, "--fix", bad_file)
    assert bad_file.stat().st_mode & 0o777 == 0o755


def test_console_script_never_prompts(bad_file):
    done = subprocess.run(
        [sys.executable, "-m", "flake8_gpt2.frontends.cli", "--fix", str(bad_file)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert bad_file.read_bytes() == FIXED_SAFE


def test_parallel_jobs_give_the_same_output_in_the_same_order(tmp_path, capsys):
    for n in range(12):
        (tmp_path / f"f{n:02}.py").write_bytes(BAD if n % 3 else b"import transformers\n")
    (tmp_path / "zz_broken.py").write_bytes(b"import transformers\n(\n")
    serial = run(capsys, "--jobs", "1", tmp_path)
    assert serial[0] == 2 and serial[1].count("GPT001") == 8
    assert run(capsys, "--jobs", "2", tmp_path) == serial
    run(capsys, "--jobs", "2", "--fix", tmp_path)
    assert (tmp_path / "f01.py").read_bytes() == FIXED_SAFE


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="workers must inherit the patched parser")
def test_a_parser_crash_in_a_worker_fails_only_its_file(tmp_path, monkeypatch, capsys):
    def crashes_on_one_file(source, *args):
        if b"CRASH" in source:
            os._exit(-11)
        return check_file(source, *args)

    check_file = cli.check
    monkeypatch.setattr(cli, "check", crashes_on_one_file)
    for n in range(6):
        (tmp_path / f"f{n}.py").write_bytes(BAD.replace(b"Hello", b"CRASH") if n == 2 else BAD)
    status, out, err = run(capsys, "--jobs", "2", tmp_path)
    assert status == 2
    assert err.splitlines()[0] == f"{tmp_path / 'f2.py'}: error: the parser crashed on this file"
    assert out.count("GPT001") == 5


BOM = b"\xef\xbb\xbf"


def test_a_byte_order_mark_before_the_import_hides_nothing(tmp_path, capsys):
    """Python and flake8 skip the mark; the fixer must not read the import line as something else."""
    path = tmp_path / "bom.py"
    path.write_bytes(BOM + BAD)
    status, out, _ = run(capsys, path)
    assert status == 1
    assert f"{path}:5:1: GPT001" in out and f"{path}:6:1: GPT003" in out
    status, out, _ = run(capsys, "--diff", path)
    assert status == 1 and '+model(**tokenizer("Hello world", return_tensors="pt"))' in out
    assert path.read_bytes() == BOM + BAD
    status, out, _ = run(capsys, "--fix", "--show-fixes", path)
    assert status == 1 and "fixed GPT001" in out
    assert path.read_bytes() == BOM + FIXED_SAFE  # the mark is kept


def test_a_byte_order_mark_before_skip_file_skips_the_file(tmp_path, capsys):
    path = tmp_path / "bom.py"
    path.write_bytes(BOM + b"# flake8-gpt2: skip-file\n" + BAD)
    assert run(capsys, path) == (0, "", "")


@pytest.mark.parametrize(
    "code, line, column",
    [
        # libcst: "line 3, column 1: parser error: error at 3:4: expected one of ..."
        ("x = (1,\ndef f(): pass\n", 2, 5),
        ("def f(:\n", 2, 7),
        ("if x:\npass\n", 3, 1),
        ("x = 'abc\n", 2, 5),
        ("print 'a'\n", 2, 1),
    ],
)
def test_a_syntax_error_is_reported_once_where_python_places_it(tmp_path, capsys, code, line, column):
    path = tmp_path / "broken.py"
    path.write_bytes(b"import transformers\n" + code.encode())
    with pytest.raises(SyntaxError) as python:
        compile(path.read_bytes(), str(path), "exec")
    assert (python.value.lineno, python.value.offset) == (line, column)
    for mode in ([], ["--diff"], ["--fix"]):
        status, out, err = run(capsys, *mode, path)
        assert (status, out) == (2, "")
        assert err == f"{path}: error: syntax error at line {line}, column {column}: {python.value.msg}\n"


def test_code_only_libcst_refuses_gets_libcst_place_once():
    """For code Python accepts and libcst does not, libcst's place, without the second copy its
    message carries."""
    with pytest.raises(cst.ParserSyntaxError) as libcst:
        cst.parse_module(b"x = (1,\ndef f(): pass\n")
    assert "error at 2:" in libcst.value.message
    described = file_errors.describe(libcst.value, b"x = 1\n")
    assert described.startswith("syntax error at line 2, column 1: expected one of ")
    assert described.count("error at") == 1


FIXABLE = BAD.replace(b'tokenizer(["a", "b c"], padding=True)\n', b"")


@pytest.mark.parametrize(
    "mode, kinds, status",
    [
        (mode, kinds, status)
        for mode, fixable_status in (([], 1), (["--diff"], 1), (["--fix"], 0))
        for kinds, status in (
            (("clean",), 0),
            (("clean", "fixable"), fixable_status),  # fixed by --fix, left by the others
            (("clean", "fixable", "finding"), 1),  # --fix leaves its unsafe fix
            (("clean", "fixable", "finding", "unreadable"), 2),
            (("unreadable",), 2),
        )
    ],
)
def test_exit_status(tmp_path, capsys, mode, kinds, status):
    files = {
        "clean": b"import transformers\nprint(transformers)\n",
        "fixable": FIXABLE,
        "finding": BAD,
    }
    paths = []
    for kind in kinds:
        path = tmp_path / f"{kind}.py"
        if kind != "unreadable":  # named, but not there (a dangling symlink only warns)
            path.write_bytes(files[kind])
        paths.append(path)
    assert run(capsys, *mode, *paths)[0] == status
    fixed = {"fixable": FIXED_SAFE.replace(b'tokenizer(["a", "b c"], padding=True)\n', b""), "finding": FIXED_SAFE}
    for kind in set(kinds) & set(fixed):
        # the unreadable file never stops the others from being fixed
        assert (tmp_path / f"{kind}.py").read_bytes() == (fixed[kind] if "--fix" in mode else files[kind])
