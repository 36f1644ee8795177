"""A copy of what this project's build reads (the packaging files, the package, the rule pages its
`rule_pages` link points at), for tests that build or install it away from the checkout."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml")


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for name in PACKAGING:
        shutil.copy(ROOT / name, destination / name)
    shutil.copytree(ROOT / "docs" / "rules", destination / "docs" / "rules")
    shutil.copytree(
        ROOT / "flake8_gpt2", destination / "flake8_gpt2", symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
    )
    return destination
