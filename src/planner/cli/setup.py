"""Setting up the clinic: ``init``, ``location``, ``room``, ``practitioner``, ``closure``,
``demo``. (The clinic's own details are :mod:`planner.cli.clinic`.)"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from planner.cli.parsing import (
    Commands,
    SubParsers,
    expect_revision_argument,
    local_date,
    whole_number,
)
from planner.cli.tables import session_table
from planner.errors import BadInput, NotEmpty

if TYPE_CHECKING:
    import argparse

    from planner.cli.context import Context

# -- init -------------------------------------------------------------------------------------


def add_init(commands: Commands, sub: SubParsers) -> None:
    commands.command(sub, "init", cmd_init, "create (or upgrade) the database")


def cmd_init(ctx: Context, args: argparse.Namespace) -> None:
    from planner.db.store import head_revision

    store = ctx.store(create=True)
    ctx.emit(
        {"database": store.display, "schema": store.revision()},
        f"database ready at {store.display} (schema {store.revision()}, newest {head_revision()})",
    )


# -- locations and rooms ----------------------------------------------------------------------


def add_location(commands: Commands, sub: SubParsers) -> None:
    loc = commands.group(sub, "location", "clinic locations")
    sp = commands.command(loc, "add", cmd_location_add, "add a location")
    sp.add_argument("--name", required=True)
    sp.add_argument("--tz", required=True, help="IANA time zone, e.g. Europe/Oslo")
    sp.add_argument("--address", default="")
    sp.add_argument("--phone", default="")
    sp.add_argument("--country", help="ISO country code for public holidays, e.g. NO")
    sp.add_argument("--subdivision", help="holiday subdivision (state, county), e.g. NY")
    sp.add_argument(
        "--hours",
        action="append",
        help="opening hours, e.g. 'mon-fri 08:00-18:00; sat 09:00-13:00'",
    )
    commands.command(loc, "list", cmd_location_list, "list locations")
    sp = commands.command(
        loc,
        "edit",
        cmd_location_edit,
        "change a location (only what is given; an empty value clears address, phone, "
        "country or subdivision)",
    )
    sp.add_argument("id", type=whole_number, metavar="ID")
    expect_revision_argument(sp, "location")
    sp.add_argument("--name")
    sp.add_argument("--address")
    sp.add_argument("--phone")
    sp.add_argument(
        "--tz", help="IANA time zone, e.g. Europe/Oslo (only while no sessions are booked there)"
    )
    sp.add_argument("--country", help="ISO country code for public holidays, e.g. NO")
    sp.add_argument("--subdivision", help="holiday subdivision (state, county), e.g. NY")
    sp.add_argument(
        "--hours",
        action="append",
        help="the new opening hours, e.g. 'mon-fri 08:00-18:00; sat 09:00-13:00' "
        "(a weekday not named is closed)",
    )


def cmd_location_add(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.clinic import add_location

    loc = add_location(
        ctx.store(),
        args.name,
        args.tz,
        address=args.address,
        phone=args.phone,
        country=args.country,
        subdivision=args.subdivision,
        hours=args.hours,
    )
    ctx.emit({"id": loc.id, "name": loc.name}, f"location {loc.id}: {loc.name} ({loc.tz})")


def cmd_location_list(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.listings import locations

    data = locations(ctx.store())

    def text() -> str:
        return "\n".join(
            f"{d['id']:>4}  {d['name']:<24} {d['tz']:<18} {d['country'] or '-':<3} {d['hours']}"
            for d in data
        )

    ctx.emit(data, lambda: text() or "no locations yet")


def _location_line(d: Any) -> str:
    holidays = "/".join(x for x in (d.country, d.subdivision) if x) or "no holidays"
    return f"location {d.id}: {d.name} ({d.tz}, {holidays}) {d.hours}"


def cmd_location_edit(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.clinic_setup import edit_location

    fields = ("name", "address", "phone", "tz", "country", "subdivision", "hours")
    given = {k: getattr(args, k) for k in fields}
    if all(v is None for v in given.values()):
        raise BadInput(
            "nothing to change; give --name, --address, --phone, --tz, --country, "
            "--subdivision or --hours"
        )
    loc = edit_location(ctx.store(), args.id, expect_revision=args.expect_revision, **given)
    data = {k: getattr(loc, k) for k in ("id", "name", "address", "phone", "tz", "country")}
    data |= {"subdivision": loc.subdivision, "hours": loc.hours, "revision": loc.revision}
    ctx.emit(data, _location_line(loc))


def add_room(commands: Commands, sub: SubParsers) -> None:
    room = commands.group(sub, "room", "treatment rooms")
    sp = commands.command(room, "add", cmd_room_add, "add a room to a location")
    sp.add_argument("--location", type=whole_number, required=True)
    sp.add_argument("--name", required=True)
    sp = commands.command(room, "list", cmd_room_list, "list rooms")
    sp.add_argument("--location", type=whole_number)
    sp = commands.command(room, "edit", cmd_room_edit, "rename a room")
    sp.add_argument("id", type=whole_number, metavar="ID")
    expect_revision_argument(sp, "room")
    sp.add_argument("--name", required=True)
    sp = commands.command(
        room, "remove", cmd_room_remove, "remove a room no session has used (else rename it)"
    )
    sp.add_argument("id", type=whole_number, metavar="ID")
    expect_revision_argument(sp, "room")


def cmd_room_add(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.clinic import add_room

    room = add_room(ctx.store(), args.location, args.name)
    ctx.emit(
        {"id": room.id, "name": room.name, "location_id": room.location_id},
        f"room {room.id}: {room.name}",
    )


def cmd_room_list(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.listings import rooms

    data = rooms(ctx.store(), args.location)

    def text() -> str:
        return "\n".join(f"{d['id']:>4}  {d['name']:<20} location {d['location_id']}" for d in data)

    ctx.emit(data, lambda: text() or "no rooms")


def cmd_room_edit(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.clinic_setup import edit_room

    room = edit_room(ctx.store(), args.id, name=args.name, expect_revision=args.expect_revision)
    data = {"id": room.id, "name": room.name, "location_id": room.location_id}
    data["revision"] = room.revision
    ctx.emit(data, f"room {room.id}: {room.name}")


def cmd_room_remove(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.clinic_setup import remove_room

    room = remove_room(ctx.store(), args.id, expect_revision=args.expect_revision)
    data = {"id": room.id, "name": room.name, "location_id": room.location_id, "removed": True}
    ctx.emit(data, f"room {room.name} removed")


# -- practitioners ------------------------------------------------------------------------------


def add_practitioner(commands: Commands, sub: SubParsers) -> None:
    pr = commands.group(sub, "practitioner", "practitioners")
    sp = commands.command(pr, "add", cmd_practitioner_add, "add a practitioner")
    sp.add_argument("--name", required=True)
    sp.add_argument(
        "--profession",
        required=True,
        help="acupuncturist, physiotherapist, chiropractor, manual-therapist, massage-therapist",
    )
    sp.add_argument(
        "--location",
        type=whole_number,
        action="append",
        required=True,
        help="location id (repeat for several)",
    )
    sp.add_argument(
        "--hours",
        action="append",
        help="weekly hours, e.g. 'mon-thu 08:00-16:00' (default: opening hours)",
    )
    needle = sp.add_mutually_exclusive_group()
    needle.add_argument(
        "--needling",
        dest="may_needle",
        action="store_true",
        default=None,
        help="licensed and trained to needle",
    )
    needle.add_argument("--no-needling", dest="may_needle", action="store_false")
    sp.add_argument("--email", default="")
    sp.add_argument("--phone", default="")
    commands.command(pr, "list", cmd_practitioner_list, "list practitioners")
    sp = commands.command(
        pr,
        "edit",
        cmd_practitioner_edit,
        "change a practitioner (only what is given); --workplace replaces all workplaces",
    )
    sp.add_argument("id", type=whole_number, metavar="ID")
    expect_revision_argument(sp, "practitioner")
    sp.add_argument("--name")
    sp.add_argument(
        "--profession",
        help="acupuncturist, physiotherapist, chiropractor, manual-therapist, massage-therapist",
    )
    needle = sp.add_mutually_exclusive_group()
    needle.add_argument(
        "--may-needle",
        dest="may_needle",
        action="store_true",
        default=None,
        help="licensed and trained to needle",
    )
    needle.add_argument("--no-needle", dest="may_needle", action="store_false")
    sp.add_argument("--email", help="an empty value clears it")
    sp.add_argument("--phone", help="an empty value clears it")
    sp.add_argument(
        "--workplace",
        action="append",
        metavar="ID=HOURS",
        help="a location and the weekly hours there, e.g. --workplace '1=mon-wed 08:00-16:00' "
        "(a weekday not named is a day off); repeat for each location. Together they replace "
        "every workplace; each must lie inside the location's opening hours",
    )
    sp.add_argument(
        "--caldav-url",
        metavar="URL",
        help="the CalDAV calendar their sessions are published to (http or https); an empty "
        "value stops publishing",
    )
    sp.add_argument("--caldav-user", metavar="USER", help="the user name on that server")
    sp.add_argument(
        "--store-password",
        action="store_true",
        help="read the CalDAV password (from the terminal, or stdin) and keep it in the system "
        "keyring; without a keyring set PLANNER_CALDAV_PASSWORD instead",
    )


def cmd_practitioner_add(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.clinic import add_practitioner

    p = add_practitioner(
        ctx.store(),
        args.name,
        args.profession,
        args.location,
        hours=args.hours,
        may_needle=args.may_needle,
        email=args.email,
        phone=args.phone,
    )
    ctx.emit(
        {"id": p.id, "name": p.name, "may_needle": p.may_needle},
        f"practitioner {p.id}: {p.name} ({p.profession})",
    )


def cmd_practitioner_list(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.listings import practitioners

    data = practitioners(ctx.store())

    def text() -> str:
        return "\n".join(
            f"{d['id']:>4}  {d['name']:<26} {d['profession']:<18} "
            f"{'needles' if d['may_needle'] else '':<8} "
            + "; ".join(f"@{w['id']}: {w['hours']}" for w in d["locations"])
            + (f"; calendar {d['caldav_url']}" if d["caldav_url"] else "")
            for d in data
        )

    ctx.emit(data, lambda: text() or "no practitioners yet")


def parse_workplace_args(texts: list[str]) -> dict[int, str]:
    """``["1=mon-wed 08:00-16:00", "2=thu,fri 09:00-15:00"]`` -> ``{1: ..., 2: ...}``."""
    out: dict[int, str] = {}
    for text in texts:
        ident, sep, hours = text.partition("=")
        if not sep or not ident.strip().isdigit():
            raise BadInput(
                f"cannot read --workplace '{text}'; write the location id, '=' and the hours: "
                "--workplace '1=mon-wed 08:00-16:00'"
            )
        lid = int(ident)
        if lid in out:
            raise BadInput(f"location {lid} is given twice in --workplace; give it once")
        out[lid] = hours
    return out


def _practitioner_json(p: Any) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "profession": p.profession,
        "may_needle": p.may_needle,
        "email": p.email,
        "phone": p.phone,
        "locations": [
            {"id": w.location_id, "name": w.location_name, "hours": w.hours} for w in p.workplaces
        ],
        "revision": p.revision,
        "caldav_url": p.caldav_url,
        "caldav_user": p.caldav_user,
    }


def _read_password() -> str:
    """The password typed at the terminal (not echoed), or the first line of a piped stdin."""
    import getpass
    import sys

    if sys.stdin.isatty():
        return getpass.getpass("CalDAV password: ")
    return sys.stdin.readline().rstrip("\r\n")


def cmd_practitioner_edit(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.clinic_setup import edit_practitioner

    workplaces = parse_workplace_args(args.workplace) if args.workplace else None
    fields = ("name", "profession", "may_needle", "email", "phone", "caldav_url", "caldav_user")
    given = {k: getattr(args, k) for k in fields}
    nothing = workplaces is None and all(v is None for v in given.values())
    if nothing and not args.store_password:
        raise BadInput(
            "nothing to change; give --name, --profession, --may-needle or "
            "--no-needle, --email, --phone, --workplace ID=HOURS, --caldav-url, --caldav-user "
            "or --store-password"
        )
    if args.store_password:
        from planner.services.caldav_sync import calendar_account, store_caldav_password

        url, user = calendar_account(
            ctx.store(), args.id, given["caldav_url"], given["caldav_user"]
        )
        store_caldav_password(url, user, _read_password())
    if nothing:
        from planner.services.clinic_setup import setup_overview

        p = next(x for x in setup_overview(ctx.store()).practitioners if x.id == args.id)
        ctx.emit(
            {**_practitioner_json(p), "password_stored": True},
            f"kept the calendar password of {p.name} ({p.caldav_user} at {p.caldav_url}) in "
            "the system keyring",
        )
        return
    p = edit_practitioner(
        ctx.store(),
        args.id,
        workplaces=workplaces,
        expect_revision=args.expect_revision,
        **given,
    )

    def text() -> str:
        where = "; ".join(f"{w.location_name}: {w.hours}" for w in p.workplaces)
        needles = ", may needle" if p.may_needle else ""
        line = f"practitioner {p.id}: {p.name} ({p.profession}{needles}) {where}"
        if p.caldav_url:
            line += f"; calendar {p.caldav_url}" + (f" as {p.caldav_user}" if p.caldav_user else "")
        return line

    ctx.emit(_practitioner_json(p), text)


# -- closures -----------------------------------------------------------------------------------


def add_closure(commands: Commands, sub: SubParsers) -> None:
    cl = commands.group(sub, "closure", "closures (days a location is closed)")
    sp = commands.command(
        cl, "add", cmd_closure_add, "close a location for whole days and list the sessions it hits"
    )
    sp.add_argument("--location", type=whole_number, required=True)
    sp.add_argument("--from", dest="date_from", required=True)
    sp.add_argument("--to", dest="date_to")
    sp.add_argument("--reason", default="")
    sp = commands.command(
        cl, "list", cmd_closure_list, "list closures with the booked sessions they hit"
    )
    sp.add_argument("--location", type=whole_number)
    sp = commands.command(
        cl, "remove", cmd_closure_remove, "open the location again on a closure's days"
    )
    sp.add_argument("id", type=whole_number, metavar="ID")
    expect_revision_argument(sp, "closure")


def cmd_closure_add(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.booking.appointments import appointment_json
    from planner.services.clinic import add_closure

    first = local_date(args.date_from, "--from date")
    assert first is not None  # --from is required
    store = ctx.store()
    last = local_date(args.date_to, "--to date")
    res = add_closure(store, args.location, first, last, args.reason)
    hits = [appointment_json(a) for a in res.hits]

    def text() -> str:
        head = f"closure {res.closure.id} added; {len(hits)} booked session(s) fall on it"
        return head + ("; move or cancel them:\n" + session_table(hits) if hits else "")

    ctx.emit({"closure_id": res.closure.id, "hits": hits}, text)


def _hit_json(h: Any) -> dict[str, Any]:
    return {
        "appointment_id": h.appointment_id,
        "plan_id": h.plan_id,
        "local_start": h.start_local.isoformat(timespec="minutes"),
        "minutes": h.minutes,
        "kind": h.kind,
        "patient": h.patient,
        "practitioner": h.practitioner,
    }


def cmd_closure_list(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.clinic_setup import closure_hits, closures

    store = ctx.store()
    found = closures(store, args.location)
    hits = {c.id: closure_hits(store, c.id) if c.hits else () for c in found}
    data = [
        {
            "id": c.id,
            "location_id": c.location_id,
            "location": c.location_name,
            "first": c.first.isoformat(),
            "last": c.last.isoformat(),
            "reason": c.reason,
            "revision": c.revision,
            "sessions": [_hit_json(h) for h in hits[c.id]],
        }
        for c in found
    ]

    def text() -> str:
        out = []
        for c in found:
            n = len(hits[c.id])
            booked = f"{n} booked session{'s' if n != 1 else ''} to move" if n else "no sessions"
            out.append(
                f"{c.id:>4}  {c.location_name:<22} {c.days:<34} {c.reason or '-':<24} {booked}"
            )
            out += [
                f"        {h.appointment_id:>7}  {h.start_local:%a %d %b %Y %H:%M}  "
                f"{h.kind_label:<13} {h.patient:<24} {h.practitioner}"
                for h in hits[c.id]
            ]
        return "\n".join(out) or "no closures"

    ctx.emit(data, text)


def cmd_closure_remove(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.clinic_setup import remove_closure

    c = remove_closure(ctx.store(), args.id, expect_revision=args.expect_revision)
    data = {
        "id": c.id,
        "location_id": c.location_id,
        "first": c.first.isoformat(),
        "last": c.last.isoformat(),
        "reason": c.reason,
        "removed": True,
    }
    ctx.emit(data, f"{c.location_name} is open again on {c.days}")


# -- the demo clinic ----------------------------------------------------------------------------


def add_demo(commands: Commands, sub: SubParsers) -> None:
    sp = commands.command(
        sub, "demo", cmd_demo, "fill an empty database with a realistic demo clinic"
    )
    sp.add_argument("--patients", type=whole_number, default=2000)
    sp.add_argument("--practitioners", type=whole_number, default=20)
    sp.add_argument("--locations", type=whole_number, default=3)
    sp.add_argument("--appointments", type=whole_number, help="total sessions (up to 1,000,000)")
    sp.add_argument("--seed", type=whole_number, default=7)
    sp.add_argument(
        "--if-empty", action="store_true", help="do nothing when the database has data already"
    )


def _demo_sizes(args: argparse.Namespace) -> list[tuple[str, int, int]]:
    """(option, value asked for, the most the demo makes) of the demo's sizes."""
    return [
        ("locations", args.locations, 100),
        ("practitioners", args.practitioners, 2_000),
        ("patients", args.patients, 1_000_000),
    ]


