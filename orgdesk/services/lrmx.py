"""干部任免审批表 use cases: export .lrmx, import .lrmx (preview, then apply), print PDF."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from orgdesk.domain.access import PERSONNEL_AREA, Permission, requires
from orgdesk.domain.approval_document import ApprovalDocument
from orgdesk.domain.approval_form import DETAIL_LABELS, TEXT_FIELDS, ApprovalDetails
from orgdesk.domain.errors import NotFound, ValidationFailed
from orgdesk.domain.idcard import normalize_id_number
from orgdesk.domain.people import FIELD_LABELS, CadreInput, CadreStatus, check_cadre
from orgdesk.services.approval_document import (
    build_document,
    default_current_post,
    read_document,
)
from orgdesk.services.audit import log_export
from orgdesk.services.backups import backup_before
from orgdesk.services.evaluation import yearly_grades
from orgdesk.services.people import SavedCadre, get_cadre, save_cadre
from orgdesk.storage.audit import import_note
from orgdesk.storage.database import Database
from orgdesk.storage.files import FileWriteFailed, ensure_folder
from orgdesk.storage.lrmx_file import read_lrmx, write_lrmx
from orgdesk.storage.models import Cadre, Rank, Section

Progress = Callable[[int, int, str], bool]


def section_names(db: Database) -> dict[int, str]:
    with db.unit_of_work() as uow:
        return {k: v for k, v in uow.session.execute(select(Section.id, Section.name))}


def cadre_id_for(db: Database, id_number: str) -> int:
    number = normalize_id_number(id_number)
    with db.unit_of_work() as uow:
        found = uow.session.scalar(select(Cadre.id).where(Cadre.id_number == number))
    if found is None:
        raise NotFound(f"没有身份证号为 {number} 的人员")
    return found


def cadre_ids(db: Database, *, include_left: bool = False) -> list[int]:
    with db.unit_of_work() as uow:
        stmt = select(Cadre.id).order_by(Cadre.name_pinyin, Cadre.id)
        if not include_left:
            stmt = stmt.where(Cadre.status != CadreStatus.LEFT.value)
        return list(uow.session.scalars(stmt))


def approval_document(db: Database, cadre_id: int, today: date | None = None) -> ApprovalDocument:
    """The filled-in form for one cadre (data first; files are written from this)."""
    data, _version = get_cadre(db, cadre_id)
    return build_document(
        data, section_names(db), yearly_grades(db, cadre_id), today or date.today()
    )


@requires(Permission.EXPORT, area=PERSONNEL_AREA, action="导出任免审批表")
def export_cadre(db: Database, cadre_id: int, path: Path, today: date | None = None) -> Path:
    doc = approval_document(db, cadre_id, today)
    write_lrmx(doc, path)
    log_export(db, "任免审批表（.lrmx）", path, cadre_id=cadre_id, person=doc.get("XingMing"))
    return path


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@requires(Permission.EXPORT, area=PERSONNEL_AREA, action="导出任免审批表")
def export_cadres(
    db: Database,
    ids: Iterable[int],
    folder: Path,
    today: date | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """One `姓名.lrmx` per cadre in `folder` (namesakes get the last four ID digits).

    Stops early, keeping the files already written, when `progress` returns False.
    """
    folder = Path(folder)
    try:
        ensure_folder(folder)
    except OSError as exc:
        raise FileWriteFailed(folder, exc) from exc
    wanted = list(ids)
    docs: list[ApprovalDocument] = []
    written: list[Path] = []
    names = section_names(db)
    for done, cadre_id in enumerate(wanted):
        data, _version = get_cadre(db, cadre_id)
        if progress is not None and not progress(done, len(wanted), f"正在导出：{data.name}"):
            return written
        grades = yearly_grades(db, cadre_id)
        docs.append(build_document(data, names, grades, today or date.today()))
    counts: dict[str, int] = {}
    for doc in docs:
        counts[doc.get("XingMing")] = counts.get(doc.get("XingMing"), 0) + 1
    for doc in docs:
        name = _UNSAFE.sub("_", doc.get("XingMing")) or "未命名"
        if counts[doc.get("XingMing")] > 1:
            name += "_" + doc.get("ShenFenZheng")[-4:]
        path = folder / f"{name}.lrmx"
        write_lrmx(doc, path)
        written.append(path)
    log_export(db, "任免审批表（.lrmx，批量）", folder, count=len(written))
    if progress is not None:
        progress(len(wanted), len(wanted), "导出完成")
    return written


# -- import -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ImportPreview:
    """What applying the file would do; nothing has been written yet."""

    source: Path
    name: str
    id_number: str
    cadre_id: int | None
    version: int | None
    changes: list[FieldChange]
    warnings: list[str]
    data: CadreInput

    @property
    def is_new(self) -> bool:
        return self.cadre_id is None

    def summary(self) -> str:
        head = (
            f"新增人员「{self.name}」（{self.id_number}）"
            if self.is_new
            else f"更新「{self.name}」（{self.id_number}）的 {len(self.changes)} 项信息"
        )
        if not self.is_new and not self.changes:
            head = f"「{self.name}」（{self.id_number}）的信息与文件一致，无需更新"
        return head


@requires(Permission.EDIT, area=PERSONNEL_AREA, action="导入任免审批表")
def preview_import(db: Database, path: Path, today: date | None = None) -> ImportPreview:
    """Read and check a .lrmx; raises `LrmxFileError` or `ValidationFailed` (Chinese)."""
    today = today or date.today()
    doc = read_lrmx(path)
    number = normalize_id_number(doc.get("ShenFenZheng"))
    with db.unit_of_work() as uow:
        found = uow.session.scalar(select(Cadre.id).where(Cadre.id_number == number))
    base, version = get_cadre(db, found) if found is not None else (None, None)
    grades = yearly_grades(db, found) if found is not None else {}
    names = section_names(db)
    read = read_document(doc, base, names, grades)
    checked = copy.deepcopy(read.data)
    problems = read.problems + check_cadre(checked, today=today)
    failed = ValidationFailed(problems)
    if failed.problems:
        raise failed
    before = base or CadreInput(name="", id_number="", ethnicity="", political_status="")
    changes = _changes(before, checked, db)
    if read.postings_added or read.postings_removed:
        changes.append(
            FieldChange(
                "任职经历（简历）",
                f"{len(before.postings)} 条",
                f"保留 {read.postings_kept} 条，新增 {read.postings_added} 条，"
                f"删除 {read.postings_removed} 条",
            )
        )
    warnings = [str(w) for w in failed.warnings]
    return ImportPreview(
        Path(path), checked.name, checked.id_number, found, version, changes, warnings, read.data
    )


@requires(Permission.EDIT, area=PERSONNEL_AREA, action="导入任免审批表")
def apply_import(db: Database, preview: ImportPreview, today: date | None = None) -> SavedCadre:
    """Save what the preview showed, in one transaction (refused if the record changed since).

    A safety backup is taken first; the 操作日志 gets every changed field (through
    save_cadre) and one entry naming the file.
    """
    backup_before(db, "import")
    with import_note(f"导入任免审批表 {preview.source.name}"):
        saved = save_cadre(
            db,
            copy.deepcopy(preview.data),
            cadre_id=preview.cadre_id,
            expected_version=preview.version,
            today=today,
        )
    return saved


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, CadreStatus):
        return value.value
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def _changes(before: CadreInput, after: CadreInput, db: Database) -> list[FieldChange]:
    with db.unit_of_work() as uow:
        sections = {k: v for k, v in uow.session.execute(select(Section.id, Section.name))}
        ranks = {k: v for k, v in uow.session.execute(select(Rank.id, Rank.name))}
    changes: list[FieldChange] = []
    for key, label in FIELD_LABELS.items():
        old, new = getattr(before, key), getattr(after, key)
        if key == "section_id":
            old, new = sections.get(old, ""), sections.get(new, "")
        elif key == "rank_id":
            old, new = ranks.get(old, ""), ranks.get(new, "")
        if _shown(old) != _shown(new):
            changes.append(FieldChange(label, _shown(old), _shown(new)))
    d0 = before.details or ApprovalDetails()
    d1 = after.details or ApprovalDetails()
    for key in (*TEXT_FIELDS, "party_joined"):
        old, new = getattr(d0, key), getattr(d1, key)
        if key == "current_post_text":  # empty means "as the current posting says"
            old = old or default_current_post(before.postings, sections)
            new = new or default_current_post(after.postings, sections)
        if _shown(old) != _shown(new):
            changes.append(FieldChange(DETAIL_LABELS[key], _shown(old), _shown(new)))
    if d0.family != d1.family:
        changes.append(
            FieldChange("家庭成员", _family_text(d0), _family_text(d1)),
        )
    if d0.photo != d1.photo:
        changes.append(
            FieldChange(
                "照片", "有" if d0.photo else "无", "更换为文件中的照片" if d0.photo else "有"
            )
        )
    return changes


def _family_text(d: ApprovalDetails) -> str:
    return "、".join(f"{m.relation} {m.name}" for m in d.family) or "无"


@requires(Permission.EXPORT, area=PERSONNEL_AREA, action="打印任免审批表")
def print_form(db: Database, cadre_id: int, path: Path, today: date | None = None) -> Path:
    """The approval form as a two-page A4 PDF with the CJK font embedded."""
    from orgdesk.storage.approval_pdf import write_approval_pdf

    doc = approval_document(db, cadre_id, today)
    write_approval_pdf(doc, path)
    log_export(db, "任免审批表（PDF）", path, cadre_id=cadre_id, person=doc.get("XingMing"))
    return path
