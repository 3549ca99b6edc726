"""Many articles: concurrent, cached, resumable, one manifest line each.

Documents are read and cleaned in a producer thread; workers (``concurrency`` of them) take
them from a bounded queue. Async engines (the LLM engine's ``aextract``) run on the event loop;
sync engines run in worker threads, so CPU work never stalls the loop. Outputs are written
atomically before the manifest line that names them.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..clean import clean_document
from ..engines import Engine, get_engine
from ..errors import BriefingError, EngineError, UsageError
from ..files import write_atomic
from ..ingest import Failure, RawDocument, iter_documents
from ..limits import Limits
from ..pipeline import abrief_article, input_notes
from ..render import render_briefing
from ..saved import load_briefing
from ..schema import Article, Briefing, Usage
from ..throttle import RateLimiter, Reservation
from .cache import BriefingCache, cache_key
from .manifest import ArticleResult, ManifestWriter, read_manifest

#: what the folder walk reads; other files get an "ignored" manifest line saying so
INPUT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".html", ".htm", ".xhtml", ".jsonl",
                  ".ndjson", ".xml", ".rss", ".atom"}


@dataclass
class BatchOptions:
    """``output`` None: nothing is written (no files, no manifest, no resume) and every
    briefing is kept in the report; else ``keep`` says whether to keep them too."""

    output: Path | None
    model: str = "extractive"
    base_url: str | None = None
    formats: tuple[str, ...] = ("json",)
    concurrency: int | None = None  # None: the engine's default_concurrency, else 4
    rpm: int | None = None
    tpm: int | None = None
    budget_tokens: int | None = None
    retry_failed: bool = False
    cache: BriefingCache | None = None
    force: bool = False
    templates: Path | None = None
    article_timeout: float | None = None  # None: limits.article_seconds
    now: datetime | None = None
    limits: Limits | None = None  # None: defaults and BRIEFING_* variables
    keep: bool = False  # keep each briefing in BatchReport.kept (for a daily brief)


@dataclass
class BatchReport:
    results: list[ArticleResult] = field(default_factory=list)
    engine_calls: int = 0
    model_requests: int = 0
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    wall_seconds: float = 0.0
    kept: list[tuple[str, Briefing]] = field(default_factory=list)  # (id, briefing)
    notes: list[str] = field(default_factory=list)  # how the run was set up, for the summary

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def failed(self) -> int:
        return self.count("failed") + self.count("truncated")

    @property
    def left_out(self) -> list[ArticleResult]:
        """Inputs that have no briefing: failed, truncated, deferred or ignored."""
        return [r for r in self.results if r.status not in ("ok", "skipped")]


@dataclass
class Walk:
    """The inputs a batch reads, and the files and folders it left alone, with why."""

    inputs: list[str] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)


def _is_batch_output(folder: Path, output: Path | None) -> bool:
    return (folder / "manifest.jsonl").is_file() or (
        output is not None and folder.resolve() == output.resolve())


def walk_inputs(inputs: list[str], *, output: Path | None = None) -> Walk:
    """Folders become the article files below them (sorted). A batch's own output folder (or
    any folder holding a batch manifest) is never read as input; hidden files are skipped;
    other files are listed as ignored with the reason."""
    walk = Walk()
    for item in inputs:
        root = Path(item)
        if not root.is_dir():
            walk.inputs.append(item)
            continue
        found: list[Path] = []
        def unreadable(error: OSError) -> None:
            walk.ignored.append((str(error.filename), f"cannot be read ({error.strerror})"))

        for folder, dirs, files in os.walk(root, onerror=unreadable):
            here = Path(folder)
            kept = []
            for d in sorted(dirs):
                if d.startswith("."):
                    continue
                if _is_batch_output(here / d, output):
                    walk.ignored.append((str(here / d), "a batch output folder: its "
                                         "briefings are not read as articles"))
                    continue
                kept.append(d)
            dirs[:] = kept
            found += [here / f for f in files if not f.startswith(".")]
        for path in sorted(found):
            if path.suffix.lower() in INPUT_SUFFIXES:
                walk.inputs.append(str(path))
            else:
                what = path.suffix.lower() or "no extension"
                walk.ignored.append((str(path), f"not an article file ({what}); the walk "
                                     f"reads {', '.join(sorted(INPUT_SUFFIXES))}"))
    return walk


def check_output(inputs: list[str], output: Path | None) -> None:
    """Refuse an output folder whose files could land on an input: the output folder itself
    being an input folder, or an input inside its ``articles/``. (An output folder inside an
    input folder is fine: the walk skips it.)"""
    if output is None:
        return
    out = output.resolve()
    articles = out / "articles"
    for item in inputs:
        path = Path(item)
        if item == "-" or not path.exists():
            continue
        where = path.resolve()
        if where == out and path.is_dir():
            raise UsageError(f"--output {output} is an input folder: the briefings would be "
                             "written among the articles; choose another folder")
        if where == articles or articles in where.parents:
            raise UsageError(f"--output {output}: {item} is inside its articles/ folder, "
                             "where briefings are written; choose another folder")


def expand_inputs(inputs: list[str], *, output: Path | None = None) -> list[str]:
    """The article files a batch reads (see :func:`walk_inputs`)."""
    return walk_inputs(inputs, output=output).inputs


class _Run:
    def __init__(self, opts: BatchOptions, engine: Engine,
                 on_result: Callable[[ArticleResult], None] | None) -> None:
        self.opts, self.engine, self.on_result = opts, engine, on_result
        self.report = BatchReport()
        out = opts.output
        self.previous = read_manifest(out / "manifest.jsonl") if out is not None else {}
        self.manifest = ManifestWriter(out / "manifest.jsonl") if out is not None else None
        self.keep = opts.keep or out is None
        self.limiter = RateLimiter(opts.rpm, opts.tpm)
        self.now = opts.now or datetime.now(timezone.utc).replace(microsecond=0)
        self.run_id = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
        # Ids of earlier runs stay theirs: a new input never takes another input's files.
        self.taken: set[str] = {r.id for r in self.previous.values() if r.id}
        self.tokens_used = 0
        self.limits = opts.limits or Limits.from_env()
        self.timeout = opts.article_timeout or self.limits.article_seconds

    def _id(self, stem: str) -> str:
        name, n = stem, 1
        while name in self.taken:
            n += 1
            name = f"{stem}-{n}"
        self.taken.add(name)
        return name

    def _finish(self, result: ArticleResult) -> None:
        result.run = self.run_id
        if self.manifest is not None:
            self.manifest.append(result)
        self.report.results.append(result)
        self.report.prompt_tokens += result.prompt_tokens
        self.report.completion_tokens += result.completion_tokens
        if self.on_result is not None:
            self.on_result(result)

    def _done_before(self, name: str) -> ArticleResult | None:
        prev = self.previous.get(name)
        if prev is None:
            return None
        if prev.model != self.opts.model:
            return None
        if prev.status in ("ok", "skipped"):
            have = {Path(p).suffix.lstrip(".") for p in prev.outputs if Path(p).is_file()}
            return prev if set(self.opts.formats) <= have else None
        if prev.status in ("failed", "truncated") and not self.opts.retry_failed:
            return prev
        return None  # deferred, or a failure to retry

    async def _brief(self, doc: RawDocument, result: ArticleResult,
                     article: Article | None = None) -> Briefing | None:
        if article is None:
            article = await asyncio.to_thread(clean_document, doc, self.limits)
        result.content_sha256 = article.content_sha256
        cache = self.opts.cache
        key = cache_key(article.content_sha256, self.engine.fingerprint, self.opts.force)
        if cache is not None:
            hit = await asyncio.to_thread(cache.get, key)
            if hit is not None:
                result.cached = True
                self.report.cache_hits += 1
                return hit
        budget = self.opts.budget_tokens
        if budget is not None and self.tokens_used >= budget:
            result.status, result.reason = "deferred", f"token budget of {budget:,} used up"
            return None
        # The article's first turn is taken here, before its timeout starts. An engine that
        # meters its requests gets it for its first one and takes a turn for every other
        # (re-asks, retries); for any other engine it is the article's one turn.
        turn = await self.limiter.acquire(self.engine.estimate_tokens(article))
        metered = self.engine.meters_requests
        self.report.engine_calls += 1
        with self.limiter.prepaid(turn) if metered else contextlib.nullcontext():
            try:
                briefing = await abrief_article(article, self.engine, now=self.now,
                                                force=self.opts.force, limits=self.limits,
                                                timeout=self.timeout,
                                                notes=input_notes(doc.meta))
            except BriefingError as exc:
                if not metered:
                    self._settle(turn, exc.usage)
                raise
        if not metered:
            self._settle(turn, briefing.provenance.usage)
        self._count_usage(result, briefing.provenance.usage)
        if cache is not None:
            await asyncio.to_thread(cache.put, key, briefing)
        return briefing

    def _settle(self, turn: Reservation | None, usage: object) -> None:
        """An unmetered engine's turn counts the tokens its briefing reports, if any."""
        if isinstance(usage, Usage) and usage.total_tokens:
            self.limiter.reconcile(turn, usage.total_tokens)

    def _count_usage(self, result: ArticleResult, usage: object) -> None:
        if not isinstance(usage, Usage):
            return
        result.prompt_tokens, result.completion_tokens = (usage.prompt_tokens,
                                                          usage.completion_tokens)
        result.attempts = usage.requests
        self.report.model_requests += usage.requests
        self.tokens_used += usage.total_tokens

    def _write(self, briefing: Briefing, art_id: str) -> list[str]:
        paths: list[str] = []
        if self.opts.output is None:
            return paths
        for fmt in self.opts.formats:
            path = self.opts.output / "articles" / f"{art_id}.{fmt}"
            write_atomic(path, render_briefing(briefing, fmt, self.opts.templates))
            paths.append(str(path))
        return paths

    def ignore(self, path: str, reason: str) -> None:
        """A manifest line for a file or folder the walk did not read."""
        self._finish(ArticleResult(id=Path(path).name, input=path, status="ignored",
                                   model=self.opts.model, reason=reason))

    async def _changed(self, doc: RawDocument | Failure,
                       prev: ArticleResult) -> tuple[bool, Article | None]:
        """Whether an input done (or failed) in a previous run now reads differently: resume
        is keyed by the cleaned text, not by the input's name."""
        if isinstance(doc, Failure) or prev.content_sha256 is None:
            return False, None
        try:
            article = await asyncio.to_thread(clean_document, doc, self.limits)
        except BriefingError:
            return True, None  # it no longer cleans: brief it again to report why
        return article.content_sha256 != prev.content_sha256, article

    async def process(self, doc: RawDocument | Failure) -> None:
        earlier = self.previous.get(doc.name)
        art_id = earlier.id if earlier is not None and earlier.id and earlier.status != "ignored" \
            else self._id(doc.stem or "article")
        prev = self._done_before(doc.name)
        article: Article | None = None
        if prev is not None:
            changed, article = await self._changed(doc, prev)
            if changed:
                prev = None
        if prev is not None:
            done = prev.status in ("ok", "skipped")
            if done and self.keep:
                saved = [p for p in prev.outputs if p.endswith(".json")]
                if saved:
                    self.report.kept.append((prev.id, load_briefing(saved[0])))
            self._finish(ArticleResult(
                id=prev.id, input=doc.name, model=prev.model,
                status="skipped" if done else prev.status, content_sha256=prev.content_sha256,
                reason="done in a previous run" if done else prev.reason,
                outputs=prev.outputs))
            return
        result = ArticleResult(id=art_id, input=doc.name, status="ok", model=self.opts.model)
        start = time.monotonic()
        try:
            if isinstance(doc, Failure):
                raise doc.error
            briefing = await self._brief(doc, result, article)
            if briefing is not None:
                result.outputs = await asyncio.to_thread(self._write, briefing, art_id)
                if self.keep:
                    self.report.kept.append((art_id, briefing))
        except BriefingError as exc:
            result.status = exc.status
            result.reason = str(exc)
            self._count_usage(result, exc.usage)  # failures cost tokens too
        except Exception as exc:  # one article's bug must not stop the batch
            result.status = "failed"
            result.reason = f"internal error: {exc.__class__.__name__}: {exc}"
        result.seconds = round(time.monotonic() - start, 3)
        self._finish(result)


