"""``planner outbox``: the e-mails and calendar updates on their way, and sending them.

``list`` shows what waits out its grace period, what is queued or being retried (and why),
what was sent and what failed; ``send`` builds and sends what is due (``--now``: everything,
without waiting for the grace period or the back-off); ``retry`` puts failed messages back in
the queue; ``resend`` queues a copy of a message that was sent or failed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.cli.parsing import Commands, SubParsers, whole_number

if TYPE_CHECKING:
    import argparse

    from planner.cli.context import Context


def add_outbox(commands: Commands, sub: SubParsers) -> None:
    g = commands.group(sub, "outbox", "e-mail invitations and calendar updates on their way")
    sp = commands.command(g, "list", cmd_list, "what is waiting, queued, sent or failed")
    sp.add_argument(
        "--open", action="store_true", help="only what is not sent yet (waiting, queued, failed)"
    )
    sp.add_argument("--limit", type=whole_number, default=100, help="at most this many (100)")
    sp = commands.command(g, "send", cmd_send, "build and send what is due")
    sp.add_argument(
        "--now",
        action="store_true",
        help="send everything queued now, without waiting for the grace period or the retry",
    )
    sp = commands.command(g, "retry", cmd_retry, "put failed messages back in the queue")
    sp.add_argument("ids", nargs="*", type=whole_number, metavar="ID", help="(default: all)")
    sp = commands.command(g, "resend", cmd_resend, "queue a copy of a sent or failed message")
    sp.add_argument("id", type=whole_number, metavar="ID")


def cmd_list(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.history_text import when_text
    from planner.services.outbox import list_outbox

    rows = list_outbox(ctx.store(), include_done=not args.open, limit=args.limit)

    def text() -> str:
        if not rows:
            return "the outbox is empty" if not args.open else "nothing waiting to be sent"
        lines = []
        for r in rows:
            when = when_text(r.sent or r.due)
            to = f" <{r.to_address}>" if r.to_address else ""
            lines.append(f"{r.id:>5}  {when}  {r.who}{to}  {r.what}  [{r.state_text}]")
        return "\n".join(lines)

    ctx.emit({"outbox": [r.to_json() for r in rows]}, text)


def cmd_send(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.outbox import run_due

    report = run_due(ctx.store(), force=args.now)
    for e in report.errors:
        ctx.warn(e)
    ctx.emit(report.to_json(), report.text)


def cmd_retry(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.outbox import retry

    n = retry(ctx.store(), list(args.ids) or None)
    ctx.emit(
        {"requeued": n},
        lambda: f"{n} message(s) back in the queue; 'planner outbox send' sends them",
    )


def cmd_resend(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.outbox import resend

    new_id = resend(ctx.store(), args.id)
    ctx.emit(
        {"queued": new_id},
        lambda: f"queued a copy as {new_id}; 'planner outbox send' sends it",
    )
