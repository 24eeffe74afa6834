"""How a unit's list of nominations in a file differs from the stored one (a corrected list):
who is added, removed, kept and whose name was corrected. Pure matching, no database.

People are matched by their NFC-folded full name and date of birth (DATA-FORMAT F). Then, for
those still unmatched: the same folded name where one side has no date of birth (kept, the date
filled in or cleared); a **name fix** — the same date of birth and the same position, different
name, one candidate on each side — is shown as a correction of the stored person (kept with its
id), not as one removed and one added. Anything else is removed and added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.dates import short_date
from app.services.records import NominationInput
from app.text import fold, nfc


class Change(StrEnum):
    """What a corrected list does to one person; ``label`` is the Vietnamese word."""

    ADDED = "added"
    REMOVED = "removed"
    KEPT = "kept"
    RENAMED = "renamed"

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self]


CHANGE_LABELS = {
    Change.ADDED: "Thêm",
    Change.REMOVED: "Bỏ",
    Change.KEPT: "Giữ",
    Change.RENAMED: "Sửa tên",
}
FIELD_LABELS = {
    "full_name": "họ và tên",
    "position": "chức vụ",
    "achievement_summary": "tóm tắt thành tích",
    "birth_date": "ngày sinh",
    "gender": "giới tính",
    "achievement_text": "thành tích đạt được",
    "past_awards_text": "khen thưởng đã nhận",
}
OPTIONAL_TEXTS = ("achievement_text", "past_awards_text")  # not in format F: kept when empty


@dataclass(frozen=True, slots=True)
class Person:
    """A stored nomination as the matching sees it."""

    id: int
    full_name: str
    position: str
    birth_date: dt.date | None
    fields: dict[str, object]  # FIELD_LABELS keys → stored value


@dataclass(frozen=True, slots=True)
class PersonChange:
    """One person of a unit's corrected list."""

    change: Change
    full_name: str  # the name in the file (the stored name for a removed person)
    position: str
    birth_date: dt.date | None
    old_name: str = ""  # RENAMED: the stored name
    nomination_id: int | None = None  # the stored nomination (kept, renamed, removed)
    row: int | None = None  # the file row (added, kept, renamed)
    edited: tuple[str, ...] = ()  # Vietnamese names of the other fields that change

    def text(self) -> str:
        born = f", sinh {short_date(self.birth_date)}" if self.birth_date else ""
        who = f"{self.full_name} ({self.position}{born})"
        if self.change is Change.RENAMED:
            who = f"{self.old_name} → {who}"
        if self.edited:
            who += f" — sửa {', '.join(self.edited)}"
        return f"{self.change.label}: {who}"


@dataclass(frozen=True, slots=True)
class UnitNominationsDiff:
    """One unit named by the file: its people, counts before and after, and its quota."""

    unit_code: str
    unit_name: str
    people: tuple[PersonChange, ...]  # file order, then the removed in stored order
    before: int
    after: int
    quota_text: str  # "chỉ tiêu 5 cá nhân", the agencies' shared quota, or why it is unknown

    def of(self, change: Change) -> tuple[PersonChange, ...]:
        return tuple(p for p in self.people if p.change is change)

    @property
    def changed(self) -> bool:
        return any(p.change is not Change.KEPT or p.edited for p in self.people)

    def summary(self) -> str:
        counts = [
            f"{change.label.lower()} {len(self.of(change))}"
            for change in (Change.ADDED, Change.REMOVED, Change.RENAMED, Change.KEPT)
            if self.of(change)
        ]
        state = "; ".join(counts) if self.changed else "không thay đổi"
        return (
            f"{self.unit_name} ({self.unit_code}): {state} — {self.before} → {self.after} "
            f"người, {self.quota_text}"
        )

    def lines(self) -> list[str]:
        return [self.summary(), *(f"  {p.text()}" for p in self.people)]


