"""Engines turn a cleaned Article into a Briefing. Chosen by model name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from ..errors import UsageError
from ..schema import Article, Briefing


class Engine(Protocol):
    name: str

    def extract(self, article: Article, *, now: datetime) -> Briefing: ...


def _extractive() -> Engine:
    from .extractive import ExtractiveEngine  # imported on use: keeps start-up fast

    return ExtractiveEngine()


_FACTORIES: dict[str, Callable[[], Engine]] = {"extractive": _extractive}


def register_engine(name: str, factory: Callable[[], Engine]) -> None:
    """Make ``factory()`` the engine for model name ``name`` (plugins and tests)."""
    _FACTORIES[name] = factory


def known_models() -> list[str]:
    return sorted(_FACTORIES)


def check_model(model: str) -> None:
    """Raise a UsageError listing the known model names when ``model`` is not one."""
    if model not in _FACTORIES:
        raise UsageError(f"unknown model {model!r}; known: {', '.join(known_models())}")


def get_engine(model: str) -> Engine:
    """Return the engine for a model name, or a UsageError listing the known ones."""
    check_model(model)
    return _FACTORIES[model]()
