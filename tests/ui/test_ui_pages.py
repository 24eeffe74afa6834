"""Each page driven through its widgets (offscreen): figures, ranking and ties, awards, units."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from app.services import audit, campaigns, nominations, ranking, units
from app.ui.models.awards_model import AGENCIES_KEY
from app.ui.pages import PAGE_SLUGS

PHUNG_HIEP = "31417"  # Xã Phụng Hiệp: 1.574 of 2.498 online, below the 70% threshold (15th)
HIEP_HUNG = "31429"  # Xã Hiệp Hưng: 86,04 points, 8th
CAY_DUONG = "31396"  # Thị trấn Cây Dương: first, 5 nominations


def rank_in_db(db: Any, code: str) -> int | None:
    period = campaigns.find_period(db)
    return ranking.rank_period(db, period.id).result(code).rank


def type_into_cell(qtbot: Any, page: Any, code: str, field: str, text: str) -> None:
    """Open the cell's editor as a user would (F2), type, press Enter."""
    model = page.model
    index = model.index(model.row_of(code), model.column_of(field))
    page.table.setFocus()
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    editor.setText(text)  # setText: keyClicks aborts on non-ASCII (TECH-NOTES)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits through a queued call: let it run.
    qtbot.waitUntil(lambda: page.table.state() != QAbstractItemView.State.EditingState)


def figure_shown(page: Any, code: str, header: str) -> str:
    model = page.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return str(model.index(model.row_of(code), headers.index(header)).data())


# --- window --------------------------------------------------------------------------------------


