"""A cadre's posts, secondments and ranks drawn on a time axis with QPainter.

The same `paint()` draws on the screen and into a QImage, so the saved PNG is
exactly what the clerk sees (at any width).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QImage,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from orgdesk.domain.timeline import Bar, Lane, PersonTimeline

TONES = {
    "综合科室": "#5B8FF9",
    "业务科室": "#5AD8A6",
    "下属事业单位": "#F6BD16",
    "外单位": "#BFBFBF",
    "下派": "#FF9845",
    "上挂": "#9270CA",
    "到有关部门学习": "#1E9493",
    "职级": "#E8684A",
}
LANES = (Lane.POSTS, Lane.SECONDMENTS, Lane.RANKS)
LABEL_W, TOP, LANE_H, BAR_H, RIGHT = 86, 58, 46, 30, 190  # room on the right for labels


class TimelineWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline: PersonTimeline | None = None
        self.from_year: int | None = None  # None: the whole career
        self._hits: list[tuple[QRectF, Bar]] = []
        self.setMouseTracking(True)
        self.setMinimumSize(640, self.height_for())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    @staticmethod
    def height_for() -> int:
        return TOP + LANE_H * len(LANES) + 76

    def sizeHint(self) -> QSize:
        return QSize(1000, self.height_for())

    def set_timeline(self, timeline: PersonTimeline | None, *, whole_career: bool = False) -> None:
        """Show a cadre; by default from two years before joining the department."""
        self.timeline = timeline
        joined = timeline.joined if timeline else None
        self.from_year = None if whole_career or joined is None else joined.year - 2
        self.update()

    # -- drawing ---------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._hits = self.paint(painter, self.rect())
        finally:
            painter.end()

    def to_image(self, width: int = 1400) -> QImage:
        image = QImage(width, self.height_for(), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            self.paint(painter, QRect(0, 0, width, self.height_for()))
        finally:
            painter.end()
        return image

    def save_png(self, path: Path, width: int = 1400) -> bool:
        return self.to_image(width).save(str(Path(path).with_suffix(".png")))

    def paint(self, p: QPainter, rect: QRect) -> list[tuple[QRectF, Bar]]:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(rect, QColor("white"))
        base = QFont(self.font())
        t = self.timeline
        if t is None:
            p.setPen(QColor("#888"))
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, "请选择人员以查看时间轴")
            return []
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() * 1.4)
        title.setBold(True)
        p.setFont(title)
        p.setPen(QColor("#222"))
        p.drawText(QRect(rect.left() + 10, rect.top() + 6, rect.width() - 20, 28), 0, t.name)
        name_w = QFontMetrics(title).horizontalAdvance(t.name)
        p.setFont(base)
        p.setPen(QColor("#666"))
        p.drawText(
            QRect(rect.left() + 24 + name_w, rect.top() + 10, rect.width() - name_w - 40, 24),
            0,
            f"{t.subtitle}　截至 {t.on:%Y-%m-%d}",
        )

        first_year, last_year = t.first.year, t.last.year + 1
        if self.from_year is not None:
            first_year = min(max(first_year, self.from_year), last_year - 1)
        x0, x1 = rect.left() + LABEL_W, rect.right() - RIGHT
        span = (date(last_year, 1, 1) - date(first_year, 1, 1)).days or 1

        def x_of(d: date) -> float:
            return x0 + (x1 - x0) * (d - date(first_year, 1, 1)).days / span

        hits: list[tuple[QRectF, Bar]] = []
        for i, lane in enumerate(LANES):
            y = rect.top() + TOP + i * LANE_H
            p.fillRect(
                QRect(rect.left(), y, rect.width(), LANE_H), QColor("#fafafa" if i % 2 else "white")
            )
            p.setPen(QColor("#333"))
            p.drawText(
                QRect(rect.left() + 8, y, LABEL_W - 12, LANE_H),
                Qt.AlignmentFlag.AlignVCenter,
                lane.value,
            )
            bars = t.lane(lane)
            for n, bar in enumerate(bars):
                if bar.end < date(first_year, 1, 1):
                    continue  # before the window shown
                left, right = max(x_of(bar.start), x0), x_of(bar.end) + 1
                box = QRectF(left, y + (LANE_H - BAR_H) / 2, max(right - left, 2.0), BAR_H)
                self._draw_bar(p, box, bar, n, last=n == len(bars) - 1, limit=rect.right())
                hits.append((box, bar))

        axis_y = rect.top() + TOP + len(LANES) * LANE_H + 4
        p.setPen(QPen(QColor("#999"), 1))
        p.drawLine(int(x0), axis_y, int(x1), axis_y)
        years = last_year - first_year
        step = 1 if years <= 20 else 2 if years <= 40 else 5
        metrics = QFontMetrics(base)
        for year in range(first_year, last_year + 1):
            x = int(x_of(date(year, 1, 1)))
            p.setPen(QPen(QColor("#e3e3e3"), 1))
            p.drawLine(x, rect.top() + TOP, x, axis_y)
            p.setPen(QPen(QColor("#999"), 1))
            p.drawLine(x, axis_y, x, axis_y + 4)
            if (year - first_year) % step == 0 and year < last_year:
                p.drawText(x + 2, axis_y + 4 + metrics.ascent(), str(year))
        today_x = int(x_of(t.on))
        p.setPen(QPen(QColor("#c0392b"), 1.5, Qt.PenStyle.DashLine))
        p.drawLine(today_x, rect.top() + TOP - 4, today_x, axis_y)
        self._legend(p, rect, axis_y + 26, metrics)
        return hits

    def _draw_bar(
        self, p: QPainter, box: QRectF, bar: Bar, n: int, *, last: bool, limit: int
    ) -> None:
        colour = QColor(TONES.get(bar.tone, "#999999"))
        if bar.lane is Lane.RANKS:  # successive ranks in alternating shades
            colour = colour.darker(115) if n % 2 else colour
        if bar.planned:
            p.setBrush(QBrush(colour, Qt.BrushStyle.BDiagPattern))
            p.setPen(QPen(colour.darker(130), 1, Qt.PenStyle.DashLine))
        else:
            p.setBrush(QBrush(colour))
            p.setPen(QPen(colour.darker(130), 1))
        p.drawRoundedRect(box, 4, 4)
        metrics = QFontMetrics(p.font())
        width = metrics.horizontalAdvance(bar.label)
        if width + 8 <= box.width():
            p.setPen(QColor("#333") if bar.planned else QColor("white"))
            p.drawText(box.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, bar.label)
            return
        p.setPen(QColor("#333"))
        if last and box.right() + 6 + width <= limit:  # the latest bar: label beside it
            beside = QRectF(box.right() + 6, box.top(), width + 2, box.height())
            p.drawText(beside, Qt.AlignmentFlag.AlignVCenter, bar.label)
        elif box.width() >= 24:
            text = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, int(box.width()) - 8)
            p.setPen(QColor("#333") if bar.planned else QColor("white"))
            p.drawText(box.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, text)

    def _legend(self, p: QPainter, rect: QRect, y: int, metrics: QFontMetrics) -> None:
        x = rect.left() + LABEL_W
        for name, colour in TONES.items():
            p.setBrush(QBrush(QColor(colour)))
            p.setPen(QPen(QColor(colour).darker(130), 1))
            p.drawRoundedRect(QRectF(x, y, 14, 12), 2, 2)
            p.setPen(QColor("#444"))
            p.drawText(x + 18, y + 11, name)
            x += 30 + metrics.horizontalAdvance(name)
        p.setPen(QPen(QColor("#c0392b"), 1.5, Qt.PenStyle.DashLine))
        p.drawLine(x, y + 6, x + 16, y + 6)
        p.setPen(QColor("#444"))
        p.drawText(x + 20, y + 11, "截至日期　斜线：尚未开始的挂职")

    # -- tooltips --------------------------------------------------------------
    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            bar = self.bar_at(e.pos())
            if bar is None:
                QToolTip.hideText()
            else:
                end = "至今" if bar.open_ended and not bar.planned else f"{bar.end:%Y-%m-%d}"
                QToolTip.showText(
                    e.globalPos(), f"{bar.label}\n{bar.start:%Y-%m-%d} 至 {end}", self
                )
            return True
        return super().event(e)

    def bar_at(self, pos: QPoint) -> Bar | None:
        for box, bar in self._hits:
            if box.contains(pos.toPointF()):
                return bar
        return None
