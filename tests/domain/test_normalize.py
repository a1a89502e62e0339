"""Forgiving cell parsing for the roster import: dates, headers, 身份证号 cells."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from orgdesk.domain.idcard import IdNumberError
from orgdesk.domain.normalize import (
    DateParseError,
    normalize_header,
    parse_id_cell,
    parse_loose_date,
    to_halfwidth,
)

EXCEL_LOST_DIGITS = "身份证号被 Excel 存成了数字，末几位已丢失，请把该列设为文本后重新录入"


def test_to_halfwidth() -> None:
    assert to_halfwidth("１９８５．０３") == "1985.03"
    assert to_halfwidth("ＡＢｃ！～") == "ABc!~"
    assert to_halfwidth("张　三") == "张 三"
    assert to_halfwidth("中文，标点。") == "中文,标点。"


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("姓名", "姓名"),
        (" 姓　名 ", "姓名"),
        ("姓名：", "姓名"),
        ("姓名:", "姓名"),
        ("*姓名", "姓名"),
        ("＊姓名", "姓名"),
        ("出生日期*：", "出生日期"),
        ("身份证号\n（18位）", "身份证号(18位)"),
    ],
)
def test_normalize_header(raw: str, key: str) -> None:
    assert normalize_header(raw) == key


@pytest.mark.parametrize(
    "text",
    [
        "1985.03",
        "1985.3",
        "1985-3-1",
        "1985-03-01",
        "1985/03/01",
        "1985/3/1",
        "1985.03.01",
        "1985年3月",
        "1985年03月",
        "1985年3月1日",
        "1985年3月1号",
        "19850301",
        "198503",
        "1985-03",
        "１９８５．０３",
        "１９８５年３月１日",
        " 1985.03 ",
        "1985-03-01 00:00:00",
        "1985—03",
    ],
)
def test_written_forms_of_march_1985(text: str) -> None:
    assert parse_loose_date(text) == date(1985, 3, 1)


def test_month_only_gives_day_one() -> None:
    assert parse_loose_date("2003.11") == date(2003, 11, 1)
    assert parse_loose_date("2003年12月") == date(2003, 12, 1)


def test_date_objects_pass_through() -> None:
    assert parse_loose_date(date(1990, 7, 15)) == date(1990, 7, 15)
    assert parse_loose_date(datetime(1990, 7, 15, 8, 30)) == date(1990, 7, 15)


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),
        (31107, date(1985, 3, 1)),
        (31107.75, date(1985, 3, 1)),
        (45292, date(2024, 1, 1)),
    ],
)
def test_excel_serials(serial: float, expected: date) -> None:
    assert parse_loose_date(serial) == expected


def test_numbers_typed_as_dates_in_number_cells() -> None:
    assert parse_loose_date(19850301) == date(1985, 3, 1)
    assert parse_loose_date(198503) == date(1985, 3, 1)
    assert parse_loose_date(1985.03) == date(1985, 3, 1)
    assert parse_loose_date(1985.12) == date(1985, 12, 1)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1985.13", "月份 13 不存在"),
        ("1985-00-01", "月份 0 不存在"),
        ("1985-02-30", "日期 1985-02-30 不存在"),
        ("19850230", "日期 1985-02-30 不存在"),
        ("2023年2月29日", "日期 2023-02-29 不存在"),
        ("85.3", "无法识别的日期"),
        ("三月", "无法识别的日期"),
        ("1985", "只有年份"),
        (1985, "只有年份"),
        ("", "日期为空"),
        (None, "日期为空"),
        (60, "日期 1900-02-29 不存在"),
        (0, "无法识别的日期"),
        (-5, "无法识别的日期"),
        (13800138000, "无法识别的日期"),
        (float("nan"), "无法识别的日期"),
        (True, "无法识别的日期"),
        ([1985, 3], "无法识别的日期"),
    ],
)
def test_date_errors_give_a_reason(value: object, message: str) -> None:
    with pytest.raises(DateParseError, match=message):
        parse_loose_date(value)


def test_ambiguous_year_dot_one_is_refused() -> None:
    # Excel turns the typed 1985.10 into the number 1985.1: January or October?
    with pytest.raises(DateParseError, match="1 月还是 10 月"):
        parse_loose_date(1985.1)
    # As text it is unambiguous.
    assert parse_loose_date("1985.1") == date(1985, 1, 1)
    assert parse_loose_date("1985.10") == date(1985, 10, 1)


def test_date_parse_error_is_a_value_error() -> None:
    assert issubclass(DateParseError, ValueError)


@pytest.mark.parametrize(
    "value", [110105194912310000, 1101051949123100, 1.1010519491231e17, 110105.0]
)
def test_id_stored_as_number_is_refused(value: float) -> None:
    with pytest.raises(IdNumberError, match=EXCEL_LOST_DIGITS):
        parse_id_cell(value)


def test_id_cell_text_is_normalised() -> None:
    assert parse_id_cell(" 11010519491231002x ") == "11010519491231002X"
    assert parse_id_cell("１１０１０５１９４９１２３１００２Ｘ") == "11010519491231002X"
    # A 15-digit old number fits in a number cell intact; parse_id_number explains it.
    assert parse_id_cell(110105491231002) == "110105491231002"
    assert parse_id_cell(None) == ""


valid_dates = st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 12, 31))
FORMATS = [
    "{y}.{m:02d}.{d:02d}",
    "{y}.{m}.{d}",
    "{y}-{m}-{d}",
    "{y}/{m:02d}/{d:02d}",
    "{y}年{m}月{d}日",
    "{y}{m:02d}{d:02d}",
    "{y}-{m:02d}-{d:02d} 00:00:00",
]
MONTH_FORMATS = ["{y}.{m:02d}", "{y}.{m}", "{y}年{m}月", "{y}{m:02d}", "{y}-{m:02d}", "{y}/{m}"]


@given(valid_dates, st.sampled_from(FORMATS), st.booleans())
def test_every_format_round_trips(day: date, fmt: str, wide: bool) -> None:
    text = fmt.format(y=day.year, m=day.month, d=day.day)
    if wide:
        text = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)
    assert parse_loose_date(text) == day


@given(valid_dates, st.sampled_from(MONTH_FORMATS))
def test_every_month_format_gives_the_first(day: date, fmt: str) -> None:
    text = fmt.format(y=day.year, m=day.month)
    assert parse_loose_date(text) == day.replace(day=1)


@given(st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)))
def test_excel_serial_round_trip(day: date) -> None:
    serial = (day - date(1899, 12, 30)).days
    # Numbers that read as a year (1905 serials) or yyyymm (2420s serials) are not serials.
    assume(not 1900 <= serial <= 2100 and not 190001 <= serial <= 210012)
    assert parse_loose_date(serial) == day
    assert parse_loose_date(serial + 0.5) == day


@given(st.text(max_size=12))
def test_any_text_parses_or_raises_date_parse_error(text: str) -> None:
    try:
        result = parse_loose_date(text)
    except DateParseError:
        return
    assert isinstance(result, date)
