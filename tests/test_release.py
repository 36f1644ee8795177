"""Ready to publish: one repository address, a license, the metadata PyPI shows, a build that
`twine check` accepts, and the workflows that publish and lint."""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
import yaml

from project_copy import copy_project

from flake8_gpt2.frontends import output
from flake8_gpt2.frontends.plugin import ANALYSIS_ERROR
from flake8_gpt2.registry import all_rules
from flake8_gpt2.rule_docs import REPOSITORY_URL, url

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_repository_address_is_the_one_of_project_urls():
    """[project.urls] is the one place; every other mention must agree with it."""
    repository = PROJECT["urls"]["Repository"]
    assert REPOSITORY_URL == repository
    assert all(link.startswith(repository) for link in PROJECT["urls"].values())
    # rule links (the language server's codeDescription and JSON's url use the same function),
    # SARIF's helpUri and informationUri
    assert url("GPT001") == f"{repository}/blob/main/docs/rules/GPT001.md"
    report = output.FileReport("a.py", findings=[output.Reported("GPT001", "m", 1, 0)])
    driver = yaml.safe_load(output.render("sarif", [report], False))["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == repository and driver["rules"][0]["helpUri"] == url("GPT001")
    # the README's pre-commit and pip examples, the docs' JSON example, the workflows
    mentions = {
        path: re.findall(r"https://github\.com/flake8-gpt2/[\w.-]+|https://github\.com/[\w.-]+/flake8-gpt2\b", text)
        for path in [ROOT / "README.md", *(ROOT / "docs").glob("*.md"), *(ROOT / ".github" / "workflows").glob("*")]
        for text in [path.read_text(encoding="utf-8")]
    }
    assert sum(map(len, mentions.values())) >= 5
    assert all(found == repository for found_all in mentions.values() for found in found_all), mentions
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"  - repo: {repository}\n" in readme and f"git+{repository}@v{PROJECT['version']}" in readme


def test_license_and_classifiers():
    assert PROJECT["license"] == "MIT" and PROJECT["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    classifiers = set(PROJECT["classifiers"])
    expected = {"Framework :: Flake8", "Development Status :: 4 - Beta", "Programming Language :: Python :: 3.9"}
    assert expected <= classifiers
    assert not any(c.startswith("License ::") for c in classifiers)  # the SPDX expression says it


def test_the_lsp_extra_takes_a_range_of_pygls():
    (requirement,) = PROJECT["optional-dependencies"]["lsp"]
    assert re.fullmatch(r"pygls>=[\d.]+,<\d+", requirement)


def test_build_and_twine_check(tmp_path):
    """`python -m build` as the publishing workflow runs it, offline (--no-isolation: the test
    extra holds setuptools), and `twine check --strict` as PyPI would render the README."""
    source = copy_project(tmp_path / "source")
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(source)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = dist.glob("flake8_gpt2-*.whl")
    (sdist,) = dist.glob("flake8_gpt2-*.tar.gz")
    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    codes = [*all_rules(), ANALYSIS_ERROR]
    assert all(f"flake8_gpt2/rule_pages/{code}.md" in names for code in codes)  # for `flake8-gpt2 rule`
    (metadata_name,) = [name for name in names if name.endswith(".dist-info/METADATA")]
    metadata = Parser().parsestr(archive.read(metadata_name).decode("utf-8"))
    assert metadata["License-Expression"] == "MIT"
    assert f"Repository, {REPOSITORY_URL}" in metadata.get_all("Project-URL")
    assert "tomli>=1.1; python_version < \"3.11\"" in metadata.get_all("Requires-Dist")
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)


@pytest.mark.parametrize("name", ["publish.yml", "ci.yml"])
def test_the_workflows(name):
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = [step.get("run", "") for step in steps]
    if name == "publish.yml":
        assert triggers == {"push": {"tags": ["v*"]}}
        assert workflow["jobs"]["publish"]["permissions"] == {"id-token": "write"}  # trusted publishing
        assert any(step.get("uses", "").startswith("pypa/gh-action-pypi-publish@") for step in steps)
        assert "python -m build" in runs and any(r.startswith("python -m twine check") for r in runs)
    else:
        assert "pull_request" in triggers
        assert "flake8-gpt2 --output-format github ." in runs
        assert ".ci/run" in runs
