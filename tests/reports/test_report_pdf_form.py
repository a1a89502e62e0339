"""The 考核登记表 pages: the fixed grid is one shared form XObject, values stay per page."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from orgdesk.domain.report import AnnualReport, PersonForm
from orgdesk.storage.report_pdf import write_report_pdf


def person(i: int, name: str) -> PersonForm:
    return PersonForm(
        cadre_id=i,
        name=name,
        sex="女",
        birth=date(1980, 3, 1),
        political_status="中共党员",
        education="大学本科",
        in_post_since=date(2020, 7, 1),
        unit_and_post="县委组织部办公室科长",
        duties=f"负责第{i}项工作",
        self_summary="认真学习，扎实工作。" * (3 + i),
        training="完成年度学习",
        target_score=90.0 + i,
        votes=(9, 8, 1, 0),
        voters=18,
        vote_score=88.5,
        combined=89.25,
        proposed="称职",
        final="优秀" if i == 0 else "称职",
        final_reason="表现突出" if i == 0 else "",
        leader_comment="工作认真负责。",
        history=((2023, "称职"), (2024, "优秀")),
    )


def test_forms_share_one_grid_and_keep_each_persons_text(tmp_path: Path) -> None:
    names = ["王䶮", "王𠀀", "李四"]
    forms = [person(i, n) for i, n in enumerate(names)]
    long = replace(forms[1], self_summary="认真学习，扎实工作，" * 120 + "全文完")
    report = AnnualReport(2025, "县委组织部", date(2026, 6, 30), (), (forms[0], long, forms[2]))
    out = tmp_path / "forms.pdf"
    assert write_report_pdf(report, out, forms_only=True) == ""
    reader = PdfReader(out)
    assert len(reader.pages) == 4  # 王𠀀's summary continues on a 续页
    texts = [page.extract_text() for page in reader.pages]
    grids = set()
    for i, name in zip((0, 1, 3), names, strict=True):
        assert name in texts[i] and "2025年度组工干部考核登记表" in texts[i]
        assert "主管领导评语" in texts[i]
        xobjects = reader.pages[i]["/Resources"]["/XObject"]
        grids |= {xobjects[k].indirect_reference.idnum for k in xobjects}
    assert len(grids) == 1  # the fixed part is written once, not once per page
    assert "与建议等次「称职」不同，理由：表现突出" in texts[0]
    assert "（续页）" in texts[2] and "王𠀀" in texts[2] and "全文完" in texts[2]
