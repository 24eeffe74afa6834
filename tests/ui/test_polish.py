"""The officer's polish, each seen when the program was tried as a new user would: the menu bar,
an empty period, ties that change no award, the tables, no English, the dialogs, closing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox

from app import __version__
from app.resources import guide_path
from app.services import audit, campaigns, figures, nominations
from app.ui import errors, style
from app.ui.pages import documents_files, settings_backup
from app.ui.wizards import files as pickers

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 120_000
PHUONG_PHU, HOA_MY = "31435", "31420"  # 4th and 5th: both Khuyến khích


def texts(menu: Any) -> list[str]:
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


# --- the menu bar ----------------------------------------------------------------------------


def test_the_menu_bar(
    qtbot: Any, sample_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = sample_window
    menus = window.menuBar().actions()
    assert [m.text().replace("&", "") for m in menus] == ["Tệp", "Trợ giúp"]
    assert texts(window.menus["tep"]) == ["Sao lưu dữ liệu…", "Khôi phục từ bản sao lưu…", "Thoát"]
    assert texts(window.menus["tro-giup"]) == ["Hướng dẫn sử dụng", "Giới thiệu"]
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert window.guide_action.shortcut() == QKeySequence("F1")

    # Sao lưu: the Cài đặt backup tab, the file written
    target = tmp_path / "sao-luu.sqlite3"
    monkeypatch.setattr(settings_backup, "choose_backup_target", lambda *_a: target)
    assert window.backup() == target and target.is_file()
    assert window.current_page.SLUG == "cai-dat"
    # Khôi phục: asks first; «Không» changes nothing
    monkeypatch.setattr(settings_backup, "choose_backup_source", lambda *_a: target)
    monkeypatch.setattr(errors, "ask", lambda *_a, **_k: False)
    db = window.context.db
    assert not window.restore() and window.context.db is db

    # Giới thiệu: the version and the data folder
    about = window.show_about()
    assert __version__ in about.text() and str(db.path.parent) in about.text()
    assert about.button(QMessageBox.StandardButton.Close).text().replace("&", "") == "Đóng"
    about.close()

    # Thoát (Ctrl+Q) closes the window
    window.quit_action.trigger()
    assert not window.isVisible()


def test_the_user_guide_is_bundled_and_opened_from_the_menu(
    qtbot: Any, sample_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QTextDocument

    from app.ui.dialogs import guide as guide_module

    window = sample_window
    guide = guide_path()
    assert guide == ROOT / "docs" / "huong-dan" / "README.md" and guide.is_file()
    assert Path(str(window.guide_action.data())) == guide  # the action points at the file
    text = guide.read_text(encoding="utf-8")
    images = [line for line in text.splitlines() if line.startswith("![")]
    assert len(images) >= 7  # a screenshot of every page at least
    for line in images:
        name = line.split("](", 1)[1].rstrip(")")
        assert (guide.parent / name).is_file(), name

    window.guide_action.trigger()
    dialog = window.guide
    assert dialog is not None and dialog.isVisible()
    assert "Hướng dẫn sử dụng" in dialog.text() and "Xếp hạng" in dialog.text()
    first = images[0].split("](", 1)[1].rstrip(")")
    image = dialog.browser.document().resource(
        QTextDocument.ResourceType.ImageResource, dialog.browser.source().resolved(first)
    )
    assert image is not None  # the screenshots are shown, not only named
    opened: list[Path] = []
    monkeypatch.setattr(guide_module, "open_with_system", opened.append)
    dialog.system_button.click()
    assert opened == [guide]
    dialog.close()

    # the .exe carries it: the spec bundles docs/huong-dan beside resources/
    spec = (ROOT / "pyinstaller.spec").read_text(encoding="utf-8")
    assert '"docs/huong-dan"' in spec


# --- a period without figures ----------------------------------------------------------------


def test_an_empty_period_says_it_has_no_figures(qtbot: Any, storage: Any) -> None:
    from app.ui.context import AppContext
    from app.ui.window import MainWindow

    window = MainWindow(AppContext(storage))
    qtbot.addWidget(window)
    window.show()
    assert window.ranking_label.text().endswith("Chưa có số liệu")
    assert "chờ phân định" not in window.ranking_label.text()

    page = window.show_page("xep-hang")
    model = page.model
    assert model.rowCount() == 15
    for row in range(model.rowCount()):
        assert model.index(row, model.flags_column).data() == "Chưa có số liệu"
        assert model.index(row, 0).data() == ""  # no rank
        assert model.index(row, model.tier_column).data() == ""
        assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is None  # not orange
    assert page.banner.isVisible() and "chưa có số liệu" in page.banner_text.text()
    assert "chờ phân định" not in page.banner_text.text()
    assert style.BOXES["tie"] not in page.banner.styleSheet()
    assert all(bar.tier is None for bar in page.bar_chart.bars)

    awards = window.show_page("khen-thuong")
    assert awards.awards_model.rowCount() == 0
    assert "Chưa có số liệu" in awards.pending_label.text()
    assert "chờ phân định" not in awards.pending_label.text().lower()
    statuses = {
        awards.quota_model.record(r).status for r in range(awards.quota_model.rowCount() - 1)
    }
    assert statuses == {"chưa có số liệu"}

    documents = window.show_page("van-ban")
    assert "chưa có số liệu" in documents.readiness.text()
    assert "Đồng hạng" not in documents.readiness.text()


# --- a tie that changes no award -------------------------------------------------------------


def tie_inside_one_tier(db: Any) -> None:
    """Xã Phương Phú (4th) gets the figures of Xã Hòa Mỹ (5th), neither with accounts: the same
    total, nothing separates them, both Khuyến khích."""
    period = campaigns.find_period(db).id
    stored = {f.figures.code: f.figures for f in figures.list_figures(db, period)}
    hoa_my = dataclasses.replace(stored[HOA_MY], accounts=None)
    phuong_phu = dataclasses.replace(
        hoa_my, code=PHUONG_PHU, name=stored[PHUONG_PHU].name, kind=stored[PHUONG_PHU].kind
    )
    figures.save_figures(db, period, [hoa_my, phuong_phu])


def test_a_tie_inside_one_tier_is_only_dong_hang(qtbot: Any, sample_db: Any) -> None:
    from app.ui.context import AppContext
    from app.ui.window import MainWindow

    tie_inside_one_tier(sample_db)
    window = MainWindow(AppContext(sample_db))
    qtbot.addWidget(window)
    window.show()
    ranking = window.context.ranking
    [group] = ranking.tie_groups
    assert set(group.codes) == {PHUONG_PHU, HOA_MY} and not group.pending

    assert "chờ phân định" not in window.ranking_label.text()
    assert "1 nhóm đồng hạng" in window.ranking_label.text()
    page = window.show_page("xep-hang")
    assert not page.banner.isVisible()  # no orange banner: the council has nothing to settle
    assert page.settle_first_tie() is None
    model = page.model
    for code in (PHUONG_PHU, HOA_MY):
        row = model.row_of(code)
        assert model.index(row, model.flags_column).data() == "Đồng hạng"
        assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is None
        assert model.index(row, model.tier_column).data() == "Khuyến khích"
        tip = model.index(row, model.flags_column).data(Qt.ItemDataRole.ToolTipRole)
        assert "cùng hạng giải" in tip and "chờ" not in tip

    awards = window.show_page("khen-thuong")
    assert not awards.pending_label.isVisible()
    documents = window.show_page("van-ban")
    assert documents.problems == []  # the award documents can be made


# --- Số liệu and Xếp hạng ----------------------------------------------------------------------


def test_figures_code_and_name_stay_while_scrolling_and_a_totals_row(
    qtbot: Any, sample_window: Any
) -> None:
    page = sample_window.show_page("so-lieu")
    table, model = page.table, page.model
    frozen = table.frozen
    assert frozen is not None and frozen.isVisible()
    assert [frozen.isColumnHidden(c) for c in range(model.columnCount())] == [False, False] + [
        True
    ] * (model.columnCount() - 2)
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    qtbot.wait(10)
    assert table.horizontalScrollBar().value() > 0
    assert table.columnViewportPosition(0) < 0  # the table's own columns scrolled away…
    assert frozen.geometry().x() <= table.verticalHeader().width() + table.frameWidth()
    assert frozen.columnViewportPosition(1) >= 0  # … the frozen code and name still there
    assert frozen.width() == table.columnWidth(0) + table.columnWidth(1)

    totals = model.totals_row
    assert totals == 15 and model.rowCount() == 16
    assert model.index(totals, 1).data() == "Tổng cộng (15 đơn vị)"
    for field in ("online", "total", "accounts", "eid", "citizens"):
        column = model.column_of(field)
        expected = sum(r.unit.figure(field) or 0 for r in model.records)
        assert model.index(totals, column).data().replace(".", "") == str(expected)
        assert not model.flags(model.index(totals, column)) & Qt.ItemFlag.ItemIsEditable
    assert model.index(totals, 1).data(Qt.ItemDataRole.FontRole).bold()
    assert not model.setData(model.index(totals, model.column_of("online")), "5")


def contrast(colour: str, other: str = "#ffffff") -> float:
    def luminance(name: str) -> float:
        channels = []
        for value in QColor(name).getRgbF()[:3]:
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        red, green, blue = channels
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    high, low = sorted((luminance(colour), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_ranking_table_reads_as_points_and_fits(qtbot: Any, sample_window: Any) -> None:
    sample_window.resize(1280, 800)
    page = sample_window.show_page("xep-hang")
    qtbot.wait(50)
    model = page.model
    headers = [
        " ".join(str(model.headerData(c, Qt.Orientation.Horizontal)).split())
        for c in range(model.columnCount())
    ]
    assert "Điểm hồ sơ trực tuyến" in headers and "Điểm định danh mức 2" in headers
    figures_page = sample_window.pages["so-lieu"]
    counts = [figures_page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert "Hồ sơ trực tuyến" in counts  # Số liệu: the same words name the counts
    table = page.table
    assert table.horizontalScrollBar().maximum() == 0  # every column, the last one unclipped
    assert (
        table.columnViewportPosition(model.flags_column) + table.columnWidth(model.flags_column)
        <= table.viewport().width()
    )
    last = model.rowCount() - 1
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()
    # «Nhì» is readable on white, and its bar differs from the bars of units without an award
    assert contrast(style.TIER_COLOURS["nhi"]) >= 4.5
    assert contrast(style.TIER_COLOURS["nhi"], style.BAR_COLOUR) >= 3  # was nearly the same grey
    assert style.BAR_COLOUR not in style.TIER_COLOURS.values()
    for tier, colour in style.TIER_COLOURS.items():
        assert contrast(colour, style.BAR_COLOUR) >= 2, tier


def test_the_nominations_table_sizes_its_columns_after_an_import(
    qtbot: Any, edge_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    awards = edge_window.show_page("khen-thuong")
    table = awards.nominations_table
    assert awards.nominations_model.rowCount() == 0
    name = "Nguyễn Thị Phương Thảo Hoàng Long"
    path = tmp_path / "de-nghi.csv"
    path.write_text(f"Họ và tên,Chức vụ,Đơn vị\n{name},Công chức Văn hóa - Xã hội,Xã A\n", "utf-8")
    page = edge_window.show_page("nhap-xuat")
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS):
        page.import_nominations(path).ok_button.click()  # «Nhập» on the file's preview
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS):
        page.nominations_dialog.ok_button.click()  # «Nhập danh sách» on the differences
    page.last_import.dialog.close()
    edge_window.show_page("khen-thuong")
    assert awards.nominations_model.rowCount() == 1
    needed = table.fontMetrics().horizontalAdvance(name)
    assert table.columnWidth(0) >= needed  # the whole name, not "Nguyễ…"


# --- no English ------------------------------------------------------------------------------


def test_message_boxes_and_qt_dialogs_speak_vietnamese(qtbot: Any, qapp: Any) -> None:
    from app.ui.translation import install_vietnamese

    box = errors.message_box(None, "Tiêu đề", "Nội dung")
    qtbot.addWidget(box)
    assert [b.text().replace("&", "") for b in box.buttons()] == ["Đóng"]
    question = errors.question_box(None, "Hỏi", "Có không?")
    qtbot.addWidget(question)
    assert sorted(b.text().replace("&", "") for b in question.buttons()) == ["Có", "Không"]

    install_vietnamese(qapp)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    assert {b.text().replace("&", "") for b in buttons.buttons()} == {"Đồng ý", "Hủy"}
    dialog = QFileDialog(None, "Chọn tệp")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    labels = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
    assert {"Tìm trong:", "Tên tệp:", "Loại tệp:"} <= labels
    assert dialog.labelText(QFileDialog.DialogLabel.Accept).replace("&", "") == "Mở"
    assert dialog.labelText(QFileDialog.DialogLabel.Reject) == "Hủy"
    assert "Look in" not in " ".join(labels)


def test_the_audit_log_and_the_mapping_report_name_things_in_vietnamese(
    sample_window: Any,
) -> None:
    from app.services.audit import Action, action_label, audit_detail
    from app.services.document_settings import DocumentSettings
    from app.services.dossier_columns import mapping_text

    for action in Action:
        assert action_label(action.value) != action.value  # every action has its name
    assert action_label("nomination.replace") == "Thay danh sách đề nghị"
    assert action_label("dossiers.import") == "Nhập tệp hồ sơ Cổng DVC"
    db = sample_window.context.db
    campaign = sample_window.context.campaign.id
    settings = campaigns.document_settings(db, campaign)
    campaigns.set_document_settings(
        db, campaign, dataclasses.replace(settings, certificate_offset_y_mm=2.5)
    )
    entry = audit.list_audit(db, limit=1)[0]
    [line] = audit_detail(entry)
    assert line.startswith("Dịch dọc (mm")
    assert "certificate_offset_y_mm" not in line
    assert DocumentSettings is not None
    text = mapping_text({"unit": "Cơ quan tiếp nhận", "id": "Mã hồ sơ"})
    assert text == "Mã hồ sơ ← «Mã hồ sơ», Đơn vị tiếp nhận ← «Cơ quan tiếp nhận»"
    assert "unit=" not in text


# --- dialogs ---------------------------------------------------------------------------------


def test_the_nomination_dialog(
    qtbot: Any, sample_window: Any, answer_yes: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = sample_window.context
    awards = sample_window.show_page("khen-thuong")
    # room for one more: remove one of Thị trấn Cây Dương's five
    victim = next(n for n in awards.nominations if n.unit_code == "31396")
    nominations.delete_nomination(context.db, victim.id)
    context.refresh()
    form = awards.add_nomination()
    form.unit.setCurrentIndex(form.unit.findData("31396"))
    form.full_name.setText("Trần Văn Mới")
    form.position.setText("Công chức Văn hóa - Xã hội")

    form.birth_date.setText("31/02/1990")
    form.buttons.accepted.emit()
    assert form.isVisible()
    assert "«31/02/1990» không phải là ngày có thật" in form.error_text
    assert "dd/mm/yyyy" not in form.error_text
    form.unit.setCurrentIndex(form.unit.findData("31423"))  # another unit: the error goes
    assert form.error_text == ""

    form.unit.setCurrentIndex(form.unit.findData("31396"))
    form.birth_date.setText(f"01/01/{dt.date.today().year + 1}")
    form.buttons.accepted.emit()
    assert "ở tương lai" in form.error_text  # the service's rule

    form.birth_date.setText("5/1/90")  # a two-digit year, as Excel reads it
    form.buttons.accepted.emit()
    assert not form.isVisible(), form.error_text
    added = next(
        n
        for n in nominations.list_nominations(context.db, context.period.id)
        if n.full_name == "Trần Văn Mới"
    )
    assert added.birth_date == dt.date(1990, 1, 5)


def test_open_failures_are_titled_and_regenerating_asks_first(
    qtbot: Any, sample_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        errors, "show_error", lambda _p, message, title="": shown.append((title, message))
    )
    asked: list[str] = []
    answers = [False, True]

    def ask(_parent: Any, _title: str, question: str) -> bool:
        asked.append(question)
        return answers.pop(0)

    monkeypatch.setattr(errors, "ask", ask)
    page = sample_window.show_page("van-ban")
    page.set_output_folder(tmp_path)
    for kind, box in page.kind_boxes.items():
        box.setChecked(kind == "bang-diem")
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS):
        page.generate()
    assert asked == []  # an empty folder: nothing to overwrite
    assert page.generate() is None  # earlier documents: asked, «Không»
    assert len(asked) == 1 and "1 văn bản lập trước đây" in asked[0]
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS) as blocker:
        assert page.generate() is not None  # «Có»
    assert blocker.args == [True] and len(asked) == 2

    monkeypatch.setattr(documents_files, "open_in_system", lambda _path: False)
    assert not page.output.open_selected()
    title, message = shown[-1]
    assert title == "Không mở được tệp" and "bang-diem.pdf" in message


def test_the_template_names_where_it_is_imported(
    qtbot: Any, sample_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "mau.xlsx"
    monkeypatch.setattr(pickers, "choose_save_file", lambda *_a: out)
    page = sample_window.show_page("nhap-xuat")
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS):
        page.export_template("unit-figures")
    workbook = load_workbook(out, read_only=True)
    words = " ".join(
        str(cell)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell
    )
    workbook.close()
    button = page.import_buttons["figures"].text().replace("&", "")
    assert f"Nhập / Xuất → {button}" in words
    assert "Số liệu → Nhập từ tệp" not in words


# --- closing -----------------------------------------------------------------------------------

SESSION = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
import app.ui.window as window_module
import app.ui.errors as errors

shown = window_module.MainWindow.show
errors.ask = lambda *_a, **_k: True

def show(self):
    shown(self)
    def work():
        for slug in self.pages:
            self.show_page(slug)
        page = self.show_page("van-ban")
        page.set_output_folder(Path(sys.argv[1]) / "van-ban")
        for kind, box in page.kind_boxes.items():
            box.setChecked(kind == "bang-diem")
        page.generate()
        page.wait()
        imports = self.show_page("nhap-xuat")
        imports.import_figures(Path("resources/demo/sample-units-2023.csv"))
        imports.wait()
        self.show_about()
        self.open_guide()
        QTimer.singleShot(300, self.close)
    QTimer.singleShot(300, work)

window_module.MainWindow.show = show
import main
sys.exit(main.main(["--db", str(Path(sys.argv[1]) / "thidua.sqlite3"), "--demo"]))
"""


def test_closing_the_window_prints_no_qt_warning(tmp_path: Path) -> None:
    (tmp_path / "giao-dien.ini").write_text("[che-do]\nthidua=huyen\n", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", SESSION, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "van-ban" / "bang-diem.pdf").is_file()  # the session did its work
    noise = ("This plugin does not support",)
    lines = [line for line in done.stderr.splitlines() if not line.startswith(noise)]
    assert lines == [], "\n".join(lines)
