"""check_cadre and the posting-history helpers (R-PPL-1, R-PPL-4)."""

from __future__ import annotations

from datetime import date

from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.people import (
    CadreInput,
    PostingInput,
    check_cadre,
    check_postings,
    current_posting,
    post_and_rank_since,
)

TODAY = date(2026, 6, 30)


def _valid(**over: object) -> CadreInput:
    data = CadreInput(name="张 三", id_number=make_id_number("410102", date(1985, 3, 1), 123))
    for key, value in over.items():
        setattr(data, key, value)
    return data


def test_valid_cadre_is_normalised_and_derives_birth_and_sex() -> None:
    data = _valid()
    assert [p for p in check_cadre(data, today=TODAY) if not p.warning] == []
    assert data.name == "张三"
    assert data.birth_date == date(1985, 3, 1)
    assert data.id_number[14:17] == "123"
    assert data.sex == "男"  # 17th digit 3 is odd


def test_birth_and_sex_must_agree_with_the_id() -> None:
    data = _valid(birth_date=date(1985, 3, 2), sex="女")
    fields = {p.field for p in check_cadre(data, today=TODAY)}
    assert {"出生日期", "性别"} <= fields


def test_lowercase_x_is_stored_upper() -> None:
    data = _valid(id_number="11010519491231002x")
    check_cadre(data, today=TODAY)
    assert data.id_number == "11010519491231002X"


def test_wrong_check_digit_names_the_field_and_expected_digit() -> None:
    problems = check_cadre(_valid(id_number="110105194912310021"), today=TODAY)
    assert any(p.field == "身份证号" and "应为 X" in p.message for p in problems)


def test_dates_in_future_or_before_sixteen_are_refused() -> None:
    problems = check_cadre(
        _valid(first_employment=date(1990, 1, 1), joined_department=date(2030, 1, 1)),
        today=TODAY,
    )
    messages = {(p.field, p.message) for p in problems}
    assert ("参加工作时间", "早于 16 周岁") in messages
    assert ("进入本部时间", "不能晚于今天") in messages


def test_two_open_postings_in_the_department_are_refused() -> None:
    lines = [
        PostingInput("本部", "科员", date(2010, 1, 1), None, section_id=1),
        PostingInput("本部", "副科长", date(2015, 1, 1), None, section_id=2),
    ]
    assert any("未结束" in p.message for p in check_postings(lines))


def test_posting_end_before_start_is_refused() -> None:
    lines = [PostingInput("本部", "科员", date(2010, 1, 1), date(2009, 1, 1), section_id=1)]
    assert any("早于" in p.message for p in check_postings(lines))


def test_rank_since_counts_back_over_moves_at_the_same_rank() -> None:
    lines = [
        PostingInput("城关镇", "科员", date(2005, 7, 1), date(2009, 12, 31)),
        PostingInput("本部", "科员", date(2010, 1, 1), date(2014, 12, 31), section_id=1, rank_id=1),
        PostingInput(
            "本部", "副科长", date(2015, 1, 1), date(2018, 12, 31), section_id=1, rank_id=4
        ),
        PostingInput("本部", "副科长", date(2019, 1, 1), None, section_id=2, rank_id=4),
    ]
    assert current_posting(lines) is lines[-1]
    assert post_and_rank_since(lines) == (date(2019, 1, 1), date(2015, 1, 1))


def test_no_open_posting_means_no_post_dates() -> None:
    lines = [PostingInput("本部", "科员", date(2010, 1, 1), date(2011, 1, 1), section_id=1)]
    assert post_and_rank_since(lines) == (None, None)
