"""任免审批表 text rules: months, 简历 lines, unit/post splitting, checks."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgdesk.domain.approval_form import (
    ApprovalDetails,
    FamilyMember,
    ResumeEntry,
    check_details,
    evaluation_summary,
    home_prefix,
    join_unit_post,
    month_end,
    month_text,
    parse_month,
    parse_resume,
    resume_text,
    split_unit_post,
)
from orgdesk.domain.normalize import DateParseError

TODAY = date(2026, 6, 30)


@pytest.mark.parametrize(
    "text", ["198503", "1985.03", "1985-3", "1985年3月", "19850317", "１９８５.０３"]
)
def test_months_in_every_written_form(text: str) -> None:
    assert parse_month(text) == date(1985, 3, 1)


def test_month_empty_and_bad() -> None:
    assert parse_month("  ") is None
    with pytest.raises(DateParseError):
        parse_month("198513")
    with pytest.raises(DateParseError):
        parse_month("去年")
    assert month_text(date(1985, 3, 17)) == "198503"


def test_resume_text_and_back() -> None:
    entries = [
        ResumeEntry(
            date(2004, 7, 1), date(2012, 2, 29), "城关镇人民政府科员", ["（其间：在职学习）"]
        ),
        ResumeEntry(date(2012, 3, 1), None, "县委组织部干部科科员"),
    ]
    text = resume_text(entries)
    assert text.splitlines() == [
        "2004.07--2012.02  城关镇人民政府科员",
        "（其间：在职学习）",
        "2012.03--         县委组织部干部科科员",
    ]
    assert parse_resume(text) == entries


def test_resume_accepts_the_usual_variants() -> None:
    text = "2004.7—2012.2 城关镇科员\r\n\r\n2012年3月－至今 县委组织部科员\n２０１５.０１--２０１６.０１（借调）县委办"
    got = parse_resume(text)
    assert [(e.start, e.end) for e in got] == [
        (date(2004, 7, 1), date(2012, 2, 29)),
        (date(2012, 3, 1), None),
        (date(2015, 1, 1), date(2016, 1, 31)),
    ]
    assert got[1].text == "县委组织部科员"
    assert got[2].text == "（借调）县委办"


def test_resume_refuses_what_it_cannot_read() -> None:
    with pytest.raises(ValueError, match="第 1 行"):
        parse_resume("大学毕业后参加工作")
    with pytest.raises(ValueError, match="早于"):
        parse_resume("2010.01--2009.01  某单位")


@given(
    st.lists(
        st.tuples(
            st.dates(date(1950, 1, 1), date(2030, 12, 1)),
            st.one_of(st.none(), st.integers(0, 400)),
            st.text(
                alphabet="县局科员委办公室干部组织部乡镇人民政府（）其间学习",
                min_size=1,
                max_size=20,
            ),
        ),
        max_size=8,
    )
)
def test_resume_lines_read_back_as_written(rows: list) -> None:
    entries = []
    for start, months, text in rows:
        begin = start.replace(day=1)
        end = None
        if months is not None:
            y, m = divmod(begin.month - 1 + months, 12)
            end = month_end(date(begin.year + y, m + 1, 1))
        entries.append(ResumeEntry(begin, end, text.strip("（") or "科员"))
    assert resume_text(parse_resume(resume_text(entries))) == resume_text(entries)


@pytest.mark.parametrize(
    ("text", "unit", "post"),
    [
        ("县财政局科员", "县财政局", "科员"),
        ("城关镇人民政府组织委员", "城关镇人民政府", "组织委员"),
        ("郑州大学法学院法学专业学习", "郑州大学法学院法学专业", "学习"),
        ("县委组织部四级主任科员", "县委组织部", "四级主任科员"),
        ("某某有限公司", "某某有限公司", "某某有限公司"),
    ],
)
def test_split_and_join_give_the_text_back(text: str, unit: str, post: str) -> None:
    assert split_unit_post(text) == (unit, post)
    assert join_unit_post(unit, post) == text


def test_home_prefix() -> None:
    assert home_prefix("干部科") == "县委组织部干部科"
    assert home_prefix("县委党员教育中心") == "县委党员教育中心"
    assert home_prefix(None) == "县委组织部"


def test_evaluation_summary_shows_the_last_three_years() -> None:
    grades = {2021: "称职", 2022: "优秀", 2023: "称职", 2024: "优秀"}
    assert evaluation_summary(grades) == "2022年度考核优秀；2023年度考核称职；2024年度考核优秀。"
    assert evaluation_summary({}) == ""


def test_check_details_names_the_field() -> None:
    d = ApprovalDetails(
        native_place="  河南郑州 ",
        party_joined=date(2027, 1, 1),
        family=[FamilyMember("", "李静", date(2030, 1, 1))],
        photo=b"not an image",
    )
    problems = check_details(d, birth=date(1985, 3, 1), today=TODAY)
    text = [str(p) for p in problems]
    assert d.native_place == "河南郑州"
    assert "「入党时间」（2027.01）不能晚于今天" in text
    assert "「家庭成员第 1 行」「称谓」不能为空" in text
    assert "「家庭成员第 1 行」「出生日期」不能晚于今天" in text
    assert any("照片" in t and "JPG" in t for t in text)


def test_party_membership_before_eighteen_is_a_warning() -> None:
    d = ApprovalDetails(party_joined=date(2000, 1, 1))
    (problem,) = check_details(d, birth=date(1985, 3, 1), today=TODAY)
    assert problem.warning and "18" in problem.message
