"""`flake8-gpt2 server` spoken to as an editor does: Content-Length framed JSON-RPC over the
standard input and output of a real server process."""
from __future__ import annotations

import subprocess
import sys
import time
from typing import Any, Dict, List

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls (the lsp extra)")

from lsp_client import Client  # noqa: E402

from flake8_gpt2.rule_docs import url as rule_url  # noqa: E402
from flake8_gpt2.pipeline import check, fix  # noqa: E402
from flake8_gpt2.frontends.lsp import DEBOUNCE_SECONDS  # noqa: E402
from flake8_gpt2.frontends.server import main as server_main  # noqa: E402
from flake8_gpt2.frontends.text_edits import Lines, apply, changes, noqa_edit  # noqa: E402

# GPT001 on a line where an emoji (two UTF-16 units) comes first; GPT003, whose fix is unsafe
BAD = '''from transformers import GPT2LMHeadModel, GPT2Tokenizer

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
greeting = "\U0001F600 Gr\u00fc\u00dfe"; model(
    "Hello world"
)
batch = tokenizer(["a", "b c"], padding=True)
'''
TWO_OF_A_KIND = '''from transformers import GPT2LMHeadModel, GPT2Tokenizer

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
model("first")
model("second")
'''
EVERYTHING = lambda code: True  # noqa: E731


def titled(actions: List[Dict[str, Any]], prefix: str) -> Dict[str, Any]:
    (action,) = [a for a in actions if a["title"].startswith(prefix)]
    return action


@pytest.fixture(scope="module")
def client():
    started = Client()
    yield started
    assert started.stop() == 0


def test_it_announces_what_it_offers(client):
    capabilities = client.capabilities["capabilities"]
    assert capabilities["codeActionProvider"]["codeActionKinds"] == ["quickfix", "source.fixAll.flake8-gpt2"]
    assert capabilities["codeActionProvider"]["resolveProvider"] is True
    assert capabilities["textDocumentSync"]["change"] == 1  # the whole text
    assert capabilities["textDocumentSync"]["save"]
    assert client.capabilities["serverInfo"]["name"] == "flake8-gpt2"


def test_diagnostics_on_open_in_utf16_with_the_calls_range(client, tmp_path):
    gpt001, gpt003 = client.open(tmp_path / "bad.py", BAD)
    # 22 characters, the emoji two UTF-16 units, precede the call; the call ends on line 6
    assert gpt001["range"] == {"start": {"line": 4, "character": 23}, "end": {"line": 6, "character": 1}}
    assert gpt001["code"] == "GPT001"
    assert gpt001["source"] == "flake8-gpt2"
    assert gpt001["severity"] == 2
    assert gpt001["codeDescription"]["href"] == rule_url("GPT001")
    assert gpt001["message"].startswith("text passed to a model")
    assert gpt003["code"] == "GPT003"
    assert gpt003["range"] == {"start": {"line": 7, "character": 8}, "end": {"line": 7, "character": 45}}


