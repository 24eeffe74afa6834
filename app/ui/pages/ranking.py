"""Xếp hạng: the ranking, each unit's explanation and what it takes, charts, and unresolved ties."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.scoring import Ranking, TieGroup, explain, what_it_takes
from app.scoring.numbers import format_decimal
from app.services import ranking as ranking_service
from app.services.ranking import has_figures
from app.ui import style
from app.ui.context import AppContext
from app.ui.dialogs.tie_dialog import TieDialog
from app.ui.models.base import KEY_ROLE, SORT_ROLE
from app.ui.models.ranking_model import RankingTableModel
from app.ui.pages.base import Page
from app.ui.widgets.charts import Bar, BarChart, ProgressChart, Series
from app.ui.widgets.proxy_panel import ProxyPanel
from app.ui.widgets.table_view import TableView

NAMES_SHOWN = 6  # a larger tie group is named by its first units and a count
TABLE_SHARE = 0.7  # at most this share of the page's height for the table; the rest explains


def tie_text(group: TieGroup, ranking: Ranking) -> str:
    names = ", ".join(ranking.result(c).unit.name for c in group.codes[:NAMES_SHOWN])
    reason = group.reason
    if len(group.codes) > NAMES_SHOWN:
        names += f" và {len(group.codes) - NAMES_SHOWN} đơn vị khác"
        reason = reason.split(":")[0]
    state = (
        "chưa xác định được giải, tiền thưởng và chỉ tiêu cá nhân"
        if group.pending
        else "cùng hạng giải"
    )
    return (
        f"Đồng hạng {group.rank} ({format_decimal(group.total, ranking.rules.points_places)} điểm): "
        f"{names} — {reason}; {state}."
    )


class RankingPage(Page):
    SLUG = "xep-hang"
    TITLE = "Xếp hạng"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.banner = QFrame()
        self.banner.setObjectName("tie-banner")
        banner_layout = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.settle_button = QPushButton("&Giải quyết đồng hạng…")
        self.settle_button.clicked.connect(self.settle_first_tie)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.settle_button)
        self.body.addWidget(self.banner)

        self.model = RankingTableModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setDynamicSortFilter(True)
        self.table = TableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Bảng xếp hạng")
        self.table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(TableView.SelectionMode.SingleSelection)
        # Rows come in rank order; a click on a header sorts by that column.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        self.details = QTextBrowser()
        self.details.setAccessibleName("Giải thích điểm và điều kiện để tiến bộ")
        self.details.setOpenLinks(False)
        self.bar_chart = BarChart()
        self.progress_chart = ProgressChart()

        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_label = QLabel("Giải thích (chọn một đơn vị trong bảng):")
        details_layout.addWidget(details_label)
        details_layout.addWidget(self.details, 1)
        self.charts = QTabWidget()
        self.charts.addTab(self.bar_chart, "Tổng điểm")
        self.charts.addTab(self.progress_chart, "Qua các kỳ")
        self.proxy_panel = ProxyPanel(context)
        self.charts.addTab(self.proxy_panel, "Nộp thay")
        self.charts.currentChanged.connect(lambda _index: self._show_details())

        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.addWidget(details)
        bottom.addWidget(self.charts)
        bottom.setStretchFactor(0, 2)
        bottom.setStretchFactor(1, 3)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(bottom)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.body.addWidget(self.splitter, 1)
        self.total_label = QLabel()
        self.body.addWidget(self.total_label)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.dialog: TieDialog | None = None
        self.refresh()
        self.table.fit_columns()  # «Ghi chú», last, takes the width left (its text as a tooltip)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.fit_table_height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_table_height()

    def fit_table_height(self) -> None:
        """Give the table the height its rows need (up to ``TABLE_SHARE`` of the splitter), the
        rest to the explanation and the charts."""
        total = sum(self.splitter.sizes())
        if total <= 0:
            return
        wanted = min(self.table.content_height(), int(total * TABLE_SHARE))
        self.splitter.setSizes([wanted, total - wanted])

    def first_focus(self) -> QWidget:
        return self.table

    @property
    def ranking(self) -> Ranking:
        return self.context.ranking

    def refresh(self) -> None:
        ranking = self.ranking
        code = self.selected_code()
        self.model.set_ranking(ranking)
        self.proxy_panel.invalidate()
        if code is not None and code != self.selected_code():
            self.select(code)  # the rows were reordered: keep the same unit selected
        self._update_banner(ranking)
        figures = has_figures(ranking)
        bars = [
            Bar(
                r.unit.code,
                r.unit.name,
                float(r.total or 0),
                format_decimal(r.total or 0, ranking.rules.points_places),
                r.tier if figures else None,
            )
            for r in ranking.ordered
        ]
        self.bar_chart.set_bars(bars, float(ranking.rules.max_total))
        self._update_progress()
        self._show_details()
        stale = ranking.stale_settlements
        note = (
            f" Có {len(stale)} quyết định phân định đồng hạng không còn áp dụng được vì số liệu đã "
            "thay đổi."
            if stale
            else ""
        )
        self.total_label.setText(
            f"{len(ranking.ordered)} đơn vị được xếp hạng. Lần tính gần nhất: "
            f"{self.context.last_recalc_ms:.0f} ms.{note}"
        )

    def _update_banner(self, ranking: Ranking) -> None:
        """Only a tie that changes a tier waits for the council (orange, with «Giải quyết»); a
        tie inside one tier is «Đồng hạng» in the table and nothing more; a period without
        figures says where to enter them."""
        pending = [g for g in ranking.tie_groups if g.pending]
        empty = not has_figures(ranking)
        self.banner.setVisible(bool(pending) or empty)
        self.settle_button.setVisible(bool(pending) and not empty)
        if empty:
            style.box(self.banner, "empty")
            style.set_tone(self.banner_text, style.PLAIN, bold=True)
            self.banner_text.setText(
                f"Kỳ «{self.context.period.name}» chưa có số liệu: hãy nhập ở trang Số liệu "
                "(Ctrl+2) hoặc Nhập / Xuất (Ctrl+5)."
            )
        elif pending:
            style.box(self.banner, "tie")
            self.banner_text.setStyleSheet(f"color: {style.WARNING_DARK}; font-weight: bold;")
            lines = [tie_text(g, ranking) for g in pending]
            self.banner_text.setText(
                "Có đồng hạng chưa được phân định — cần Hội đồng Thi đua - Khen thưởng quyết định:\n"
                + "\n".join(lines)
            )

    def _update_progress(self) -> None:
        periods = self.context.periods
        self.charts.setTabVisible(1, len(periods) > 1)
        if len(periods) < 2:
            return
        rankings = self.context.period_rankings()
        units = [r.unit for r in self.ranking.results if r.scored]
        series = []
        for unit in units:
            values = tuple(
                float(found.result(unit.code).total or 0)
                if unit.code in found and found.result(unit.code).scored
                else None
                for _, found in rankings
            )
            series.append(Series(unit.code, unit.name, values))
        self.progress_chart.set_data(
            [p.name for p, _ in rankings], series, float(self.ranking.rules.max_total)
        )

    def selected_code(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        code = self.proxy.index(index.row(), 0).data(KEY_ROLE)
        return None if code is None else str(code)

    def select(self, code: str) -> None:
        row = self.model.row_of(code)
        if row is not None:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_details()

    def _show_details(self) -> None:
        code = self.selected_code()
        self.bar_chart.set_selected(code)
        self.progress_chart.set_selected(code)
        if self.charts.currentWidget() is self.proxy_panel:
            self.proxy_panel.set_unit(code)  # read only when shown: never slows the ranking
        ranking = self.ranking
        if code is None or code not in ranking:
            self.details.setPlainText("")
            return
        result = ranking.result(code)
        lines = [f"<h3>{result.unit.name}</h3>", "<ul>"]
        lines += [f"<li>{sentence}</li>" for sentence in explain(result, ranking)]
        lines.append("</ul>")
        wanted = what_it_takes(result, ranking).sentences
        if wanted:
            lines.append("<p><b>Để tiến bộ:</b></p><ul>")
            lines += [f"<li>{sentence}</li>" for sentence in wanted]
            lines.append("</ul>")
        self.details.setHtml("".join(lines))

    # --- ties ----------------------------------------------------------------------------------

    def settle_first_tie(self) -> TieDialog | None:
        groups = [g for g in self.ranking.tie_groups if g.pending]
        if not groups:
            return None
        code = self.selected_code()
        group = next((g for g in groups if code in g.codes), groups[0])
        return self.open_tie_dialog(group)

    def open_tie_dialog(self, group: TieGroup) -> TieDialog:
        ranking = self.ranking
        units = [(c, ranking.result(c).unit.name) for c in group.codes]

        def saver(order: list[str], reason: str) -> object:
            return ranking_service.settle_tie(
                self.context.db, self.context.period.id, order, reason
            )

        dialog = TieDialog(units, tie_text(group, ranking), saver, self)
        dialog.accepted.connect(self.context.refresh)
        self.dialog = dialog
        dialog.open()
        return dialog
