"""The engine contract: what every engine (offline, LLM, local, plugin) provides."""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from datetime import datetime
from typing import ClassVar

from .. import __version__
from ..schema import Article, Briefing


class Engine(ABC):
    """Turns a cleaned Article into a Briefing (grounding happens after, outside).

    Subclasses implement :meth:`extract`; the rest has working defaults: ``aextract`` runs
    ``extract`` in a worker thread, ``aclose`` does nothing, ``model_id`` is the engine's name
    and ``fingerprint`` (what a cached briefing depends on) is name, model and our version.
    """

    name: ClassVar[str] = "engine"

    @property
    def model_id(self) -> str:
        """The model behind the engine, as shown in provenance and reports."""
        return self.name

    @property
    def fingerprint(self) -> str:
        """Changes whenever the same article could get a different briefing."""
        return f"{self.name}/{self.model_id}/{__version__}"

    @abstractmethod
    def extract(self, article: Article, *, now: datetime) -> Briefing:
        """The briefing for one article (blocking)."""

    async def aextract(self, article: Article, *, now: datetime) -> Briefing:
        """The briefing on an event loop; by default ``extract`` in a worker thread."""
        return await asyncio.to_thread(self.extract, article, now=now)

    async def aclose(self) -> None:
        """Release what the engine holds on the loop that used it (HTTP clients)."""
        return None
