"""``planner gui`` (and ``planner`` alone): open the front-desk window.

:func:`open_window` is also the fast path of :func:`planner.cli.main`: ``planner`` and
``planner gui`` hand their arguments straight to the window's own short parser, without
building every command's parser first (see the start-up notes in bench/README.md). This
module therefore imports nothing but the standard library and :mod:`planner.errors`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from planner.errors import BadInput

if TYPE_CHECKING:
    import argparse

    from planner.cli.context import Context
    from planner.cli.parsing import Commands, SubParsers


def open_window(argv: list[str], stderr: TextIO | None = None) -> int:
    """Open the window with the window's own arguments: the exit code of its event loop."""
    try:
        from planner.ui.app import main as gui_main
    except ImportError as exc:
        print(
            f"planner: the window needs PySide6 ({exc}); install planner again with "
            "'pip install -e .', or use the command line: planner --help",
            file=stderr or sys.stderr,
        )
        return BadInput.exit_code
    return gui_main(argv)


def add_gui(commands: Commands, sub: SubParsers) -> None:
    sp = commands.command(
        sub, "gui", cmd_gui, "open the front-desk window (what 'planner' alone does)"
    )
    sp.add_argument(
        "--demo-if-empty",
        action="store_true",
        help="create the demo clinic without asking when the database is empty",
    )


def cmd_gui(ctx: Context, args: argparse.Namespace) -> None:
    argv = ["--db", ctx.db] if ctx.db else []
    if getattr(args, "demo_if_empty", False):  # not set when 'planner --db X' alone comes here
        argv.append("--demo-if-empty")
    rc = open_window(argv, ctx.stderr)
    if rc:
        raise SystemExit(rc)
