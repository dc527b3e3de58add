"""A real SMTP server on loopback for the tests: aiosmtpd's Controller in a thread.

``SmtpServer()`` listens on 127.0.0.1 on a free port; ``start()`` and ``stop()`` it (a
stopped server refuses connections, as a mail server that is down does). What it received
is in :attr:`SmtpServer.messages`, parsed back with ``email.policy.default``; the envelope of
each is in :attr:`SmtpServer.envelopes`. ``refuse(address)`` makes it answer 550 to that
recipient (``refuse(address, 451)`` a temporary 4xx). With ``user`` and ``password`` it
takes AUTH PLAIN/LOGIN and answers 535 to a wrong password; with ``tls`` "starttls" or
"tls" it speaks TLS with a throwaway self-signed certificate (:func:`self_signed`, which
needs the ``cryptography`` package, a dependency of ``keyring`` on Linux).
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import ipaddress
import socket
import ssl
import threading
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (bound and let go)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass(frozen=True)
class Envelope:
    """What a message was sent as: the SMTP MAIL FROM and RCPT TO addresses."""

    mail_from: str
    rcpt_tos: tuple[str, ...]


class _Handler:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_RCPT(
        self, srv: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        code = self.server.refused.get(address.lower())
        if code is not None:
            kind = "mailbox unavailable" if code >= 500 else "try again later"
            return f"{code} {'5.1.1' if code >= 500 else '4.2.1'} <{address}>: {kind}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, srv: Any, session: Any, envelope: Any) -> str:
        raw = bytes(envelope.original_content or envelope.content)
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        with self.server.lock:
            self.server.raw.append(raw)
            self.server.messages.append(msg)
            self.server.envelopes.append(Envelope(envelope.mail_from, tuple(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


class SmtpServer:
    """An SMTP server on 127.0.0.1 (see the module docstring)."""

    host = "127.0.0.1"

    def __init__(
        self,
        *,
        user: str | None = None,
        password: str | None = None,
        tls: str = "none",
        cert_dir: Path | None = None,
    ) -> None:
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        self.raw: list[bytes] = []
        self.envelopes: list[Envelope] = []
        self.refused: dict[str, int] = {}
        self.logins: list[str] = []
        self.lock = threading.Lock()
        self.user, self.password = user, password
        self.tls = tls
        self.cafile: Path | None = None
        kwargs: dict[str, Any] = {}
        if tls != "none":
            if cert_dir is None:
                raise ValueError("a TLS server needs a folder for its certificate")
            cert, key = self_signed(cert_dir)
            self.cafile = cert
            server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            server_ctx.load_cert_chain(cert, key)
            if tls == "tls":
                kwargs["ssl_context"] = server_ctx
            elif tls == "starttls":
                kwargs["tls_context"] = server_ctx
                kwargs["require_starttls"] = True
            else:
                raise ValueError(f"tls is none, starttls or tls, not {tls!r}")
        if user is not None:
            kwargs["authenticator"] = self._authenticate
            # aiosmtpd knows only a STARTTLS connection as TLS; a TLS-from-the-start one is too.
            kwargs["auth_require_tls"] = tls == "starttls"
        self._kwargs = kwargs
        self.controller = Controller(_Handler(self), hostname=self.host, port=self.port, **kwargs)
        self.running = False

    def _authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            login = auth_data.login.decode()
            good = login == self.user and auth_data.password.decode() == self.password
            if good:
                self.logins.append(login)
            return AuthResult(success=good, handled=False)
        return AuthResult(success=False, handled=False)

    def client_context(self) -> ssl.SSLContext:
        """A client TLS context that trusts this server's certificate (and only it)."""
        assert self.cafile is not None, "not a TLS server"
        return ssl.create_default_context(cafile=str(self.cafile))

    def refuse(self, address: str, code: int = 550) -> None:
        """Answer ``code`` (550: mailbox unavailable) to RCPT TO this address from now on."""
        self.refused[address.lower()] = code

    def start(self) -> SmtpServer:
        """Start it (again, after :meth:`stop`: on the same port, as a server coming back)."""
        if getattr(self, "_stopped_once", False):
            # an aiosmtpd Controller cannot be started twice: a new one, same handler and port
            old = self.controller
            self.controller = Controller(
                old.handler, hostname=self.host, port=self.port, **getattr(self, "_kwargs", {})
            )
        self.controller.start()
        self.running = True
        return self

    def stop(self) -> None:
        if self.running:
            self.controller.stop()
            self.running = False
            self._stopped_once = True

    def __enter__(self) -> SmtpServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate for ``localhost`` and 127.0.0.1 and its key, as PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path
