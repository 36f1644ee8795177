"""docs/editors.md's Neovim snippet for the installed Neovim, run headless: the server's diagnostics
arrive, and a quick fix chosen from the code actions is applied and saved.

Debian's `neovim` package (0.7.2 on Debian 12) is enough; without `nvim` the test is skipped."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs pygls (the lsp extra)")

ROOT = Path(__file__).resolve().parents[1]
NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(
    NVIM is None, reason="nvim is not installed (Debian: apt-get install neovim); the Neovim snippets are not tried"
)
BAD = '''from transformers import GPT2LMHeadModel, GPT2Tokenizer

tokenizer = GPT2Tokenizer.from_pretrained("gpt2")
model = GPT2LMHeadModel.from_pretrained("gpt2")
model("Hello world")
'''
FIXED = BAD.replace('model("Hello world")', 'model(**tokenizer("Hello world", return_tensors="pt"))')
# after init.lua: wait for the diagnostics, ask for the code actions at the first one, apply the
# quick fix (resolving its edit first when the server left it out), save, and say what happened
DRIVER = r"""
local buf = vim.api.nvim_get_current_buf()
local report = {}
local function say(text) table.insert(report, text) end
vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local diagnostics = vim.diagnostic.get(buf)
for _, d in ipairs(diagnostics) do
  local lsp = (d.user_data or {}).lsp or {}
  say(string.format("diagnostic %d:%d %s %s", d.lnum + 1, d.col + 1, d.code or lsp.code or "?", d.source or ""))
end
if #diagnostics > 0 then
  local first = diagnostics[1]
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(),
    range = {
      start = { line = first.lnum, character = first.col },
      ["end"] = { line = first.end_lnum, character = first.end_col },
    },
    context = { diagnostics = {} },
  }
  local chosen
  for _, response in pairs(vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 60000) or {}) do
    for _, action in ipairs(response.result or {}) do
      say("action " .. action.title)
      if action.title:match("^Fix GPT001") then chosen = action end
    end
  end
  if chosen and not chosen.edit then
    for _, response in pairs(vim.lsp.buf_request_sync(buf, "codeAction/resolve", chosen, 60000) or {}) do
      chosen = response.result or chosen
    end
  end
  if chosen and chosen.edit then
    vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")
    vim.cmd("write")
    say("applied")
  end
end
vim.fn.writefile(report, vim.env.NVIM_REPORT)
vim.cmd("qall!")
"""


def snippet_for(version: tuple) -> str:
    """The docs' init.lua snippet for this Neovim: the first for 0.11+, the second for 0.8 to 0.10,
    the third for 0.7."""
    page = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    section = page[page.index("## Neovim"):page.index("## Helix")]
    newest, middle, oldest = re.findall(r"```lua\n(.*?)```", section, re.S)[:3]
    return newest if version >= (0, 11) else middle if version >= (0, 8) else oldest


def nvim_version() -> tuple:
    first = subprocess.run([NVIM, "--version"], capture_output=True, text=True, check=True).stdout.splitlines()[0]
    return tuple(int(part) for part in re.search(r"v(\d+)\.(\d+)", first).groups())


def test_the_docs_snippet_gives_diagnostics_and_a_quick_fix(tmp_path):
    version = nvim_version()
    (tmp_path / "init.lua").write_text(snippet_for(version), encoding="utf-8")
    (tmp_path / "driver.lua").write_text(DRIVER, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    script = project / "script.py"
    script.write_text(BAD, encoding="utf-8")
    report = tmp_path / "report.txt"
    env = {
        **os.environ,
        # the snippet runs `flake8-gpt2` from PATH: this environment's
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "NVIM_REPORT": str(report),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", str(tmp_path / "init.lua"), "-c", "filetype on"]
        + ["-c", "edit script.py", "-c", f"luafile {tmp_path / 'driver.lua'}"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert report.exists(), f"nvim {version}: {done.stdout}{done.stderr}"
    lines = report.read_text(encoding="utf-8").splitlines()
    assert "diagnostic 5:1 GPT001 flake8-gpt2" in lines, lines
    assert "action Fix GPT001: text-passed-to-model" in lines, lines
    assert "applied" in lines, lines
    assert script.read_text(encoding="utf-8") == FIXED


def test_every_snippet_is_valid_lua(tmp_path):
    """The snippets for other versions cannot run on this Neovim, but they must parse."""
    page = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    snippets = re.findall(r"```lua\n(.*?)```", page[page.index("## Neovim"):page.index("## Helix")], re.S)
    assert len(snippets) == 3
    for number, snippet in enumerate(snippets):
        (tmp_path / f"{number}.lua").write_text(snippet, encoding="utf-8")
    check = "; ".join(f"assert(loadfile('{tmp_path / f'{n}.lua'}'))" for n in range(3))
    done = subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", "NONE", "-c", f"lua {check}", "-c", "qall!"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0 and "Error" not in done.stderr + done.stdout, done.stderr + done.stdout
