"""How the clinic sends e-mail: the SMTP server, its security, the login and the sender.

The settings are rows of the ``clinic_settings`` table (:data:`MAIL_KEYS`), written in one
transaction by :func:`save_mail_settings` and read by :func:`read_mail_settings` inside the
caller's session (the outbox reads them in the same session as what it sends). No host
means e-mail is not set up.

The password is never in the database or in a settings file: :func:`smtp_password` takes it
from the ``PLANNER_SMTP_PASSWORD`` environment variable, else from the system keyring through
the ``keyring`` library (service :data:`KEYRING_SERVICE`, user ``user@host``), where
:func:`store_smtp_password` puts it.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy.orm import Session

from planner.db.models import ClinicSetting
from planner.db.store import Store
from planner.errors import BadInput, Refused
from planner.services.clinic_checks import check_email, clean_text
from planner.services.clinic_settings import read_settings

PASSWORD_ENV = "PLANNER_SMTP_PASSWORD"
"""The environment variable that holds the SMTP password (it wins over the keyring)."""
KEYRING_SERVICE = "planner-smtp"
"""The keyring's service name for the SMTP password; the user name is ``user@host``."""
DEFAULT_GRACE_SECONDS = 180
"""How long a queued message waits before it is sent, so that a quick undo sends nothing."""
MAX_GRACE_SECONDS = 24 * 3600


class Security(enum.StrEnum):
    """How the connection to the mail server is protected."""

    NONE = "none"
    """Plain SMTP (a server on this computer or the clinic's own network)."""
    STARTTLS = "starttls"
    """SMTP that switches to TLS before logging in (usually port 587)."""
    TLS = "tls"
    """TLS from the first byte, "SMTPS" (usually port 465)."""


DEFAULT_PORTS = {Security.NONE: 25, Security.STARTTLS: 587, Security.TLS: 465}

MAIL_KEYS = {
    "mail_host": "the SMTP server's host name",
    "mail_port": "the SMTP server's port",
    "mail_security": "none, starttls or tls",
    "mail_user": "the SMTP login (none: no login)",
    "mail_from": "the sender address (default: the clinic's e-mail)",
    "mail_grace_seconds": "how long a queued message waits before it is sent",
}
"""The ``clinic_settings`` keys of the mail settings (kept apart from the clinic's details)."""


@dataclass(frozen=True)
class MailSettings:
    """The SMTP server and the sender, as the outbox and ``planner mail`` use them."""

    host: str
    port: int
    security: Security
    user: str
    """The login; "" for a server that takes mail without one."""
    from_address: str
    """The ``mail_from`` setting, else the clinic's e-mail ("" when neither is set)."""
    from_name: str
    """The clinic's name ("" when it has none)."""
    grace_seconds: int

    @property
    def server(self) -> str:
        """``smtp.example.com:587``: the server as a message names it."""
        return f"{self.host}:{self.port}"

    @property
    def keyring_user(self) -> str:
        """The keyring's user name of the password: ``user@host``."""
        return f"{self.user}@{self.host}"

    def to_json(self) -> dict[str, Any]:
        return {
            "host": self.host,
            "port": self.port,
            "security": self.security.value,
            "user": self.user,
            "from_address": self.from_address,
            "from_name": self.from_name,
            "grace_seconds": self.grace_seconds,
        }


# -- the settings ------------------------------------------------------------------------------


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text else default
    except ValueError:
        return default


def read_mail_settings(s: Session) -> MailSettings | None:
    """The mail settings in the session's database; None when no host is set (not set up)."""
    settings = read_settings(s)
    host = settings.get("mail_host", "")
    if not host:
        return None
    try:
        security = Security(settings.get("mail_security", ""))
    except ValueError:
        security = Security.STARTTLS
    return MailSettings(
        host=host,
        port=_int(settings.get("mail_port"), DEFAULT_PORTS[security]),
        security=security,
        user=settings.get("mail_user", ""),
        from_address=settings.get("mail_from") or settings.get("clinic_email", ""),
        from_name=settings.get("clinic_name", ""),
        grace_seconds=_int(settings.get("mail_grace_seconds"), DEFAULT_GRACE_SECONDS),
    )


def mail_settings(store: Store) -> MailSettings | None:
    """:func:`read_mail_settings` in a read of its own."""
    with store.read() as s:
        return read_mail_settings(s)


def parse_security(value: str | Security) -> Security:
    """``starttls`` -> :attr:`Security.STARTTLS`; BadInput naming the three otherwise."""
    try:
        return Security(str(value).strip().lower())
    except ValueError:
        raise BadInput(
            f"'{value}' is not a mail security; use none, starttls (port 587) or tls (port 465)"
        ) from None


def _check_host(host: str) -> str:
    host = host.strip()
    if not host:
        raise BadInput("the mail server's host name is empty; give one, e.g. smtp.example.com")
    if len(host) > 253 or any(ch.isspace() or ch in "/@:" for ch in host):
        raise BadInput(
            f"'{host}' is not a host name; give the server's name, e.g. smtp.example.com"
        )
    return host