def test_window_pages_shortcuts_and_status(qtbot: Any, sample_window: Any) -> None:
    window = sample_window
    assert window.current_page.SLUG == "xep-hang"
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Đơn vị",
        "Số liệu",
        "Xếp hạng",
        "Khen thưởng",
        "Nhập / Xuất",
        "Văn bản",
        "Cài đặt",
    ]
    for number, slug in enumerate(PAGE_SLUGS, start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert slug == window.current_page.SLUG
        assert window.current_page.heading.text() == window.nav.item(number - 1).text()
    assert "Người dân Phụng Hiệp" in window.campaign_label.text()
    assert window.period_box.currentText() == "Tổng kết năm 2023 (tổng kết)"
    assert not window.period_box.isEnabled()  # one period only


def test_period_chooser_with_several_periods(qtbot: Any, sample_db: Any) -> None:
    import datetime as dt

    from app.ui.context import AppContext
    from app.ui.window import MainWindow

    campaign = campaigns.current_campaign(sample_db)
    early = campaigns.add_period(
        sample_db, campaign.id, "Sơ kết", dt.date(2023, 9, 1), dt.date(2023, 10, 31)
    )
    window = MainWindow(AppContext(sample_db))
    qtbot.addWidget(window)
    window.show()
    assert window.period_box.isEnabled() and window.period_box.count() == 2
    page = window.show_page("xep-hang")
    assert page.charts.isTabVisible(1)  # progress over periods
    window.period_box.setCurrentIndex(window.period_box.findData(early.id))
    assert window.context.period.id == early.id
    assert page.model.ranking is not None and not page.model.ranking.ordered[0].total


# --- Số liệu -------------------------------------------------------------------------------------


def test_typing_a_figure_reranks_other_units_and_saves(qtbot: Any, sample_window: Any) -> None:
    page = sample_window.show_page("so-lieu")
    db = sample_window.context.db
    assert figure_shown(page, HIEP_HUNG, "Hạng") == "8"
    type_into_cell(qtbot, page, PHUNG_HIEP, "online", "2.498")
    assert page.refusal == ""
    assert figure_shown(page, PHUNG_HIEP, "Hồ sơ trực tuyến") == "2.498"
    assert figure_shown(page, PHUNG_HIEP, "Tổng điểm") == "86,33"
    assert figure_shown(page, HIEP_HUNG, "Hạng") == "9"
    assert rank_in_db(db, HIEP_HUNG) == 9
    entry = audit.list_audit(db, limit=1)[0]
    assert entry.action == "figures.edit" and entry.new["online"] == 2498
    ranking_page = sample_window.show_page("xep-hang")
    assert ranking_page.model.ranking.result(HIEP_HUNG).rank == 9

    # Undo and redo, each saved.
    sample_window.show_page("so-lieu")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert figure_shown(page, HIEP_HUNG, "Hạng") == "8"
    assert rank_in_db(db, HIEP_HUNG) == 8
    qtbot.keyClick(page.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert figure_shown(page, HIEP_HUNG, "Hạng") == "9"
    assert rank_in_db(db, HIEP_HUNG) == 9


def test_bad_values_are_refused_with_the_reason(qtbot: Any, sample_window: Any) -> None:
    page = sample_window.show_page("so-lieu")
    db = sample_window.context.db
    for text, reason in (
        ("abc", "phải là số nguyên không âm"),
        ("-5", "không được âm"),
        ("9.999", "lớn hơn tổng số hồ sơ phát sinh"),
    ):
        type_into_cell(qtbot, page, PHUNG_HIEP, "online", text)
        assert reason in page.refusal
        assert "Xã Phụng Hiệp" in page.refusal
        assert figure_shown(page, PHUNG_HIEP, "Hồ sơ trực tuyến") == "1.574"
    assert not page.undo_stack.canUndo()
    assert rank_in_db(db, PHUNG_HIEP) == 15
    assert audit.list_audit(db, limit=1)[0].action != "figures.edit"


def test_paste_a_block_from_a_spreadsheet(qtbot: Any, sample_window: Any) -> None:
    page = sample_window.show_page("so-lieu")
    db = sample_window.context.db
    model = page.model
    row = model.row_of(PHUNG_HIEP)
    page.table.setCurrentIndex(model.index(row, model.column_of("online")))
    page.table.setFocus()
    QGuiApplication.clipboard().setText("2.498\t2.498\r\n")
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert rank_in_db(db, HIEP_HUNG) == 9

    # A block with one bad cell changes nothing.
    QGuiApplication.clipboard().setText("1\t2498\n5000\t100\n")
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "lớn hơn tổng số hồ sơ" in page.refusal
    assert figure_shown(page, PHUNG_HIEP, "Hồ sơ trực tuyến") == "2.498"
    assert rank_in_db(db, HIEP_HUNG) == 9

    # Copy gives back tab-separated figures; undo restores the pasted block.
    block = QItemSelection(
        model.index(row, model.column_of("online")), model.index(row, model.column_of("total"))
    )
    page.table.selectionModel().select(block, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(page.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "2498\t2498"
    page.undo_action.trigger()
    assert rank_in_db(db, HIEP_HUNG) == 8


# --- Xếp hạng ------------------------------------------------------------------------------------


def test_selecting_a_unit_explains_it(qtbot: Any, sample_window: Any) -> None:
    page = sample_window.show_page("xep-hang")
    page.select(PHUNG_HIEP)
    text = page.details.toPlainText()
    assert "Xã Phụng Hiệp" in text and "dưới ngưỡng 70%" in text
    assert "Cần thêm" in text  # what it takes
    assert page.bar_chart.selected == PHUNG_HIEP
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # by name
    first = page.proxy.index(0, 2).data()
    assert first == "Thị trấn Búng Tàu"


def test_tie_banner_and_settling_the_tie(qtbot: Any, edge_window: Any) -> None:
    page = edge_window.show_page("xep-hang")
    db = edge_window.context.db
    assert page.banner.isVisible()
    assert "Xã F, Xã G" in page.banner_text.text()
    assert "chờ phân định" in edge_window.ranking_label.text()
    page.settle_button.click()
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.order() == ["F", "G"]
    dialog.buttons.accepted.emit()  # no reason yet: refused, the dialog stays
    assert "lý do" in dialog.error_text and dialog.isVisible()
    dialog.list.setCurrentRow(1)
    dialog.up_button.click()
    assert dialog.order() == ["G", "F"]
    dialog.reason.setPlainText("Hội đồng biểu quyết: Xã G có nhiều tài khoản định danh hơn.")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert not page.banner.isVisible()
    settled = ranking.list_settlements(db, campaigns.find_period(db).id)
    assert [s.order for s in settled] == [("G", "F")]
    assert audit.list_audit(db, limit=1)[0].action == "settlement.add"
    assert page.model.ranking.result("G").rank == 1
    assert page.model.ranking.result("F").tier == "nhi"


# --- Khen thưởng ---------------------------------------------------------------------------------


def test_awards_total_in_figures_and_words(sample_window: Any) -> None:
    page = sample_window.show_page("khen-thuong")
    assert "15.000.000 đồng" in page.total_label.text()
    assert "Mười lăm triệu đồng" in page.total_label.text()
    assert page.awards_model.rowCount() == 5


def test_nomination_over_quota_is_refused(qtbot: Any, sample_window: Any, answer_yes: None) -> None:
    page = sample_window.show_page("khen-thuong")
    db = sample_window.context.db
    period_id = sample_window.context.period.id
    page.select_unit(CAY_DUONG)
    assert page.nominations_model.rowCount() == 5
    dialog = page.add_nomination()
    assert dialog.unit.currentData() == CAY_DUONG
    dialog.full_name.setText("Nguyễn Thị Mới")
    dialog.position.setText("Công chức Văn hóa - Xã hội")
    dialog.birth_date.setText("05/01/1990")
    dialog.gender.setCurrentIndex(2)
    dialog.buttons.accepted.emit()
    assert "chỉ được đề nghị 5 cá nhân" in dialog.error_text
    assert dialog.isVisible()
    assert len(nominations.list_nominations(db, period_id, CAY_DUONG)) == 5
    dialog.reject()

    # Remove one, then the same person fits.
    page.nominations_table.selectRow(0)
    page.remove_button.click()
    assert len(nominations.list_nominations(db, period_id, CAY_DUONG)) == 4
    dialog = page.add_nomination()
    dialog.full_name.setText("Nguyễn Thị Mới")
    dialog.position.setText("Công chức Văn hóa - Xã hội")
    dialog.birth_date.setText("05/01/1990")
    dialog.gender.setCurrentIndex(2)
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    added = nominations.list_nominations(db, period_id, CAY_DUONG)[-1]
    assert (added.full_name, added.gender, added.birth_date.year) == ("Nguyễn Thị Mới", "Nữ", 1990)
    assert page.nominations_model.rowCount() == 5


def test_agencies_share_four_places(sample_window: Any) -> None:
    page = sample_window.show_page("khen-thuong")
    page.select_unit(AGENCIES_KEY)
    assert page.nominations_model.rowCount() == 4
    dialog = page.add_nomination()
    dialog.unit.setCurrentIndex(dialog.unit.findData("TP"))
    dialog.full_name.setText("Trần Văn Hộ")
    dialog.position.setText("Chuyên viên")
    dialog.buttons.accepted.emit()
    assert "tổng cộng 4 cá nhân" in dialog.error_text


def test_over_quota_after_recalculation_is_shown_in_red(qtbot: Any, sample_window: Any) -> None:
    figures_page = sample_window.show_page("so-lieu")
    type_into_cell(qtbot, figures_page, CAY_DUONG, "eid", "0")  # first → 12th, quota 5 → 1
    assert "vượt chỉ tiêu 4" in figures_page.status.text()
    page = sample_window.show_page("khen-thuong")
    row = page.quota_model.row_of(CAY_DUONG)
    assert page.quota_model.index(row, 3).data() == "vượt chỉ tiêu 4"
    colour = page.quota_model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole).color()
    assert colour.name() == "#c62828"
    assert page.problems_label.isVisible() and "vượt chỉ tiêu 4" in page.problems_label.text()
    db = sample_window.context.db
    assert len(nominations.list_nominations(db, sample_window.context.period.id, CAY_DUONG)) == 5


# --- Đơn vị --------------------------------------------------------------------------------------


def test_add_edit_deactivate_and_delete_a_unit(
    qtbot: Any, sample_window: Any, answer_yes: None, monkeypatch: Any
) -> None:
    page = sample_window.show_page("don-vi")
    db = sample_window.context.db
    dialog = page.add_unit()
    dialog.code.setText("31440")
    dialog.name.setText("Xã Tân Hòa")
    dialog.kind.setCurrentIndex(dialog.kind.findData("xa"))
    dialog.texts["head_name"].setText("Lê Văn Chủ")
    dialog.long_texts["past_awards_text"].setPlainText("Giấy khen năm 2022")
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    added = units.get_unit(db, "31440")
    assert (added.name, added.head_name, added.past_awards_text) == (
        "Xã Tân Hòa",
        "Lê Văn Chủ",
        "Giấy khen năm 2022",
    )
    assert page.selected() is not None and page.selected().code == "31440"
    assert sample_window.context.ranking.result("31440").scored

    # A duplicate code is refused inside the dialog.
    dialog = page.add_unit()
    dialog.code.setText("31440")
    dialog.name.setText("Trùng")
    dialog.buttons.accepted.emit()
    assert "Đã có đơn vị mã «31440»" in dialog.error_text
    dialog.reject()

    page.select(PHUNG_HIEP)
    dialog = page.edit_unit()
    assert dialog is not None and dialog.code.isReadOnly()
    dialog.texts["phone"].setText("0293 3 123 456")
    dialog.buttons.accepted.emit()
    assert units.get_unit(db, PHUNG_HIEP).phone == "0293 3 123 456"

    page.select(PHUNG_HIEP)
    page.toggle_button.click()
    assert not units.get_unit(db, PHUNG_HIEP).active
    assert PHUNG_HIEP not in sample_window.context.ranking
    assert page.toggle_button.text() == "Cho hoạt động &lại"
    period_id = sample_window.context.period.id
    assert any(
        f.figures.code == PHUNG_HIEP
        for f in __import__("app.services.figures", fromlist=["x"]).list_figures(db, period_id)
    )
    page.toggle_button.click()
    assert units.get_unit(db, PHUNG_HIEP).active

    # Deleting: refused for a unit with figures, done for the unused one.
    shown: list[str] = []
    monkeypatch.setattr("app.ui.errors.show_error", lambda _p, message, *a: shown.append(message))
    page.delete_button.click()
    assert "không xóa được" in shown[0]
    assert units.get_unit(db, PHUNG_HIEP).active
    page.select("31440")
    page.delete_button.click()
    assert all(u.code != "31440" for u in units.list_units(db))


def test_a_period_without_figures_says_where_to_enter_them(qtbot: Any, storage: Any) -> None:
    from app.ui.context import AppContext
    from app.ui.window import MainWindow

    window = MainWindow(AppContext(storage))
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("xep-hang")
    assert page.banner.isVisible() and "chưa có số liệu" in page.banner_text.text()
    assert not page.settle_button.isVisible()
    awards = window.show_page("khen-thuong")
    assert "0 đồng" in awards.total_label.text() and "Không đồng" in awards.total_label.text()
