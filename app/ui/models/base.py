"""A read-only table model over a list of records, its columns declared as data."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a value that sorts right (numbers as numbers)
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # the record's key (unit code, nomination id)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


def two_lines(header: str) -> str:
    """A long column header on two lines, so that the table fits the page without scrolling
    sideways: 'Điểm hồ sơ trực tuyến' → 'Điểm hồ sơ\ntrực tuyến'."""
    words = header.split()
    if len(words) < 3:
        return header
    half = (len(words) + 1) // 2
    return " ".join(words[:half]) + "\n" + " ".join(words[half:])


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None  # default: the text
    align: Qt.AlignmentFlag = LEFT
    tip: str = ""


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """Rows are records; ``columns`` say what each column shows. Subclasses add colours."""

    def __init__(self, columns: Sequence[Column[R]], key: Callable[[R], Any]) -> None:
        super().__init__()
        self.columns = list(columns)
        self._key = key
        self.records: list[R] = []

    def set_records(self, records: Sequence[R]) -> None:
        """Replace the rows; when the same keys come back in the same order the views keep their
        selection (only the cells change)."""
        records = list(records)
        same = [self._key(r) for r in records] == [self._key(r) for r in self.records]
        if same and records:
            self.records = records
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(records) - 1, len(self.columns) - 1)
            )
            return
        self.beginResetModel()
        self.records = records
        self.endResetModel()

    def record(self, row: int) -> R:
        return self.records[row]

    def row_of(self, key: Any) -> int | None:
        for row, record in enumerate(self.records):
            if self._key(record) == key:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole and column.tip:
            return column.tip
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == SORT_ROLE:
            return column.sort(record) if column.sort is not None else column.text(record)
        if role == KEY_ROLE:
            return self._key(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        return self.extra_data(record, index.column(), role)

    def extra_data(self, record: R, column: int, role: int) -> Any:
        """Colours, fonts, icons and tooltips: overridden by subclasses."""
        return None
