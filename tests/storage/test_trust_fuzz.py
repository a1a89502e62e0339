"""Bad input, everywhere: hostile files and hostile text into every import and every
free-text field give a clear Chinese message, no crash and no change (issue 9).

Also: a full disk, a path that is not a folder, a database that cannot be written —
a Chinese sentence, and no half-written file.
"""

from __future__ import annotations

import errno
import io
import os
import re
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import event, select

from orgdesk.domain.approval_document import ApprovalDocument
from orgdesk.domain.approval_form import FamilyMember
from orgdesk.domain.errors import OrgDeskError, ValidationFailed
from orgdesk.domain.text import bad_character
from orgdesk.services.lrmx import apply_import, preview_import
from orgdesk.services.people import get_cadre, save_cadre
from orgdesk.storage import files
from orgdesk.storage.backup import list_backups, online_backup
from orgdesk.storage.database import Database
from orgdesk.storage.errors import StorageError
from orgdesk.storage.lrmx_file import lrmx_bytes, read_lrmx, write_lrmx
from orgdesk.storage.models import Cadre
from orgdesk.storage.xlsx_export import save_workbook, write_table
from orgdesk.storage.xlsx_read import ColumnSpec, ImportFileError, read_table
from tests.conftest import DEMO_TODAY
from tests.trust_support import snapshot

SAMPLE = Path(__file__).parent.parent / "fixtures" / "lrmx" / "zhang_wei.lrmx"


