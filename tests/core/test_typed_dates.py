"""Dates as the desk types them: one reader for closures, day lists and dates of birth."""

from __future__ import annotations

from datetime import date

import pytest

from planner.core.typed_dates import date_text, read_date
from planner.errors import BadInput


@pytest.mark.parametrize(
    "typed", ["13.05.2027", "13.5.2027", "13/05/2027", "13 . 05 . 2027", "2027-05-13", "2027-5-13"]
)
def test_the_forms_the_desk_types(typed: str) -> None:
    assert read_date(typed) == date(2027, 5, 13)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("30.02.2027", "'30.02.2027' is not a date: February 2027 has 28 days"),
        ("29.02.2028", None),  # a leap year
        ("31.04.2027", "April 2027 has 30 days"),
        ("12.13.2027", "there is no month 13"),
        ("13.05.27", "cannot read the date '13.05.27'"),  # two-digit years only when allowed
        ("13052027", "cannot read the date"),
        ("1.2.3", "cannot read the date"),
        ("", "type the date as dd.mm.yyyy"),
    ],
)
def test_impossible_or_unreadable_dates_are_refused_never_rolled_over(
    typed: str, says: str | None
) -> None:
    if says is None:
        assert read_date(typed) == date(2028, 2, 29)
        return
    with pytest.raises(BadInput, match=says):
        read_date(typed)


def test_two_digit_years_and_digits_only_when_the_caller_resolves_them() -> None:
    def century(yy: int, day: int, month: int) -> int:
        return 1900 + yy

    assert read_date("130573", short_year=century) == date(1973, 5, 13)
    assert read_date("13051973", short_year=century) == date(1973, 5, 13)
    assert read_date("13.5.73", short_year=century) == date(1973, 5, 13)
    assert date_text(date(1973, 5, 3)) == "03.05.1973" and date_text(None) == ""
