"""What the fixer prints: findings in one of several formats (docs/output.md describes them),
`--statistics`, and the one-line summary."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple
from urllib.parse import quote

from .. import __version__
from .edits import TextEdit
from ..registry import all_rules
from ..rule_docs import REPOSITORY_URL, url

FORMATS = ("text", "concise", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@dataclass(frozen=True)
class Reported:
    """A finding as printed: plain data, so it can come back from a worker process."""

    code: str
    message: str
    line: int
    column: int  # 0-based, as flake8 takes it
    fix: Optional[str] = None  # "safe" or "unsafe"
    edits: Optional[Tuple[TextEdit, ...]] = None  # only for the formats that print them
    cell: Optional[int] = None  # in a notebook: the code cell (from 1), which `line` counts in


@dataclass
class FileReport:
    path: str
    findings: List[Reported] = field(default_factory=list)  # left
    fixed: List[Reported] = field(default_factory=list)
    changed: bool = False
    error: Optional[str] = None
    error_place: Optional[Tuple[int, int]] = None  # a syntax error's line and column (from 1)
    warning: Optional[str] = None  # skipped, not an error: an editor's lock file
    skipped_cells: List[Tuple[int, str]] = field(default_factory=list)  # notebook cells left out, and why
    diff: bytes = b""  # in the file's encoding
    fixed_source: Optional[bytes] = None  # standard input's code after --fix, for standard output


def render(output_format: str, reports: Sequence[FileReport], show_fixes: bool) -> str:
    return _RENDERERS[output_format](reports, show_fixes)


def _text(reports: Sequence[FileReport], show_fixes: bool) -> str:
    lines = []
    for report in reports:
        if show_fixes:
            lines += [f"{_where(report.path, f)}: fixed {f.code} {f.message}" for f in report.fixed]
        lines += [f"{_where(report.path, f)}: {f.code} {f.message}{_fix_hint(f)}" for f in report.findings]
    return "".join(line + "\n" for line in lines)


def _concise(reports: Sequence[FileReport], show_fixes: bool) -> str:
    return "".join(f"{_where(r.path, f)}: {f.code} {f.message}\n" for r in reports for f in r.findings)


def _where(path: str, finding: Reported) -> str:
    cell = "" if finding.cell is None else f"cell {finding.cell}:"
    return f"{path}:{cell}{finding.line}:{finding.column + 1}"


def _fix_hint(finding: Reported) -> str:
    if finding.fix is None:
        return ""
    if finding.fix == "safe":
        return " [fix: run with --fix]"
    return " [unsafe fix: run with --fix --unsafe-fixes]"


def _github(reports: Sequence[FileReport], show_fixes: bool) -> str:
    """GitHub Actions workflow commands: each finding an annotation on its line of the diff."""
    lines = []
    for report in reports:
        for f in report.findings:
            properties = f"file={_github_property(_relative(report.path))}"
            text = f"{f.code} {f.message}"
            if f.cell is None:
                properties += f",line={f.line},col={f.column + 1}"
            else:  # a notebook's lines are those of its JSON: the annotation names the cell instead
                text = f"cell {f.cell}:{f.line}:{f.column + 1}: {text}"
            lines.append(f"::error {properties},title={f.code}::{_github_data(text)}\n")
        if report.error is not None:
            properties = f"file={_github_property(_relative(report.path))}"
            if report.error_place is not None:
                properties += ",line={},col={}".format(*report.error_place)
            lines.append(f"::error {properties}::{_github_data(report.error)}\n")
    return "".join(lines)


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def _json(reports: Sequence[FileReport], show_fixes: bool) -> str:
    findings = [_json_finding(report.path, f) for report in reports for f in report.findings]
    return json.dumps(findings, indent=2, ensure_ascii=False) + "\n"


def _json_finding(path: str, finding: Reported) -> Dict[str, object]:
    fix = None
    if finding.fix is not None:
        fix = {"safety": finding.fix, "edits": [_json_edit(edit) for edit in finding.edits or ()]}
    return {
        "code": finding.code,
        "message": finding.message,
        "file": path,
        "cell": finding.cell,
        "line": finding.line,
        "column": finding.column + 1,
        "url": url(finding.code),
        "fix": fix,
    }


def _json_edit(edit: TextEdit) -> Dict[str, object]:
    return {
        "start": {"line": edit.start[0], "column": edit.start[1]},
        "end": {"line": edit.end[0], "column": edit.end[1]},
        "content": edit.content,
    }


def _sarif_place(uri: str, finding: Reported) -> Dict[str, object]:
    place: Dict[str, object] = {"artifactLocation": {"uri": uri}}
    if finding.cell is None:
        place["region"] = {"startLine": finding.line, "startColumn": finding.column + 1}
    return place


def _sarif_error_place(report: FileReport) -> Dict[str, object]:
    place: Dict[str, object] = {"artifactLocation": {"uri": _uri(report.path)}}
    if report.error_place is not None:
        place["region"] = {"startLine": report.error_place[0], "startColumn": report.error_place[1]}
    return place


def _sarif(reports: Sequence[FileReport], show_fixes: bool) -> str:
    """SARIF 2.1.0, as GitHub code scanning reads it; columns count characters (code points)."""
    rules = all_rules()
    codes = sorted({f.code for report in reports for f in report.findings})
    index = {code: n for n, code in enumerate(codes)}
    descriptors = []
    for code in codes:
        rule = rules.get(code)
        name = rule.name if rule is not None else code
        descriptors.append({"id": code, "name": name, "shortDescription": {"text": name}, "helpUri": url(code)})
    results = []
    for report in reports:
        uri = _uri(report.path)
        for f in report.findings:
            result: Dict[str, object] = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": "error",
                "message": {"text": f.message},
                "locations": [{"physicalLocation": _sarif_place(uri, f)}],
            }
            if f.cell is not None:  # a notebook: the place in the cell, which no region can say
                result["properties"] = {"cell": f.cell, "line": f.line, "column": f.column + 1}
            if f.edits:
                result["fixes"] = [_sarif_fix(uri, f)]
            results.append(result)
    run = {
        "tool": {
            "driver": {
                "name": "flake8-gpt2",
                "version": __version__,
                "informationUri": REPOSITORY_URL,
                "rules": descriptors,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
        # files that could not be checked: code scanning shows them as the tool's errors
        "invocations": [
            {
                "executionSuccessful": not any(report.error for report in reports),
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": report.error},
                        "locations": [{"physicalLocation": _sarif_error_place(report)}],
                    }
                    for report in reports
                    if report.error is not None
                ],
            }
        ],
    }
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}, indent=2, ensure_ascii=False) + "\n"


def _sarif_fix(uri: str, finding: Reported) -> Dict[str, object]:
    replacements = [
        {
            "deletedRegion": {
                "startLine": edit.start[0],
                "startColumn": edit.start[1],
                "endLine": edit.end[0],
                "endColumn": edit.end[1],
            },
            "insertedContent": {"text": edit.content},
        }
        for edit in finding.edits or ()
    ]
    return {
        "description": {"text": f"{finding.fix} fix"},
        "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": replacements}],
    }


def _uri(path: str) -> str:
    return quote(_relative(path))


def _relative(path: str) -> str:
    """`./src/a.py` as `src/a.py`: annotations and SARIF locations are relative to the repository."""
    return path[2:] if path.startswith("./") else path


_RENDERERS: Dict[str, Callable[[Sequence[FileReport], bool], str]] = {
    "text": _text,
    "concise": _concise,
    "json": _json,
    "github": _github,
    "sarif": _sarif,
}


def statistics(reports: Sequence[FileReport]) -> str:
    """How many findings of each code, as flake8's --statistics."""
    counts = Counter(f.code for report in reports for f in report.findings)
    rules = all_rules()
    return "".join(
        f"{counts[code]:<5} {code} {rules[code].name if code in rules else ''}".rstrip() + "\n"
        for code in sorted(counts)
    )


