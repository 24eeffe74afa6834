"""Which column holds what: fields guessed from many spellings of their headers (exact names,
then tiers of words a header contains), ambiguous guesses kept with their candidates, and the
officer's own mapping (``--map field=Header``, or remembered per campaign) applied on top.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from app.errors import UserError
from app.text import fold, nfc

_BRACKETED = re.compile(r"[\[(]([^\])]*)[\])]")


class MappingError(UserError, ValueError):
    """A column mapping that cannot be used (message in Vietnamese)."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A field of an import: its key (of ``--map``), its label, the folded header texts that name
    it exactly, and tiers of ``contains`` alternatives ("kich hoat+dinh danh": every part must be
    in the folded header); the first tier that matches decides, two matches are ambiguous."""

    key: str
    label: str
    names: tuple[str, ...] = ()
    contains: tuple[tuple[str, ...], ...] = ()
    required: bool = False
    excludes: tuple[str, ...] = ()  # a header with one of these is never guessed by contains


@dataclass(slots=True)
class Guess:
    mapping: dict[str, int]  # field key → column index
    ambiguous: dict[str, list[int]] = field(default_factory=dict)  # key → candidate columns
    unknown: list[str] = field(default_factory=list)  # headers no field took

    @property
    def score(self) -> int:
        return len(self.mapping) + len(self.ambiguous)


def _forms(text: str) -> list[str]:
    folded = fold(text)
    forms = [folded, fold(_BRACKETED.sub(" ", text))]
    return forms + [fold(m) for m in _BRACKETED.findall(text)]


def _has(folded: str, alternative: str) -> bool:
    padded = f" {folded} "
    return all(
        (f" {p} " in padded) if len(p) <= 4 else (p in folded) for p in alternative.split("+")
    )


def guess_columns(header: Sequence[str], specs: Sequence[FieldSpec]) -> Guess:
    """Field → column guessed from ``header`` (see :class:`FieldSpec`)."""
    by_name: dict[str, str] = {}
    for spec in specs:
        for name in (spec.names or ()) + (fold(spec.label), fold(spec.key)):
            by_name.setdefault(name, spec.key)
    guess = Guess({})
    taken: set[int] = set()
    for index, text in enumerate(header):
        key = next((by_name[f] for f in _forms(str(text)) if f in by_name), None)
        if key is not None and key not in guess.mapping:
            guess.mapping[key] = index
            taken.add(index)
    folded = [fold(str(h)) for h in header]
    for spec in specs:
        if spec.key in guess.mapping:
            continue
        for tier in spec.contains:
            found = [
                i
                for i, text in enumerate(folded)
                if i not in taken
                and text
                and any(_has(text, alt) for alt in tier)
                and not any(_has(text, word) for word in spec.excludes)
            ]
            if len(found) == 1:
                guess.mapping[spec.key] = found[0]
                taken.add(found[0])
                break
            if found:
                guess.ambiguous[spec.key] = found
                break
    taken |= {i for found in guess.ambiguous.values() for i in found}
    guess.unknown = [
        str(h).strip() for i, h in enumerate(header) if i not in taken and str(h).strip()
    ]
    return guess


def parse_map(text: str | Sequence[str] | None, specs: Sequence[FieldSpec]) -> dict[str, str]:
    """``"unit=Đơn vị,eid=Số TK đã kích hoạt"`` (or several such texts) → {field: header}."""
    if not text:
        return {}
    parts = [text] if isinstance(text, str) else list(text)
    return parse_pairs(
        (p for chunk in parts for p in chunk.split(",")), tuple(s.key for s in specs)
    )


def parse_pairs(
    parts: Iterable[str], keys: Sequence[str], error: type[UserError] = MappingError
) -> dict[str, str]:
    """``key=Header`` texts (blank ones skipped) → {key: header}; ``error`` for a text without
    ``=`` or a header, a key not in ``keys`` or a key given twice."""
    mapping: dict[str, str] = {}
    for part in parts:
        if not part.strip():
            continue
        key, sep, header = part.partition("=")
        key = key.strip().lower()
        if not sep or not header.strip():
            raise error(f"Ánh xạ cột «{part.strip()}» phải có dạng khóa=Tên cột")
        if key not in keys:
            raise error(f"Ánh xạ cột: không có khóa «{key}»; các khóa: {', '.join(keys)}")
        if key in mapping:
            raise error(f"Ánh xạ cột: khóa «{key}» nêu hai lần")
        mapping[key] = nfc(header)
    return mapping


def format_map(mapping: Mapping[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in mapping.items())


def apply_map(
    header: Sequence[str], guess: Guess, chosen: Mapping[str, str], specs: Sequence[FieldSpec]
) -> Guess:
    """``guess`` with the officer's choices (field → header text) put first. A header the file
    does not have raises MappingError listing the file's headers."""
    if not chosen:
        return guess
    folded: dict[str, int] = {}
    for index, text in enumerate(header):
        folded.setdefault(fold(str(text)), index)
    labels = {s.key: s.label for s in specs}
    result = Guess(dict(guess.mapping), dict(guess.ambiguous), [])
    problems: list[str] = []
    for key, text in chosen.items():
        found = folded.get(fold(text))
        if found is None:
            problems.append(f"không có cột «{text}» ({labels.get(key, key)})")
            continue
        for other, column in list(result.mapping.items()):
            if column == found and other != key:
                del result.mapping[other]
        result.mapping[key] = found
        result.ambiguous.pop(key, None)
    if problems:
        shown = ", ".join(f"«{h}»" for h in header if str(h).strip())
        raise MappingError(
            "Ánh xạ cột không dùng được: " + "; ".join(problems) + f". Các cột của tệp: {shown}"
        )
    used = set(result.mapping.values()) | {i for f in result.ambiguous.values() for i in f}
    result.unknown = [
        str(h).strip() for i, h in enumerate(header) if i not in used and str(h).strip()
    ]
    return result


