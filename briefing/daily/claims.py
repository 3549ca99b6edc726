"""Outcome claims about a story's subject, compared across its articles. Pure."""

from __future__ import annotations

from ..schema import Briefing, Conflict


def compare_claims(members: list[Briefing], source: dict[int, str],
                   ids: list[str] | None = None) -> list[Conflict]:
    """The outcome claims of the story's articles that cannot all be true."""
    return []
