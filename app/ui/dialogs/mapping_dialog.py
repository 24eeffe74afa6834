"""Which column of a portal export holds what: one combo box per field (unit, channel, account,
dossier code, date, procedure; labels and which are needed from the service's one table of the
portal's fields) starting from the guessed or remembered mapping, the first rows of the file, and
the channel values that count as online (editable)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.dossier_columns import PortalField
from app.text import fold, nfc
from app.ui import style
from app.ui.dialogs.columns import NOT_USED, ColumnsForm, PreviewTable, add_import_buttons

# The order the officer reads the fields in (the unit and channel first); others follow.
FIRST_FIELDS = ("unit", "channel", "account", "id", "date")
__all__ = ["NOT_USED", "MappingDialog"]


class MappingDialog(QDialog):
    """``mapping()`` and ``channels()`` give the officer's choice after OK."""

    def __init__(
        self,
        file_name: str,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        mapping: Mapping[str, str],
        channels: Mapping[str, bool],
        fields: Sequence[PortalField],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Chọn cột của tệp hồ sơ — {file_name}")
        first = {key: index for index, key in enumerate(FIRST_FIELDS)}
        self.fields = sorted(fields, key=lambda f: first.get(f.key, len(first)))
        self.labels = {f.key: f.label for f in self.fields}
        self.header = [str(h) for h in header]
        self.rows = [list(r) for r in rows]
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Chương trình đã đoán cột nào chứa thông tin nào (hoặc dùng lựa chọn lần trước của "
            "đợt thi đua). Kiểm tra và sửa nếu cần; lựa chọn được nhớ cho lần nhập sau."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        top = QHBoxLayout()
        self.columns = ColumnsForm(self.header, self.fields, mapping, self._changed)
        self.boxes = self.columns.boxes
        fields_box = self.columns
        top.addWidget(fields_box, 1)

        channels_box = QGroupBox("Hình thức nộp tính là trực tuyến")
        channels_layout = QVBoxLayout(channels_box)
        self.channel_table = QTableWidget(0, 2)
        self.channel_table.setAccessibleName("Giá trị hình thức nộp")
        self.channel_table.setHorizontalHeaderLabels(["Giá trị trong tệp", "Trực tuyến"])
        self.channel_table.verticalHeader().hide()
        self.channel_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        for value, online in channels.items():
            self._add_channel(value, online)
        add_row = QHBoxLayout()
        self.add_channel_button = QPushButton("Thêm &giá trị")
        self.add_channel_button.clicked.connect(self._edit_new_channel)
        add_row.addWidget(self.add_channel_button)
        add_row.addStretch(1)
        note = style.hint(
            QLabel(
                "Giá trị không có trong bảng được tính là không trực tuyến. Giá trị có chữ «Bưu "
                "chính» hoặc «BCCI» là hồ sơ bưu chính công ích: không tính vào tổng số hồ sơ, trừ "
                "khi bộ quy tắc cho tính (Cài đặt → Quy tắc chấm điểm)."
            )
        )
        note.setWordWrap(True)
        channels_layout.addWidget(self.channel_table, 1)
        channels_layout.addLayout(add_row)
        channels_layout.addWidget(note)
        top.addWidget(channels_box, 1)
        layout.addLayout(top)

        layout.addWidget(QLabel(f"Các dòng đầu của tệp ({len(self.rows)} dòng):"))
        self.preview = PreviewTable(self.header, self.rows)
        layout.addWidget(self.preview, 1)

        self.replace_box = QCheckBox(
            "&Thay toàn bộ hồ sơ đã lưu của kỳ bằng hồ sơ của tệp này (dùng khi đã sửa hình thức "
            "nộp hoặc tệp trước bị sai; nếu không, hồ sơ đã lưu được giữ như lần nhập đầu)"
        )
        self.replace_box.setAccessibleName("Thay toàn bộ hồ sơ đã lưu của kỳ")
        layout.addWidget(self.replace_box)
        bottom = add_import_buttons(self, layout, self._try_accept)
        self.error_label = bottom.error_label
        self.buttons = bottom.buttons
        self.ok_button = bottom.ok_button
        self._add_values_seen()
        self._changed()
        self.resize(900, 620)

    # --- channels ------------------------------------------------------------------------------

    def _add_channel(self, value: str, online: bool) -> None:
        row = self.channel_table.rowCount()
        self.channel_table.insertRow(row)
        self.channel_table.setItem(row, 0, QTableWidgetItem(value))
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        check.setCheckState(Qt.CheckState.Checked if online else Qt.CheckState.Unchecked)
        self.channel_table.setItem(row, 1, check)

    def _edit_new_channel(self) -> None:
        self._add_channel("", False)
        row = self.channel_table.rowCount() - 1
        self.channel_table.setCurrentCell(row, 0)
        item = self.channel_table.item(row, 0)
        if item is not None:
            self.channel_table.editItem(item)

    def _channel_values(self) -> set[str]:
        out = set()
        for row in range(self.channel_table.rowCount()):
            item = self.channel_table.item(row, 0)
            if item is not None and item.text().strip():
                out.add(fold(item.text()))
        return out

    def _add_values_seen(self) -> None:
        """Channel values of the preview rows not yet in the table (not online until ticked)."""
        column = self._column("channel")
        if column is None:
            return
        known = self._channel_values()
        for cells in self.rows:
            value = nfc(cells[column]).strip() if column < len(cells) else ""
            if value and fold(value) not in known:
                known.add(fold(value))
                self._add_channel(value, False)

    def set_channel(self, value: str, online: bool) -> None:
        """Tick or untick a channel value (added when missing)."""
        for row in range(self.channel_table.rowCount()):
            item = self.channel_table.item(row, 0)
            if item is not None and fold(item.text()) == fold(value):
                check = self.channel_table.item(row, 1)
                if check is None:
                    continue
                check.setCheckState(Qt.CheckState.Checked if online else Qt.CheckState.Unchecked)
                return
        self._add_channel(value, online)

    def channels(self) -> dict[str, bool]:
        out: dict[str, bool] = {}
        for row in range(self.channel_table.rowCount()):
            item = self.channel_table.item(row, 0)
            check = self.channel_table.item(row, 1)
            if item is None or not item.text().strip():
                continue
            out[nfc(item.text()).strip()] = (
                check is not None and check.checkState() == Qt.CheckState.Checked
            )
        return out

    # --- columns -------------------------------------------------------------------------------

    def _column(self, key: str) -> int | None:
        return self.columns.column(key)

    def set_field(self, key: str, header_text: str | None) -> None:
        self.columns.set_field(key, header_text)

    def mapping(self) -> dict[str, str]:
        return self.columns.mapping()

    def replace(self) -> bool:
        """Forget the period's stored dossiers first (in the same transaction)."""
        return self.replace_box.isChecked()

    def problems(self) -> list[str]:
        return self.columns.problems()

    def _changed(self) -> None:
        problems = self.problems()
        self.error_label.setText(
            ("Chưa nhập được: " + "; ".join(problems) + ".") if problems else ""
        )
        self.error_label.setVisible(bool(problems))
        self.ok_button.setEnabled(not problems)
        if hasattr(self, "preview"):
            self.preview.label_columns(self.columns)  # the chosen columns, named
        self._add_values_seen()

    def _try_accept(self) -> None:
        if not self.problems():
            self.accept()
