"""The one table of output formats: names, file extensions, templates, email or not."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import UsageError


@dataclass(frozen=True)
class Format:
    name: str
    extension: str  # of a written file, without the dot
    briefing_template: str | None = None  # None: not a template format (json, email)
    daily_template: str | None = None
    email: bool = False  # built by render.email
    help: str = ""


_TABLE = (
    Format("md", "md", "briefing.md.j2", "daily.md.j2", help="Markdown"),
    Format("html", "html", "briefing.html.j2", "daily.html.j2", help="a web page"),
    Format("json", "json", help="the data, for `briefing render` and other tools"),
    Format("email", "eml", email=True, help="a multipart email message (.eml)"),
    Format("email-html", "html", email=True, help="the email's HTML, CSS inlined"),
    Format("email-fragment", "html", email=True, help="the email's HTML body, to embed"),
)
FORMATS: dict[str, Format] = {f.name: f for f in _TABLE}
NAMES = tuple(FORMATS)
EMAIL_FORMATS = tuple(f.name for f in _TABLE if f.email)
#: file extensions that name a format when no --format is given (``.eml`` is email).
BY_EXTENSION = {"md": "md", "markdown": "md", "html": "html", "htm": "html", "json": "json",
                "eml": "email"}


def get_format(name: str, *, allowed: tuple[str, ...] = NAMES, what: str = "format") -> Format:
    """The format called ``name``, or a UsageError listing the ones allowed here."""
    if name not in allowed:
        raise UsageError(f"unknown {what} {name!r}; known: {', '.join(allowed)}")
    return FORMATS[name]


def format_for_path(path: str, default: str = "md") -> Format:
    """The format a file's extension names (``brief.eml`` -> email), else ``default``."""
    suffix = path.rpartition(".")[2].lower() if "." in path.rpartition("/")[2] else ""
    if not suffix:
        return FORMATS[default]
    if suffix not in BY_EXTENSION:
        raise UsageError(f"cannot tell the format from {path!r}: use --format "
                         f"({', '.join(NAMES)})")
    return FORMATS[BY_EXTENSION[suffix]]
