"""The linter never imports torch or transformers, and the analysis runs no user code."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fixture_cases import bad_cases

PROBE = """
import sys
from flake8_gpt2.pipeline import lint_source
from flake8_gpt2.pipeline import fix
for path in sys.argv[1:]:
    source = open(path, "rb").read()
    lint_source(source)
    fix(source, lambda code: True, unsafe=True)
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "transformers", "tokenizers"))
print(",".join(heavy))
"""


def test_linting_and_fixing_import_no_torch_or_transformers():
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *(str(c.path) for c in bad_cases())], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_user_code_is_never_run(tmp_path: Path):
    marker = tmp_path / "ran"
    script = tmp_path / "script.py"
    script.write_text(f"import transformers\nopen({str(marker)!r}, 'w').write('x')\n")
    subprocess.run([sys.executable, "-m", "flake8_gpt2.frontends.cli", "--fix", str(script)], check=True)
    assert not marker.exists()
