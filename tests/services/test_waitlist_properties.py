"""Properties of the waitlist's whole-series matching (hypothesis, derandomized).

* The search on the index finds exactly the earliest start a brute force finds by running the
  engine at every quarter hour (so its cheap first step never turns down a start that fits,
  and no candidate is missed when the only free series starts late in the range).
* Every session of every candidate lies inside the patient's times; a session a holiday moves
  is moved there or the start is not offered; the series keeps its count.
* On a real database, the first candidate books at once, as shown, and closes the entry.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.core.availability import Unavailable, fits_hours, patient_hours
from planner.core.calendars import ClinicCalendar, WeeklyHours
from planner.core.domain import Busy, Kind, Modality, Phase, PlanSpec, SessionState
from planner.core.engine import MemoryBookings, propose
from planner.core.timeutil import to_utc, zone
from planner.services.schedule.next_free import day_candidates
from planner.services.waitlist.entries import OPEN, Entry, Ref
from planner.services.waitlist.matching import STEP, Option, reach, search
from planner.services.waitlist.occupancy import Occupancy

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TZ = zone("Europe/Oslo")
NOW = datetime(2031, 1, 1, 12, 0)  # naive UTC, years ahead
CAL = ClinicCalendar(
    tz=TZ,
    opening=WeeklyHours.parse("mon-fri 08:00-18:00"),
    working=WeeklyHours.parse("mon-fri 08:00-16:00"),
    country="NO",
    location_name="Oslo",
    practitioner_name="Ingrid Berg",
)
OPTION = Option(Ref(1, "Ingrid Berg"), Ref(1, "Oslo"), None, CAL)
FIBRO = (
    Phase(Kind.ASSESSMENT, duration_min=45),
    Phase(Kind.TREATMENT, duration_min=30, weeks=9, after_weeks=1),
    Phase(Kind.REASSESSMENT, duration_min=45, after_weeks=1),
)
HOURS = {
    "tue-thu-mornings": ((1, 3), ((time(8), time(12)),)),
    "mon-wed-afternoons": ((0, 2), ((time(13), time(16)),)),
    "weekdays-two-spans": ((0, 1, 2, 3, 4), ((time(8), time(10)), (time(14), time(16)))),
}
# Spring 2031: Easter Monday 14 Apr, 1 May (Thu), Ascension 29 May (Thu), Whit Monday 9 Jun.
FIRST_DAYS = st.dates(date(2031, 3, 31), date(2031, 5, 26))


def entry(phases: tuple[Phase, ...], hours: WeeklyHours, first: date, days: int) -> Entry:
    return Entry(
        id=1,
        revision=0,
        patient=Ref(1, "Kari Nordmann"),
        patient_flags=(),
        template=None,
        phases=phases,
        modality=Modality.ACUPUNCTURE,
        location=Ref(1, "Oslo"),
        room=None,
        practitioners=(Ref(1, "Ingrid Berg"),),
        hours=hours,
        earliest=first,
        latest=first + timedelta(days=days),
        urgent=False,
        note="",
        expires_on=first + timedelta(days=days),
        added_at=NOW,
        status=OPEN,
    )


@st.composite
def cases(draw: st.DrawFn) -> tuple[Entry, list[Busy]]:
    weekdays, spans = HOURS[draw(st.sampled_from(sorted(HOURS)))]
    hours = patient_hours(weekdays, spans)
    phases: tuple[Phase, ...]
    if draw(st.booleans()):
        phases = FIBRO
    else:
        phases = (
            Phase(
                Kind.TREATMENT,
                duration_min=draw(st.sampled_from((15, 30, 45, 60))),
                weeks=draw(st.integers(1, 5)),
            ),
        )
    first = draw(FIRST_DAYS)
    days = draw(st.integers(0, 20))
    # Held time: the practitioner fully booked for the first days of the range (so the only
    # free series may start late in it), and weekly runs of held time inside the patient's
    # times (a busy practitioner, a patient with other appointments).
    busy: list[Busy] = []
    full = draw(st.integers(0, days + 1))
    for d in range(full):
        a = to_utc(datetime.combine(first + timedelta(days=d), time(8)), TZ)
        busy.append(Busy(a, a + timedelta(hours=8), "practitioner", None, "held"))
    for _ in range(draw(st.integers(0, 10))):
        day = first + timedelta(days=draw(st.integers(0, days + 7)))
        lo, hi = draw(st.sampled_from(spans))
        hour = draw(st.integers(lo.hour, max(lo.hour, hi.hour - 1)))
        minute = draw(st.sampled_from((0, 15, 30, 45)))
        weeks = draw(st.integers(1, 14))
        length = draw(st.sampled_from((15, 30, 60, 120)))
        who = draw(st.sampled_from(("practitioner", "patient")))
        for w in range(weeks):
            local = datetime.combine(day + timedelta(weeks=w), time(hour, minute))
            a = to_utc(local, TZ)
            busy.append(Busy(a, a + timedelta(minutes=length), who, None, "held"))
    return entry(phases, hours, first, days), busy


def index(e: Entry, busy: list[Busy]) -> Occupancy:
    occ = Occupancy(reach(e, TZ, NOW))
    for b in busy:
        occ.add((b.resource, 1), b.start_utc, b.end_utc)
    return occ


def brute_force(e: Entry, busy: list[Busy]) -> datetime | None:
    """The earliest start from which the engine books every session: every quarter hour of
    every day in the range, no shortcut."""
    assert e.hours is not None
    source = Unavailable(MemoryBookings(busy), e.hours, TZ)
    day = e.earliest
    while day <= e.latest:
        if CAL.closed_reason(day) is None:
            for local in sorted(day_candidates(CAL, day, time(0), e.phases[0].duration_min, STEP)):
                if not fits_hours(e.hours, local, e.phases[0].duration_min):
                    continue
                try:
                    p = propose(PlanSpec(start=local, tz=TZ.key, phases=e.phases), CAL, source)
                except Exception:
                    continue
                if p.bookable:
                    return local
        day += timedelta(days=1)
    return None


@PROPERTY
@given(cases())
def test_the_search_finds_the_earliest_start_the_engine_books(
    case: tuple[Entry, list[Busy]],
) -> None:
    e, busy = case
    found = search(e, [OPTION], index(e, busy), now=NOW, limit=1)
    expected = brute_force(e, busy)
    assert (found[0].start if found else None) == expected


@PROPERTY
@given(cases())
def test_every_candidate_session_is_inside_the_patients_times(
    case: tuple[Entry, list[Busy]],
) -> None:
    e, busy = case
    assert e.hours is not None
    count = sum(p.count for p in e.phases)
    for c in search(e, [OPTION], index(e, busy), now=NOW, limit=3):
        assert len(c.sessions) == count
        for s in c.sessions:
            assert s.local_start is not None and s.state.bookable
            assert fits_hours(e.hours, s.local_start, s.duration_min), s
            assert CAL.closed_reason(s.local_start.date()) is None
            if s.state is SessionState.SHIFTED:
                assert s.reasons  # said why (the holiday or closure) and where it went
            a = to_utc(s.local_start, TZ)
            b = a + timedelta(minutes=s.duration_min)
            assert not any(x.start_utc < b and x.end_utc > a for x in busy)


# -- on a real database: a candidate books at once, as shown -------------------------------------

DB_PROPERTY = settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@DB_PROPERTY
@given(
    first=FIRST_DAYS,
    held_weeks=st.integers(0, 6),
    held_day=st.sampled_from((1, 3)),
    template=st.booleans(),
)
def test_the_first_candidate_books_cleanly_at_once(
    tmp_path: Path, first: date, held_weeks: int, held_day: int, template: bool
) -> None:
    from planner.db.store import Store
    from planner.services import clinic
    from planner.services.booking.plans import PlanRequest, book
    from planner.services.waitlist.booking import book_match
    from planner.services.waitlist.entries import WaitlistRequest, add_entry, list_entries
    from planner.services.waitlist.matching import match_entries

    folder = tmp_path / f"db-{first}-{held_weeks}-{held_day}-{template}"
    folder.mkdir()
    store = Store(str(folder / "p.db"), create=True)
    try:
        loc = clinic.add_location(
            store, "Oslo", "Europe/Oslo", country="NO", hours=["mon-fri 08:00-18:00"]
        )
        acu = clinic.add_practitioner(
            store, "Ingrid Berg", "acupuncturist", [loc.id], hours=["mon-fri 08:00-16:00"]
        )
        kari = clinic.add_patient(store, "Kari Nordmann")
        nina = clinic.add_patient(store, "Nina Dahl")
        if held_weeks:
            monday = first - timedelta(days=first.weekday())
            start = datetime.combine(monday + timedelta(days=held_day), time(8))
            book(
                store,
                PlanRequest(
                    patient_id=nina.id,
                    practitioner_id=acu.id,
                    start=start,
                    phases=(Phase(Kind.TREATMENT, duration_min=240, weeks=held_weeks),),
                    modality="acupuncture",
                    location_id=loc.id,
                    holiday_policy="keep-flag",
                ),
                now=NOW,
            )
        cadence: dict[str, Any] = (
            dict(template="Fibromyalgia acupuncture")
            if template
            else dict(weeks=4, per_week=1, duration_min=30, modality="acupuncture")
        )
        e = add_entry(
            store,
            WaitlistRequest(
                patient_id=kari.id,
                practitioner_ids=(acu.id,),
                location_id=loc.id,
                weekdays=(1, 3),
                windows=((time(8), time(12)),),
                earliest=first,
                latest=first + timedelta(days=13),
                **cadence,
            ),
            now=NOW,
        )
        [m] = match_entries(store, now=NOW)
        if m.best is None:
            return  # nothing fits in these two weeks: nothing to book
        shown = [(s.kind, s.local_start) for s in m.best.sessions]
        booked = book_match(store, e.id, now=NOW)
        got = sorted(
            (Kind(a["kind"]), datetime.fromisoformat(a["local_start"])) for a in booked.appointments
        )
        assert got == sorted(shown)
        assert booked.waitlist_closed == [e.id]
        assert list_entries(store) == []
    finally:
        store.close()
