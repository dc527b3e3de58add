"""``planner history``: who changed what, when, at which desk (the change log)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import TYPE_CHECKING

from planner.cli.parsing import Commands, SubParsers, whole_number
from planner.errors import BadInput, NotFound

if TYPE_CHECKING:
    import argparse
    from datetime import tzinfo

    from planner.cli.context import Context
    from planner.services.history_text import ChangeLine


def add_history(commands: Commands, sub: SubParsers) -> None:
    sp = commands.command(
        sub,
        "history",
        cmd_history,
        "who changed what: the change log of a session, a plan, a patient or everything",
    )
    which = sp.add_argument_group("what to show (at most one; none: every change)")
    which.add_argument("--session", type=whole_number, metavar="ID", help="one session")
    which.add_argument(
        "--plan", type=whole_number, metavar="ID", help="a plan and all its sessions"
    )
    which.add_argument(
        "--patient",
        type=whole_number,
        metavar="ID",
        help="a patient's record, plans and sessions",
    )
    sp.add_argument(
        "--since",
        metavar="DATE",
        help="only changes from this local day on: 01.12.2026 or 2026-12-01 "
        "(or a local time, 2026-12-01T09:00)",
    )
    sp.add_argument("--limit", type=whole_number, metavar="N", help="only the latest N changes")


def since_utc(text: str, tz: tzinfo) -> datetime:
    """``--since``: a day as the desk types it (start of that local day) or an ISO local time,
    as a naive UTC time (what the change log keeps)."""
    from planner.core.typed_dates import in_range, read_date

    raw = text.strip()
    if "T" in raw or (" " in raw and ":" in raw):
        try:
            local = datetime.fromisoformat(raw)
        except ValueError:
            raise BadInput(
                f"cannot read the --since time '{raw}'; write it as 2026-12-01T09:00"
            ) from None
    else:
        local = datetime.combine(read_date(raw, "the --since date", example="01.12.2026"), time())
    in_range(local, "the --since date")
    if local.tzinfo is None:
        local = local.replace(tzinfo=tz)
    return local.astimezone(UTC).replace(tzinfo=None)


def cmd_history(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.history import history
    from planner.services.history_text import history_zone, lines_for, subject_of

    named = {
        k: v
        for k, v in (("session", args.session), ("plan", args.plan), ("patient", args.patient))
        if v is not None
    }
    if len(named) > 1:
        raise BadInput(
            "name one of --session, --plan or --patient, not "
            + " and ".join(f"--{k}" for k in named)
        )
    if args.limit is not None and args.limit < 1:
        raise BadInput("--limit must be 1 or more")
    store = ctx.store()
    tz = history_zone(store)
    since = since_utc(args.since, tz) if args.since is not None else None
    entries = history(
        store,
        session_id=args.session,
        plan_id=args.plan,
        patient_id=args.patient,
        since=since,
        limit=args.limit,
    )
    subject = ""
    if named and (not entries or not ctx.as_json):
        # a row that never existed is not found; one that was removed has its changes
        try:
            subject = subject_of(
                store, session_id=args.session, plan_id=args.plan, patient_id=args.patient
            )
        except NotFound:
            if not entries:
                raise
            subject = ""
    if ctx.as_json:
        ctx.emit([e.to_json() for e in entries], "")
        return
    since_text = f" since {args.since.strip()}" if args.since is not None else ""
    if not entries:
        ctx.print(f"no changes recorded{' for ' + subject if subject else ''}{since_text}")
        return
    lines = lines_for(store, entries, tz=tz)
    ctx.print(_table(lines, subject, since_text, tz))


def _zone_name(tz: tzinfo) -> str:
    key = getattr(tz, "key", None)
    return str(key) if key else str(datetime.now(tz).tzname() or tz)


def _table(lines: list[ChangeLine], subject: str, since_text: str, tz: tzinfo) -> str:
    """One change a line: local time, desk, user, action, which row (its kind and id), what."""
    n = len(lines)
    head = f"{n} change{'s' if n != 1 else ''}"
    head += f" of {subject}" if subject else ""
    head += f"{since_text} (times in {_zone_name(tz)})"
    desk_w = min(16, max(4, *(len(x.entry.desk) for x in lines)))
    user_w = min(12, max(4, *(len(x.entry.user) for x in lines)))
    act_w = min(20, max(6, *(len(x.entry.action) for x in lines)))
    out = [
        head,
        f"  {'when':<22} {'desk':<{desk_w}} {'user':<{user_w}} {'action':<{act_w}} "
        f"{'row':<16} change",
    ]

    def which(x: ChangeLine) -> str:  # the row named in the heading is not named again
        return "" if x.subject == subject else f"{x.subject}: "

    for x in lines:
        e = x.entry
        row = f"{e.entity} {e.entity_id}" if e.kind != "bulk" else e.entity
        out.append(
            f"  {x.when_text:<22} {e.desk[:desk_w]:<{desk_w}} {e.user[:user_w]:<{user_w}} "
            f"{e.action[:act_w]:<{act_w}} {row:<16} {which(x)}{x.what}"
        )
    return "\n".join(out)
