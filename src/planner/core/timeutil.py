"""Wall-clock time in a clinic's zone, and the daylight-saving traps around it.

Sessions are expanded in local wall-clock time and only then tied to their zone, so a 10:00
session stays at 10:00 across a daylight-saving change. A local time that does not exist
(spring-forward gap) or exists twice (fall-back overlap) is detected here and never converted
silently: callers get an :class:`~planner.errors.InvalidTime` or report an explicit shift.
Stored instants are naive UTC ``datetime`` values (portable across SQLite and PostgreSQL).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from planner.core.i18n import N_
from planner.core.phrases import Clock, Day, Phrase, phrase
from planner.core.typed_dates import in_range
from planner.errors import BadInput, InvalidTime


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    """The IANA zone called ``name``; a clear error for anything else."""
    if not name or name != name.strip():
        raise BadInput(f"unknown time zone '{name}'; use an IANA name such as Europe/Oslo")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, IsADirectoryError):
        raise BadInput(
            f"unknown time zone '{name}'; use an IANA name such as Europe/Oslo, "
            "America/New_York or Australia/Sydney"
        ) from None


def is_nonexistent(local: datetime, tz: tzinfo) -> bool:
    """True when the wall-clock time falls in a spring-forward gap."""
    aware = local.replace(tzinfo=tz, fold=0)
    back = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None, fold=0)
    return back != local.replace(fold=0, tzinfo=None)


def is_ambiguous(local: datetime, tz: tzinfo) -> bool:
    """True when the wall-clock time happens twice (fall-back overlap)."""
    a = local.replace(tzinfo=tz, fold=0).utcoffset()
    b = local.replace(tzinfo=tz, fold=1).utcoffset()
    return a != b and not is_nonexistent(local, tz)


def gap_length(local: datetime, tz: tzinfo) -> timedelta:
    """How far the clocks jump at a transition around ``local``.

    Meaningful for a time inside a gap (or an overlap); zero where no transition is near.
    """
    before = local.replace(tzinfo=tz, fold=0).utcoffset()
    after = local.replace(tzinfo=tz, fold=1).utcoffset()
    assert before is not None and after is not None
    return abs(before - after)


# The one place instants and wall-clock times are converted. The DST fold rule, stated once:
# a wall-clock time that happens twice (the hour the clocks go back) means its FIRST
# occurrence (fold=0) unless the caller asks for the second with ``fold=1``; going the other
# way, :func:`to_local` keeps ``fold`` on the result, so the second occurrence of a repeated
# hour converts back to the instant it came from. A time in a spring-forward gap is never
# converted silently: :func:`strict_utc` refuses it, the engine reports it as a shift.

UTC_MARGIN = timedelta(hours=15)
"""Wider than any UTC offset: a UTC range of local dates is widened by it, then refined."""


def utcnow() -> datetime:
    """The current instant as naive UTC (the form instants are stored in)."""
    return datetime.now(UTC).replace(tzinfo=None)


def to_utc(local: datetime, tz: tzinfo, *, fold: int = 0) -> datetime:
    """Naive UTC instant of a naive local wall-clock time (caller has checked for gaps)."""
    if tz is UTC:
        return local.replace(fold=0)
    return local.replace(tzinfo=tz, fold=fold).astimezone(UTC).replace(tzinfo=None)


def to_local(utc: datetime, tz: tzinfo) -> datetime:
    """Naive local wall-clock time of a naive UTC instant (``fold`` kept for repeated hours)."""
    if tz is UTC:
        return utc
    return utc.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)


def gap_phrase(local: datetime, tz: ZoneInfo) -> Phrase:
    """``02:30 on Sun 28 Mar 2027 does not exist in Europe/Oslo: the clocks go forward...``"""
    return phrase(
        N_("{time} on {day} does not exist in {zone}: the clocks go forward by {minutes} minutes"),
        time=Clock(local),
        day=Day(local.date()),
        zone=tz.key,
        minutes=int(gap_length(local, tz).total_seconds() // 60),
    )


def ambiguity_phrase(local: datetime, tz: ZoneInfo) -> Phrase:
    """``02:30 on Sun 31 Oct 2027 happens twice in Europe/Oslo: the clocks go back``."""
    return phrase(
        N_("{time} on {day} happens twice in {zone}: the clocks go back"),
        time=Clock(local),
        day=Day(local.date()),
        zone=tz.key,
    )


def describe_gap(local: datetime, tz: ZoneInfo) -> str:
    return gap_phrase(local, tz).text()


def describe_ambiguity(local: datetime, tz: ZoneInfo) -> str:
    return ambiguity_phrase(local, tz).text()


def strict_utc(local: datetime, tz: ZoneInfo) -> datetime:
    """UTC of a local time that must exist exactly once, else :class:`InvalidTime`."""
    if is_nonexistent(local, tz):
        raise InvalidTime(describe_gap(local, tz) + "; choose another time")
    if is_ambiguous(local, tz):
        raise InvalidTime(
            describe_ambiguity(local, tz)
            + "; choose another time or give the offset, e.g. "
            + f"{local:%Y-%m-%dT%H:%M}{_offset_text(local.replace(tzinfo=tz, fold=0))}"
        )
    return to_utc(local, tz)


def _offset_text(aware: datetime) -> str:
    off = aware.utcoffset() or timedelta(0)
    sign = "-" if off < timedelta(0) else "+"
    minutes = int(abs(off).total_seconds() // 60)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


_DT_RE = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?\s*$"
)


def parse_local_datetime(text: str, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """Parse ``2026-09-15T10:00`` (wall time in ``tz``) or with an offset/``Z``.

    Returns ``(local_naive, utc_naive)``. Without an offset the local time must exist exactly
    once in the zone; with an offset the instant is exact and its wall time in ``tz`` is used.
    """
    m = _DT_RE.match(text or "")
    if not m:
        raise BadInput(
            f"cannot read the date and time '{text}'; write it as 2026-09-15T10:00 "
            "(local time) or 2026-09-15T10:00+02:00"
        )
    day_s, hm, sec, off = m.groups()
    try:
        d = date.fromisoformat(day_s)
        hh, mm = (int(x) for x in hm.split(":"))
        t = time(hh, mm, int(sec or 0))
    except ValueError as exc:
        raise BadInput(f"'{text}' is not a real date and time ({exc})") from None
    naive = datetime.combine(in_range(d, "the date and time"), t)
    if off is None:
        return naive, strict_utc(naive, tz)
    if off == "Z":
        utc = naive
    else:
        sign = -1 if off[0] == "-" else 1
        digits = off[1:].replace(":", "")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        utc = naive - sign * delta
    return to_local(utc, tz), utc


def parse_date(text: str, what: str = "date") -> date:
    try:
        day = date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise BadInput(f"cannot read the {what} '{text}'; write it as 2026-09-15") from None
    return in_range(day, f"the {what}")


END_OF_DAY = time.max
"""How ``24:00`` is held: the end of the day, later than any session start."""


def clock_text(t: time) -> str:
    """``08:30``; the end of the day is written ``24:00``."""
    return "24:00" if t == END_OF_DAY else f"{t:%H:%M}"


def parse_clock(text: str) -> time:
    """Parse ``08:00``/``8:30``/``0800``; ``24:00`` is the end of the day."""
    s = text.strip()
    m = re.fullmatch(r"(\d{1,2}):?(\d{2})", s)
    if not m:
        raise BadInput(f"cannot read the time '{text}'; write it as 08:30")
    hh, mm = int(m.group(1)), int(m.group(2))
    if hh == 24 and mm == 0:
        return END_OF_DAY
    if not (0 <= hh < 24 and 0 <= mm < 60):
        raise BadInput(f"'{text}' is not a time of day")
    return time(hh, mm)
