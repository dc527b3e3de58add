"""``planner publish``: bring a practitioner's CalDAV calendar in step, in full.

The work is :func:`planner.services.caldav_sync.publish` with ``full=True``: the calendar is
listed, what is missing is added, what differs is fixed, planner's events that should not be
there are removed, and nothing else on the server is touched. The outbox runs the same
without the listing after every change (``full=False``). A server that does not answer, a
refused password or an address that is not a calendar is one line and exit code 3.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.cli.parsing import Commands, SubParsers, local_date, whole_number

if TYPE_CHECKING:
    import argparse

    from planner.cli.context import Context


def add_publish(commands: Commands, sub: SubParsers) -> None:
    sp = commands.command(
        sub,
        "publish",
        cmd_publish,
        "bring a practitioner's CalDAV calendar in step with their sessions (in full)",
    )
    sp.add_argument("--practitioner", type=whole_number, required=True, metavar="ID")
    sp.add_argument(
        "--from", dest="date_from", metavar="DATE", help="first local date (default: today)"
    )
    sp.add_argument(
        "--to",
        dest="date_to",
        metavar="DATE",
        help="last local date (default: 180 days on, or the caldav_days setting)",
    )


def cmd_publish(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.caldav_sync import publish

    first = local_date(args.date_from, "--from")
    last = local_date(args.date_to, "--to")
    report = publish(ctx.store(), args.practitioner, first, last, full=True)

    def text() -> str:
        lines = [
            f"published {report.practitioner}'s calendar: {report.added} added, "
            f"{report.updated} updated, {report.removed} removed, {report.unchanged} unchanged"
        ]
        lines.extend(
            f"  edited on the server, set back to planner's: {what}"
            for what in report.edits_replaced
        )
        return "\n".join(lines)

    ctx.emit(report.to_json(), text)
