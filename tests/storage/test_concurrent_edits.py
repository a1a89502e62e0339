"""Two clerks editing the same cadre: the second save is refused and names the first.

Runs on SQLite and, with ORGDESK_TEST_PG_URL set, on PostgreSQL — where two OrgDesk
clients really share one database (department-server mode).  Each "client" is its own
Database (own engine, own connections) with its own operator name.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import event

from orgdesk.domain.access import Actor, Role, acting_as
from orgdesk.domain.idcard import make_id_number
from orgdesk.domain.people import CadreInput
from orgdesk.services.people import SavedCadre, get_cadre, save_cadre
from orgdesk.services.reference import reference_data
from orgdesk.storage.database import Database
from orgdesk.storage.errors import ConcurrentEdit, DatabaseBusy, StorageError
from orgdesk.storage.models import Cadre

TODAY = date(2026, 6, 30)
AREA = frozenset({"人员与试用"})
WANG_CLERK = Actor("wang", "王科员", Role.CLERK, AREA)
LI_CLERK = Actor("li", "李科员", Role.CLERK, AREA)
WANG = "经办人 王科员（PC-01）"  # the OrgDesk user signed in, and the PC
LI = "经办人 李科员（PC-02）"


@pytest.fixture
def clients(db: Database) -> Iterator[tuple[Database, Database]]:
    """Two OrgDesk clients on the database `db` lives in, as two clerks' PCs would be."""
    a = Database.open(db.location, exclusive=False, operator="PC-01")
    b = Database.open(db.location, exclusive=False, operator="PC-02")
    try:
        yield a, b
    finally:
        a.close()
        b.close()


def new_cadre(db: Database, clerk: Actor = WANG_CLERK) -> int:
    ref = reference_data(db)
    data = CadreInput(
        name="赵䶮",
        id_number=make_id_number("410102", date(1988, 4, 9), 35),
        section_id=ref.section_by_name("干部科").id,
        rank_id=ref.rank_by_name("一级科员").id,
        post_title="科员",
        joined_department=date(2015, 3, 1),
    )
    with acting_as(clerk):
        return save_cadre(db, data, today=TODAY).id


def save_phone(
    client: Database, clerk: Actor, form: CadreInput, cadre_id: int, version: int, phone: str
) -> SavedCadre:
    """`clerk`, signed in on `client`, changes the phone number of the form she opened."""
    with acting_as(clerk):
        return save_cadre(
            client,
            replace(form, phone=phone),
            cadre_id=cadre_id,
            expected_version=version,
            today=TODAY,
        )


def phone_of(db: Database, cadre_id: int) -> tuple[str, int, str]:
    with db.unit_of_work() as uow:
        row = uow.session.get(Cadre, cadre_id)
        assert row is not None
        return row.phone, row.version, row.updated_by


def test_the_second_save_is_refused_and_names_who_changed_it(
    clients: tuple[Database, Database],
) -> None:
    a, b = clients
    cadre_id = new_cadre(a)
    form_a, version_a = get_cadre(a, cadre_id)  # both clerks open the same record
    form_b, version_b = get_cadre(b, cadre_id)
    assert version_a == version_b == 1

    save_phone(a, WANG_CLERK, form_a, cadre_id, version_a, "13800000001")
    with pytest.raises(ConcurrentEdit) as caught:
        save_phone(b, LI_CLERK, form_b, cadre_id, version_b, "13900000002")

    message = str(caught.value)
    assert "「赵䶮」的记录已被他人修改" in message
    assert f"修改人：{WANG}" in message
    assert "本次未保存" in message
    assert caught.value.by == WANG
    assert phone_of(a, cadre_id) == ("13800000001", 2, WANG)  # never a silent overwrite


