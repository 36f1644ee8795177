"""The cases of the real-report set: one folder each, holding bad.py, clean.py and case.json
(tests/realworld/README.md). Read by tests/test_realworld.py and bench/realworld.py."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

HERE = Path(__file__).parent


@dataclass(frozen=True)
class RealCase:
    folder: Path
    meta: Dict[str, object]

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def bad(self) -> Path:
        return self.folder / "bad.py"

    @property
    def clean(self) -> Path:
        return self.folder / "clean.py"

    @property
    def rule(self) -> Optional[str]:
        return self.meta.get("rule")

    @property
    def failure(self) -> Dict[str, object]:
        return self.meta["failure"]

    @property
    def silent(self) -> bool:
        return bool(self.failure.get("silent"))


def real_cases() -> List[RealCase]:
    return [
        RealCase(case_json.parent, json.loads(case_json.read_text(encoding="utf-8")))
        for case_json in sorted(HERE.glob("*/case.json"))
    ]
