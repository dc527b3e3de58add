"""``planner mail set|show|test|clear`` end to end against a real SMTP server on loopback, and
``planner patient edit --email-consent``."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from planner.services.mail_settings import KEYRING_SERVICE, PASSWORD_ENV
from tests.services.test_mail import MemoryKeyring
from tests.smtp_server import SmtpServer

from ..conftest import Cli


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    c = Cli(tmp_path / "cli.db", capsys)
    c.ok("init")
    c.ok("clinic", "set", "--name", "Nordlys Klinikk", "--email", "post@nordlys.example")
    return c


@pytest.fixture
def ring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    r = MemoryKeyring()
    keyring.set_keyring(r)
    yield r
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(before)


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("planner: "), err
    return err.removeprefix("planner: ").rstrip("\n")


def test_set_show_and_test_through_the_loopback_server(
    cli: Cli, smtp_server: SmtpServer, no_keyring: None
) -> None:
    assert cli.ok("mail", "show") == (
        "e-mail is not set up: planner mail set --host ... --security starttls\n"
    )
    assert cli.json("mail", "show") == (0, {"configured": False})
    code, data = cli.json(
        "mail", "set", "--host", smtp_server.host, "--port", str(smtp_server.port),
        "--security", "none", "--grace-minutes", "5",
    )  # fmt: skip
    assert code == 0
    assert data == {
        "configured": True,
        "host": "127.0.0.1",
        "port": smtp_server.port,
        "security": "none",
        "user": "",
        "from_address": "post@nordlys.example",
        "from_name": "Nordlys Klinikk",
        "grace_seconds": 300,
        "password": "not needed",
    }
    assert cli.ok("mail", "show") == (
        f"e-mail through 127.0.0.1:{smtp_server.port} (none)\n"
        "  login   none (sent without one)\n"
        "  sender  Nordlys Klinikk <post@nordlys.example>\n"
        "  grace   5 minutes before a queued message is sent\n"
    )
    code, out, err = cli("mail", "test", "--to", "kari@example.no")
    assert (code, err) == (0, "")
    assert out == f"sent a test message to kari@example.no through 127.0.0.1:{smtp_server.port}\n"
    (msg,) = smtp_server.messages
    assert msg["To"].addresses[0].addr_spec == "kari@example.no"
    assert str(msg["From"]) == "Nordlys Klinikk <post@nordlys.example>"
    assert msg["Subject"] == "Test message from Nordlys Klinikk"
    assert cli.json("mail", "test", "--to", "ola@example.no") == (
        0,
        {"sent": True, "to": "ola@example.no", "server": f"127.0.0.1:{smtp_server.port}"},
    )


def test_test_says_why_in_one_line_when_refused_or_unreachable(
    cli: Cli, smtp_server: SmtpServer
) -> None:
    code, _out, err = cli("mail", "test", "--to", "kari@example.no")
    assert code == 3
    assert one_line(err) == "e-mail is not set up: planner mail set --host ... --security ..."
    cli.ok(
        "mail", "set", "--host", smtp_server.host, "--port", str(smtp_server.port),
        "--security", "none", "--from", "timer@nordlys.example",
    )  # fmt: skip
    smtp_server.refuse("gone@example.no")
    code, _out, err = cli("mail", "test", "--to", "gone@example.no")
    assert code == 3
    assert one_line(err) == (
        f"the mail server at 127.0.0.1:{smtp_server.port} refused the recipient "
        "gone@example.no: 550 5.1.1 <gone@example.no>: mailbox unavailable; "
        "no test message was sent"
    )
    code, data = cli.json("mail", "test", "--to", "gone@example.no")
    assert code == 3 and data["error"] == "MailFailed" and data["permanent"] is True
    code, _out, err = cli("mail", "test", "--to", "not an address")
    assert code == 2 and "does not look like an e-mail address" in one_line(err)
    smtp_server.stop()
    code, _out, err = cli("mail", "test", "--to", "kari@example.no")
    assert code == 3
    assert one_line(err) == (
        f"the mail server at 127.0.0.1:{smtp_server.port} did not answer; no test message was sent"
    )
    assert smtp_server.messages == []


def test_bad_settings_exit_2_and_change_nothing(cli: Cli) -> None:
    cli.ok("mail", "set", "--host", "smtp.nordlys.example", "--security", "starttls")
    before = cli.json("mail", "show")
    for args, says in (
        (["--port", "0"], "0 is not a port"),
        (["--security", "ssl"], "'ssl' is not a mail security"),
        (["--from", "nobody"], "does not look like an e-mail address"),
        (["--grace-minutes", "2000"], "give 0 to 1440 minutes"),
    ):
        base = {"--host": "mail.example", "--security": "tls"}
        given = dict(zip(args[::2], args[1::2], strict=True))
        argv = [x for kv in (base | given).items() for x in kv]
        code, _out, err = cli("mail", "set", *argv)
        assert code == 2, args
        assert says in one_line(err)
        assert cli.json("mail", "show") == before
    assert before[1]["port"] == 587, "starttls's usual port"


def test_the_password_from_stdin_goes_to_the_keyring_and_show_says_where_it_comes_from(
    cli: Cli, ring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pytest.importorskip("cryptography", reason="a throwaway certificate needs cryptography")
    with SmtpServer(user="desk", password="Fjord-9", tls="starttls", cert_dir=tmp_path) as srv:
        # The system's trust store, plus this server's certificate: as an admin would do it.
        monkeypatch.setenv("SSL_CERT_FILE", str(srv.cafile))
        monkeypatch.setattr("sys.stdin", io.StringIO("Fjord-9\n"))
        code, data = cli.json(
            "mail", "set", "--host", "localhost", "--port", str(srv.port),
            "--security", "starttls", "--user", "desk", "--password-stdin",
        )  # fmt: skip
        assert code == 0 and data["password"] == "keyring"
        assert ring.saved == {(KEYRING_SERVICE, "desk@localhost"): "Fjord-9"}
        shown = cli.ok("mail", "show")
        assert "  login   desk (password from the system keyring)\n" in shown
        assert "Fjord-9" not in shown
        assert cli.ok("mail", "test", "--to", "kari@example.no").startswith("sent a test")
        assert srv.logins == ["desk"]
        monkeypatch.setenv(PASSWORD_ENV, "wrong")
        assert "(password from PLANNER_SMTP_PASSWORD)" in cli.ok("mail", "show")
        code, _out, err = cli("mail", "test", "--to", "kari@example.no")
        assert code == 3 and "refused the login of desk: 535" in one_line(err)
        assert "wrong" not in err
    monkeypatch.delenv(PASSWORD_ENV)
    ring.saved.clear()
    assert "password none found: set PLANNER_SMTP_PASSWORD" in cli.ok("mail", "show")
    code, _out, err = cli("mail", "test", "--to", "kari@example.no")
    assert code == 3 and one_line(err).startswith("no password for desk at localhost:")


def test_without_a_keyring_the_password_is_refused_and_nothing_changes(
    cli: Cli, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    code, _out, err = cli(
        "mail", "set", "--host", "smtp.example", "--security", "tls", "--user", "desk",
        "--password-stdin",
    )  # fmt: skip
    assert code == 3
    assert one_line(err) == f"no system keyring here; set {PASSWORD_ENV} instead"
    assert cli.json("mail", "show") == (0, {"configured": False})
    code, _out, err = cli("mail", "set", "--host", "smtp.example", "--security", "tls",
                          "--password-stdin")  # fmt: skip
    assert code == 2 and "--password-stdin needs --user" in one_line(err)


def test_clear_forgets_the_settings(cli: Cli) -> None:
    cli.ok("mail", "set", "--host", "smtp.example", "--security", "none")
    assert cli.ok("mail", "clear").startswith("the mail settings are cleared")
    assert cli.json("mail", "show") == (0, {"configured": False})


def test_patient_email_consent(cli: Cli) -> None:
    cli.ok("patient", "add", "--name", "Kari Nordmann", "--phone", "+47 900 00 001")
    code, _out, err = cli("patient", "edit", "1", "--email-consent", "yes")
    assert code == 2
    assert one_line(err) == (
        "Kari Nordmann has no e-mail address; add one before they agree to e-mail"
    )
    assert cli.json("patient", "show", "1")[1]["email_consent"] is False
    code, data = cli.json(
        "patient", "edit", "1", "--email", "kari@example.no", "--email-consent", "yes"
    )
    assert code == 0 and (data["email"], data["email_consent"]) == ("kari@example.no", True)
    assert cli.json("patient", "show", "1")[1]["email_consent"] is True
    assert "  appointments by e-mail: agreed\n" in cli.ok("patient", "show", "1")
    assert cli.ok("patient", "edit", "1", "--email-consent", "no") == (
        "patient 1: Kari Nordmann changed\n"
    )
    assert "  appointments by e-mail: not agreed\n" in cli.ok("patient", "show", "1")
    cli.ok("patient", "edit", "1", "--email-consent", "yes")
    # A consent is for an address: clearing the address withdraws it.
    cli.ok("patient", "edit", "1", "--email", "")
    shown = cli.json("patient", "show", "1")[1]
    assert (shown["email"], shown["email_consent"]) == ("", False)
    assert "appointments by e-mail" not in cli.ok("patient", "show", "1")
    with pytest.raises(SystemExit) as exited:  # argparse's own usage error
        cli("patient", "edit", "1", "--email-consent", "maybe")
    assert exited.value.code == 2
