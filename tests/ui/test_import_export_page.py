"""Nhập / Xuất page: imports through the wizards (file picker replaced), refusals listing every
problem, a cancelled import changing nothing, exports that Excel (openpyxl) opens."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from app.ui.pages import import_export as page_module
from app.ui.wizards import files as pickers

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_FIGURES = ROOT / "resources" / "demo" / "sample-units-2023.csv"
TIMEOUT_MS = 120_000


@pytest.fixture
def pick(monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The files the pickers return: ``pick["open"]``, ``pick["save"]`` (no native dialog)."""
    chosen: dict[str, Path] = {}
    monkeypatch.setattr(pickers, "choose_open_file", lambda *_a: chosen.get("open"))
    monkeypatch.setattr(pickers, "choose_save_file", lambda *_a: chosen.get("save"))
    return chosen


def accept_preview(page: Any) -> None:
    """Press «Nhập» on the preview of the file an import shows first (when it shows one)."""
    dialog = page.preview_dialog
    if dialog is not None and dialog.isVisible():
        assert dialog.ok_button.isEnabled(), dialog.error_label.text()
        dialog.ok_button.click()


def run(qtbot: Any, page: Any, start: Any) -> str:
    """Start an action (accepting the file's preview), wait for it to end; returns the outcome."""
    page.preview_dialog = None
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS) as blocker:
        start()
        accept_preview(page)
    assert not page.busy
    return str(blocker.args[0])


def sample_rows() -> list[list[str]]:
    with SAMPLE_FIGURES.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def totals(context: Any) -> dict[str, Any]:
    return {r.unit.code: (r.total, r.rank) for r in context.ranking.results}


def stored_totals(db: Any, period_id: int) -> dict[str, Any]:
    from app.services import ranking

    return {r.unit.code: (r.total, r.rank) for r in ranking.rank_period(db, period_id).results}


def close_dialogs(page: Any) -> None:
    for dialog in (
        page.last_import.dialog,
        page.problems_dialog,
        page.mapping_dialog,
        page.preview_dialog,
    ):
        if dialog is not None:
            dialog.close()