def _produce(inputs: list[str], feeds: tuple[str, ...], fetcher: object,
             loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[object],
             stop: threading.Event, workers: int, limits: Limits) -> None:
    """Feed documents into the queue from a thread (reading and fetching block)."""
    import concurrent.futures

    def put(item: object) -> bool:
        future = asyncio.run_coroutine_threadsafe(queue.put(item), loop)
        while not stop.is_set():
            try:
                future.result(timeout=0.2)
                return True
            except concurrent.futures.TimeoutError:
                continue
        future.cancel()
        return False

    try:
        docs: Iterator[RawDocument | Failure] = iter_documents(
            inputs, feeds=feeds, fetcher=fetcher, limits=limits)  # type: ignore[arg-type]
        for doc in docs:
            if not put(doc):
                return
    except BaseException as exc:  # surfaced to the workers as one failed input
        put(Failure("<inputs>", EngineError(f"reading inputs stopped: {exc}"), "inputs"))
    finally:
        for _ in range(workers):
            if not put(None):
                break


async def run_batch_async(inputs: list[str], opts: BatchOptions, *, feeds: tuple[str, ...] = (),
                          fetcher: object = None,
                          on_result: Callable[[ArticleResult], None] | None = None,
                          engine: Engine | None = None) -> BatchReport:
    """Run the batch; see the module docstring. ``engine`` defaults to ``opts.model``'s."""
    check_output(inputs, opts.output)
    engine = engine or get_engine(opts.model, base_url=opts.base_url)
    run = _Run(opts, engine, on_result)
    engine.use_limiter(run.limiter)  # each model request takes a turn (see briefing.throttle)
    workers, note = concurrency(opts, engine)
    if note is not None:
        run.report.notes.append(note)
    queue: asyncio.Queue[object] = asyncio.Queue(maxsize=workers * 4)
    stop = threading.Event()
    started = time.monotonic()

    async def worker() -> None:
        while True:
            doc = await queue.get()
            if doc is None:
                return
            await run.process(doc)  # type: ignore[arg-type]

    walk = walk_inputs(inputs, output=opts.output)
    for path, reason in walk.ignored:
        run.ignore(path, reason)
    # A daemon thread, not the loop's executor: on Ctrl-C nothing waits for it.
    producer = threading.Thread(target=_produce, daemon=True, args=(
        walk.inputs, feeds, fetcher, asyncio.get_running_loop(), queue, stop,
        workers, run.limits))
    producer.start()
    try:
        await engine.astart()  # before any article's time limit starts
        await asyncio.gather(*(worker() for _ in range(workers)))
    finally:
        stop.set()
        engine.use_limiter(None)
        await engine.aclose()  # HTTP clients close on this loop, before asyncio.run ends it
        if run.manifest is not None:
            run.manifest.close()
        run.report.wall_seconds = time.monotonic() - started
    return run.report


DEFAULT_CONCURRENCY = 4


def concurrency(opts: BatchOptions, engine: Engine) -> tuple[int, str | None]:
    """Articles in flight: the user's ``concurrency``, else the engine's default, else 4;
    never more than the engine's ``max_concurrency``. With a note when the engine's default
    of one chose it (a server on this machine: see ``Engine.default_concurrency``)."""
    chosen = opts.concurrency or engine.default_concurrency or DEFAULT_CONCURRENCY
    workers = max(1, min(chosen, engine.max_concurrency or chosen))
    note = None
    if opts.concurrency is None and engine.default_concurrency == 1 and workers == 1:
        note = (f"{engine.model_id}: one article at a time, the server being on this machine "
                "or network (llama-cpp-python's answers one request at a time; more would wait "
                "in its queue, on their time limits); --concurrency N if it answers N at once")
    return workers, note


def run_batch(inputs: list[str], opts: BatchOptions, **kwargs: object) -> BatchReport:
    """Synchronous wrapper around :func:`run_batch_async`."""
    return asyncio.run(run_batch_async(inputs, opts, **kwargs))  # type: ignore[arg-type]
