"""人员名册导入: plan (read, normalise, check every row) then apply (one transaction).

All or nothing: `plan_roster_import` lists every problem with its Excel row,
column, value and reason; `apply_roster_import` refuses a plan with problems
and writes everything in one unit of work, so a failure or a 取消 leaves the
database exactly as it was.  Rows upsert by 身份证号; for a cadre already on the
roster a blank cell means "keep what is stored", so an exported file imports
back as a no-op.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update

from orgdesk.domain.access import Permission, requires
from orgdesk.domain.errors import FieldProblem, OrgDeskError, ValidationFailed
from orgdesk.domain.names import name_syllables
from orgdesk.domain.people import FIELD_LABELS, CadreInput, CadreStatus, check_cadre
from orgdesk.domain.roster_row import (
    HEADERS,
    RosterRowReader,
    RosterRowValues,
    compact,
    missing_for_new,
)
from orgdesk.services.backups import backup_before
from orgdesk.services.people import HOME_UNIT, Move, apply_move
from orgdesk.services.roster_excel import EXAMPLE_ID, roster_columns
from orgdesk.services.roster_import_plan import (
    ImportCancelled,
    ImportPlan,
    ImportResult,
    PlannedRow,
    PostingOp,
    RowAction,
)
from orgdesk.storage.audit import record_event
from orgdesk.storage.bulk import bulk_insert
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre, Posting, Rank, Section
from orgdesk.storage.models.base import now
from orgdesk.storage.xlsx_read import read_table

Progress = Callable[[int, int, str], bool]

# Fields copied from a row onto the cadre (section/rank/post are handled with the posting).
PERSON_FIELDS = (
    "name",
    "id_number",
    "sex",
    "birth_date",
    "ethnicity",
    "political_status",
    "education",
    "degree",
    "specialty",
    "first_employment",
    "joined_department",
    "phone",
    "note",
)
POST_FIELDS = ("section_id", "post_title", "rank_id")
_GIVEN_TO_FIELD = {
    **{k: k for k in PERSON_FIELDS},
    "section": "section_id",
    "rank": "rank_id",
    "post_title": "post_title",
}
_NEW_PERSON: dict[str, Any] = {
    **dict.fromkeys(PERSON_FIELDS, ""),
    **dict.fromkeys(("birth_date", "first_employment", "joined_department"), None),
    "section_id": None,
    "rank_id": None,
    "post_title": "",
}
LABEL_TO_ROSTER_KEY = {
    label: {"section_id": "section", "rank_id": "rank"}.get(key, key)
    for key, label in FIELD_LABELS.items()
}


@dataclass
class _Existing:
    id: int
    status: str
    data: CadreInput
    open_posting_id: int | None
    open_since: date | None
    previous_start: date | None  # start of the latest closed posting, to keep history ordered


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Building rows of plain, acyclic objects: the cycle collector would only rescan them.

    Pausing it keeps a 10,000-row import from spending a fifth of its time in
    collections that cannot free anything; it is switched back on afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _fingerprint(db: Database) -> tuple[Any, ...]:
    """Changes to cadres or postings between preview and import make the plan stale."""
    with db.engine.connect() as conn:
        return tuple(
            conn.execute(
                select(
                    func.count(Cadre.id),
                    func.max(Cadre.updated_at),
                    func.sum(Cadre.version),
                    select(func.count(Posting.id)).scalar_subquery(),
                    select(func.max(Posting.id)).scalar_subquery(),
                )
            ).one()
        )


def _load_existing(db: Database) -> dict[str, _Existing]:
    columns = [getattr(Cadre, f) for f in PERSON_FIELDS]
    out: dict[str, _Existing] = {}
    with db.engine.connect() as conn:
        open_rows: dict[int, tuple[int, date]] = {}
        closed: dict[int, date] = {}
        for cadre_id, posting_id, start, end, unit in conn.execute(
            select(Posting.cadre_id, Posting.id, Posting.start_date, Posting.end_date, Posting.unit)
        ):
            if end is None and unit == HOME_UNIT:
                open_rows[cadre_id] = (posting_id, start)
            elif end is not None and (cadre_id not in closed or start > closed[cadre_id]):
                closed[cadre_id] = start
        for r in conn.execute(
            select(
                Cadre.id, Cadre.status, Cadre.section_id, Cadre.post_title, Cadre.rank_id, *columns
            )
        ):
            values = dict(zip(PERSON_FIELDS, r[5:], strict=True))
            data = CadreInput(
                section_id=r[2], post_title=r[3], rank_id=r[4], status=CadreStatus(r[1]), **values
            )
            posting = open_rows.get(r[0])
            out[data.id_number] = _Existing(
                r[0],
                r[1],
                data,
                posting[0] if posting else None,
                posting[1] if posting else None,
                closed.get(r[0]),
            )
    return out


def plan_roster_import(
    db: Database, path: Path, *, today: date | None = None, progress: Progress | None = None
) -> ImportPlan:
    """Read and check every row; writes nothing.  Raises ImportFileError for an unusable file."""
    today = today or date.today()
    tick = progress or (lambda _d, _t, _x: True)
    fingerprint = _fingerprint(db)

    def reading(done: int, total: int) -> bool:
        return tick(done, total * 3, "正在读取文件…")

    table = read_table(Path(path), roster_columns(), progress=reading)
    if not tick(len(table.rows), len(table.rows) * 3, "正在检查…"):
        raise ImportCancelled()
    with db.engine.connect() as conn:
        sections = {
            compact(n): i
            for i, n in conn.execute(
                select(Section.id, Section.name).order_by(Section.sort_order, Section.id)
            )
        }
        ranks = {
            compact(n): i
            for i, n in conn.execute(select(Rank.id, Rank.name).order_by(Rank.sort_order, Rank.id))
        }
        section_names = {i: n for n, i in sections.items()}
        rank_names = {i: n for n, i in ranks.items()}
    existing = _load_existing(db)
    headers = {key: table.column_name(key) for key in HEADERS}
    reader = RosterRowReader(headers, sections, ranks)
    seen: dict[str, int] = {}
    planned: list[PlannedRow] = []
    total = len(table.rows)
    with _cycle_collection_paused():
        for index, (row_no, raw) in enumerate(table.rows):
            values = reader.read(row_no, raw)
            planned.append(_plan_row(values, raw, headers, existing, seen, today))
            if index % 500 == 499 and not tick(total + index, total * 3, "正在检查…"):
                raise ImportCancelled()
    return ImportPlan(
        Path(path),
        table.sheet,
        table.header_row,
        planned,
        table.unknown_headers,
        fingerprint,
        section_names,
        rank_names,
    )


def _plan_row(
    values: RosterRowValues,
    raw: dict[str, Any],
    headers: dict[str, str],
    existing: dict[str, _Existing],
    seen: dict[str, int],
    today: date,
) -> PlannedRow:
    row = values.row
    item = PlannedRow(row, RowAction.ERROR, raw, problems=list(values.problems))

    def bad(key: str, message: str, value: object = None) -> None:
        shown_value = None if value is None else f"{value}"
        item.problems.append(FieldProblem(headers[key], message, row, shown_value))

    id_number: str | None = values.get("id_number")
    id_failed = bool(item.problems) and any(p.field == headers["id_number"] for p in item.problems)
    if id_number is None and not id_failed:
        bad("id_number", "为必填项，不能为空")
    if id_number is not None:
        if id_number == EXAMPLE_ID:
            bad("id_number", "这是模板中的示例行，请删除后再导入", id_number)
        elif id_number in seen:
            bad("id_number", f"与第 {seen[id_number]} 行重复（同一人只能出现一次）", id_number)
        else:
            seen[id_number] = row
    current = existing.get(id_number) if id_number else None
    if current is not None and current.status == CadreStatus.LEFT.value:
        bad("id_number", f"「{current.data.name}」已调出，名册导入不修改已调出人员", id_number)
    if current is None:
        item.problems += missing_for_new(values, headers)

    data = _merged(values, current)
    since: date | None = values.get("post_since")
    if since is not None and since > today:
        bad("post_since", "不能晚于今天", f"{since:%Y-%m-%d}")
    for problem in check_cadre(data, today=today):
        if id_number is None and problem.field == FIELD_LABELS["id_number"]:
            continue  # already reported, with the cell's own reason
        key = LABEL_TO_ROSTER_KEY.get(problem.field)
        located = replace(problem, field=headers[key] if key else problem.field, row=row)
        if any(p.field == located.field for p in item.problems):
            continue  # one line per cell: the cell's own reason was given already
        (item.warnings if problem.warning else item.problems).append(located)
    if since is not None and data.joined_department is not None and since < data.joined_department:
        bad("post_since", "早于进入本部时间", f"{since:%Y-%m-%d}")

    item.data, item.post_since = data, since
    if current is None:
        item.posting_op = PostingOp.OPEN
        item.action = RowAction.NEW
    else:
        item.cadre_id = current.id
        item.open_posting_id = current.open_posting_id
        _plan_update(item, current, headers)
    if item.problems:
        item.action = RowAction.ERROR
    return item


def _merged(values: RosterRowValues, current: _Existing | None) -> CadreInput:
    """The row over what is stored: a blank cell keeps the stored value."""
    given = values.values
    fields: dict[str, Any]
    if current is None:
        fields = dict(_NEW_PERSON)
    else:
        old = current.data
        fields = {k: getattr(old, k) for k in (*PERSON_FIELDS, *POST_FIELDS)}
        fields["status"] = old.status
    for key, value in given.items():
        if key in _GIVEN_TO_FIELD:
            fields[_GIVEN_TO_FIELD[key]] = value
    return CadreInput(**fields)


def _plan_update(item: PlannedRow, current: _Existing, headers: dict[str, str]) -> None:
    data, old = item.data, current.data
    assert data is not None
    labels = {**{k: HEADERS[k] for k in HEADERS}, "section_id": "科室", "rank_id": "职级"}
    item.changes = [labels[k] for k in PERSON_FIELDS if getattr(data, k) != getattr(old, k)]
    moved = [k for k in POST_FIELDS if getattr(data, k) != getattr(old, k)]
    item.changes += [labels.get(k, "职务") for k in moved]
    since = item.post_since
    if current.open_posting_id is None:
        if moved or since is not None:
            item.posting_op = PostingOp.OPEN
    elif since is not None and current.open_since is not None and since > current.open_since:
        item.posting_op = PostingOp.MOVE if moved else PostingOp.CORRECT
    elif moved or (since is not None and since != current.open_since):
        item.posting_op = PostingOp.CORRECT
    if since is not None and since != current.open_since:
        item.changes.append(HEADERS["post_since"])
        if (
            item.posting_op is PostingOp.CORRECT
            and current.previous_start is not None
            and since <= current.previous_start
        ):
            item.problems.append(
                FieldProblem(
                    headers["post_since"],
                    f"早于上一任职的起始时间 {current.previous_start:%Y-%m-%d}",
                    item.row,
                    f"{since:%Y-%m-%d}",
                )
            )
    item.action = RowAction.UPDATE if item.changes else RowAction.SAME


@requires(Permission.EDIT, area="人员与试用")
def apply_roster_import(
    db: Database, plan: ImportPlan, *, today: date | None = None, progress: Progress | None = None
) -> ImportResult:
    """Write a clean plan in one transaction; a plan with problems is refused whole."""
    today = today or date.today()
    tick = progress or (lambda _d, _t, _x: True)
    if plan.problems:
        raise ValidationFailed(plan.problems)
    if _fingerprint(db) != plan.fingerprint:
        raise OrgDeskError("预览之后名册已有变动，请重新预览后再导入")
    total = len(plan.rows)
    new_rows = [r for r in plan.rows if r.action is RowAction.NEW]
    changed = [r for r in plan.rows if r.action is RowAction.UPDATE]
    stamp = now()
    backup_before(db, "import")
    with db.unit_of_work() as uow, _cycle_collection_paused():
        s = uow.session
        if new_rows or changed:  # an import that changes nothing leaves no trace
            record_event(
                s,
                "导入",
                table="cadres",
                note=f"人员名册导入：新增 {len(new_rows)} 人，更新 {len(changed)} 人",
            )
        if new_rows:
            # Core executemany with ids assigned here: one statement for all rows (the
            # database is locked for this program, so max(id) cannot move under us).
            first = (s.scalar(select(func.max(Cadre.id))) or 0) + 1
            ids = range(first, first + len(new_rows))
            cadre_rows = [_new_record(r, i, stamp) for r, i in zip(new_rows, ids, strict=True)]
            bulk_insert(s, Cadre.__table__, CADRE_COLUMNS, cadre_rows)
            if not tick(total * 2 + len(new_rows) // 2, total * 3, "正在写入…"):
                raise ImportCancelled()
            posting_rows = [_open_posting(r, i, today) for r, i in zip(new_rows, ids, strict=True)]
            bulk_insert(s, Posting.__table__, POSTING_COLUMNS, posting_rows)
        for index, r in enumerate(changed):
            _update(s, r, stamp, today)
            if index % 200 == 199 and not tick(
                total * 2 + len(new_rows) + index, total * 3, "正在写入…"
            ):
                raise ImportCancelled()
        if not tick(total * 3, total * 3, "正在保存…"):
            raise ImportCancelled()
        uow.commit()
    return ImportResult(len(new_rows), len(changed), plan.count(RowAction.SAME))


def _pinyin(name: str) -> tuple[str, str]:
    syllables = name_syllables(name)
    return "".join(s[0] for s in syllables), "".join(syllables)


_person_values = attrgetter(*PERSON_FIELDS)
CADRE_COLUMNS = (
    "id",
    *PERSON_FIELDS,
    "name_initials",
    "name_pinyin",
    "section_id",
    "post_title",
    "rank_id",
    "status",
    "created_at",
    "updated_at",
    "version",
)
POSTING_COLUMNS = (
    "cadre_id",
    "unit",
    "section_id",
    "post_title",
    "rank_id",
    "start_date",
    "end_date",
    "note",
)


def _new_record(r: PlannedRow, cadre_id: int, stamp: Any) -> tuple[Any, ...]:
    data = r.data
    assert data is not None
    initials, pinyin = _pinyin(data.name)
    return (
        cadre_id,
        *_person_values(data),
        initials,
        pinyin,
        data.section_id,
        data.post_title or "科员",
        data.rank_id,
        CadreStatus.ACTIVE.value,
        stamp,
        stamp,
        1,
    )


def _open_posting(r: PlannedRow, cadre_id: int, today: date) -> tuple[Any, ...]:
    data = r.data
    assert data is not None
    return (
        cadre_id,
        HOME_UNIT,
        data.section_id,
        data.post_title or "科员",
        data.rank_id,
        r.post_since or data.joined_department or today,
        None,
        "",
    )


def _update(s: Any, r: PlannedRow, stamp: Any, today: date) -> None:
    data = r.data
    assert data is not None and r.cadre_id is not None
    values: dict[str, Any] = {k: getattr(data, k) for k in PERSON_FIELDS}
    values["name_initials"], values["name_pinyin"] = _pinyin(data.name)
    if r.posting_op is PostingOp.MOVE:
        assert r.post_since is not None
        apply_move(
            s, Move(r.cadre_id, r.post_since, data.section_id, data.post_title, data.rank_id)
        )
    elif r.posting_op is PostingOp.OPEN:
        bulk_insert(s, Posting.__table__, POSTING_COLUMNS, [_open_posting(r, r.cadre_id, today)])
    elif r.posting_op is PostingOp.CORRECT:
        corrected: dict[str, Any] = {
            "section_id": data.section_id,
            "post_title": data.post_title,
            "rank_id": data.rank_id,
        }
        if r.post_since is not None:
            corrected["start_date"] = r.post_since
        s.execute(update(Posting).where(Posting.id == r.open_posting_id).values(**corrected))
    values.update(section_id=data.section_id, post_title=data.post_title, rank_id=data.rank_id)
    s.execute(
        update(Cadre)
        .where(Cadre.id == r.cadre_id)
        .values(**values, updated_at=stamp, version=Cadre.version + 1)
    )


def import_roster(
    db: Database, path: Path, *, today: date | None = None, progress: Progress | None = None
) -> tuple[ImportPlan, ImportResult | None]:
    """Plan, and apply when the plan is clean (the CLI path)."""
    plan = plan_roster_import(db, path, today=today, progress=progress)
    if plan.problems:
        return plan, None
    return plan, apply_roster_import(db, plan, today=today, progress=progress)


__all__ = [
    "ImportCancelled",
    "ImportPlan",
    "ImportResult",
    "PlannedRow",
    "PostingOp",
    "RowAction",
    "apply_roster_import",
    "import_roster",
    "plan_roster_import",
]
