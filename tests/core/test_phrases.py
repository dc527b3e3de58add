"""The engine's reasons in the reader's language: English as the command line always said
them, bokmål for a Norwegian desk, from the same kept phrase."""

from __future__ import annotations

from datetime import date, datetime

from planner.core.calendars import ClinicCalendar, ClosureSpan
from planner.core.domain import HolidayPolicy, Kind, Phase, PlanSpec
from planner.core.engine import propose
from planner.core.i18n import words
from planner.core.phrases import Clock, Day, Days, Weekday, phrase
from planner.core.timeutil import zone

NB = words("nb")


def test_a_holiday_shift_reads_in_both_languages() -> None:
    cal = ClinicCalendar(zone("Europe/Oslo"), country="NO")
    spec = PlanSpec(
        start=datetime(2026, 12, 18, 10, 0),
        tz="Europe/Oslo",
        phases=(Phase(Kind.TREATMENT, duration_min=30, weeks=2),),
        holiday_policy=HolidayPolicy.NEXT_WORKING_DAY,
    )
    christmas = propose(spec, cal).sessions[1]
    (holiday, *_rest) = christmas.reasons
    assert holiday.code == "holiday"
    assert holiday.message == "Fri 25 Dec 2026 is a public holiday (Christmas Day)"
    assert holiday.text() == holiday.message
    assert holiday.text(NB) == "fre. 25. des. 2026 er en helligdag (Første juledag)"


def test_a_closure_and_the_days_passed_over() -> None:
    cal = ClinicCalendar(
        zone("Europe/Oslo"), closures=(ClosureSpan(date(2026, 10, 5), date(2026, 10, 9), "maling"),)
    )
    closed = cal.closed_reason(date(2026, 10, 7))
    assert closed is not None
    assert (
        closed.message == "Clinic is closed on Wed 07 Oct 2026 (maling)"
        or closed.message.endswith("is closed on Wed 07 Oct 2026 (maling)")
    )
    assert closed.text(NB).endswith("er stengt ons. 7. okt. 2026 (maling)")
    days = phrase(
        "{days}: {why}",
        days=Days((date(2026, 10, 7), date(2026, 10, 8), date(2026, 10, 9))),
        why="x",
    )
    assert days.text() == "Wed 07 to Fri 09 Oct: x"
    assert days.text(NB) == "ons. 7. okt. til fre. 9. okt.: x"


def test_values_are_written_as_the_language_writes_them() -> None:
    at = datetime(2027, 1, 4, 9, 5)
    assert phrase("{d}", d=Day(at.date())).text(NB) == "man. 4. jan. 2027"
    assert phrase("{d}", d=Day(at.date(), year=False)).text() == "Mon 04 Jan"
    assert phrase("{w}", w=Weekday(0)).text() == "mon"
    assert phrase("{w}", w=Weekday(0)).text(NB) == "man."
    assert Clock(at) == Clock(datetime(2027, 1, 5, 9, 5))  # the same clock on two days
    assert phrase("{t}", t=Clock(at)).text(NB) == "09:05"
