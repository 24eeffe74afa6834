"""Files shipped with the program — ``resources/`` and the user guide ``docs/huong-dan/`` — found
the same way from source and from a PyInstaller bundle."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app.scoring.rules import RuleSet, RuleSetError, parse_rules

DEFAULT_RULES = "phung-hiep-2023.json"
GUIDE = ("docs", "huong-dan", "README.md")  # the user guide (Vietnamese), with its screenshots


def bundle_root() -> Path:
    """The folder holding ``resources/`` and ``docs/``: the bundle's, or the project's."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_root() -> Path:
    return bundle_root() / "resources"


def guide_path() -> Path:
    """The user guide (Markdown; its images beside it)."""
    return bundle_root().joinpath(*GUIDE)


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def load_rules_file(path: Path) -> RuleSet:
    """Read and validate a rule file (JSON). Raises RuleSetError with every problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise RuleSetError([f"không đọc được tệp {path}: {error.strerror}"]) from error
    except json.JSONDecodeError as error:
        raise RuleSetError(
            [f"tệp {path.name} không phải JSON hợp lệ (dòng {error.lineno}, cột {error.colno})"]
        ) from error
    return parse_rules(data)


def default_rules() -> RuleSet:
    """The built-in Phụng Hiệp 2023 template."""
    return load_rules_file(resource_path("rules", DEFAULT_RULES))
