"""Sending one message through the clinic's SMTP server (the standard library's ``smtplib``).

:func:`send_message` connects as the settings say (plain, STARTTLS or TLS from the start),
logs in when a user is set, sends, and says what went wrong as a
:class:`~planner.errors.MailFailed` in one line: ``permanent`` when sending the same message
again cannot help (the login, the recipient or the message was refused with a 5xx reply, the
server cannot do the security asked for, its certificate is not trusted), else transient
(the server did not answer, refused the connection, timed out or replied 4xx: try again
later). The password is never put into a message, a log or an error.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from email.message import Message

from planner.db.store import Store
from planner.errors import MailFailed
from planner.services.mail_settings import MailSettings, Security

REPLY_CLIP = 160
"""How much of the server's reply an error quotes."""


def _reply(code: int, text: bytes | str) -> str:
    """``550 5.1.1 <x@y>: user unknown``: the server's reply on one line, clipped."""
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    line = " ".join(f"{code} {words}".split())
    return line if len(line) <= REPLY_CLIP else line[: REPLY_CLIP - 1] + "…"


def _transient(ms: MailSettings, reason: str, **details: object) -> MailFailed:
    return MailFailed(
        f"{reason}; the message stays queued",
        permanent=False,
        reason=reason,
        details={"server": ms.server, **details},
    )


def _permanent(ms: MailSettings, reason: str, **details: object) -> MailFailed:
    return MailFailed(
        reason, permanent=True, reason=reason, details={"server": ms.server, **details}
    )


def _by_code(ms: MailSettings, code: int, text: bytes | str, what: str) -> MailFailed:
    """A refusal by reply code: 5xx is permanent, anything else (4xx) is worth another try."""
    reply = _reply(code, text)
    if 500 <= code <= 599:
        return _permanent(ms, f"the mail server at {ms.server} refused {what}: {reply}", code=code)
    return _transient(
        ms, f"the mail server at {ms.server} turned {what} away for now: {reply}", code=code
    )


def _connect(ms: MailSettings, timeout: float, context: ssl.SSLContext) -> smtplib.SMTP:
    if ms.security is Security.TLS:
        return smtplib.SMTP_SSL(ms.host, ms.port, timeout=timeout, context=context)
    smtp = smtplib.SMTP(ms.host, ms.port, timeout=timeout)
    try:
        smtp.ehlo()
        if ms.security is Security.STARTTLS:
            smtp.starttls(context=context)
            smtp.ehlo()
    except BaseException:
        smtp.close()
        raise
    return smtp


