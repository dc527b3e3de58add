"""``planner template list|show|import`` and ``planner plan list|preview|book|show|cancel|
progress|baseline|card``."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planner.cli.parsing import Commands, SubParsers, expect_revision_argument, whole_number
from planner.cli.tables import session_table
from planner.errors import BadInput

if TYPE_CHECKING:
    import argparse

    from planner.cli.context import Context
    from planner.services.booking.plans import PlanRequest

# -- templates ----------------------------------------------------------------------------------


def add_template(commands: Commands, sub: SubParsers) -> None:
    tp = commands.group(sub, "template", "plan templates")
    commands.command(tp, "list", cmd_template_list, "list plan templates")
    sp = commands.command(
        tp, "show", cmd_template_show, "show a template as JSON (to edit and import)"
    )
    sp.add_argument("name")
    sp = commands.command(
        tp, "import", cmd_template_import, "add or replace a template from a JSON file"
    )
    sp.add_argument("file")


def cmd_template_list(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.listings import templates

    ts = templates(ctx.store())
    data = [t.to_json() | {"sessions": t.count} for t in ts]
    ctx.emit(
        data,
        lambda: "\n".join(
            f"{t.name:<36} {t.modality.value:<15} {t.count:>3} sessions  {t.description}"
            for t in ts
        ),
    )


def cmd_template_show(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.listings import template

    t = template(ctx.store(), args.name)
    ctx.print(json.dumps(t.to_json(), indent=2))  # the file format, with or without --json


def cmd_template_import(ctx: Context, args: argparse.Namespace) -> None:
    from planner.core.domain import Template
    from planner.core.input_files import read_input
    from planner.services.clinic import save_template

    try:
        data = json.loads(read_input(args.file, limit=1 << 20).decode("utf-8"))
    except UnicodeDecodeError:
        raise BadInput(f"{args.file} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise BadInput(f"{args.file} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise BadInput(f"{args.file} must hold one template object")
    t = Template.from_json(data)
    new = save_template(ctx.store(), t)
    ctx.emit(
        {"name": t.name, "created": new}, f"template '{t.name}' {'added' if new else 'replaced'}"
    )


# -- plans: arguments ---------------------------------------------------------------------------


def add_plan(commands: Commands, sub: SubParsers) -> None:
    pl = commands.group(sub, "plan", "treatment plans")
    sp = commands.command(pl, "list", cmd_plan_list, "list plans, of one patient or all")
    sp.add_argument("--patient", type=whole_number, help="only this patient's plans")
    sp.add_argument("--status", help="active, done or cancelled")
    for name, func, help in (
        ("preview", cmd_plan_preview, "show every proposed session of a plan; writes nothing"),
        ("book", cmd_plan_book, "book a plan and all its sessions in one transaction"),
    ):
        _plan_request_arguments(commands.command(pl, name, func, help))
    for name, func, help in (
        ("show", cmd_plan_show, "show a plan and its sessions"),
        ("cancel", cmd_plan_cancel, "cancel the rest of a plan (its future sessions)"),
        (
            "progress",
            cmd_plan_progress,
            "sessions done and to come, and each score against its baseline",
        ),
    ):
        sp = commands.command(pl, name, func, help)
        sp.add_argument("id", type=whole_number)
        if name == "cancel":
            expect_revision_argument(sp, "plan")
    sp = commands.command(
        pl,
        "baseline",
        cmd_plan_baseline,
        "record the baseline at the plan's assessment (pain per region, whole-body scores)",
    )
    sp.add_argument("id", type=whole_number)
    sp.add_argument(
        "--regions", required=True, help="pain 0-10 per region: neck:7,shoulders:6,lower-back:8"
    )
    sp.add_argument("--scores", help="whole-body scores 0-10: fatigue:7,sleep:3,function:4")
    sp = commands.command(
        pl, "card", cmd_plan_card, "print the patient's plan card (one page) to a PDF file"
    )
    sp.add_argument("id", type=whole_number)
    sp.add_argument("--out", required=True, help="the PDF file to write, e.g. card.pdf")
    sp.add_argument("--paper", help="a4 or letter (default: by the locale)")
    sp.add_argument("--language", help="en or nb (default: the patient's language)")


def _plan_request_arguments(sp: argparse.ArgumentParser) -> None:
    """The arguments of ``plan preview`` and ``plan book``: one plan request."""
    sp.add_argument("--patient", type=whole_number, required=True)
    sp.add_argument("--practitioner", type=whole_number, required=True)
    sp.add_argument(
        "--start", required=True, help="first session, local wall time: 2026-09-15T10:00"
    )
    sp.add_argument("--template", help="template name (see 'planner template list')")
    sp.add_argument("--weeks", type=whole_number, help="custom cadence: number of weeks")
    sp.add_argument("--per-week", type=whole_number, help="custom cadence: sessions a week")
    sp.add_argument("--weekdays", help="custom cadence: tue,fri")
    sp.add_argument("--every", type=whole_number, default=1, help="custom cadence: every K weeks")
    sp.add_argument("--duration", type=whole_number, help="custom cadence: minutes per session")
    sp.add_argument("--location", type=whole_number)
    sp.add_argument("--room", type=whole_number)
    sp.add_argument("--regions", help="target regions: neck,shoulders,lower-back")
    sp.add_argument("--modality", help="acupuncture, dry-needling, physiotherapy, ...")
    sp.add_argument(
        "--holiday-policy", help="next-working-day (default), same-day, skip-extend, keep-flag"
    )
    sp.add_argument("--conflict-policy", help="refuse (default), same-day, next-working-day")
    sp.add_argument(
        "--acknowledge-flags",
        action="store_true",
        help="the patient's screening flags were discussed",
    )
    sp.add_argument(
        "--allow-past",
        action="store_true",
        help="the first session may be in the past: record sessions that already took place",
    )
    sp.add_argument("--notes", default="")


def _plan_request(args: argparse.Namespace) -> PlanRequest:
    from planner.core.domain import Kind, Phase, parse_weekdays
    from planner.services.booking.plans import PlanRequest

    phases = None
    custom = [args.weeks, args.per_week, args.duration, args.weekdays]
    if args.template and any(x is not None for x in custom):
        raise BadInput(
            "give either --template or a custom cadence (--weeks/--per-week/--duration), not both"
        )
    if not args.template:
        if args.weeks is None or args.duration is None:
            raise BadInput(
                "give --template NAME, or --weeks W --per-week N --duration MIN "
                "for a custom cadence"
            )
        weekdays = parse_weekdays(args.weekdays) if args.weekdays else None
        per_week = args.per_week
        if per_week is None:
            per_week = len(weekdays) if weekdays else 1
        phases = (
            Phase(
                Kind.TREATMENT,
                duration_min=args.duration,
                weeks=args.weeks,
                per_week=per_week,
                weekdays=weekdays,
                every_weeks=args.every,
            ),
        )
    return PlanRequest(
        patient_id=args.patient,
        practitioner_id=args.practitioner,
        start=args.start,
        template=args.template,
        phases=phases,
        location_id=args.location,
        room_id=args.room,
        regions=args.regions.split(",") if args.regions is not None else None,
        modality=args.modality or (None if args.template else "acupuncture"),
        acknowledge_flags=args.acknowledge_flags,
        holiday_policy=args.holiday_policy,
        conflict_policy=args.conflict_policy,
        notes=args.notes,
        allow_past=args.allow_past,
    )


def _proposal_table(sessions: Sequence[Mapping[str, Any]]) -> str:
    """Proposed sessions (a preview's), one a line: where each went, or would have gone."""
    lines = [f"{'#':>3}  {'session':<18} {'local start':<24} {'UTC':<18} {'status':<11} notes"]
    for p in sessions:
        if p["local_start"]:
            when = datetime.fromisoformat(p["local_start"]).strftime("%a %d %b %Y %H:%M")
        else:  # not placed: show where the plan's rule wanted it
            when = datetime.fromisoformat(p["nominal_local"]).strftime("(%a %d %b %Y %H:%M)")
        utc = p["utc_start"][:-1].replace("T", " ") if p["utc_start"] else "-"
        notes = "; ".join(r["message"] for r in p["reasons"])
        session = f"{p['kind']} {p['number']}/{p['of']}"
        lines.append(f"{p['seq']:>3}  {session:<18} {when:<24} {utc:<18} {p['status']:<11} {notes}")
    return "\n".join(lines)


# -- plans: commands ----------------------------------------------------------------------------


def cmd_plan_preview(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.booking.plans import preview

    pv = preview(ctx.store(), _plan_request(args))
    data = pv.to_json()

    def text() -> str:
        bookable = "bookable" if data["bookable"] else "NOT bookable as it stands"
        head = f"{len(pv.sessions)} sessions, {bookable}"
        if pv.past is not None:  # said first: a plan in the past is usually a slip of the year
            allowed = (
                "booked as a record of past sessions"
                if pv.allow_past
                else ("book it as a record of past sessions with --allow-past")
            )
            head = f"{pv.past[0].upper()}{pv.past[1:]}: {allowed}\n{head}"
        warn = "".join(f"\nwarning: {w}" for w in pv.warnings)
        return head + warn + "\n" + _proposal_table(data["sessions"])

    ctx.emit(data, text)


def cmd_plan_book(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.booking.plans import book

    res = book(ctx.store(), _plan_request(args))
    proposed = res.preview.to_json()["sessions"]
    data = {
        "plan_id": res.plan_id,
        "sessions": [
            a
            | {"state": p["status"], "reasons": p["reasons"], "number": p["number"], "of": p["of"]}
            for a, p in zip(res.appointments, proposed, strict=True)
        ],
    }
    ctx.emit(
        data,
        lambda: (
            f"booked plan {res.plan_id} with {len(res.appointments)} sessions\n"
            + _proposal_table(proposed)
        ),
    )


def cmd_plan_list(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.listings import plans

    data = plans(ctx.store(), patient_id=args.patient, status=args.status)

    def text() -> str:
        if not data:
            return "no plans" + (f" with status {args.status}" if args.status else "")
        out = [
            f"{'id':>6}  {'patient':<24} {'plan':<32} {'first session':<22} {'status':<10} "
            f"{'done':>7}  next"
        ]
        for d in data:
            what = d["template"] or d["modality"]
            first = datetime.fromisoformat(d["start_local"]).strftime("%a %d %b %Y %H:%M")
            nxt = d["next_session"]
            nxt_text = datetime.fromisoformat(nxt).strftime("%a %d %b %Y %H:%M") if nxt else "-"
            done = f"{d['attended']}/{d['sessions']}"
            out.append(
                f"{d['id']:>6}  {d['patient'][:24]:<24} {what[:32]:<32} {first:<22} "
                f"{d['status']:<10} {done:>7}  {nxt_text}"
            )
        return "\n".join(out)

    ctx.emit(data, text)


def cmd_plan_show(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.listings import plan_with_sessions

    data = plan_with_sessions(ctx.store(), args.id)

    def text() -> str:
        what = data["template"] or data["modality"]
        return (
            f"plan {data['id']}: {what} for {data['patient']} with {data['practitioner']} "
            f"at {data['location']} ({data['status']})\n"
            f"  regions: {', '.join(data['regions']) or '-'}; "
            f"acknowledged flags: {', '.join(data['acknowledged_flags']) or '-'}\n"
            + session_table(data["sessions"])
        )

    ctx.emit(data, text)


def cmd_plan_cancel(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.booking.edits import cancel_rest

    res = cancel_rest(ctx.store(), args.id, expect_plan=args.expect_revision)
    ctx.emit(
        {"cancelled": res.cancelled},
        f"plan {args.id} cancelled; {len(res.cancelled)} future session(s) cancelled",
    )


def cmd_plan_progress(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.progress import plan_progress, progress_text

    p = plan_progress(ctx.store(), args.id)
    ctx.emit(p.to_json(), lambda: progress_text(p))


def cmd_plan_baseline(ctx: Context, args: argparse.Namespace) -> None:
    from planner.core.outcomes import parse_measure_scores
    from planner.core.regions import parse_scored_regions
    from planner.services.booking.scores import record_baseline

    scores = parse_measure_scores(args.scores) if args.scores else None
    store = ctx.store()
    a = record_baseline(store, args.id, parse_scored_regions(args.regions), scores=scores)
    ctx.emit(a, f"baseline of plan {args.id} recorded at its assessment (session {a['id']})")


def cmd_plan_card(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.plan_card import card_json, plan_card

    if args.language:
        from planner.core.patient_input import parse_language

        parse_language(args.language)  # a wrong language is refused before the database opens
    card = plan_card(ctx.store(), args.id, language=args.language)
    try:  # Qt only here: the card is painted by Qt's PDF writer
        from planner.ui.plan_card import parse_paper, write_card_pdf
    except ImportError as exc:
        raise BadInput(
            f"printing the card needs PySide6 ({exc}); "
            "install planner again with 'pip install -e .'"
        ) from None
    path = write_card_pdf(card, Path(args.out), page_size=parse_paper(args.paper))
    ctx.emit(
        card_json(card) | {"file": str(path)},
        f"plan card for plan {args.id} written to {path} ({len(card.sessions)} sessions, one page)",
    )
