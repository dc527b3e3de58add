"""``planner export`` and ``planner import``: calendar files on the command line.

The handlers only parse arguments and print; the work is done by
:func:`planner.services.calendar_export.export_calendar` and
:func:`planner.services.calendar_import.import_calendar`, which the window uses as well.
Errors follow the rest of the command line: one line on stderr (or JSON with ``--json``) and
exit code 2 (bad input), 3 (refused) or 4 (not found).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli.parsing import Commands, SubParsers, local_date, whole_number
from planner.cli.tables import session_table
from planner.errors import BadInput

if TYPE_CHECKING:
    import argparse

    from planner.cli.context import Context


def add_export(commands: Commands, sub: SubParsers) -> None:
    sp = commands.command(sub, "export", cmd_export, "write sessions to an .ics calendar file")
    sp.add_argument("--out", required=True, metavar="FILE.ics", help="the file to write")
    scope = sp.add_mutually_exclusive_group()
    scope.add_argument("--plan", type=whole_number, help="one plan (all its sessions)")
    scope.add_argument("--patient", type=whole_number, help="one patient (their future sessions)")
    scope.add_argument(
        "--practitioner", type=whole_number, help="one practitioner, over --from/--to"
    )
    scope.add_argument("--location", type=whole_number, help="one location, over --from/--to")
    sp.add_argument("--from", dest="date_from", help="first local date (default: today)")
    sp.add_argument("--to", dest="date_to", help="last local date (default: 90 days on)")
    sp.add_argument(
        "--profile",
        help="patient (default for --plan/--patient), practitioner (default otherwise) or full",
    )
    sp.add_argument(
        "--shape",
        help="sessions (default; a recipient keeps the shape of its first delivery) or series",
    )
    sp.add_argument(
        "--changes-since-last",
        action="store_true",
        help="a delivery: only what changed since the last delivery to this recipient (the "
        "plan's or patient's patient, the practitioner, or --recipient); a plain export "
        "never moves that baseline",
    )
    sp.add_argument(
        "--recipient",
        metavar="NAME",
        help="with --changes-since-last: keep a named file target in step (e.g. a location's "
        "wall calendar) instead of the scope's person",
    )
    sp.add_argument(
        "--alarms", help="reminders before each session: 24h,2h (patient default), 30m, or none"
    )
    sp.add_argument(
        "--patient-label",
        default="initials",
        help="how the practitioner profile names patients: initials (default) or chart",
    )
    sp.add_argument(
        "--language",
        help="write the events in en or nb (default: the patient's language for the patient "
        "profile, the clinic_language setting for the others)",
    )


def add_import(commands: Commands, sub: SubParsers) -> None:
    sp = commands.command(
        sub, "import", cmd_import, "import an .ics calendar as busy time or closures"
    )
    sp.add_argument("file", metavar="FILE.ics")
    target = sp.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "--practitioner", type=whole_number, help="the practitioner's own calendar: their busy time"
    )
    target.add_argument(
        "--location", type=whole_number, help="a closure or holiday calendar for a location"
    )
    sp.add_argument(
        "--source",
        help="name of this calendar; importing the same source again replaces it "
        "(default: the calendar's name, else the file name)",
    )
    sp.add_argument("--tz", help="zone of all-day and floating events (default: the location's)")
    sp.add_argument(
        "--horizon-months",
        type=whole_number,
        default=18,
        help="how far ahead repeating events are expanded (default 18)",
    )


def cmd_export(ctx: Context, args: argparse.Namespace) -> None:
    from planner.core.domain import parse_enum
    from planner.core.patient_input import parse_language
    from planner.ics.model import PatientLabel, parse_alarms, parse_profile, parse_shape
    from planner.services.calendar_export import export_calendar
    from planner.services.export_scope import Scope

    first = local_date(args.date_from, "--from date")
    last = local_date(args.date_to, "--to date")
    if args.plan is not None:
        scope = Scope.plan(args.plan)
    elif args.patient is not None:
        scope = Scope.patient(args.patient)
    elif args.practitioner is not None:
        scope = Scope.practitioner(args.practitioner, first, last)
    elif args.location is not None:
        scope = Scope.location(args.location, first, last)
    else:
        scope = Scope.everything(first, last)
    if not scope.ranged and (first or last):
        scope = Scope(scope.kind, scope.id, first, last)  # the service explains the refusal
    profile = parse_profile(args.profile) if args.profile else None
    shape = parse_shape(args.shape) if args.shape else None
    alarms = parse_alarms(args.alarms) if args.alarms is not None else None
    label = parse_enum(PatientLabel, args.patient_label, "patient label")
    language = parse_language(args.language) if args.language else None
    out = Path(args.out).expanduser()
    if args.recipient is not None and not args.changes_since_last:
        raise BadInput("--recipient names who a delivery is for; add --changes-since-last")
    if args.changes_since_last:
        from planner.services.delivery import deliver_file

        res = deliver_file(
            ctx.store(),
            scope,
            out,
            recipient_name=args.recipient,
            profile=profile,
            shape=shape,
            alarms=alarms,
            patient_label=label,
            language=language,
        )
    else:
        res = export_calendar(
            ctx.store(),
            scope,
            profile=profile,
            shape=shape or "sessions",
            out=out,
            alarms=alarms,
            patient_label=label,
            language=language,
        )
    for w in res.warnings:
        ctx.warn(w)

    def text() -> str:
        if res.nothing_changed:
            return f"no changes since the last delivery to {res.recipient}; no file written"
        what = "cancellation" if res.method == "CANCEL" else "calendar"
        changed = (
            f" for {res.recipient}, {res.unchanged} unchanged left out"
            if args.changes_since_last
            else ""
        )
        return (
            f"wrote a {res.profile.value} {what} with {res.events} event(s) for "
            f"{res.sessions} session(s){changed} to {out}"
        )

    ctx.emit(res.to_json(), text)


def cmd_import(ctx: Context, args: argparse.Namespace) -> None:
    from dateutil.relativedelta import relativedelta

    from planner.core.timeutil import utcnow
    from planner.services.calendar_import import import_calendar

    if not 1 <= args.horizon_months <= 60:
        raise BadInput("--horizon-months must be between 1 and 60")
    now = utcnow()
    horizon = (now + relativedelta(months=args.horizon_months)) - now
    res = import_calendar(
        ctx.store(),
        args.file,
        practitioner_id=args.practitioner,
        location_id=args.location,
        source=args.source,
        tz=args.tz,
        horizon_days=horizon // timedelta(days=1),
        now=now,
    )

    def text() -> str:
        kind = "blocked time piece(s)" if res.target == "practitioner" else "closure(s)"
        lines = [
            f"imported {res.events} event(s) from '{res.source}' as {res.rows} {kind} for "
            f"{res.target} {res.target_id}"
            + (f", replacing {res.replaced} from its earlier import" if res.replaced else "")
        ]
        for s in res.skipped:
            lines.append(f"  skipped (line {s.line}): {s.reason}")
        if res.hits:
            lines.append(
                f"{len(res.hits)} booked session(s) now fall in this time; move or cancel them:"
            )
            lines.append(session_table(res.hits))
        return "\n".join(lines)

    ctx.emit(res.to_json(), text)
