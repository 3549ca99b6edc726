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


def _local() -> Engine:
    from .local import local_engine

    return local_engine()


def _llm(model: str, base_url: str | None) -> Engine:
    from .llm import llm_engine  # the only path that imports openai/instructor

    return llm_engine(model, base_url=base_url)


_FACTORIES: dict[str, Callable[[], Engine]] = {"extractive": _extractive, "local": _local}
# Model names with a provider prefix (``openai/gpt-4o-mini``): factory(model, base_url).
_PROVIDERS: dict[str, Callable[[str, str | None], Engine]] = {
    "openai": _llm, "ollama": _llm, "openai-compatible": _llm}


def register_engine(name: str, factory: Callable[[], Engine]) -> None:
    """Make ``factory()`` the engine for model name ``name`` (plugins and tests)."""
    _FACTORIES[name] = factory


def known_models() -> list[str]:
    return sorted(_FACTORIES) + [f"{p}/MODEL" for p in sorted(_PROVIDERS)]


def _provider(model: str) -> str | None:
    prefix, sep, name = model.partition("/")
    return prefix if sep and name.strip() and prefix in _PROVIDERS else None


def check_model(model: str) -> None:
    """Raise a UsageError listing the known model names when ``model`` is not one."""
    if model not in _FACTORIES and _provider(model) is None:
        raise UsageError(f"unknown model {model!r}; known: {', '.join(known_models())} "
                         "(see `briefing models`)")


def get_engine(model: str, *, base_url: str | None = None) -> Engine:
    """Return the engine for a model name, or a UsageError listing the known ones.

    ``base_url`` (``--base-url``) reaches engines with a provider prefix; others ignore it.
    A missing key or server raises ConfigError here, before any article is sent.
    """
    check_model(model)
    if model in _FACTORIES:
        return _FACTORIES[model]()
    provider = _provider(model)
    assert provider is not None
    return _PROVIDERS[provider](model, base_url)
