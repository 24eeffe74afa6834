"""The preview every import shows first (issue 11): the table found below the title rows, the
columns guessed (a doubtful one marked and «Nhập» refused until chosen), the rows left out, the
legacy-font text converted; the officer's choice imported and remembered for the campaign."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from app.services import campaigns, dossier_columns, figures
from tests.test_exchange_helpers import legacy_text
from tests.ui.test_import_export_page import TIMEOUT_MS, close_dialogs, pick  # noqa: F401

TAN_BINH, CAY_DUONG = "31399", "31396"


def police_sheet(path: Path, rows: list[list[Any]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["CÔNG AN HUYỆN PHỤNG HIỆP"])
    sheet.append(["BÁO CÁO KẾT QUẢ ĐỊNH DANH ĐIỆN TỬ"])
    sheet.merge_cells("A1:D1")
    for row in rows:
        sheet.append(row)
    sheet.append(["", "Tổng cộng", 0, 0])
    sheet.append([])
    sheet.append(["", "", "KT. TRƯỞNG CÔNG AN HUYỆN"])
    workbook.save(path)
    return path


def stored(context: Any, code: str) -> Any:
    return next(u for u in figures.period_figures(context.db, context.period.id) if u.code == code)


def test_police_sheet_preview_asks_for_the_doubtful_column_then_imports(
    qtbot: Any,
    sample_window: Any,
    tmp_path: Path,
    pick: dict[str, Path],  # noqa: F811
) -> None:
    context = sample_window.context
    page = sample_window.show_page("nhap-xuat")
    pick["open"] = police_sheet(
        tmp_path / "ca.xlsx",
        [
            [
                "STT",
                "Đơn vị",
                "Số CCCD gắn chip đã cấp",
                "TKĐDĐT mức 2 đã thu nhận",
                "TKĐDĐT mức 2 đã cấp",
            ],
            [1, "UBND xã Tân Bình", 8000, 5200, 5000],
            [2, "TT. Cây Dương", 12000, 9500, 9000],
        ],
    )
    page.import_buttons["eid"].click()
    dialog = page.preview_dialog
    assert dialog is not None and dialog.isVisible()
    assert "dòng 3" in dialog.intro.text()
    assert dialog.mapping() == {"unit": "Đơn vị", "citizens": "Số CCCD gắn chip đã cấp"}
    notes = [dialog.notes.item(i).text() for i in range(dialog.notes.count())]
    assert any("Chưa chắc cột «Số tài khoản định danh mức 2»" in n for n in notes)
    assert any("«Tổng cộng»: dòng tổng cộng" in n for n in notes)
    assert any("phần ký tên" in n for n in notes)
    assert dialog.preview.rowCount() == 2 and dialog.preview.item(0, 1).text() == "UBND xã Tân Bình"
    assert not dialog.ok_button.isEnabled()
    assert "Số tài khoản định danh mức 2" in dialog.error_label.text()
    dialog.set_field("eid", "TKĐDĐT mức 2 đã cấp")
    assert dialog.ok_button.isEnabled()
    assert "→ Số tài khoản định danh mức 2" in dialog.preview.horizontalHeaderItem(4).text()
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS) as blocker:
        dialog.ok_button.click()
    assert blocker.args == ["finished"]
    assert (stored(context, TAN_BINH).eid, stored(context, TAN_BINH).citizens) == (5000, 8000)
    assert (stored(context, CAY_DUONG).eid, stored(context, CAY_DUONG).citizens) == (9000, 12000)
    campaign = campaigns.find_period(context.db, None).campaign_id
    remembered = dossier_columns.remembered_mapping(context.db, campaign, "eid")
    assert remembered is not None and remembered["eid"] == "TKĐDĐT mức 2 đã cấp"
    close_dialogs(page)

    # next time the remembered choice is the start: nothing to choose
    page.import_eid(pick["open"])
    assert page.preview_dialog is not None and page.preview_dialog.ok_button.isEnabled()
    assert page.preview_dialog.mapping()["eid"] == "TKĐDĐT mức 2 đã cấp"
    page.preview_dialog.reject()


def test_legacy_font_and_portal_statistics_through_the_preview(
    qtbot: Any,
    sample_window: Any,
    tmp_path: Path,
    pick: dict[str, Path],  # noqa: F811
) -> None:
    context = sample_window.context
    page = sample_window.show_page("nhap-xuat")
    path = tmp_path / "thong-ke.csv"
    lines = [
        "Báo cáo tình hình tiếp nhận hồ sơ",
        "Đơn vị,Trực tuyến toàn trình,Trực tuyến một phần,Trực tiếp,Bưu chính",
        "Xã Tân Bình,1000,900,300,5",
    ]
    path.write_bytes("\r\n".join(legacy_text(line, "tcvn3") for line in lines).encode("latin-1"))
    page.import_portal_stats(path)
    dialog = page.preview_dialog
    assert dialog is not None and dialog.isVisible()
    notes = [dialog.notes.item(i).text() for i in range(dialog.notes.count())]
    assert any("bảng mã cũ TCVN3" in n for n in notes)
    assert dialog.preview.item(0, 0).text() == "Xã Tân Bình"
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS) as blocker:
        dialog.ok_button.click()
    assert blocker.args == ["finished"], page.last_error
    unit = stored(context, TAN_BINH)
    assert (unit.online, unit.total) == (1900, 2200)
    assert "Không tính 5 hồ sơ gửi qua bưu chính công ích" in page.last_import.dialog.text()
    close_dialogs(page)


@pytest.mark.parametrize("kind", ["figures", "nominations"])
def test_cancelled_preview_changes_nothing(sample_window: Any, tmp_path: Path, kind: str) -> None:
    context = sample_window.context
    page = sample_window.show_page("nhap-xuat")
    before = figures.period_figures(context.db, context.period.id)
    path = tmp_path / "f.csv"
    path.write_text("Họ và tên,Chức vụ,Đơn vị\nA,B,Xã Tân Bình\n", encoding="utf-8")
    start = page.import_figures if kind == "figures" else page.import_nominations
    dialog = start(path)
    assert dialog is page.preview_dialog and dialog.isVisible()
    dialog.buttons.rejected.emit()
    assert not page.busy
    assert figures.period_figures(context.db, context.period.id) == before