def person_key(name: str, birth_date: dt.date | None) -> tuple[str, dt.date | None]:
    return fold(name), birth_date


def _entry_fields(entry: NominationInput, gender: str | None) -> dict[str, object]:
    return {
        "full_name": nfc(entry.full_name),
        "position": nfc(entry.position),
        "achievement_summary": nfc(entry.achievement_summary),
        "birth_date": entry.birth_date,
        "gender": gender,
        "achievement_text": nfc(entry.achievement_text),
        "past_awards_text": nfc(entry.past_awards_text),
    }


def new_values(person: Person, entry: NominationInput, gender: str | None) -> dict[str, object]:
    """The fields a matched stored person takes from the file: all of them, except the free texts
    of the achievement report (not in format F) when the file leaves them empty."""
    values = _entry_fields(entry, gender)
    for key in OPTIONAL_TEXTS:
        if not values[key]:
            values[key] = person.fields.get(key, "")
    return values


def _edited(person: Person, values: dict[str, object], *, skip_name: bool) -> tuple[str, ...]:
    return tuple(
        label
        for key, label in FIELD_LABELS.items()
        if not (skip_name and key == "full_name") and person.fields.get(key) != values[key]
    )


def match_people(
    stored: Sequence[Person], entries: Sequence[tuple[NominationInput, str | None]]
) -> list[tuple[PersonChange, Person | None, tuple[NominationInput, str | None] | None]]:
    """Each person of the corrected list with the stored person it replaces (None: added), then
    the stored people removed (entry None)."""
    pairs: list[Person | None] = [None] * len(entries)
    left = list(stored)

    def take(index: int, found: Person) -> None:
        pairs[index] = found
        left.remove(found)

    for index, (entry, _) in enumerate(entries):  # name and date of birth
        key = person_key(entry.full_name, entry.birth_date)
        found = next((p for p in left if person_key(p.full_name, p.birth_date) == key), None)
        if found is not None:
            take(index, found)
    for index, (entry, _) in enumerate(entries):  # the same name, a date on one side only
        if pairs[index] is None:
            name = fold(entry.full_name)
            found = next(
                (
                    p
                    for p in left
                    if fold(p.full_name) == name
                    and (p.birth_date is None or entry.birth_date is None)
                ),
                None,
            )
            if found is not None:
                take(index, found)

    def same_person(person: Person, entry: NominationInput) -> bool:
        return (
            entry.birth_date is not None
            and person.birth_date == entry.birth_date
            and fold(person.position) == fold(entry.position)
        )

    for index, (entry, _) in enumerate(entries):  # a name fix: one candidate on each side
        if pairs[index] is not None:
            continue
        candidates = [p for p in left if same_person(p, entry)]
        if len(candidates) != 1:
            continue
        rivals = [
            i
            for i, (e, _) in enumerate(entries)
            if pairs[i] is None and same_person(candidates[0], e)
        ]
        if rivals == [index]:
            take(index, candidates[0])

    result: list[tuple[PersonChange, Person | None, tuple[NominationInput, str | None] | None]] = []
    for (entry, gender), person in zip(entries, pairs, strict=True):
        name, position = nfc(entry.full_name), nfc(entry.position)
        if person is None:
            change = PersonChange(Change.ADDED, name, position, entry.birth_date, row=entry.row)
        else:
            values = new_values(person, entry, gender)
            renamed = fold(person.full_name) != fold(name)
            change = PersonChange(
                Change.RENAMED if renamed else Change.KEPT,
                name,
                position,
                entry.birth_date,
                old_name=person.full_name if renamed else "",
                nomination_id=person.id,
                row=entry.row,
                edited=_edited(person, values, skip_name=renamed),
            )
        result.append((change, person, (entry, gender)))
    for person in left:
        change = PersonChange(
            Change.REMOVED,
            person.full_name,
            person.position,
            person.birth_date,
            nomination_id=person.id,
        )
        result.append((change, person, None))
    return result
