"""The window on a PostgreSQL server: the connection entry of Cài đặt, two officers' windows on
the same data (each sees the other's change; an edit made on figures changed meanwhile is refused
with who changed them, and the table shows the fresh figures)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.services import audit, connection
from app.services.setup import open_storage
from app.ui.context import AppContext
from app.ui.window import MainWindow
from tests.conftest import GOLDEN_DIR
from tests.ui.test_ui_pages import figure_shown

PHUNG_HIEP = "31417"


@pytest.fixture
def sample_server(pg_url: str) -> str:
    from app.services import campaigns, figures

    with open_storage(pg_url, daily=False) as db:
        period = campaigns.find_period(db)
        figures.import_figures(db, period.id, GOLDEN_DIR / "sample-units-2023.csv", backup=False)
    return pg_url


def type_into(page: Any, code: str, field: str, text: str) -> None:
    """What typing into the cell does (two windows: only one has the keyboard)."""
    model = page.model
    model.setData(model.index(model.row_of(code), model.column_of(field)), text)


def window_on(qtbot: Any, url: str) -> Any:
    window = MainWindow(AppContext(open_storage(url, daily=False)))
    qtbot.addWidget(window)
    window.show()
    return window


def test_two_officers_windows_on_one_server(qtbot: Any, sample_server: str) -> None:
    first, second = window_on(qtbot, sample_server), window_on(qtbot, sample_server)
    try:
        assert first.poll_timer.isActive()  # a server: look for the others' changes
        page_a, page_b = first.show_page("so-lieu"), second.show_page("so-lieu")
        assert figure_shown(page_b, PHUNG_HIEP, "Hồ sơ trực tuyến") == "1.574"
        assert not second.poll_changes()  # nothing changed yet
        type_into(page_a, PHUNG_HIEP, "online", "2.000")
        assert page_a.refusal == ""
        # the second officer had not looked again: the edit is refused, the table refreshed
        type_into(page_b, PHUNG_HIEP, "online", "1.800")
        assert "Không lưu số liệu của Xã Phụng Hiệp (31417)" in page_b.refusal
        assert "tài khoản «thidua_admin» đã thay đổi" in page_b.refusal
        assert figure_shown(page_b, PHUNG_HIEP, "Hồ sơ trực tuyến") == "2.000"
        # now made on the fresh figures, the edit is stored; the first window sees it by polling
        type_into(page_b, PHUNG_HIEP, "online", "1.800")
        assert page_b.refusal == ""
        assert first.poll_changes()
        assert figure_shown(page_a, PHUNG_HIEP, "Hồ sơ trực tuyến") == "1.800"
        assert "cán bộ khác thay đổi" in first.statusBar().currentMessage()
        edits = [e for e in audit.list_audit(first.context.db) if e.action == "figures.edit"]
        assert [e.new["online"] for e in edits] == [1800, 2000]  # nothing lost
        from app.ui.pages.settings_audit import entry_text

        assert "tài khoản «thidua_admin»" in entry_text(edits[0])
    finally:
        first.context.db.close()
        second.context.db.close()


def test_the_connection_entry_checks_and_remembers_the_server(
    qtbot: Any,
    sample_server: str,
    sample_window: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert not sample_window.poll_timer.isActive()  # a file on this PC: nobody else changes it
    page = sample_window.show_page("cai-dat")
    tab = page.show_tab(page.server_tab)
    assert "Đang dùng tệp trên máy này" in tab.where.text()
    tab.url.setText("C:/du-lieu/thidua.sqlite3")
    assert not tab.save() and "không phải địa chỉ máy chủ PostgreSQL" in tab.message_text
    tab.url.setText(sample_server.replace("thidua_test", "khong_co"))
    assert not tab.check() and "Không kết nối được máy chủ" in tab.message_text
    assert connection.remembered_server() is None
    tab.url.setText(sample_server)
    assert tab.save() and "Lần mở sau chương trình dùng máy chủ" in tab.message_text
    assert connection.remembered_server() == sample_server
    # the next start (no --db) opens the server
    target, local = connection.storage_target(None)
    assert target == sample_server and local.parent.parent.name == "may-chu"
    assert connection.storage_target(str(tmp_path / "x.sqlite3"))[0] == tmp_path / "x.sqlite3"
    tab.use_local()
    assert connection.remembered_server() is None and tab.url.text() == ""


def test_a_server_out_of_reach_is_said_on_the_status_bar(
    qtbot: Any, pg_cluster: Any, pg_url: str
) -> None:
    from sqlalchemy import make_url

    from tests.conftest import pg_admin

    window = window_on(qtbot, pg_url)
    try:
        assert not window.poll_changes()
        name = make_url(pg_url).database
        pg_admin(pg_cluster, f"DROP DATABASE {name} WITH (FORCE)")
        assert not window.poll_changes()  # no unexpected-error report every few seconds
        assert "Mất kết nối máy chủ" in window.statusBar().currentMessage()
        window.close()
        assert not window.poll_timer.isActive()
    finally:
        window.context.db.close()
