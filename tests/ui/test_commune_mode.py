"""Commune mode: chosen on first start and kept beside the database; the window shows only the
commune's unit; its package, exported in commune mode, is imported at the district with old → new
shown first and updates only that unit."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.ui import mode as mode_module
from app.ui.dialogs.import_package import ADDED, UNCHANGED
from app.ui.mode import DISTRICT, Mode, ModeDialog, startup_mode, store_mode, stored_mode
from app.ui.models.base import KEY_ROLE
from app.ui.pages import import_export as page_module
from app.ui.wizards import files as pickers

TAN_BINH = Mode("31399", "Xã Tân Bình")
TIMEOUT_MS = 120_000


def shown_keys(view: Any) -> list[Any]:
    model = view.model()
    return [
        model.index(row, 0).data(KEY_ROLE)
        for row in range(model.rowCount())
        if not view.isRowHidden(row)
    ]


def make_window(qtbot: Any, db: Any) -> Any:
    from app.ui.context import AppContext
    from app.ui.window import MainWindow

    window = MainWindow(AppContext(db))
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def commune_window(qtbot: Any, sample_db: Any) -> Any:
    store_mode(sample_db.path, TAN_BINH)
    return make_window(qtbot, sample_db)


@pytest.fixture
def district_db(sample_template: Path, tmp_path: Path) -> Iterator[Any]:
    """A second database: the district office's, with the same sample figures."""
    from app.models.files import copy_database
    from app.services.setup import open_storage

    path = tmp_path / "huyen" / "thidua.sqlite3"
    copy_database(sample_template, path)
    db = open_storage(path, daily=False)
    try:
        yield db
    finally:
        db.close()


def test_commune_mode_shows_only_its_unit(commune_window: Any) -> None:
    window = commune_window
    code = TAN_BINH.unit_code
    assert window.context.mode.unit_code == code
    assert TAN_BINH.unit_name in window.windowTitle()
    # Xếp hạng and Văn bản are hidden, their shortcuts off; asking for them shows another page
    for slug in ("xep-hang", "van-ban"):
        assert not window.page_visible(slug)
        assert not window.page_actions[slug].isEnabled()
    assert window.show_page("xep-hang").SLUG == "don-vi"
    assert window.current_page.SLUG == "don-vi"
    assert not window.ranking_label.isVisible()

    units = window.show_page("don-vi")
    assert shown_keys(units.table) == [code]
    assert not units.add_button.isVisible() and not units.delete_button.isVisible()

    figures = window.show_page("so-lieu")
    assert shown_keys(figures.table) == [code]
    figures.refresh()  # a redraw (model reset) keeps the filter
    assert shown_keys(figures.table) == [code]

    awards = window.show_page("khen-thuong")
    assert shown_keys(awards.quota_table) == [code]
    assert not awards.awards_table.parentWidget().isVisible()  # collective awards: the council's
    nominations = awards.nominations_table
    names = {
        awards.nominations_model.record(nominations.model().mapToSource(index).row()).unit_code
        for row in range(nominations.model().rowCount())
        if not nominations.isRowHidden(row)
        for index in [nominations.model().index(row, 0)]
    }
    assert names == {code}
    awards.show_all()
    assert {
        awards.nominations_model.record(
            nominations.model().mapToSource(nominations.model().index(row, 0)).row()
        ).unit_code
        for row in range(nominations.model().rowCount())
        if not nominations.isRowHidden(row)
    } == {code}

    page = window.show_page("nhap-xuat")
    assert page.mode_note.isVisible() and TAN_BINH.unit_name in page.mode_note.text()
    assert page.import_buttons["figures"].isVisible()
    assert page.import_buttons["nominations"].isVisible()
    for kind in ("dossiers", "eid", "package"):
        assert not page.import_buttons[kind].isVisible()
    assert not page.score_button.isVisible()
    assert page.unit_box.count() == 1 and page.unit_box.currentData() == code

    settings = window.show_page("cai-dat")
    tabs = settings.tabs
    assert not tabs.isTabVisible(tabs.indexOf(settings.campaign_tab))
    assert not tabs.isTabVisible(tabs.indexOf(settings.rules_tab))
    assert not tabs.isTabVisible(tabs.indexOf(settings.documents_tab))
    assert tabs.isTabVisible(tabs.indexOf(settings.backup_tab))
    assert tabs.isTabVisible(tabs.indexOf(settings.mode_tab))
    assert "Xã Tân Bình" in settings.mode_tab.label.text()


