"""The editable figures table: five figures per unit, then rates, points, total and rank (read-only),
and a totals row under the units (the sums of the five figures).

An edit is parsed (``figures.parse_typed_figure``: "1.234" is 1234), checked with the scoring core's
``validate_figures`` and handed to ``submit`` (which saves it); a refused one emits ``refused`` with
the reason and changes nothing. A pasted block is checked whole: one bad cell refuses all of it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal

from app.errors import UserError
from app.scoring import (
    FIELD_LABELS,
    FIGURE_FIELDS,
    FIGURES,
    Figure,
    Ranking,
    UnitFigures,
    UnitResult,
    validate_figures,
)
from app.scoring.numbers import format_decimal, format_int, format_percent
from app.scoring.rules import FLAG_BELOW_THRESHOLD
from app.services.figures import parse_typed_figure
from app.ui import style
from app.ui.context import DISTRICT, Mode
from app.ui.models.base import KEY_ROLE, RIGHT, Column, RecordTableModel, two_lines

Index = QModelIndex | QPersistentModelIndex
Change = tuple[UnitFigures, UnitFigures]  # (before, after)
Submit = Callable[[list[Change]], None]

TOTALS_LABEL = "Tổng cộng"


class FigureError(UserError, ValueError):
    """A typed or pasted value refused; the message names the unit and the column."""


@dataclass(frozen=True)
class FigureColumn(Column[UnitResult]):
    field: str = ""  # the figure edited in this column ("" for read-only columns)


def _figure(figure: Figure) -> FigureColumn:
    field = figure.key

    def text(result: UnitResult) -> str:
        value = result.unit.figure(field)
        return "" if value is None else format_int(value)

    def sort(result: UnitResult) -> int:
        value = result.unit.figure(field)
        return -1 if value is None else value

    return FigureColumn(figure.short_label, text, sort, RIGHT, figure.label, field=field)


class FiguresTableModel(RecordTableModel[UnitResult]):
    """Rows: scored units in register order, fed a Ranking (its results carry the figures)."""

    refused = Signal(int, int, str)  # row, column, reason

    def __init__(self, submit: Submit | None = None) -> None:
        super().__init__([], key=lambda r: r.unit.code)
        self.saver = submit
        self.ranking: Ranking | None = None

    # --- feeding -------------------------------------------------------------------------------

    def set_ranking(self, ranking: Ranking, mode: Mode = DISTRICT) -> None:
        """The scored units the mode shows, from ``ranking``."""
        if self.ranking is None or ranking.rules.criteria != self.ranking.rules.criteria:
            self.beginResetModel()
            self.columns = self._columns(ranking)
            self.records = []
            self.endResetModel()
        self.ranking = ranking
        self.set_records([r for r in ranking.results if r.scored and mode.shows(r.unit.code)])
        if self.has_totals:
            row = self.totals_row
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    # --- the totals row ------------------------------------------------------------------------

    @property
    def has_totals(self) -> bool:
        """A totals row under the units (when there are two or more)."""
        return len(self.records) > 1

    @property
    def totals_row(self) -> int:
        return len(self.records)

    def is_totals(self, row: int) -> bool:
        return self.has_totals and row == self.totals_row

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        rows = super().rowCount(parent)
        return rows + 1 if not parent.isValid() and self.has_totals else rows

    def total_of(self, field: str) -> int | None:
        """The sum of a figure over the units shown (None when none of them has it)."""
        values = [v for r in self.records if (v := r.unit.figure(field)) is not None]
        return sum(values) if values else None

    def _totals_data(self, column: int, role: int) -> Any:
        field = self.field_of(column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 1:
                return f"{TOTALS_LABEL} ({len(self.records)} đơn vị)"
            if field:
                total = self.total_of(field)
                return "" if total is None else format_int(total)
            return ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.columns[column].align)
        if role == Qt.ItemDataRole.FontRole:
            return style.font(bold=True)
        if role == Qt.ItemDataRole.BackgroundRole:
            return style.brush(style.READ_ONLY_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole and field:
            return f"Tổng {FIELD_LABELS[field].lower()} của {len(self.records)} đơn vị"
        return None

    def _columns(self, ranking: Ranking) -> list[Column[UnitResult]]:
        rules = ranking.rules
        places = rules.points_places
        columns: list[Column[UnitResult]] = [
            Column("Mã", lambda r: r.unit.code),
            Column("Đơn vị", lambda r: r.unit.name),
            *[_figure(f) for f in FIGURES],
        ]
        for criterion in rules.criteria:
            key = criterion.key

            def rate(r: UnitResult, key: str = key) -> str:
                value = r.criterion(key).rate
                return "—" if value is None else format_percent(value)

            def rate_sort(r: UnitResult, key: str = key) -> float:
                value = r.criterion(key).rate
                return -1.0 if value is None else float(value)

            def points(r: UnitResult, key: str = key) -> str:
                return format_decimal(r.criterion(key).points, places)

            def points_sort(r: UnitResult, key: str = key) -> float:
                return float(r.criterion(key).points)

            columns.append(
                Column(two_lines(f"Tỷ lệ {criterion.short_label.lower()}"), rate, rate_sort, RIGHT)
            )
            columns.append(
                Column(
                    two_lines(f"Điểm {criterion.short_label.lower()}"),
                    points,
                    points_sort,
                    RIGHT,
                )
            )
        columns.append(
            Column(
                "Tổng điểm",
                lambda r: format_decimal(r.total or 0, places),
                lambda r: float(r.total or 0),
                RIGHT,
            )
        )
        columns.append(
            Column(
                "Hạng",
                lambda r: "" if r.rank is None else str(r.rank),
                lambda r: r.position or 0,
                RIGHT,
            )
        )
        return columns

    # --- editing -------------------------------------------------------------------------------

    def field_of(self, column: int) -> str:
        """The figure edited in ``column``, or '' when the column is read-only."""
        spec = self.columns[column] if 0 <= column < len(self.columns) else None
        return spec.field if isinstance(spec, FigureColumn) else ""

    def column_of(self, field: str) -> int:
        return next(i for i in range(len(self.columns)) if self.field_of(i) == field)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.field_of(index.column()) and not self.is_totals(index.row()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and self.is_totals(index.row()):
            return None if role == KEY_ROLE else self._totals_data(index.column(), role)
        if role == Qt.ItemDataRole.EditRole and index.isValid():
            field = self.field_of(index.column())
            if field:
                value = self.records[index.row()].unit.figure(field)
                return "" if value is None else str(value)
        return super().data(index, role)

    def extra_data(self, record: UnitResult, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and not self.field_of(column):
            return style.brush(style.READ_ONLY_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and FLAG_BELOW_THRESHOLD in record.flags:
            header = self.columns[column].header
            if header.startswith(("Tỷ lệ", "Điểm")) and self._criterion_flagged(record, column):
                return style.brush(style.ERROR)
        return None

    def _criterion_flagged(self, record: UnitResult, column: int) -> bool:
        first = len(FIGURE_FIELDS) + 2
        offset = column - first
        if offset < 0 or offset >= 2 * len(record.criteria):
            return False
        return record.criteria[offset // 2].flag == FLAG_BELOW_THRESHOLD

    def apply(self, unit: UnitFigures, field: str, text: object) -> UnitFigures:
        """``unit`` with ``field`` set from ``text``; FigureError naming the unit and column."""
        value, error = parse_typed_figure(text)
        label = FIELD_LABELS[field]
        if error is not None:
            raise FigureError(f"{unit.label}, cột «{label}», giá trị «{text}»: {error}")
        changes: dict[str, Any] = {field: value}
        return replace(unit, **changes)

    @staticmethod
    def check(unit: UnitFigures) -> None:
        problems = validate_figures(unit, require_all=False)
        if problems:
            raise FigureError("\n".join(str(p) for p in problems))

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        field = self.field_of(index.column()) if index.isValid() else ""
        if role != Qt.ItemDataRole.EditRole or not field or self.is_totals(index.row()):
            return False
        before = self.records[index.row()].unit
        try:
            after = self.apply(before, field, value)
            if after == before:
                return True
            self.check(after)
            self._submit([(before, after)])
        except UserError as error:
            self.refused.emit(index.row(), index.column(), str(error))
            return False
        return True

    def _submit(self, changes: list[Change]) -> None:
        """Hand the changes to the saver, which stores them and feeds the new ranking back."""
        if self.saver is not None:
            self.saver(changes)

    # --- copy and paste ------------------------------------------------------------------------

    def copy_text(self, indexes: Sequence[QModelIndex]) -> str:
        """The selected cells as a tab-separated block (figures as plain digits), like Excel."""
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        lines = []
        for row in rows:
            cells = []
            for column in columns:
                if (row, column) not in chosen:
                    cells.append("")
                    continue
                index = self.index(row, column)
                role = (
                    Qt.ItemDataRole.EditRole
                    if self.field_of(column)
                    else Qt.ItemDataRole.DisplayRole
                )
                cells.append(str(self.data(index, role) or ""))
            lines.append("\t".join(cells))
        return "\n".join(lines)

    @staticmethod
    def parse_block(text: str) -> list[list[str]]:
        """Rows of cells from spreadsheet text (tab-separated, one row per line)."""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while lines and lines[-1] == "":
            lines.pop()
        return [line.split("\t") for line in lines]

    def paste_changes(self, top: int, left: int, block: Sequence[Sequence[str]]) -> list[Change]:
        """The changes a block pasted at (top, left) makes; FigureError listing every bad cell."""
        problems: list[str] = []
        changes: list[Change] = []
        units = len(self.records)  # the totals row takes no paste
        if top + len(block) > units:
            problems.append(
                f"Khối dán có {len(block)} dòng, bảng chỉ còn {max(0, units - top)} dòng đơn vị "
                "từ ô đã chọn."
            )
        width = max((len(r) for r in block), default=0)
        if left + width > self.columnCount():
            problems.append(f"Khối dán có {width} cột, vượt quá số cột của bảng.")
        if problems:
            raise FigureError("\n".join(problems))
        for offset, cells in enumerate(block):
            row = top + offset
            before = self.records[row].unit
            after = before
            for step, text in enumerate(cells):
                column = left + step
                field = self.field_of(column)
                if not field:
                    shown = str(self.data(self.index(row, column)) or "")
                    if text.strip() and text.strip() != shown:
                        problems.append(
                            f"{before.label}, cột «{self.columns[column].header}»: ô chỉ đọc, "
                            "không dán được."
                        )
                    continue
                try:
                    after = self.apply(after, field, text.strip())
                except FigureError as error:
                    problems.append(str(error))
            if after != before:
                problems.extend(str(p) for p in validate_figures(after, require_all=False))
                changes.append((before, after))
        if problems:
            raise FigureError("\n".join(problems))
        return changes

    def paste(self, top: int, left: int, text: str) -> bool:
        """Paste a block: all cells saved together, or none (``refused`` says why)."""
        try:
            changes = self.paste_changes(top, left, self.parse_block(text))
            if changes:
                self._submit(changes)
        except UserError as error:
            self.refused.emit(top, left, str(error))
            return False
        return True
