"""Several desks sending one outbox: each message is built once and sent once.

Every desk's window runs the outbox every few seconds, so on a shared database several desks
reach for the same rows at the same moment. Here three desks (threads, each with its own
connection pool) run it at once over six patients' waiting invitations, on PostgreSQL and on
a shared SQLite file; the loopback SMTP server must receive exactly one message per patient.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from planner.core.timeutil import utcnow
from planner.db.models import OutboxItem, Patient
from planner.db.store import Store
from planner.services import clinic
from planner.services.booking.plans import PlanRequest, book
from planner.services.clinic_settings import set_setting
from planner.services.mail_settings import save_mail_settings
from planner.services.outbox import run_due

PATIENTS = 6
DESKS = 3


def _monday() -> date:
    d = date(utcnow().year + 2, 2, 1)
    return d + timedelta(days=(7 - d.weekday()) % 7)


def _clinic(store: Store, smtp: Any) -> None:
    loc = clinic.add_location(
        store, "Oslo sentrum", "Europe/Oslo", country="NO", hours=["mon-fri 08:00-18:00"]
    )
    who = clinic.add_practitioner(
        store, "Ingrid Berg", "acupuncturist", [loc.id], hours=["mon-fri 08:00-16:00"]
    )
    set_setting(store, "clinic_email", "post@nordlys.example")
    save_mail_settings(
        store, host=smtp.host, port=smtp.port, security="none", user="", from_address=None
    )
    start = _monday()
    for n in range(PATIENTS):
        p = clinic.add_patient(store, f"Pasient {n}", email=f"p{n}@example.no")
        with store.write() as s:
            row = s.get(Patient, p.id)
            assert row is not None
            row.email_consent = True
        book(
            store,
            PlanRequest(
                patient_id=p.id,
                practitioner_id=who.id,
                start=f"{start.isoformat()}T{8 + n:02d}:00",
                template="Dry needling, acute",
            ),
        )


def _race(url: str) -> None:
    stores = [Store(url) for _ in range(DESKS)]
    gate = threading.Barrier(DESKS)
    errors: list[BaseException] = []

    def desk(store: Store) -> None:
        try:
            gate.wait()
            for _ in range(3):
                run_due(store, force=True)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=desk, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for s in stores:
        s.close()
    assert not errors, errors


def _check(store: Store, smtp: Any) -> None:
    to = sorted(str(m["To"].addresses[0].addr_spec) for m in smtp.messages)
    assert to == sorted(f"p{n}@example.no" for n in range(PATIENTS)), "one message each"
    with store.read() as s:
        statuses = dict(
            s.execute(select(OutboxItem.status, func.count()).group_by(OutboxItem.status)).all()
        )
    assert statuses == {"sent": PATIENTS}


@pytest.mark.slow
def test_three_desks_send_each_invitation_once_on_postgres(pg_url: str, smtp_server: Any) -> None:
    store = Store(pg_url, create=True)
    _clinic(store, smtp_server)
    _race(pg_url)
    _check(store, smtp_server)
    store.close()


def test_three_desks_send_each_invitation_once_on_sqlite(tmp_path: Path, smtp_server: Any) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    store = Store(url, create=True)
    _clinic(store, smtp_server)
    _race(url)
    _check(store, smtp_server)
    store.close()
