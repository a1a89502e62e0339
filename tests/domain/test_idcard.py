"""GB 11643 身份证号: check digit, derived birth date and sex, clerk-facing errors."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgdesk.domain.idcard import (
    IdInfo,
    IdNumberError,
    check_digit,
    make_id_number,
    mask_id_number,
    normalize_id_number,
    parse_id_number,
)

TODAY = date(2024, 6, 1)

births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
areas = st.sampled_from(["110105", "320102", "440303", "510104", "650102", "820000"])
sequences = st.integers(min_value=0, max_value=999)


def test_known_valid_number() -> None:
    info = parse_id_number("11010519491231002X", today=TODAY)
    assert info == IdInfo(
        number="11010519491231002X",
        birth_date=date(1949, 12, 31),
        sex="女",
        area_code="110105",
        area_known=True,
        warnings=(),
    )


def test_check_digit_by_hand() -> None:
    # Σ digit×weight for 11010519491231002 is 167; 167 mod 11 = 2 → "X".
    assert check_digit("11010519491231002") == "X"


def test_wrong_check_digit_names_the_expected_one() -> None:
    with pytest.raises(IdNumberError, match="校验位错误（应为 X）"):
        parse_id_number("110105194912310021", today=TODAY)


def test_sex_from_the_17th_digit() -> None:
    male = make_id_number("110105", date(1980, 5, 6), 11)
    female = make_id_number("110105", date(1980, 5, 6), 12)
    assert parse_id_number(male, today=TODAY).sex == "男"
    assert parse_id_number(female, today=TODAY).sex == "女"


def test_lower_case_x_spaces_and_full_width_are_accepted() -> None:
    for raw in (
        "11010519491231002x",
        " 110105 1949 1231 002X ",
        "１１０１０５１９４９１２３１００２ｘ",
    ):
        assert parse_id_number(raw, today=TODAY).number == "11010519491231002X"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "身份证号为空"),
        ("11010519491231002", "应为 18 位，现为 17 位"),
        ("11010519491231002X1", "应为 18 位，现为 19 位"),
        ("110105491231002", "15 位旧号码，请换为 18 位"),
        ("1101051949123100AX", "第 17 位「A」不是数字"),
        ("11010519491231002Y", "第 18 位「Y」只能是数字或 X"),
        ("110105198502300011", "出生日期 19850230 不存在"),
        ("110105198513010011", "出生日期 19851301 不存在"),
    ],
)
def test_errors_speak_to_the_clerk(raw: str, message: str) -> None:
    with pytest.raises(IdNumberError, match=message):
        parse_id_number(raw, today=TODAY)


def test_birth_date_in_the_future_is_refused() -> None:
    number = make_id_number("110105", date(2030, 1, 1), 1)
    with pytest.raises(IdNumberError, match="出生日期 2030-01-01 晚于今天"):
        parse_id_number(number, today=TODAY)
    # The same number is fine once that day has come.
    assert parse_id_number(number, today=date(2030, 1, 1)).birth_date == date(2030, 1, 1)


def test_birth_date_check_comes_before_check_digit() -> None:
    # A clerk with an impossible date should hear about the date, not the check digit.
    with pytest.raises(IdNumberError, match="不存在"):
        parse_id_number("110105198502300010", today=TODAY)


def test_id_number_error_is_a_value_error() -> None:
    assert issubclass(IdNumberError, ValueError)


def test_unknown_area_is_a_warning_not_an_error() -> None:
    number = make_id_number("990101", date(1970, 1, 1), 5)
    info = parse_id_number(number, today=TODAY)
    assert info.area_known is False
    assert info.area_code == "990101"
    assert info.warnings == ("地区码 99 不在现行行政区划中（可能已撤销），请核对",)


@pytest.mark.parametrize("prefix", ["11", "15", "21", "23", "37", "46", "54", "65", "71", "83"])
def test_province_codes_are_known(prefix: str) -> None:
    info = parse_id_number(make_id_number(prefix + "0101", date(1970, 1, 1), 5), today=TODAY)
    assert info.area_known
    assert info.warnings == ()


@pytest.mark.parametrize("prefix", ["00", "10", "16", "20", "24", "38", "47", "55", "66", "84"])
def test_other_prefixes_are_unknown(prefix: str) -> None:
    info = parse_id_number(make_id_number(prefix + "0101", date(1970, 1, 1), 5), today=TODAY)
    assert not info.area_known


def test_mask() -> None:
    assert mask_id_number("110105194912311234") == "110105********1234"
    assert mask_id_number("11010519491231002x") == "110105********002X"
    assert mask_id_number("1234") == "****"


@pytest.mark.parametrize(
    ("area6", "seq3"),
    [("11010", 1), ("1101051", 1), ("11010a", 1), ("110105", -1), ("110105", 1000)],
)
def test_make_id_number_refuses_bad_parts(area6: str, seq3: int) -> None:
    with pytest.raises(ValueError):
        make_id_number(area6, date(1980, 1, 1), seq3)


def test_check_digit_needs_17_digits() -> None:
    with pytest.raises(ValueError):
        check_digit("1101051949123100")
    with pytest.raises(ValueError):
        check_digit("1101051949123100X")


@given(area6=areas, birth=births, seq3=sequences)
def test_made_numbers_parse_back(area6: str, birth: date, seq3: int) -> None:
    number = make_id_number(area6, birth, seq3)
    info = parse_id_number(number, today=TODAY)
    assert info.number == number
    assert info.birth_date == birth
    assert info.sex == ("男" if seq3 % 2 else "女")
    assert info.area_code == area6


@given(area6=areas, birth=births, seq3=sequences, pos=st.integers(0, 16), delta=st.integers(1, 9))
def test_any_single_digit_change_is_caught(
    area6: str, birth: date, seq3: int, pos: int, delta: int
) -> None:
    # MOD 11-2 detects every single-digit error; the birth date may also break first.
    number = make_id_number(area6, birth, seq3)
    changed = str((int(number[pos]) + delta) % 10)
    with pytest.raises(IdNumberError):
        parse_id_number(number[:pos] + changed + number[pos + 1 :], today=TODAY)


@given(area6=areas, birth=births, seq3=sequences, pos=st.integers(0, 15))
def test_adjacent_swap_is_caught(area6: str, birth: date, seq3: int, pos: int) -> None:
    number = make_id_number(area6, birth, seq3)
    a, b = number[pos], number[pos + 1]
    swapped = number[:pos] + b + a + number[pos + 2 :]
    if swapped != number:
        with pytest.raises(IdNumberError):
            parse_id_number(swapped, today=TODAY)


@given(st.text(alphabet="0123456789xX 　０１２９ｘＸ\t", max_size=25))
def test_normalize_is_idempotent(raw: str) -> None:
    once = normalize_id_number(raw)
    assert normalize_id_number(once) == once
    assert " " not in once and "　" not in once and "x" not in once


@given(area6=areas, birth=births, seq3=sequences)
def test_mask_keeps_ends_and_hides_birth(area6: str, birth: date, seq3: int) -> None:
    number = make_id_number(area6, birth, seq3)
    masked = mask_id_number(number)
    assert masked == number[:6] + "********" + number[-4:]
    assert f"{birth:%Y%m%d}" not in masked


@given(area6=areas, birth=births, seq3=sequences)
def test_iso_7064_mod_11_2_law(area6: str, birth: date, seq3: int) -> None:
    # Independent oracle: weights are 2^(17-i) mod 11 and the check position weighs 1,
    # so over all 18 characters (X = 10) the weighted sum is 1 mod 11.
    number = make_id_number(area6, birth, seq3)
    values = [10 if ch == "X" else int(ch) for ch in number]
    assert sum(v * pow(2, 17 - i, 11) for i, v in enumerate(values)) % 11 == 1
