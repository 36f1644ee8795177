"""The shipped keyword table is what the installed transformers says (checked in a subprocess:
this process does not import transformers)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

GENERATOR = Path(__file__).resolve().parents[1] / "tools" / "generate_signatures.py"


def test_table_matches_the_installed_transformers():
    done = subprocess.run([sys.executable, str(GENERATOR), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, f"run `python {GENERATOR}` to regenerate the table\n{done.stderr[-2000:]}"
