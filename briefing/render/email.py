"""Briefings and daily briefs as email: a multipart ``.eml``, its HTML part, or a fragment.

Mail clients are not browsers: no external or ``<style>`` CSS in many of them, no flexbox,
Outlook's Word engine, Gmail clipping past ~102 KB, dark modes that invert colours. So the
HTML is a table layout at most 600 px wide, styled only by our own ``EMAIL_CSS`` inlined into
``style`` attributes by css-inline (which never loads a stylesheet, remote or local). The
plain-text part is rendered from the data by its own template, not derived from the HTML.
Pure: no network, no clock; the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import format_datetime, formataddr, getaddresses
from pathlib import Path
from typing import Any

from ..errors import RenderError, UsageError
from ..schema import Briefing, DailyBrief
from .formats import EMAIL_FORMATS
from .toolkit import Footnotes, render_template

#: Gmail clips messages whose HTML passes about 102 KB; keep clear of it.
MAX_HTML_BYTES = 100_000
DEFAULT_SENDER = "briefing <briefing@localhost>"
_ADDRESS = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+$")
_SUBJECT_CHARS = 150

# Our own stylesheet, the only CSS ever inlined. Colours are mid-tones with text labels, so
# the meaning survives the inversion some dark modes apply; class names stay as hooks.
EMAIL_CSS = """
body{margin:0;padding:0;background-color:#eef1f4}
.outer{background-color:#eef1f4}
.outer-cell{padding:16px 8px}
.container{width:100%;max-width:600px;background-color:#ffffff;border:1px solid #d0d7de}
td{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2328}
.content{padding:24px 24px 8px;font-size:16px;line-height:1.5;word-break:break-word}
h1{margin:0 0 12px;font-size:24px;line-height:1.25;font-weight:700}
h2{margin:22px 0 8px;font-size:18px;line-height:1.3;font-weight:700}
h2.rule{padding-bottom:4px;border-bottom:1px solid #d0d7de}
p{margin:0 0 12px}
ul{margin:0 0 12px;padding:0 0 0 22px}
li{margin:0 0 6px}
.box{padding:10px 14px;background-color:#f6f8fa;border-left:6px solid #6e7781;font-size:15px}
.low{border-left-color:#b42318}
.moderate{border-left-color:#9a6700}
.high{border-left-color:#1a7f37}
.badge{font-weight:700;text-transform:uppercase;font-size:13px}
.meta{color:#57606a;font-size:14px}
.ev{color:#57606a;font-size:13px;font-style:italic}
.note{margin:12px 0;padding:8px 12px;font-size:14px}
.note{background-color:#fff8c5;border:1px solid #d4a72c}
.story{padding:14px 0 4px;border-top:1px solid #d0d7de}
a{color:#0550ae;text-decoration:underline}
.footer{padding:8px 24px 20px;font-size:12px;line-height:1.5;color:#57606a}
.preheader{display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;font-size:1px;line-height:1px}
"""


@dataclass(frozen=True)
class Envelope:
    """Who an ``.eml`` is from and to; display names allowed (``Ann <ann@example.org>``)."""

    sender: str = DEFAULT_SENDER
    to: tuple[str, ...] = ()


def parse_addresses(value: str, origin: str) -> list[str]:
    if any(c in value for c in "\r\n\0"):
        raise UsageError(f"{origin}: an address cannot contain a line break")
    out = []
    for name, addr in getaddresses([value]):
        if not _ADDRESS.match(addr):
            raise UsageError(f"{origin}: {value.strip()!r} is not an email address")
        out.append(formataddr((name, addr)))
    if not out:
        raise UsageError(f"{origin}: no email address given")
    return out


def make_envelope(sender: str | None = None, to: Iterable[str] | None = None,
                  env: Mapping[str, str] | None = None) -> Envelope:
    """From/To from flags, else ``BRIEFING_EMAIL_FROM``/``BRIEFING_EMAIL_TO`` (comma-separated),
    else a local sender and no recipient."""
    env = env or {}
    chosen_from = sender or env.get("BRIEFING_EMAIL_FROM") or DEFAULT_SENDER
    origin = "--from" if sender else "BRIEFING_EMAIL_FROM"
    senders = parse_addresses(chosen_from, origin)
    if len(senders) != 1:
        raise UsageError(f"{origin}: give exactly one sender")
    recipients: list[str] = []
    given = [t for t in (to or ()) if t.strip()]
    for item in given or ([env["BRIEFING_EMAIL_TO"]] if env.get("BRIEFING_EMAIL_TO") else []):
        recipients += parse_addresses(item, "--to" if given else "BRIEFING_EMAIL_TO")
    return Envelope(senders[0], tuple(dict.fromkeys(recipients)))


def _inliner() -> Any:
    import css_inline

    # inline_style_tags=False: only EMAIL_CSS is applied, whatever a user template holds;
    # load_remote_stylesheets=False: a <link> is dropped, never fetched nor read from disk.
    return css_inline.CSSInliner(inline_style_tags=False, keep_style_tags=False,
                                 keep_link_tags=False, load_remote_stylesheets=False,
                                 minify_css=True, extra_css=EMAIL_CSS)


def inline_css(html: str, *, fragment: bool = False) -> str:
    """Inline our stylesheet; drop every ``<style>`` and ``<link>``."""
    inliner = _inliner()
    try:
        html = html.strip()  # css-inline before 0.20.2 lost fragments with leading spaces
        out = inliner.inline_fragment(html, "") if fragment else inliner.inline(html)
    except Exception as exc:  # css_inline.InlineError and friends: a template bug
        raise RenderError(f"CSS inlining failed: {exc}") from None
    return str(out).strip() + "\n"


def _one_line(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _fit(render: Callable[[int], str], levels: int) -> str:
    """The fullest rendering (level 0 first) whose bytes stay under ``MAX_HTML_BYTES``.

    Levels only ever shrink the output, so a binary search finds the first that fits; when
    none does, the smallest is returned.
    """
    low, high = 0, levels - 1
    best = None
    while low <= high:
        mid = (low + high) // 2
        html = render(mid)
        if len(html.encode("utf-8")) <= MAX_HTML_BYTES:
            best, high = html, mid - 1
        else:
            low = mid + 1
    return best if best is not None else render(levels - 1)


# --- A single briefing ---------------------------------------------------------------------

# Shortening steps for one briefing, fullest first: (evidence quotes shown, items per list).
_BRIEFING_LEVELS: tuple[tuple[bool, int | None], ...] = ((True, None), (False, None),
                                                         (False, 8), (False, 3))
_BRIEFING_NOTES = ("", "To fit in an email, the article's supporting quotes are left out; "
                   "the HTML or Markdown briefing has them.",
                   "To fit in an email, quotes are left out and each list shows its first "
                   "8 items; the full briefing has the rest.",
                   "To fit in an email, quotes are left out and each list shows its first "
                   "3 items; the full briefing has the rest.")


def _briefing_html(b: Briefing, templates: Path | None, fragment: bool) -> str:
    def render(level: int) -> str:
        quotes, cap = _BRIEFING_LEVELS[level]
        html = render_template("email.html.j2", {
            "b": b, "fragment": fragment, "show_quotes": quotes, "cap": cap,
            "note": _BRIEFING_NOTES[level], "preheader": _one_line(b.summary, 140)},
            templates)
        return inline_css(html, fragment=fragment)

    return _fit(render, len(_BRIEFING_LEVELS))


def briefing_subject(b: Briefing) -> str:
    return _one_line(f"Briefing: {b.headline} ({b.uncertainty.confidence} confidence)",
                     _SUBJECT_CHARS)


def render_briefing_email(b: Briefing, fmt: str = "email", templates: Path | None = None,
                          envelope: Envelope | None = None) -> str:
    """One briefing as ``email`` (.eml text), ``email-html`` or ``email-fragment``."""
    _check(fmt)
    html = _briefing_html(b, templates, fmt == "email-fragment")
    if fmt != "email":
        return html
    text = render_template("email.txt.j2", {"b": b, "fn": Footnotes()}, templates)
    return build_message(briefing_subject(b), text, html, b.provenance.created_at,
                         envelope or Envelope(), language=b.article.language)


# --- A daily brief -------------------------------------------------------------------------

def _daily_html(d: DailyBrief, templates: Path | None, fragment: bool) -> str:
    n = len(d.stories)
    top = "; ".join(s.title for s in d.stories[:3])
    preheader = _one_line(f"{n} stor{'y' if n == 1 else 'ies'}: {top}", 140)
    # Level k: details for the first n-k stories; past n, the last k-n stories left out.
    # Lower-ranked stories lose their details first, then their place.

    def render(level: int) -> str:
        detailed = max(n - level, 0)
        shown = n - max(level - n, 0)
        html = render_template("daily-email.html.j2", {
            "d": d, "fragment": fragment, "detailed": detailed, "shown": shown,
            "preheader": preheader}, templates)
        return inline_css(html, fragment=fragment)

    return _fit(render, 2 * n) if n else render(0)


def daily_subject(d: DailyBrief) -> str:
    n = len(d.stories)
    top = f": {d.stories[0].title}" if d.stories else ""
    return _one_line(f"Daily brief {d.date}, {n} stor{'y' if n == 1 else 'ies'}{top}",
                     _SUBJECT_CHARS)


def render_daily_email(d: DailyBrief, fmt: str = "email", templates: Path | None = None,
                       envelope: Envelope | None = None) -> str:
    """A daily brief as ``email`` (.eml text), ``email-html`` or ``email-fragment``."""
    _check(fmt)
    html = _daily_html(d, templates, fmt == "email-fragment")
    if fmt != "email":
        return html
    text = render_template("daily-email.txt.j2", {"d": d}, templates)
    return build_message(daily_subject(d), text, html, d.created_at, envelope or Envelope(),
                         language="en")


# --- The message ---------------------------------------------------------------------------

def _check(fmt: str) -> None:
    if fmt not in EMAIL_FORMATS:
        raise UsageError(f"unknown email format {fmt!r}; known: {', '.join(EMAIL_FORMATS)}")


def _date(created_at: str) -> datetime:
    try:
        when = datetime.fromisoformat(created_at)
    except ValueError:
        when = datetime(1970, 1, 1)
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def build_message(subject: str, text: str, html: str, created_at: str, envelope: Envelope,
                  language: str | None = None) -> str:
    """A multipart/alternative message, plain text first (clients show the last part they
    can), as the text of an ``.eml`` file with ``\\n`` line ends."""
    msg = EmailMessage(policy=default_policy)
    msg["From"] = envelope.sender
    if envelope.to:
        msg["To"] = ", ".join(envelope.to)
    msg["Subject"] = subject
    msg["Date"] = format_datetime(_date(created_at))
    # Derived from the content so the same brief gives the same bytes (and a resent copy is
    # recognisably the same message); the domain is the sender's, as RFC 5322 suggests.
    digest = hashlib.sha256("\0".join((subject, text, html, *envelope.to)).encode()).hexdigest()
    domain = envelope.sender.rpartition("@")[2].rstrip(">") or "localhost"
    msg["Message-ID"] = f"<{digest[:32]}.briefing@{domain}>"
    if language:
        msg["Content-Language"] = language
    msg.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # A fixed boundary keeps the bytes deterministic; "=_" cannot occur in quoted-printable.
    msg.set_boundary(f"=_briefing_{digest[32:64]}")
    return msg.as_string()
