"""竞争上岗 items for the due list: registration closed, publicity over, waiting for the clerk."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from orgdesk.domain.contest import Phase
from orgdesk.domain.due import DueItem, Urgency
from orgdesk.domain.settings import Settings
from orgdesk.storage.database import Database
from orgdesk.storage.models.contest import Contest

TAB = "竞争上岗"


def contest_due(db: Database, on: date, settings: Settings) -> list[DueItem]:
    del settings  # nothing here is a rule number
    items: list[DueItem] = []
    wanted = (Phase.REGISTRATION.value, Phase.PUBLICITY.value)
    with db.unit_of_work() as uow:
        rows = uow.session.execute(
            select(
                Contest.id,
                Contest.title,
                Contest.phase,
                Contest.registration_deadline,
                Contest.publicity_end,
            ).where(Contest.phase.in_(wanted))
        ).all()
    for contest_id, title, phase, deadline, publicity_end in rows:
        if phase == Phase.REGISTRATION.value:
            if on > deadline:
                text = f"「{title}」报名已于 {deadline:%Y-%m-%d} 截止，待转入资格审查"
                items.append(
                    _item("竞争上岗报名截止", text, deadline, Urgency.DUE_SOON, contest_id)
                )
            else:
                text = f"「{title}」报名中，{deadline:%Y-%m-%d} 截止"
                items.append(_item("竞争上岗报名", text, deadline, Urgency.NOTICE, contest_id))
        elif publicity_end is not None:
            if on > publicity_end:
                text = f"「{title}」公示已于 {publicity_end:%Y-%m-%d} 期满，待办理任职"
                items.append(
                    _item("竞争上岗公示期满", text, publicity_end, Urgency.DUE_SOON, contest_id)
                )
            else:
                text = f"「{title}」公示中，{publicity_end:%Y-%m-%d} 期满"
                items.append(_item("竞争上岗公示", text, publicity_end, Urgency.NOTICE, contest_id))
    return items


def _item(kind: str, title: str, due: date, urgency: Urgency, contest_id: int) -> DueItem:
    return DueItem(kind, title, due, urgency, TAB, "contest", contest_id)