def summary(reports: Sequence[FileReport], mode: str, unsafe_fixes: bool) -> str:
    """One line: `mode` is "check", "fix" or "diff"."""
    left = sum(len(r.findings) for r in reports)
    with_findings = sum(1 for r in reports if r.findings)
    checked = _count(len(reports), "file")
    if mode == "fix":
        fixed = sum(len(r.fixed) for r in reports)
        changed = sum(r.changed for r in reports)
        return f"Fixed {_count(fixed, 'finding')} in {_count(changed, 'file')}; {left} left ({checked} checked)."
    if mode == "diff":
        fixed = sum(len(r.fixed) for r in reports)
        changed = sum(r.changed for r in reports)
        return (
            f"Found {_count(left + fixed, 'finding')}; the diff fixes {fixed} of them "
            f"in {_count(changed, 'file')} ({checked} checked)."
        )
    if not left:
        return f"No findings in {checked}."
    safe = sum(1 for r in reports for f in r.findings if f.fix == "safe")
    unsafe = sum(1 for r in reports for f in r.findings if f.fix == "unsafe")
    if unsafe_fixes:
        fixable = f"{safe + unsafe} fixable with --fix"
    else:
        fixable = f"{safe} fixable with --fix" + (f", {unsafe} more with --unsafe-fixes" if unsafe else "")
    return f"Found {_count(left, 'finding')} ({fixable}) in {with_findings} of {checked}."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
