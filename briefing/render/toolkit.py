"""The Jinja toolkit every renderer uses: environment, filters, footnotes. Pure.

Templates are looked up first in the user's ``--templates`` folder, then in the shipped
``templates/``. HTML templates are autoescaped; Markdown output escapes article and model
text so that it cannot become markup either.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import RenderError, UsageError
from ..resources import templates_dir
from ..schema import Span

if TYPE_CHECKING:
    import jinja2

_HTML_SUFFIXES = (".html.j2", ".htm.j2", ".html", ".htm", ".xml.j2")
# "!" too: text ending in "!" before a footnote marker would make "![^1]", an image.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~!])")


def md_escape(value: object) -> str:
    """Escape Markdown and inline-HTML syntax so article text stays text."""
    text = "" if value is None else str(value)
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def safe_url(value: object) -> str | None:
    """Return the URL only when it is http, https or mailto; else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https", "mailto") and not any(c in url for c in "\"'<> \n\t"):
        return url
    return None


def _autoescape(name: str | None) -> bool:
    return bool(name) and str(name).endswith(_HTML_SUFFIXES)


class Footnotes:
    """Numbers supporting quotes in order of first citation, one number per distinct span."""

    def __init__(self) -> None:
        self._numbers: dict[tuple[int, int], int] = {}
        self.notes: list[tuple[int, Span]] = []

    def cite(self, spans: list[Span], limit: int = 1) -> str:
        marks = []
        for span in spans[:limit]:
            key = (span.start, span.end)
            if key not in self._numbers:
                self._numbers[key] = len(self._numbers) + 1
                self.notes.append((self._numbers[key], span))
            marks.append(f"[^{self._numbers[key]}]")
        return "".join(marks)


@lru_cache(maxsize=8)
def _environment(user_dir: str | None) -> jinja2.Environment:
    import jinja2

    search = [user_dir] if user_dir else []
    loader = jinja2.FileSystemLoader([*search, str(templates_dir())])
    env = jinja2.Environment(loader=loader, autoescape=_autoescape,
                             undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = md_escape
    env.filters["safe_url"] = safe_url
    return env


def render_template(name: str, context: dict[str, Any], templates: Path | None = None) -> str:
    """Render a named template with the user's folder taking precedence."""
    import jinja2

    if templates is not None and not templates.is_dir():
        raise UsageError(f"--templates {templates}: not a directory")
    env = _environment(str(templates) if templates else None)
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound:
        raise RenderError(f"template {name!r} not found") from None
    except jinja2.TemplateError as exc:
        raise RenderError(f"template {name!r} failed: {exc}") from None
