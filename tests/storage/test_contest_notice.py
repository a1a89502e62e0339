"""公示: the data, then the PDF (fonts embedded, rare characters kept) and the Excel file read back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from orgdesk.domain.errors import OrgDeskError
from orgdesk.services.contest_notice import (
    NOTICE_COLUMNS,
    export_notice_pdf,
    export_notice_xlsx,
    publicity_notice,
)
from orgdesk.services.contest_phases import advance
from orgdesk.storage.database import Database
from tests.contest_scenario import ACTOR, deputy_contest, make_people, run_until_publicity


def test_notice_data(db: Database) -> None:
    ids = make_people(db)
    contest_id = run_until_publicity(db, ids)
    notice = publicity_notice(db, contest_id)
    assert notice.title == "关于2026 年度机关中层副职竞争上岗拟任人选的公示"
    [row] = notice.rows
    assert (row.post, row.name, row.sex, row.born) == ("干部科副科长", "赵䶮", "男", "1985.03")
    assert row.current == "组织科一级科员" and row.total == Decimal("87.40")
    assert notice.period == "公示时间：2026年4月13日至2026年4月17日。"
    assert "资格审查、民主推荐、组织审定" in notice.body
    # after 任职 the notice still shows the post held during publicity
    advance(db, contest_id, actor=ACTOR, today=date(2026, 4, 20))
    assert publicity_notice(db, contest_id).rows[0].current == "组织科一级科员"


def test_no_notice_before_proposal(db: Database) -> None:
    make_people(db)
    contest_id = deputy_contest(db)
    with pytest.raises(OrgDeskError, match="确定拟任人选后才能生成公示"):
        publicity_notice(db, contest_id)


def test_pdf_embeds_the_font_and_keeps_rare_characters(db: Database, tmp_path: Path) -> None:
    contest_id = run_until_publicity(db, make_people(db))
    path = export_notice_pdf(db, contest_id, tmp_path / "公示.pdf")
    reader = PdfReader(str(path))
    text = reader.pages[0].extract_text()
    for expected in (
        "拟任人选的公示",
        "赵䶮",
        "干部科副科长",
        "87.40",
        "县委组织部",
        "2026年4月13日",
    ):
        assert expected in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [
        f.get_object()["/FontDescriptor"]
        for f in fonts.values()
        if "/FontDescriptor" in f.get_object()
    ]
    assert any("/FontFile2" in d for d in descriptors)  # TrueType embedded
    assert not list(tmp_path.glob(".orgdesk-*"))  # no temporary file left behind


def test_excel_has_notice_and_every_score(db: Database, tmp_path: Path) -> None:
    contest_id = run_until_publicity(db, make_people(db))
    path = export_notice_xlsx(db, contest_id, tmp_path / "公示.xlsx")
    wb = openpyxl.load_workbook(path)
    notice = wb["公示"]
    assert notice["A1"].value == "关于2026 年度机关中层副职竞争上岗拟任人选的公示"
    assert [c.value for c in notice[3]] == list(NOTICE_COLUMNS)
    assert [c.value for c in notice[4]][:2] == ["干部科副科长", "赵䶮"]
    assert notice["H4"].value == pytest.approx(87.4)
    scores = wb["综合成绩"]
    rows = list(scores.iter_rows(values_only=True))
    assert rows[0][:5] == ("岗位", "姓名", "现科室", "现职级", "民主推荐得票率")
    by_name = {r[1]: r for r in rows[1:] if r[1]}
    assert by_name["赵䶮"][5:10] == (88, 85.5, 90, pytest.approx(87.4), 1)
    assert "例外认定（学习培训）" in by_name["赵䶮"][11]
    assert by_name["孙丽"][10] == "未通过民主推荐"
    assert by_name["李新"][10] == "未通过资格审查"
    assert any(r[0] and str(r[0]).startswith("排名规则") for r in rows)
