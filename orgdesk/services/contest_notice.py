"""公示 of a contest's proposed appointees (R-PRO-5): data first, then PDF and Excel.

`publicity_notice` returns plain data the tests can assert on; the writers in
storage render it.  The Excel file also carries every contestant's scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from orgdesk.domain.contest import TIE_RULE, Phase, percent
from orgdesk.domain.errors import OrgDeskError
from orgdesk.services.contest_views import ContestDetail, contest_detail
from orgdesk.storage.contest_pdf import NoticeLayout, write_notice_pdf
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Posting, Section
from orgdesk.storage.xlsx_export import save_workbook, set_cell, write_table

ISSUER = "县委组织部"
NOTICE_COLUMNS = (
    "拟任职务",
    "姓名",
    "性别",
    "出生年月",
    "学历",
    "政治面貌",
    "现任职务",
    "综合得分",
)


@dataclass(frozen=True)
class NoticeRow:
    post: str
    name: str
    sex: str
    born: str  # 1985.03
    education: str
    political_status: str
    current: str
    total: Decimal | None

    def cells(self) -> tuple[str, ...]:
        total = f"{self.total:.2f}" if self.total is not None else ""
        return (
            self.post,
            self.name,
            self.sex,
            self.born,
            self.education,
            self.political_status,
            self.current,
            total,
        )


@dataclass(frozen=True)
class PublicityNotice:
    title: str
    body: str
    rows: list[NoticeRow]
    period: str
    closing: str
    issuer: str
    issued_on: date | None


def chinese_date(d: date) -> str:
    """2026年4月13日, as official notices write dates."""
    return f"{d.year}年{d.month}月{d.day}日"


def publicity_notice(db: Database, contest_id: int) -> PublicityNotice:
    """The notice for the proposed appointees; available from 确定拟任人选 on."""
    detail = contest_detail(db, contest_id)
    if not detail.phase.at_least(Phase.PROPOSAL):
        raise OrgDeskError("确定拟任人选后才能生成公示")
    proposed = [r for r in detail.registrations if r.proposed and r.active]
    held_on = detail.publicity_start or detail.eligibility_on
    with db.unit_of_work() as uow:
        s = uow.session
        people = {
            c.id: (c.sex, f"{c.birth_date:%Y.%m}", c.education, c.political_status)
            for c in s.scalars(select(Cadre).where(Cadre.id.in_([r.cadre_id for r in proposed])))
        }
        held = {r.cadre_id: _post_held(s, r.cadre_id, held_on) for r in proposed}
    order = {p.id: i for i, p in enumerate(detail.posts)}
    rows = []
    for r in sorted(proposed, key=lambda r: (order.get(r.post_id, 0), r.place or 0)):
        sex, born, education, political = people.get(r.cadre_id, ("",) * 4)
        rows.append(
            NoticeRow(
                post=r.post,
                name=r.name,
                sex=sex,
                born=born,
                education=education,
                political_status=political,
                current=held.get(r.cadre_id, ""),
                total=r.total,
            )
        )
    if detail.publicity_start and detail.publicity_end:
        period = f"公示时间：{chinese_date(detail.publicity_start)}至{chinese_date(detail.publicity_end)}。"
    else:
        period = "公示时间：待定。"
    steps = "报名、资格审查、民主推荐、组织审定、笔试、演讲答辩、综合评分"
    body = (
        f"根据干部选拔任用有关规定和{detail.title}工作安排，按照公开、平等、竞争、择优的原则，"
        f"经{steps}等程序，部务会研究，拟任用以下同志（共 {len(rows)} 名）。现予以公示。"
    )
    closing = (
        "公示期间，如对公示对象有不同意见，可通过来信、来电、来访等方式向县委组织部干部监督科反映。"
        "反映问题应实事求是，提倡署真实姓名，并提供联系方式，以便调查核实。"
    )
    return PublicityNotice(
        title=f"关于{detail.title}拟任人选的公示",
        body=body,
        rows=rows,
        period=period,
        closing=closing,
        issuer=ISSUER,
        issued_on=detail.publicity_start,
    )


def _post_held(s: Session, cadre_id: int, on: date) -> str:
    """现任职务 as of the notice (not after the appointment it announces)."""
    row = s.execute(
        select(Posting.unit, Section.name, Posting.post_title)
        .outerjoin(Section, Section.id == Posting.section_id)
        .where(
            Posting.cadre_id == cadre_id,
            Posting.start_date <= on,
            or_(Posting.end_date.is_(None), Posting.end_date >= on),
        )
        .order_by(Posting.section_id.is_(None), Posting.start_date.desc())
        .limit(1)
    ).first()
    if row is None:
        return ""
    unit, section, post_title = row
    return f"{section or unit}{post_title}"


def export_notice_pdf(db: Database, contest_id: int, path: Path) -> Path:
    notice = publicity_notice(db, contest_id)
    layout = NoticeLayout(
        title=notice.title,
        paragraphs=[notice.body],
        headers=NOTICE_COLUMNS,
        rows=[row.cells() for row in notice.rows],
        after=[notice.period, notice.closing],
        issuer=notice.issuer,
        issued_on=chinese_date(notice.issued_on) if notice.issued_on else "",
    )
    write_notice_pdf(layout, Path(path))
    return Path(path)


SCORE_HEADERS_HEAD = ("岗位", "姓名", "现科室", "现职级", "民主推荐得票率")
SCORE_HEADERS_TAIL = ("综合得分", "名次", "状态", "说明")


def export_notice_xlsx(db: Database, contest_id: int, path: Path) -> Path:
    """Sheet 公示 (the notice as a table) and sheet 综合成绩 (every contestant, ranked)."""
    notice = publicity_notice(db, contest_id)
    detail = contest_detail(db, contest_id)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "公示"
    set_cell(ws.cell(row=1, column=1), notice.title)
    rows = [
        (*row.cells()[:-1], float(row.total) if row.total is not None else None)
        for row in notice.rows
    ]
    write_table(ws, NOTICE_COLUMNS, rows, start_row=3)
    after = 3 + len(notice.rows) + 2
    for offset, text in enumerate((notice.body, notice.period, notice.closing, notice.issuer)):
        set_cell(ws.cell(row=after + offset, column=1), text)
    if notice.issued_on:
        set_cell(ws.cell(row=after + 4, column=1), notice.issued_on)
    _scores_sheet(wb, detail)
    save_workbook(wb, Path(path))
    return Path(path)


def _scores_sheet(wb: Workbook, detail: ContestDetail) -> None:
    ws = wb.create_sheet("综合成绩")
    parts = [f"{p.name}（{percent(p.weight)}）" for p in detail.parts]
    headers = (*SCORE_HEADERS_HEAD, *parts, *SCORE_HEADERS_TAIL)
    order = {p.id: i for i, p in enumerate(detail.posts)}
    regs = sorted(
        detail.registrations,
        key=lambda r: (order.get(r.post_id, 0), r.place is None, r.place or 0, r.name),
    )
    rows = []
    for r in regs:
        note = r.drop_reason or r.proposal_note
        if r.overrides:
            note = "；".join(
                [note] * bool(note)
                + [f"例外认定（{o.rule.value}）：{o.reason}（{o.actor}）" for o in r.overrides]
            )
        rows.append(
            (
                r.post,
                r.name,
                r.section,
                r.rank,
                percent(r.rate) if r.rate is not None else "",
                *(r.scores.get(p.id) for p in detail.parts),
                float(r.total) if r.total is not None else None,
                r.place,
                r.status,
                note,
            )
        )
    write_table(ws, headers, rows, start_row=1)
    set_cell(ws.cell(row=len(rows) + 3, column=1), TIE_RULE)
