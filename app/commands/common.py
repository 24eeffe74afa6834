"""What every headless command shares: exit statuses and how problems are printed."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from app.scoring.figures import Problem

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_PROBLEMS = 2


def print_problems(source: Path | str, problems: Sequence[Problem]) -> None:
    print(f"{source}: {len(problems)} lỗi, không có gì được ghi:", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