def test_figures_import_through_the_wizard_changes_the_ranking(
    qtbot: Any, sample_window: Any, tmp_path: Path, pick: dict[str, Path]
) -> None:
    context = sample_window.context
    page = sample_window.show_page("nhap-xuat")
    first = next(r for r in context.ranking.results if r.rank == 1).unit.code
    rows = sample_rows()
    for row in rows[1:]:
        if row[0] == first:  # the leader's online dossiers fall to 70 % of the total
            row[3] = str(int(row[4]) * 7 // 10)
    pick["open"] = write_csv(tmp_path / "so-lieu.csv", rows)
    ranking_page = sample_window.pages["xep-hang"]

    assert run(qtbot, page, page.import_buttons["figures"].click) == "finished"

    assert next(r for r in context.ranking.results if r.unit.code == first).rank != 1
    assert stored_totals(context.db, context.period.id) == totals(context)
    assert ranking_page.stale  # a hidden page redraws when shown
    assert page.last_import.dialog is not None and page.last_import.dialog.isVisible()
    text = page.last_import.dialog.text()
    assert "cập nhật số liệu 1 đơn vị" in text and first in text
    assert "Bản sao lưu" in text
    assert "cập nhật số liệu 1 đơn vị" in page.status.text()
    close_dialogs(page)
    page.last_import.button.click()  # the report again
    assert page.last_import.dialog.isVisible()
    close_dialogs(page)


def test_a_bad_file_lists_every_problem_and_changes_nothing(
    qtbot: Any, sample_window: Any, tmp_path: Path, pick: dict[str, Path]
) -> None:
    context = sample_window.context
    page = sample_window.show_page("nhap-xuat")
    before = totals(context)
    rows = sample_rows()
    rows[1][3] = "abc"  # not a number
    rows[2][4] = "-5"  # negative
    rows[3][3] = str(int(rows[3][4]) + 1)  # online > total
    pick["open"] = write_csv(tmp_path / "sai.csv", rows)

    assert run(qtbot, page, page.import_figures) == "failed"

    dialog = page.problems_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() >= 3
    cells = [
        [dialog.table.item(r, c).text() for c in range(dialog.table.columnCount())]
        for r in range(dialog.table.rowCount())
    ]
    assert any(row[0] == "2" and row[3] == "abc" and rows[1][0] in row[1] for row in cells)
    assert any(row[0] == "3" and row[3] == "-5" for row in cells)
    assert any(row[0] == "4" for row in cells)
    assert "không nhập" in page.status.text().lower()
    assert stored_totals(context.db, context.period.id) == before == totals(context)
    close_dialogs(page)


def test_an_unreadable_file_is_refused_with_a_message(
    qtbot: Any, sample_window: Any, tmp_path: Path, pick: dict[str, Path], monkeypatch: Any
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(page_module, "show_error", lambda _p, message, *_a: shown.append(message))
    page = sample_window.show_page("nhap-xuat")
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"not a zip file")
    pick["open"] = bad
    assert run(qtbot, page, page.import_eid) == "failed"
    assert shown and "hong.xlsx" in shown[0]
    assert page.status.text() == shown[0]


def test_no_file_chosen_does_nothing(sample_window: Any, pick: dict[str, Path]) -> None:
    page = sample_window.show_page("nhap-xuat")
    assert page.import_figures() is None
    assert page.export_template("eid") is None
    assert not page.busy


# --- portal dossier exports ------------------------------------------------------------------

DOSSIER_HEADER = [
    "Mã hồ sơ",
    "Cơ quan tiếp nhận",
    "Hình thức nộp",
    "Tài khoản nộp",
    "Ngày tiếp nhận",
    "Tên thủ tục",
]


def dossier_file(path: Path, per_unit: int = 40) -> Path:
    rows = [["BÁO CÁO HỒ SƠ TIẾP NHẬN"], DOSSIER_HEADER]
    units = [row for row in sample_rows()[1:] if row[2] in ("xa", "thi_tran")]
    number = 0
    for code, name, *_rest in units:
        for i in range(per_unit):
            number += 1
            channel = ("Trực tuyến toàn trình", "Trực tiếp", "Trực tuyến một phần", "Nộp qua Zalo")[
                i % 4
            ]
            rows.append(
                [
                    f"HS-{number:06d}",
                    name,
                    channel,
                    f"tk{code}-{i % 7}",
                    f"{1 + i % 28:02d}/{9 + i % 4:02d}/2023",
                    "Đăng ký khai sinh",
                ]
            )
    rows.append(["HS-X1", "Xã Không Có", "Trực tuyến", "tk", "01/10/2023", "Chứng thực"])
    rows.append(["HS-X2", units[0][1], "Trực tuyến", "tk", "01/10/2022", "Chứng thực"])
    return write_csv(path, rows)


def test_dossier_import_with_the_mapping_dialog(
    qtbot: Any, sample_window: Any, tmp_path: Path, pick: dict[str, Path]
) -> None:
    context = sample_window.context
    page = sample_window.show_page("nhap-xuat")
    pick["open"] = dossier_file(tmp_path / "ho-so.csv")
    page.import_buttons["dossiers"].click()
    dialog = page.mapping_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.mapping() == {
        "unit": "Cơ quan tiếp nhận",
        "channel": "Hình thức nộp",
        "account": "Tài khoản nộp",
        "id": "Mã hồ sơ",
        "date": "Ngày tiếp nhận",
        "procedure": "Tên thủ tục",
    }
    assert dialog.preview.rowCount() == 20
    channels = dialog.channels()
    assert channels["Trực tuyến toàn trình"] and not channels["Trực tiếp"]
    assert channels["Nộp qua Zalo"] is False  # seen in the preview, not online until ticked
    # the officer's corrections: a column left out is refused; Zalo counts as online
    dialog.set_field("id", None)
    assert not dialog.ok_button.isEnabled() and "Mã hồ sơ" in dialog.error_label.text()
    dialog.set_field("id", "Mã hồ sơ")
    assert dialog.ok_button.isEnabled()
    dialog.set_channel("Nộp qua Zalo", True)

    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS) as blocker:
        dialog.ok_button.click()
    assert blocker.args == ["finished"]
    text = page.last_import.dialog.text()
    assert "Bỏ qua 2 dòng" in text
    assert "Xã Không Có" in text
    assert "Tài khoản nộp nhiều hồ sơ nhất" in text
    some = next(r for r in context.ranking.results if r.unit.kind.value == "xa").unit
    assert some.online == 30 and some.total == 40  # 3 of 4 channels online, Zalo included
    assert stored_totals(context.db, context.period.id) == totals(context)
    close_dialogs(page)

    # the mapping and channels are remembered for the campaign
    pick["open"] = dossier_file(tmp_path / "ho-so-2.csv")
    again = page.import_dossiers()
    assert again is not None and again.channels()["Nộp qua Zalo"] is True
    assert not again.replace()
    # Zalo was a mistake: corrected channels, and the stored dossiers replaced
    again.set_channel("Nộp qua Zalo", False)
    again.replace_box.setChecked(True)
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS) as blocker:
        again.ok_button.click()
    assert blocker.args == ["finished"]
    some = next(r.unit for r in context.ranking.results if r.unit.code == some.code)
    assert some.online == 20 and some.total == 40
    close_dialogs(page)


