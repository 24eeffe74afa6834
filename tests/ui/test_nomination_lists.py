"""A corrected nominations file through Nhập / Xuất (the per-unit diff with quotas, then «Nhập
danh sách» or not), and several nominations deleted at once on Khen thưởng, then Ctrl+Z."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from app.services import nominations
from app.ui.wizards import files as pickers
from tests.test_imports import dump
from tests.ui.test_import_export_page import ROOT, run

SAMPLE = ROOT / "resources" / "demo" / "sample-nominations-2023.csv"
CAY_DUONG = "31396"


@pytest.fixture
def pick(monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The file the picker returns: ``pick["open"]`` (no native dialog)."""
    chosen: dict[str, Path] = {}
    monkeypatch.setattr(pickers, "choose_open_file", lambda *_a: chosen.get("open"))
    return chosen


def corrected(tmp_path: Path) -> Path:
    """Cây Dương's list with a name corrected and its last person replaced by a new one."""
    lines = SAMPLE.read_text(encoding="utf-8-sig").splitlines()
    rows = [lines[0], *(line for line in lines[1:] if ",Thị trấn Cây Dương," in line)]
    rows[1] = rows[1].replace("Huỳnh Trúc Phát", "Huỳnh Trúc Phương")
    rows[-1] = "Lê Thị Mới,Công chức Địa chính,Thị trấn Cây Dương,,02/03/1995,Nữ"
    path = tmp_path / "de-nghi-sua.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_corrected_file_shows_the_diff_then_applies(
    qtbot: Any, sample_window: Any, tmp_path: Path, pick: dict[str, Path]
) -> None:
    context = sample_window.context
    page = sample_window.show_page("nhap-xuat")
    before = dump(context.db.path)
    pick["open"] = corrected(tmp_path)
    assert run(qtbot, page, page.import_buttons["nominations"].click) == "finished"
    dialog = page.nominations_dialog
    assert dialog is not None and dialog.isVisible() and dialog.ok_button.isEnabled()
    changes = [(name, change) for _, name, change in dialog.changes() if change != "Giữ"]
    assert changes == [
        ("Huỳnh Trúc Phương", "Sửa tên"),
        ("Lê Thị Mới", "Thêm"),
        ("Tăng Trúc Xuân", "Bỏ"),
    ]
    units = dialog.units_table
    assert units.rowCount() == 1 and units.item(0, 0).text() == "Thị trấn Cây Dương"
    assert (units.item(0, 1).text(), units.item(0, 2).text()) == ("5", "5")
    assert units.item(0, 4).text() == "chỉ tiêu 5 cá nhân"
    assert "Giữ nguyên danh sách của" in dialog.head.text()
    dialog.reject()  # «Không nhập»: nothing written
    assert dump(context.db.path) == before

    assert run(qtbot, page, page.import_buttons["nominations"].click) == "finished"
    assert run(qtbot, page, page.nominations_dialog.ok_button.click) == "finished"
    names = [
        n.full_name for n in nominations.list_nominations(context.db, context.period.id, CAY_DUONG)
    ]
    assert names[0] == "Huỳnh Trúc Phương" and names[-1] == "Lê Thị Mới"
    assert "Tăng Trúc Xuân" not in names and len(names) == 5
    assert "sửa tên 1" in page.last_import.dialog.text()
    page.last_import.dialog.close()


def test_the_same_file_again_has_nothing_to_import(
    qtbot: Any, sample_window: Any, pick: dict[str, Path]
) -> None:
    page = sample_window.show_page("nhap-xuat")
    pick["open"] = SAMPLE
    assert run(qtbot, page, page.import_buttons["nominations"].click) == "finished"
    dialog = page.nominations_dialog
    assert not dialog.ok_button.isEnabled() and "không có gì để nhập" in dialog.question.text()
    dialog.reject()


def _select_rows(page: Any, rows: list[int]) -> None:
    table = page.nominations_table
    model = table.model()
    selection = QItemSelection()
    for row in rows:
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_delete_several_nominations_then_undo_and_redo(qtbot: Any, sample_window: Any) -> None:
    context = sample_window.context
    db, period_id = context.db, context.period.id
    page = sample_window.show_page("khen-thuong")
    page.select_unit(CAY_DUONG)
    everyone = nominations.list_nominations(db, period_id)
    shown = [page.nominations_model.record(r) for r in range(page.nominations_model.rowCount())]
    _select_rows(page, [0, 2, 3])
    chosen = {shown[0].id, shown[2].id, shown[3].id}
    assert page.remove_button.isEnabled() and not page.edit_button.isEnabled()
    assert page.remove_button.text() == "&Xóa 3 người"
    page.remove_button.click()
    assert {n.id for n in nominations.list_nominations(db, period_id)} == {
        n.id for n in everyone
    } - chosen
    assert page.nominations_model.rowCount() == 2
    assert page.undo_action.isEnabled() and "xóa 3 đề nghị" in page.undo_action.text()

    page.quota_table.setFocus()
    qtbot.keyClick(page.quota_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert nominations.list_nominations(db, period_id) == everyone  # ids, order, every field
    assert page.nominations_model.rowCount() == 5
    page.redo_action.trigger()
    assert len(nominations.list_nominations(db, period_id)) == len(everyone) - 3
    page.undo_action.trigger()
    assert nominations.list_nominations(db, period_id) == everyone
