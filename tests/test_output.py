"""Output for CI and tools: the formats, their fixes as text edits, statistics, the summary."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Dict, List

import jsonschema
import pytest

from flake8_gpt2.frontends.cli import main
from flake8_gpt2.pipeline import fix

DATA = Path(__file__).resolve().parent / "data"
# GPT001 (safe fix, a replacement) on line 5, GPT003 (unsafe fix, an inserted line) on line 6
BAD = b'''from transformers import GPT2LMHeadModel, GPT2Tokenizer

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
model("Hello world")
tokenizer(["a", "b c"], padding=True)
'''
NESTED = """from transformers import GPT2LMHeadModel, GPT2Tokenizer


def run():
\ttok = GPT2Tokenizer.from_pretrained("gpt2")
\tmodel = GPT2LMHeadModel.from_pretrained("gpt2")
\tbatch = tok(["caf\u00e9", "b"], padding=True, return_tensors="pt")
\tlabel = "\u00e9"; return model("caf\u00e9")
""".encode("utf-8")


def run(capsys, *args):
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def apply(text: str, edits: List[Dict]) -> str:
    """What an editor does with a fix's edits (lines and columns 1-based, columns in characters)."""
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def offset(position: Dict) -> int:
        return offsets[position["line"] - 1] + position["column"] - 1

    for edit in sorted(edits, key=lambda e: (e["start"]["line"], e["start"]["column"]), reverse=True):
        text = text[: offset(edit["start"])] + edit["content"] + text[offset(edit["end"]):]
    return text


@pytest.mark.parametrize("source", [BAD, BAD.replace(b"\n", b"\r\n"), NESTED])
def test_json_fix_edits_do_what_the_fixer_does(tmp_path, capsys, source):
    path = tmp_path / "script.py"
    path.write_bytes(source)
    status, out, _ = run(capsys, "--output-format", "json", path)
    found = json.loads(out)
    assert status == 1 and found
    for finding in found:
        assert set(finding) == {"code", "message", "file", "cell", "line", "column", "url", "fix"}
        assert finding["file"] == str(path)
        assert finding["url"].endswith(f"/docs/rules/{finding['code']}.md")
        if finding["fix"] is None:
            continue
        assert finding["fix"]["safety"] in ("safe", "unsafe")
        # one finding of its code in each source: fixing that code alone is fixing this finding
        alone = fix(source, lambda code: code == finding["code"], unsafe=True).source.decode("utf-8")
        assert apply(source.decode("utf-8"), finding["fix"]["edits"]) == alone


def test_json_lists_findings_left_after_fix(tmp_path, capsys):
    path = tmp_path / "script.py"
    path.write_bytes(BAD)
    _, out, _ = run(capsys, "--fix", "--output-format", "json", path)
    assert [(f["code"], f["line"], f["fix"]["safety"]) for f in json.loads(out)] == [("GPT003", 6, "unsafe")]


def test_sarif_is_valid_against_the_published_schema(tmp_path, capsys):
    for name in ("a b.py", "c.py"):
        (tmp_path / name).write_bytes(BAD)
    (tmp_path / "nested.py").write_bytes(NESTED)
    (tmp_path / "broken.py").write_bytes(b"import transformers\n(\n")
    status, out, _ = run(capsys, "--output-format", "sarif", tmp_path)
    log = json.loads(out)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    assert status == 2 and log["version"] == "2.1.0"
    (invocation,) = log["runs"][0]["invocations"]
    assert not invocation["executionSuccessful"]
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["message"]["text"].startswith("syntax error at line 2, column 1")
    assert notification["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 1}
    results = log["runs"][0]["results"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert len(results) == 6
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert all(rule["helpUri"].endswith(f"{rule['id']}.md") for rule in rules)
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("a%20b.py")
    assert "fixes" in results[0]


def test_github_annotations(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("script.py").write_bytes(BAD)
    Path("broken.py").write_bytes(b"import transformers\n(\n")
    _, out, _ = run(capsys, "--output-format", "github")
    error, first, second = out.splitlines()
    assert error.startswith("::error file=broken.py,line=2,col=1::syntax error at line 2, column 1")
    assert first.startswith("::error file=script.py,line=5,col=1,title=GPT001::GPT001 text passed to a model")
    assert second.startswith("::error file=script.py,line=6,col=1,title=GPT003::GPT003 padding")


def test_concise_has_no_fix_hints(tmp_path, capsys):
    path = tmp_path / "script.py"
    path.write_bytes(BAD)
    _, out, _ = run(capsys, "--output-format", "concise", path)
    assert [line.split(": ", 1)[1].split()[0] for line in out.splitlines()] == ["GPT001", "GPT003"]
    assert "[fix" not in out and "unsafe fix" not in out


def test_statistics_exit_zero_and_output_file(tmp_path, capsys):
    for n in range(3):
        (tmp_path / f"f{n}.py").write_bytes(BAD)
    report = tmp_path / "report.txt"
    status, out, err = run(
        capsys, "--statistics", "--exit-zero", "--output-file", report, "--jobs", "1", tmp_path / "f0.py", tmp_path
    )
    assert (status, out) == (0, "")
    lines = report.read_text().splitlines()
    assert lines[-2:] == ["3     GPT001 text-passed-to-model", "3     GPT003 padding-without-pad-token"]
    assert len(lines) == 8  # each file once, though named twice
    assert err == "Found 6 findings (3 fixable with --fix, 3 more with --unsafe-fixes) in 3 of 3 files.\n"


def test_summary_after_fix_and_on_a_clean_tree(tmp_path, capsys):
    for n in range(3):
        (tmp_path / f"f{n}.py").write_bytes(BAD)
    (tmp_path / "clean.py").write_bytes(b"import transformers\n")
    status, _, err = run(capsys, "--fix", tmp_path)
    assert (status, err) == (1, "Fixed 3 findings in 3 files; 3 left (4 files checked).\n")
    status, _, err = run(capsys, "--fix", "--unsafe-fixes", tmp_path)
    assert (status, err) == (0, "Fixed 3 findings in 3 files; 0 left (4 files checked).\n")
    assert run(capsys, tmp_path) == (0, "", "No findings in 4 files.\n")
