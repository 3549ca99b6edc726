"""Engines turn a cleaned Article into a Briefing. Chosen by model name, through one registry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import Engine
from .registry import (
    EngineEntry,
    check_model,
    entries,
    known_models,
    register_engine,
    registered,
    unregister_engine,
)

if TYPE_CHECKING:
    from ..config import Settings


def get_engine(model: str | None = None, *, base_url: str | None = None,
               settings: Settings | None = None) -> Engine:
    """The engine for a model name (flag > ``BRIEFING_MODEL`` > config file > default).

    ``settings``, when given, is used as is; else it is loaded with ``model`` and
    ``base_url`` as flags. An unknown name is a UsageError listing the known ones; a missing
    key or server raises ConfigError here, before any article is sent.
    """
    from ..config import load_settings
    from .registry import lookup

    settings = settings or load_settings(model=model, base_url=base_url)
    entry, _ = lookup(settings.model)
    return entry.factory(settings)


__all__ = ["Engine", "EngineEntry", "check_model", "entries", "get_engine", "known_models",
           "register_engine", "registered", "unregister_engine"]