def test_quick_fixes_and_changes_make_the_script_run(client, tmp_path, run_scripts):
    path = tmp_path / "script.py"
    gpt001, gpt003 = client.open(path, BAD)
    actions = client.actions(path, gpt001["range"])
    fix_action = titled(actions, "Fix GPT001")
    assert fix_action["title"] == "Fix GPT001: text-passed-to-model"
    assert fix_action["kind"] == "quickfix" and fix_action["isPreferred"] is True
    assert fix_action["diagnostics"][0]["code"] == "GPT001"
    assert "edit" not in fix_action  # this client resolves edits when an action is chosen
    text = client.edited(path, BAD, fix_action)
    assert '; model(\n    **tokenizer("Hello world", return_tensors="pt")\n)' in text
    assert [f.code for f in check(text.encode(), EVERYTHING).findings] == ["GPT003"]

    client.change(path, 2, text)
    (gpt003,) = client.diagnostics(path.as_uri(), 2)
    unsafe = titled(client.actions(path, gpt003["range"]), "Fix GPT003")
    assert unsafe["title"] == "Fix GPT003: padding-without-pad-token (unsafe)"
    assert unsafe["isPreferred"] is False
    fixed = client.edited(path, text, unsafe)
    assert 'tokenizer = GPT2Tokenizer.from_pretrained("gpt2")\ntokenizer.pad_token = tokenizer.eos_token\n' in fixed
    assert check(fixed.encode(), EVERYTHING).findings == []
    client.change(path, 3, fixed)
    assert client.diagnostics(path.as_uri(), 3) == []

    before, after = tmp_path / "before.py", tmp_path / "after.py"
    before.write_text(BAD, encoding="utf-8")
    after.write_text(fixed, encoding="utf-8")
    outcomes = run_scripts([before, after])
    assert outcomes[before.resolve()].exc_type == "AttributeError"  # a str has no .size()
    assert outcomes[after.resolve()].ok, outcomes[after.resolve()]


def test_a_quick_fix_fixes_its_own_finding_only(client, tmp_path):
    path = tmp_path / "two.py"
    first, second = client.open(path, TWO_OF_A_KIND)
    text = client.edited(path, TWO_OF_A_KIND, titled(client.actions(path, second["range"]), "Fix GPT001"))
    assert text == TWO_OF_A_KIND.replace('model("second")', 'model(**tokenizer("second", return_tensors="pt"))')


def test_fix_all_safe_is_the_fixers_fix(client, tmp_path):
    path = tmp_path / "all.py"
    source = TWO_OF_A_KIND + BAD.split("\n", 4)[4]
    client.open(path, source)
    nowhere = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    (action,) = client.actions(path, nowhere, only=["source.fixAll"])
    assert action["kind"] == "source.fixAll.flake8-gpt2"
    text = client.edited(path, source, action)
    assert text.encode() == fix(source.encode(), EVERYTHING, unsafe=False).source
    assert client.actions(path, nowhere, only=["quickfix"]) == []


def test_suppress_with_noqa(client, tmp_path):
    path = tmp_path / "noqa.py"
    source = BAD.replace("padding=True)", "padding=True)  # noqa: E501")
    gpt001, gpt003 = client.open(path, source)
    text = client.edited(path, source, titled(client.actions(path, gpt003["range"]), "Suppress with # noqa: GPT003"))
    assert "padding=True)  # noqa: E501,GPT003\n" in text
    text = client.edited(path, text, titled(client.actions(path, gpt001["range"]), "Suppress with # noqa: GPT001"))
    assert '; model(  # noqa: GPT001\n' in text
    assert check(text.encode(), EVERYTHING).findings == []


def test_a_syntax_error_while_typing_keeps_the_diagnostics(client, tmp_path):
    path = tmp_path / "typing.py"
    assert len(client.open(path, BAD)) == 2
    client.change(path, 2, BAD + "model(\n")
    time.sleep(DEBOUNCE_SECONDS * 4)
    client.change(path, 3, TWO_OF_A_KIND)
    publication = client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    assert publication["params"]["version"] == 3  # none for version 2
    assert [d["code"] for d in publication["params"]["diagnostics"]] == ["GPT001", "GPT001"]


def test_settings_come_from_the_documents_configuration(client, tmp_path):
    (tmp_path / "setup.cfg").write_text("[flake8]\ngpt2-model-names = load_model\n")
    source = 'from mylib import load_model\n\nmodel = load_model()\nmodel("some text")\n'
    (diagnostic,) = client.open(tmp_path / "custom.py", source)
    assert diagnostic["code"] == "GPT001"


