"""The engine contract: what every engine (offline, LLM, local, plugin) provides."""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from .. import __version__
from ..schema import Article, Briefing, Usage
from ..throttle import Limiter


@dataclass
class Spending:
    """What one article's engine call has spent so far, for whoever stops it on a time
    limit (the batch): the model requests sent and the tokens known, and ``notes`` on what
    became of a request the limit abandoned. An engine that makes model requests adds to
    :func:`spending`'s, when there is one, as it goes."""

    usage: Usage = field(default_factory=Usage)
    notes: list[str] = field(default_factory=list)


_SPENDING: ContextVar[Spending | None] = ContextVar("briefing_spending", default=None)


def spending() -> Spending | None:
    """The current article's :class:`Spending` (None: nobody is keeping count)."""
    return _SPENDING.get()


@contextmanager
def keep_spending() -> Iterator[Spending]:
    """Count what the engine calls made in this block (and its tasks) spend."""
    spent = Spending()
    token = _SPENDING.set(spent)
    try:
        yield spent
    finally:
        _SPENDING.reset(token)


class Engine(ABC):
    """Turns a cleaned Article into a Briefing (grounding happens after, outside).

    Subclasses implement :meth:`extract`; the rest has working defaults: ``aextract`` runs
    ``extract`` in a worker thread, ``aclose`` does nothing, ``model_id`` is the engine's name
    and ``fingerprint`` (what a cached briefing depends on) is name, model and our version.

    Rate limits: the batch calls :meth:`use_limiter` once. An engine that sets
    ``meters_requests`` takes a turn from :attr:`limiter` for each model request it makes
    (``acquire``, or ``acquire_sync`` in ``extract``) and reconciles it with the usage; for
    any other engine the batch takes one turn per article, estimated by
    :meth:`estimate_tokens` and reconciled with ``provenance.usage``.
    """

    name: ClassVar[str] = "engine"
    #: True: the engine takes the limiter's turn for every model request itself.
    meters_requests: ClassVar[bool] = False
    #: How many articles the engine can work on at once (None: no limit). An in-process model
    #: answers one at a time: more in flight would only wait, and their time limits with them.
    max_concurrency: ClassVar[int | None] = None
    #: How many articles a batch has in flight when the user did not say (None: the batch's
    #: default). A server on this machine may answer one request at a time (llama-cpp-python's
    #: does): more in flight would wait in its queue, on their time limits.
    default_concurrency: int | None = None
    _limiter: Limiter | None = None

    @property
    def limiter(self) -> Limiter | None:
        """The rate limiter shared by a batch (None: no limits)."""
        return self._limiter

    def use_limiter(self, limiter: Limiter | None) -> None:
        """Share the batch's rate limiter with the engine (None: stop using one)."""
        self._limiter = limiter

    def estimate_tokens(self, article: Article) -> int:
        """Tokens one request for ``article`` may use, reserved before it is made."""
        return len(article.text) // 4 + 800

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

    async def astart(self) -> None:
        """Get ready for a batch before any article's time limit starts (imports, clients)."""
        return None

    async def aclose(self) -> None:
        """Release what the engine holds on the loop that used it (HTTP clients)."""
        return None
