"""Brief one article: quality gate -> engine -> grounding -> forced-input marks.

The one place this sequence lives; the API, ``summarize``, ``batch`` and ``daily`` all call
:func:`brief_article` (blocking) or :func:`abrief_article` (on an event loop, with a time limit).
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from .clean.quality import assess
from .engines import Engine, get_engine
from .engines.base import keep_spending
from .errors import EngineError, InputError
from .ground import ground_briefing
from .limits import Limits
from .schema import Article, Briefing


def now_utc() -> datetime:
    """The reference time for resolving "yesterday" and the like: now, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def input_notes(meta: dict[str, str]) -> list[str]:
    """What reading an input noticed and dropped (a ``published`` that was not a date)."""
    return [n for n in (meta.get("notes") or "").split("; ") if n]


def check_quality(article: Article, *, force: bool = False,
                  limits: Limits | None = None) -> list[str]:
    """Refuse what is not an article (too short, boilerplate, paywall stub, error page).

    With ``force`` the reasons are returned instead, for the briefing to carry. An article
    longer than ``limits.max_chars`` is refused even with ``force``: it is a resource limit.
    """
    (limits or Limits.from_env()).check_chars(article.text)
    quality = assess(article)
    if quality.ok or force:
        return quality.reasons
    raise InputError(f"not briefed: {'; '.join(quality.reasons)} "
                     "(use --force to brief it anyway)")


def finish(raw: Briefing, problems: list[str], notes: list[str] | None = None) -> Briefing:
    """Ground an engine's briefing; one forced past the quality gate says so where the reader
    looks first; ``notes`` about the input (a date that was not one) go into provenance."""
    briefing = ground_briefing(raw)
    if notes:
        briefing.provenance.notes = [*notes, *briefing.provenance.notes]
    if problems:
        u = briefing.uncertainty
        u.confidence = "low"
        u.reasons = [f"input failed the quality gate: {r}" for r in problems] + u.reasons
    return briefing


def brief_article(article: Article, engine: Engine | None = None, *, model: str | None = None,
                  base_url: str | None = None, now: datetime | None = None,
                  force: bool = False, limits: Limits | None = None,
                  notes: list[str] | None = None) -> Briefing:
    """The grounded briefing of one cleaned article (blocking).

    ``engine`` defaults to the one for ``model`` (flag > ``BRIEFING_MODEL`` > config file >
    ``extractive``) and ``base_url``.
    """
    problems = check_quality(article, force=force, limits=limits)
    engine = engine or get_engine(model, base_url=base_url)
    return finish(engine.extract(article, now=now or now_utc()), problems, notes)


async def abrief_article(article: Article, engine: Engine, *, now: datetime | None = None,
                         force: bool = False, limits: Limits | None = None,
                         timeout: float | None = None,
                         notes: list[str] | None = None) -> Briefing:
    """:func:`brief_article` on an event loop; the engine gets at most ``timeout`` seconds.

    An engine stopped by the limit has its say first (the LLM engine closes its request, or
    waits for a server that cannot be stopped); the error carries the usage known by then
    and what became of the request."""
    problems = check_quality(article, force=force, limits=limits)
    with keep_spending() as spent:
        try:
            raw = await asyncio.wait_for(engine.aextract(article, now=now or now_utc()),
                                         timeout)
        except asyncio.TimeoutError:
            what = "".join(f"; {note}" for note in spent.notes)
            error = EngineError(f"took longer than {timeout:g} s (raise it with "
                                f"BRIEFING_ARTICLE_TIMEOUT){what}")
            error.usage = spent.usage if spent.usage.requests else None
            raise error from None
    return await asyncio.to_thread(finish, raw, problems, notes)
