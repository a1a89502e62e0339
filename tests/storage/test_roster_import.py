"""Roster import from real .xlsx files: forgiving about form, strict about truth, all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from orgdesk.cli.main import main
from orgdesk.domain.errors import ValidationFailed
from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.people import CadreInput
from orgdesk.services.people import get_cadre, save_cadre
from orgdesk.services.reference import reference_data
from orgdesk.services.roster_excel import EXAMPLE_ID, ROSTER_HEADERS, export_roster, write_template
from orgdesk.services.roster_import import (
    ImportCancelled,
    RowAction,
    apply_roster_import,
    import_roster,
    plan_roster_import,
)
from orgdesk.storage.database import Database
from orgdesk.storage.models import Cadre
from orgdesk.storage.xlsx_read import ImportFileError
from tests.trust_support import cli_db, snapshot

TODAY = date(2026, 6, 30)


def idn(birth: date, seq: int = 11) -> str:
    return make_id_number("410102", birth, seq)


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def dump(db: Database) -> dict[str, list[tuple]]:
    return snapshot(db, with_audit=True)


def cadre_by_id(db: Database, id_number: str) -> tuple[CadreInput, str]:
    """The stored cadre (as the form sees it) and its pinyin initials."""
    with db.unit_of_work() as uow:
        found = uow.session.execute(
            select(Cadre.id, Cadre.name_initials).where(Cadre.id_number == id_number)
        ).one()
    return get_cadre(db, found[0])[0], found[1]


HEAD = ["姓名", "身份证号", "科室", "职级"]


# -- forgiving about form ---------------------------------------------------------------


def test_new_people_with_synonym_headers_in_any_order_under_a_title_row(
    db: Database, tmp_path: Path
) -> None:
    x_id = next(
        make_id_number("110105", date(1988, 8, 8), n)
        for n in range(1000)
        if make_id_number("110105", date(1988, 8, 8), n).endswith("X")
    )
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in idn(date(1985, 3, 1)))
    path = write_xlsx(
        tmp_path / "roster.xlsx",
        [
            ["2026年机关干部花名册"],
            [
                "序号",
                "公民身份号码",
                "姓 名",
                "出生年月",
                "工作时间",
                "所在科室",
                "职务层次",
                "文化程度",
                "政治面貌",
                "进入本部门时间",
                "任现职务时间",
                "手机",
            ],
            [
                1,
                f" {wide} ",
                "张　三",
                "1985.03",
                "2008-7-1",
                "办公室",
                "一级科员",
                "本科",
                "党员",
                "2010年3月",
                "20150601",
                13900001111,
            ],
            [
                2,
                x_id.lower(),
                "李四",
                "",
                39630.0,
                "干部 科",
                "副科长",
                "研究生",
                "中共 党员",
                "2012.09",
                "",
                "",
            ],
        ],
    )
    plan, result = import_roster(db, path, today=TODAY)
    assert plan.problems == [] and result is not None
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert plan.ignored_columns == ["序号"]

    zhang, initials = cadre_by_id(db, idn(date(1985, 3, 1)))
    assert zhang.name == "张三" and zhang.sex == "男"
    assert zhang.birth_date == date(1985, 3, 1)
    assert zhang.first_employment == date(2008, 7, 1)
    assert zhang.joined_department == date(2010, 3, 1)
    assert (zhang.education, zhang.political_status, zhang.phone) == (
        "大学本科",
        "中共党员",
        "13900001111",
    )
    assert initials == "zs"
    [posting] = zhang.postings
    assert (posting.unit, posting.start_date, posting.end_date) == ("本部", date(2015, 6, 1), None)

    li, _initials = cadre_by_id(db, x_id)
    assert li.birth_date == date(1988, 8, 8)  # from the ID, the cell was blank
    assert li.first_employment == date(2008, 7, 1)  # Excel serial 39630
    ref = reference_data(db)
    assert ref.section(li.section_id).name == "干部科"  # type: ignore[union-attr]
    assert ref.rank(li.rank_id).name == "副科长"  # type: ignore[union-attr]
    assert li.postings[0].start_date == date(2012, 9, 1)  # no 任现职时间: from 进入本部时间


# -- strict about truth: every error kind, one line each, nothing written -----------------


def error_file(path: Path) -> Path:
    good = idn(date(1985, 3, 1))
    bad_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    return write_xlsx(
        path,
        [
            ["姓名", "身份证号", "出生日期", "科室", "职级"],
            ["张三", good, "", "办公室", "一级科员"],  # row 2: fine
            ["李四", float(idn(date(1986, 1, 1), 13)), "", "办公室", "一级科员"],  # ID as a number
            ["王五", bad_check, "", "办公室", "一级科员"],  # check digit
            ["赵六", idn(date(1987, 2, 1), 15), "1987-02-30", "办公室", "一级科员"],  # impossible
            ["钱七", idn(date(1988, 2, 1), 17), "1988-03-01", "办公室", "一级科员"],  # disagrees
            ["", idn(date(1989, 2, 1), 19), "", "办公室", "一级科员"],  # missing name
            ["孙八", good, "", "办公室", "一级科员"],  # duplicate of row 2
            ["周九", idn(date(1990, 2, 1), 21), "", "宣传科", "一级科员"],  # unknown 科室
            ["吴十", idn(date(1991, 2, 1), 23), "", "办公室", "处长"],  # unknown 职级
        ],
    )


EXPECTED_LINES = [
    "第 3 行「身份证号」（41010219860101",  # the lost digits are shown as Excel has them
    "第 4 行「身份证号」（",
    "第 5 行「出生日期」（1987-02-30）日期 1987-02-30 不存在",
    "第 6 行「出生日期」（1988-03-01）与身份证号不符（身份证号中为 1988-02-01）",
    "第 7 行「姓名」为必填项，不能为空",
    "第 8 行「身份证号」（",
    "第 9 行「科室」（宣传科）不是已有的科室（现有：办公室、综合科、组织科、干部科、人才科、干部监督科、县委党员教育中心）",
    "第 10 行「职级」（处长）不是已有的职级（现有：二级科员、一级科员、四级主任科员、副科长、三级主任科员、科长、副部长、四级调研员、部长）",
]


def test_every_error_kind_is_one_line_naming_row_column_value_and_reason(
    db: Database, tmp_path: Path
) -> None:
    plan = plan_roster_import(db, error_file(tmp_path / "bad.xlsx"), today=TODAY)
    lines = [str(p) for p in plan.problems]
    assert len(lines) == len(EXPECTED_LINES)
    for line, start in zip(lines, EXPECTED_LINES, strict=True):
        assert line.startswith(start), line
    assert "被 Excel 存成了数字，末几位已丢失" in lines[0]
    assert "校验位错误（应为" in lines[1]
    assert lines[5].endswith("与第 2 行重复（同一人只能出现一次）")
    assert plan.rows[0].action is RowAction.NEW  # the good row is fine on its own…
    assert plan.count(RowAction.ERROR) == 8


def test_a_failed_import_changes_nothing(demo_db: Database, tmp_path: Path) -> None:
    before = dump(demo_db)
    plan, result = import_roster(demo_db, error_file(tmp_path / "bad.xlsx"), today=TODAY)
    assert result is None and plan.problems
    with pytest.raises(ValidationFailed):
        apply_roster_import(demo_db, plan, today=TODAY)
    assert dump(demo_db) == before  # …but nothing at all was written


def test_cli_prints_every_problem_and_exits_1(db_path: Path, tmp_path: Path, capsys) -> None:
    Database.open(db_path).close()
    before = snapshot(db_path, with_audit=True)
    code = main(["import", "roster", str(error_file(tmp_path / "bad.xlsx")), "--db", str(db_path)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err[0] == "导入失败：bad.xlsx 中有 8 处问题，未导入任何数据。"
    assert [line[:8] for line in err[1:]] == [line[:8] for line in EXPECTED_LINES]
    assert snapshot(db_path, with_audit=True) == before


def test_a_file_that_is_not_xlsx_gets_one_sentence(
    db: Database, db_path: Path, tmp_path: Path, capsys
) -> None:
    fake = tmp_path / "名册.xlsx"
    fake.write_text("姓名,身份证号\n张三,1\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        plan_roster_import(db, fake, today=TODAY)
    assert "不是有效的 Excel .xlsx 文件" in str(caught.value)
    db.close()
    assert main(["import", "roster", str(fake), "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert (
        err.count("\n") == 1
        and "Traceback" not in err
        and err.startswith("错误：无法读取 名册.xlsx")
    )


def test_missing_and_repeated_columns_are_refused_as_a_whole(db: Database, tmp_path: Path) -> None:
    no_id = write_xlsx(tmp_path / "a.xlsx", [["姓名", "科室"], ["张三", "办公室"]])
    with pytest.raises(ImportFileError, match="缺少必需的列：身份证号"):
        plan_roster_import(db, no_id, today=TODAY)
    twice = write_xlsx(
        tmp_path / "b.xlsx",
        [
            ["姓名", "身份证号", "公民身份号码"],
            ["张三", idn(date(1985, 3, 1)), idn(date(1985, 3, 1))],
        ],
    )
    with pytest.raises(ImportFileError, match="「身份证号」与「公民身份号码」"):
        plan_roster_import(db, twice, today=TODAY)


def test_template_example_row_is_refused(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path, db)
    plan = plan_roster_import(db, path, today=TODAY)
    assert [str(p) for p in plan.problems] == [
        f"第 2 行「身份证号」（{EXAMPLE_ID}）这是模板中的示例行，请删除后再导入"
    ]


def test_template_has_headers_text_ids_and_drop_down_lists(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path, db)
    wb = load_workbook(path)
    ws = wb["人员名册"]
    assert [c.value for c in ws[1]] == list(ROSTER_HEADERS)
    assert (
        ws.cell(row=2, column=2).value == EXAMPLE_ID
        and ws.cell(row=3, column=2).number_format == "@"
    )
    lists = {}
    for rule in ws.data_validations.dataValidation:
        column = str(rule.sqref).split(":")[0].rstrip("0123456789")
        header = ws[f"{column}1"].value
        lists[header] = rule.formula1
    assert {"性别", "政治面貌", "学历", "科室", "职级"} <= set(lists)
    options = wb["选项"]
    assert options.sheet_state == "hidden"
    sections = [c.value for c in options["F"][1:] if c.value]
    assert sections[:2] == ["办公室", "综合科"] and "选项" in lists["科室"]
    assert "填写说明" in wb.sheetnames


# -- upsert by 身份证号 -------------------------------------------------------------------


def existing(db: Database) -> int:
    ref = reference_data(db)
    saved = save_cadre(
        db,
        CadreInput(
            name="张三",
            id_number=idn(date(1985, 3, 1)),
            education="大学专科",
            phone="123",
            joined_department=date(2010, 1, 1),
            section_id=ref.section_by_name("办公室").id,  # type: ignore[union-attr]
            rank_id=ref.rank_by_name("一级科员").id,  # type: ignore[union-attr]
            post_title="科员",
        ),
        today=TODAY,
    )
    return saved.id


def test_upsert_updates_given_cells_and_keeps_blank_ones(db: Database, tmp_path: Path) -> None:
    cadre_id = existing(db)
    path = write_xlsx(
        tmp_path / "u.xlsx",
        [["身份证号", "姓名", "学历", "联系电话"], [idn(date(1985, 3, 1)), "张三", "本科", ""]],
    )
    plan, result = import_roster(db, path, today=TODAY)
    assert result is not None and (result.created, result.updated) == (0, 1)
    assert plan.rows[0].changes == ["学历"]
    data, version = get_cadre(db, cadre_id)
    assert (data.education, data.phone, version) == ("大学本科", "123", 2)


def test_later_post_since_with_a_new_section_is_a_move(db: Database, tmp_path: Path) -> None:
    cadre_id = existing(db)
    path = write_xlsx(
        tmp_path / "m.xlsx",
        [
            [*HEAD, "职务", "任现职时间"],
            ["张三", idn(date(1985, 3, 1)), "干部科", "副科长", "副科长", "2024-01-01"],
        ],
    )
    plan, result = import_roster(db, path, today=TODAY)
    assert result is not None and plan.rows[0].posting_op.value == "调整职务"
    data, _version = get_cadre(db, cadre_id)
    old, new = data.postings
    assert (old.start_date, old.end_date) == (date(2010, 1, 1), date(2023, 12, 31))
    assert (new.post_title, new.start_date, new.end_date) == ("副科长", date(2024, 1, 1), None)
    assert data.post_title == "副科长"


def test_a_new_section_without_a_date_corrects_the_current_post(
    db: Database, tmp_path: Path
) -> None:
    cadre_id = existing(db)
    path = write_xlsx(
        tmp_path / "c.xlsx", [HEAD, ["张三", idn(date(1985, 3, 1)), "综合科", "一级科员"]]
    )
    plan, result = import_roster(db, path, today=TODAY)
    assert result is not None and plan.rows[0].posting_op.value == "更正现任职务"
    data, _version = get_cadre(db, cadre_id)
    [only] = data.postings
    assert reference_data(db).section(only.section_id).name == "综合科"  # type: ignore[union-attr]


def test_a_left_cadre_is_not_changed_by_an_import(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.unit_of_work() as uow:
        left = uow.session.scalar(select(Cadre).where(Cadre.status == "已调出"))
        assert left is not None
        number, name = left.id_number, left.name
    path = write_xlsx(tmp_path / "l.xlsx", [HEAD, [name, number, "办公室", "一级科员"]])
    [problem] = plan_roster_import(demo_db, path, today=TODAY).problems
    assert "已调出，名册导入不修改已调出人员" in problem.message


# -- export → import is a no-op; cancelling writes nothing ------------------------------


def test_export_then_import_changes_nothing(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    count = export_roster(demo_db, path)
    before = dump(demo_db)
    plan, result = import_roster(demo_db, path, today=TODAY)
    assert plan.problems == [] and result is not None
    assert (result.created, result.updated, result.unchanged) == (0, 0, count)
    assert dump(demo_db) == before


def test_export_cli_writes_the_template_columns(demo_db: Database, tmp_path: Path, capsys) -> None:
    path = tmp_path / "out.xlsx"
    demo_db.close()
    assert main(["export", "roster", str(path), "--db", cli_db(demo_db)]) == 0
    assert "已导出" in capsys.readouterr().out
    ws = load_workbook(path)["人员名册"]
    assert [c.value for c in ws[1]] == list(ROSTER_HEADERS)
    assert isinstance(ws.cell(row=2, column=2).value, str)  # 身份证号 as text
    assert main(["template", "roster", str(tmp_path / "t.xlsx")]) == 0


def test_cancelling_half_way_writes_nothing(db: Database, tmp_path: Path) -> None:
    rows: list[list[Any]] = [HEAD]
    rows += [
        [
            f"张{'一二三四五六七八九十'[n % 10]}{'甲乙丙丁戊'[n // 10]}",
            idn(date(1980, 1, 1 + n % 28), n),
            "办公室",
            "一级科员",
        ]
        for n in range(50)
    ]
    path = write_xlsx(tmp_path / "many.xlsx", rows)
    plan = plan_roster_import(db, path, today=TODAY)
    before = dump(db)
    with pytest.raises(ImportCancelled):
        apply_roster_import(db, plan, today=TODAY, progress=lambda d, t, x: "写入" not in x)
    assert dump(db) == before
    assert apply_roster_import(db, plan, today=TODAY).created == 50


def test_a_plan_made_before_other_changes_is_refused(db: Database, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "p.xlsx", [HEAD, ["李四", idn(date(1986, 1, 1)), "办公室", "一级科员"]]
    )
    plan = plan_roster_import(db, path, today=TODAY)
    existing(db)
    with pytest.raises(Exception, match="请重新预览"):
        apply_roster_import(db, plan, today=TODAY)
