"""Fault injection, part 4: the window on a damaged database and when a backup cannot be made.

Damaged: the window opens read-only with a banner saying so and the way out; its button leads to the
backups, the newest good one chosen; restoring it makes the database writable again. A backup that
cannot be made: a warning in the status bar, the window works."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from storage_faults import SAMPLE, overwrite_page, raw_dump

from app.paths import backups_dir
from app.services import backups, campaigns, figures, units
from app.services.setup import open_storage

pytestmark = [
    pytest.mark.usefixtures("restore_thidua_logging"),
    # the offscreen platform says what it cannot do (propagateSizeHints); harmless
    pytest.mark.qt_log_ignore("This plugin does not support"),
]


def _window(qtbot: Any, db: Any) -> Any:
    from app.ui.context import AppContext
    from app.ui.window import MainWindow

    window = MainWindow(AppContext(db))
    qtbot.addWidget(window)
    window.show()
    return window


def test_damaged_database_window_read_only_and_the_way_out(
    qtbot: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui import errors

    monkeypatch.setattr(errors, "ask", lambda *_a, **_k: True)
    with open_storage(db_path, daily=False) as db:
        figures.import_figures(db, campaigns.find_period(db).id, SAMPLE, backup=False)
    older = backups.automatic_backup(db_path, backups.REASON_DAILY)
    overwrite_page(db_path, "audit_entry")
    before = raw_dump(db_path)
    db = open_storage(db_path)
    window = _window(qtbot, db)
    try:
        assert db.read_only
        assert window.damage_banner.isVisibleTo(window)
        assert "Chỉ đọc — cơ sở dữ liệu bị hỏng" in window.damage_label.text()
        assert older.name in window.damage_label.text()
        assert window.storage_label.text() == "⚠ Chỉ đọc: cơ sở dữ liệu bị hỏng"
        assert window.pages["so-lieu"].model.rowCount() > 0  # reading works
        with pytest.raises(Exception, match="bị hỏng"):
            units.add_unit(window.context.db, "N1", "Xã Mới", "xa")
        assert raw_dump(db_path) == before  # nothing written, not even a backup
        assert backups.automatic_backups(db_path) == [older]

        window.damage_button.click()
        tab = window.settings_page.backup_tab
        assert window.current_page is window.settings_page and tab.isVisibleTo(window)
        assert tab.damage_note.isVisibleTo(tab) and older.name in tab.damage_note.text()
        assert tab.selected() is not None and tab.selected().path == older
        assert tab.restore_button.isEnabled()
        tab.restore_button.click()
        assert "Đã khôi phục" in tab.message_text
        assert not window.context.db.read_only
        assert not window.damage_banner.isVisibleTo(window)
        assert not window.storage_label.isVisibleTo(window)
        units.add_unit(window.context.db, "N1", "Xã Mới", "xa")  # writable again
    finally:
        window.close()
        window.context.db.close()


def test_backup_failing_is_a_status_bar_warning(
    qtbot: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.models import StorageAccessError

    def no_room(*_args: object, **_kw: object) -> Path:
        raise StorageAccessError(
            f"Không đọc hoặc ghi được tệp {db_path}.tmp (database or disk is full)."
        )

    monkeypatch.setattr(backups, "automatic_backup", no_room)
    db = open_storage(db_path)
    window = _window(qtbot, db)
    try:
        assert not db.read_only and not window.damage_banner.isVisibleTo(window)
        assert window.storage_label.isVisibleTo(window)
        assert window.storage_label.text().startswith("⚠ Chưa sao lưu được hôm nay")
        assert "disk is full" in window.storage_label.toolTip()
        assert window.pages["so-lieu"].model.rowCount() > 0
    finally:
        window.close()
        db.close()


def test_damage_found_by_the_daily_check_of_an_open_window(
    qtbot: Any, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window left open: the next day's full check finds the damage; the database becomes
    read-only (banner) and no backup of it is made."""
    db = open_storage(db_path)
    window = _window(qtbot, db)
    try:
        assert not window.damage_banner.isVisibleTo(window)
        db.engine.dispose()  # (the window reconnects on its next read)
        overwrite_page(db_path, "audit_entry")
        # as if the day had changed: today's check and backup not made yet
        (backups_dir(db_path) / f"{db_path.name}.trang-thai.json").unlink()
        for path in backups.automatic_backups(db_path):
            path.rename(path.with_name(path.name.replace("-tu-dong-2", "-tu-dong-1", 1)))
        kept = backups.automatic_backups(db_path)
        assert kept
        window.daily_check()
        assert db.read_only and window.damage_banner.isVisibleTo(window)
        assert window.storage_label.text() == "⚠ Chỉ đọc: cơ sở dữ liệu bị hỏng"
        assert backups.automatic_backups(db_path) == kept
    finally:
        window.close()
        window.context.db.close()