def test_a_save_racing_an_open_transaction_is_refused(clients: tuple[Database, Database]) -> None:
    """B reads the row and passes its version check; before B writes, A saves and commits.
    B's UPDATE … WHERE version = 1 then matches nothing: refused, naming A."""
    a, b = clients
    cadre_id = new_cadre(a)
    form_a, _ = get_cadre(a, cadre_id)
    form_b, _ = get_cadre(b, cadre_id)
    raced: list[SavedCadre] = []

    def a_saves_first(session, _context, _instances) -> None:  # type: ignore[no-untyped-def]
        if not raced:
            raced.append(save_phone(a, WANG_CLERK, form_a, cadre_id, 1, "13800000001"))

    event.listen(b.session_factory, "before_flush", a_saves_first)
    with pytest.raises(ConcurrentEdit) as caught:
        save_phone(b, LI_CLERK, form_b, cadre_id, 1, "13900000002")
    assert raced and raced[0].version == 2
    assert caught.value.by == WANG
    assert phone_of(b, cadre_id) == ("13800000001", 2, WANG)


def test_many_clients_saving_at_once_exactly_one_wins(db: Database) -> None:
    cadre_id = new_cadre(db)
    form, version = get_cadre(db, cadre_id)
    clerks = [Actor(f"k{i}", f"科员{i}", Role.CLERK, AREA) for i in range(4)]
    names = [f"经办人 科员{i}（PC-{i:02d}）" for i in range(4)]
    clients = [
        Database.open(db.location, exclusive=False, operator=f"PC-{i:02d}") for i in range(4)
    ]
    start = threading.Barrier(len(clients))
    outcome: dict[str, object] = {}

    def clerk(client: Database, n: int) -> None:
        start.wait()  # each thread signs in as its own clerk (a ContextVar per thread)
        try:
            save_phone(client, clerks[n], form, cadre_id, version, f"1380000000{n}")
            outcome[names[n]] = "saved"
        except ConcurrentEdit as exc:
            outcome[names[n]] = exc
        except Exception as exc:  # anything else is a failure of this test
            outcome[names[n]] = repr(exc)

    threads = [threading.Thread(target=clerk, args=(c, n)) for n, c in enumerate(clients)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        for c in clients:
            c.close()

    winners = [name for name, result in outcome.items() if result == "saved"]
    assert len(winners) == 1, outcome
    refused = [r for r in outcome.values() if isinstance(r, ConcurrentEdit)]
    assert len(refused) == len(clients) - 1, outcome
    assert all(r.by == winners[0] for r in refused)
    phone, final_version, by = phone_of(db, cadre_id)
    assert (final_version, by) == (2, winners[0])
    assert phone == f"1380000000{names.index(winners[0])}"


def test_every_save_records_who_made_it(clients: tuple[Database, Database]) -> None:
    a, b = clients
    cadre_id = new_cadre(a)
    assert phone_of(b, cadre_id)[2] == WANG
    form, version = get_cadre(b, cadre_id)
    save_phone(b, LI_CLERK, form, cadre_id, version, "13700000000")
    assert phone_of(a, cadre_id) == ("13700000000", 2, LI)
    with acting_as(None), b.unit_of_work() as uow:  # nobody signed in: the OS login stands in
        row = uow.session.get(Cadre, cadre_id)
        assert row is not None
        row.phone = "13600000000"
        uow.commit()
    phone, _, by = phone_of(a, cadre_id)
    assert phone == "13600000000" and by.endswith("（PC-02）") and "经办人" not in by


def test_any_action_that_loses_a_race_gets_a_chinese_message(
    backend: str, clients: tuple[Database, Database]
) -> None:
    """Not only save_cadre: every unit of work that updates a versioned row is protected."""
    a, b = clients
    cadre_id = new_cadre(a)
    with pytest.raises(StorageError) as caught, b.unit_of_work() as uow_b:
        row_b = uow_b.session.get(Cadre, cadre_id)
        assert row_b is not None
        with a.unit_of_work() as uow_a:
            row_a = uow_a.session.get(Cadre, cadre_id)
            assert row_a is not None
            row_a.note = "甲的备注"
            uow_a.commit()
        row_b.note = "乙的备注"
        uow_b.commit()
    if backend == "postgresql":  # UPDATE … WHERE version = 1 matched nothing
        assert isinstance(caught.value, ConcurrentEdit)
        assert "该记录已被他人修改" in str(caught.value)
    else:  # SQLite refuses to write from a snapshot that another connection has overtaken
        assert isinstance(caught.value, DatabaseBusy)
        assert "请重试" in str(caught.value)
    with a.unit_of_work() as uow:
        row = uow.session.get(Cadre, cadre_id)
        assert row is not None and row.note == "甲的备注"
