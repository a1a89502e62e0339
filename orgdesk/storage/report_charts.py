"""Charts for the report's summary pages (reportlab.graphics), with CJK labels."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from orgdesk.domain.report import Chart
from orgdesk.storage.pdf_typeset import Typesetter

PALETTE = (
    colors.HexColor("#B03A2E"),
    colors.HexColor("#2E6DA4"),
    colors.HexColor("#D4AC0D"),
    colors.HexColor("#5D6D7E"),
    colors.HexColor("#C8CDD2"),
    colors.HexColor("#239B56"),
)
TITLE_SIZE = 11
LABEL_SIZE = 8.5


def chart_drawing(chart: Chart, ts: Typesetter, width: float, height: float) -> Drawing:
    d = Drawing(width, height, initialFontName=ts.main)  # no Helvetica: every font embedded
    d.add(
        String(
            width / 2,
            height - TITLE_SIZE,
            chart.title,
            fontName=ts.heading,
            fontSize=TITLE_SIZE,
            textAnchor="middle",
        )
    )
    if chart.kind == "pie":
        _pie(d, chart, ts, width, height - TITLE_SIZE - 8)
    else:
        _bars(d, chart, ts, width, height - TITLE_SIZE - 8)
    return d


def _pie(d: Drawing, chart: Chart, ts: Typesetter, width: float, height: float) -> None:
    values = list(chart.series[0]) if chart.series else []
    total = sum(values)
    if total <= 0:
        d.add(String(width / 2, height / 2, "（无数据）", fontName=ts.main, fontSize=LABEL_SIZE))
        return
    size = min(height - 20, width * 0.4)
    pie = Pie()
    pie.x, pie.y = 10, (height - size) / 2
    pie.width = pie.height = size
    shown = [(label, v) for label, v in zip(chart.labels, values, strict=False) if v > 0]
    pie.data = [v for _, v in shown]
    pie.labels = None
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 1
    for i, (label, _v) in enumerate(shown):
        pie.slices[i].fillColor = PALETTE[list(chart.labels).index(label) % len(PALETTE)]
    d.add(pie)
    legend = Legend()
    legend.x, legend.y = size + 24, height / 2 + 8 * len(chart.labels)
    legend.fontName, legend.fontSize = ts.main, LABEL_SIZE
    legend.alignment = "right"
    legend.columnMaximum = len(chart.labels)
    legend.dx = legend.dy = 7
    legend.deltay = 14
    legend.colorNamePairs = [
        (PALETTE[i % len(PALETTE)], f"{label}  {int(v)} 人（{100 * v / total:.1f}%）")
        for i, (label, v) in enumerate(zip(chart.labels, values, strict=False))
    ]
    d.add(legend)


def _bars(d: Drawing, chart: Chart, ts: Typesetter, width: float, height: float) -> None:
    bars = VerticalBarChart()
    legend_w = 62 if len(chart.series) > 1 else 0
    bars.x, bars.y = 30, 40
    bars.width, bars.height = width - 40 - legend_w, height - 48
    bars.data = [list(s) for s in chart.series] or [[0.0]]
    bars.categoryAxis.categoryNames = list(chart.labels) or [""]
    bars.categoryAxis.labels.fontName = ts.main
    bars.categoryAxis.labels.fontSize = LABEL_SIZE
    if len(chart.labels) > 8 or any(len(s) > 4 for s in chart.labels):
        bars.categoryAxis.labels.angle = 30
        bars.categoryAxis.labels.boxAnchor = "ne"
    bars.valueAxis.labels.fontName = ts.main
    bars.valueAxis.labels.fontSize = LABEL_SIZE
    bars.valueAxis.valueMin = 0
    top = max((sum(col) for col in zip(*chart.series, strict=False)), default=0.0)
    if chart.kind != "stacked":
        top = max((max(s) for s in chart.series if s), default=0.0)
    bars.valueAxis.valueMax = max(4.0, top * 1.15)
    bars.valueAxis.valueStep = max(1, int(bars.valueAxis.valueMax / 5) or 1)
    if chart.kind == "stacked":
        bars.categoryAxis.style = "stacked"
    bars.barSpacing = 1
    bars.groupSpacing = 6
    bars.bars.strokeColor = None
    for i in range(len(chart.series)):
        bars.bars[i].fillColor = PALETTE[i % len(PALETTE)]
    d.add(bars)
    if len(chart.series) > 1:
        legend = Legend()
        legend.x, legend.y = width - legend_w + 6, height - 10
        legend.alignment = "right"
        legend.columnMaximum = len(chart.series)
        legend.fontName, legend.fontSize = ts.main, LABEL_SIZE
        legend.dx = legend.dy = 7
        legend.deltay = 13
        legend.colorNamePairs = [
            (PALETTE[i % len(PALETTE)], name) for i, name in enumerate(chart.series_names)
        ]
        d.add(legend)
