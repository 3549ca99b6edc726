"""The Python API the CLI is a thin layer over: load, brief, render."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from .clean import clean_html, clean_text
from .engines import Engine, get_engine
from .errors import InputError, RenderError
from .ground import ground_briefing
from .ingest import RawDocument, read_input
from .limits import Limits
from .quality import assess
from .render import render_briefing
from .schema import Article, Briefing

DEFAULT_MODEL = "extractive"


def clean_document(doc: RawDocument, limits: Limits | None = None) -> Article:
    """Turn a read input into a cleaned Article; metadata the input carried wins."""
    meta = doc.meta
    if not doc.is_html:
        return clean_text(doc.content, title=meta.get("title"), url=meta.get("url"),
                          published=meta.get("published"))
    article = clean_html(doc.content, url=meta.get("url"), limits=limits)
    update = {k: meta[k] for k in ("title", "url", "published") if meta.get(k)}
    return article.model_copy(update=update) if update else article


def load_article(path: str | Path, limits: Limits | None = None) -> Article:
    """Read and clean one input: a .txt/.md/.html file, or '-' for stdin."""
    return clean_document(read_input(str(path), limits), limits)


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


def mark_forced(briefing: Briefing, problems: list[str]) -> Briefing:
    """A briefing forced past the quality gate says so where the reader looks first."""
    if problems:
        u = briefing.uncertainty
        u.confidence = "low"
        u.reasons = [f"input failed the quality gate: {r}" for r in problems] + u.reasons
    return briefing


def brief_article(article: Article, *, model: str = DEFAULT_MODEL,
                  now: datetime | None = None, force: bool = False,
                  base_url: str | None = None, engine: Engine | None = None) -> Briefing:
    """Run an engine over a cleaned article and keep only what the text supports.

    ``base_url`` is the server for ``openai/``, ``ollama/`` and ``openai-compatible/`` models;
    ``engine``, when given, is used instead of making one from ``model`` (many articles, one
    engine).
    """
    problems = check_quality(article, force=force)
    engine = engine or get_engine(model, base_url=base_url)
    when = now or datetime.now(timezone.utc).replace(microsecond=0)
    return mark_forced(ground_briefing(engine.extract(article, now=when)), problems)


def summarize(source: str | Path | RawDocument | Article, *, model: str = DEFAULT_MODEL,
              now: datetime | None = None, force: bool = False,
              base_url: str | None = None, engine: Engine | None = None) -> Briefing:
    """Briefing for a file path, '-' (stdin), a read document or a cleaned Article."""
    if isinstance(source, Article):
        article = source
    elif isinstance(source, RawDocument):
        article = clean_document(source)
    else:
        article = load_article(source)
    return brief_article(article, model=model, now=now, force=force, base_url=base_url,
                         engine=engine)


def load_briefing(path: str | Path) -> Briefing:
    """Read a briefing saved as JSON."""
    from pydantic import ValidationError

    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RenderError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    try:
        return Briefing.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise RenderError(f"{path}: not a briefing JSON ({where}: {first['msg']})") from None


__all__ = ["brief_article", "check_quality", "clean_document", "load_article", "load_briefing",
           "render_briefing", "summarize"]


def split_saved(inputs: list[str]) -> tuple[list[Path], list[str]]:
    """Saved briefing files (``.json`` files, batch output folders' articles) and the other
    inputs, still to be briefed. Nothing is read."""
    files: list[Path] = []
    rest: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir() and (path / "manifest.jsonl").is_file():
            files += sorted((path / "articles").glob("*.json"))
        elif path.suffix.lower() == ".json" and path.is_file():
            files.append(path)
        else:
            rest.append(item)
    return files, rest


def saved_briefings(inputs: list[str]) -> tuple[list[Briefing], list[str], list[str]]:
    """The saved briefings among ``inputs`` (loaded), their ids, and the inputs still to be
    briefed."""
    files, rest = split_saved(inputs)
    return [load_briefing(f) for f in files], [f.stem for f in files], rest
