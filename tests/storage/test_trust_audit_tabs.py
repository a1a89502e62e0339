"""Every tab's records are in the 操作日志: a change leaves its old and new value (issue 9).

The trail is written by mapper events on every model, so this checks one
record of each area's own tables, changed and saved the way a service does.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, text

from orgdesk.storage.database import Database
from orgdesk.storage.models.contest import Contest
from orgdesk.storage.models.evaluation import TargetItem
from orgdesk.storage.models.ledger import LedgerItem
from orgdesk.storage.models.personnel import IntakeBatch
from orgdesk.storage.models.rotation import Secondment
from orgdesk.storage.models.training import TrainingSession

CASES: list[tuple[str, Any, str]] = [
    ("人员与试用", IntakeBatch, "title"),
    ("培训与学分", TrainingSession, "title"),
    ("交流轮岗", Secondment, "host_unit"),
    ("工作台账", LedgerItem, "title"),
    ("竞争上岗", Contest, "title"),
    ("年度考核", TargetItem, "title"),
]


@pytest.mark.parametrize(("tab", "model", "field"), CASES, ids=[c[0] for c in CASES])
def test_a_change_in_each_tab_is_logged_with_old_and_new(
    demo_db: Database, tab: str, model: Any, field: str
) -> None:
    with demo_db.unit_of_work() as uow:
        row = uow.session.scalars(select(model).order_by(model.id)).first()
        assert row is not None, f"the demo has no {tab} record"
        old = getattr(row, field)
        setattr(row, field, f"{old}（修订）")
        record_id = row.id
        uow.commit()
    with demo_db.engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT old_value, new_value FROM audit_log"
                " WHERE table_name = :t AND record_id = :r AND field = :f"
            ),
            {"t": model.__tablename__, "r": str(record_id), "f": field},
        ).all()
    assert (old, f"{old}（修订）") in [tuple(r) for r in found]