CJK = re.compile(r"[\u4e00-\u9fff]")
FORMULA = '=HYPERLINK("http://x","y")'
FUZZ = settings(
    max_examples=int(os.environ.get("ORGDESK_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

hostile_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    st.sampled_from(
        [
            FORMULA,
            "=1+1",
            "@SUM(A1)",
            "+cmd|' /C calc'!A0",
            "\x00\x01\x1b[31m",
            "正常\u202e反向",
            "a\ud800b",
            "\ufffe",
            "字" * 6000,
            "x" * 300,
            "行一\n行二\r\n行三\t",
            "<script>alert(1)</script>",
            "'; DROP TABLE cadres; --",
            "%_\\",
        ]
    ),
)


def cadre_id(db: Database) -> int:
    with db.unit_of_work() as uow:
        return int(uow.session.scalars(select(Cadre.id).order_by(Cadre.id)).first() or 0)


def chinese(exc: BaseException) -> str:
    text = str(exc)
    assert CJK.search(text), text
    assert "Traceback" not in text
    return text


# -- every free-text field through save_cadre ----------------------------------------------

CADRE_FIELDS = ("specialty", "post_title", "phone", "note")
DETAIL_FIELDS = ("health", "rewards", "appointment_reason", "form_filler")


@FUZZ
@given(
    field=st.sampled_from(CADRE_FIELDS + DETAIL_FIELDS + ("posting", "family")), value=hostile_text
)
def test_hostile_text_in_any_field_is_refused_or_stored_exactly(
    demo_db: Database, field: str, value: str
) -> None:
    cid = cadre_id(demo_db)
    data, version = get_cadre(demo_db, cid)
    assert data.details is not None
    if field in CADRE_FIELDS:
        setattr(data, field, value)
    elif field in DETAIL_FIELDS:
        setattr(data.details, field, value)
    elif field == "posting":
        data.postings[0].note = value
    else:
        data.details.family = [FamilyMember("妻子", "李静", None, "群众", value)]
    before = snapshot(demo_db, with_audit=True)
    try:
        save_cadre(demo_db, data, cadre_id=cid, expected_version=version, today=DEMO_TODAY)
    except ValidationFailed as exc:
        chinese(exc)
        assert snapshot(demo_db, with_audit=True) == before
        return
    stored, _ = get_cadre(demo_db, cid)
    assert stored.details is not None
    if field in CADRE_FIELDS:
        shown = getattr(stored, field)
    elif field in DETAIL_FIELDS:
        shown = getattr(stored.details, field)
    elif field == "posting":
        shown = stored.postings[0].note
    else:
        shown = stored.details.family[0].work_unit_post
    if not (field == "post_title" and not value.strip()):  # empty keeps the posting's title
        assert shown.strip() == value.strip()  # stored as typed, formulas included
    assert bad_character(shown, multiline=True) is None


def test_a_refused_character_names_field_and_position(demo_db: Database) -> None:
    cid = cadre_id(demo_db)
    data, version = get_cadre(demo_db, cid)
    data.specialty = "法学\x00"
    with pytest.raises(ValidationFailed) as caught:
        save_cadre(demo_db, data, cadre_id=cid, expected_version=version, today=DEMO_TODAY)
    assert "「专业背景」第 3 个字符是控制字符 U+0000" in str(caught.value)


# -- the .lrmx import ------------------------------------------------------------------------


def sample_doc() -> ApprovalDocument:
    return read_lrmx(SAMPLE)


@FUZZ
@given(
    element=st.sampled_from(
        [
            "XingMing",
            "JianLi",
            "JiangChengQingKuang",
            "RenMianLiYou",
            "ShenFenZheng",
            "XianRenZhiWu",
            "ChuShengNianYue",
        ]
    ),
    value=hostile_text,
)
def test_hostile_values_in_an_lrmx_are_refused_or_imported_cleanly(
    demo_db: Database, tmp_path: Path, element: str, value: str
) -> None:
    doc = sample_doc()
    doc.fields[element] = value
    path = tmp_path / "hostile.lrmx"
    try:
        path.write_bytes(lrmx_bytes(doc))
    except (ValueError, UnicodeEncodeError):
        return  # not even writable as XML; the byte-level test covers such files
    before = snapshot(demo_db, with_audit=True)
    try:
        preview = preview_import(demo_db, path, DEMO_TODAY)
        apply_import(demo_db, preview, DEMO_TODAY)
    except OrgDeskError as exc:
        chinese(exc)
        assert snapshot(demo_db, with_audit=True) == before
        return
    after = snapshot(demo_db)
    for rows in after.values():
        for row in rows:
            for cell in row:
                if isinstance(cell, str):
                    assert bad_character(cell, multiline=True) is None


def _mutations() -> st.SearchStrategy[bytes]:
    original = SAMPLE.read_bytes()

    def mutate(ops: list[tuple[int, int, int]]) -> bytes:
        data = bytearray(original)
        for kind, position, byte in ops:
            at = position % max(len(data), 1)
            if kind == 0:
                data[at] = byte
            elif kind == 1:
                del data[at : at + byte]
            else:
                data[at:at] = bytes([byte]) * 3
        return bytes(data)

    ops = st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 10**6), st.integers(0, 255)),
        min_size=1,
        max_size=6,
    )
    return st.one_of(
        ops.map(mutate),
        st.integers(0, len(original)).map(lambda n: original[:n]),
        st.binary(max_size=400),
        st.sampled_from(
            [
                b"",
                b"\xef\xbb\xbf",
                b"PK\x03\x04" + b"\x00" * 40,
                b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Person>&a;</Person>',
                b"<Person><XingMing>\xff\xfe</XingMing></Person>",
                b'<?xml version="1.0" encoding="klingon"?><Person/>',
            ]
        ),
    )


@FUZZ
@given(data=_mutations())
def test_broken_lrmx_files_are_refused_in_chinese(
    demo_db: Database, tmp_path: Path, data: bytes
) -> None:
    path = tmp_path / "broken.lrmx"
    path.write_bytes(data)
    before = snapshot(demo_db, with_audit=True)
    try:
        preview = preview_import(demo_db, path, DEMO_TODAY)
    except OrgDeskError as exc:
        chinese(exc)
        assert snapshot(demo_db, with_audit=True) == before
        return
    try:
        apply_import(demo_db, preview, DEMO_TODAY)
    except OrgDeskError as exc:
        chinese(exc)
        assert snapshot(demo_db, with_audit=True) == before


# -- storage/xlsx_read.read_table ----------------------------------------------------------

COLUMNS = [
    ColumnSpec("name", "姓名", ("名字",), required=True),
    ColumnSpec("id_number", "身份证号", ("公民身份号码",), required=True),
    ColumnSpec("note", "备注"),
]


