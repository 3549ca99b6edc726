"""Briefings and daily briefs -> Markdown, HTML, JSON or email. Pure: no engine, no network.

Templates are looked up first in the user's ``--templates`` folder, then in the shipped
``templates/``. HTML templates are autoescaped; Markdown output escapes article and model
text so that it cannot become markup either. Formats: :mod:`briefing.render.formats`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..schema import Briefing, DailyBrief
from .formats import EMAIL_FORMATS, FORMATS, NAMES, Format, format_for_path, get_format
from .toolkit import Footnotes, md_escape, render_template, safe_url

if TYPE_CHECKING:
    from .email import Envelope


def render_briefing(briefing: Briefing, fmt: str = "md", templates: Path | None = None,
                    envelope: Envelope | None = None) -> str:
    """Render one briefing as ``md``, ``html``, ``json`` or an email format (``envelope``
    gives an ``email``'s From and To)."""
    spec = get_format(fmt)
    if spec.email:
        from .email import render_briefing_email

        return render_briefing_email(briefing, fmt, templates, envelope)
    if spec.briefing_template is None:
        return briefing.model_dump_json(indent=2) + "\n"
    return render_template(spec.briefing_template, {"b": briefing, "fn": Footnotes()},
                           templates)


def render_daily(daily: DailyBrief, fmt: str = "md", templates: Path | None = None,
                 envelope: Envelope | None = None) -> str:
    """Render a daily brief as ``md``, ``html``, ``json`` or an email format."""
    spec = get_format(fmt)
    if spec.email:
        from .email import render_daily_email

        return render_daily_email(daily, fmt, templates, envelope)
    if spec.daily_template is None:
        return daily.model_dump_json(indent=2) + "\n"
    return render_template(spec.daily_template, {"d": daily}, templates)


__all__ = ["EMAIL_FORMATS", "FORMATS", "NAMES", "Format", "format_for_path", "get_format",
           "md_escape", "render_briefing", "render_daily", "render_template", "safe_url"]
