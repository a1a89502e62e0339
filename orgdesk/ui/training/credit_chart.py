"""Charts for the credit account, drawn with QPainter (PySide6-Essentials has no QtCharts).

`CreditHistogram`: how many cadres earned how many credits, bars short of the
requirement in red, the requirement as a dashed line.  `SectionBars`: each
section's average against the requirement.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from orgdesk.domain.credits import HistogramBin, credit_histogram
from orgdesk.services.credits import SectionCredits

SHORT = QColor("#e57373")
MET = QColor("#66bb6a")
AXIS = QColor("#555555")
GRID = QColor("#e0e0e0")


def nice_step(top: float, ticks: int = 5) -> float:
    raw = max(top, 1) / ticks
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if step >= raw:
            return float(step)
    return float(int(raw) + 1)


class _Chart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(520, 320)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.title = ""

    def _begin(self) -> QPainter:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        font = QFont(self.font())
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("#222"))
        p.drawText(QRectF(0, 6, self.width(), 28), Qt.AlignmentFlag.AlignCenter, self.title)
        p.setFont(self.font())
        return p

    @staticmethod
    def _legend(p: QPainter, x: float, y: float, items: Sequence[tuple[QColor, str]]) -> None:
        for color, text in items:
            p.fillRect(QRectF(x, y - 9, 12, 12), color)
            p.setPen(AXIS)
            p.drawText(QPointF(x + 16, y + 2), text)
            x += 24 + p.fontMetrics().horizontalAdvance(text)


class CreditHistogram(_Chart):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bins: list[HistogramBin] = []
        self.required = 0.0
        self.people = 0

    def set_data(self, year: int, values: Sequence[float], required: float) -> None:
        self.bins = credit_histogram(values, required)
        self.required = required
        self.people = len(values)
        met = sum(1 for v in values if v >= required)
        self.title = (
            f"{year} 年度学分分布（{len(values)} 人，达标 {met} 人，未达标 {len(values) - met} 人）"
        )
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = self._begin()
        try:
            if not self.bins:
                p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "本年度没有人员")
                return
            left, right, top, bottom = 56.0, 24.0, 70.0, 58.0
            w, h = self.width() - left - right, self.height() - top - bottom
            self._legend(p, left, 52, [(SHORT, "未达到应修学分"), (MET, "达到应修学分")])
            most = max(b.count for b in self.bins)
            step = nice_step(most)
            y_top = step * (int(most / step) + 1)
            lo, hi = self.bins[0].low, self.bins[-1].high
            span = hi - lo or 1.0

            def x_of(v: float) -> float:
                return left + (v - lo) / span * w

            def y_of(n: float) -> float:
                return top + h - n / y_top * h

            tick = 0.0
            while tick <= y_top + 1e-9:
                y = y_of(tick)
                p.setPen(QPen(GRID, 1))
                p.drawLine(QPointF(left, y), QPointF(left + w, y))
                p.setPen(AXIS)
                p.drawText(QRectF(0, y - 9, left - 8, 18), Qt.AlignmentFlag.AlignRight, f"{tick:g}")
                tick += step
            for b in self.bins:
                x0, x1 = x_of(b.low) + 2, x_of(b.high) - 2
                if b.count:
                    rect = QRectF(x0, y_of(b.count), x1 - x0, y_of(0) - y_of(b.count))
                    p.fillRect(rect, SHORT if b.high <= self.required + 1e-9 else MET)
                    p.setPen(QColor("#222"))
                    p.drawText(
                        QRectF(x0 - 10, rect.top() - 18, x1 - x0 + 20, 16),
                        Qt.AlignmentFlag.AlignCenter,
                        str(b.count),
                    )
            p.setPen(QPen(AXIS, 1))
            p.drawLine(QPointF(left, top + h), QPointF(left + w, top + h))
            p.drawLine(QPointF(left, top), QPointF(left, top + h))
            every = max(1, len(self.bins) // 12)
            edges = [b.low for b in self.bins] + [hi]
            for i, edge in enumerate(edges):
                if i % every and i != len(edges) - 1:
                    continue
                x = x_of(edge)
                p.drawLine(QPointF(x, top + h), QPointF(x, top + h + 4))
                p.drawText(
                    QRectF(x - 30, top + h + 6, 60, 16), Qt.AlignmentFlag.AlignCenter, f"{edge:g}"
                )
            p.drawText(QRectF(left, top + h + 26, w, 18), Qt.AlignmentFlag.AlignCenter, "已修学分")
            p.save()
            p.translate(14, top + h / 2)
            p.rotate(-90)
            p.drawText(QRectF(-40, -8, 80, 16), Qt.AlignmentFlag.AlignCenter, "人数")
            p.restore()
            if self.required > 0:
                x = x_of(self.required)
                p.setPen(QPen(QColor("#c62828"), 2, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(x, top - 16), QPointF(x, top + h))
                p.setPen(QColor("#c62828"))
                p.drawText(QPointF(x + 6, top - 6), f"应修 {self.required:g} 学分")
        finally:
            p.end()


class SectionBars(_Chart):
    """Average credits per section, with the requirement as a dashed line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sections: list[SectionCredits] = []
        self.required = 0.0

    def set_data(self, year: int, sections: Sequence[SectionCredits], required: float) -> None:
        self.sections = list(sections)
        self.required = required
        self.title = f"{year} 年度各科室平均学分"
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = self._begin()
        try:
            if not self.sections:
                p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "本年度没有人员")
                return
            metrics = p.fontMetrics()
            left = 20.0 + max(metrics.horizontalAdvance(s.section) for s in self.sections)
            right, top, bottom = 150.0, 64.0, 34.0
            w, h = self.width() - left - right, self.height() - top - bottom
            self._legend(p, left, 50, [(SHORT, "平均未达应修"), (MET, "平均已达应修")])
            top_value = max([*(s.average for s in self.sections), self.required, 1.0])
            step = nice_step(top_value)
            scale_top = step * (int(top_value / step) + 1)
            band = h / len(self.sections)

            def x_of(v: float) -> float:
                return left + v / scale_top * w

            tick = 0.0
            while tick <= scale_top + 1e-9:
                x = x_of(tick)
                p.setPen(QPen(GRID, 1))
                p.drawLine(QPointF(x, top), QPointF(x, top + h))
                p.setPen(AXIS)
                p.drawText(
                    QRectF(x - 30, top + h + 4, 60, 16), Qt.AlignmentFlag.AlignCenter, f"{tick:g}"
                )
                tick += step
            for i, s in enumerate(self.sections):
                y = top + i * band
                bar_h = min(26.0, band * 0.6)
                p.setPen(AXIS)
                p.drawText(
                    QRectF(0, y, left - 8, band),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    s.section,
                )
                rect = QRectF(left, y + (band - bar_h) / 2, x_of(s.average) - left, bar_h)
                p.fillRect(rect, MET if s.average >= self.required else SHORT)
                p.setPen(QColor("#222"))
                p.drawText(
                    QRectF(rect.right() + 6, y, right + 60, band),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    f"{s.average:g}（达标 {s.met}/{s.people}）",
                )
            if self.required > 0:
                x = x_of(self.required)
                p.setPen(QPen(QColor("#c62828"), 2, Qt.PenStyle.DashLine))
                p.drawLine(QPointF(x, top - 4), QPointF(x, top + h))
                p.setPen(QColor("#c62828"))
                p.drawText(QPointF(x + 6, top - 2), f"应修 {self.required:g}")
        finally:
            p.end()