def test_a_bad_configuration_is_one_diagnostic_that_says_so(client, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.flake8-gpt2]\nmodel-names = 5\n")
    (diagnostic,) = client.open(tmp_path / "script.py", BAD)
    assert diagnostic["code"] == "GPT000"
    assert diagnostic["message"].startswith("flake8-gpt2 could not analyse this file: ")
    assert "pyproject.toml" in diagnostic["message"]
    assert diagnostic["range"]["start"] == {"line": 0, "character": 0}


def test_selection_and_clients_that_do_not_resolve(tmp_path):
    other = Client("--ignore", "GPT003", resolves_edits=False)
    path = tmp_path / "bad.py"
    (gpt001,) = other.open(path, BAD)
    actions = other.actions(path, gpt001["range"])
    assert [a["title"] for a in actions] == [
        "Fix GPT001: text-passed-to-model",
        "Suppress with # noqa: GPT001",
        "Fix all safe flake8-gpt2 findings",
    ]
    assert all("edit" in a for a in actions)
    assert other.stop() == 0


def test_a_code_action_whose_diagnostic_has_no_range_gets_a_reply(client, tmp_path):
    """Some clients send the diagnostics in view without their ranges: the actions are still listed."""
    path = tmp_path / "no_range.py"
    (gpt001, _) = client.open(path, BAD)
    params = {
        "textDocument": {"uri": path.as_uri()},
        "range": gpt001["range"],
        "context": {"diagnostics": [{"message": gpt001["message"], "code": "GPT001"}]},
    }
    actions = client.request("textDocument/codeAction", params)
    assert "Fix GPT001: text-passed-to-model" in [a["title"] for a in actions]


def test_a_request_it_cannot_read_gets_an_error_reply(client, tmp_path):
    client._last_id += 1
    asked = client._last_id
    client._send({"id": asked, "method": "textDocument/codeAction", "params": {"textDocument": 5}})
    reply = client.wait(lambda m: m.get("id") == asked, timeout=30)
    assert reply["error"]["code"] == -32602  # invalid params


def test_closing_clears_the_diagnostics(client, tmp_path):
    path = tmp_path / "closed.py"
    assert client.open(path, BAD)
    client.notify("textDocument/didClose", {"textDocument": {"uri": path.as_uri()}})
    assert client.diagnostics(path.as_uri(), None) == []  # type: ignore[arg-type]


