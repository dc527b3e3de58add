"""No internal id in any text the services write for patients and desks (issue 10, item 6).

The scenario first fills the tables with dummy rows, so the plans, sessions and patients that
matter have ids from 41 up, numbers that cannot turn up by chance in a time (10:00), a date
(Tue 12 Jan 2027) or a count ("9 sessions"). Every conflict and refusal message, the preview's
reasons, every .ics SUMMARY and DESCRIPTION (and the calendar's name), the plan card's blocks
and the day list are then searched for "session 46", "plan 43", "patient 44", "id 47".
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar

from planner.core.domain import Kind, Phase
from planner.db.store import Store
from planner.errors import PlannerError
from planner.ics.model import Profile, Shape
from planner.services import clinic
from planner.services.booking.edits import cancel, cancel_rest, delete_plan, move, restore
from planner.services.booking.plans import PlanRequest, book, preview
from planner.services.calendar_export import export_calendar
from planner.services.day_list import day_list, day_list_text
from planner.services.export_scope import Scope
from planner.services.plan_card import card_blocks, plan_card

DUMMIES = 40
NOW = datetime(2031, 1, 1, 9, 0)
"""UTC; the scenario books in 2031 so nothing is in the past."""
MONDAY = datetime(2031, 1, 6, 10, 0)

ID_WORDS = re.compile(
    r"\b(session|sessions|plan|patient|appointment|id|practitioner|room|location|#)\s*#?\s*"
    r"(\d+)\b",
    re.IGNORECASE,
)


def leaks(text: str, ids: set[int]) -> list[str]:
    """The "session 46"-like phrases in ``text`` whose number is one of ``ids``."""
    return [m.group(0) for m in ID_WORDS.finditer(text) if int(m.group(2)) in ids]


class Scenario:
    def __init__(self, store: Store) -> None:
        self.store = store
        loc = clinic.add_location(
            store, "Oslo sentrum", "Europe/Oslo", country="NO", hours=["mon-fri 08:00-18:00"]
        )
        self.location = loc.id
        self.room = clinic.add_room(store, loc.id, "Room 1").id
        dummy = clinic.add_practitioner(
            store, "Dummy Doctor", "physiotherapist", [loc.id], hours=["mon-fri 08:00-18:00"]
        )
        # 40 patients and 40 one-session plans first: every id below is 41 or more.
        for i in range(DUMMIES):
            p = clinic.add_patient(store, f"Dummy Patient {i}")
            book(
                store,
                PlanRequest(
                    patient_id=p.id,
                    practitioner_id=dummy.id,
                    start=datetime(2032, 1, 5, 8, 0) + timedelta(days=7 * i),
                    phases=(Phase(Kind.TREATMENT, duration_min=15, weeks=1),),
                    modality="physiotherapy",
                ),
                now=NOW,
            )
        self.ingrid = clinic.add_practitioner(
            store, "Ingrid Berg", "acupuncturist", [loc.id], hours=["mon-fri 08:00-16:00"]
        ).id
        self.kari = clinic.add_patient(store, "Kari Nordmann", phone="+47 900 00 001").id
        self.ola = clinic.add_patient(store, "Ola Hansen", phone="+47 900 00 002").id
        booked = book(store, self.request(self.kari), now=NOW)
        self.kari_plan = booked.plan_id
        self.kari_sessions = [a["id"] for a in booked.appointments]
        assert min(self.kari_plan, self.kari, self.ola, *self.kari_sessions) > DUMMIES

    def request(self, patient: int, **kw: object) -> PlanRequest:
        return PlanRequest(
            patient_id=patient,
            practitioner_id=self.ingrid,
            start=MONDAY,
            phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=9),),
            modality="physiotherapy",
            room_id=self.room,
            **kw,  # type: ignore[arg-type]
        )

    def ids(self) -> set[int]:
        return {self.kari_plan, self.kari, self.ola, *self.kari_sessions} | set(
            range(DUMMIES + 1, DUMMIES + 80)
        )


@pytest.fixture
def scenario(store: Store) -> Scenario:
    return Scenario(store)


def refusal(fn: object, *args: object, **kw: object) -> str:
    with pytest.raises(PlannerError) as exc:
        fn(*args, **kw)  # type: ignore[operator]
    return exc.value.message


def test_conflicts_and_refusals_name_sessions_and_plans_never_ids(scenario: Scenario) -> None:
    st, ids = scenario.store, scenario.ids()
    texts: list[str] = []
    # Ola's plan at Kari's times: the preview's reasons, and the booking refused.
    pv = preview(st, scenario.request(scenario.ola), now=NOW)
    assert not pv.proposal.bookable
    texts += [r.message for s in pv.sessions for r in s.reasons]
    texts += [str(b.description) for s in pv.sessions for b in s.conflicts]
    assert any("Treatment 1 of 9 for Kari Nordmann" in t for t in texts), texts
    texts.append(refusal(book, st, scenario.request(scenario.ola), now=NOW))
    # A plan whose sessions shift says which days it passed.
    shifted = preview(
        st, scenario.request(scenario.ola, conflict_policy="next-working-day"), now=NOW
    )
    texts += [r.message for s in shifted.sessions for r in s.reasons]
    # Kari's first session moved onto her second's time: refused, naming the second.
    first, second = scenario.kari_sessions[:2]
    texts.append(refusal(move, st, first, MONDAY + timedelta(weeks=1), now=NOW))
    # Cancelled, its time taken by Ola, then restored: refused by name.
    cancel(st, first, reason="patient ill", now=NOW)
    ola_single = book(
        st,
        PlanRequest(
            patient_id=scenario.ola,
            practitioner_id=scenario.ingrid,
            start=MONDAY,
            phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=1),),
            modality="physiotherapy",
            room_id=scenario.room,
        ),
        now=NOW,
    )
    texts.append(refusal(restore, st, first, now=NOW))
    texts.append(refusal(cancel, st, first, now=NOW))  # cancelled already
    texts.append(refusal(delete_plan, st, scenario.kari_plan))  # touched since booked
    cancel_rest(st, ola_single.plan_id, now=NOW)
    texts.append(refusal(cancel_rest, st, ola_single.plan_id, now=NOW))
    assert second  # the rest of Kari's plan stays booked
    found = {t: leaks(t, ids | {ola_single.plan_id}) for t in texts}
    assert not any(found.values()), {t: f for t, f in found.items() if f}
    assert all(t for t in texts)


@pytest.mark.parametrize("profile", [Profile.PATIENT, Profile.PRACTITIONER, Profile.FULL])
@pytest.mark.parametrize("shape", [Shape.SESSIONS, Shape.SERIES])
def test_ics_texts_hold_no_internal_ids(scenario: Scenario, profile: Profile, shape: Shape) -> None:
    for scope in (Scope.plan(scenario.kari_plan), Scope.patient(scenario.kari)):
        res = export_calendar(scenario.store, scope, profile=profile, shape=shape, now=NOW)
        assert res.data is not None
        cal = Calendar.from_ical(res.data)
        texts = [str(cal.get("X-WR-CALNAME", "")), str(cal.get("NAME", ""))]
        for ev in cal.walk("VEVENT"):
            texts += [str(ev.get("SUMMARY", "")), str(ev.get("DESCRIPTION", ""))]
            texts += [str(ev.get("LOCATION", ""))]
        assert len(texts) > 2
        found = {t: leaks(t, scenario.ids()) for t in texts}
        assert not any(found.values()), {t: f for t, f in found.items() if f}


def test_plan_card_and_day_list_hold_no_internal_ids(scenario: Scenario) -> None:
    card = plan_card(scenario.store, scenario.kari_plan, today=date(2031, 1, 1))
    texts = [b.text for b in card_blocks(card)]
    texts += [" ".join(map(str, row)) for b in card_blocks(card) for row in b.rows]
    dl = day_list(scenario.store, MONDAY.date(), practitioner_id=scenario.ingrid, now=NOW)
    texts.append(day_list_text(dl))
    assert any("Kari Nordmann" in t for t in texts)
    found = {t: leaks(t, scenario.ids()) for t in texts}
    assert not any(found.values()), {t: f for t, f in found.items() if f}


def test_the_leak_finder_finds_ids() -> None:
    """The search itself: it would catch the texts issue 10 found."""
    ids = {41, 20486, 2147}
    assert leaks("the room is booked (... session 20486 of plan 2147)", ids) == [
        "session 20486",
        "plan 2147",
    ]
    assert leaks("Patient: Ola (patient 41, chart C-1)", ids) == ["patient 41"]
    assert leaks("Treatment 3 of 9, Tue 12 Jan 2027 10:41", ids) == []
