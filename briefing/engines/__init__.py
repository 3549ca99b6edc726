"""Engines turn a cleaned Article into a Briefing. Chosen by name."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from ..errors import UsageError
from ..schema import Article, Briefing


class Engine(Protocol):
    name: str

    def extract(self, article: Article, *, now: datetime) -> Briefing: ...


KNOWN_MODELS = ("extractive",)


def get_engine(model: str) -> Engine:
    """Return the engine for a model name, or a UsageError listing the known ones."""
    if model == "extractive":
        from .extractive import ExtractiveEngine

        return ExtractiveEngine()
    raise UsageError(f"unknown model {model!r}; known: {', '.join(KNOWN_MODELS)}")
