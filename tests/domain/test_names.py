"""Names: one stored form, pinyin keys that work for rare characters and surnames."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orgdesk.domain.names import name_initials, name_pinyin, name_syllables, normalize_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("张三", "张三"),
        ("张　三", "张三"),
        ("张 三", "张三"),
        (" 王  小 明 ", "王小明"),
        ("\t李四\n", "李四"),
        ("赵\u200b六", "赵六"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("阿依古丽・买买提", "阿依古丽·买买提"),
        ("阿依古丽.买买提", "阿依古丽·买买提"),
        ("阿依古丽•买买提", "阿依古丽·买买提"),
        ("阿依古丽 · 买买提", "阿依古丽·买买提"),
        ("刘堃", "刘堃"),
    ],
)
def test_normalize_name(raw: str, expected: str) -> None:
    assert normalize_name(raw) == expected


@pytest.mark.parametrize(
    ("name", "initials", "pinyin"),
    [
        ("张三", "zs", "zhangsan"),
        ("张　三", "zs", "zhangsan"),
        ("刘堃", "lk", "liukun"),
        ("刘䶮", "ly", "liuyan"),
        ("吕玲", "ll", "lvling"),
        ("阿依古丽·买买提", "ayglmmt", "ayigulimaimaiti"),
    ],
)
def test_pinyin_keys(name: str, initials: str, pinyin: str) -> None:
    assert name_initials(name) == initials
    assert name_pinyin(name) == pinyin


@pytest.mark.parametrize(
    ("name", "pinyin"),
    [
        ("单雄信", "shanxiongxin"),
        ("曾国藩", "zengguofan"),
        ("仇英", "qiuying"),
        ("解缙", "xiejin"),
        ("查良镛", "zhaliangyong"),
        ("翟志刚", "zhaizhigang"),
        ("尉迟恭", "yuchigong"),
        ("万俟卨", "moqixie"),
        ("长孙无忌", "zhangsunwuji"),
    ],
)
def test_surname_readings(name: str, pinyin: str) -> None:
    assert name_pinyin(name) == pinyin


def test_surname_reading_only_applies_to_the_first_character() -> None:
    # 单 in a given name keeps its everyday reading.
    assert name_pinyin("王单") == "wangdan"
    # A lone character is not treated as a surname.
    assert name_pinyin("单") == "dan"


def test_unknown_characters_are_dropped_not_guessed() -> None:
    # U+E000 is a private-use glyph some offices use for characters they cannot type.
    assert name_initials("王\ue000明") == "wm"
    assert name_pinyin("王\ue000明") == "wangming"


def test_latin_letters_are_kept_as_words() -> None:
    assert name_syllables("李Tom") == ["li", "tom"]
    assert name_initials("李Tom") == "lt"


def test_empty_name() -> None:
    assert normalize_name("　") == ""
    assert name_initials("") == ""
    assert name_pinyin("") == ""


han = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
padding = st.sampled_from([" ", "　", "\t", "\u200b"])
names = st.lists(st.one_of(han, padding, st.just("·")), max_size=8).map("".join)


@given(names)
def test_normalize_name_is_idempotent(raw: str) -> None:
    once = normalize_name(raw)
    assert normalize_name(once) == once
    assert not any(ch.isspace() for ch in once)


@given(names)
def test_pinyin_keys_are_lowercase_ascii_and_agree(raw: str) -> None:
    pinyin, initials = name_pinyin(raw), name_initials(raw)
    assert pinyin == pinyin.lower() and pinyin.isascii() and " " not in pinyin
    assert initials == "".join(s[0] for s in name_syllables(raw))
    assert name_pinyin(normalize_name(raw)) == pinyin


@given(st.lists(han, min_size=1, max_size=4).map("".join), padding)
def test_padding_does_not_change_keys(name: str, pad: str) -> None:
    padded = pad.join(name)
    assert name_initials(padded) == name_initials(name)
    assert name_pinyin(padded) == name_pinyin(name)