def send_message(
    ms: MailSettings,
    password: str | None,
    msg: Message,
    *,
    timeout: float = 20,
    context: ssl.SSLContext | None = None,
) -> None:
    """Send ``msg`` (its From and To are the envelope) through the server of ``ms``.

    ``msg`` is the :func:`~planner.services.mail_message.build_message` one, or the same read
    back from its stored bytes (``email.message_from_bytes(..., policy=email.policy.default)``).

    Logs in with ``ms.user`` and ``password`` when a user is set. ``context`` is the TLS
    context for STARTTLS and TLS (default: the system's trusted certificates, host name
    checked). Raises :class:`~planner.errors.MailFailed` (see the module docstring); returns
    only when the server accepted the message for every recipient.
    """
    if ms.user and not password:
        raise _permanent(
            ms,
            f"no password for {ms.user} at {ms.server}: save it in the system keyring or set "
            "PLANNER_SMTP_PASSWORD",
        )
    ctx = context or ssl.create_default_context()
    try:
        smtp = _connect(ms, timeout, ctx)
    except smtplib.SMTPNotSupportedError:
        raise _permanent(
            ms,
            f"the mail server at {ms.server} does not offer STARTTLS; "
            "choose security tls (port 465) or none",
        ) from None
    except smtplib.SMTPResponseException as exc:
        raise _by_code(ms, exc.smtp_code, exc.smtp_error, "the connection") from None
    except ssl.SSLCertVerificationError as exc:
        raise _permanent(
            ms,
            f"the mail server at {ms.server} has a certificate this computer does not trust "
            f"({exc.verify_message}); check the host name, or ask who runs the server",
        ) from None
    except ssl.SSLError as exc:
        raise _permanent(
            ms,
            f"no TLS connection to the mail server at {ms.server} ({exc.reason or exc}); "
            "check the security and port: tls is usually port 465, starttls 587",
        ) from None
    except socket.gaierror:
        raise _transient(
            ms, f"the mail server {ms.host} was not found (check the host name and the network)"
        ) from None
    except (TimeoutError, ConnectionError, smtplib.SMTPException, OSError):
        reason = f"the mail server at {ms.server} did not answer"
        if ms.port == 465 and ms.security is not Security.TLS:
            reason += " (port 465 usually wants security tls)"
        raise _transient(ms, reason) from None
    try:
        _login_and_send(smtp, ms, password, msg)
    finally:
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def _login_and_send(
    smtp: smtplib.SMTP, ms: MailSettings, password: str | None, msg: Message
) -> None:
    try:
        if ms.user:
            try:
                smtp.login(ms.user, password or "")
            except smtplib.SMTPAuthenticationError as exc:
                raise _permanent(
                    ms,
                    f"the mail server at {ms.server} refused the login of {ms.user}: "
                    f"{_reply(exc.smtp_code, exc.smtp_error)}; check the user and the password",
                    code=exc.smtp_code,
                ) from None
            except smtplib.SMTPNotSupportedError:
                raise _permanent(
                    ms,
                    f"the mail server at {ms.server} does not take a login here; choose "
                    "security starttls or tls, or leave the user empty",
                ) from None
        refused = smtp.send_message(msg)
    except smtplib.SMTPRecipientsRefused as exc:
        refused = exc.recipients
    except smtplib.SMTPSenderRefused as exc:
        raise _by_code(ms, exc.smtp_code, exc.smtp_error, f"the sender {exc.sender}") from None
    except smtplib.SMTPDataError as exc:
        raise _by_code(ms, exc.smtp_code, exc.smtp_error, "the message") from None
    except smtplib.SMTPResponseException as exc:
        raise _by_code(ms, exc.smtp_code, exc.smtp_error, "the message") from None
    except (TimeoutError, ConnectionError, smtplib.SMTPException, OSError):
        raise _transient(
            ms, f"the mail server at {ms.server} stopped answering while sending"
        ) from None
    if refused:
        address, (code, text) = next(iter(refused.items()))
        raise _by_code(ms, code, text, f"the recipient {address}")


def send_test_message(store: Store, to: str) -> tuple[str, MailSettings]:
    """Send the short test message to ``to`` through the saved settings, now (not through the
    outbox); the address it went to and the settings used. One-line errors: a bad address
    (BadInput), e-mail not set up or no sender (InvalidState), or what the server did
    (:class:`MailFailed`, saying that no test message was sent)."""
    from planner.errors import BadInput, InvalidState
    from planner.services.clinic_checks import check_email
    from planner.services.mail_message import trial_message
    from planner.services.mail_settings import mail_settings, smtp_password

    address = check_email(to, "address for the test message")
    if not address:
        raise BadInput("give the address to send the test message to")
    ms = mail_settings(store)
    if ms is None:
        raise InvalidState("e-mail is not set up: give the mail server first")
    if not ms.from_address:
        raise InvalidState("no sender address: give one, or the clinic's e-mail")
    msg = trial_message(
        sender_name=ms.from_name, sender_address=ms.from_address, to_address=address
    )
    try:
        send_message(ms, smtp_password(ms), msg)
    except MailFailed as exc:  # nothing is queued here: no "the message stays queued"
        raise MailFailed(
            f"{exc.reason}; no test message was sent",
            permanent=exc.permanent,
            reason=exc.reason,
            details=exc.details,
        ) from None
    return address, ms
