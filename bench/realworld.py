"""Recall of the linter on the real-report set (tests/realworld/): for each case, whether the rule
its case.json expects is reported in bad.py, and whether clean.py gets any finding (a false alarm).

    python bench/realworld.py [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from flake8_gpt2.pipeline import lint_source  # noqa: E402
from flake8_gpt2.settings import Settings  # noqa: E402
from realworld.cases import RealCase, real_cases  # noqa: E402

SETTINGS = Settings(transformers_version="5")  # the version the cases are verified on


def codes(path: Path) -> List[str]:
    return sorted({finding.code for finding in lint_source(path.read_bytes(), SETTINGS)})


def score(case: RealCase) -> Dict[str, object]:
    on_bad, on_clean = codes(case.bad), codes(case.clean)
    return {
        "case": case.name,
        "url": case.meta["url"],
        "rule": case.rule,
        "caught": case.rule in on_bad,
        "found_in_bad": on_bad,
        "false_alarms_in_clean": on_clean,
    }


def table(results: List[Dict[str, object]]) -> str:
    width = max(len(r["case"]) for r in results)
    lines = [f"{'case':<{width}}  rule    caught  in bad            on clean"]
    for r in results:
        caught = "yes" if r["caught"] else ("no" if r["rule"] else "-")
        lines.append(
            f"{r['case']:<{width}}  {r['rule'] or '-':<6}  {caught:<6}  "
            f"{','.join(r['found_in_bad']) or '-':<16}  {','.join(r['false_alarms_in_clean']) or '-'}"
        )
    with_rule = [r for r in results if r["rule"]]
    caught = sum(r["caught"] for r in results)
    alarms = sum(bool(r["false_alarms_in_clean"]) for r in results)
    lines += [
        "",
        f"caught / cases with a rule: {caught}/{len(with_rule)}",
        f"caught / all cases: {caught}/{len(results)}",
        f"clean files with a finding (false alarms): {alarms}/{len(results)}",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the per-case results to this file")
    args = parser.parse_args()
    results = [score(case) for case in real_cases()]
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
