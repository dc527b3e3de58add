"""``planner day-list``: one practitioner's, room's or location's day, printed to a PDF."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from planner.cli.parsing import Commands, SubParsers, local_date, whole_number
from planner.errors import BadInput

if TYPE_CHECKING:
    from planner.cli.context import Context


def add_day_list(commands: Commands, sub: SubParsers) -> None:
    sp = commands.command(
        sub,
        "day-list",
        cmd_day_list,
        "print one practitioner's, room's or location's sessions of a day to a PDF file",
    )
    sp.add_argument(
        "--date", required=True, help="the day: 2026-12-15, 'today' or 'tomorrow' (local time)"
    )
    sp.add_argument("--practitioner", type=whole_number, help="the practitioner's id")
    sp.add_argument("--room", type=whole_number, help="the room's id")
    sp.add_argument("--location", type=whole_number, help="the location's id (every session)")
    sp.add_argument("--out", required=True, help="the PDF file to write, e.g. day.pdf")
    sp.add_argument("--paper", help="a4 or letter (default: by the locale)")


def _day(text: str) -> date:
    word = text.strip().lower()
    if word in ("today", "tomorrow"):
        return date.today() + timedelta(days=1 if word == "tomorrow" else 0)
    day = local_date(text, "date")
    assert day is not None  # --date is required and not empty
    return day


def cmd_day_list(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.day_list import day_list, day_list_json

    chosen = [
        f"--{name}"
        for name in ("practitioner", "room", "location")
        if getattr(args, name) is not None
    ]
    if len(chosen) != 1:
        raise BadInput(
            "give exactly one of --practitioner ID, --room ID or --location ID"
            + (f" (not {' and '.join(chosen)})" if chosen else "")
        )
    if not args.date.strip():
        raise BadInput("give the day with --date, e.g. --date 2026-12-15")
    dl = day_list(
        ctx.store(),
        _day(args.date),
        practitioner_id=args.practitioner,
        room_id=args.room,
        location_id=args.location,
    )
    try:  # Qt only here: the list is painted by Qt's PDF writer
        from planner.ui.day_list import count_pages, parse_paper, write_day_list_pdf
    except ImportError as exc:
        raise BadInput(
            f"printing the day list needs PySide6 ({exc}); "
            "install planner again with 'pip install -e .'"
        ) from None
    paper = parse_paper(args.paper)
    path = write_day_list_pdf(dl, Path(args.out), page_size=paper)
    pages = count_pages(dl, paper)
    n = len(dl.rows)
    ctx.emit(
        day_list_json(dl) | {"file": str(path), "pages": pages},
        f"day list for {dl.subject}, {dl.day_text}, written to {path} "
        f"({n} session{'s' if n != 1 else ''}, {pages} page{'s' if pages != 1 else ''})",
    )
