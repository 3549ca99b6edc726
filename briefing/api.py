"""The Python API the CLI is a thin layer over: load, brief, batch, daily brief, render.

    >>> from briefing import api
    >>> b = api.summarize("examples/harbour-fire.txt")
    >>> print(api.render_briefing(b, "md"))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from .clean import clean_document
from .engines import Engine, get_engine
from .ingest import RawDocument, read_input
from .limits import Limits
from .pipeline import brief_article, check_quality, input_notes, now_utc
from .render import render_briefing, render_daily
from .saved import load_briefing, load_daily, split_saved
from .schema import Article, Briefing, DailyBrief

if TYPE_CHECKING:
    from .batch import ArticleResult, BatchOptions
    from .batch.cache import BriefingCache


def load_article(path: str | Path, limits: Limits | None = None) -> Article:
    """Read and clean one input: a .txt/.md/.html file, or '-' for stdin."""
    return clean_document(read_input(str(path), limits), limits)


def summarize(source: str | Path | RawDocument | Article, *, model: str | None = None,
              now: datetime | None = None, force: bool = False,
              base_url: str | None = None, engine: Engine | None = None,
              limits: Limits | None = None) -> Briefing:
    """Briefing for a file path, '-' (stdin), a read document or a cleaned Article.

    ``model`` (default: ``BRIEFING_MODEL``, the config file, else ``extractive``) and
    ``base_url`` choose the engine; ``engine``, when given, is used instead (many articles,
    one engine).
    """
    notes: list[str] = []
    if isinstance(source, Article):
        article = source
    else:
        doc = source if isinstance(source, RawDocument) else read_input(str(source), limits)
        article = clean_document(doc, limits)
        notes = input_notes(doc.meta)
    return brief_article(article, engine, model=model, base_url=base_url, now=now, force=force,
                         limits=limits, notes=notes)


@dataclass
class DailyRun:
    """A daily brief and what happened to each article that had to be briefed for it."""

    brief: DailyBrief
    results: list[ArticleResult] = field(default_factory=list)

    @property
    def left_out(self) -> list[ArticleResult]:
        return [r for r in self.results if r.status not in ("ok", "skipped")]


def daily_brief(inputs: list[str], *, briefed: list[tuple[str, Briefing]] | None = None,
                feeds: tuple[str, ...] = (), date: str | None = None,
                previous: DailyBrief | None = None, model: str | None = None,
                base_url: str | None = None, engine: Engine | None = None,
                fetcher: object = None, concurrency: int | None = None,
                cache: BriefingCache | None = None, force: bool = False,
                limits: Limits | None = None, now: datetime | None = None,
                since: timedelta | None = None, select_date: bool = False,
                on_result: Callable[[ArticleResult], None] | None = None,
                synthesis: bool = True) -> DailyRun:
    """One daily brief from saved briefings (``.json`` files, batch output folders) and
    articles (files, folders, JSONL, URLs, ``feeds``), briefed in memory as a batch would.

    ``briefed`` adds briefings already in memory, as (id, briefing) pairs (a batch's
    ``report.kept``). Articles that could not be briefed are left out, each with a note in
    the brief. ``since`` keeps only articles published within that time before ``now``;
    ``select_date`` keeps only those published on ``date``; articles without a publication
    date are kept, and the brief says how many were left out and why.

    With a model engine (``engine``, or ``model``) and ``synthesis``, each story of two or
    more articles gets the model's title and sentences, each backed by evidence spans
    (:mod:`briefing.synthesis`).
    """
    from .batch import BatchOptions, run_batch
    from .daily import build_daily

    files, rest = split_saved(inputs)
    briefings = [load_briefing(f) for f in files]
    ids = [f.stem for f in files]
    for art_id, briefing in briefed or []:
        ids.append(art_id)
        briefings.append(briefing)
    results: list[ArticleResult] = []
    if rest or feeds:
        options: BatchOptions = BatchOptions(
            output=None, model=model or "", base_url=base_url, concurrency=concurrency,
            cache=cache, force=force, limits=limits, now=now)
        engine = engine or get_engine(model, base_url=base_url)
        options.model = engine.model_id
        report = run_batch(rest, options, feeds=feeds, fetcher=fetcher, on_result=on_result,
                           engine=engine)
        results = report.results
        for art_id, briefing in report.kept:
            ids.append(art_id)
            briefings.append(briefing)
    ids = _unique_ids(ids)
    when = now or now_utc()
    day = date or when.date().isoformat()
    start = when - since if since is not None else None
    end = None
    if select_date:
        midnight = datetime.fromisoformat(day).replace(tzinfo=timezone.utc)
        start, end = max(start or midnight, midnight), midnight + timedelta(days=1)
    brief = build_daily(briefings, ids, date=day, now=when, previous=previous, since=start,
                        until=end)
    brief.notes += [f"left out {r.input}: {r.reason}" for r in results
                    if r.status not in ("ok", "skipped")]
    if synthesis and (engine is not None or model):
        from .synthesis import synthesize_stories

        engine = engine or get_engine(model, base_url=base_url)
        brief.notes += synthesize_stories(brief, dict(zip(ids, briefings, strict=True)), engine)
    return DailyRun(brief, results)


def _unique_ids(ids: list[str]) -> list[str]:
    """Article ids made unique ("x", "x" -> "x", "x-2"): a saved file and a batch article, or
    two batch folders, may share a name, and a story must never mix their texts."""
    seen: set[str] = set()
    out = []
    for art_id in ids:
        new, n = art_id, 1
        while new in seen:
            n += 1
            new = f"{art_id}-{n}"
        seen.add(new)
        out.append(new)
    return out


def check_day(value: str) -> str:
    """A YYYY-MM-DD day, or a UsageError."""
    import re

    from .errors import UsageError

    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return datetime.strptime(value, "%Y-%m-%d").date().isoformat()
    except ValueError:
        pass
    raise UsageError(f"--date {value!r}: give a day as YYYY-MM-DD")


def parse_duration(value: str) -> timedelta:
    """ "24h", "2d", "90m", "1w" -> a timedelta; a UsageError for anything else."""
    import re

    from .errors import UsageError

    m = re.fullmatch(r"\s*(\d+)\s*([mhdw])\s*", value or "")
    if m is None:
        raise UsageError(f"--since {value!r}: give a number and a unit, e.g. 24h, 2d, 90m, 1w")
    amount, unit = int(m.group(1)), m.group(2)
    unit_name = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[unit]
    return timedelta(**{unit_name: amount})


__all__ = [
    "DailyRun",
    "brief_article",
    "check_day",
    "check_quality",
    "clean_document",
    "daily_brief",
    "load_article",
    "load_briefing",
    "load_daily",
    "parse_duration",
    "render_briefing",
    "render_daily",
    "split_saved",
    "summarize",
]
