"""Raw documents -> clean articles: HTML extraction, the boilerplate list, the quality gate."""

from __future__ import annotations

from .article import clean_document, clean_html, clean_text
from .quality import Quality, assess

__all__ = ["Quality", "assess", "clean_document", "clean_html", "clean_text"]