def test_a_cancelled_dossier_import_changes_nothing(
    qtbot: Any, sample_window: Any, tmp_path: Path, pick: dict[str, Path], monkeypatch: Any
) -> None:
    from app.services import dossiers, imports

    context = sample_window.context
    page = sample_window.show_page("nhap-xuat")
    before = totals(context)
    original = dossiers.import_dossiers
    seen: list[int] = []

    def cancelled_while_storing(
        db: Any,
        period_id: int,
        path: Path,
        mapping: Any,
        channels: Any,
        progress: Any,
        cancel: Any,
        replace: bool = False,
    ) -> Any:
        def report(done: int, total: int) -> None:
            seen.append(done)
            if done > imports.PROGRESS_TOTAL * 8 // 10:  # the dossiers are being written
                page.tasks.job.cancel()  # as «Hủy» does (this is the worker thread)
            progress(done, total)

        return original(db, period_id, path, mapping, channels, report, cancel, replace=replace)

    monkeypatch.setattr(dossiers, "import_dossiers", cancelled_while_storing)
    path = dossier_file(tmp_path / "ho-so.csv")
    dialog = page.import_dossiers(path)
    assert dialog is not None
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS) as blocker:
        dialog.accept()
        assert page.busy and page.tasks.isVisible() and page.tasks.cancel_button.isEnabled()
    assert blocker.args == ["cancelled"]
    assert seen and max(seen) > imports.PROGRESS_TOTAL * 8 // 10
    assert "không có gì thay đổi" in page.status.text()
    assert imports.period_dossier_stats(context.db, context.period.id) == {}
    assert stored_totals(context.db, context.period.id) == before
    assert imports.dossier_choices(context.db, context.campaign.id)[0] is None  # not remembered


def test_the_cancel_button_stops_the_job(
    qtbot: Any, sample_window: Any, tmp_path: Path, pick: dict[str, Path], monkeypatch: Any
) -> None:
    """«Hủy» pressed while the work waits: the job ends as cancelled, nothing changed."""
    import threading

    from app.services import figures

    context = sample_window.context
    page = sample_window.show_page("nhap-xuat")
    before = totals(context)
    started = threading.Event()
    original = figures.import_figures

    def slow(db: Any, period_id: int, path: Path, *, progress: Any, mapping: Any) -> Any:
        started.set()
        for step in range(200):
            progress(step, 200)  # raises once «Hủy» is pressed
            threading.Event().wait(0.01)
        return original(db, period_id, path, progress=progress, mapping=mapping)

    monkeypatch.setattr(figures, "import_figures", slow)
    pick["open"] = SAMPLE_FIGURES
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS) as blocker:
        page.import_figures()
        accept_preview(page)
        assert started.wait(10)
        assert page.tasks.progress.isVisible()
        page.tasks.cancel_button.click()
        assert not page.tasks.cancel_button.isEnabled()
    assert blocker.args == ["cancelled"]
    assert stored_totals(context.db, context.period.id) == before


