"""briefing: news articles -> structured, grounded briefings.

    >>> import briefing
    >>> b = briefing.summarize("examples/harbour-fire.txt")
    >>> print(briefing.render_briefing(b, "md"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .api import brief_article, load_article, load_briefing, summarize
    from .errors import BriefingError
    from .render import render_briefing
    from .schema import Article, Briefing

_LAZY = {
    "summarize": "api", "brief_article": "api", "load_article": "api", "load_briefing": "api",
    "render_briefing": "render", "Briefing": "schema", "Article": "schema",
    "BriefingError": "errors",
}


def __getattr__(name: str) -> Any:
    # Lazy so that `briefing --help` does not pay for pydantic and jinja2.
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")


__all__ = ["Article", "Briefing", "BriefingError", "__version__", "brief_article",
           "load_article", "load_briefing", "render_briefing", "summarize"]