def cmd_demo(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.demo import build_demo
    from planner.services.demo.generator import check_arguments
    from planner.services.schedule.week import is_empty

    # every argument is checked before the file is touched: a refused demo must not leave a
    # new, empty planner database behind
    if args.appointments is not None and not 0 < args.appointments <= 1_000_000:
        raise BadInput("--appointments must be between 1 and 1,000,000")
    for name, value, most in _demo_sizes(args):
        if value > most:
            raise BadInput(f"--{name} must be at most {most:,} (the demo would take hours)")
    check_arguments(
        locations=args.locations,
        practitioners=args.practitioners,
        patients=args.patients,
        appointments=args.appointments,
        years=2.0,
    )
    store = ctx.store(create=True)
    if args.if_empty and not is_empty(store):
        ctx.emit({"skipped": True}, f"{store.display} has data already; demo not added")
        return
    counting = not ctx.as_json and ctx.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if counting:
            print(f"\r  {done:,} of {total:,} sessions", end="", file=ctx.stderr, flush=True)

    try:
        summary = build_demo(
            store,
            locations=args.locations,
            practitioners=args.practitioners,
            patients=args.patients,
            appointments=args.appointments,
            seed=args.seed,
            progress=progress,
        )
    except NotEmpty:
        if counting:
            print(file=ctx.stderr)
        if not args.if_empty:
            raise
        # another desk filled it between the first look and the demo's lock
        ctx.emit({"skipped": True}, f"{store.display} has data already; demo not added")
        return
    if counting:
        print(file=ctx.stderr)
    data = summary.to_json() if hasattr(summary, "to_json") else vars(summary)
    ctx.emit(
        data,
        lambda: (
            f"demo clinic ready in {store.display} ({data['seconds']:.1f} s): "
            f"{data['locations']} locations, {data['practitioners']} practitioners, "
            f"{data['patients']:,} patients, {data['plans']:,} plans, "
            f"{data['appointments']:,} sessions from {data['first_day']} to {data['last_day']}"
        ),
    )
