""".lrmx files: the hand-written sample, encodings, and files that must be refused."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from orgdesk.domain.approval_document import (
    FAMILY_ITEM_ELEMENTS,
    FORM_ELEMENTS,
    ApprovalDocument,
)
from orgdesk.storage.lrmx_file import LrmxFileError, lrmx_bytes, parse_lrmx, read_lrmx

SAMPLE = Path(__file__).parent.parent / "fixtures" / "lrmx" / "zhang_wei.lrmx"


def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


def test_the_sample_has_every_element_and_reads_completely() -> None:
    raw = sample_bytes().decode("utf-8")
    for element, _ in FORM_ELEMENTS:
        assert f"<{element}>" in raw, element
    for element in ("JiaTingChengYuan", "Item", "ZhaoPian", *dict(FAMILY_ITEM_ELEMENTS)):
        assert f"<{element}>" in raw, element

    doc = read_lrmx(SAMPLE)
    assert set(doc.fields) == {e for e, _ in FORM_ELEMENTS}
    assert all(doc.fields[e] for e, _ in FORM_ELEMENTS)  # the sample fills every one
    assert doc.get("XingMing") == "张䶮"
    assert doc.get("TianBiaoRen") == "王堃"
    assert doc.get("ShenFenZheng") == "410102198204151232"
    assert doc.get("JianLi").splitlines()[2].startswith("（其间：")
    assert [m["XingMing"] for m in doc.family] == ["李静", "张建国"]  # the padding row is dropped
    assert doc.family[0] == {
        "ChengWei": "妻子",
        "XingMing": "李静",
        "ChuShengRiQi": "198405",
        "ZhengZhiMianMao": "中共党员",
        "GongZuoDanWeiJiZhiWu": "县第一高级中学教师",
    }
    assert doc.photo is not None and doc.photo.startswith(b"\x89PNG")


@pytest.mark.parametrize("declared", ["GB18030", "gbk", "GB2312"])
def test_gb_encoded_files_read_the_same(declared: str) -> None:
    text = sample_bytes().decode("utf-8").replace('encoding="UTF-8"', f'encoding="{declared}"')
    text = text.replace("张䶮", "张伟") if declared != "GB18030" else text  # 䶮 is not in GBK
    data = text.encode("gb18030")
    doc = parse_lrmx(data)
    assert doc.get("XingMing") == ("张䶮" if declared == "GB18030" else "张伟")
    assert doc.get("JiGuan") == "河南郑州"
    assert doc.family[1]["GongZuoDanWeiJiZhiWu"] == "城关镇农民"


def test_utf8_bom_and_utf16_are_read() -> None:
    assert parse_lrmx(b"\xef\xbb\xbf" + sample_bytes()).get("XingMing") == "张䶮"
    utf16 = sample_bytes().decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    assert parse_lrmx(utf16.encode("utf-16")).get("MinZu") == "回族"


def test_written_file_reads_back_identically() -> None:
    doc = read_lrmx(SAMPLE)
    again = parse_lrmx(lrmx_bytes(doc))
    assert again == doc
    assert lrmx_bytes(again) == lrmx_bytes(doc)
    assert lrmx_bytes(doc).startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<Person>')


def test_no_photo_gives_an_empty_element() -> None:
    doc = ApprovalDocument({"XingMing": "甲", "ShenFenZheng": "1"})
    assert b"<ZhaoPian></ZhaoPian>" in lrmx_bytes(doc)
    assert parse_lrmx(lrmx_bytes(doc)).photo is None


def refused(data: bytes) -> str:
    with pytest.raises(LrmxFileError) as caught:
        parse_lrmx(data)
    message = str(caught.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message), message
    return message


def test_unknown_and_wrong_encodings_are_refused() -> None:
    big5 = sample_bytes().replace(b'encoding="UTF-8"', b'encoding="Big5"')
    assert "Big5" in refused(big5) and "不受支持" in refused(big5)
    gbk_bytes_declared_utf8 = sample_bytes().decode("utf-8").replace("䶮", "伟").encode("gbk")
    assert "UTF-8" in refused(gbk_bytes_declared_utf8)


def test_malformed_xml_is_refused_with_the_place() -> None:
    broken = sample_bytes().replace(b"</MinZu>", b"</MinZ>")
    message = refused(broken)
    assert "不是有效的 XML" in message and "第 7 行" in message
    assert "空的" in refused(b"   ")
    assert "<Person>" in refused(b'<?xml version="1.0" encoding="UTF-8"?><Root/>')


def test_missing_required_elements_are_named() -> None:
    data = sample_bytes().replace(b"<ShenFenZheng>410102198204151232</ShenFenZheng>", b"")
    assert "ShenFenZheng" in refused(data) and "身份证号" in refused(data)
    empty_name = sample_bytes().replace(
        "<XingMing>张䶮</XingMing>".encode(), b"<XingMing> </XingMing>"
    )
    assert "「姓名」为空" in refused(empty_name)


def test_bad_photo_is_refused() -> None:
    data = sample_bytes().replace(b"iVBORw0KGgo", b"!!!!")
    assert "Base64" in refused(data)
    not_image = base64.b64encode(b"hello world").decode()
    data = sample_bytes().split(b"<ZhaoPian>")[0] + (
        f"<ZhaoPian>{not_image}</ZhaoPian><Version>1</Version></Person>".encode()
    )
    assert "图片" in refused(data)


HOSTILE = {
    "billion laughs": b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<Person><XingMing>&lol2;</XingMing></Person>""",
    "external entity": b"""<?xml version="1.0"?>
<!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Person><XingMing>&xxe;</XingMing><XingBie/><ChuShengNianYue/><ShenFenZheng>1</ShenFenZheng></Person>""",
    "bare doctype": b"""<?xml version="1.0"?><!DOCTYPE Person SYSTEM "http://example.invalid/x.dtd">
<Person><XingMing>a</XingMing></Person>""",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_files_are_refused_before_anything_expands(name: str) -> None:
    assert "安全" in refused(HOSTILE[name])


def test_an_unreadable_path_is_a_chinese_error(tmp_path: Path) -> None:
    with pytest.raises(LrmxFileError, match="无法读取文件"):
        read_lrmx(tmp_path / "nope.lrmx")