def save_mail_settings(
    store: Store,
    *,
    host: str,
    port: int | None,
    security: str | Security,
    user: str,
    from_address: str | None,
    grace_seconds: int | None = None,
) -> MailSettings:
    """Check and save the mail settings in one transaction; the settings as they are now.

    ``port`` None is the usual port of ``security`` (25, 587, 465). ``user`` "" means no
    login. ``from_address`` None sends as the clinic's e-mail (``planner clinic set
    --email``), which then must be set. ``grace_seconds`` None keeps the grace period as it
    is (3 minutes at first). Every value is checked first: one bad value changes nothing.
    """
    host = _check_host(host)
    sec = parse_security(security)
    if port is None:
        port = DEFAULT_PORTS[sec]
    if not 1 <= port <= 65535:
        raise BadInput(f"{port} is not a port; a port is 1 to 65535 (587 for starttls)")
    user = clean_text(user, "mail user", 200)
    sender = check_email(from_address, "sender address") if from_address is not None else None
    if grace_seconds is not None and not 0 <= grace_seconds <= MAX_GRACE_SECONDS:
        raise BadInput(
            f"a grace period of {grace_seconds // 60} minutes is not possible; "
            "give 0 to 1440 minutes"
        )
    values: dict[str, str | None] = {
        "mail_host": host,
        "mail_port": str(port),
        "mail_security": sec.value,
        "mail_user": user,
        "mail_from": sender or "",
    }
    if grace_seconds is not None:
        values["mail_grace_seconds"] = str(grace_seconds)
    with store.write("mail settings") as s:
        if not sender and not read_settings(s).get("clinic_email"):
            raise BadInput(
                "no sender address: give --from ADDRESS, or set the clinic's e-mail first "
                "(planner clinic set --email ...)"
            )
        for key, value in values.items():
            _put(s, key, value or "")
        s.flush()
        saved = read_mail_settings(s)
    assert saved is not None  # the host was just written
    return saved


def clear_mail_settings(store: Store) -> None:
    """Forget the mail settings (e-mail is then not set up); the keyring's password stays."""
    with store.write("clear mail settings") as s:
        for key in MAIL_KEYS:
            _put(s, key, "")


def _put(s: Session, key: str, value: str) -> None:
    row = s.get(ClinicSetting, key)
    if not value:
        if row is not None:
            s.delete(row)
    elif row is None:
        s.add(ClinicSetting(key=key, value=value))
    elif row.value != value:
        row.value = value


# -- the password ------------------------------------------------------------------------------

PasswordSource = Literal["environment", "keyring", "none"]


def smtp_password(ms: MailSettings) -> str | None:
    """The SMTP password: ``$PLANNER_SMTP_PASSWORD``, else the system keyring's; None when
    neither has one, when there is no login (no user), or when there is no usable keyring."""
    return _password(ms)[0]


def password_source(ms: MailSettings) -> PasswordSource:
    """Where :func:`smtp_password` finds the password (``planner mail show`` says it)."""
    return _password(ms)[1]


def _password(ms: MailSettings) -> tuple[str | None, PasswordSource]:
    if not ms.user:
        return None, "none"
    env = os.environ.get(PASSWORD_ENV)
    if env:
        return env, "environment"
    import keyring
    from keyring.errors import KeyringError

    try:
        found = keyring.get_password(KEYRING_SERVICE, ms.keyring_user)
    except KeyringError:  # no backend (NoKeyringError), a locked or broken one: no password
        return None, "none"
    return (found, "keyring") if found else (None, "none")


def keyring_available() -> bool:
    """Whether this computer has a system keyring that ``keyring`` can use."""
    import keyring
    from keyring.backends import fail

    return not isinstance(keyring.get_keyring(), fail.Keyring)


_NO_KEYRING = f"no system keyring here; set {PASSWORD_ENV} instead"


def store_smtp_password(ms: MailSettings, password: str) -> None:
    """Save the password of ``ms``'s login in the system keyring.

    BadInput for an empty password or settings without a user; Refused when this computer has
    no usable keyring (then :data:`PASSWORD_ENV` is the way)."""
    if not ms.user:
        raise BadInput("the mail settings have no user; set one first (planner mail set --user)")
    if not password:
        raise BadInput("the password is empty; nothing was saved")
    import keyring
    from keyring.errors import KeyringError

    if not keyring_available():
        raise Refused(_NO_KEYRING)
    try:
        keyring.set_password(KEYRING_SERVICE, ms.keyring_user, password)
    except KeyringError as exc:
        # The backend's own words say why (locked, refused); they never contain the password.
        raise Refused(
            f"the system keyring did not take the password ({exc}); {_NO_KEYRING}"
        ) from None
