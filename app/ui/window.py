"""The main window: navigation on the left, the pages, a status bar with campaign and period."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.services.records import PeriodInfo
from app.ui.context import AppContext
from app.ui.icons import app_icon
from app.ui.mode import install_mode
from app.ui.pages import DEFAULT_PAGE, PAGES, Page

NAV_WIDTH = 170


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.title_suffix = ""  # the commune's name in commune mode (app.ui.mode)
        self.setWindowIcon(app_icon())

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Các trang")
        self.nav.setFixedWidth(NAV_WIDTH)
        self.nav.setStyleSheet(
            "QListWidget#navigation { font-size: 11pt; }"
            "QListWidget#navigation::item { padding: 8px 6px; }"
        )
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
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setTabOrder(self.nav, self.stack)

        self._build_status_bar()
        context.changed.connect(self._update_status)
        self.show_page(DEFAULT_PAGE)
        self.resize(1280, 800)
        self.mode = install_mode(self)  # commune mode (app/ui/mode.py): the pages it hides

    # --- status bar ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in self.pages.values():
            page.close_down()
        super().closeEvent(event)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
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
        title = f"Thi đua DVCTT — {campaign.name} {campaign.year}"
        self.setWindowTitle(f"{title} — {self.title_suffix}" if self.title_suffix else title)
        self.campaign_label.setText(f"Phong trào: {campaign.name} ({campaign.year})")
        shown = [self.period_box.itemData(i) for i in range(self.period_box.count())]
        if shown != [p.id for p in self.context.periods] or any(
            self.period_box.itemText(i) != self._period_label(p)
            for i, p in enumerate(self.context.periods)
        ):
            self._fill_periods()  # a period was added, renamed or marked final in Cài đặt
        period = self.context.period
        ranking = self.context.ranking
        ties = len(ranking.tie_groups)
        text = (
            f"{period.start_date:%d/%m/%Y} – {period.end_date:%d/%m/%Y} · "
            f"{len(ranking.ordered)} đơn vị xếp hạng"
        )
        if ties:
            text += f" · {ties} nhóm đồng hạng chờ phân định"
        self.ranking_label.setText(text)

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

    # --- pages hidden by the mode (app/ui/mode.py) ---------------------------------------------

    def page_visible(self, slug: str) -> bool:
        return not self.nav.isRowHidden(list(self.pages).index(slug))

    def set_page_visible(self, slug: str, visible: bool) -> None:
        """Show or hide a page in the navigation (and its Ctrl+N); hiding the page on screen shows
        the first visible one."""
        self.nav.setRowHidden(list(self.pages).index(slug), not visible)
        self.page_actions[slug].setEnabled(visible)
        if not visible and self.stack.currentWidget() is self.pages[slug]:
            self.show_page(slug)
