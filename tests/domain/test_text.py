"""Free text: control characters and overlong input are refused with the place named."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from orgdesk.domain.people import CadreInput, PostingInput, check_cadre
from orgdesk.domain.text import bad_character, check_text


def test_control_characters_are_refused_with_their_position() -> None:
    problems = check_text("备注", "正常\x07文字")
    assert len(problems) == 1
    assert "第 3 个字符是控制字符 U+0007" in str(problems[0])
    assert check_text("备注", "第一行\n第二行", multiline=True) == []
    assert check_text("姓名", "第一行\n第二行")  # a one-line field takes no newline


def test_bidi_overrides_and_lone_surrogates_are_refused() -> None:
    assert bad_character("abc\u202edef") == (4, "文字方向控制符 U+202E")
    assert bad_character("a\ud800b") == (2, "无效的字符编码")


def test_formula_like_text_is_just_text() -> None:
    assert check_text("备注", '=HYPERLINK("http://x","y")') == []


def test_length_limit_names_both_numbers() -> None:
    (problem,) = check_text("专业背景", "字" * 101, limit=100)
    assert "最多 100 个字，现有 101 个" in str(problem)


@given(st.text(min_size=1, max_size=30))
def test_anything_is_either_accepted_or_refused_never_a_crash(text: str) -> None:
    problems = check_text("备注", text, limit=20, multiline=True)
    found = bad_character(text, multiline=True)
    assert (found is not None or len(text) > 20) == bool(problems)


def test_every_free_text_field_of_a_cadre_is_checked() -> None:
    data = CadreInput(
        name="张三",
        id_number="110105194912310021",
        ethnicity="汉族",
        political_status="中共党员",
        specialty="法\x00学",
        post_title="科" * 61,
        phone="1380000\x1b",
        note="x" * 6000,
        postings=[PostingInput(unit="县\x07委", post_title="科员", start_date=date(2010, 1, 1))],
    )
    problems = {str(p) for p in check_cadre(data, today=date(2026, 1, 1))}
    joined = "\n".join(sorted(problems))
    for label in ("专业背景", "职务", "联系电话", "备注", "任职经历第 1 条"):
        assert f"「{label}」" in joined or label in joined, joined
