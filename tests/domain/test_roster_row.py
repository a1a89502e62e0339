"""Reading one roster row: every normalisation, and refusals that name the column."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin
from pypinyin.phrases_dict import phrases_dict
from pypinyin.pinyin_dict import pinyin_dict

from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.names import _han_run, name_syllables
from orgdesk.domain.roster_row import HEADERS, missing_for_new, parse_roster_row

SECTIONS = {"办公室": 1, "干部科": 2}
RANKS = {"一级科员": 10, "副科长": 11}
ID = make_id_number("410102", date(1985, 3, 1), 11)


def read(**cells: object):
    headers = {k: HEADERS[k] for k in HEADERS}
    return parse_roster_row(5, cells, headers, SECTIONS, RANKS)


def test_names_lose_padding_and_full_width_spaces() -> None:
    assert read(name="张　三").values["name"] == "张三"
    assert read(name=" 李 四 ").values["name"] == "李四"
    assert read(name="阿依古丽.买买提").values["name"] == "阿依古丽·买买提"


def test_id_numbers_full_width_lowercase_x_and_spaces() -> None:
    x_id = next(
        make_id_number("110105", date(1990, 1, 1), n)
        for n in range(1000)
        if make_id_number("110105", date(1990, 1, 1), n).endswith("X")
    )
    typed = x_id[:-1].translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}) + "x"
    assert read(id_number=f" {typed[:6]} {typed[6:]} ").values["id_number"] == x_id


def test_id_stored_as_number_is_reported_not_guessed() -> None:
    result = read(id_number=float(ID[:-1] + "0"))
    assert "id_number" not in result.values
    [problem] = result.problems
    assert problem.row == 5 and problem.field == "身份证号"
    assert "被 Excel 存成了数字" in problem.message


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1985.03", date(1985, 3, 1)),
        ("1985-3-1", date(1985, 3, 1)),
        ("1985年3月", date(1985, 3, 1)),
        ("19850301", date(1985, 3, 1)),
        ("１９８５．０３", date(1985, 3, 1)),
        (date(1985, 3, 1), date(1985, 3, 1)),
        (datetime(1985, 3, 1, 0, 0), date(1985, 3, 1)),
        (31107.0, date(1985, 3, 1)),  # an Excel serial
        (1985.03, date(1985, 3, 1)),  # typed into a number cell
    ],
)
def test_dates_in_every_written_form(cell: object, expected: date) -> None:
    assert read(first_employment=cell).values["first_employment"] == expected


def test_impossible_date_names_row_column_value_and_reason() -> None:
    [problem] = read(birth_date="1985-02-30").problems
    assert str(problem) == "第 5 行「出生日期」（1985-02-30）日期 1985-02-30 不存在"


def test_terms_short_forms_and_stray_spaces() -> None:
    v = read(
        sex="男 ", political_status="党员", education="本科", degree="学士学位", ethnicity="回"
    ).values
    assert (v["sex"], v["political_status"], v["education"], v["degree"], v["ethnicity"]) == (
        "男",
        "中共党员",
        "大学本科",
        "学士",
        "回族",
    )
    assert read(political_status="中共 党员").values["political_status"] == "中共党员"


def test_section_and_rank_by_name_with_spaces_and_full_width() -> None:
    v = read(section=" 干部 科", rank="副科长").values
    assert (v["section"], v["rank"]) == (2, 11)


def test_unknown_section_and_rank_list_the_known_ones() -> None:
    problems = read(section="宣传科", rank="处长").problems
    assert [str(p) for p in problems] == [
        "第 5 行「科室」（宣传科）不是已有的科室（现有：办公室、干部科）",
        "第 5 行「职级」（处长）不是已有的职级（现有：一级科员、副科长）",
    ]


def test_phone_typed_as_number_keeps_its_digits() -> None:
    assert read(phone=13900001111.0).values["phone"] == "13900001111"


def test_blank_cells_are_not_given() -> None:
    assert read(name="张三", education="", note="   ", birth_date=None).values == {"name": "张三"}


def test_post_title_keeps_full_width_brackets() -> None:
    assert read(post_title="科员（正科级） ").values["post_title"] == "科员（正科级）"


def test_new_people_need_section_and_rank() -> None:
    values = read(name="张三", id_number=ID)
    problems = missing_for_new(values, {k: HEADERS[k] for k in HEADERS})
    assert [str(p) for p in problems] == [
        "第 5 行「科室」为必填项，不能为空",
        "第 5 行「职级」为必填项，不能为空",
    ]


# -- the fast pinyin path used by bulk imports reads exactly like pypinyin -------------


def _reference(run: str) -> list[str]:
    return [
        r
        for r in lazy_pinyin(run, style=Style.NORMAL, errors="ignore")
        if r.isascii() and r.isalnum()
    ]


def test_fast_pinyin_agrees_with_pypinyin_on_every_dictionary_phrase() -> None:
    """Phrases made only of single-reading characters are where the fast path applies."""
    single = [p for p in phrases_dict if all("," not in pinyin_dict.get(ord(c), ",") for c in p)]
    assert len(single) > 1000
    assert [p for p in single if _han_run(p) != _reference(p)] == []


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=4
    )
)
def test_fast_pinyin_agrees_with_pypinyin_on_any_han_text(run: str) -> None:
    assert _han_run(run) == _reference(run)


def test_name_syllables_unchanged_for_surnames() -> None:
    assert name_syllables("单雄信") == ["shan", "xiong", "xin"]
    assert name_syllables("欧阳娜娜") == ["ou", "yang", "na", "na"]
