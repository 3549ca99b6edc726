"""The `briefing` command line: parse options, call the API, print, set the exit code."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .errors import BriefingError, UsageError

app = typer.Typer(
    name="briefing",
    help="Turn news articles into structured, grounded briefings.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_state = {"debug": False}
EXTENSIONS = {"md": "md", "html": "html", "json": "json", "txt": "txt", "email": "eml",
              "email-html": "html", "email-fragment": "html"}


def _fail(message: str, code: int) -> None:
    typer.echo(f"briefing: error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def _errors(name: str = "") -> Iterator[None]:
    """Turn any failure into one line on stderr and an exit code (a traceback with --debug).

    ``name`` (the input being worked on) prefixes messages that do not already name it.
    """
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except BriefingError as exc:
        if _state["debug"]:
            raise
        message = str(exc)
        if name and not message.startswith(name):
            message = f"{name}: {message}"
        _fail(message, exc.exit_code)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except Exception as exc:
        if _state["debug"]:
            raise
        _fail(f"internal error: {exc.__class__.__name__}: {exc} (rerun with --debug "
              "for the traceback)", 1)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefing {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors "
                                        "(also BRIEFING_DEBUG=1).")] = False,
) -> None:
    """Turn news articles into structured, grounded briefings."""
    _state["debug"] = debug or os.environ.get("BRIEFING_DEBUG", "") not in ("", "0")


FormatOpt = Annotated[str, typer.Option(
    "--format", "-f", help="md, html, json, email (.eml), email-html or email-fragment.")]
OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", help="A file for one input; a folder for several.")]
TemplatesOpt = Annotated[Path | None, typer.Option(
    "--templates", help="A folder whose templates override the shipped ones by name.")]
MaxInputOpt = Annotated[float | None, typer.Option(
    "--max-input-mb", help="Refuse inputs larger than this (default 20; also "
    "BRIEFING_MAX_INPUT_MB). BRIEFING_MAX_CHARS, BRIEFING_MAX_HTML_DEPTH and "
    "BRIEFING_ARTICLE_TIMEOUT raise the other limits.", show_default=False)]
FromOpt = Annotated[str | None, typer.Option(
    "--from", help="The email's sender (also BRIEFING_EMAIL_FROM).")]
ToOpt = Annotated[list[str] | None, typer.Option(
    "--to", help="The email's recipient; repeatable or comma-separated (also "
    "BRIEFING_EMAIL_TO).")]


def _envelope(sender: str | None, to: list[str] | None) -> Any:
    from .email import make_envelope

    return make_envelope(sender, to, os.environ)


def _model_name(model: str | None) -> str:
    """The model from the flag, else BRIEFING_MODEL, else the config file, else the default;
    an unknown name is a usage error before any input is read."""
    from .config import load_settings
    from .engines import check_model

    name = model or os.environ.get("BRIEFING_MODEL") or load_settings().model
    check_model(name)
    return name


def _check_format(fmt: str) -> None:
    from .render import FORMATS

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")


def _check_templates(templates: Path | None) -> None:
    if templates is not None and not templates.is_dir():
        raise UsageError(f"--templates {templates}: not a directory")


class _Job:
    """One unit of work: a name for messages, a stem for output files, and the work."""

    def __init__(self, name: str, stem: str, work: Callable[[], str]) -> None:
        self.name, self.stem, self.work = name, stem, work


def _check_output(single: bool, output: Path | None) -> None:
    if single:
        return
    if output is None:
        raise UsageError("several inputs need --output DIR")
    if output.exists() and not output.is_dir():
        raise UsageError(f"--output {output}: several inputs need a folder, not a file")


def _emit(text: str, target: Path | None) -> None:
    from .files import write_atomic

    if target is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(target, text)


def _run(jobs: Iterable[_Job], single: bool, output: Path | None, fmt: str) -> int:
    """Run every job; a failing one is reported on one line and the others go on."""
    failed = total = 0
    taken: set[str] = set()
    for job in jobs:
        total += 1
        target: Path | None = output
        if not single or (output is not None and output.is_dir()):
            assert output is not None
            name, n = job.stem, 1
            while name in taken:  # two inputs with the same stem must not overwrite each other
                n += 1
                name = f"{job.stem}-{n}"
            taken.add(name)
            target = output / f"{name}.{EXTENSIONS[fmt]}"
        try:
            with _errors(job.name):
                _emit(job.work(), target)
                if not single:
                    typer.echo(f"briefing: wrote {target}", err=True)
        except typer.Exit as exc:
            if single or exc.exit_code == 130:
                raise
            failed += 1
    if failed:
        typer.echo(f"briefing: {failed} of {total} inputs failed", err=True)
    return 1 if failed else 0


@app.command(epilog="""Examples:

\b
  briefing summarize examples/harbour-fire.txt
  briefing summarize page.html --format html --output brief.html
  cat article.txt | briefing summarize - --format json
  briefing summarize a.txt b.html --output briefs/ --format md""")
def summarize(
    inputs: Annotated[list[str] | None, typer.Argument(
        metavar="INPUT", help="Article files (.txt, .md, .html), JSONL files, http(s) URLs, "
        "or - for stdin.", show_default=False)] = None,
    fmt: FormatOpt = "md",
    output: OutputOpt = None,
    model: Annotated[str | None, typer.Option(
        "--model", "-m", help="Engine or model: extractive (offline, the default), local, "
        "openai/NAME, ollama/NAME, openai-compatible/NAME (see `briefing models`). "
        "Also BRIEFING_MODEL.")] = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="The OpenAI-compatible server for ollama/ and openai-compatible/ "
        "models, e.g. http://127.0.0.1:8080/v1. Also BRIEFING_BASE_URL.")] = None,
    templates: TemplatesOpt = None,
    feed: Annotated[list[str] | None, typer.Option(
        "--feed", help="An RSS/Atom feed (URL or file): each entry becomes an input. "
        "Repeatable.")] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Let URLs reach loopback addresses (local testing).")] = False,
    no_robots: Annotated[bool, typer.Option(
        "--ignore-robots", help="Fetch URLs even where robots.txt disallows it.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds allowed per URL fetch.")] = 20.0,
    max_input_mb: MaxInputOpt = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Brief inputs that fail the quality gate (too short, paywall stub, "
        "error page…), marking the briefing low confidence.")] = False,
    sender: FromOpt = None,
    to: ToOpt = None,
) -> None:
    """Turn news articles into grounded briefings (who, what, where, when, sources,
    uncertainty)."""
    with _errors():
        from . import api
        from .engines import get_engine
        from .ingest import Failure, iter_documents
        from .limits import Limits
        from .render import render_briefing

        limits = Limits.from_env(max_input_mb=max_input_mb)
        _check_format(fmt)
        _check_templates(templates)
        envelope = _envelope(sender, to)
        if not inputs and not feed:
            raise UsageError("give at least one INPUT or --feed")
        name = _model_name(model)
        # One engine for every input; a missing key or server fails here, once.
        engine = get_engine(name, base_url=base_url)
        inputs, feeds, single, fetcher = _plan(inputs, feed, output, allow_private, no_robots,
                                               timeout)

    def job(doc: Any) -> _Job:
        def work() -> str:
            if isinstance(doc, Failure):
                raise doc.error
            return render_briefing(api.summarize(doc, model=name, force=force, engine=engine),
                                   fmt, templates, envelope)

        return _Job(doc.name, doc.stem, work)

    with fetcher as client:
        docs = iter_documents(inputs, feeds=feeds, fetcher=client, limits=limits)
        code = _run((job(d) for d in docs), single, output, fmt)
    raise typer.Exit(code)


def _plan(inputs: list[str] | None, feed: list[str] | None, output: Path | None,
          allow_private: bool, no_robots: bool,
          timeout: float) -> tuple[list[str], tuple[str, ...], bool, Any]:
    """Inputs, feeds, whether there is a single output, and a fetcher (or a null context)
    when any input needs the network."""
    from .ingest import JSONL_SUFFIXES, is_url

    feeds = tuple(feed or ())
    items = inputs or []
    if not items and not feeds:
        raise UsageError("give at least one INPUT or --feed")
    jsonl = any(Path(i).suffix.lower() in JSONL_SUFFIXES for i in items)
    single = len(items) == 1 and not feeds and not jsonl
    _check_output(single, output)
    remote = bool(feeds) or jsonl or any(is_url(i) for i in items)
    fetcher = _fetcher(allow_private, not no_robots, timeout) if remote else nullcontext()
    return items, feeds, single, fetcher


def _fetcher(allow_private: bool, robots: bool, timeout: float) -> Any:
    from .fetch import Fetcher, FetchLimits

    if timeout <= 0:
        raise UsageError("--timeout must be positive")
    return Fetcher(FetchLimits(timeout=timeout, allow_private=allow_private,
                               respect_robots=robots))


@app.command(epilog="""Examples:

\b
  briefing clean page.html
  briefing clean https://example.org/story --format json
  briefing clean exports.jsonl --output cleaned/""")
def clean(
    inputs: Annotated[list[str] | None, typer.Argument(
        metavar="INPUT", help="The same inputs as summarize.", show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    output: OutputOpt = None,
    feed: Annotated[list[str] | None, typer.Option(
        "--feed", help="An RSS/Atom feed (URL or file). Repeatable.")] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Let URLs reach loopback addresses (local testing).")] = False,
    no_robots: Annotated[bool, typer.Option(
        "--ignore-robots", help="Fetch URLs even where robots.txt disallows it.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds allowed per URL fetch.")] = 20.0,
    max_input_mb: MaxInputOpt = None,
) -> None:
    """Show the cleaned article exactly as an engine will read it, and whether it passes
    the quality gate."""
    with _errors():
        from .api import clean_document
        from .ingest import Failure, iter_documents
        from .limits import Limits
        from .quality import assess

        limits = Limits.from_env(max_input_mb=max_input_mb)
        if fmt not in ("text", "json"):
            raise UsageError(f"unknown format {fmt!r}; known: text, json")
        inputs, feeds, single, fetcher = _plan(inputs, feed, output, allow_private, no_robots,
                                               timeout)

    def job(doc: Any) -> _Job:
        def work() -> str:
            if isinstance(doc, Failure):
                raise doc.error
            article = clean_document(doc, limits)
            quality = assess(article)
            if not quality.ok:
                typer.echo(f"briefing: warning: {doc.name}: would not be briefed: "
                           f"{'; '.join(quality.reasons)}", err=True)
            if fmt == "text":
                return article.text + "\n"
            data = article.model_dump(mode="json")
            data["quality"] = {"ok": quality.ok, "reasons": quality.reasons}
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

        return _Job(doc.name, doc.stem, work)

    with fetcher as client:
        docs = iter_documents(inputs, feeds=feeds, fetcher=client, limits=limits)
        code = _run((job(d) for d in docs), single, output, "txt" if fmt == "text" else fmt)
    raise typer.Exit(code)


@app.command(epilog="""Examples:

\b
  briefing batch articles/ --output out/
  briefing batch export.jsonl --output out/ --format json,md --concurrency 8
  briefing batch --feed https://example.org/rss --output out/ --retry-failed""")
