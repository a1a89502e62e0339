"""`orgdesk contest eligible`: every active cadre, eligible or not, with every reason."""

from __future__ import annotations

import pytest

from orgdesk.cli.main import main
from orgdesk.domain.eligibility import Rule
from orgdesk.storage.database import Database
from tests.contest_scenario import make_people
from tests.trust_support import cli_db


def test_eligible_lists_every_active_cadre_with_reasons(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    make_people(db)
    db.close()
    target = cli_db(db)
    code = main(["contest", "eligible", "--db", target, "--level", "副科", "--on", "2026-03-10"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith(
        "竞争上岗资格：副科级岗位，基准日 2026-03-10\n在职人员 6 人，符合 0 人，不符合 6 人"
    )
    for name in ("赵䶮", "钱堃", "孙丽", "李新", "周强", "吴科"):
        assert f"\n{name}（" in out
    assert "赵䶮（组织科 · 一级科员）：不符合" in out
    assert "  【符合】工作年限：须在机关工作满 3 年或工龄满 5 年；2015-07-01 进入本部" in out
    assert "  【数据缺失】学习培训：2025 年度学习学分数据缺失，无法判断" in out
    assert "  【不符合】现任层级：现任科长（正科级），高于副科级岗位" in out
    assert Rule.TRANSITION.value in out


def test_chief_level_and_bad_level(db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    make_people(db)
    db.close()
    target = cli_db(db)
    assert (
        main(["contest", "eligible", "--db", target, "--level", "正科", "--on", "2026-03-10"]) == 0
    )
    out = capsys.readouterr().out
    assert "周强（人才科 · 副科长）：不符合" in out
    assert "【符合】任副科长年限：须任副科长满 2 年；任副科长 2010-07-01 起" in out
    with pytest.raises(SystemExit) as bad:
        main(["contest", "eligible", "--db", target, "--level", "科长"])
    assert bad.value.code == 2
