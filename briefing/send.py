"""Send a saved ``.eml`` brief through an SMTP server, with one-line errors a user can act on.

The password comes only from ``BRIEFING_SMTP_PASSWORD`` (a flag would land in shell history
and process lists) and never appears in a message, a log line or an exception.
"""

from __future__ import annotations

import ipaddress
import smtplib
import socket
import ssl
from collections.abc import Iterable, Mapping
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses
from pathlib import Path

from .errors import BriefingError, ConfigError, InputError, UsageError
from .render.email import parse_addresses

PASSWORD_ENV = "BRIEFING_SMTP_PASSWORD"


class SendError(BriefingError):
    """The SMTP server could not be reached, refused us, or refused the message."""

    exit_code = 1


def parse_server(value: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:25`` for IPv6) -> (host, port)."""
    host, sep, port = value.strip().rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise UsageError(f"--smtp {value!r}: expected HOST:PORT, e.g. smtp.example.org:587")
    return host, int(port)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_message(path: Path) -> EmailMessage:
    """Read an ``.eml`` file; it must have a From."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    msg = BytesParser(policy=policy.default).parsebytes(data)
    if not isinstance(msg, EmailMessage) or not msg["From"]:
        raise InputError(f"{path}: not an email message (no From header); write one with "
                         "--format email")
    return msg


def message_recipients(msg: EmailMessage) -> list[str]:
    """The envelope recipients: every address in To, Cc and Bcc."""
    fields = [str(v) for k in ("To", "Cc", "Bcc") for v in msg.get_all(k, [])]
    return [addr for _, addr in getaddresses(fields) if addr]


def send_file(path: Path, server: str, *, starttls: bool = False, user: str | None = None,
              env: Mapping[str, str] | None = None, timeout: float = 30.0,
              tls_context: ssl.SSLContext | None = None,
              recipients: Iterable[str] | None = None) -> list[str]:
    """Send the message in ``path``; return the recipients the server accepted.

    ``recipients`` (``--to``), when given, replace the message's To/Cc/Bcc as the envelope's.

    A server that accepts some recipients and refuses others is a ``SendError`` naming the
    refused ones (the message did go to the rest).
    """
    host, port = parse_server(server)
    msg = load_message(path)
    password = None
    if user:
        password = (env or {}).get(PASSWORD_ENV)
        if not password:
            raise ConfigError(f"--user {user} needs a password: set {PASSWORD_ENV}")
        if not starttls and not _is_loopback(host):
            raise UsageError(f"refusing to send a password unencrypted to {host}; add "
                             "--starttls")
    where = f"{host}:{port}"
    given = [t for t in (recipients or ()) if t.strip()]
    to = ([a for t in given for a in parse_addresses(t, "--to")] if given
          else message_recipients(msg))
    if not to:
        raise InputError(f"{path}: the message has no recipient; give --to ADDRESS")
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            smtp.ehlo_or_helo_if_needed()
            if starttls:
                if not smtp.has_extn("starttls"):
                    raise SendError(f"{where} does not offer STARTTLS")
                smtp.starttls(context=tls_context or ssl.create_default_context())
                smtp.ehlo()
            if user and password is not None:
                if not smtp.has_extn("auth"):
                    hint = "" if starttls else " (try --starttls)"
                    raise SendError(f"{where} does not offer login (AUTH){hint}")
                smtp.login(user, password)
            refused = smtp.send_message(msg, to_addrs=to)
    except SendError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError(f"{where} refused the login as {user}: {_reply(exc)}") from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise SendError(f"{where} refused every recipient: {_refused(exc.recipients)}") from None
    except smtplib.SMTPSenderRefused as exc:
        raise SendError(f"{where} refused the sender {exc.sender}: {_reply(exc)}") from None
    except smtplib.SMTPConnectError as exc:
        raise SendError(f"{where} refused the connection: {_reply(exc)}") from None
    except smtplib.SMTPResponseException as exc:
        raise SendError(f"{where} refused the message: {_reply(exc)}") from None
    except smtplib.SMTPServerDisconnected:
        raise SendError(f"{where} closed the connection unexpectedly") from None
    except ssl.SSLCertVerificationError as exc:
        raise SendError(f"TLS with {where}: certificate not trusted: "
                        f"{exc.verify_message or exc.reason}") from None
    except ssl.SSLError as exc:
        raise SendError(f"TLS with {where} failed: {exc.reason or exc}") from None
    except socket.gaierror:
        raise SendError(f"cannot resolve the SMTP host {host!r}") from None
    except TimeoutError:
        raise SendError(f"{where} did not answer within {timeout:g} s") from None
    except OSError as exc:
        raise SendError(f"cannot connect to {where}: {exc.strerror or exc}") from None
    except smtplib.SMTPException as exc:
        raise SendError(f"SMTP with {where} failed: {exc}") from None
    if refused:
        accepted = [a for a in to if a not in refused]
        raise SendError(f"sent to {', '.join(accepted)}, but {where} refused "
                        f"{_refused(refused)}")
    return to


def _reply(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) \
        else str(exc.smtp_error)
    return f"{exc.smtp_code} {' '.join(text.split())}"


def _refused(refused: Mapping[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{addr} ({code} {' '.join(msg.decode('utf-8', 'replace').split())})"
                     for addr, (code, msg) in refused.items())
