"""``planner backup`` and ``planner restore``: checked copies of a SQLite database.

``backup`` makes one now (``--to DIR``: into another folder than this computer's backup
folder) and applies the rotation there; ``backup list`` shows the good backups, newest first;
``backup folder [DIR | --default]`` shows or sets this computer's backup folder. ``restore
FILE`` checks the file, says what would be lost and, once confirmed (``--yes``, or ``yes`` typed
at a terminal), keeps the current database aside and puts the backup in its place. On
PostgreSQL every one of them says to use the server's own tools (exit 3), without connecting.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli.parsing import Commands, SubParsers

if TYPE_CHECKING:
    import argparse

    from planner.cli.context import Context


def add_backup(commands: Commands, sub: SubParsers) -> None:
    sp = commands.command(
        sub, "backup", cmd_backup, "make a checked backup of the database now (SQLite)"
    )
    sp.add_argument(
        "--to",
        type=Path,
        metavar="DIR",
        help="into this folder (default: this computer's backup folder, see 'backup folder')",
    )
    actions = sp.add_subparsers(dest="action", metavar="ACTION")
    commands.command(actions, "list", cmd_list, "the good backups, newest first")
    fp = commands.command(
        actions, "folder", cmd_folder, "show or set where this computer keeps backups"
    )
    fp.add_argument("dir", nargs="?", type=Path, metavar="DIR", help="the new backup folder")
    fp.add_argument("--default", action="store_true", help="back to 'backups' beside the database")


def add_restore(commands: Commands, sub: SubParsers) -> None:
    sp = commands.command(
        sub, "restore", cmd_restore, "put a backup in place of the database (SQLite)"
    )
    sp.add_argument("file", type=Path, metavar="FILE", help="the backup file")
    sp.add_argument(
        "--yes", action="store_true", help="restore without asking (what is lost is printed)"
    )


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024)} kB"


def cmd_backup(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.backups import backup_now, database_file, local_text

    database_file(ctx.db)  # PostgreSQL: refused before connecting
    result = backup_now(ctx.store(), args.to)
    info = result.info

    def text() -> str:
        counts = ", ".join(
            f"{n:,} {k if n != 1 else k.removesuffix('s')}" for k, n in info.counts.items()
        )
        line = (
            f"backup {info.path} made {local_text(info.made_at)} and checked "
            f"({_size(info.size)}; {counts}; schema {info.revision})"
        )
        if result.removed:
            line += f"; the rotation removed {len(result.removed)} older backup(s)"
        return line

    ctx.emit(result.to_json(), text)


def cmd_list(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.backups import backup_folder, database_file, list_backups, local_text

    database = database_file(ctx.db)
    folder = backup_folder(database)
    rows = list_backups(database, folder)

    def text() -> str:
        if not rows:
            return f"no backups of {database} in {folder} yet; 'planner backup' makes one"
        return "\n".join(f"{local_text(e.made_at)}  {_size(e.size):>9}  {e.path}" for e in rows)

    ctx.emit(
        {"database": str(database), "folder": str(folder), "backups": [e.to_json() for e in rows]},
        text,
    )


def cmd_folder(ctx: Context, args: argparse.Namespace) -> None:
    from planner.errors import BadInput
    from planner.services.backups import backup_folder, database_file, set_backup_folder

    database = database_file(ctx.db)
    if args.dir is not None and args.default:
        raise BadInput("give a folder or --default, not both")
    if args.dir is not None or args.default:
        set_backup_folder(None if args.default else args.dir)
    folder = backup_folder(database)
    ctx.emit({"folder": str(folder)}, f"backups of {database} go to {folder}")


def cmd_restore(ctx: Context, args: argparse.Namespace) -> None:
    from planner.errors import Refused
    from planner.services.backups import database_file, plan_restore, restore

    database = database_file(ctx.db)
    plan = plan_restore(database, args.file)
    if not args.yes:
        if ctx.as_json or not sys.stdin.isatty():
            raise Refused(f"{plan.loss_text}; add --yes to restore {args.file}")
        answer = input(f"{plan.loss_text}.\nType yes to restore {args.file}: ")
        if answer.strip().lower() != "yes":
            raise Refused("not restored; nothing was changed")
    result = restore(database, args.file)

    def text() -> str:
        aside = (
            f"; the database as it was is kept as {result.kept_aside}" if result.kept_aside else ""
        )
        return f"restored {args.file} to {database} ({plan.loss_text}){aside}"

    ctx.emit(result.to_json(), text)