def batch(
    inputs: Annotated[list[str] | None, typer.Argument(
        metavar="INPUT", help="Files, folders (searched recursively for .txt .md .html "
        ".jsonl), JSONL files and URLs.", show_default=False)] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="The output folder: "
                                         "articles/ and manifest.jsonl go there.")] = Path("."),
    model: Annotated[str | None, typer.Option(
        "--model", "-m", help="Engine or model (also BRIEFING_MODEL).")] = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="The OpenAI-compatible server for ollama/ and openai-compatible/ "
        "models (also BRIEFING_BASE_URL).")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Comma-separated: json,md,html."
                                     )] = "json",
    concurrency: Annotated[int, typer.Option(help="Articles in flight at once.")] = 4,
    rpm: Annotated[int | None, typer.Option(help="Model requests per minute, at most.")] = None,
    tpm: Annotated[int | None, typer.Option(help="Model tokens per minute, at most.")] = None,
    budget_tokens: Annotated[int | None, typer.Option(
        help="Stop calling the model after this many tokens; the rest are deferred.")] = None,
    retry_failed: Annotated[bool, typer.Option(
        "--retry-failed", help="Redo the articles that failed in an earlier run.")] = False,
    cache: Annotated[Path | None, typer.Option(
        help="The SQLite cache file (default: ~/.cache/briefing/cache.sqlite).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the "
                                           "cache.")] = False,
    feed: Annotated[list[str] | None, typer.Option(
        "--feed", help="An RSS/Atom feed (URL or file). Repeatable.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Brief inputs that fail the quality "
                                        "gate, marking them low confidence.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")] = False,
    prices: Annotated[Path | None, typer.Option(
        help="JSON price table overriding the built-in one (also BRIEFING_PRICES).")] = None,
    templates: TemplatesOpt = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Let URLs reach loopback addresses (local testing).")] = False,
    max_input_mb: MaxInputOpt = None,
    timeout: Annotated[float, typer.Option(help="Seconds allowed per URL fetch.")] = 20.0,
    daily: Annotated[Path | None, typer.Option(
        "--daily", help="Also write a daily brief of the run's stories to this file "
        "(format from its extension: .md, .html, .json or .eml).")] = None,
    sender: FromOpt = None,
    to: ToOpt = None,
) -> None:
    """Brief many articles: concurrent, cached, resumable, with a manifest line per article."""
    with _errors():
        from .batch import BatchOptions, run_batch
        from .cache import BriefingCache, default_cache_path
        from .limits import Limits
        from .report import BatchProgress, print_summary

        formats = tuple(f.strip() for f in fmt.split(",") if f.strip())
        for f in formats:
            _check_format(f)
            if f.startswith("email"):
                raise UsageError(f"--format {f}: email is for one brief; use --daily "
                                 "FILE.eml, or summarize --format email")
        envelope = _envelope(sender, to)
        if not formats:
            raise UsageError("--format needs at least one of json, md, html")
        if not inputs and not feed:
            raise UsageError("give at least one INPUT or --feed")
        if concurrency < 1:
            raise UsageError("--concurrency must be at least 1")
        _check_templates(templates)
        name = _model_name(model)
        if output.exists() and not output.is_dir():
            raise UsageError(f"--output {output}: must be a folder")
        store = None if no_cache else BriefingCache(cache or default_cache_path())
        if daily is not None:
            _daily_format(daily, None)
            formats = tuple(dict.fromkeys((*formats, "json")))  # the brief reads the JSON
        options = BatchOptions(output=output, model=name, base_url=base_url, formats=formats,
                               concurrency=concurrency, rpm=rpm, tpm=tpm,
                               budget_tokens=budget_tokens, retry_failed=retry_failed,
                               cache=store, force=force, templates=templates,
                               limits=Limits.from_env(max_input_mb=max_input_mb))
        with _fetcher(allow_private, True, timeout) as client, \
                BatchProgress(quiet) as progress:
            report = run_batch(inputs or [], options, feeds=tuple(feed or ()),
                               fetcher=client, on_result=progress.update)
        if not quiet:
            print_summary(report, name, prices)
        if daily is not None:
            _write_daily([str(p) for p in report.briefings], daily, None, None, None, templates,
                         envelope)
        if report.failed:
            typer.echo(f"briefing: {report.failed} of {len(report.results)} articles failed; "
                       f"see {output / 'manifest.jsonl'}", err=True)
    raise typer.Exit(1 if report.failed else 0)


