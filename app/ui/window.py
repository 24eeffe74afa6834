"""The main window: a menu bar (Tệp, Trợ giúp), navigation on the left, the pages, a status bar
with campaign and period."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.errors import UserError
from app.resources import guide_path
from app.services.backups import daily_care
from app.services.ranking import has_figures
from app.services.records import PeriodInfo
from app.ui import style
from app.ui.context import AppContext, Mode
from app.ui.dialogs.guide import GuideDialog
from app.ui.errors import CLOSE_TEXT
from app.ui.geometry import place_window, remember_window
from app.ui.icons import app_icon
from app.ui.mode import DISTRICT_PAGES, current_mode
from app.ui.pages import DEFAULT_PAGE, PAGES, Page
from app.ui.pages.settings import SettingsPage

NAV_WIDTH = 170
DAILY_CHECK_MS = 60 * 60 * 1000  # once an hour: does the day need its check and backup?
PROGRAM = "Thi đua DVCTT"


POLL_MS = 5000  # how often the window looks for other officers' changes on a server


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.title_suffix = ""  # the commune's name in commune mode
        self.setWindowIcon(app_icon())

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Các trang")
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setStyleSheet(style.NAVIGATION)
        self.stack = QStackedWidget()
        self.pages: dict[str, Page] = {}
        self.page_actions: dict[str, QAction] = {}  # Ctrl+N per page (off for hidden pages)
        for number, page_class in enumerate(PAGES, start=1):
            page = page_class(context)
            self.pages[page.SLUG] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(page.TITLE)
            item.setToolTip(f"{page.TITLE} (Ctrl+{number})")
            item.setData(Qt.ItemDataRole.UserRole, page.SLUG)
            self.nav.addItem(item)
            action = QAction(page.TITLE, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, slug=page.SLUG: self.show_page(slug))
            self.addAction(action)
            self.page_actions[page.SLUG] = action
        self.nav.currentRowChanged.connect(self._row_changed)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._build_damage_banner())
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)
        self.setTabOrder(self.nav, self.stack)

        self._build_menus()
        self._build_status_bar()
        self.guide: GuideDialog | None = None
        # a window left open for days still gets the daily full check and backup
        self.daily_timer = QTimer(self)
        self.daily_timer.setInterval(DAILY_CHECK_MS)
        self.daily_timer.timeout.connect(self.daily_check)
        self.daily_timer.start()
        # On a server several officers change the data: look at its audit log now and then.
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll_changes)
        if context.db.server:
            self.poll_timer.start()
        context.changed.connect(self._update_status)
        context.mode_changed.connect(self._mode_changed)
        self.show_page(DEFAULT_PAGE)
        place_window(self, context.db.path)  # as left last time, else fitted to the screen
        context.set_mode(current_mode(context))  # the mode stored for this database

    # --- menus ---------------------------------------------------------------------------------

    def _action(self, text: str, slot: object, shortcut: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        assert callable(slot)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("Tệ&p")
        self.backup_action = self._action("&Sao lưu dữ liệu…", self.backup)
        self.restore_action = self._action("&Khôi phục từ bản sao lưu…", self.restore)
        self.quit_action = self._action("&Thoát", self.close, "Ctrl+Q")
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        help_menu = bar.addMenu("Trợ g&iúp")
        self.guide_action = self._action("&Hướng dẫn sử dụng", self.open_guide, "F1")
        self.guide_action.setData(str(guide_path()))
        self.about_action = self._action("&Giới thiệu", self.show_about)
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.about_action)
        self.menus = {"tep": file_menu, "tro-giup": help_menu}

    @property
    def settings_page(self) -> SettingsPage:
        page = self.pages["cai-dat"]
        assert isinstance(page, SettingsPage)
        return page

    def backup(self) -> Path | None:
        """Tệp → Sao lưu: Cài đặt → Sao lưu / khôi phục, then the backup (it says where)."""
        self.show_page("cai-dat")
        settings = self.settings_page
        settings.show_tab(settings.backup_tab)
        return settings.backup_tab.backup_now()

    def restore(self) -> bool:
        """Tệp → Khôi phục: from a backup file chosen by the officer (asked before replacing)."""
        self.show_page("cai-dat")
        settings = self.settings_page
        settings.show_tab(settings.backup_tab)
        return settings.backup_tab.restore_from_file()

    def open_guide(self) -> GuideDialog:
        """Trợ giúp → Hướng dẫn sử dụng: the guide bundled with the program, in its own window."""
        if self.guide is None:
            self.guide = GuideDialog(Path(str(self.guide_action.data())), self)
        self.guide.show()
        self.guide.raise_()
        return self.guide

    def about_text(self) -> str:
        db = self.context.db.path
        return (
            f"<b>{PROGRAM}</b> — phiên bản {__version__}<br>"
            "Chấm điểm, xếp hạng và lập hồ sơ khen thưởng phong trào thi đua «Người dân Phụng "
            "Hiệp nộp dịch vụ công trực tuyến».<br><br>"
            f"Dữ liệu đang dùng: {db}<br>"
            f"Thư mục dữ liệu (bản sao lưu trong «backups», nhật ký trong «logs»): {db.parent}<br>"
            f"Chế độ sử dụng: {self.context.mode.label}"
        )

    def show_about(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            f"Giới thiệu {PROGRAM}",
            self.about_text(),
            QMessageBox.StandardButton.Close,
            self,
        )
        box.button(QMessageBox.StandardButton.Close).setText(CLOSE_TEXT)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def poll_changes(self) -> bool:
        """Read the data again when another officer changed it (a server only); a server out of
        reach is said on the status bar, and tried again at the next tick."""
        try:
            changed = self.context.poll_changes()
        except UserError as error:
            self.statusBar().showMessage(str(error), POLL_MS * 2)
            return False
        if not changed:
            return False
        self.statusBar().showMessage(
            "Dữ liệu vừa được cán bộ khác thay đổi trên máy chủ: đã cập nhật.", 10_000
        )
        return True

    # --- a damaged database: read-only, the way out ---------------------------------------------

    def _build_damage_banner(self) -> QWidget:
        """Shown while the database is damaged (open read-only): what is wrong, and the button
        to the backups to restore from."""
        self.damage_banner = QWidget()
        self.damage_banner.setObjectName("damageBanner")
        self.damage_banner.setStyleSheet(style.DAMAGE_BANNER)
        row = QHBoxLayout(self.damage_banner)
        self.damage_label = QLabel()
        self.damage_label.setWordWrap(True)
        self.damage_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.damage_label.setAccessibleName("Cơ sở dữ liệu bị hỏng")
        self.damage_button = QPushButton("&Khôi phục bản sao lưu…")
        self.damage_button.clicked.connect(lambda _checked=False: self.show_backups())
        row.addWidget(self.damage_label, 1)
        row.addWidget(self.damage_button)
        return self.damage_banner

    def daily_check(self) -> None:
        """The day's full check and backup when not done yet; damage found makes the database
        read-only (the banner), a backup that cannot be made is a warning."""
        db = self.context.db
        was = db.read_only
        daily_care(db)
        self._update_storage_state()
        if db.read_only and not was:
            self.context.refresh()

    def show_backups(self) -> None:
        """Cài đặt → Sao lưu / khôi phục, where the backups to restore from are listed."""
        self.show_page("cai-dat")
        settings = self.settings_page
        settings.show_tab(settings.backup_tab)

    def _update_storage_state(self) -> None:
        db = self.context.db
        read_only = db.read_only
        self.damage_banner.setVisible(read_only)
        self.damage_label.setText(
            f"<b>Chỉ đọc — cơ sở dữ liệu bị hỏng.</b> {db.damage_message}" if read_only else ""
        )
        notes = (["Chỉ đọc: cơ sở dữ liệu bị hỏng"] if read_only else []) + list(db.warnings)
        self.storage_label.setVisible(bool(notes))
        self.storage_label.setText("⚠ " + notes[0] if notes else "")
        self.storage_label.setToolTip("\n".join([db.damage_message, *db.warnings]).strip())

    # --- status bar ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        remember_window(self, self.context.db.path)
        self.poll_timer.stop()
        for page in self.pages.values():
            page.close_down()
        super().closeEvent(event)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.storage_label = QLabel()
        self.storage_label.setObjectName("storageWarning")
        self.storage_label.setStyleSheet(style.STORAGE_WARNING)
        bar.addWidget(self.storage_label)
        campaign = self.context.campaign
        self.campaign_label = QLabel(f"Phong trào: {campaign.name} ({campaign.year})")
        bar.addWidget(self.campaign_label, 1)
        self.period_label = QLabel("&Kỳ số liệu:")
        self.period_box = QComboBox()
        self.period_box.setAccessibleName("Kỳ số liệu")
        self.period_label.setBuddy(self.period_box)
        self._fill_periods()
        self.period_box.currentIndexChanged.connect(self._period_chosen)
        bar.addPermanentWidget(self.period_label)
        bar.addPermanentWidget(self.period_box)
        self.ranking_label = QLabel()
        bar.addPermanentWidget(self.ranking_label)
        self._update_status()

    def _fill_periods(self) -> None:
        self.period_box.blockSignals(True)
        self.period_box.clear()
        for period in self.context.periods:
            self.period_box.addItem(self._period_label(period), period.id)
        self.period_box.setCurrentIndex(self.period_box.findData(self.context.period.id))
        self.period_box.setEnabled(len(self.context.periods) > 1)
        self.period_box.blockSignals(False)

    @staticmethod
    def _period_label(period: PeriodInfo) -> str:
        return period.name + (" (tổng kết)" if period.is_final else "")

    def _period_chosen(self, index: int) -> None:
        period_id = self.period_box.itemData(index)
        if period_id is not None:
            self.context.set_period(int(period_id))

    def _update_status(self) -> None:
        campaign = self.context.campaign
        title = f"{PROGRAM} — {campaign.name} {campaign.year}"
        self.setWindowTitle(f"{title} — {self.title_suffix}" if self.title_suffix else title)
        self.campaign_label.setText(f"Phong trào: {campaign.name} ({campaign.year})")
        shown = [self.period_box.itemData(i) for i in range(self.period_box.count())]
        if shown != [p.id for p in self.context.periods] or any(
            self.period_box.itemText(i) != self._period_label(p)
            for i, p in enumerate(self.context.periods)
        ):
            self._fill_periods()  # a period was added, renamed or marked final in Cài đặt
        self.ranking_label.setText(self.ranking_text())
        self._update_storage_state()

    def ranking_text(self) -> str:
        """Dates, then how many units are ranked and the ties: only a tie that changes a tier
        waits for the council; a period without figures says so."""
        period = self.context.period
        ranking = self.context.ranking
        text = f"{period.start_date:%d/%m/%Y} – {period.end_date:%d/%m/%Y} · "
        if not has_figures(ranking):
            return text + "Chưa có số liệu"
        text += f"{len(ranking.ordered)} đơn vị xếp hạng"
        pending = sum(1 for g in ranking.tie_groups if g.pending)
        level = len(ranking.tie_groups) - pending
        if pending:
            text += f" · {pending} nhóm đồng hạng chờ phân định"
        if level:
            text += f" · {level} nhóm đồng hạng"
        return text

    # --- pages ---------------------------------------------------------------------------------

    def show_page(self, slug: str) -> Page:
        if not self.page_visible(slug):  # hidden in commune mode: the first page shown instead
            slug = next(s for s in self.pages if self.page_visible(s))
        page = self.pages[slug]
        row = list(self.pages).index(slug)
        if self.nav.currentRow() != row:
            self.nav.setCurrentRow(row)  # → _row_changed
        else:
            self._row_changed(row)
        return page

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        page = self.stack.widget(row)
        self.stack.setCurrentIndex(row)
        if isinstance(page, Page):
            page.refresh_if_stale()
            self.setTabOrder(self.nav, page.first_focus())
            if not self.nav.hasFocus():
                page.first_focus().setFocus()

    @property
    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    # --- the mode: the district's pages hidden in commune mode ---------------------------------

    def _mode_changed(self, mode: object) -> None:
        assert isinstance(mode, Mode)
        for slug in DISTRICT_PAGES:
            self.set_page_visible(slug, mode.is_district)
        self.title_suffix = "" if mode.is_district else mode.label
        self.ranking_label.setVisible(mode.is_district)

    def page_visible(self, slug: str) -> bool:
        return not self.nav.isRowHidden(list(self.pages).index(slug))

    def set_page_visible(self, slug: str, visible: bool) -> None:
        """Show or hide a page in the navigation (and its Ctrl+N); hiding the page on screen shows
        the first visible one."""
        self.nav.setRowHidden(list(self.pages).index(slug), not visible)
        self.page_actions[slug].setEnabled(visible)
        if not visible and self.stack.currentWidget() is self.pages[slug]:
            self.show_page(slug)