def test_first_start_asks_once_and_remembers(
    qtbot: Any, sample_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui.context import AppContext

    context = AppContext(sample_db)
    assert stored_mode(sample_db.path) is None
    # without a user (--screenshot): district, nothing stored, asked next time
    assert startup_mode(context, interactive=False) == DISTRICT
    assert stored_mode(sample_db.path) is None

    asked: list[bool] = []

    def ask(_context: Any, _parent: Any = None, *, first_start: bool = False) -> Mode:
        asked.append(first_start)
        return TAN_BINH

    monkeypatch.setattr(mode_module, "ask_mode", ask)
    assert startup_mode(context) == TAN_BINH
    assert asked == [True]
    assert stored_mode(sample_db.path) == TAN_BINH
    assert startup_mode(context) == TAN_BINH
    assert asked == [True]  # not asked again
    window = make_window(qtbot, sample_db)
    assert not window.page_visible("xep-hang")


def test_the_mode_dialog(qtbot: Any, sample_window: Any) -> None:
    choices = mode_module.commune_choices(sample_window.context)
    assert len(choices) == 15
    dialog = ModeDialog(choices, None, first_start=True)
    qtbot.addWidget(dialog)
    assert dialog.mode() == DISTRICT and not dialog.unit_box.isEnabled()
    dialog.choose_commune("31399")
    assert dialog.mode() == TAN_BINH and dialog.unit_box.isEnabled()
    again = ModeDialog(choices, TAN_BINH)
    qtbot.addWidget(again)
    assert again.mode() == TAN_BINH


def test_the_mode_is_changed_in_settings_and_back(
    sample_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = sample_window
    answers = [TAN_BINH, DISTRICT]
    monkeypatch.setattr(mode_module, "ask_mode", lambda *_a, **_k: answers.pop(0))
    window.show_page("cai-dat")
    mode_tab = window.settings_page.mode_tab
    mode_tab.change_button.click()
    assert stored_mode(window.context.db.path) == TAN_BINH
    assert not window.page_visible("xep-hang")
    assert shown_keys(window.show_page("so-lieu").table) == ["31399"]  # (redrawn when shown)
    window.show_page("cai-dat")

    mode_tab.change_button.click()
    assert stored_mode(window.context.db.path) == DISTRICT
    assert window.context.mode.unit_code is None
    assert all(window.page_visible(slug) for slug in window.pages)
    figures = window.show_page("so-lieu")
    units = [key for key in shown_keys(figures.table) if key is not None]
    assert len(units) == len(figures.model.records) == 15
    assert figures.model.rowCount() == 16 and figures.model.is_totals(15)  # the totals row
    assert window.show_page("nhap-xuat").import_buttons["dossiers"].isVisible()
    assert window.title_suffix == "" and "Xã Tân Bình" not in window.windowTitle()


def test_a_commune_imports_its_row_of_the_template(
    qtbot: Any, commune_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The template lists every unit; the clerk fills the unit's own row and imports it."""
    from openpyxl import load_workbook

    context = commune_window.context
    before = {r.unit.code: r.unit for r in context.ranking.results}
    page = commune_window.show_page("nhap-xuat")
    template = tmp_path / "mau.xlsx"
    monkeypatch.setattr(pickers, "choose_save_file", lambda *_a: template)
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS):
        page.template_button.click()
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    row = next(r for r in range(2, sheet.max_row + 1) if str(sheet.cell(r, 1).value) == "31399")
    for column, value in zip(range(4, 9), (2000, 2741, 400, 14287, 15238), strict=True):
        sheet.cell(row, column).value = value
    workbook.save(template)

    monkeypatch.setattr(pickers, "choose_open_file", lambda *_a: template)
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS) as blocker:
        page.import_buttons["figures"].click()
    assert blocker.args == ["finished"]
    after = {r.unit.code: r.unit for r in context.ranking.results}
    assert (after["31399"].online, after["31399"].accounts) == (2000, 400)
    assert {c: u for c, u in after.items() if c != "31399"} == {
        c: u for c, u in before.items() if c != "31399"
    }
    page.last_import.dialog.close()

    # another unit's figures in the file: refused, nothing changed
    shown: list[str] = []
    monkeypatch.setattr(page_module, "show_error", lambda _p, message, *_a: shown.append(message))
    sample = Path(__file__).resolve().parents[2] / "resources" / "demo" / "sample-units-2023.csv"
    monkeypatch.setattr(pickers, "choose_open_file", lambda *_a: sample)
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS) as blocker:
        page.import_figures()
    assert blocker.args == ["failed"]
    assert shown and "đơn vị khác" in shown[0] and "31399" in shown[0]
    assert {r.unit.code: r.unit for r in context.ranking.results} == after


