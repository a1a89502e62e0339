"""试用期 (R-INT-3): start, 转正, 延长, 不予转正, and the due list provider.

The cadre's status follows the trial: 试用期 while it runs, 在职 after 转正;
after 不予转正 a new entrant is 已调出 (the open posting closes on the decision
date, so the history keeps the months served) and a cadre promoted or moved
from inside goes back to the post held before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.due import DueItem
from orgdesk.domain.errors import FieldProblem, NotFound, OrgDeskError, ValidationFailed
from orgdesk.domain.people import CadreStatus
from orgdesk.domain.settings import Settings
from orgdesk.domain.trial import (
    OPEN_TRIAL_STATUSES,
    TrialLimits,
    TrialStatus,
    check_confirmation,
    check_extension,
    check_length,
    check_not_confirmed,
    trial_end,
    trial_urgency,
)
from orgdesk.services.people import HOME_UNIT, Move, apply_move
from orgdesk.services.reference import load_settings
from orgdesk.storage.database import Database
from orgdesk.storage.errors import ConcurrentEdit
from orgdesk.storage.models import Cadre, Posting, Section
from orgdesk.storage.models.personnel import TrialPeriod

TAB_TITLE = "人员与试用"


@dataclass(frozen=True)
class TrialRow:
    id: int
    cadre_id: int
    name: str
    section: str
    post_title: str
    start_date: date
    months: int
    planned_end: date
    end_date: date
    status: TrialStatus
    decided_on: date | None
    evaluation: str
    reason: str
    extension_reason: str
    version: int

    def days_left(self, on: date) -> int:
        return (self.end_date - on).days


def limits_of(db: Database) -> TrialLimits:
    return TrialLimits.from_settings(load_settings(db))


def _fail(field: str, message: str, value: object = None) -> ValidationFailed:
    return ValidationFailed(
        [FieldProblem(field, message, None, None if value is None else f"{value}")]
    )


def _select_rows():  # type: ignore[no-untyped-def]
    return (
        select(
            TrialPeriod.id,
            TrialPeriod.cadre_id,
            Cadre.name,
            func.coalesce(Section.name, ""),
            Cadre.post_title,
            TrialPeriod.start_date,
            TrialPeriod.months,
            TrialPeriod.planned_end,
            TrialPeriod.end_date,
            TrialPeriod.status,
            TrialPeriod.decided_on,
            TrialPeriod.evaluation,
            TrialPeriod.reason,
            TrialPeriod.extension_reason,
            TrialPeriod.version,
        )
        .join(Cadre, Cadre.id == TrialPeriod.cadre_id)
        .outerjoin(Section, Section.id == Cadre.section_id)
    )


def _row(values: tuple) -> TrialRow:
    fields = list(values)
    fields[9] = TrialStatus(fields[9])
    return TrialRow(*fields)


def list_trials(db: Database, *, open_only: bool = False) -> list[TrialRow]:
    """Open trials first, soonest end first; then finished ones, latest first."""
    stmt = _select_rows()
    if open_only:
        stmt = stmt.where(TrialPeriod.status.in_(OPEN_TRIAL_STATUSES))
    with db.engine.connect() as conn:
        rows = [_row(tuple(r)) for r in conn.execute(stmt)]
    open_rows = sorted((r for r in rows if r.status.is_open), key=lambda r: (r.end_date, r.name))
    closed = sorted(
        (r for r in rows if not r.status.is_open),
        key=lambda r: r.decided_on or r.end_date,
        reverse=True,
    )
    return open_rows + closed


def get_trial(db: Database, trial_id: int) -> TrialRow:
    with db.engine.connect() as conn:
        found = conn.execute(_select_rows().where(TrialPeriod.id == trial_id)).first()
    if found is None:
        raise NotFound("该试用期记录已不存在")
    return _row(tuple(found))


def start_trial_in(
    s: Session,
    cadre_id: int,
    start: date,
    months: int,
    limits: TrialLimits,
    *,
    candidate_id: int | None = None,
) -> TrialPeriod:
    """Open a trial inside the caller's unit of work (intake 录用 or a manual start)."""
    reason = check_length(months, limits)
    if reason:
        raise _fail("试用期长度", reason, months)
    cadre = s.get(Cadre, cadre_id)
    if cadre is None:
        raise NotFound("该人员已不存在（可能已被删除）")
    running = s.scalar(
        select(TrialPeriod).where(
            TrialPeriod.cadre_id == cadre_id, TrialPeriod.status.in_(OPEN_TRIAL_STATUSES)
        )
    )
    if running is not None:
        raise _fail(
            "试用期",
            f"「{cadre.name}」已在试用期内（至 {running.end_date:%Y-%m-%d}），不能重复开始",
        )
    end = trial_end(start, months)
    trial = TrialPeriod(
        cadre_id=cadre_id,
        candidate_id=candidate_id,
        start_date=start,
        months=months,
        planned_end=end,
        end_date=end,
        status=TrialStatus.ONGOING.value,
    )
    s.add(trial)
    cadre.status = CadreStatus.TRIAL.value
    cadre.version += 1
    s.flush()
    return trial


@requires(Permission.EDIT, area="人员与试用")
def start_trial(db: Database, cadre_id: int, start: date, months: int) -> int:
    """新增试用期 for someone already on the roster (e.g. entered before this program)."""
    limits = limits_of(db)
    with db.unit_of_work() as uow:
        cadre = uow.session.get(Cadre, cadre_id)
        if cadre is not None and cadre.status == CadreStatus.LEFT.value:
            raise OrgDeskError(f"「{cadre.name}」已调出，不能开始试用期")
        trial = start_trial_in(uow.session, cadre_id, start, months, limits)
        uow.commit()
        return trial.id


