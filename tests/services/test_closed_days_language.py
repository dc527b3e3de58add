"""A closed day in the week says why in the reader's words: the holiday's own name in bokmål
for a Norwegian desk, English for the command line."""

from __future__ import annotations

from datetime import date

from planner.core.calendars import ClinicCalendar
from planner.core.i18n import words
from planner.core.timeutil import zone
from planner.services.schedule.rows import Span, day_list
from planner.services.schedule.values import Hours


def test_holidays_and_closures_in_both_languages() -> None:
    cal = ClinicCalendar(zone("Europe/Oslo"), country="NO")
    days = day_list(
        Hours(),
        Span.of(date(2026, 12, 23), 3),
        [
            (date(2026, 12, 23), date(2026, 12, 24), "julestengt"),
            (date(2026, 12, 25), date(2026, 12, 25), None),
        ],
        cal.holiday,
    )
    assert [d.closed for d in days] == [
        "Closed: julestengt",
        "Closed: julestengt",
        "Public holiday: Christmas Day",
    ]
    nb = words("nb")
    assert [d.closed_text(nb) for d in days] == [
        "Stengt: julestengt",
        "Stengt: julestengt",
        "Helligdag: Første juledag",
    ]
    open_day = day_list(Hours(), Span.of(date(2026, 12, 28), 1), [], cal.holiday)[0]
    assert open_day.closed is None and open_day.closed_text(nb) is None
