"""The streaming plain export against the export that loads everything (load_rows + units).

A practitioner's, a location's or the whole clinic's export is read plan by plan
(planner.services.export_stream); deliveries and CalDAV still read small scopes with
``prepare``. Both must hold the same events, byte for byte, and the same calendar header;
only the order of the events may differ (plan chunk by plan chunk).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from planner.db.models import Appointment, Location, Practitioner
from planner.db.store import Store
from planner.errors import BadInput, NotFound
from planner.ics import render
from planner.ics.content import SessionFacts
from planner.ics.model import PatientLabel, Profile, SessionEvent, Shape
from planner.services import export_stream
from planner.services.booking.appointments import number_sessions as numbering
from planner.services.calendar_export import export_calendar, prepare
from planner.services.demo import DemoSummary, build_demo
from planner.services.export_events import EventBuilder, frozen, units
from planner.services.export_scope import Scope

from ..db.conftest import pg_server, pg_url  # noqa: F401 - PostgreSQL fixtures

NOW = datetime(2026, 12, 2, 8, 0)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, DemoSummary]]:
    store = Store(str(tmp_path_factory.mktemp("stream") / "d.db"), create=True)
    summary = build_demo(
        store, locations=2, practitioners=5, patients=80, appointments=700, seed=11
    )
    yield store, summary
    store.close()


def _span(summary: DemoSummary) -> tuple[date, date]:
    assert summary.first_day is not None and summary.last_day is not None
    return summary.first_day, summary.last_day


def _reference(store: Store, scope: Scope, profile: Profile, shape: Shape) -> bytes:
    """The same scope through ``prepare`` and one ``units`` call over every row."""
    with store.read() as s:
        p = prepare(
            s,
            scope,
            profile,
            now=NOW,
            alarms=None,
            patient_label=PatientLabel.INITIALS,
            key=scope.key(profile, shape),
        )
        body = b"".join(u.data for u in units(p.world, scope, p.builder, shape, p.meta))
        return render.header(p.meta) + body + render.footer()


def _split(data: bytes) -> tuple[bytes, list[bytes]]:
    """The header, and the VEVENTs sorted (their order is the only thing that may differ)."""
    assert data.endswith(render.footer())
    head, *events = data[: -len(render.footer())].split(b"BEGIN:VEVENT\r\n")
    return head, sorted(events)


def _same(streamed: bytes, reference: bytes) -> None:
    head, events = _split(streamed)
    ref_head, ref_events = _split(reference)
    assert head == ref_head
    assert len(events) == len(ref_events)
    assert events == ref_events


@pytest.mark.parametrize("shape", list(Shape))
@pytest.mark.parametrize("profile", list(Profile))
def test_the_whole_clinic_streamed_is_the_clinic_loaded_at_once(
    demo: tuple[Store, DemoSummary],
    profile: Profile,
    shape: Shape,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, summary = demo
    first, last = _span(summary)
    scope = Scope.everything(first, last)
    # a few plans per chunk and a small cursor batch, so that chunks and batches have edges
    monkeypatch.setattr(export_stream, "PLANS_PER_CHUNK", 7)
    monkeypatch.setattr(export_stream, "CURSOR_BATCH", 50)
    result = export_calendar(store, scope, profile=profile, shape=shape, now=NOW)
    assert result.data is not None
    _same(result.data, _reference(store, scope, profile, shape))
    with store.read() as s:
        sessions = len(s.scalars(select(Appointment.id)).all())
    assert result.sessions == sessions, "every session of the clinic is in the file"
    assert result.first == first and result.last == last


@pytest.mark.parametrize("shape", list(Shape))
def test_a_practitioner_and_a_location_over_a_month_are_the_same_either_way(
    demo: tuple[Store, DemoSummary], shape: Shape, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, summary = demo
    monkeypatch.setattr(export_stream, "PLANS_PER_CHUNK", 3)
    first = summary.today
    last = first + timedelta(days=30)
    with store.read() as s:
        practitioner = s.scalars(select(Practitioner.id).order_by(Practitioner.id)).first()
        location = s.scalars(select(Location.id).order_by(Location.id)).first()
    assert practitioner is not None and location is not None
    for scope in (
        Scope.practitioner(practitioner, first, last),
        Scope.location(location, first, last),
    ):
        for profile in (Profile.PRACTITIONER, Profile.PATIENT):
            result = export_calendar(store, scope, profile=profile, shape=shape, now=NOW)
            assert result.data is not None
            _same(result.data, _reference(store, scope, profile, shape))
    if shape is Shape.SERIES:
        # a series is written whole, so it holds sessions outside the month too
        scope = Scope.location(location, first, last)
        whole = export_calendar(store, scope, shape=Shape.SERIES, now=NOW)
        month = export_calendar(store, scope, shape=Shape.SESSIONS, now=NOW)
        assert whole.sessions > month.sessions


def test_an_empty_range_and_an_unknown_practitioner_are_refused(
    demo: tuple[Store, DemoSummary],
) -> None:
    store, summary = demo
    far = _span(summary)[1] + timedelta(days=400)
    with pytest.raises(NotFound, match=f"the clinic has no sessions from {far}"):
        export_calendar(store, Scope.everything(far, far + timedelta(days=10)), now=NOW)
    with pytest.raises(NotFound, match="no practitioner with id 9999"):
        export_calendar(store, Scope.practitioner(9999, far, far), now=NOW)
    with pytest.raises(BadInput, match="five years"):
        export_calendar(store, Scope.everything(far, far + timedelta(days=6 * 366)), now=NOW)


def test_the_fast_constructor_makes_what_the_dataclass_makes(
    demo: tuple[Store, DemoSummary],
) -> None:
    store, summary = demo
    first, last = _span(summary)
    scope = Scope.everything(first, last)
    with store.read() as s:
        dims = export_stream.dimensions(s)
        chunk = next(export_stream.chunks(s, scope, first, last, dims))
    every = [a for group in chunk.siblings.values() for a in group]
    b = EventBuilder(chunk, scope, Profile.FULL, PatientLabel.INITIALS, numbering(every), [])
    for a in chunk.selected[:50]:
        f = b.facts(a)
        assert f == SessionFacts(**{x.name: getattr(f, x.name) for x in dataclasses.fields(f)})
        ev = b.event(a)
        assert ev == SessionEvent(**{x.name: getattr(ev, x.name) for x in dataclasses.fields(ev)})
        assert hash(ev) == hash(dataclasses.replace(ev))
    with pytest.raises(TypeError, match="needs exactly"):
        frozen(SessionFacts, appointment_id=1)


def test_streaming_on_postgresql_reads_in_chunks_beside_its_cursor(
    pg_url: str,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A server-side cursor stays open while each chunk's regions, plans and patients are
    read on the same connection."""
    store = Store(pg_url, create=True)
    try:
        summary = build_demo(
            store, locations=1, practitioners=3, patients=30, appointments=250, seed=5
        )
        monkeypatch.setattr(export_stream, "PLANS_PER_CHUNK", 4)
        monkeypatch.setattr(export_stream, "CURSOR_BATCH", 20)
        first, last = _span(summary)
        scope = Scope.everything(first, last)
        for shape in Shape:
            result = export_calendar(store, scope, profile=Profile.FULL, shape=shape, now=NOW)
            assert result.data is not None
            _same(result.data, _reference(store, scope, Profile.FULL, shape))
            assert result.sessions == summary.appointments
    finally:
        store.close()
