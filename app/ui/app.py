"""Starting the window (the boot sequence after ``main.py`` parsed the arguments).

paths → logging → database (open, migrate, lock; ``--demo`` fills it) → QApplication (Qt's own
texts in Vietnamese) → context → mode → window → (``--screenshot``: render to PNG and exit | event
loop). The exception hook installed by ``main.py`` is replaced, once the window exists, by one that
shows a dialog instead of a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.services.setup import Database

log = logging.getLogger("thidua.ui")

DEMO_FIGURES = ("demo", "sample-units-2023.csv")
DEMO_NOMINATIONS = ("demo", "sample-nominations-2023.csv")


def _fatal(message: str, *, headless: bool) -> int:
    """A problem that stops the program before the window: a message box (or stderr)."""
    log.error("Không khởi động được: %s", message)
    print(message, file=sys.stderr)
    if headless:
        return 1
    from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: PLC0415

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    QMessageBox.critical(None, "Thi đua DVCTT — không mở được dữ liệu", message)
    return 1


def offer_restore(message: str, good: Path) -> bool:
    """Ask whether to restore ``good`` into a database too damaged to open (tests replace this)."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from app.ui.errors import ask  # noqa: PLC0415

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    return ask(
        None,
        "Thi đua DVCTT — dữ liệu bị hỏng",
        f"{message}\n\nKhôi phục bản sao lưu {good.name} ngay bây giờ? (Bản sao lưu được kiểm tra "
        "trước khi thay; không khôi phục thì chương trình đóng lại.)",
    )


def open_with_way_out(path: Path, *, ask: bool) -> Database:
    """Open the database; one too damaged to open is offered its newest good backup (``ask``),
    restored after the backup's checks. Raises the UserError to show otherwise."""
    from app.errors import UserError  # noqa: PLC0415
    from app.services.setup import open_storage  # noqa: PLC0415

    try:
        return open_storage(path)
    except UserError as error:
        good: Path | None = getattr(error, "good_backup", None)
        if good is None or not ask or not offer_restore(str(error), good):
            raise
    from app.services.restore import restore_database  # noqa: PLC0415

    restore_database(path, good)
    return open_storage(path)


def load_demo(db: Database) -> str:
    """``--demo``: the sample figures and nominations into the final period."""
    from app.resources import resource_path  # noqa: PLC0415
    from app.services import campaigns, demo  # noqa: PLC0415

    period = campaigns.find_period(db)
    result = demo.load_demo(
        db, period.id, resource_path(*DEMO_FIGURES), resource_path(*DEMO_NOMINATIONS)
    )
    for line in result.nominations_skipped:
        log.warning("Dữ liệu mẫu: %s", line)
    return (
        f"Dữ liệu mẫu: số liệu {result.figures_changed} đơn vị thay đổi, "
        f"{result.nominations_added} người được đề nghị khen thưởng."
    )


def quiet_offscreen_notes() -> None:
    """Without a window system Qt says what it cannot do ("This plugin does not support
    propagateSizeHints()"); keep that out of the output of ``--screenshot``, pass the rest on."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler  # noqa: PLC0415

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if message.startswith("This plugin does not support"):
            return
        level = logging.WARNING if kind == QtMsgType.QtWarningMsg else logging.INFO
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            level = logging.ERROR
        log.log(level, "Qt: %s", message)
        print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def front_tab(page: object, number: int) -> None:
    """Bring the page's ``number``-th tab, counting the visible ones from 1 as their Alt+digit
    labels do, to the front (``--tab``); a page without tabs, or a number past them, stays as is."""
    from PySide6.QtWidgets import QTabWidget, QWidget  # noqa: PLC0415

    tabs = page.findChild(QTabWidget) if isinstance(page, QWidget) else None
    if tabs is None:
        return
    shown = [index for index in range(tabs.count()) if tabs.isTabVisible(index)]
    if 1 <= number <= len(shown):
        tabs.setCurrentIndex(shown[number - 1])


def save_screenshot(window: object, out: Path) -> bool:
    from PySide6.QtWidgets import QApplication, QWidget  # noqa: PLC0415

    assert isinstance(window, QWidget)
    window.show()
    for _ in range(3):
        QApplication.processEvents()
    out.parent.mkdir(parents=True, exist_ok=True)
    return bool(window.grab().save(str(out), "PNG"))


def run_gui(args: argparse.Namespace) -> int:
    from app.errors import UserError  # noqa: PLC0415
    from app.logs import setup_logging  # noqa: PLC0415
    from app.paths import logs_dir  # noqa: PLC0415
    from app.ui import DEFAULT_PAGE  # noqa: PLC0415

    screenshot: str | None = getattr(args, "screenshot", None)
    headless = screenshot is not None
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.services.connection import storage_target  # noqa: PLC0415

    target, path = storage_target(getattr(args, "db", None))
    log_path = setup_logging(logs_dir(path))

    try:
        if isinstance(target, Path):
            db = open_with_way_out(target, ask=not headless)
        else:  # a server: no file to restore from here
            from app.services.setup import open_storage  # noqa: PLC0415

            db = open_storage(target)
        log.info("Khởi động giao diện, cơ sở dữ liệu %s", db.where)
    except UserError as error:  # locked, newer, not ours, damaged, cannot be read, unreachable
        return _fatal(str(error), headless=headless)
    context = None
    try:
        if getattr(args, "demo", False):
            try:
                log.info(load_demo(db))
            except (UserError, OSError) as error:
                return _fatal(f"Không nạp được dữ liệu mẫu:\n{error}", headless=headless)

        from PySide6.QtWidgets import QApplication  # noqa: PLC0415

        if headless:
            quiet_offscreen_notes()

        from app.ui import collector  # noqa: PLC0415
        from app.ui.context import AppContext  # noqa: PLC0415
        from app.ui.errors import install_gui_excepthook  # noqa: PLC0415
        from app.ui.icons import app_icon  # noqa: PLC0415
        from app.ui.translation import install_vietnamese  # noqa: PLC0415
        from app.ui.window import MainWindow  # noqa: PLC0415

        app = QApplication.instance() or QApplication(sys.argv[:1])
        app.setApplicationName("Thi đua DVCTT")
        collector.install(app)  # garbage collected on this thread only, never on a worker's
        install_vietnamese(app)
        if isinstance(app, QApplication):
            app.setWindowIcon(app_icon())
        try:
            context = AppContext(db)
        except UserError as error:
            return _fatal(str(error), headless=headless)
        from app.ui.mode import startup_mode  # noqa: PLC0415

        startup_mode(context, interactive=not headless)  # first start: district or a commune?
        window = MainWindow(context)
        page = window.show_page(getattr(args, "page", None) or DEFAULT_PAGE)
        if getattr(args, "tab", None):
            front_tab(page, args.tab)
        install_gui_excepthook(lambda: window, None if log_path is None else str(log_path))
        if screenshot is not None:
            from app.ui.geometry import DEFAULT_SIZE  # noqa: PLC0415

            window.resize(*DEFAULT_SIZE)  # the same picture whatever the screen
            if not save_screenshot(window, Path(screenshot)):
                print(f"Không ghi được ảnh {screenshot}", file=sys.stderr)
                return 1
            print(f"Đã lưu ảnh cửa sổ: {screenshot}")
            return 0
        window.show()
        return int(app.exec())
    finally:
        # a restore (Cài đặt) closes the first handle and leaves the context holding a new one
        (db if context is None else context.db).close()
