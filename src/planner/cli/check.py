"""``planner check [--json]``: is the database sound? Exit 0 when it is, 3 when not.

The full check (:func:`planner.services.integrity.check_database`): SQLite's
``integrity_check`` and ``foreign_key_check`` and the schema (revision known and newest, every
table there). Nothing is changed, not even an old schema upgraded. Damage names the newest good
backup to restore.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.cli.parsing import Commands, SubParsers

if TYPE_CHECKING:
    import argparse

    from planner.cli.context import Context


def add_check(commands: Commands, sub: SubParsers) -> None:
    sp = commands.command(
        sub, "check", cmd_check, "check the database for damaged pages and an unknown schema"
    )
    sp.add_argument(
        "--quick",
        action="store_true",
        help="SQLite's quick_check: every page, but not each index against its table",
    )


def cmd_check(ctx: Context, args: argparse.Namespace) -> None:
    from planner.errors import DatabaseDamaged, Refused
    from planner.services.integrity import backup_advice, check_database

    report = check_database(ctx.db, quick=bool(args.quick))
    if report.ok:
        ctx.emit(report.to_json(), report.text)
        return
    if not ctx.as_json:
        ctx.print(report.text)
    if report.damaged:
        from pathlib import Path

        raise DatabaseDamaged(
            f"the database {report.database} is damaged ({report.problems[0]}); "
            f"{backup_advice(Path(report.database))}",
            details={"path": report.database, "check": report.to_json()},
        )
    raise Refused(
        f"the database {report.database} is not as this planner expects: {report.problems[0]}",
        details={"check": report.to_json()},
    )