def _daily_format(path: Path, fmt: str | None) -> str:
    from .render import FORMATS

    chosen = fmt or path.suffix.lstrip(".").lower() or "md"
    chosen = "email" if chosen == "eml" else chosen
    if chosen not in FORMATS:
        raise UsageError(f"unknown format {chosen!r} for the daily brief; known: "
                         f"{', '.join(FORMATS)}")
    return chosen


def _write_daily(inputs: list[str], output: Path | None, fmt: str | None, date: str | None,
                 previous: Path | None, templates: Path | None, envelope: Any = None) -> None:
    from datetime import datetime, timezone

    from .api import saved_briefings
    from .daily import build_daily
    from .render import render_daily
    from .schema import DailyBrief

    briefings, ids, rest = saved_briefings(inputs)
    if rest:
        raise UsageError(f"{rest[0]}: not a saved briefing")
    prev = None
    if previous is not None:
        try:
            prev = DailyBrief.model_validate_json(previous.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise UsageError(f"--previous {previous}: not a daily brief saved as JSON") from None
    now = datetime.now(timezone.utc).replace(microsecond=0)
    day = date or now.date().isoformat()
    brief = build_daily(briefings, ids, date=day, now=now, previous=prev)
    chosen = _daily_format(output, fmt) if output else (fmt or "md")
    _emit(render_daily(brief, chosen, templates, envelope), output)


@app.command(epilog="""Examples:

\b
  briefing daily articles/ --output brief.html
  briefing daily out/ --format md                  (a batch output folder)
  briefing daily today/ --previous yesterday.json --output today.json""")
def daily(
    inputs: Annotated[list[str] | None, typer.Argument(
        metavar="INPUT", help="Articles (as for batch), saved briefing .json files, or batch "
        "output folders.", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="The brief's file (default: stdout).")] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="md, html, json, email, email-html or email-fragment "
        "(default: from --output's extension, .eml for email; else md).")] = None,
    date: Annotated[str | None, typer.Option(help="The brief's date (default: today).")] = None,
    previous: Annotated[Path | None, typer.Option(
        help="Yesterday's brief as JSON: stories keep their ids and are marked new, updated "
        "or unchanged.")] = None,
    model: Annotated[str | None, typer.Option(
        "--model", "-m", help="Engine or model for articles not yet briefed.")] = None,
    base_url: Annotated[str | None, typer.Option(
        "--base-url", help="The OpenAI-compatible server for ollama/ and openai-compatible/ "
        "models (also BRIEFING_BASE_URL).")] = None,
    concurrency: Annotated[int, typer.Option(help="Articles in flight at once.")] = 4,
    cache: Annotated[Path | None, typer.Option(help="The SQLite cache file.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not use the cache.")] = False,
    feed: Annotated[list[str] | None, typer.Option(
        "--feed", help="An RSS/Atom feed (URL or file). Repeatable.")] = None,
    templates: TemplatesOpt = None,
    sender: FromOpt = None,
    to: ToOpt = None,
) -> None:
    """Group many articles into one daily brief of stories: sources, corroboration,
    conflicts and confidence."""
    with _errors():
        import tempfile

        from . import api
        from .batch import BatchOptions, run_batch
        from .cache import BriefingCache, default_cache_path

        if not inputs and not feed:
            raise UsageError("give at least one INPUT or --feed")
        _check_templates(templates)
        if output is not None or fmt is not None:
            _daily_format(output or Path("x"), fmt)
        envelope = _envelope(sender, to)
        _, rest = api.split_saved(inputs or [])  # loaded once, by _write_daily
        saved = [i for i in inputs or [] if i not in rest]
        name = _model_name(model)
        with tempfile.TemporaryDirectory(prefix="briefing-daily-") as tmp:
            fresh: list[str] = []
            if rest or feed:
                store = None if no_cache else BriefingCache(cache or default_cache_path())
                options = BatchOptions(output=Path(tmp), model=name, base_url=base_url,
                                       formats=("json",),
                                       concurrency=concurrency, cache=store)
                with _fetcher(False, True, 20.0) as client:
                    report = run_batch(rest, options, feeds=tuple(feed or ()), fetcher=client)
                for r in report.results:
                    if r.status not in ("ok", "skipped"):
                        typer.echo(f"briefing: warning: {r.input}: left out: {r.reason}",
                                   err=True)
                fresh = [str(p) for p in report.briefings]
            _write_daily(saved + fresh, output, fmt, date, previous, templates, envelope)


