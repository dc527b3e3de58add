"""The ``planner`` command line: admins script the clinic with it and tests drive it.

``planner [--db URL] <command> [--json]``. Exit codes: 0 done, 2 bad input, 3 refused
(conflict, unacknowledged screening flag, closed), 4 not found. Errors are one line on stderr
(or a JSON object on stdout with ``--json``), never a traceback.

One module per group of commands (:mod:`~planner.cli.setup`, :mod:`~planner.cli.clinic`,
:mod:`~planner.cli.patients`, :mod:`~planner.cli.plans`, :mod:`~planner.cli.appointments`,
:mod:`~planner.cli.calendars`, :mod:`~planner.cli.history`, :mod:`~planner.cli.mail`,
:mod:`~planner.cli.publish`, :mod:`~planner.cli.window`);
each handler is ``handler(ctx, args)`` with the run's :class:`~planner.cli.context.Context`,
and reads and writes only through the services.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from planner.errors import DatabaseDamaged, PlannerError

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command (``planner --help`` lists them in this order)."""
    from planner import __version__
    from planner.cli.appointments import add_appointment
    from planner.cli.backup import add_backup, add_restore
    from planner.cli.calendars import add_export, add_import
    from planner.cli.check import add_check
    from planner.cli.clinic import add_clinic
    from planner.cli.day_list import add_day_list
    from planner.cli.history import add_history
    from planner.cli.mail import add_mail
    from planner.cli.outbox import add_outbox
    from planner.cli.parsing import Commands, Parser, common_options
    from planner.cli.patients import add_patient
    from planner.cli.plans import add_plan, add_template
    from planner.cli.publish import add_publish
    from planner.cli.setup import (
        add_closure,
        add_demo,
        add_init,
        add_location,
        add_practitioner,
        add_room,
    )
    from planner.cli.waitlist import add_waitlist
    from planner.cli.window import add_gui

    common = common_options()
    p: argparse.ArgumentParser = Parser(
        prog="planner",
        description="Treatment-plan scheduling for physiotherapy, acupuncture and "
        "dry-needling clinics.",
        parents=[common],
    )
    p.add_argument("--version", action="version", version=f"planner {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    commands = Commands(common)
    for add in (
        add_init,
        add_clinic,
        add_location,
        add_room,
        add_practitioner,
        add_patient,
        add_template,
        add_plan,
        add_waitlist,
        add_appointment,
        add_closure,
        add_day_list,
        add_export,
        add_import,
        add_history,
        add_mail,
        add_outbox,
        add_publish,
        add_demo,
        add_backup,
        add_restore,
        add_check,
        add_gui,
    ):
        add(commands, sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run one ``planner`` command: its exit code."""
    from planner.core.private import set_private_umask

    set_private_umask()  # everything this run creates is readable by its owner only
    argv = list(sys.argv[1:] if argv is None else argv)
    if (not argv or argv[0] == "gui") and not {"-h", "--help"} & set(argv):
        # The window's own short parser: building every subcommand's parser first would add
        # about 10 ms to the window's start-up for nothing.
        from planner.cli.window import open_window

        return open_window(argv[1:])
    from planner.cli.context import Context
    from planner.cli.parsing import parse_command

    parser = build_parser()
    args = parse_command(parser, argv)
    ctx = Context(
        db=getattr(args, "db", None),
        as_json=bool(getattr(args, "json", False)),
        stdout=sys.stdout,
        stderr=sys.stderr,
    )
    func = getattr(args, "func", None)
    if func is None:
        if getattr(args, "command", None) is not None:
            parser.print_help()
            return 2
        from planner.cli.window import cmd_gui

        func = cmd_gui  # 'planner' alone opens the window
    try:
        func(ctx, args)
    except PlannerError as exc:
        if isinstance(exc, DatabaseDamaged):
            from planner.services.integrity import with_backup

            exc = with_backup(exc)  # the newest good backup by name and date, where there is one
        ctx.fail(exc.message, exc.to_json())
        return exc.exit_code
    except KeyboardInterrupt:
        ctx.fail("interrupted; nothing half-written was kept")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("PLANNER_DEBUG"):
            raise
        from planner.core.private import error_class, where

        # the class and the place only: the message may quote SQL parameters (names, phones)
        ctx.fail(
            f"unexpected error: {error_class(exc)} at {where(exc) or 'an unknown place'}. "
            "Nothing was changed. Run again with PLANNER_DEBUG=1 for details and report it."
        )
        return 1
    finally:
        ctx.close()
    return 0
