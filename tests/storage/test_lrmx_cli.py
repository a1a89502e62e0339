"""`orgdesk lrmx export|import|print` as a clerk runs them for batch work."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic import command

from orgdesk.cli.main import main
from orgdesk.services.demo import build_demo
from orgdesk.services.people import get_cadre
from orgdesk.storage.database import Database
from orgdesk.storage.engine import make_engine
from orgdesk.storage.lrmx_file import read_lrmx
from orgdesk.storage.migrate import alembic_config

SAMPLE = Path(__file__).parent.parent / "fixtures" / "lrmx" / "zhang_wei.lrmx"


def dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_import_then_export_one_and_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "a.db"
    Database.open(db).close()
    assert main(["lrmx", "import", str(SAMPLE), "--db", str(db), "--dry-run"]) == 0
    assert "试运行" in capsys.readouterr().out
    assert main(["lrmx", "import", str(SAMPLE), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "新增人员「张䶮」" in out and "已导入" in out

    one = tmp_path / "one.lrmx"
    assert main(["lrmx", "export", "--db", str(db), "--id", "410102198204151232", str(one)]) == 0
    assert read_lrmx(one).get("JiGuan") == "河南郑州"
    assert main(["lrmx", "export", "--db", str(db), "--all", str(tmp_path / "all")]) == 0
    assert [p.name for p in (tmp_path / "all").iterdir()] == ["张䶮.lrmx"]
    pdf = tmp_path / "form.pdf"
    assert main(["lrmx", "print", "--db", str(db), "--id", "410102198204151232", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")

    assert main(["lrmx", "import", str(one), "--db", str(db)]) == 0
    assert "无需更新" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<Person><XingMing>\xe5\xbc\xa0</XingMing>", "不是有效的 XML"),
        (SAMPLE.read_bytes().replace(b'encoding="UTF-8"', b'encoding="EBCDIC"'), "EBCDIC"),
        (SAMPLE.read_bytes().replace(b"<XingBie>\xe7\x94\xb7</XingBie>", b""), "XingBie"),
    ],
)
def test_a_bad_file_exits_1_with_the_reason_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, reason: str
) -> None:
    db = build_demo(tmp_path / "d.db", people=5, seed=2, today=date(2026, 6, 30))
    db.close()
    before = dump(tmp_path / "d.db")
    bad = tmp_path / "bad.lrmx"
    bad.write_bytes(content)
    assert main(["lrmx", "import", str(bad), "--db", str(tmp_path / "d.db")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and reason in err
    assert dump(tmp_path / "d.db") == before


def test_unknown_id_number_is_a_chinese_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.db"
    Database.open(db).close()
    assert (
        main(
            [
                "lrmx",
                "export",
                "--db",
                str(db),
                "--id",
                "410102198204151232",
                str(tmp_path / "x.lrmx"),
            ]
        )
        == 1
    )
    assert "没有身份证号为 410102198204151232 的人员" in capsys.readouterr().err


def test_upgrading_a_foundation_database_keeps_its_cadres(tmp_path: Path) -> None:
    """0001 → head: the new columns arrive empty, the old rows are untouched."""
    path = tmp_path / "old.db"
    engine = make_engine(path, foreign_keys=False)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql(
            "INSERT INTO cadres (name, name_initials, name_pinyin, id_number, sex, birth_date, "
            "ethnicity, political_status, education, degree, specialty, post_title, status, phone, "
            "note, created_at, updated_at, version) VALUES ('王䶮', 'wy', 'wang yan', "
            "'410102198204151232', '男', '1982-04-15', '汉族', '中共党员', '大学本科', '学士', '', "
            "'科员', '在职', '', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)"
        )
    engine.dispose()
    with Database.open(path) as db:
        data, _ = get_cadre(db, 1)
    assert data.name == "王䶮"
    assert (
        data.details is not None and data.details.native_place == "" and data.details.family == []
    )
    assert data.details.photo is None