@app.command(epilog="""Examples:

\b
  briefing render brief.json --format html --output brief.html
  briefing render brief.json --templates my-templates/""")
def render(
    briefings: Annotated[list[str], typer.Argument(
        metavar="BRIEFING.json", help="Briefings saved with --format json.")],
    fmt: FormatOpt = "md",
    output: OutputOpt = None,
    templates: TemplatesOpt = None,
) -> None:
    """Re-render saved briefing JSON without running any engine."""
    with _errors():
        from .api import load_briefing
        from .ingest import slug
        from .render import render_briefing

        _check_format(fmt)
        _check_templates(templates)
        single = len(briefings) == 1
        _check_output(single, output)

    def job(item: str) -> _Job:
        return _Job(item, slug(item), lambda: render_briefing(load_briefing(item), fmt,
                                                              templates))

    raise typer.Exit(_run((job(b) for b in briefings), single, output, fmt))


@app.command(epilog="""Examples:

\b
  briefing summarize article.txt --format email --to team@example.org -o brief.eml
  BRIEFING_SMTP_PASSWORD=... briefing send brief.eml --smtp smtp.example.org:587 \\
      --starttls --user me@example.org""")
def send(
    message: Annotated[Path, typer.Argument(
        metavar="BRIEF.eml", help="A message written with --format email.")],
    smtp: Annotated[str, typer.Option(
        "--smtp", help="The SMTP server as HOST:PORT (also BRIEFING_SMTP).",
        envvar="BRIEFING_SMTP", show_envvar=False)],
    starttls: Annotated[bool, typer.Option(
        "--starttls", help="Upgrade to TLS (certificate verified) before sending.")] = False,
    user: Annotated[str | None, typer.Option(
        "--user", help="Log in as this user; the password is read from "
        "BRIEFING_SMTP_PASSWORD, never from the command line.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds allowed per server reply.")] = 30.0,
) -> None:
    """Send a brief saved with --format email to its To/Cc recipients through an SMTP
    server."""
    with _errors(str(message)):
        from .send import send_file

        if timeout <= 0:
            raise UsageError("--timeout must be positive")
        sent = send_file(message, smtp, starttls=starttls, user=user, env=os.environ,
                         timeout=timeout)
        typer.echo(f"briefing: sent {message} to {', '.join(sent)} via {smtp}", err=True)


@app.command(epilog="""Examples:

\b
  briefing models
  briefing summarize article.txt --model local
  OPENAI_API_KEY=... briefing summarize article.txt --model openai/gpt-4o-mini
  briefing summarize article.txt --model openai-compatible/smollm2 --base-url http://127.0.0.1:8080/v1""")
def models() -> None:
    """List the models and engines --model accepts, and what each needs."""
    from .config import PLAIN_MODELS, PROVIDERS

    rows = [(name, needs) for name, needs in PLAIN_MODELS.items()]
    rows += [(f"{prefix}/MODEL", needs) for prefix, (needs, _) in PROVIDERS.items()]
    width = max(len(name) for name, _ in rows)
    for name, needs in rows:
        typer.echo(f"{name:<{width}}  {needs}")


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    return app(args=argv, prog_name="briefing")