def _open_trial(s: Session, trial_id: int, expected_version: int | None) -> TrialPeriod:
    trial = s.get(TrialPeriod, trial_id)
    if trial is None:
        raise NotFound("该试用期记录已不存在")
    if expected_version is not None and trial.version != expected_version:
        raise ConcurrentEdit("该试用期记录")
    if not TrialStatus(trial.status).is_open:
        raise OrgDeskError(
            f"该试用期已于 {trial.decided_on or trial.end_date:%Y-%m-%d} 结束（{trial.status}），不能再处理"
        )
    return trial


@requires(Permission.EDIT, area="人员与试用")
def confirm_trial(
    db: Database,
    trial_id: int,
    on: date,
    evaluation: str,
    *,
    today: date | None = None,
    expected_version: int | None = None,
) -> None:
    """转正 on `on` with the evaluation text; the cadre becomes 在职."""
    limits = limits_of(db)
    with db.unit_of_work() as uow:
        trial = _open_trial(uow.session, trial_id, expected_version)
        reason = check_confirmation(trial.start_date, on, limits, today=today or date.today())
        if reason:
            raise _fail("转正日期", reason, on)
        if not evaluation.strip():
            raise _fail("转正评语", "请填写试用期考核评语")
        trial.status = TrialStatus.CONFIRMED.value
        trial.decided_on = on
        trial.evaluation = evaluation.strip()
        trial.version += 1
        cadre = uow.session.get(Cadre, trial.cadre_id)
        assert cadre is not None
        cadre.status = CadreStatus.ACTIVE.value
        cadre.version += 1
        uow.commit()


@requires(Permission.EDIT, area="人员与试用")
def extend_trial(
    db: Database,
    trial_id: int,
    new_end: date,
    reason: str = "",
    *,
    expected_version: int | None = None,
) -> None:
    """延长 to `new_end`, never past the maximum counted from the start."""
    limits = limits_of(db)
    with db.unit_of_work() as uow:
        trial = _open_trial(uow.session, trial_id, expected_version)
        refused = check_extension(trial.start_date, trial.end_date, new_end, limits)
        if refused:
            raise _fail("延长至", refused, new_end)
        note = f"{trial.end_date:%Y-%m-%d} → {new_end:%Y-%m-%d}" + (
            f"：{reason.strip()}" if reason.strip() else ""
        )
        trial.extension_reason = "\n".join(x for x in (trial.extension_reason, note) if x)
        trial.end_date = new_end
        trial.status = TrialStatus.EXTENDED.value
        trial.version += 1
        uow.commit()


@requires(Permission.EDIT, area="人员与试用")
def not_confirm_trial(
    db: Database,
    trial_id: int,
    on: date,
    reason: str,
    *,
    today: date | None = None,
    expected_version: int | None = None,
) -> None:
    """不予转正 with a required reason.

    A cadre who held a post here before the trial (内部竞争上岗, a move) goes back
    to that section, post and rank the next day; a new entrant leaves (已调出)
    and the open posting closes on the decision date.  History is kept either way.
    """
    with db.unit_of_work() as uow:
        s = uow.session
        trial = _open_trial(s, trial_id, expected_version)
        refused = check_not_confirmed(trial.start_date, on, reason, today=today or date.today())
        if refused:
            raise _fail("不予转正理由" if not reason.strip() else "决定日期", refused)
        trial.status = TrialStatus.NOT_CONFIRMED.value
        trial.decided_on = on
        trial.reason = reason.strip()
        trial.version += 1
        cadre = s.get(Cadre, trial.cadre_id)
        assert cadre is not None
        note = f"试用期不予转正：{reason.strip()}"
        before = s.scalar(
            select(Posting)
            .where(
                Posting.cadre_id == cadre.id,
                Posting.unit == HOME_UNIT,
                Posting.end_date.is_not(None),
                Posting.end_date < trial.start_date,
            )
            .order_by(Posting.end_date.desc())
            .limit(1)
        )
        if before is not None:  # back to the post held before the trial
            move = Move(
                cadre.id,
                on + timedelta(days=1),
                before.section_id,
                before.post_title,
                before.rank_id,
                note=f"{note}，恢复原职务",
            )
            apply_move(s, move)
            cadre.status = CadreStatus.ACTIVE.value
        else:
            for posting in s.scalars(
                select(Posting).where(Posting.cadre_id == cadre.id, Posting.end_date.is_(None))
            ):
                posting.end_date = max(on, posting.start_date)
                posting.note = "\n".join(x for x in (posting.note, note) if x)
            cadre.status = CadreStatus.LEFT.value
            cadre.version += 1
        uow.commit()


def trial_due_items(db: Database, on: date, settings: Settings) -> list[DueItem]:
    """Due-list provider: open trials ending within `trial.warn_days`, or already past their end."""
    warn = settings.int("trial.warn_days")
    items: list[DueItem] = []
    for row in list_trials(db, open_only=True):
        urgency = trial_urgency(row.end_date, on, warn)
        if urgency is None:
            continue
        days = row.days_left(on)
        when = (
            f"已于 {row.end_date:%Y-%m-%d} 届满 {-days} 天"
            if days < 0
            else (
                "今天届满" if days == 0 else f"将于 {row.end_date:%Y-%m-%d} 届满（还有 {days} 天）"
            )
        )
        items.append(
            DueItem(
                kind="试用期到期",
                title=f"{row.name}（{row.section or '未分配科室'}）试用期{when}，请办理转正、延长或不予转正",
                due=row.end_date,
                urgency=urgency,
                tab=TAB_TITLE,
                record_kind="trial",
                record_id=row.id,
                who=row.name,
            )
        )
    return items
