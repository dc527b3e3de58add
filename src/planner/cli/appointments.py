"""``planner appointment list|move|cancel|attend|no-show``: one session at a time."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from planner.cli.parsing import (
    Commands,
    SubParsers,
    expect_revision_argument,
    expected,
    local_date,
    whole_number,
)
from planner.cli.tables import session_table
from planner.errors import BadInput, InvalidState

if TYPE_CHECKING:
    import argparse

    from planner.cli.context import Context


def add_appointment(commands: Commands, sub: SubParsers) -> None:
    ap = commands.group(sub, "appointment", "sessions")
    sp = commands.command(ap, "list", cmd_appointment_list, "list sessions (default: this week)")
    sp.add_argument("--from", dest="date_from", help="first local date, 2026-09-14")
    sp.add_argument("--to", dest="date_to", help="last local date (inclusive)")
    sp.add_argument("--patient", type=whole_number)
    sp.add_argument("--practitioner", type=whole_number)
    sp.add_argument("--location", type=whole_number)
    sp.add_argument("--plan", type=whole_number)
    sp.add_argument("--active", action="store_true", help="leave out cancelled sessions")
    sp = commands.command(
        ap, "move", cmd_appointment_move, "move a session (and optionally the rest of its plan)"
    )
    sp.add_argument("id", type=whole_number)
    expect_revision_argument(sp)
    sp.add_argument("--to", dest="to", required=True, help="new local start, 2026-09-17T14:00")
    sp.add_argument(
        "--following",
        action="store_true",
        help="move this and the plan's later sessions by the same shift",
    )
    sp.add_argument("--practitioner", type=whole_number)
    sp.add_argument("--room", type=whole_number)
    sp.add_argument(
        "--allow-past",
        action="store_true",
        help="the new start may be in the past: record a session that already took place",
    )
    sp.add_argument(
        "--conflict-policy",
        help="refuse (default), same-day, next-working-day: where a taken session goes",
    )
    sp.add_argument(
        "--extend",
        action="store_true",
        help="a session landing on a holiday or closure goes a week later, and the rest with it",
    )
    sp.add_argument(
        "--preview",
        action="store_true",
        help="show where every session would go and why; move nothing",
    )
    sp = commands.command(ap, "cancel", cmd_appointment_cancel, "cancel a session")
    sp.add_argument("id", type=whole_number)
    expect_revision_argument(sp)
    sp.add_argument(
        "--extend",
        action="store_true",
        help="add a session at the end so the plan keeps its count",
    )
    sp.add_argument(
        "--reason", default="", help="why (patient ill): kept and shown with the session"
    )
    sp = commands.command(ap, "attend", cmd_appointment_attend, "mark a session attended")
    sp.add_argument("id", type=whole_number)
    expect_revision_argument(sp)
    sp.add_argument("--regions", help="treated regions with pain 0-10: neck:6,shoulder-left:4")
    sp.add_argument("--scores", help="whole-body scores 0-10: fatigue:6,sleep:4,function:5")
    sp.add_argument("--notes", default="")
    sp = commands.command(ap, "no-show", cmd_appointment_no_show, "mark a session as a no-show")
    sp.add_argument("id", type=whole_number)
    expect_revision_argument(sp)
    sp.add_argument(
        "--correct",
        action="store_true",
        help="correct a session marked attended by mistake: its regions and scores are cleared "
        "(attend it again to undo)",
    )


def cmd_appointment_list(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.listings import sessions

    first = local_date(args.date_from, "--from date")
    last = local_date(args.date_to, "--to date")
    if first is None and last is None and args.patient is None and args.plan is None:
        today = date.today()
        first = today - timedelta(days=today.weekday())
        last = first + timedelta(days=6)
    if first and last and last < first:
        raise BadInput("--to is before --from")
    found = sessions(
        ctx.store(),
        first,
        last,
        patient_id=args.patient,
        practitioner_id=args.practitioner,
        location_id=args.location,
        plan_id=args.plan,
        include_cancelled=not args.active,
    )
    span = f"{first or '…'} to {last or '…'}"
    ctx.emit(
        found.sessions,
        lambda: (
            f"{len(found.sessions)} session(s), {span}\n"
            + session_table(found.sessions, found.names, revisions=True)
        ),
    )


def cmd_appointment_move(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.booking.edits import move

    if args.preview:
        _preview_move(ctx, args)
        return
    res = move(
        ctx.store(),
        args.id,
        args.to,
        following=args.following,
        practitioner_id=args.practitioner,
        room_id=args.room,
        allow_past=args.allow_past,
        conflict_policy=args.conflict_policy,
        extend=args.extend,
        expect=expected(args),
    )
    ctx.emit(
        {"moved": res.moved},
        lambda: f"moved {len(res.moved)} session(s)\n" + session_table(res.moved),
    )


def _preview_move(ctx: Context, args: argparse.Namespace) -> None:
    """``--preview``: the table of a move (old time, new time, status, why); writes nothing."""
    from planner.services.booking.moves import preview_move

    pv = preview_move(
        ctx.store(),
        args.id,
        args.to,
        following=args.following,
        practitioner_id=args.practitioner,
        room_id=args.room,
        conflict_policy=args.conflict_policy,
        extend=args.extend,
    )

    def text() -> str:
        verdict = "can be moved" if pv.movable else "can NOT be moved as it stands"
        n = len(pv.sessions)
        where = pv.practitioner.name + (f", {pv.room.name}" if pv.room else "")
        head = f"{n} session{'s' if n != 1 else ''} of {pv.patient.name} with {where}: {verdict}"
        if pv.past is not None:  # said first: a move into the past is usually a slip
            allowed = "allowed" if args.allow_past else "move it with --allow-past to record it"
            head = f"{pv.past[0].upper()}{pv.past[1:]}: {allowed}\n{head}"
        warn = "".join(f"\nwarning: {w}" for w in pv.warnings)
        lines = [f"  {'session':<16} {'now':<22} {'new':<22} {'status':<12} why"]
        for m in pv.sessions:
            new = f"{m.new_local:%a %d %b %Y %H:%M}" if m.new_local else "-"
            lines.append(
                f"  {m.label:<16} {m.old_local:%a %d %b %Y %H:%M}  {new:<22} "
                f"{m.state.value:<12} {m.why}"
            )
        return head + warn + "\n" + "\n".join(lines)

    ctx.emit(pv.to_json(), text)


def cmd_appointment_cancel(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.booking.edits import cancel

    res = cancel(
        ctx.store(), args.id, extend=args.extend, reason=args.reason, expect=expected(args)
    )

    def text() -> str:
        t = f"session {args.id} cancelled"
        if res.cancelled[0].get("cancel_reason"):
            t += f" ({res.cancelled[0]['cancel_reason']})"
        if res.added:
            when = res.added["local_start"].replace("T", " ")
            t += f"; added session {res.added['id']} on {when} to keep the plan's count"
        if res.shifted:
            t += f"; {len(res.shifted)} later session(s) moved with it"
        return t

    ctx.emit({"cancelled": res.cancelled, "added": res.added, "shifted": res.shifted}, text)


def cmd_appointment_attend(ctx: Context, args: argparse.Namespace) -> None:
    from planner.core.outcomes import parse_measure_scores
    from planner.core.regions import parse_scored_regions
    from planner.services.booking.scores import attend

    regions = parse_scored_regions(args.regions) if args.regions else []
    scores = parse_measure_scores(args.scores) if args.scores else None
    a = attend(
        ctx.store(), args.id, regions, notes=args.notes, scores=scores, expect=expected(args)
    )
    ctx.emit(a, f"session {a['id']} attended" + (f"; regions {args.regions}" if regions else ""))


def cmd_appointment_no_show(ctx: Context, args: argparse.Namespace) -> None:
    """A booked session that started becomes a no-show. An attended one is corrected only
    with ``--correct`` (its regions and scores are cleared), so a mistyped id never wipes a
    session's scores; ``--correct`` on any other session is refused."""
    from planner.services.booking.scores import correct_to_no_show, no_show
    from planner.services.schedule.patients import session_info

    attended = session_info(ctx.store(), args.id).status == "attended"
    if attended and not args.correct:
        raise InvalidState(
            f"session {args.id} is marked attended; add --correct to correct it to a no-show "
            "(its regions and scores are cleared)"
        )
    if args.correct:
        kept = correct_to_no_show(ctx.store(), args.id, expect=expected(args))
        cleared = [f"{code}:{pain}" if pain is not None else code for code, pain in kept.regions]
        cleared += [f"{m}:{v}" for m, v in kept.scores]
        ctx.emit(
            {
                "id": args.id,
                "status": "no-show",
                "cleared": {
                    "regions": [{"region": c, "pain": p} for c, p in kept.regions],
                    "scores": dict(kept.scores),
                },
            },
            f"session {args.id} corrected to a no-show"
            + (f"; cleared {', '.join(cleared)}" if cleared else ""),
        )
        return
    a = no_show(ctx.store(), args.id, expect=expected(args))
    ctx.emit(a, f"session {a['id']} marked as a no-show")