def ambiguity_message(header: Sequence[str], guess: Guess, specs: Sequence[FieldSpec]) -> str:
    """Vietnamese: which fields have several candidate columns, and how to choose (``--map``)."""
    labels = {s.key: s.label for s in specs}
    parts = []
    for key, columns in guess.ambiguous.items():
        names = " hoặc ".join(f"«{header[i]}»" for i in columns)
        parts.append(f"«{labels.get(key, key)}» ({key}) có thể là {names}")
    example = next(iter(guess.ambiguous.items()))
    return (
        "Không đoán chắc được cột: " + "; ".join(parts) + ". Hãy chọn cột (trong cửa sổ, hoặc "
        f'với --map "{example[0]}={header[example[1][0]]}").'
    )


def header_scorer(
    specs: Sequence[FieldSpec], chosen: Mapping[str, str] | None = None
) -> Callable[[list[str]], int]:
    """How well a row of a sheet looks like the header: fields it names (and the officer's
    chosen headers it holds, which count double)."""
    wanted = {fold(h) for h in (chosen or {}).values()}

    def score(cells: list[str]) -> int:
        folded = {fold(c) for c in cells if c}
        return guess_columns(cells, specs).score + 2 * len(wanted & folded)

    return score


def map_columns(
    header: Sequence[str],
    specs: Sequence[FieldSpec],
    chosen: Mapping[str, str] | None = None,
) -> tuple[dict[str, int], list[str]]:
    """(field → column, warnings about unused columns). A field guessed from several columns is
    refused (MappingError naming the candidates) unless the officer chose (``chosen``)."""
    guess = apply_map(header, guess_columns(header, specs), chosen or {}, specs)
    if guess.ambiguous:
        raise MappingError(ambiguity_message(header, guess, specs))
    return guess.mapping, [f"Bỏ qua cột không dùng đến: «{h}»" for h in guess.unknown]
