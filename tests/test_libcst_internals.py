"""The code that leans on libcst's internals (flake8_gpt2/libcst_internals.py) names the libcst
versions it was checked against; any other installed version fails here, so that an upgrade is
checked (tests/test_parsing.py, tests/test_positions.py) before CHECKED_AGAINST takes it."""
from __future__ import annotations

import importlib.metadata

from flake8_gpt2 import libcst_internals


def test_the_installed_libcst_is_one_the_internals_were_checked_against():
    installed = importlib.metadata.version("libcst")
    minor = ".".join(installed.split(".")[:2])
    assert minor in libcst_internals.CHECKED_AGAINST, (
        f"libcst {installed}: run tests/test_parsing.py and tests/test_positions.py, then add {minor!r} "
        "to libcst_internals.CHECKED_AGAINST"
    )


def test_only_the_internals_module_imports_libcst_internals():
    """Nothing else reaches into libcst's private modules or methods."""
    import pathlib

    package = pathlib.Path(libcst_internals.__file__).parent
    leaning = []
    for module in package.rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        if module.name != "libcst_internals.py" and ("libcst._" in text or "._codegen(" in text):
            leaning.append(str(module.relative_to(package)))
    assert leaning == []