def test_a_package_goes_from_the_commune_to_the_district(
    qtbot: Any, commune_window: Any, district_db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from app.services import figures, nominations, package_keys

    code = TAN_BINH.unit_code
    assert code is not None
    # the district made Tân Bình's key; the commune typed its code once
    package_keys.create_key(district_db, code)
    typed_code = package_keys.show_key_code(district_db, code)
    package_keys.enter_key(commune_window.context.db, code, code=typed_code)
    # The commune types its figures (saved as the Số liệu page does) and exports its package.
    commune = commune_window.context
    mine = next(r.unit for r in commune.ranking.results if r.unit.code == code)
    typed = dataclasses.replace(mine, online=mine.total, accounts=500, eid=mine.citizens - 10)
    commune.refresh(figures.save_figures(commune.db, commune.period.id, [typed]).ranking)
    # … and types one more nominee on Khen thưởng (the better figures give it a second place)
    awards = commune_window.show_page("khen-thuong")
    form = awards.add_nomination()
    assert form.unit.currentData() == code
    form.full_name.setText("Nguyễn Thị Mới")
    form.position.setText("Công chức Tư pháp - Hộ tịch")
    form.summary.setPlainText("Hướng dẫn người dân nộp hồ sơ trực tuyến")
    form.gender.setCurrentIndex(2)
    form.buttons.accepted.emit()
    assert not form.isVisible(), form.error_text
    commune_names = [
        n.full_name for n in nominations.list_nominations(commune.db, commune.period.id, code)
    ]
    assert len(commune_names) == 2 and commune_names[-1] == "Nguyễn Thị Mới"
    out = tmp_path / "goi-tan-binh.xlsx"
    monkeypatch.setattr(pickers, "choose_save_file", lambda *_a: out)
    page = commune_window.show_page("nhap-xuat")
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS) as blocker:
        page.package_button.click()
    assert blocker.args == ["finished"] and out.exists()

    # The district opens it: old → new first, nothing written before «Nhập gói».
    district_window = make_window(qtbot, district_db)
    district = district_window.context
    before = {r.unit.code: r.unit for r in district.ranking.results}
    nominated_before = nominations.list_nominations(district.db, district.period.id)
    monkeypatch.setattr(pickers, "choose_open_file", lambda *_a: out)
    district_page = district_window.show_page("nhap-xuat")
    district_page.import_buttons["package"].click()
    dialog = district_page.package_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.signed and "Chữ ký: hợp lệ" in dialog.signature.text()
    changed = {row.label: (row.old, row.new) for row in dialog.changed_rows()}
    assert changed == {
        "Số hồ sơ trực tuyến": (mine.online, mine.total),
        "Số tài khoản nộp hồ sơ": (mine.accounts, 500),
        "Số tài khoản định danh mức 2": (mine.eid, mine.citizens - 10),
    }
    assert {r.unit.code: r.unit for r in district.ranking.results} == before
    # the nominations in the package against the district's: one added, the other kept
    assert "được thay bằng danh sách trong gói" in dialog.head.text()
    assert {(r.full_name, r.change) for r in dialog.nominations} == {
        ("Nguyễn Thị Mới", ADDED),
        (commune_names[0], UNCHANGED),
    }
    assert nominations.list_nominations(district.db, district.period.id) == nominated_before
    with qtbot.waitSignal(district_page.done, timeout=TIMEOUT_MS) as blocker:
        dialog.accept()
    assert blocker.args == ["finished"]
    after = {r.unit.code: r.unit for r in district.ranking.results}
    assert after[code] == typed
    assert {c: u for c, u in after.items() if c != code} == {
        c: u for c, u in before.items() if c != code
    }
    assert "Xã Tân Bình" in district_page.last_import.dialog.text()
    assert "Nguyễn Thị Mới" in district_page.last_import.dialog.text()
    nominated = nominations.list_nominations(district.db, district.period.id, code)
    assert [n.full_name for n in nominated] == commune_names
    assert (nominated[-1].position, nominated[-1].gender) == ("Công chức Tư pháp - Hộ tịch", "Nữ")
    assert [
        n
        for n in nominations.list_nominations(district.db, district.period.id)
        if n.unit_code != code
    ] == [n for n in nominated_before if n.unit_code != code]
    district_page.last_import.dialog.close()


