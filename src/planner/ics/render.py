"""Writing VCALENDAR text with icalendar's typed API, one event (or series) at a time.

RFC 5545 points this module takes care of:

* Section 3.1: content lines end in CRLF and are folded at 75 octets without splitting a UTF-8
  character; section 3.3.11: commas, semicolons, backslashes and newlines in TEXT are escaped.
  icalendar's serialiser does both; the tests check every line of every golden file.
* Section 3.4/3.7: VERSION and PRODID on the calendar; section 3.6.1: DTSTAMP and UID on every
  event; section 3.8.7.4: SEQUENCE raised by every change (the session's revision).
* Section 3.3.5 form 3: every DTSTART, DTEND, EXDATE and RECURRENCE-ID is local time with the
  location's TZID, never floating and never converted to UTC; section 3.2.19 / 3.6.5: a
  VTIMEZONE for each TZID (see :mod:`planner.ics.timezones`), written before the events.
* Section 3.6.6: reminders are DISPLAY alarms with a relative TRIGGER and a DESCRIPTION.
* Section 3.8.1.11: a cancelled session is ``STATUS:CANCELLED`` and ``TRANSP:TRANSPARENT``
  and has no alarms. RFC 5546 section 3.2.5 (iTIP CANCEL) for the METHOD:CANCEL file.

The output is a pure function of its inputs, so exports are reproducible byte for byte.

The event functions here are the reference: :mod:`planner.ics.fast` writes the same bytes
without icalendar's per-property objects, and the exports use it (see there for why and how
the two are checked against each other). The calendar's header and VTIMEZONEs, a few per file,
stay on icalendar.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event, vCalAddress, vText
from icalendar.enums import CLASS, STATUS, TRANSP

from planner import __version__
from planner.core.timeutil import zone
from planner.ics.model import CalendarMeta, EventText, SessionEvent
from planner.ics.series import Series
from planner.ics.timezones import vtimezone_ical

PRODID = f"-//planner//planner {__version__}//EN"
CRLF = b"\r\n"


class _Text(vText):
    """A TEXT value escaped exactly as RFC 5545 section 3.3.11 says.

    icalendar's escaper first rewrites a literal ``\\N`` as a newline escape, so a text such as
    ``C:\\Notes`` would reach a phone as ``C:`` and a line break. Here a backslash is always
    ``\\\\``, and only real line breaks become ``\\n``.
    """

    def to_ical(self) -> bytes:
        out = str(self).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        out = out.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
        # vText sets .encoding in __new__ but its type hints do not declare it
        return out.encode(self.encoding)  # type: ignore[attr-defined]


def _aware(local: datetime, tzid: str) -> datetime:
    """A wall-clock time tied to its IANA zone; serialised as ``;TZID=zone:local``."""
    return local.replace(tzinfo=zone(tzid), fold=0)


def _utc(naive_utc: datetime) -> datetime:
    return naive_utc.replace(tzinfo=UTC)


def header(meta: CalendarMeta) -> bytes:
    """``BEGIN:VCALENDAR`` with its properties, then a VTIMEZONE for every TZID used."""
    cal = Calendar.new(
        prodid=PRODID,
        version="2.0",
        calscale="GREGORIAN",
        method=meta.method,
        name=meta.name,
        uid=meta.uid,
    )
    text = cal.to_ical()
    end = b"END:VCALENDAR" + CRLF
    assert text.endswith(end)
    out = [text[: -len(end)]]
    first, last = meta.years
    for tzid in sorted(meta.tzids):
        out.append(vtimezone_ical(tzid, first, last))
    return b"".join(out)


def footer() -> bytes:
    return b"END:VCALENDAR" + CRLF


def _common(
    ev: Event, meta: CalendarMeta, text: EventText, *, cancelled: bool, alarms: bool
) -> None:
    ev.add("SUMMARY", _Text(text.summary))
    if text.location:
        ev.add("LOCATION", _Text(text.location))
    if text.description:
        ev.add("DESCRIPTION", _Text(text.description))
    ev.status = STATUS.CANCELLED if cancelled else STATUS.CONFIRMED
    ev.transparency = TRANSP.TRANSPARENT if cancelled else TRANSP.OPAQUE
    if meta.classification:
        ev.classification = CLASS(meta.classification)
    if meta.organizer is not None:
        org = vCalAddress(f"mailto:{meta.organizer.email}")
        org.params["CN"] = meta.organizer.name
        ev.add("ORGANIZER", org)
    if meta.attendee is not None:
        att = vCalAddress(f"mailto:{meta.attendee.email}")
        att.params["CN"] = meta.attendee.name
        att.params["ROLE"] = "REQ-PARTICIPANT"
        att.params["PARTSTAT"] = "ACCEPTED"
        att.params["RSVP"] = "FALSE"
        ev.add("ATTENDEE", att)
    if alarms and not cancelled and text.alarm:
        for before in meta.alarms:
            alarm = Alarm.new_display(description=text.alarm, trigger=-before)
            alarm["DESCRIPTION"] = _Text(text.alarm)
            ev.add_component(alarm)


def session_event(s: SessionEvent, meta: CalendarMeta, *, cancelled: bool | None = None) -> Event:
    """One session as its own event (sessions shape, and sessions outside any series)."""
    gone = s.cancelled if cancelled is None else cancelled
    ev = Event.new(
        uid=s.uid,
        stamp=_utc(meta.stamp_utc),
        sequence=s.sequence,
        start=_aware(s.start_local, s.tz),
        end=_aware(s.end_local, s.tz),
        created=_utc(s.created_utc),
        last_modified=_utc(s.modified_utc),
    )
    _common(ev, meta, s.text, cancelled=gone, alarms=True)
    return ev


def series_events(
    series: Series, tz: str, master_text: EventText, sequence: int, meta: CalendarMeta
) -> list[Event]:
    """The recurring master, then one override per moved session (RFC 5545 section 3.8.4.4)."""
    members = series.members
    created = min(m.created_utc for m in members)
    modified = max(m.modified_utc for m in members)
    gone = series.cancelled
    master = Event.new(
        uid=series.uid,
        stamp=_utc(meta.stamp_utc),
        sequence=sequence,
        start=_aware(series.dtstart, tz),
        end=_aware(series.dtstart + timedelta(minutes=series.duration_min), tz),
        created=_utc(created),
        last_modified=_utc(modified),
    )
    master.add("RRULE", series.rrule_value())
    if series.exdates:
        master.add("EXDATE", [_aware(x, tz) for x in series.exdates])
    _common(master, meta, master_text, cancelled=gone, alarms=True)
    out = [master]
    for m in series.overrides:
        ov = _instance(series.uid, m, tz, sequence, meta)
        _common(ov, meta, m.text, cancelled=False, alarms=True)
        out.append(ov)
    return out


def _instance(uid: str, m: SessionEvent, tz: str, sequence: int, meta: CalendarMeta) -> Event:
    """One occurrence of a series, named by its RECURRENCE-ID (RFC 5545 section 3.8.4.4)."""
    return Event.new(
        uid=uid,
        stamp=_utc(meta.stamp_utc),
        sequence=sequence,
        recurrence_id=_aware(m.original_start_local, tz),
        start=_aware(m.start_local, tz),
        end=_aware(m.end_local, tz),
        created=_utc(m.created_utc),
        last_modified=_utc(m.modified_utc),
    )


def cancelled_instances(series: Series, tz: str, sequence: int, meta: CalendarMeta) -> list[Event]:
    """For a METHOD:CANCEL file: one VEVENT per cancelled occurrence of a live series
    (UID, RECURRENCE-ID and STATUS:CANCELLED, as RFC 5546 section 3.2.5 cancels an instance)."""
    out = []
    for m in series.members:
        if not m.cancelled:
            continue
        ev = _instance(series.uid, m, tz, sequence, meta)
        _common(ev, meta, m.text, cancelled=True, alarms=False)
        out.append(ev)
    return out


def serialise(events: Sequence[Event | bytes]) -> bytes:
    """Events one after the other: icalendar's, or already written ones
    (:mod:`planner.ics.fast`, which the export uses)."""
    return b"".join(e if isinstance(e, bytes) else e.to_ical() for e in events)


_UNSTAMPED = (b"DTSTAMP:", b"SEQUENCE:", b"LAST-MODIFIED:")


def digest(data: bytes) -> str:
    """A fingerprint of events as their recipient sees them: without DTSTAMP (which changes
    with every export), LAST-MODIFIED (a change undone still touched the row) and SEQUENCE
    (which a delivery raises itself when anything else differs)."""
    lines = [ln for ln in data.split(CRLF) if not ln.startswith(_UNSTAMPED)]
    return hashlib.sha256(CRLF.join(lines)).hexdigest()


def resequence(data: bytes, old: int, new: int) -> bytes:
    """The same events with SEQUENCE ``new`` instead of ``old`` (every event of a unit shares
    one SEQUENCE line, never folded: it is short)."""
    if old == new:
        return data
    return data.replace(
        b"%sSEQUENCE:%d%s" % (CRLF, old, CRLF), b"%sSEQUENCE:%d%s" % (CRLF, new, CRLF)
    )
