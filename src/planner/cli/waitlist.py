"""``planner waitlist add|list|match|book|remove``: patients waiting for a whole series.

Every command first closes the entries whose last day has passed (``sweep``), so what it
shows, matches or refuses is the waitlist as it stands now; ``list --all`` shows them with
their reason. ``match`` writes nothing else; ``book`` books a candidate ``match`` showed and
closes the entry in the same transaction.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from planner.cli.parsing import Commands, SubParsers, local_date, whole_number
from planner.cli.plans import _proposal_table
from planner.errors import BadInput

if TYPE_CHECKING:
    import argparse

    from planner.cli.context import Context
    from planner.services.waitlist.entries import Entry
    from planner.services.waitlist.matching import EntryMatch


def add_waitlist(commands: Commands, sub: SubParsers) -> None:
    wl = commands.group(sub, "waitlist", "patients waiting for a series, and booking them")
    sp = commands.command(wl, "add", cmd_waitlist_add, "put a patient on the waitlist")
    sp.add_argument("--patient", type=whole_number, required=True, metavar="ID")
    sp.add_argument("--template", help="template name (see 'planner template list')")
    sp.add_argument("--weeks", type=whole_number, help="custom cadence: number of weeks")
    sp.add_argument("--per-week", type=whole_number, help="custom cadence: sessions a week")
    sp.add_argument("--duration", type=whole_number, help="custom cadence: minutes per session")
    sp.add_argument(
        "--modality",
        help="acupuncture, dry-needling, physiotherapy, ... (needed with a custom cadence)",
    )
    sp.add_argument("--location", type=whole_number, help="only at this location")
    sp.add_argument(
        "--practitioner",
        type=whole_number,
        action="append",
        default=[],
        help="only with this practitioner (repeat for several; default: anyone who may)",
    )
    sp.add_argument("--room", type=whole_number, help="only in this room (needs --location)")
    sp.add_argument("--weekdays", help="the days the patient can come: tue,thu (default: any)")
    sp.add_argument(
        "--between",
        action="append",
        default=[],
        metavar="HH:MM-HH:MM",
        help="a time of day the patient can come: 08:00-12:00 (repeat; default: any time)",
    )
    sp.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help="earliest first session, 2031-06-02 (default: today)",
    )
    sp.add_argument(
        "--until",
        dest="date_until",
        metavar="DATE",
        help="latest first session (default: when it expires)",
    )
    sp.add_argument(
        "--expires",
        metavar="DATE",
        help="the entry closes after this day (default: 8 weeks after --from)",
    )
    sp.add_argument("--urgent", action="store_true", help="matched and listed before the others")
    sp.add_argument("--note", default="", help="what the desk should know")
    sp = commands.command(
        wl, "list", cmd_waitlist_list, "list the waitlist: urgent first, then longest waiting"
    )
    sp.add_argument(
        "--all", action="store_true", help="also the closed entries, with status and reason"
    )
    sp = commands.command(
        wl,
        "match",
        cmd_waitlist_match,
        "show the first starts from which a whole series fits; writes nothing",
    )
    sp.add_argument("id", type=whole_number, nargs="?", help="one entry (default: every open one)")
    sp.add_argument(
        "--limit", type=whole_number, default=3, help="candidates per entry (default: 3)"
    )
    sp = commands.command(
        wl, "book", cmd_waitlist_book, "book a candidate of an entry and close the entry"
    )
    sp.add_argument("id", type=whole_number)
    sp.add_argument(
        "--candidate",
        type=whole_number,
        default=1,
        help="which candidate of 'planner waitlist match ID' (default: 1, the first)",
    )
    sp.add_argument(
        "--acknowledge-flags",
        action="store_true",
        help="the patient's screening flags were discussed",
    )
    sp = commands.command(wl, "remove", cmd_waitlist_remove, "take an entry off the waitlist")
    sp.add_argument("id", type=whole_number)
    sp.add_argument("--reason", default="", help="why (kept with the entry; list --all shows it)")


# -- reading the arguments ----------------------------------------------------------------------


def _time_span(text: str) -> tuple[time, time]:
    """``08:00-12:00`` given to ``--between``; BadInput with one line otherwise."""
    from planner.core.timeutil import parse_clock

    start, _dash, end = text.partition("-")
    try:  # no dash: the end is '', which parse_clock refuses too
        a, b = parse_clock(start), parse_clock(end)
    except BadInput:
        raise BadInput(f"cannot read --between '{text}'; write it as 08:00-12:00") from None
    if b <= a:
        raise BadInput(f"--between {text} ends before it starts; write it as 08:00-12:00")
    return a, b


def _day(d: date) -> str:
    return f"{d:%a %d %b %Y}"


def _swept(ctx: Context) -> tuple[datetime, list[int]]:
    """The time of this run, after closing the entries that expired (their ids)."""
    from planner.core.timeutil import utcnow
    from planner.services.waitlist.entries import sweep

    now = utcnow()
    return now, sweep(ctx.store(), now=now)


def _expired_note(ids: list[int]) -> str:
    if not ids:
        return ""
    which = ", ".join(str(i) for i in ids)
    return (
        f"expired and closed now: waitlist entr{'y' if len(ids) == 1 else 'ies'} {which} "
        "(see 'planner waitlist list --all')\n"
    )


def _summary(e: Entry) -> str:
    """``Kari Nordmann, Fibromyalgia acupuncture, tue, thu 08:00-12:00``."""
    urgent = " (urgent)" if e.urgent else ""
    return f"{e.patient.name}{urgent}, {e.what()}, {e.hours_text()}"


def _where(e: Entry) -> str:
    """``Oslo sentrum, Room 1 / Ingrid Berg``; ``anywhere / anyone``."""
    place = e.location.name if e.location else "anywhere"
    if e.room:
        place += f", {e.room.name}"
    who = ", ".join(p.name for p in e.practitioners) or "anyone"
    return f"{place} / {who}"


# -- commands -----------------------------------------------------------------------------------


def cmd_waitlist_add(ctx: Context, args: argparse.Namespace) -> None:
    from planner.core.domain import parse_weekdays
    from planner.services.waitlist.entries import WaitlistRequest, add_entry

    # Bad input is refused before the database opens.
    weekdays = parse_weekdays(args.weekdays) if args.weekdays is not None else None
    windows = tuple(_time_span(t) for t in args.between)
    req = WaitlistRequest(
        patient_id=args.patient,
        template=args.template,
        weeks=args.weeks,
        per_week=args.per_week,
        duration_min=args.duration,
        modality=args.modality,
        location_id=args.location,
        practitioner_ids=tuple(args.practitioner),
        room_id=args.room,
        weekdays=weekdays,
        windows=windows,
        earliest=local_date(args.date_from, "--from date"),
        latest=local_date(args.date_until, "--until date"),
        expires_on=local_date(args.expires, "--expires date"),
        urgent=args.urgent,
        note=args.note,
    )
    now, expired = _swept(ctx)
    e = add_entry(ctx.store(), req, now=now)

    def text() -> str:
        line = f"waitlist entry {e.id}: {_summary(e)}"
        if e.earliest > now.date() or e.latest != e.expires_on:
            if e.earliest == e.latest:
                line += f", first session on {_day(e.earliest)}"
            else:
                line += f", first session {_day(e.earliest)} to {_day(e.latest)}"
        return _expired_note(expired) + f"{line}, until {_day(e.expires_on)}"

    ctx.emit(e.to_json(now), text)


def cmd_waitlist_list(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.waitlist.entries import list_entries

    now, expired = _swept(ctx)
    entries = list_entries(ctx.store(), include_closed=args.all)

    def text() -> str:
        note = _expired_note(expired)
        if not entries:
            return note + ("the waitlist is empty" if args.all else "no open waitlist entries")
        closed = f" {'status':<8} reason" if args.all else ""
        out = [
            (
                f"{'id':>5}  {'patient':<22} {'what':<36} {'where / with whom':<32} "
                f"{'times':<26} {'waited':>6}  {'urgent':<6}  {'expires':<15}{closed}"
            ).rstrip()
        ]
        for e in entries:
            waited = f"{e.waited_days(now)} d"
            urgent = "URGENT" if e.urgent else ""
            closed = f" {e.status:<8} {e.closed_reason}" if args.all else ""
            out.append(
                f"{e.id:>5}  {e.patient.name[:22]:<22} {e.what()[:36]:<36} "
                f"{_where(e)[:32]:<32} {e.hours_text()[:26]:<26} {waited:>6}  {urgent:<6}  "
                f"{_day(e.expires_on):<15}{closed}".rstrip()
            )
        return note + "\n".join(out)

    ctx.emit([e.to_json(now) for e in entries], text)


def _match_text(m: EntryMatch, now: datetime) -> str:
    e = m.entry
    head = f"waitlist entry {e.id}: {_summary(e)}, waited {e.waited_days(now)} days"
    if not m.candidates and e.latest < now.date():
        return (
            f"{head}: its latest first session ({_day(e.latest)}) has passed; remove the entry "
            "or add it again with new dates"
        )
    if not m.candidates:
        searched = f"{m.options} practitioner(s) searched" if m.options else "nobody to search"
        return (
            f"{head}: no series fits between {_day(max(e.earliest, now.date()))} and "
            f"{_day(e.latest)} ({searched}); it stays on the waitlist"
        )
    out = [head]
    if m.flags_to_acknowledge:
        out.append(
            f"  screening flags: {', '.join(m.flags_to_acknowledge)}; book with "
            "--acknowledge-flags once they were discussed"
        )
    for n, c in enumerate(m.candidates, 1):
        room = f", {c.room.name}" if c.room else ""
        moved = f", {c.moved} moved" if c.moved else ""
        out.append(
            f"  candidate {n}: from {c.start:%a %d %b %Y %H:%M} with {c.practitioner.name} at "
            f"{c.location.name}{room}: {len(c.sessions)} sessions{moved}"
        )
        table = _proposal_table([p.to_json() for p in c.sessions])
        out.extend(f"    {line}".rstrip() for line in table.splitlines())
    return "\n".join(out)


def cmd_waitlist_match(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.waitlist.entries import get_entry
    from planner.services.waitlist.matching import match_entries

    if args.limit < 1:
        raise BadInput(
            f"--limit is the number of candidates per entry, 1 or more, not {args.limit}"
        )
    now, expired = _swept(ctx)
    store = ctx.store()
    ids = None
    if args.id is not None:
        _refuse_closed(get_entry(store, args.id))  # unknown: NotFound, exit 4
        ids = [args.id]
    matches = match_entries(store, ids, now=now, limit=args.limit)

    def text() -> str:
        if not matches:
            return _expired_note(expired) + "no open waitlist entries"
        return _expired_note(expired) + "\n\n".join(_match_text(m, now) for m in matches)

    ctx.emit([m.to_json(now) for m in matches], text)


def _refuse_closed(e: Entry) -> None:
    from planner.errors import InvalidState
    from planner.services.waitlist.entries import closed_said

    if not e.is_open:
        raise InvalidState(closed_said(e.status, e.patient.name, e.closed_reason))


def cmd_waitlist_book(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.waitlist.booking import book_match

    now, expired = _swept(ctx)
    res = book_match(
        ctx.store(),
        args.id,
        candidate=args.candidate,
        acknowledge_flags=args.acknowledge_flags,
        now=now,
    )
    proposed = res.preview.to_json()["sessions"]
    data = {
        "plan_id": res.plan_id,
        "entry_id": args.id,
        "waitlist_closed": res.waitlist_closed,
        "sessions": [
            a
            | {"state": p["status"], "reasons": p["reasons"], "number": p["number"], "of": p["of"]}
            for a, p in zip(res.appointments, proposed, strict=True)
        ],
    }

    def text() -> str:
        others = [i for i in res.waitlist_closed if i != args.id]
        closed = f"waitlist entry {args.id} closed: booked from the waitlist as plan {res.plan_id}"
        if others:
            which = ", ".join(str(i) for i in others)
            closed += f"; also closed, booked another way: entry {which}"
        return (
            _expired_note(expired)
            + f"booked plan {res.plan_id} with {len(res.appointments)} sessions\n"
            + "\n".join(line.rstrip() for line in _proposal_table(proposed).splitlines())
            + "\n"
            + closed
        )

    ctx.emit(data, text)


def cmd_waitlist_remove(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.waitlist.entries import remove_entry

    now, expired = _swept(ctx)
    e = remove_entry(ctx.store(), args.id, reason=args.reason, now=now)
    ctx.emit(
        e.to_json(now),
        lambda: (
            _expired_note(expired)
            + f"waitlist entry {e.id} removed ({_summary(e)}): {e.closed_reason}"
        ),
    )