def test_the_server_imports_no_torch():
    probe = (
        "import sys, flake8_gpt2.frontends.lsp; "
        "print([m for m in sys.modules if m.startswith(('torch', 'transformers'))])"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_without_pygls_it_says_what_to_install():
    probe = (
        "import sys; sys.modules['pygls'] = None; "
        "from flake8_gpt2.frontends.cli import main; sys.exit(main(['server']))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == "flake8-gpt2: error: the language server needs pygls: pip install 'flake8-gpt2[lsp]'\n"


def test_unknown_codes_are_refused(capsys):
    with pytest.raises(SystemExit) as exit_:
        server_main(["--select", "GTP001"])
    assert exit_.value.code == 2
    assert "--select: unknown code GTP001 (did you mean GPT001?)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "source, line, expected",
    [
        ("x = f(a) + \\\n    g(b)\n", 1, "x = f(a) + \\\n    g(b)  # noqa: GPT001\n"),
        ('x = f("""\nline\n""")\n', 1, 'x = f("""\nline\n""")  # noqa: GPT001\n'),
        ("x = f(a)  # noqa:E501 keep\n", 1, "x = f(a)  # noqa:E501,GPT001 keep\n"),
        ("x = f(a)\r\ny = 2\r\n", 1, "x = f(a)  # noqa: GPT001\r\ny = 2\r\n"),
        ("x = f(a)", 1, "x = f(a)  # noqa: GPT001"),
    ],
)
def test_noqa_goes_where_flake8_reads_it(source, line, expected):
    assert apply(source, [noqa_edit(Lines(source), line, "GPT001")]) == expected


def test_changes_are_small_and_keep_line_breaks():
    before = Lines("a = 1\r\nmodel(x)\r\n\x0cz = 3\r")
    after = "a = 1\r\nmodel(input_ids=x)\r\n\x0cz = 3\r"
    (edit,) = changes(before, after)
    assert (edit.start, edit.end, edit.new_text) == (13, 13, "input_ids=")
    assert before.position(edit.start) == (1, 6)
    assert len(before.lines) == 4  # a form feed breaks no line
    assert apply(before.text, changes(before, "a = 1\r\nb = 2\r\n")) == "a = 1\r\nb = 2\r\n"


def test_an_action_resolved_after_an_edit_resolves_to_no_edit(client, tmp_path):
    # the race of issue 24: the action was listed for version 1; a line is inserted at the top
    # (version 2) and the action resolved before the new diagnostics are out
    path = tmp_path / "race.py"
    (finding,) = client.open(path, TWO_OF_A_KIND.replace('model("second")\n', ""))
    action = titled(client.actions(path, finding["range"]), "Fix GPT001")
    changed = "import os\n" + TWO_OF_A_KIND.replace('model("second")\n', "")
    client.change(path, 2, changed)
    resolved = client.request("codeAction/resolve", action)
    assert "edit" not in resolved  # no edit for version 1 lands on version 2
    (finding,) = client.diagnostics(path.as_uri(), 2)
    text = client.edited(path, changed, titled(client.actions(path, finding["range"]), "Fix GPT001"))
    assert text == changed.replace('model("first")', 'model(**tokenizer("first", return_tensors="pt"))')


def test_edits_carry_the_version_they_are_for(tmp_path):
    versioned = Client(versioned_edits=True)
    path = tmp_path / "versioned.py"
    first, second = versioned.open(path, TWO_OF_A_KIND)
    action = versioned.request("codeAction/resolve", titled(versioned.actions(path, first["range"]), "Fix GPT001"))
    ((changed,),) = [action["edit"]["documentChanges"]]
    assert changed["textDocument"] == {"uri": path.as_uri(), "version": 1}
    assert versioned.stop() == 0


BIG = TWO_OF_A_KIND + "".join(f'model("line {n}")\n' for n in range(2000))


def test_a_fix_of_a_big_buffer_holds_up_no_other_request_and_can_be_cancelled(client, tmp_path):
    big, small = tmp_path / "big.py", tmp_path / "small.py"
    findings = client.open(big, BIG)
    fix_all = titled(client.actions(big, findings[0]["range"], only=["source.fixAll"]), "Fix all")
    fixing = client.ask("codeAction/resolve", fix_all)
    # answered while the big buffer is being fixed
    assert len(client.open(small, TWO_OF_A_KIND)) == 2
    assert client.actions(small, findings[0]["range"])
    assert not [m for m in client._seen if m.get("id") == fixing], "the fix of the big buffer came first"
    assert "edit" in client.response(fixing)["result"]
    # a fix of one finding asks for another fix of the whole buffer, which a cancel cuts short
    one = client.ask("codeAction/resolve", titled(client.actions(big, findings[-1]["range"]), "Fix GPT001"))
    client.notify("$/cancelRequest", {"id": one})
    started = time.monotonic()
    assert client.response(one)["error"]["code"] == -32800  # RequestCancelled
    assert time.monotonic() - started < 2  # not when the fix of 2,000 lines is done


@pytest.mark.parametrize("length", [b"abc", b"5"], ids=["not-a-number", "too-short"])
def test_after_a_broken_frame_the_server_answers_again(tmp_path, length):
    session = Client()
    body = b'{"jsonrpc": "2.0", "id": 999, "method": "shutdown", "params": null}'
    session.process.stdin.write(b"Content-Length: " + length + b"\r\n\r\n" + body)
    session.process.stdin.flush()
    path = tmp_path / "after.py"
    assert len(session.open(path, TWO_OF_A_KIND)) == 2
    assert session.stop() == 0
