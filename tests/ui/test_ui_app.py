"""Boot: --screenshot, --demo, --page; database errors; the error dialogs; Qt stays out of commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication, QImage

from app.ui.errors import ErrorReportDialog, error_report, install_gui_excepthook, user_message

ROOT = Path(__file__).resolve().parents[2]


def run_main(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_screenshot_of_a_demo_database(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    db = tmp_path / "demo.sqlite3"
    result = run_main(
        "--db",
        str(db),
        "--demo",
        "--screenshot",
        str(out),
        "--page",
        "khen-thuong",
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 1000 and image.height() >= 600
    assert (tmp_path / "logs" / "thidua.log").exists()
    # --demo twice adds nothing (nominations are loaded only into an empty period).
    again = run_main("--db", str(db), "--demo", "--screenshot", str(out), tmp_path=tmp_path)
    assert again.returncode == 0, again.stderr


def test_unknown_page_is_refused(tmp_path: Path) -> None:
    result = run_main(
        "--page", "khong-co", "--screenshot", str(tmp_path / "x.png"), tmp_path=tmp_path
    )
    assert result.returncode == 2
    assert "khong-co" in result.stderr


def test_locked_database_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    from app.services.setup import open_storage

    path = tmp_path / "locked.sqlite3"
    db = open_storage(path, daily=False)
    try:
        result = run_main(
            "--db", str(path), "--screenshot", str(tmp_path / "x.png"), tmp_path=tmp_path
        )
    finally:
        db.close()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_commands_never_import_qt() -> None:
    code = (
        "import sys, main; main.build_parser().parse_args(['--page', 'so-lieu']);"
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_user_errors_and_the_report_dialog(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.scoring import Problem, ProblemList
    from app.services.errors import QuotaError

    assert (
        user_message(QuotaError("Xã A chỉ được đề nghị 1 cá nhân."))
        == "Xã A chỉ được đề nghị 1 cá nhân."
    )
    assert user_message(ProblemList([Problem("sai", "A")])) == "Đơn vị A: sai"
    assert user_message(KeyError("x")) is None
    try:
        raise RuntimeError("hỏng")
    except RuntimeError as error:
        report = error_report(RuntimeError, error, error.__traceback__)
    assert "RuntimeError: hỏng" in report and "Traceback" in report
    dialog = ErrorReportDialog(report, "/tmp/thidua.log")
    qtbot.addWidget(dialog)
    dialog.copy_report()
    assert QGuiApplication.clipboard().text() == report

    shown: list[str] = []
    monkeypatch.setattr("app.ui.errors.show_error", lambda _p, message, *a: shown.append(message))
    saved = sys.excepthook
    try:
        install_gui_excepthook(lambda: None, None)
        sys.excepthook(QuotaError, QuotaError("vượt chỉ tiêu"), None)
    finally:
        sys.excepthook = saved
    assert shown == ["vượt chỉ tiêu"]


def test_unexpected_error_shows_a_copyable_report(qtbot: Any, caplog: Any) -> None:
    from PySide6.QtWidgets import QApplication

    saved = sys.excepthook
    try:
        install_gui_excepthook(lambda: None, "/tmp/logs/thidua.log")
        try:
            raise ZeroDivisionError("chia cho 0")
        except ZeroDivisionError as error:
            with caplog.at_level("CRITICAL", logger="thidua"):
                sys.excepthook(ZeroDivisionError, error, error.__traceback__)
    finally:
        sys.excepthook = saved
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorReportDialog)]
    assert dialogs and dialogs[-1].isVisible()
    dialog = dialogs[-1]
    assert "ZeroDivisionError: chia cho 0" in dialog.text.toPlainText()
    assert any("Lỗi không lường trước" in r.message for r in caplog.records)
    dialog.close()


def test_keyboard_reaches_the_page_from_the_navigation(qtbot: Any, sample_window: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    window = sample_window
    window.activateWindow()
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)  # Xếp hạng → Khen thưởng
    assert window.current_page.SLUG == "khen-thuong"
    assert window.nav.hasFocus()  # moving in the list keeps the focus there
    qtbot.keyClick(window.nav, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.current_page.first_focus()


def test_tab_option_brings_a_settings_tab_to_the_front(sample_window: Any) -> None:
    # --tab N (as the guide's screenshots use it): the N-th visible tab, as its Alt+N label says
    from app.ui.app import front_tab

    page = sample_window.show_page("cai-dat")
    front_tab(page, 8)
    assert page.tabs.currentWidget() is page.keys_tab
    assert page.tabs.tabText(page.tabs.currentIndex()).startswith("&8 ")
    front_tab(page, 99)  # past the last tab: left as it is
    assert page.tabs.currentWidget() is page.keys_tab
    ranking = sample_window.show_page("xep-hang")
    tabs = ranking.findChild(type(page.tabs))
    shown = [i for i in range(tabs.count()) if tabs.isTabVisible(i)]
    assert len(shown) < tabs.count()  # one period: «Qua các kỳ» hidden, not counted
    front_tab(ranking, 2)
    assert tabs.currentIndex() == shown[1] and tabs.tabText(shown[1]) == "Nộp thay"


def test_the_window_reopens_as_it_was_left_and_fits_a_small_screen(
    qtbot: Any, sample_db: Any
) -> None:
    from PySide6.QtCore import QRect

    from app.ui.context import AppContext
    from app.ui.geometry import fitted_size
    from app.ui.window import MainWindow

    # a 1366 × 768 laptop (task bar 40 px): the first window leaves the title and status bars on
    # the screen; a large screen gets 1280 × 800
    width, height = fitted_size(QRect(0, 0, 1366, 728))
    assert width == 1280 and height <= 728 - 40
    assert fitted_size(QRect(0, 0, 1920, 1040)) == (1280, 800)

    first = MainWindow(AppContext(sample_db))
    qtbot.addWidget(first)
    first.show()
    assert first.height() != 700
    first.resize(first.width(), 700)  # (the test screen is 800 × 800, the window as wide)
    first.close()  # kept beside the database
    again = MainWindow(AppContext(sample_db))
    qtbot.addWidget(again)
    assert again.height() == 700


def test_a_database_on_a_network_share_is_said_on_the_status_bar(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.models import network
    from app.services.setup import open_storage
    from app.ui.context import AppContext
    from app.ui.window import MainWindow

    monkeypatch.setattr(network, "network_place", lambda p, m=None: "ổ mạng Z:")
    window = MainWindow(AppContext(open_storage(tmp_path / "thidua.sqlite3", daily=False)))
    qtbot.addWidget(window)
    window.show()
    assert window.storage_label.isVisible()
    assert "nằm trên ổ mạng Z:" in window.storage_label.text()
    window.context.db.close()
