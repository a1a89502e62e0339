""".lrmx files (干部任免审批表, XML): write ours, read anyone's — safely.

Reading trusts nothing: the encoding comes from the byte-order mark or the XML
declaration (UTF-8, UTF-16 and GB18030/GBK/GB2312 are what real files use);
DTDs and entities are refused (defusedxml), so a hostile file cannot expand
itself or reach outside; every failure is one Chinese sentence and no data.
"""

from __future__ import annotations

import base64
import binascii
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeET

from orgdesk.domain.approval_document import (
    ELEMENT_LABELS,
    FAMILY_AFTER,
    FAMILY_ELEMENT,
    FAMILY_ITEM_ELEMENTS,
    FORM_ELEMENTS,
    PHOTO_AFTER,
    PHOTO_ELEMENT,
    REQUIRED_ELEMENTS,
    ApprovalDocument,
)
from orgdesk.domain.approval_form import image_kind
from orgdesk.domain.errors import OrgDeskError
from orgdesk.storage.files import atomic_write_bytes, os_error_text

MAX_FILE_BYTES = 30 * 1024 * 1024

_GB_NAMES = {"gb18030", "gbk", "gb2312", "cp936", "x-gbk", "euc-cn", "gb_2312-80", "ms936"}
_UTF8_NAMES = {"utf-8", "utf8"}
_UTF16_NAMES = {"utf-16", "utf16", "utf-16le", "utf-16be", "unicode"}
_DECLARATION = re.compile(rb"^\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([^\"']*)[\"']")
_DECLARATION_TEXT = re.compile(r"^\s*<\?xml\b.*?\?>", re.DOTALL)


class LrmxFileError(OrgDeskError):
    """A .lrmx file that cannot be read as a 任免审批表; the message says why, in Chinese."""


# -- writing ---------------------------------------------------------------------------------


def lrmx_bytes(doc: ApprovalDocument) -> bytes:
    """The document as a UTF-8 .lrmx file (elements in the national software's order)."""
    root = ET.Element("Person")
    for element, _label in FORM_ELEMENTS:
        ET.SubElement(root, element).text = doc.get(element)
        if element == FAMILY_AFTER:
            family = ET.SubElement(root, FAMILY_ELEMENT)
            for member in doc.family:
                item = ET.SubElement(family, "Item")
                for name, _ in FAMILY_ITEM_ELEMENTS:
                    ET.SubElement(item, name).text = member.get(name, "")
        if element == PHOTO_AFTER:
            photo = ET.SubElement(root, PHOTO_ELEMENT)
            photo.text = base64.b64encode(doc.photo).decode("ascii") if doc.photo else ""
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=False)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def write_lrmx(doc: ApprovalDocument, path: Path) -> None:
    """Write atomically: a crash leaves either the old file or the complete new one."""
    atomic_write_bytes(path, lrmx_bytes(doc))


def read_lrmx(path: Path) -> ApprovalDocument:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LrmxFileError(
                f"文件 {path.name} 过大（{size // 1024 // 1024} MB），不是正常的任免审批表文件"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise LrmxFileError(f"无法读取文件 {path}：{os_error_text(exc)}") from exc
    try:
        return parse_lrmx(data)
    except LrmxFileError as exc:
        raise LrmxFileError(f"{path.name}：{exc}") from exc


def decode_lrmx(data: bytes) -> str:
    """The file's text, decoded as its BOM or XML declaration says."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8", "UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, "utf-16", "UTF-16")
    match = _DECLARATION.match(data[:400])
    if match is None:
        if data[:400].lstrip().startswith(b"<\x00") or data[:400].startswith(b"\x00<"):
            return _decode(data, "utf-16", "UTF-16")
        return _decode(data, "utf-8", "UTF-8（文件未声明编码）")
    declared = match.group(1).decode("ascii", "replace").strip()
    name = declared.lower()
    if name in _UTF8_NAMES:
        return _decode(data, "utf-8", declared)
    if name in _GB_NAMES:
        return _decode(data, "gb18030", declared)  # GB18030 is a superset of GBK and GB2312
    if name in _UTF16_NAMES:
        return _decode(data, "utf-16", declared)
    raise LrmxFileError(
        f"文件声明的编码「{declared}」不受支持（任免审批表文件应为 UTF-8 或 GB18030/GBK 编码）"
    )


def _decode(data: bytes, codec: str, shown: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise LrmxFileError(
            f"文件按 {shown} 编码读取时，第 {exc.start + 1} 字节处无法识别"
            "（文件可能已损坏，或实际编码与声明不符）"
        ) from None


def parse_lrmx(data: bytes) -> ApprovalDocument:
    text = _DECLARATION_TEXT.sub("", decode_lrmx(data), count=1)
    if not text.strip():
        raise LrmxFileError("文件是空的")
    try:
        root = SafeET.fromstring(text, forbid_dtd=True)
    except defusedxml.DefusedXmlException:
        raise LrmxFileError(
            "文件含有 DTD 或实体声明，出于安全考虑拒绝读取（正常的任免审批表文件没有这些内容）"
        ) from None
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise LrmxFileError(
            f"文件不是有效的 XML（第 {line} 行第 {column + 1} 列附近格式错误），可能已损坏"
        ) from None
    if root.tag != "Person":
        raise LrmxFileError(f"根元素应为 <Person>，实际为 <{root.tag}>，不是任免审批表文件")

    doc = ApprovalDocument()
    for element, _label in FORM_ELEMENTS:
        found = root.find(element)
        if found is not None:
            doc.fields[element] = "".join(found.itertext()).strip()
    missing = [e for e in REQUIRED_ELEMENTS if e not in doc.fields]
    if missing:
        names = "、".join(f"<{e}>（{ELEMENT_LABELS[e]}）" for e in missing)
        raise LrmxFileError(f"缺少必需的元素：{names}")
    empty = [e for e in ("XingMing", "ShenFenZheng") if not doc.fields[e]]
    if empty:
        names = "、".join(f"「{ELEMENT_LABELS[e]}」" for e in empty)
        raise LrmxFileError(f"{names}为空，无法确定是哪一位干部")

    family = root.find(FAMILY_ELEMENT)
    for item in family.findall("Item") if family is not None else []:
        member = {}
        for name, _ in FAMILY_ITEM_ELEMENTS:
            found = item.find(name)
            member[name] = "".join(found.itertext()).strip() if found is not None else ""
        if any(member.values()):  # the national software pads the table with empty rows
            doc.family.append(member)

    photo = root.find(PHOTO_ELEMENT)
    encoded = "".join("".join(photo.itertext()).split()) if photo is not None else ""
    if encoded:
        try:
            doc.photo = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise LrmxFileError("<ZhaoPian>（照片）不是有效的 Base64 数据") from None
        if image_kind(doc.photo) is None:
            raise LrmxFileError("<ZhaoPian>（照片）不是 JPG、PNG 或 BMP 图片")
    return doc
