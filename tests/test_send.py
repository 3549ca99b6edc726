"""`briefing send` against a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import email
import shutil
import socket
import ssl
import subprocess
from email import policy
from pathlib import Path

import pytest
from conftest import EXAMPLE
from typer.testing import CliRunner

from briefing.cli import app

aiosmtpd = pytest.importorskip("aiosmtpd", reason="aiosmtpd (dev extra) is not installed")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

runner = CliRunner()
USER, PASSWORD = "desk", "s3cret-Pa55"


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos),
                              bytes(envelope.original_content or envelope.content)))
        return "250 OK"


def authenticator(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = (isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode()
          and auth_data.password == PASSWORD.encode())
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(**kwargs) -> tuple[Controller, Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    return controller, inbox


@pytest.fixture
def server():
    controller, inbox = start(authenticator=authenticator, auth_require_tls=False)
    yield f"127.0.0.1:{controller.port}", inbox
    controller.stop()


@pytest.fixture(scope="module")
def eml(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("eml") / "brief.eml"
    result = runner.invoke(app, ["summarize", str(EXAMPLE), "--format", "email",
                                 "--from", "Desk <desk@example.org>",
                                 "--to", "a@example.org", "--to", "b@example.org",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def send(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["send", *args], env=env)


def parts(raw: bytes) -> list[tuple[str, str]]:
    """Each part's type and decoded text; line ends as a mail client shows them (SMTP
    carries CRLF, the .eml file has LF)."""
    msg = email.message_from_bytes(raw, policy=policy.default)
    return [(p.get_content_type(), p.get_content().replace("\r\n", "\n"))
            for p in msg.iter_parts()]


def test_summarize_eml_is_received_intact(server, eml):
    where, inbox = server
    result = send(str(eml), "--smtp", where)
    assert result.exit_code == 0, result.output
    assert "sent" in result.stderr and "a@example.org, b@example.org" in result.stderr
    [(sender, rcpts, raw)] = inbox.messages
    assert sender == "desk@example.org" and rcpts == ["a@example.org", "b@example.org"]
    original = eml.read_bytes()
    assert parts(raw) == parts(original)  # the same text and HTML, parsed back
    got = email.message_from_bytes(raw, policy=policy.default)
    want = email.message_from_bytes(original, policy=policy.default)
    for header in ("From", "To", "Subject", "Date", "Message-ID"):
        assert got[header] == want[header]
    assert [p[0] for p in parts(raw)] == ["text/plain", "text/html"]


def test_login_with_password_from_env_and_never_echoed(server, eml):
    where, inbox = server
    ok = send(str(eml), "--smtp", where, "--user", USER,
              env={"BRIEFING_SMTP_PASSWORD": PASSWORD})
    assert ok.exit_code == 0, ok.output
    assert len(inbox.messages) == 1  # delivered, not just "exit 0"
    bad = send(str(eml), "--smtp", where, "--user", USER,
               env={"BRIEFING_SMTP_PASSWORD": "wrong-" + PASSWORD})
    assert bad.exit_code == 1
    assert "refused the login as desk: 535" in bad.stderr
    assert PASSWORD not in bad.output and "Traceback" not in bad.output
    missing = send(str(eml), "--smtp", where, "--user", USER, env={"BRIEFING_SMTP_PASSWORD": ""})
    assert missing.exit_code == 1 and "set BRIEFING_SMTP_PASSWORD" in missing.stderr
    assert len(inbox.messages) == 1


def test_clear_one_line_errors(tmp_path, eml):
    closed = f"127.0.0.1:{free_port()}"
    cases = [
        (send(str(eml), "--smtp", closed), 1, "cannot connect to 127.0.0.1"),
        (send(str(eml), "--smtp", "no-port"), 2, "expected HOST:PORT"),
        (send(str(eml), "--smtp", "smtp.example.org:587", "--user", USER,
              env={"BRIEFING_SMTP_PASSWORD": PASSWORD}), 2, "add --starttls"),
        (send(str(tmp_path / "missing.eml"), "--smtp", closed), 1, "cannot read"),
    ]
    no_to = tmp_path / "no-to.eml"
    no_to.write_text(eml.read_text(encoding="utf-8").replace("To: a@example.org, "
                                                             "b@example.org\n", ""))
    cases.append((send(str(no_to), "--smtp", closed), 1, "no recipient"))
    for result, code, needle in cases:
        assert result.exit_code == code, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("briefing: error:"), lines
        assert needle in lines[0], lines[0]
        assert PASSWORD not in result.output


def test_starttls_missing_is_refused(server, eml):
    where, inbox = server
    result = send(str(eml), "--smtp", where, "--starttls")
    assert result.exit_code == 1 and "does not offer STARTTLS" in result.stderr
    assert inbox.messages == []


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed (needed to make a test certificate)")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


def test_starttls_verifies_the_certificate(certificate, eml, monkeypatch):
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    controller, inbox = start(tls_context=context, require_starttls=True,
                              authenticator=authenticator)
    where = f"127.0.0.1:{controller.port}"
    try:
        untrusted = send(str(eml), "--smtp", where, "--starttls")
        assert untrusted.exit_code == 1 and "certificate not trusted" in untrusted.stderr
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust our self-signed server
        ok = send(str(eml), "--smtp", where, "--starttls", "--user", USER,
                  env={"BRIEFING_SMTP_PASSWORD": PASSWORD})
        assert ok.exit_code == 0, ok.output
        assert len(inbox.messages) == 1
        assert parts(inbox.messages[0][2]) == parts(eml.read_bytes())
    finally:
        controller.stop()


def test_send_to_replaces_the_message_recipients(server, eml):
    where, inbox = server
    result = send(str(eml), "--smtp", where, "--to", "c@example.org, d@example.org")
    assert result.exit_code == 0, result.output
    assert len(inbox.messages) == 1
    assert inbox.messages[0][1] == ["c@example.org", "d@example.org"]
    assert "c@example.org, d@example.org" in result.stderr
