"""The printed 干部任免审批表: two A4 pages, the form's headings, the cadre's data, font embedded."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from orgdesk.services.lrmx import apply_import, cadre_id_for, preview_import, print_form
from orgdesk.storage.approval_pdf import approval_pdf_bytes
from orgdesk.storage.database import Database
from orgdesk.storage.lrmx_file import read_lrmx

SAMPLE = Path(__file__).parent.parent / "fixtures" / "lrmx" / "zhang_wei.lrmx"


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_the_form_prints_every_part(db: Database, tmp_path: Path) -> None:
    apply_import(db, preview_import(db, SAMPLE, date(2026, 6, 30)), date(2026, 6, 30))
    out = print_form(
        db, cadre_id_for(db, "410102198204151232"), tmp_path / "form.pdf", date(2026, 6, 30)
    )
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    first, second = (squeezed(p.extract_text()) for p in reader.pages)
    for heading in (
        "干部任免审批表",
        "姓名",
        "性别",
        "出生年月",
        "民族",
        "籍贯",
        "出生地",
        "入党",
        "健康",
        "专业技术职务",
        "熟悉专业有何专长",
        "全日制",
        "在职",
        "毕业院校系及专业",
        "现任职务",
        "拟任职务",
        "拟免职务",
        "简",
    ):
        assert heading in first, heading
    for value in (
        "张䶮",
        "1982.04",
        "（44岁）",
        "回族",
        "2003.06",
        "2004.07",
        "经济师",
        "法学学士",
        "2004.07--2012.02",
        "城关镇人民政府科员",
        "（其间：",
        "县委组织部干部科副科长",
    ):
        assert value in first, value
    for heading in (
        "奖",
        "年度",
        "任",
        "称谓",
        "年龄",
        "政治",
        "工作单位及职务",
        "呈",
        "审",
        "行",
        "填表人：王堃",
        "（盖章）",
    ):
        assert heading in second, heading
    for value in ("2019年被评为全县优秀组工干部", "2023年度考核优秀", "李静", "42", "城关镇农民"):
        assert value in second, value


def test_the_font_is_embedded_and_the_photo_drawn() -> None:
    pdf = approval_pdf_bytes(read_lrmx(SAMPLE))
    reader = PdfReader(BytesIO(pdf))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    embedded = [
        f.get_object()
        for f in fonts.values()
        if "/FontDescriptor" in f.get_object()
        and "/FontFile2" in f.get_object()["/FontDescriptor"].get_object()
    ]
    assert embedded and all("WenQuanYi" in str(f["/BaseFont"]) for f in embedded)
    assert "/XObject" in reader.pages[0]["/Resources"]  # the photo


def test_a_long_resume_shrinks_to_fit_on_page_one() -> None:
    doc = read_lrmx(SAMPLE)
    lines = [
        f"{1980 + i}.01--{1980 + i}.12  某某县某某乡镇人民政府办公室工作人员第{i}段经历"
        for i in range(45)
    ]
    doc.fields["JianLi"] = "\n".join(lines)
    reader = PdfReader(BytesIO(approval_pdf_bytes(doc)))
    assert len(reader.pages) == 2
    assert "第44段经历" in squeezed(reader.pages[0].extract_text())
