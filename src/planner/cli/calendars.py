"""``planner export`` and ``planner import``: calendar files on the command line.

:func:`register` adds both commands to the main parser (``planner.cli.build_parser`` calls
it). The handlers only parse arguments and print; the work is done by
:func:`planner.services.calendar_export.export_calendar` and :func:`planner.services.calendar_import.import_calendar`,
which the window uses as well. Errors follow the rest of the command line: one line on
stderr (or JSON with ``--json``) and exit code 2 (bad input), 3 (refused) or 4 (not found).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import timedelta
from typing import Any

Handler = Callable[[argparse.Namespace], Any]


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None


def register(sub: Any, common: argparse.ArgumentParser, cmd: Callable[..., Any]) -> None:
    """Add ``export`` and ``import`` to the subcommands ``sub`` of the main parser.

    ``cmd(parent, name, handler, help)`` is the main parser's helper that adds a subcommand
    with the common options (``--db``, ``--json``); ``common`` is that options parser.
    """
    del common  # the options come in through cmd()
    sp = cmd(sub, "export", cmd_export, "write sessions to an .ics calendar file")
    sp.add_argument("--out", required=True, metavar="FILE.ics", help="the file to write")
    scope = sp.add_mutually_exclusive_group()
    scope.add_argument("--plan", type=_int, help="one plan (all its sessions)")
    scope.add_argument("--patient", type=_int, help="one patient (their future sessions)")
    scope.add_argument("--practitioner", type=_int, help="one practitioner, over --from/--to")
    scope.add_argument("--location", type=_int, help="one location, over --from/--to")
    sp.add_argument("--from", dest="date_from", help="first local date (default: today)")
    sp.add_argument("--to", dest="date_to", help="last local date (default: 90 days on)")
    sp.add_argument(
        "--profile",
        help="patient (default for --plan/--patient), practitioner (default otherwise) or full",
    )
    sp.add_argument("--shape", default="sessions", help="sessions (default) or series")
    sp.add_argument(
        "--changes-since-last",
        action="store_true",
        help="only sessions changed since this scope was last exported",
    )
    sp.add_argument(
        "--alarms", help="reminders before each session: 24h,2h (patient default), 30m, or none"
    )
    sp.add_argument(
        "--patient-label",
        default="initials",
        help="how the practitioner profile names patients: initials (default) or chart",
    )

    sp = cmd(sub, "import", cmd_import, "import an .ics calendar as busy time or closures")
    sp.add_argument("file", metavar="FILE.ics")
    target = sp.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "--practitioner", type=_int, help="the practitioner's own calendar: their busy time"
    )
    target.add_argument(
        "--location", type=_int, help="a closure or holiday calendar for a location"
    )
    sp.add_argument(
        "--source",
        help="name of this calendar; importing the same source again replaces it "
        "(default: the calendar's name, else the file name)",
    )
    sp.add_argument("--tz", help="zone of all-day and floating events (default: the location's)")
    sp.add_argument(
        "--horizon-months",
        type=_int,
        default=18,
        help="how far ahead repeating events are expanded (default 18)",
    )


def _warn(text: str) -> None:
    print(f"planner: warning: {text}", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> None:
    from pathlib import Path

    from planner import cli as main_cli
    from planner.core.domain import parse_enum
    from planner.ics.model import PatientLabel, parse_alarms, parse_profile, parse_shape
    from planner.services.calendar_export import Scope, export_calendar

    first = main_cli._date(args.date_from, "--from date")
    last = main_cli._date(args.date_to, "--to date")
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
    shape = parse_shape(args.shape)
    alarms = parse_alarms(args.alarms) if args.alarms is not None else None
    label = parse_enum(PatientLabel, args.patient_label, "patient label")
    out = Path(args.out).expanduser()
    res = export_calendar(
        main_cli._store(args),
        scope,
        profile=profile,
        shape=shape,
        out=out,
        changes_since_last=args.changes_since_last,
        alarms=alarms,
        patient_label=label,
    )
    for w in res.warnings:
        _warn(w)

    def text() -> str:
        if res.nothing_changed:
            return f"no changes since the last export of {scope.describe()}; no file written"
        what = "cancellation" if res.method == "CANCEL" else "calendar"
        changed = f", {res.unchanged} unchanged left out" if args.changes_since_last else ""
        return (
            f"wrote a {res.profile.value} {what} with {res.events} event(s) for "
            f"{res.sessions} session(s){changed} to {out}"
        )

    main_cli._out.emit(res.to_json(), text)


def cmd_import(args: argparse.Namespace) -> None:
    from dateutil.relativedelta import relativedelta

    from planner import cli as main_cli
    from planner.core.timeutil import utcnow
    from planner.services.calendar_import import import_calendar

    if not 1 <= args.horizon_months <= 60:
        raise _bad("--horizon-months must be between 1 and 60")
    now = utcnow()
    horizon = (now + relativedelta(months=args.horizon_months)) - now
    res = import_calendar(
        main_cli._store(args),
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
            lines.append(main_cli._session_table(res.hits))
        return "\n".join(lines)

    main_cli._out.emit(res.to_json(), text)


def _bad(message: str) -> Exception:
    from planner.errors import BadInput

    return BadInput(message)
