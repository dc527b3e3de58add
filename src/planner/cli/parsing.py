"""Building the command line's parsers and reading its arguments.

Every command takes the common options ``--db`` and ``--json`` (before or after its name);
:class:`Commands` adds commands and groups of them with those options and their handler.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias

if TYPE_CHECKING:
    from planner.cli.context import Context

Handler: TypeAlias = Callable[["Context", argparse.Namespace], Any]
SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def whole_number(text: str) -> int:
    """An argparse ``type`` for ids and counts: a usage error, not a traceback, for ``x``."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None


def local_date(text: str | None, what: str) -> date | None:
    """An optional ``2026-09-14`` argument; BadInput naming ``what`` when it is not a date."""
    from planner.core.timeutil import parse_date

    return parse_date(text, what) if text else None


def revision_number(text: str) -> int:
    """An argparse ``type`` for a row's revision: a whole number, 0 or more."""
    n = whole_number(text)
    if n < 0:
        raise argparse.ArgumentTypeError(f"a revision is 0 or more, not {n}")
    return n


def expect_revision_argument(sp: argparse.ArgumentParser, what: str = "session") -> None:
    """``--expect-revision N``: the revision of the row this desk saw (``list --json`` shows
    it); the change is refused (exit 3) if another desk changed the row since."""
    sp.add_argument(
        "--expect-revision",
        type=revision_number,
        metavar="N",
        help=f"refuse (exit 3) unless the {what} is still at revision N, as this desk saw it",
    )


def expected(args: argparse.Namespace) -> dict[int, int] | None:
    """``{id: N}`` for a session command given ``--expect-revision N``; None without it."""
    revision = getattr(args, "expect_revision", None)
    return None if revision is None else {args.id: revision}


class Parser(argparse.ArgumentParser):
    """The parser of ``planner`` and, through ``add_subparsers``, of every command under it:
    a usage error is one line naming the command and the bad argument, with where to read
    the full usage (``--help`` still prints all of it)."""

    def error(self, message: str) -> NoReturn:
        if message.startswith("argument ") and message.endswith("expected one argument"):
            option = message.split(":", 1)[0].removeprefix("argument ").split("/")[-1]
            message += f" (a value starting with '-' is written {option}=VALUE)"
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def parse_command(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """``parser.parse_args(argv)``, but a word no command takes is named with the command it
    was given to (argparse reports it as the main parser's, ``planner: unrecognized ...``)."""
    args, extra = parser.parse_known_args(argv)
    if extra:
        words = [getattr(args, "command", None), getattr(args, "action", None)]
        prog = " ".join([parser.prog, *(w for w in words if w)])
        parser.exit(2, f"{prog}: unrecognized arguments: {' '.join(extra)} (see {prog} --help)\n")
    return args


def common_options() -> argparse.ArgumentParser:
    """``--db`` and ``--json``, for the main parser and every command (as a parent)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="database: a SQLAlchemy URL or a SQLite file path "
        "(default: $PLANNER_DB, else the user data folder)",
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print machine-readable JSON"
    )
    return common


class Commands:
    """Adds commands that take the common options and run a handler ``handler(ctx, args)``."""

    def __init__(self, common: argparse.ArgumentParser) -> None:
        self.common = common

    def command(
        self, parent: SubParsers, name: str, handler: Handler, help: str
    ) -> argparse.ArgumentParser:
        """The command ``name`` under ``parent``; add its own arguments to what it returns."""
        sp = parent.add_parser(name, help=help, description=help, parents=[self.common])
        sp.set_defaults(func=handler)
        return sp

    def group(self, parent: SubParsers, name: str, help: str) -> SubParsers:
        """A group of actions (``planner location add``); alone it prints its usage."""
        gp = parent.add_parser(name, help=help, description=help, parents=[self.common])
        gp.set_defaults(func=lambda ctx, args: usage(gp, ctx))
        return gp.add_subparsers(dest="action", metavar="ACTION")


def usage(parser: argparse.ArgumentParser, ctx: Context) -> None:
    """Print the help of a group given without an action, and stop with exit code 2."""
    parser.print_help(ctx.stdout)
    raise SystemExit(2)