def xlsx_bytes(rows: list[list[Any]], title: str = "花名册") -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


VALID = xlsx_bytes([["姓名", "身份证号", "备注"], ["张三", "110105194912310021", FORMULA]])


def _broken_workbooks() -> st.SearchStrategy[bytes]:
    def flip(ops: list[tuple[int, int]]) -> bytes:
        data = bytearray(VALID)
        for position, byte in ops:
            data[position % len(data)] = byte
        return bytes(data)

    def replace_member(junk: bytes) -> bytes:
        source = zipfile.ZipFile(io.BytesIO(VALID))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                body = junk if item.filename.endswith("sheet1.xml") else source.read(item)
                target.writestr(item, body)
        return out.getvalue()

    return st.one_of(
        st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8).map(
            flip
        ),
        st.integers(0, len(VALID)).map(lambda n: VALID[:n]),
        st.binary(max_size=300).map(replace_member),
        st.binary(max_size=300),
        st.sampled_from(
            [b"", b"PK", "姓名,身份证号\n张三,1".encode("gbk"), b"\xd0\xcf\x11\xe0" + b"\0" * 600]
        ),
    )


@FUZZ
@given(data=_broken_workbooks())
def test_broken_xlsx_files_give_one_chinese_sentence(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "名册.xlsx"
    path.write_bytes(data)
    try:
        table = read_table(path, COLUMNS)
    except ImportFileError as exc:
        chinese(exc)
        return
    assert table.sheet  # whatever survived the damage still reads as a table


@FUZZ
@given(cells=st.lists(hostile_text, min_size=3, max_size=3), header_row=st.integers(0, 3))
def test_hostile_cells_come_back_as_text_never_as_formulas(
    tmp_path: Path, cells: list[str], header_row: int
) -> None:
    rows: list[list[Any]] = [["年度花名册"]] * header_row + [["姓名", "身份证号", "备注"], cells]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    try:
        write_table(ws, ["x"], [])  # the writer every export uses
        ws.delete_rows(1, ws.max_row)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                from orgdesk.storage.xlsx_export import set_cell

                set_cell(ws.cell(row=r, column=c), value)
        save_workbook(wb, tmp_path / "t.xlsx")
    except OrgDeskError as exc:
        chinese(exc)
        return
    table = read_table(tmp_path / "t.xlsx", COLUMNS)
    (_row_number, record) = table.rows[0] if table.rows else (0, {"note": None})
    if table.rows and cells[2] == FORMULA:
        assert record["note"] == FORMULA
    back = load_workbook(tmp_path / "t.xlsx")
    sheet = back.active
    assert sheet is not None
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"  # nothing became a formula


def test_a_wrong_sheet_name_and_a_missing_column_are_named(tmp_path: Path) -> None:
    path = tmp_path / "名册.xlsx"
    path.write_bytes(xlsx_bytes([["姓名", "备注"], ["张三", ""]], title="Sheet1"))
    with pytest.raises(ImportFileError, match="没有名为「花名册」的工作表（现有：Sheet1）"):
        read_table(path, COLUMNS, sheet="花名册")
    with pytest.raises(ImportFileError, match="缺少必需的列：身份证号"):
        read_table(path, COLUMNS)


# -- full disks, folders that are files, databases that cannot be written ------------------


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def no_space(*_args: Any, **_kw: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "replace", no_space)
    yield


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_full_disk_leaves_the_old_file_and_no_half_file(tmp_path: Path, disk_full: None) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "名册.xlsx"
    target.write_bytes(b"the old complete file")
    wb = Workbook()
    with pytest.raises(StorageError) as caught:
        save_workbook(wb, target)
    assert "磁盘空间已满" in str(caught.value) and "没有留下不完整的文件" in str(caught.value)
    assert target.read_bytes() == b"the old complete file"
    assert visible(tmp_path) == ["名册.xlsx"]
    with pytest.raises(StorageError, match="磁盘空间已满"):
        write_lrmx(sample_doc(), tmp_path / "张伟.lrmx")
    assert visible(tmp_path) == ["名册.xlsx"]


@pytest.mark.sqlite_only  # the SQLite file's own backup (pg_dump: test_server_mode)
def test_a_full_disk_during_a_backup_leaves_nothing_that_looks_like_one(
    db: Database, disk_full: None
) -> None:
    with pytest.raises(StorageError, match="磁盘空间已满"):
        online_backup(db.path, "manual")
    assert list_backups(db.path) == []
    assert visible(db.path.parent / "backups") == []


@pytest.mark.sqlite_only  # online_backup of the SQLite file is one of the writers
def test_a_path_through_a_file_is_a_chinese_message(db: Database, tmp_path: Path) -> None:
    blocker = tmp_path / "U盘"
    blocker.write_text("this is a file, not a folder")
    with pytest.raises(StorageError) as caught:
        save_workbook(Workbook(), blocker / "名册.xlsx")
    assert "路径中的某一级不是文件夹" in chinese(caught.value)
    with pytest.raises(StorageError, match="路径中的某一级不是文件夹"):
        online_backup(db.path, "manual", blocker / "backups")
    with pytest.raises(OrgDeskError, match="路径中的某一级不是文件夹"):
        write_lrmx(sample_doc(), blocker / "张伟.lrmx")
    assert blocker.read_text() == "this is a file, not a folder"


def test_a_pdf_that_cannot_be_written_is_a_chinese_message(
    demo_db: Database, tmp_path: Path, disk_full: None
) -> None:
    from orgdesk.services.annual_report import write_annual_report

    out = tmp_path / "报告"
    out.mkdir()
    with pytest.raises(StorageError, match="磁盘空间已满"):
        write_annual_report(demo_db, DEMO_TODAY.year - 1, pdf=out / "r.pdf", today=DEMO_TODAY)
    assert visible(out) == []


def _limit_database(db: Database, pragma: str) -> None:
    """Every new connection of `db` gets `pragma` (a full or a read-only database)."""
    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def _limit(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(pragma)


@pytest.mark.sqlite_only  # a full disk or read-only file under the SQLite database
@pytest.mark.parametrize(
    ("pragma", "reason"),
    [("PRAGMA max_page_count = 1", "磁盘空间已满"), ("PRAGMA query_only = ON", "只读")],
)
def test_a_database_that_cannot_grow_or_be_written_refuses_in_chinese(
    demo_db: Database, pragma: str, reason: str
) -> None:
    cid = cadre_id(demo_db)
    data, version = get_cadre(demo_db, cid)
    data.note = "长备注" * 1500
    before = snapshot(demo_db, with_audit=True)
    _limit_database(demo_db, pragma)
    with pytest.raises(StorageError) as caught:
        save_cadre(demo_db, data, cadre_id=cid, expected_version=version, today=DEMO_TODAY)
    assert reason in str(caught.value) and "数据没有任何改动" in str(caught.value)
    demo_db.engine.dispose()
    assert snapshot(demo_db, with_audit=True) == before


def test_dates_and_numbers_are_untouched_by_the_cleaning(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    write_table(ws, ["日期", "分数", "文本"], [[date(2026, 1, 2), 88.5, "a\x07b" + FORMULA]])
    save_workbook(wb, tmp_path / "t.xlsx")
    row = [c for c in load_workbook(tmp_path / "t.xlsx").active[2]]  # type: ignore[index]
    assert row[0].value.date() == date(2026, 1, 2) and row[1].value == 88.5
    assert row[2].value == "ab" + FORMULA and row[2].data_type == "s"


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.EACCES, "没有写入权限（文件夹只读，或文件正被 Excel 等程序打开）"),
        (errno.EROFS, "磁盘或 U 盘是只读的"),
        (errno.EIO, "读写出错（U 盘被拔出或磁盘损坏？）"),
    ],
)
def test_a_read_only_folder_or_a_pulled_usb_stick_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    def refuse(*_args: Any, **_kw: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)  # cannot even create a file there
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(StorageError) as caught:
        save_workbook(Workbook(), out / "名册.xlsx")
    assert reason in str(caught.value)
    assert visible(out) == []
