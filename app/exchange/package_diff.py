"""Old → new of a commune package against what is stored: the figures that differ and the unit's
nominations added, removed and kept (matched by full name)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.exchange.nominations import Nomination
from app.exchange.text import nfc
from app.scoring.figures import FIELD_LABELS, FIGURE_FIELDS, UnitFigures


@dataclass(frozen=True, slots=True)
class FigureChange:
    field: str
    label: str
    old: int | None
    new: int | None

    def __str__(self) -> str:
        def shown(value: int | None) -> str:
            return "(trống)" if value is None else str(value)

        return f"{self.label}: {shown(self.old)} → {shown(self.new)}"


def figures_diff(old: UnitFigures | None, new: UnitFigures) -> list[FigureChange]:
    """The figures that differ between what is stored (``old``, None: nothing yet) and ``new``."""
    changes = []
    for name in FIGURE_FIELDS:
        before = old.figure(name) if old is not None else None
        after = new.figure(name)
        if before != after:
            changes.append(FigureChange(name, FIELD_LABELS[name], before, after))
    return changes


def name_key(full_name: str) -> str:
    """How two nominations are matched by full name: NFC, case and spacing ignored (diacritics
    kept: «Lê Thị Hà» and «Lê Thị Hạ» are two people)."""
    return " ".join(nfc(full_name).casefold().split())


@dataclass(frozen=True, slots=True)
class NominationsDiff:
    """The nominations in a package against those stored for the unit, by full name."""

    added: tuple[str, ...]  # in the package, not stored
    removed: tuple[str, ...]  # stored, not in the package
    unchanged: tuple[str, ...]  # in both (by full name)
    edited: tuple[str, ...] = ()  # of ``unchanged``: position, texts, birth date or gender differ

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.edited)

    def lines(self) -> list[str]:
        """Vietnamese lines: one per kind of change that has names."""
        lines = []
        for label, names in (
            ("Thêm", self.added),
            ("Bỏ", self.removed),
            ("Giữ nguyên", self.unchanged),
            ("Trong đó sửa nội dung", self.edited),
        ):
            if names:
                lines.append(f"{label} ({len(names)}): {', '.join(names)}")
        return lines


def _content(n: Nomination) -> tuple[object, ...]:
    return (
        nfc(n.position),
        nfc(n.achievement),
        n.birth_date,
        n.gender or None,
        nfc(n.achievement_text),
        nfc(n.past_awards_text),
    )


def nominations_diff(
    stored: Sequence[Nomination], package: Sequence[Nomination]
) -> NominationsDiff:
    """Full names added, removed and unchanged when ``stored`` is replaced by ``package`` (a name
    listed twice counts twice); ``edited``: unchanged names whose other fields differ."""
    left: dict[str, list[Nomination]] = {}
    for nomination in stored:
        left.setdefault(name_key(nomination.full_name), []).append(nomination)
    added: list[str] = []
    unchanged: list[str] = []
    edited: list[str] = []
    for nomination in package:
        same = left.get(name_key(nomination.full_name))
        if same:
            before = same.pop(0)
            unchanged.append(nfc(nomination.full_name))
            if _content(before) != _content(nomination):
                edited.append(nfc(nomination.full_name))
        else:
            added.append(nfc(nomination.full_name))
    removed = [
        nfc(n.full_name)
        for n in stored
        if any(n is rest for rest in left.get(name_key(n.full_name), []))
    ]
    return NominationsDiff(tuple(added), tuple(removed), tuple(unchanged), tuple(edited))
