"""The 操作日志: every change in every tab leaves entries with old and new values, in the
same transaction; nobody can edit it; exports are logged; it survives a restore (issue 9)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from orgdesk.domain.access import acting_as
from orgdesk.domain.approval_form import FamilyMember
from orgdesk.domain.errors import ValidationFailed
from orgdesk.domain.evaluation import Grade, VoteTally
from orgdesk.services.annual_report import write_annual_report
from orgdesk.services.audit import AuditFilter, AuditQuery, audit_users, export_audit
from orgdesk.services.backups import restore_database
from orgdesk.services.evaluation import FormText, decide_grade, record_votes, save_form_text
from orgdesk.services.evaluation_honours import HonourInput, add_honour, delete_honour
from orgdesk.services.evaluation_targets import TargetInput, save_target
from orgdesk.services.lrmx import apply_import, export_cadre, preview_import
from orgdesk.services.people import get_cadre, save_cadre
from orgdesk.services.reference import change_setting
from orgdesk.storage.audit import record_event
from orgdesk.storage.database import Database
from orgdesk.storage.errors import StorageError
from orgdesk.storage.models import Cadre, Section
from orgdesk.storage.models.audit import AuditEntry
from orgdesk.storage.models.evaluation import Appraisal
from tests.conftest import DEMO_TODAY
from tests.trust_support import (
    EVALUATION_CLERK,
    LEADER,
    PERSONNEL_CLERK,
    audit,
    audit_count,
    backups_of,
    tamper,
)

YEAR = DEMO_TODAY.year - 1
SAMPLE = Path(__file__).parent.parent / "fixtures" / "lrmx" / "zhang_wei.lrmx"


def some_cadre(db: Database) -> int:
    with db.unit_of_work() as uow:
        return int(uow.session.scalars(select(Cadre.id).order_by(Cadre.id)).first() or 0)


def new_entries(db: Database, since: int) -> list[dict]:
    return audit(db, "id > ?", (since,))


def last_id(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text("SELECT coalesce(max(id), 0) FROM audit_log")).scalar_one())


def test_a_change_to_a_person_is_logged_field_by_field_with_old_and_new(demo_db: Database) -> None:
    cid = some_cadre(demo_db)
    data, version = get_cadre(demo_db, cid)
    old_post = data.post_title
    removed = data.postings[0]
    data.post_title = "二级主任科员"
    data.note = '=HYPERLINK("http://x","y")'
    data.postings = data.postings[1:]
    assert data.details is not None
    data.details.family = [FamilyMember("妻子", "李静", date(1980, 5, 1), "群众", "县医院医生")]
    mark = last_id(demo_db)
    with acting_as(PERSONNEL_CLERK):
        save_cadre(demo_db, data, cadre_id=cid, expected_version=version, today=DEMO_TODAY)
    entries = new_entries(demo_db, mark)
    by_field = {(e["table_name"], e["field_label"]): e for e in entries}
    post = by_field[("cadres", "职务")]
    assert (post["old_value"], post["new_value"]) == (old_post, "二级主任科员")
    assert post["action"] == "修改"
    assert post["user_label"] == "经办人 张三" and post["username"] == "zhangsan"
    assert post["cadre_id"] == cid and post["person"] == data.name
    assert post["record_label"] == data.name
    assert by_field[("cadres", "备注")]["new_value"] == '=HYPERLINK("http://x","y")'
    gone = [e for e in entries if e["table_name"] == "postings" and e["action"] == "删除"]
    assert {e["field_label"] for e in gone} >= {"单位", "职务", "起始时间"}
    assert any(e["old_value"] == removed.unit for e in gone)
    assert all(e["new_value"] == "" and e["person"] == data.name for e in gone)
    family = [e for e in entries if e["table_name"] == "cadre_family_members"]
    assert any(e["field_label"] == "姓名" and e["new_value"] == "李静" for e in family)
    # Derived and bookkeeping columns are not noise in the log.
    assert not {e["field"] for e in entries} & {"version", "name_pinyin", "updated_at"}


def test_foreign_keys_read_as_names(demo_db: Database) -> None:
    cid = some_cadre(demo_db)
    data, version = get_cadre(demo_db, cid)
    with demo_db.unit_of_work() as uow:
        sections = {s.id: s.name for s in uow.session.scalars(select(Section))}
    other = next(sid for sid in sections if sid != data.section_id)
    old_name = sections[data.section_id] if data.section_id else ""
    data.section_id = other
    mark = last_id(demo_db)
    save_cadre(demo_db, data, cadre_id=cid, expected_version=version, today=DEMO_TODAY)
    (entry,) = [
        e
        for e in new_entries(demo_db, mark)
        if e["table_name"] == "cadres" and e["field"] == "section_id"
    ]
    assert (entry["old_value"], entry["new_value"]) == (old_name, sections[other])


def test_every_evaluation_action_is_logged(demo_db: Database) -> None:
    with demo_db.unit_of_work() as uow:  # someone already appraised this year: an update
        cid = uow.session.scalars(
            select(Appraisal.cadre_id)
            .where(  # …whose votes differ from the ones typed below, so each field changes
                Appraisal.year == YEAR, Appraisal.votes_excellent != 1, Appraisal.voters != 10
            )
            .order_by(Appraisal.cadre_id)
        ).first()
    assert cid is not None
    mark = last_id(demo_db)
    with acting_as(EVALUATION_CLERK):
        record_votes(demo_db, YEAR, cid, VoteTally(1, 2, 3, 4, 10))
        save_form_text(demo_db, YEAR, cid, FormText(self_summary="新的个人总结"))
        honour = add_honour(demo_db, HonourInput(YEAR, cid, "优秀共产党员", note="表彰"))
        delete_honour(demo_db, honour)
        with demo_db.unit_of_work() as uow:
            section = uow.session.scalars(select(Section.id)).first()
        save_target(demo_db, TargetInput(YEAR + 1, section, "完成干部档案专项审核", 20))
    with acting_as(LEADER):
        decide_grade(demo_db, YEAR, cid, Grade.BASIC, reason="部务会研究")
    entries = new_entries(demo_db, mark)
    labels = {(e["table_label"], e["action"], e["field_label"]): e for e in entries}
    assert labels[("年度考核", "修改", "优秀票")]["new_value"] == "1"
    assert labels[("年度考核", "修改", "参评人数")]["new_value"] == "10"
    assert labels[("年度考核", "修改", "个人总结")]["new_value"] == "新的个人总结"
    assert labels[("奖励", "新增", "奖励名称")]["new_value"] == "优秀共产党员"
    assert labels[("奖励", "删除", "奖励名称")]["old_value"] == "优秀共产党员"
    assert labels[("目标责任", "新增", "目标")]["new_value"] == "完成干部档案专项审核"
    grade = labels[("年度考核", "修改", "确定等次")]
    assert grade["new_value"] == Grade.BASIC.value and grade["user_label"] == "部领导 王部长"
    assert all(e["cadre_id"] == cid for e in entries if e["table_label"] in ("年度考核", "奖励"))


def test_settings_and_imports_are_logged(demo_db: Database) -> None:
    mark = last_id(demo_db)
    change_setting(demo_db, "rotation.years", 4)
    (entry,) = new_entries(demo_db, mark)
    assert (entry["record_label"], entry["old_value"], entry["new_value"]) == ("轮岗年限", "3", "4")
    mark = last_id(demo_db)
    with acting_as(PERSONNEL_CLERK):
        saved = apply_import(demo_db, preview_import(demo_db, SAMPLE, DEMO_TODAY), DEMO_TODAY)
    entries = new_entries(demo_db, mark)
    assert entries and all(e["note"] == "导入任免审批表 zhang_wei.lrmx" for e in entries)
    assert any(e["action"] == "新增" and e["cadre_id"] == saved.id for e in entries)
    backups = [b for b in backups_of(demo_db) if "before-import" in b.name]
    assert len(backups) == 1  # a safety backup came first


def test_a_rolled_back_change_leaves_no_entry(demo_db: Database) -> None:
    cid = some_cadre(demo_db)
    data, version = get_cadre(demo_db, cid)
    data.id_number = "123"
    count = audit_count(demo_db)
    with pytest.raises(ValidationFailed):
        save_cadre(demo_db, data, cadre_id=cid, expected_version=version)
    with demo_db.unit_of_work() as uow:
        row = uow.session.get(Cadre, cid)
        assert row is not None
        row.note = "不会提交"
        uow.session.flush()  # the entry is written in the transaction …
        assert uow.session.scalar(select(AuditEntry.id).where(AuditEntry.new_value == "不会提交"))
    assert audit_count(demo_db) == count  # … and goes with it


def test_nobody_can_change_or_delete_the_log(demo_db: Database) -> None:
    count = audit_count(demo_db)
    for sql in ("UPDATE audit_log SET new_value = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="只能追加"):
            tamper(demo_db, sql)
    with pytest.raises(StorageError, match="只能追加"), demo_db.unit_of_work() as uow:
        entry = uow.session.scalars(select(AuditEntry)).first()
        assert entry is not None
        entry.note = "篡改"
        uow.commit()
    assert audit_count(demo_db) == count


def test_exports_of_personal_data_are_logged(demo_db: Database, tmp_path: Path) -> None:
    cid = some_cadre(demo_db)
    name = get_cadre(demo_db, cid)[0].name
    mark = last_id(demo_db)
    with acting_as(LEADER):
        export_cadre(demo_db, cid, tmp_path / "a.lrmx", DEMO_TODAY)
        write_annual_report(demo_db, YEAR, xlsx=tmp_path / "r.xlsx", today=DEMO_TODAY)
    entries = new_entries(demo_db, mark)
    assert [e["action"] for e in entries] == ["导出", "导出"]
    assert entries[0]["person"] == name and entries[0]["cadre_id"] == cid
    assert str(tmp_path / "a.lrmx") in entries[0]["note"]
    assert entries[1]["table_label"] == f"{YEAR} 年度报告" and "r.xlsx" in entries[1]["note"]
    assert entries[1]["user_label"] == "部领导 王部长"


def test_the_demo_is_one_summary_entry_not_thousands(demo_db: Database) -> None:
    actions = [e["action"] for e in audit(demo_db)]
    assert actions.count("生成演示数据") == 1
    assert len(actions) < 10


def test_filters_person_record_date_and_user(demo_db: Database) -> None:
    cid = some_cadre(demo_db)
    data, version = get_cadre(demo_db, cid)
    data.note = "筛选测试"
    with acting_as(PERSONNEL_CLERK):
        save_cadre(demo_db, data, cadre_id=cid, expected_version=version, today=DEMO_TODAY)
    with acting_as(LEADER):
        q = AuditQuery(demo_db)
        assert q.count(AuditFilter(person=data.name)) >= 1
        assert all(r.person == data.name for r in q.page(AuditFilter(person=data.name)))
        assert q.count(AuditFilter(record="备注", username="zhangsan")) == 1
        assert q.count(AuditFilter(username="nobody")) == 0
        today = date.today()
        assert q.count(AuditFilter(date_from=today, date_to=today)) == q.count(AuditFilter())
        assert q.count(AuditFilter(date_to=today - timedelta(days=1))) == 0
        assert q.count(AuditFilter(record="%")) == 0  # LIKE wildcards are literal
        assert ("zhangsan", "经办人 张三") in audit_users(demo_db)
        newest = q.page(AuditFilter(), limit=1)[0]
        assert newest.field_label == "备注" and newest.new_value == "筛选测试"


def test_id_numbers_are_masked_in_the_viewer_and_its_export(
    demo_db: Database, tmp_path: Path
) -> None:
    cid = some_cadre(demo_db)
    data, version = get_cadre(demo_db, cid)
    data.note = f"核对身份证号 {data.id_number} 无误"
    save_cadre(demo_db, data, cadre_id=cid, expected_version=version, today=DEMO_TODAY)
    masked = data.id_number[:6] + "********" + data.id_number[-4:]
    with acting_as(LEADER):
        row = AuditQuery(demo_db).page(AuditFilter(record="备注"), limit=1)[0]
        assert masked in row.new_value and data.id_number not in row.new_value
        full = AuditQuery(demo_db, mask_ids=False).page(AuditFilter(record="备注"), limit=1)[0]
        assert data.id_number in full.new_value
        count = export_audit(demo_db, AuditFilter(), tmp_path / "log.xlsx")
    ws = load_workbook(tmp_path / "log.xlsx").active
    assert ws is not None
    assert [c.value for c in ws[1]] == [
        "时间",
        "用户",
        "操作",
        "类别",
        "记录",
        "字段",
        "原值",
        "新值",
        "说明",
    ]
    assert ws.max_row == count + 1
    values = [str(c.value) for row in ws.iter_rows(min_row=2) for c in row if c.value]
    assert any(masked in v for v in values)
    assert not any(data.id_number in v for v in values)


def test_formulas_in_the_log_are_exported_as_text(demo_db: Database, tmp_path: Path) -> None:
    cid = some_cadre(demo_db)
    data, version = get_cadre(demo_db, cid)
    data.note = '=HYPERLINK("http://x","y")'
    save_cadre(demo_db, data, cadre_id=cid, expected_version=version, today=DEMO_TODAY)
    export_audit(demo_db, AuditFilter(record="备注"), tmp_path / "log.xlsx")
    ws = load_workbook(tmp_path / "log.xlsx").active
    assert ws is not None
    cell = ws.cell(row=2, column=8)
    assert cell.value == '=HYPERLINK("http://x","y")' and cell.data_type == "s"


@pytest.mark.sqlite_only  # restoring the file; on the server pg_restore applies (refused here)
def test_the_log_survives_a_restore(demo_db: Database) -> None:
    backup = demo_db.backup("manual")
    cid = some_cadre(demo_db)
    data, version = get_cadre(demo_db, cid)
    data.note = "恢复前的修改"
    save_cadre(demo_db, data, cadre_id=cid, expected_version=version, today=DEMO_TODAY)
    before = audit(demo_db)
    restore_database(demo_db, backup)
    after = audit(demo_db)
    assert get_cadre(demo_db, cid)[0].note != "恢复前的修改"  # the data went back …
    strip = [{k: v for k, v in e.items() if k != "id"} for e in before]
    assert [{k: v for k, v in e.items() if k != "id"} for e in after[: len(before)]] == strip
    assert any(e["new_value"] == "恢复前的修改" for e in after)  # … the log did not
    assert after[-1]["action"] == "恢复"


def test_an_explicit_entry_for_core_bulk_work(db: Database) -> None:
    with db.unit_of_work() as uow:
        record_event(uow.session, "批量导入", table="cadres", note="花名册 120 人")
        uow.commit()
    (entry,) = audit(db, "action = '批量导入'")
    assert entry["table_label"] == "人员信息" and entry["user_label"] == "系统管理员 测试管理员"


def test_check_notices_when_the_log_protection_was_removed(db: Database) -> None:
    from orgdesk.storage.database import check_database

    report = check_database(db.location)
    assert report.ok and "操作日志保护：正常（只能追加）" in report.lines
    on_table = "" if db.location.is_sqlite else " ON audit_log"
    tamper(db, f"DROP TRIGGER audit_log_no_delete{on_table}")
    report = check_database(db.location)
    assert not report.ok
    assert any("防篡改触发器已被删除" in line for line in report.lines)


def test_the_migration_matches_the_models(db: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from orgdesk.storage.models.base import Base

    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    ours = [d for d in diff if any(t in repr(d) for t in ("'users'", "'audit_log'"))]
    assert ours == []
