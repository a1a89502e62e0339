"""services.people: adding and editing a cadre, all or nothing."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from orgdesk.domain.errors import NotFound, ValidationFailed
from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.people import CadreInput, CadreStatus, PostingInput
from orgdesk.services.people import get_cadre, save_cadre
from orgdesk.services.reference import ReferenceData, reference_data
from orgdesk.storage.database import Database
from orgdesk.storage.errors import ConcurrentEdit
from orgdesk.storage.models import Cadre, Posting

TODAY = date(2026, 6, 30)
BIRTH = date(1990, 5, 17)
ID_ZHANG = make_id_number("410102", BIRTH, 123)
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def ref(db: Database) -> ReferenceData:
    return reference_data(db)


def counts(db: Database) -> tuple[int, int]:
    with db.unit_of_work() as uow:
        s = uow.session
        return (
            s.scalar(select(func.count()).select_from(Cadre)),
            s.scalar(select(func.count()).select_from(Posting)),
        )


def zhang(ref: ReferenceData, **changes: object) -> CadreInput:
    base = CadreInput(
        name="张三",
        id_number=ID_ZHANG,
        section_id=ref.section_by_name("干部科").id,
        rank_id=ref.rank_by_name("一级科员").id,
        post_title="科员",
        education="大学本科",
        first_employment=date(2012, 7, 1),
        joined_department=date(2016, 3, 1),
    )
    return replace(base, **changes)


def stored(db: Database, cadre_id: int) -> Cadre:
    with db.unit_of_work() as uow:
        row = uow.session.get(Cadre, cadre_id)
        assert row is not None
        uow.session.expunge(row)
        return row


# -- adding -------------------------------------------------------------------------------


def test_adding_a_valid_cadre(db: Database, ref: ReferenceData) -> None:
    saved = save_cadre(db, zhang(ref), today=TODAY)
    assert saved.version == 1
    assert saved.warnings == []
    row = stored(db, saved.id)
    assert row.name == "张三"
    assert row.id_number == ID_ZHANG
    assert row.birth_date == BIRTH  # derived from the ID number
    assert row.sex == "男"  # 17th digit 3 is odd
    assert row.name_initials == "zs"
    assert row.name_pinyin == "zhangsan"
    assert row.status == CadreStatus.ACTIVE.value
    assert row.section_id == ref.section_by_name("干部科").id
    assert counts(db) == (1, 1)  # the form's section became an open posting
    data, version = get_cadre(db, saved.id)
    assert version == 1
    assert len(data.postings) == 1
    only = data.postings[0]
    assert only.end_date is None
    assert only.start_date == date(2016, 3, 1)  # from 进入本部时间
    assert only.unit == "本部"


def test_name_is_stored_normalised(db: Database, ref: ReferenceData) -> None:
    saved = save_cadre(db, zhang(ref, name=" 张　三 "), today=TODAY)
    assert stored(db, saved.id).name == "张三"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        (
            {"id_number": ID_ZHANG[:17] + ("0" if ID_ZHANG[17] != "0" else "1")},
            "身份证号",
            "校验位",
        ),
        ({"birth_date": date(1990, 5, 18)}, "出生日期", "与身份证号不符"),
        ({"sex": "女"}, "性别", "与身份证号不符"),
        ({"name": ""}, "姓名", "不能为空"),
        ({"name": "　 "}, "姓名", "不能为空"),
        ({"name": "张3"}, "姓名", "数字"),
        ({"id_number": "41010219900517123"}, "身份证号", "18 位"),
        ({"joined_department": date(2030, 1, 1)}, "进入本部时间", "不能晚于今天"),
        ({"joined_department": date(2010, 1, 1)}, "进入本部时间", "早于参加工作时间"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    db: Database, ref: ReferenceData, changes: dict, field: str, words: str
) -> None:
    save_cadre(
        db, zhang(ref, name="李四", id_number=make_id_number("410103", BIRTH, 22)), today=TODAY
    )
    before = counts(db)
    with pytest.raises(ValidationFailed) as caught:
        save_cadre(db, zhang(ref, **changes), today=TODAY)
    problems = caught.value.problems
    assert [p.field for p in problems] == [field], problems
    assert words in problems[0].message
    message = str(caught.value)
    assert f"「{field}」" in message
    assert CJK.search(problems[0].message)
    assert counts(db) == before


def test_duplicate_id_number_is_refused_and_names_the_holder(
    db: Database, ref: ReferenceData
) -> None:
    save_cadre(db, zhang(ref), today=TODAY)
    before = counts(db)
    with pytest.raises(ValidationFailed) as caught:
        save_cadre(db, zhang(ref, name="张叁"), today=TODAY)
    (problem,) = caught.value.problems
    assert problem.field == "身份证号"
    assert "已有同号人员「张三」" in problem.message
    assert counts(db) == before


def test_duplicate_id_typed_in_lower_case_is_still_a_duplicate(
    db: Database, ref: ReferenceData
) -> None:
    number = x_number()
    save_cadre(db, zhang(ref, id_number=number), today=TODAY)
    with pytest.raises(ValidationFailed):
        save_cadre(db, zhang(ref, name="张叁", id_number=number.lower()), today=TODAY)
    assert counts(db)[0] == 1


def test_several_problems_are_reported_together(db: Database, ref: ReferenceData) -> None:
    with pytest.raises(ValidationFailed) as caught:
        save_cadre(db, zhang(ref, name="", id_number="123"), today=TODAY)
    assert {p.field for p in caught.value.problems} == {"姓名", "身份证号"}
    assert counts(db) == (0, 0)


def test_a_section_that_no_longer_exists_is_refused(db: Database, ref: ReferenceData) -> None:
    with pytest.raises(ValidationFailed) as caught:
        save_cadre(db, zhang(ref, section_id=9999), today=TODAY)
    assert [p.field for p in caught.value.problems] == ["科室"]
    assert counts(db) == (0, 0)


def x_number() -> str:
    for seq in range(1000):
        number = make_id_number("410102", BIRTH, seq)
        if number.endswith("X"):
            return number
    raise AssertionError("no check digit X in range")


def test_lowercase_x_is_stored_as_upper_case(db: Database, ref: ReferenceData) -> None:
    number = x_number()
    saved = save_cadre(db, zhang(ref, id_number=number.lower()), today=TODAY)
    assert stored(db, saved.id).id_number == number
    assert stored(db, saved.id).id_number.endswith("X")


def test_unknown_area_code_saves_with_a_warning(db: Database, ref: ReferenceData) -> None:
    number = make_id_number("990102", BIRTH, 123)
    saved = save_cadre(db, zhang(ref, id_number=number), today=TODAY)
    assert stored(db, saved.id).id_number == number
    assert len(saved.warnings) == 1
    assert saved.warnings[0].field == "身份证号"
    assert "地区码" in saved.warnings[0].message
    assert saved.warnings[0].warning


# -- editing ------------------------------------------------------------------------------


def test_edit_bumps_the_version_and_a_stale_version_is_refused(
    db: Database, ref: ReferenceData
) -> None:
    saved = save_cadre(db, zhang(ref), today=TODAY)
    data, version = get_cadre(db, saved.id)
    assert version == 1
    data.phone = "13900000000"
    second = save_cadre(db, data, cadre_id=saved.id, expected_version=version, today=TODAY)
    assert second.version == 2

    stale, _ = get_cadre(db, saved.id)
    stale.phone = "13811111111"
    with pytest.raises(ConcurrentEdit) as caught:
        save_cadre(db, stale, cadre_id=saved.id, expected_version=1, today=TODAY)
    assert "已被他人修改" in str(caught.value)
    assert "张三" in str(caught.value)
    row = stored(db, saved.id)
    assert row.phone == "13900000000"
    assert row.version == 2


def test_bad_edit_leaves_the_record_as_it_was(db: Database, ref: ReferenceData) -> None:
    saved = save_cadre(db, zhang(ref), today=TODAY)
    data, version = get_cadre(db, saved.id)
    data.name = ""
    data.post_title = "副科长"
    with pytest.raises(ValidationFailed):
        save_cadre(db, data, cadre_id=saved.id, expected_version=version, today=TODAY)
    row = stored(db, saved.id)
    assert (row.name, row.post_title, row.version) == ("张三", "科员", 1)


def test_editing_keeps_the_own_id_number(db: Database, ref: ReferenceData) -> None:
    saved = save_cadre(db, zhang(ref), today=TODAY)
    data, version = get_cadre(db, saved.id)
    data.post_title = "副科长"
    save_cadre(db, data, cadre_id=saved.id, expected_version=version, today=TODAY)
    assert stored(db, saved.id).post_title == "副科长"


def test_editing_a_deleted_cadre_says_so(db: Database, ref: ReferenceData) -> None:
    with pytest.raises(NotFound):
        save_cadre(db, zhang(ref), cadre_id=4242, today=TODAY)
    with pytest.raises(NotFound):
        get_cadre(db, 4242)
    assert counts(db) == (0, 0)


# -- posting history ----------------------------------------------------------------------


def history(ref: ReferenceData) -> list[PostingInput]:
    office = ref.section_by_name("办公室").id
    cadre_section = ref.section_by_name("干部科").id
    return [
        PostingInput("城关镇人民政府", "科员", date(2012, 7, 1), date(2016, 2, 29)),
        PostingInput(
            "本部",
            "科员",
            date(2016, 3, 1),
            date(2020, 8, 31),
            section_id=office,
            rank_id=ref.rank_by_name("一级科员").id,
            note="首岗",
        ),
        PostingInput(
            "本部",
            "副科长",
            date(2020, 9, 1),
            None,
            section_id=cadre_section,
            rank_id=ref.rank_by_name("副科长").id,
        ),
    ]


def comparable(postings: list[PostingInput]) -> list[tuple]:
    return [
        (p.unit, p.post_title, p.start_date, p.end_date, p.section_id, p.rank_id, p.note)
        for p in postings
    ]


def test_posting_history_round_trips_and_the_open_one_is_current(
    db: Database, ref: ReferenceData
) -> None:
    lines = history(ref)
    saved = save_cadre(
        db,
        zhang(ref, section_id=None, rank_id=None, post_title="", postings=history(ref)),
        today=TODAY,
    )
    data, _ = get_cadre(db, saved.id)
    assert comparable(data.postings) == comparable(lines)
    assert all(p.id is not None for p in data.postings)
    row = stored(db, saved.id)
    assert row.section_id == ref.section_by_name("干部科").id
    assert row.rank_id == ref.rank_by_name("副科长").id
    assert row.post_title == "副科长"


def test_posting_history_is_read_back_in_date_order(db: Database, ref: ReferenceData) -> None:
    shuffled = list(reversed(history(ref)))
    saved = save_cadre(
        db, zhang(ref, section_id=None, rank_id=None, post_title="", postings=shuffled), today=TODAY
    )
    data, _ = get_cadre(db, saved.id)
    starts = [p.start_date for p in data.postings]
    assert starts == sorted(starts)


def test_the_form_section_rank_and_post_correct_the_open_posting(
    db: Database, ref: ReferenceData
) -> None:
    talent = ref.section_by_name("人才科").id
    chief = ref.rank_by_name("科长").id
    saved = save_cadre(
        db,
        zhang(ref, section_id=talent, rank_id=chief, post_title="科长", postings=history(ref)),
        today=TODAY,
    )
    data, _ = get_cadre(db, saved.id)
    open_line = [p for p in data.postings if p.end_date is None]
    assert len(open_line) == 1
    assert (open_line[0].section_id, open_line[0].rank_id, open_line[0].post_title) == (
        talent,
        chief,
        "科长",
    )
    assert open_line[0].start_date == date(2020, 9, 1)
    row = stored(db, saved.id)
    assert (row.section_id, row.rank_id, row.post_title) == (talent, chief, "科长")
    assert counts(db) == (1, 3)


def test_moving_a_cadre_closes_one_posting_and_opens_another(
    db: Database, ref: ReferenceData
) -> None:
    saved = save_cadre(
        db,
        zhang(ref, section_id=None, rank_id=None, post_title="", postings=history(ref)),
        today=TODAY,
    )
    data, version = get_cadre(db, saved.id)
    ids_before = [p.id for p in data.postings]
    data.postings[-1].end_date = date(2025, 12, 31)
    supervision = ref.section_by_name("干部监督科").id
    data.postings.append(
        PostingInput(
            "本部",
            "科长",
            date(2026, 1, 1),
            None,
            section_id=supervision,
            rank_id=ref.rank_by_name("科长").id,
        )
    )
    data.section_id = None
    data.rank_id = None
    data.post_title = ""
    save_cadre(db, data, cadre_id=saved.id, expected_version=version, today=TODAY)
    again, _ = get_cadre(db, saved.id)
    assert [p.id for p in again.postings][:3] == ids_before  # existing lines kept, not re-created
    assert len(again.postings) == 4
    row = stored(db, saved.id)
    assert (row.section_id, row.post_title) == (supervision, "科长")
    assert row.rank_id == ref.rank_by_name("科长").id


def test_removing_a_posting_line_deletes_it(db: Database, ref: ReferenceData) -> None:
    saved = save_cadre(
        db,
        zhang(ref, section_id=None, rank_id=None, post_title="", postings=history(ref)),
        today=TODAY,
    )
    data, version = get_cadre(db, saved.id)
    del data.postings[0]
    save_cadre(db, data, cadre_id=saved.id, expected_version=version, today=TODAY)
    again, _ = get_cadre(db, saved.id)
    assert [p.unit for p in again.postings] == ["本部", "本部"]
    assert counts(db) == (1, 2)


def test_two_open_postings_in_the_department_are_refused(db: Database, ref: ReferenceData) -> None:
    lines = history(ref)
    lines[1].end_date = None
    with pytest.raises(ValidationFailed) as caught:
        save_cadre(
            db,
            zhang(ref, section_id=None, rank_id=None, post_title="", postings=lines),
            today=TODAY,
        )
    assert any(p.field == "任职经历" for p in caught.value.problems)
    assert counts(db) == (0, 0)


def test_a_posting_ending_before_it_starts_is_refused(db: Database, ref: ReferenceData) -> None:
    lines = history(ref)
    lines[0].end_date = date(2011, 1, 1)
    with pytest.raises(ValidationFailed) as caught:
        save_cadre(db, zhang(ref, postings=lines), today=TODAY)
    assert [p.field for p in caught.value.problems] == ["任职经历第 1 条"]
    assert counts(db) == (0, 0)


def test_a_cadre_who_left_keeps_the_history_and_no_open_posting_is_invented(
    db: Database, ref: ReferenceData
) -> None:
    lines = history(ref)
    lines[-1].end_date = date(2025, 6, 30)
    saved = save_cadre(db, zhang(ref, status=CadreStatus.LEFT, postings=lines), today=TODAY)
    data, _ = get_cadre(db, saved.id)
    assert data.status is CadreStatus.LEFT
    assert all(p.end_date is not None for p in data.postings)
    assert counts(db) == (1, 3)