def test_a_commune_refuses_another_units_package(
    qtbot: Any, commune_window: Any, district_db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from app.services import campaigns, exports

    other = tmp_path / "goi-khac.xlsx"
    exports.export_package(district_db, campaigns.find_period(district_db).id, "31396", other)
    shown: list[str] = []
    monkeypatch.setattr(page_module, "show_error", lambda _p, message, *_a: shown.append(message))
    page = commune_window.show_page("nhap-xuat")
    assert page.unit_code == TAN_BINH.unit_code
    assert page.import_package(other) is None
    assert shown and "31396" in shown[0]


def test_the_package_dialog_lists_the_nominations(qtbot: Any) -> None:
    from app.exchange.package import NominationsDiff
    from app.ui.dialogs.import_package import (
        ADDED,
        EDITED,
        REMOVED,
        UNCHANGED,
        FigureRow,
        PackageDiffDialog,
        nomination_rows,
    )

    diff = NominationsDiff(
        added=("Nguyễn Thị Mới",), removed=("Lê Văn Cũ",), unchanged=("A", "B"), edited=("B",)
    )
    rows = nomination_rows(diff)
    assert rows is not None and nomination_rows(None) is None
    assert [(r.full_name, r.change) for r in rows] == [
        ("Nguyễn Thị Mới", ADDED),
        ("A", UNCHANGED),
        ("B", EDITED),
        ("Lê Văn Cũ", REMOVED),
    ]
    same = [FigureRow("Số hồ sơ trực tuyến", 10, 10)]
    dialog = PackageDiffDialog("Xã Tân Bình (31399)", [], same, nominations=rows)
    qtbot.addWidget(dialog)
    table = dialog.nominations_table
    assert table is not None and table.rowCount() == 4
    assert table.item(3, 1).text() == REMOVED and table.item(3, 0).font().bold()
    assert not table.item(1, 0).font().bold()
    assert [r.full_name for r in dialog.changed_nominations()] == [
        "Nguyễn Thị Mới",
        "B",
        "Lê Văn Cũ",
    ]
    # figures the same, nominations not: the dialog does not say that nothing changes
    assert "giống hệt" in dialog.question.text() and "3 thay đổi" in dialog.question.text()
    without = PackageDiffDialog("Xã Tân Bình (31399)", [], same)
    qtbot.addWidget(without)
    assert without.nominations_table is None and "Nhập gói này?" in without.question.text()
