"""``planner mail set|show|test|clear``: how the clinic sends e-mail invitations.

The password is never an argument (it would stay in the shell's history and show in the
process list): it comes from ``PLANNER_SMTP_PASSWORD``, or from the system keyring, where
``planner mail set --password-stdin`` puts it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from planner.cli.parsing import Commands, SubParsers, whole_number

if TYPE_CHECKING:
    import argparse

    from planner.cli.context import Context
    from planner.services.mail_settings import MailSettings


def add_mail(commands: Commands, sub: SubParsers) -> None:
    ml = commands.group(sub, "mail", "e-mail invitations: the SMTP server and the sender")
    sp = commands.command(
        ml,
        "set",
        cmd_mail_set,
        "set the SMTP server, its security, the login and the sender (all at once)",
    )
    sp.add_argument("--host", required=True, help="the SMTP server, e.g. smtp.example.com")
    sp.add_argument(
        "--port", type=whole_number, help="its port (default: 25, 587 for starttls, 465 for tls)"
    )
    sp.add_argument(
        "--security",
        required=True,
        help="none (plain), starttls (usually port 587) or tls (usually port 465)",
    )
    sp.add_argument("--user", default="", help="the login (default: none, send without one)")
    sp.add_argument(
        "--from",
        dest="from_address",
        metavar="ADDRESS",
        help="the sender address (default: the clinic's e-mail, planner clinic set --email)",
    )
    sp.add_argument(
        "--grace-minutes",
        type=whole_number,
        metavar="N",
        help="how long a queued message waits before it is sent, so that a quick undo sends "
        "nothing (default 3; 0 to 1440)",
    )
    sp.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the login's password from the first line of standard input and save it in "
        "the system keyring (never in the database)",
    )
    commands.command(
        ml, "show", cmd_mail_show, "show the mail settings and where the password comes from"
    )
    sp = commands.command(ml, "test", cmd_mail_test, "send a short test message now")
    sp.add_argument("--to", required=True, metavar="ADDRESS", help="whom to send it to")
    commands.command(
        ml, "clear", cmd_mail_clear, "forget the mail settings (no e-mail is sent afterwards)"
    )


_SOURCE_WORDS = {
    "environment": "from PLANNER_SMTP_PASSWORD",
    "keyring": "from the system keyring",
    "none": "none found: set PLANNER_SMTP_PASSWORD, or save it with "
    "planner mail set ... --password-stdin",
}


def _where_password(ms: MailSettings) -> str:
    from planner.services.mail_settings import password_source

    return password_source(ms) if ms.user else "not needed"


def _settings_json(ms: MailSettings) -> dict[str, Any]:
    return {"configured": True, **ms.to_json(), "password": _where_password(ms)}


def _settings_text(ms: MailSettings) -> str:
    where = _where_password(ms)
    login = f"{ms.user} (password {_SOURCE_WORDS[where]})" if ms.user else "none (sent without one)"
    sender = f"{ms.from_name} <{ms.from_address}>" if ms.from_name else ms.from_address
    minutes = ms.grace_seconds / 60
    grace = f"{minutes:g} minute{'' if minutes == 1 else 's'}"
    return "\n".join(
        [
            f"e-mail through {ms.server} ({ms.security.value})",
            f"  login   {login}",
            f"  sender  {sender or '-'}",
            f"  grace   {grace} before a queued message is sent",
        ]
    )


def _read_password() -> str:
    from planner.errors import BadInput

    line = sys.stdin.readline()
    password = line.rstrip("\r\n")
    if not password:
        raise BadInput("no password on standard input; nothing was changed")
    return password


def cmd_mail_set(ctx: Context, args: argparse.Namespace) -> None:
    from planner.errors import BadInput, Refused
    from planner.services.mail_settings import (
        PASSWORD_ENV,
        keyring_available,
        save_mail_settings,
        store_smtp_password,
    )

    password = None
    if args.password_stdin:
        if not args.user:
            raise BadInput("--password-stdin needs --user: the password is the login's")
        if not keyring_available():
            raise Refused(f"no system keyring here; set {PASSWORD_ENV} instead")
        password = _read_password()
    grace = None if args.grace_minutes is None else args.grace_minutes * 60
    ms = save_mail_settings(
        ctx.store(),
        host=args.host,
        port=args.port,
        security=args.security,
        user=args.user,
        from_address=args.from_address,
        grace_seconds=grace,
    )
    if password is not None:
        store_smtp_password(ms, password)
    ctx.emit(_settings_json(ms), lambda: _settings_text(ms))


def cmd_mail_show(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.mail_settings import mail_settings

    ms = mail_settings(ctx.store())
    if ms is None:
        ctx.emit(
            {"configured": False},
            "e-mail is not set up: planner mail set --host ... --security starttls",
        )
        return
    ctx.emit(_settings_json(ms), lambda: _settings_text(ms))


def cmd_mail_test(ctx: Context, args: argparse.Namespace) -> None:
    from planner.errors import BadInput, InvalidState
    from planner.services.smtp import send_test_message

    if not args.to.strip():
        raise BadInput("give the address to send the test message to: --to ADDRESS")
    try:
        to, ms = send_test_message(ctx.store(), args.to)
    except InvalidState as exc:
        hint = (
            "planner mail set --host ... --security ..."
            if "not set up" in exc.message
            else "planner mail set ... --from ADDRESS, or planner clinic set --email"
        )
        raise InvalidState(f"{exc.message.partition(':')[0]}: {hint}") from None
    ctx.emit(
        {"sent": True, "to": to, "server": ms.server},
        f"sent a test message to {to} through {ms.server}",
    )


def cmd_mail_clear(ctx: Context, args: argparse.Namespace) -> None:
    from planner.services.mail_settings import clear_mail_settings

    clear_mail_settings(ctx.store())
    ctx.emit(
        {"configured": False},
        "the mail settings are cleared; no e-mail is sent until planner mail set",
    )
