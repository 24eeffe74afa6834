"""Charts drawn with QPainter (no QtCharts needed): totals as bars, totals over periods as lines."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.ui.style import BAR_COLOUR, SELECTED_COLOUR, TEXT, TIER_COLOURS


@dataclass(frozen=True, slots=True)
class Bar:
    key: str
    label: str
    value: float
    text: str  # the value as shown ("98,70")
    tier: str | None = None


class BarChart(QWidget):
    """Horizontal bars, one per unit, in the order given; tier colours; the selected one outlined."""

    ROW = 20
    LIMIT = 40  # more units than this: the first LIMIT are drawn

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.maximum = 100.0
        self.selected: str | None = None
        self.title = "Tổng điểm"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Biểu đồ tổng điểm")

    def set_bars(self, bars: Sequence[Bar], maximum: float) -> None:
        self.bars = list(bars)
        self.maximum = maximum or 1.0
        self.updateGeometry()
        self.update()

    def set_selected(self, key: str | None) -> None:
        self.selected = key
        self.update()

    def shown(self) -> list[Bar]:
        return self.bars[: self.LIMIT]

    def sizeHint(self) -> QSize:
        return QSize(420, 34 + self.ROW * max(1, len(self.shown())) + 20)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 120)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = QFontMetrics(self.font())
        bars = self.shown()
        painter.setPen(QColor(TEXT))
        title = self.title
        if len(self.bars) > len(bars):
            title += f" ({len(bars)} đơn vị đầu trong {len(self.bars)})"
        painter.drawText(QRectF(8, 4, self.width() - 16, 22), Qt.AlignmentFlag.AlignLeft, title)
        if not bars:
            painter.end()
            return
        row = min(self.ROW, max(10, (self.height() - 34) // len(bars)))
        if metrics.height() > row:  # many bars in little height: smaller text, never overlapping
            small = QFont(self.font())
            small.setPixelSize(max(8, row - 2))
            painter.setFont(small)
            metrics = QFontMetrics(small)
        label_width = min(
            max(metrics.horizontalAdvance(b.label) for b in bars) + 12, self.width() // 3
        )
        value_width = metrics.horizontalAdvance("100,00") + 12
        left = 8 + label_width
        span = max(10.0, self.width() - left - value_width - 8)
        for index, bar in enumerate(bars):
            top = 30 + index * row
            painter.setPen(QColor(TEXT))
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(
                QRectF(8, top, label_width - 8, row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            width = span * max(0.0, bar.value) / self.maximum
            colour = QColor(TIER_COLOURS.get(bar.tier or "", BAR_COLOUR))
            rect = QRectF(left, top + 3, width, row - 6)
            painter.setPen(
                QPen(QColor(SELECTED_COLOUR), 2) if bar.key == self.selected else Qt.PenStyle.NoPen
            )
            painter.setBrush(colour)
            painter.drawRect(rect)
            painter.setPen(QColor(TEXT))
            painter.drawText(
                QRectF(left + width + 4, top, value_width, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bar.text,
            )
        painter.end()


@dataclass(frozen=True, slots=True)
class Series:
    key: str
    label: str
    values: tuple[float | None, ...]  # one per period (None: no figures)


class ProgressChart(QWidget):
    """Totals of each unit over the periods: every unit in grey, the selected one in colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.periods: list[str] = []
        self.series: list[Series] = []
        self.maximum = 100.0
        self.selected: str | None = None
        self.setMinimumHeight(180)
        self.setAccessibleName("Biểu đồ tiến độ qua các kỳ")

    def set_data(self, periods: Sequence[str], series: Sequence[Series], maximum: float) -> None:
        self.periods = list(periods)
        self.series = list(series)
        self.maximum = maximum or 1.0
        self.update()

    def set_selected(self, key: str | None) -> None:
        self.selected = key
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 220)

    def _point(self, plot: QRectF, index: int, value: float) -> QPointF:
        step = plot.width() / max(1, len(self.periods) - 1)
        return QPointF(
            plot.left() + index * step, plot.bottom() - plot.height() * value / self.maximum
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QColor(TEXT))
        selected = next((s for s in self.series if s.key == self.selected), None)
        title = "Tổng điểm qua các kỳ" + (f" — {selected.label}" if selected else "")
        painter.drawText(QRectF(8, 4, self.width() - 16, 20), Qt.AlignmentFlag.AlignLeft, title)
        plot = QRectF(90, 30, max(10, self.width() - 180), max(10, self.height() - 60))
        for fraction in (0.0, 0.5, 1.0):
            y = plot.bottom() - plot.height() * fraction
            painter.setPen(QColor("#cccccc"))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#555555"))
            painter.drawText(
                QRectF(plot.left() - 40, y - 8, 36, 16),
                Qt.AlignmentFlag.AlignRight,
                f"{self.maximum * fraction:.0f}",
            )
        metrics = QFontMetrics(self.font())
        for index, name in enumerate(self.periods):
            point = self._point(plot, index, 0)
            text = metrics.elidedText(name, Qt.TextElideMode.ElideRight, 160)
            painter.setPen(QColor(TEXT))
            painter.drawText(
                QRectF(point.x() - 80, plot.bottom() + 4, 160, 18),
                Qt.AlignmentFlag.AlignCenter,
                text,
            )
        ordered = [s for s in self.series if s is not selected] + ([selected] if selected else [])
        for series in ordered:
            highlight = series is selected
            painter.setPen(
                QPen(QColor(SELECTED_COLOUR if highlight else "#c5c5c5"), 3 if highlight else 1)
            )
            points = [self._point(plot, i, v) for i, v in enumerate(series.values) if v is not None]
            for first, second in itertools.pairwise(points):
                painter.drawLine(first, second)
            if highlight:
                painter.setBrush(QColor(SELECTED_COLOUR))
                for point in points:
                    painter.drawEllipse(point, 4, 4)
        painter.end()
