"""The annual report as plain data (R-EVA-4, ARCHITECTURE rule 6).

`services.annual_report.build_annual_report` fills these; the Excel and PDF
writers in `storage` only render them, so tests can check the figures
without opening a file and then check the files against the same data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

Cell = Any  # str | int | float | date | None


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: int | float | str | None
    unit: str = ""

    def shown(self) -> str:
        if self.value is None:
            return "—"
        if isinstance(self.value, float):
            text = f"{self.value:.1f}" if self.unit in ("%", "分") else f"{self.value:g}"
        else:
            text = str(self.value)
        return f"{text}{self.unit}" if self.unit and self.unit != "人次" else text


@dataclass(frozen=True)
class Chart:
    """A chart the PDF draws: bars (one series or several stacked) or a pie."""

    title: str
    kind: str  # "bar" | "pie" | "stacked"
    labels: tuple[str, ...]
    series: tuple[tuple[float, ...], ...]
    series_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class ReportSection:
    """One part of the report: one Excel sheet (named `title`) and one PDF chapter.

    `available` is False when the area has no data for the year yet; `note`
    then says so plainly and there are no invented numbers.
    """

    key: str
    title: str
    available: bool
    note: str = ""
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[Cell, ...], ...] = ()
    figures: tuple[KeyFigure, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()
    text_columns: tuple[str, ...] = ()
    rows_in_pdf: bool = False

    def figure(self, label: str) -> KeyFigure | None:
        return next((f for f in self.figures if f.label == label), None)


def not_yet(key: str, title: str, what: str | None = None) -> ReportSection:
    """The honest section for an area whose data is not in the database yet."""
    what = what or title
    return ReportSection(
        key,
        title,
        False,
        note=f"本年度尚无{what}数据（{title}模块尚未录入本年度记录），本节不作统计。",
    )


@dataclass(frozen=True)
class PersonForm:
    """年度考核登记表 for one cadre: everything the printed form shows."""

    cadre_id: int
    name: str
    sex: str
    birth: date | None
    political_status: str
    education: str
    in_post_since: date | None
    unit_and_post: str
    duties: str
    self_summary: str
    training: str
    target_score: float | None
    votes: tuple[int, int, int, int]
    voters: int
    vote_score: float | None
    combined: float | None
    proposed: str | None
    final: str | None
    final_reason: str
    leader_comment: str
    history: tuple[tuple[int, str], ...] = ()
    honours: tuple[str, ...] = ()
    remarks: str = ""


@dataclass(frozen=True)
class AnnualReport:
    year: int
    department: str
    generated_on: date
    sections: tuple[ReportSection, ...]
    forms: tuple[PersonForm, ...] = field(default=())

    def section(self, key: str) -> ReportSection:
        return next(s for s in self.sections if s.key == key)