# --- exports ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["unit-figures", "eid", "nominations"])
def test_a_template_is_written_and_opens_in_excel(
    qtbot: Any, sample_window: Any, tmp_path: Path, pick: dict[str, Path], kind: str
) -> None:
    from openpyxl import load_workbook

    page = sample_window.show_page("nhap-xuat")
    page.template_box.setCurrentIndex(page.template_box.findData(kind))
    pick["save"] = tmp_path / f"mau-{kind}.xlsx"
    assert run(qtbot, page, page.template_button.click) == "finished"
    workbook = load_workbook(pick["save"], read_only=True)
    assert workbook.sheetnames
    workbook.close()
    assert str(pick["save"]) in page.status.text()


def test_the_score_table_is_written(
    qtbot: Any, sample_window: Any, tmp_path: Path, pick: dict[str, Path]
) -> None:
    from openpyxl import load_workbook

    page = sample_window.show_page("nhap-xuat")
    pick["save"] = tmp_path / "bang-diem.xlsx"
    assert run(qtbot, page, page.score_button.click) == "finished"
    workbook = load_workbook(pick["save"], read_only=True)
    assert "Bảng điểm" in workbook.sheetnames
    workbook.close()


def test_an_export_refused_by_the_service_shows_its_message(
    qtbot: Any, sample_window: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(page_module, "show_error", lambda _p, message, *_a: shown.append(message))
    page = sample_window.show_page("nhap-xuat")
    missing = tmp_path / "khong-co" / "mau.xlsx"
    assert run(qtbot, page, lambda: page.export_template("eid", missing)) == "failed"
    assert shown and "khong-co" in shown[0]


# --- e-ID figures and nominations ------------------------------------------------------------


def test_eid_figures_are_imported(
    qtbot: Any, sample_window: Any, tmp_path: Path, pick: dict[str, Path]
) -> None:
    context = sample_window.context
    page = sample_window.show_page("nhap-xuat")
    pick["open"] = write_csv(
        tmp_path / "dinh-danh.csv",
        [
            ["Đơn vị", "Số tài khoản định danh mức 2", "Số người dân có CCCD"],
            ["Tân Bình", "15.000", "15.238"],
        ],
    )
    assert run(qtbot, page, page.import_buttons["eid"].click) == "finished"
    unit = next(r.unit for r in context.ranking.results if r.unit.code == "31399")
    assert (unit.eid, unit.citizens, unit.online) == (15000, 15238, 1677)
    assert "của 1 đơn vị" in page.last_import.dialog.text()
    assert "31399" in page.last_import.browser.toPlainText()
    close_dialogs(page)


def test_nominations_over_quota_are_refused_whole(
    qtbot: Any, sample_window: Any, pick: dict[str, Path], tmp_path: Path
) -> None:
    from app.services import nominations

    context = sample_window.context
    page = sample_window.show_page("nhap-xuat")
    before = len(nominations.list_nominations(context.db, context.period.id))
    sample = ROOT / "resources" / "demo" / "sample-nominations-2023.csv"
    lines = sample.read_text(encoding="utf-8-sig").splitlines()  # every quota is full: one more
    pick["open"] = tmp_path / "qua-chi-tieu.csv"
    pick["open"].write_text(
        "\n".join([*lines, "Nguyễn Văn Thừa,Công chức,Thị trấn Cây Dương,,,Nam"]), "utf-8"
    )
    assert run(qtbot, page, page.import_buttons["nominations"].click) == "failed"
    assert page.problems_dialog is not None and page.problems_dialog.table.rowCount() >= 1
    assert "chỉ tiêu" in page.problems_dialog.text()
    assert len(nominations.list_nominations(context.db, context.period.id)) == before
    close_dialogs(page)


def test_nominations_are_imported(
    qtbot: Any, edge_window: Any, tmp_path: Path, pick: dict[str, Path]
) -> None:
    from app.services import nominations

    context = edge_window.context
    page = edge_window.show_page("nhap-xuat")
    pick["open"] = write_csv(
        tmp_path / "de-nghi.csv",
        [["Họ và tên", "Chức vụ", "Đơn vị"], ["Nguyễn Văn Ánh", "Công chức Văn hóa", "Xã A"]],
    )
    assert run(qtbot, page, page.import_buttons["nominations"].click) == "finished"
    dialog = page.nominations_dialog  # read and compared: nothing written before «Nhập»
    assert dialog is not None and dialog.changes() == [("Xã A", "Nguyễn Văn Ánh", "Thêm")]
    assert not nominations.list_nominations(context.db, context.period.id)
    assert run(qtbot, page, dialog.ok_button.click) == "finished"
    added = nominations.list_nominations(context.db, context.period.id)
    assert [(n.full_name, n.unit_code) for n in added] == [("Nguyễn Văn Ánh", "A")]
    assert "thêm 1 người" in page.last_import.dialog.text()
    awards = edge_window.show_page("khen-thuong")
    assert any(n.full_name == "Nguyễn Văn Ánh" for n in awards.nominations)
    close_dialogs(page)


def test_an_unexpected_error_ends_the_job_and_goes_to_the_error_hook(
    qtbot: Any, sample_window: Any, pick: dict[str, Path], monkeypatch: Any
) -> None:
    from app.services import figures

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("hỏng")

    monkeypatch.setattr(figures, "import_figures", broken)
    page = sample_window.show_page("nhap-xuat")
    pick["open"] = SAMPLE_FIGURES
    with qtbot.capture_exceptions() as caught:
        assert run(qtbot, page, page.import_figures) == "failed"
    assert [kind for kind, *_ in caught] == [RuntimeError]  # → the report dialog
    assert not page.busy and page.import_buttons["figures"].isEnabled()


# --- every refusal is a message ----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["figures", "dossiers", "eid", "nominations", "package"])
def test_every_import_refuses_bad_files_with_a_message(
    qtbot: Any, sample_window: Any, tmp_path: Path, monkeypatch: Any, kind: str
) -> None:
    """The bad files of the other tests, through each wizard: a message box or the list of
    problems, never the unexpected-error report; nothing changes."""
    from tests.test_refusals import bad_files

    context = sample_window.context
    page = sample_window.show_page("nhap-xuat")
    before = stored_totals(context.db, context.period.id)
    shown: list[str] = []
    monkeypatch.setattr(page_module, "show_error", lambda _p, message, *_a: shown.append(message))
    start = {
        "figures": page.import_figures,
        "dossiers": page.import_dossiers,
        "eid": page.import_eid,
        "nominations": page.import_nominations,
        "package": page.import_package,
    }[kind]
    for name, path in bad_files(tmp_path / "tep").items():
        shown.clear()
        page.problems_dialog = None
        with qtbot.capture_exceptions() as caught:
            if kind != "package" and name == "unknown columns":
                dialog = start(path)  # the officer is asked for the columns: «Nhập» refused
                assert dialog is not None and not dialog.ok_button.isEnabled(), name
                assert "chưa chọn cột" in dialog.error_label.text()
                dialog.reject()
                continue
            if kind in ("dossiers", "package"):  # read first, on this thread: refused at once
                assert start(path) is None, name
            else:
                assert run(qtbot, page, lambda p=path: start(p)) == "failed", name
        assert caught == [], (name, caught)
        listed = page.problems_dialog is not None and page.problems_dialog.problems
        assert shown or listed, name
        assert all(message.strip() and "Traceback" not in message for message in shown)
        close_dialogs(page)
    assert stored_totals(context.db, context.period.id) == before
