"""Export → import → export, updates matched by 身份证号, and imports that change nothing."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from orgdesk.domain.approval_form import FamilyMember
from orgdesk.domain.errors import ValidationFailed
from orgdesk.services.lrmx import (
    apply_import,
    approval_document,
    cadre_id_for,
    cadre_ids,
    export_cadre,
    export_cadres,
    preview_import,
)
from orgdesk.services.people import get_cadre, save_cadre
from orgdesk.storage.database import Database
from orgdesk.storage.errors import ConcurrentEdit
from orgdesk.storage.lrmx_file import LrmxFileError, lrmx_bytes, read_lrmx
from tests.conftest import DEMO_TODAY
from tests.trust_support import snapshot

SAMPLE = Path(__file__).parent.parent / "fixtures" / "lrmx" / "zhang_wei.lrmx"


def canonical(data: bytes) -> list[tuple[str, str]]:
    """Every element as (path, text), sorted: equal means the same XML up to element order.

    Blank padding rows of the family table and line breaks inside the base64 photo
    are not content, so they are left out.
    """
    root = ET.fromstring(data)
    out: list[tuple[str, str]] = []

    def walk(el: ET.Element, path: str) -> None:
        children = list(el)
        if not children:
            text = (el.text or "").strip()
            out.append((path, "".join(text.split()) if el.tag == "ZhaoPian" else text))
        items = [
            walk_item(c) for c in children if c.tag == "Item" and "".join(c.itertext()).strip()
        ]
        if items:
            out.append((path + "/Item*", repr(sorted(items))))
        for child in children:
            if child.tag != "Item":
                walk(child, f"{path}/{child.tag}")

    def walk_item(item: ET.Element) -> str:
        return repr(sorted((c.tag, (c.text or "").strip()) for c in item))

    walk(root, root.tag)
    return sorted(out)


def photo_bytes() -> bytes:
    out = BytesIO()
    Image.new("RGB", (30, 40), (90, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def fill_first_cadre(db: Database) -> int:
    """Give a demo cadre everything the form can hold."""
    cadre_id = 1
    data, version = get_cadre(db, cadre_id)
    assert data.details is not None
    d = data.details
    d.native_place, d.birthplace, d.health = "河南郑州", "河南中牟", "健康"
    d.party_joined = date(data.birth_date.year + 22, 6, 1)  # type: ignore[union-attr]
    d.professional_title, d.expertise = "经济师", "干部管理"
    d.parttime_education, d.parttime_degree = "研究生", "公共管理硕士"
    d.parttime_education_school = "中共河南省委党校经济管理专业"
    d.proposed_post, d.proposed_removal = "县委组织部干部科科长", "县委组织部干部科副科长"
    d.rewards = "2019年被评为全县优秀组工干部。"
    d.evaluation_text = "2023年度考核优秀；2024年度考核称职；2025年度考核称职。"
    d.appointment_reason, d.reporting_unit, d.form_filler = "工作需要", "中共某某县委组织部", "王堃"
    d.family = [
        FamilyMember("妻子", "李静", date(1988, 5, 1), "中共党员", "县第一高级中学教师"),
        FamilyMember("儿子", "张子涵", date(2014, 9, 1), "群众", "县实验小学学生"),
    ]
    d.photo = photo_bytes()
    data.postings[0].note = "（其间：2008.09--2011.07在省委党校在职研究生学习）"
    save_cadre(db, data, cadre_id=cadre_id, expected_version=version, today=DEMO_TODAY)
    return cadre_id


def logical_dump(db: Database) -> dict[str, list[tuple]]:
    return snapshot(db, with_audit=True)


def test_export_import_export_gives_the_same_xml(demo_db: Database, tmp_path: Path) -> None:
    fill_first_cadre(demo_db)
    every = cadre_ids(demo_db, include_left=True)
    first = export_cadres(demo_db, every, tmp_path / "a", DEMO_TODAY)
    assert len(first) == len(every)
    with Database.open(tmp_path / "empty.db") as fresh:
        for path in first:
            preview = preview_import(fresh, path, DEMO_TODAY)
            assert preview.is_new
            apply_import(fresh, preview, DEMO_TODAY)
        second = export_cadres(
            fresh, cadre_ids(fresh, include_left=True), tmp_path / "b", DEMO_TODAY
        )
    assert sorted(p.name for p in first) == sorted(p.name for p in second)
    for path in first:
        again = tmp_path / "b" / path.name
        assert canonical(path.read_bytes()) == canonical(again.read_bytes()), path.name
    filled_name = get_cadre(demo_db, 1)[0].name
    filled = next(read_lrmx(p) for p in first if read_lrmx(p).get("XingMing") == filled_name)
    assert filled.photo is not None and filled.get("JianLi").count("（其间：") == 1
    assert filled.get("JiGuan") and filled.family  # the demo fills the form fields too


def test_the_hand_written_sample_imports_and_exports_the_same(db: Database, tmp_path: Path) -> None:
    preview = preview_import(db, SAMPLE, DEMO_TODAY)
    assert preview.is_new and preview.name == "张䶮"
    labels = {c.label for c in preview.changes}
    assert {"姓名", "籍贯", "家庭成员", "照片", "任职经历（简历）", "科室"} <= labels
    apply_import(db, preview, DEMO_TODAY)
    cadre_id = cadre_id_for(db, "410102198204151232")
    data, _ = get_cadre(db, cadre_id)
    assert data.ethnicity == "回族" and data.education == "研究生" and data.degree == "硕士"
    assert data.political_status == "中共党员"
    assert data.post_title == "副科长" and data.first_employment == date(2004, 7, 1)
    assert [(p.unit, p.post_title) for p in data.postings] == [
        ("郑州大学法学院法学专业", "学习"),
        ("城关镇人民政府", "科员"),
        ("本部", "科员"),
        ("本部", "副科长"),
    ]
    assert data.postings[1].note.startswith("（其间：")
    assert data.details is not None and data.details.current_post_text == ""

    exported = lrmx_bytes(approval_document(db, cadre_id, date(2026, 6, 30)))
    sample = dict(canonical(SAMPLE.read_bytes()))
    mine = dict(canonical(exported))
    sample["Person/RuDangShiJian"] = "200306"  # we write months the one way
    assert mine == sample


def test_import_updates_the_cadre_with_the_same_id_number(db: Database, tmp_path: Path) -> None:
    apply_import(db, preview_import(db, SAMPLE, DEMO_TODAY), DEMO_TODAY)
    cadre_id = cadre_id_for(db, "410102198204151232")
    before, _ = get_cadre(db, cadre_id)
    changed = tmp_path / "changed.lrmx"
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("<JiGuan>河南郑州</JiGuan>", "<JiGuan>河南开封</JiGuan>")
    text = text.replace("<ChuShengDi>河南中牟</ChuShengDi>", "<ChuShengDi></ChuShengDi>")
    text = text.replace(
        "2018.06--         县委组织部干部科副科长",
        "2018.06--2026.05  县委组织部干部科副科长\n2026.06--         县委组织部干部科科长",
    )
    changed.write_text(text, encoding="utf-8")

    preview = preview_import(db, changed, DEMO_TODAY)
    assert not preview.is_new and preview.cadre_id == cadre_id
    shown = {c.label: (c.old, c.new) for c in preview.changes}
    assert shown["籍贯"] == ("河南郑州", "河南开封")
    assert "出生地" not in shown  # empty in the file: what we keep stays
    assert shown["职务"] == ("副科长", "科长")
    assert "保留 3 条，新增 2 条，删除 1 条" in shown["任职经历（简历）"][1]
    apply_import(db, preview, DEMO_TODAY)
    after, _ = get_cadre(db, cadre_id)
    assert after.details is not None and after.details.native_place == "河南开封"
    assert after.details.birthplace == "河南中牟"
    kept_ids = {p.id for p in before.postings[:3]}
    assert kept_ids <= {p.id for p in after.postings}

    again = preview_import(db, changed, DEMO_TODAY)
    assert again.changes == [] and "无需更新" in again.summary()


def test_a_record_changed_after_the_preview_is_not_overwritten(db: Database) -> None:
    apply_import(db, preview_import(db, SAMPLE, DEMO_TODAY), DEMO_TODAY)
    preview = preview_import(db, SAMPLE, DEMO_TODAY)
    cadre_id = cadre_id_for(db, "410102198204151232")
    data, version = get_cadre(db, cadre_id)
    data.phone = "13900000000"
    save_cadre(db, data, cadre_id=cadre_id, expected_version=version, today=DEMO_TODAY)
    with pytest.raises(ConcurrentEdit):
        apply_import(db, preview, DEMO_TODAY)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "<ChuShengNianYue>198204</ChuShengNianYue>",
            "<ChuShengNianYue>198205</ChuShengNianYue>",
            "出生年月",
        ),
        (
            "<ShenFenZheng>410102198204151232</ShenFenZheng>",
            "<ShenFenZheng>410102198204151231</ShenFenZheng>",
            "校验",
        ),
        (
            "<ChuShengRiQi>198405</ChuShengRiQi>",
            "<ChuShengRiQi>大约八四年</ChuShengRiQi>",
            "家庭成员第 1 行",
        ),
        ("2004.07--2012.02", "2014.07--2012.02", "简历"),
        ("<MinZu>回族</MinZu>", "<MinZu>火星族</MinZu>", "民族"),
        ("<Person>", "<Persn>", "XML"),
    ],
)
def test_a_bad_file_changes_nothing(
    demo_db: Database, tmp_path: Path, old: str, new: str, message: str
) -> None:
    apply_import(demo_db, preview_import(demo_db, SAMPLE, DEMO_TODAY), DEMO_TODAY)
    before = logical_dump(demo_db)
    bad = tmp_path / "bad.lrmx"
    text = SAMPLE.read_text(encoding="utf-8")
    assert old in text
    bad.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises((ValidationFailed, LrmxFileError)) as caught:
        preview_import(demo_db, bad, DEMO_TODAY)
    assert message in str(caught.value)
    assert logical_dump(demo_db) == before


def test_namesakes_get_distinct_file_names(db: Database, tmp_path: Path) -> None:
    apply_import(db, preview_import(db, SAMPLE, DEMO_TODAY), DEMO_TODAY)
    twin = tmp_path / "twin.lrmx"
    twin.write_text(
        SAMPLE.read_text(encoding="utf-8")
        .replace("410102198204151232", "410122198204030487")
        .replace("男", "女", 1),
        encoding="utf-8",
    )
    apply_import(db, preview_import(db, twin, DEMO_TODAY), DEMO_TODAY)
    paths = export_cadres(db, cadre_ids(db), tmp_path / "out", DEMO_TODAY)
    assert sorted(p.name for p in paths) == ["张䶮_0487.lrmx", "张䶮_1232.lrmx"]
    single = export_cadre(
        db, cadre_id_for(db, "410122198204030487"), tmp_path / "one.lrmx", DEMO_TODAY
    )
    assert read_lrmx(single).get("XingBie") == "女"
