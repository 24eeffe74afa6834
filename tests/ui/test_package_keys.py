"""Signed packages in the window: Cài đặt → Khóa ký gói (the district makes, shows and writes a
commune's key; the commune types it or loads the file), and the package import showing the
signature and asking before an unsigned package is stored."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.services import audit
from app.ui import errors
from app.ui.mode import Mode, store_mode
from app.ui.pages import import_export as page_module
from app.ui.pages import settings_keys

TAN_BINH = "31399"
TIMEOUT_MS = 120_000


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
    finally:
        conn.close()


def keys_tab(window: Any) -> Any:
    page = window.show_page("cai-dat")
    return page.show_tab(page.keys_tab)


@pytest.fixture
def commune_db(sample_template: Path, tmp_path: Path) -> Iterator[Any]:
    from app.models.files import copy_database
    from app.services.setup import open_storage

    path = tmp_path / "xa" / "thidua.sqlite3"
    copy_database(sample_template, path)
    db = open_storage(path, daily=False)
    try:
        yield db
    finally:
        db.close()


def make_window(qtbot: Any, db: Any) -> Any:
    from app.ui.context import AppContext
    from app.ui.window import MainWindow

    window = MainWindow(AppContext(db))
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_district_makes_shows_and_writes_a_communes_key(
    sample_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import package_keys

    tab = keys_tab(sample_window)
    assert tab.district_part.isVisible() and not tab.commune_part.isVisible()
    tab.select(TAN_BINH)
    assert tab.create_button.text() == "&Tạo khóa" and not tab.code_button.isEnabled()
    made = tab.make_key()
    assert made is not None and made.unit_code == TAN_BINH
    code = package_keys.show_key_code(sample_window.context.db, TAN_BINH)
    assert code in tab.code_label.text() and "Xã Tân Bình" in tab.code_label.text()
    assert "Có khóa" in tab.model.record(tab.table.currentIndex().row()).status
    assert tab.create_button.text() == "Cấp &lại khóa" and tab.file_button.isEnabled()
    target = tmp_path / "khoa.txt"
    monkeypatch.setattr(settings_keys, "choose_key_target", lambda _p, _s: target)
    assert tab.write_file() == target and code in target.read_text(encoding="utf-8")
    # replacing the key is asked first; «Không» changes nothing
    before = dump(sample_window.context.db.path)
    monkeypatch.setattr(errors, "ask", lambda *_a, **_k: False)
    assert tab.make_key() is None
    assert dump(sample_window.context.db.path) == before
    entries = audit.list_audit(sample_window.context.db, action="package.key")
    assert [(e.subject, audit.action_label(e.action)) for e in entries] == [
        (TAN_BINH, "Tạo khóa ký gói")
    ]


def test_a_commune_types_its_key_once(
    qtbot: Any, sample_window: Any, commune_db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from app.services import package_keys

    district = sample_window.context.db
    package_keys.create_key(district, TAN_BINH)
    code = package_keys.show_key_code(district, TAN_BINH)
    store_mode(commune_db.path, Mode(TAN_BINH, "Xã Tân Bình"))
    window = make_window(qtbot, commune_db)
    tab = keys_tab(window)
    assert tab.commune_part.isVisible() and not tab.district_part.isVisible()
    assert "chưa có khóa" in tab.own_status.text()
    before = dump(commune_db.path)
    typo = code[:-1] + ("A" if code[-1] != "A" else "B")
    tab.code_edit.setText(typo)
    assert tab.save_code() is None
    assert "gõ nhầm một ký tự" in tab.message_text and "31399" in tab.message_text
    assert dump(commune_db.path) == before
    tab.code_edit.setText(code.lower())
    assert tab.save_code() is not None
    assert "đã có khóa" in tab.own_status.text() and tab.code_edit.text() == ""
    info = package_keys.key_info(commune_db, TAN_BINH)
    assert info.fingerprint == package_keys.key_info(district, TAN_BINH).fingerprint
    # … or loads the file (another unit's file is refused)
    other = package_keys.create_key(district, "31396")
    wrong = package_keys.export_key_file(district, other.unit_code, tmp_path / "khac.txt")
    monkeypatch.setattr(settings_keys, "choose_key_file", lambda _p, _s: wrong)
    assert tab.load_file() is None and "là khóa của đơn vị 31396" in tab.message_text


def _export(qtbot: Any, db: Any, out: Path) -> Path:
    from app.services import campaigns, exports

    exports.export_package(db, campaigns.find_period(db).id, TAN_BINH, out)
    return out


def test_an_unsigned_package_is_imported_only_when_the_officer_confirms(
    qtbot: Any, sample_window: Any, commune_db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    out = _export(qtbot, commune_db, tmp_path / "goi.xlsx")  # the commune has no key
    page = sample_window.show_page("nhap-xuat")
    db = sample_window.context.db
    before = dump(db.path)
    asked: list[str] = []

    def answer(value: bool) -> Any:
        def ask(_parent: Any, _title: str, question: str) -> bool:
            asked.append(question)
            return value

        return ask

    monkeypatch.setattr(errors, "ask", answer(False))
    dialog = page.import_package(out)
    assert dialog is not None and not dialog.signed
    assert "CẢNH BÁO: gói không có chữ ký" in dialog.signature.text()
    dialog.accept()
    assert asked and "Vẫn nhập gói goi.xlsx của Xã Tân Bình (31399)?" in asked[0]
    assert dump(db.path) == before
    monkeypatch.setattr(errors, "ask", answer(True))
    dialog = page.import_package(out)
    assert dialog is not None
    with qtbot.waitSignal(page.done, timeout=TIMEOUT_MS) as blocker:
        dialog.accept()
    assert blocker.args == ["finished"] and len(asked) == 2
    assert dump(db.path) != before
    assert len(audit.list_audit(db, action="package.import.unsigned")) == 1
    page.last_import.dialog.close()


def test_a_forged_package_is_refused_in_the_window(
    qtbot: Any, sample_window: Any, commune_db: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from openpyxl import load_workbook

    from app.services import package_keys

    district = sample_window.context.db
    package_keys.create_key(district, TAN_BINH)
    package_keys.enter_key(
        commune_db, TAN_BINH, code=package_keys.show_key_code(district, TAN_BINH)
    )
    out = _export(qtbot, commune_db, tmp_path / "goi.xlsx")
    workbook = load_workbook(out)
    workbook["Số liệu"]["B2"].value = "Xã Tân Bình (sửa)"
    workbook.save(out)
    shown: list[str] = []
    monkeypatch.setattr(page_module, "show_error", lambda _p, message, *_a: shown.append(message))
    before = dump(district.path)
    page = sample_window.show_page("nhap-xuat")
    assert page.import_package(out) is None
    assert shown and "đã bị sửa" in shown[0] and "Xã Tân Bình (31399)" in shown[0]
    assert dump(district.path) == before
