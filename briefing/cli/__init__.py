"""The `briefing` command line: parse options, call the API, print, set the exit code."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .. import __version__
from ..errors import UsageError
from . import options as o
from .io import (
    Inputs,
    Job,
    Target,
    check_templates,
    daily_format,
    engine_for,
    errors,
    input_files,
    make_envelope,
    open_cache,
    run_jobs,
    state,
    warn,
    write_daily,
)

app = typer.Typer(name="briefing", help="Turn news articles into structured, grounded briefings.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
                  rich_markup_mode=None)


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
    state["debug"] = bool(debug or state.pop("debug_arg", False)
                          or os.environ.get("BRIEFING_DEBUG", "") not in ("", "0"))


@app.command(epilog="""Examples:

\b
  briefing summarize examples/harbour-fire.txt
  briefing summarize page.html --format html --output brief.html
  cat article.txt | briefing summarize - --format json
  briefing summarize a.txt b.html --output briefs/ --format md""")
def summarize(inputs: o.Inputs = None, fmt: o.Format = "md", output: o.Output = None,
              model: o.Model = None, base_url: o.BaseUrl = None, templates: o.Templates = None,
              feed: o.Feed = None, allow_private: o.AllowPrivate = False,
              ignore_robots: o.IgnoreRobots = False, timeout: o.Timeout = 20.0,
              max_input_mb: o.MaxInputMb = None, force: o.Force = False,
              sender: o.Sender = None, to: o.To = None) -> None:
    """Turn news articles into grounded briefings (who, what, where, when, sources,
    uncertainty)."""
    with errors():
        from .. import api
        from ..ingest import Failure, iter_documents
        from ..render import get_format, render_briefing

        get_format(fmt)
        check_templates(templates)
        envelope = make_envelope(fmt, sender, to)
        src = Inputs(inputs, feed, allow_private=allow_private, ignore_robots=ignore_robots,
                      timeout=timeout, max_input_mb=max_input_mb)
        target = src.target(output)
        engine = engine_for(model, base_url)

    def job(doc: Any) -> Job:
        def work() -> str:
            if isinstance(doc, Failure):
                raise doc.error
            briefing = api.summarize(doc, engine=engine, force=force, limits=src.limits)
            return render_briefing(briefing, fmt, templates, envelope)

        return Job(doc.name, doc.stem, work)

    with src.fetcher() as client:
        docs = iter_documents(src.items, feeds=src.feeds, fetcher=client, limits=src.limits)
        raise typer.Exit(run_jobs((job(d) for d in docs), target, fmt))


@app.command(epilog="""Examples:

\b
  briefing clean page.html
  briefing clean https://example.org/story --format json
  briefing clean exports.jsonl --output cleaned/""")
def clean(inputs: o.Inputs = None,
          fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                           help="text or json.")] = "text",
          output: o.Output = None, feed: o.Feed = None, allow_private: o.AllowPrivate = False,
          ignore_robots: o.IgnoreRobots = False, timeout: o.Timeout = 20.0,
          max_input_mb: o.MaxInputMb = None) -> None:
    """Show the cleaned article exactly as an engine will read it, and whether it passes
    the quality gate."""
    with errors():
        from ..clean import assess, clean_document
        from ..ingest import Failure, iter_documents

        if fmt not in ("text", "json"):
            raise UsageError(f"unknown format {fmt!r}; known: text, json")
        src = Inputs(inputs, feed, allow_private=allow_private, ignore_robots=ignore_robots,
                      timeout=timeout, max_input_mb=max_input_mb)
        target = src.target(output)

    def job(doc: Any) -> Job:
        def work() -> str:
            if isinstance(doc, Failure):
                raise doc.error
            article = clean_document(doc, src.limits)
            quality = assess(article)
            if not quality.ok:
                warn(f"{doc.name}: would not be briefed: {'; '.join(quality.reasons)}")
            if fmt == "text":
                return article.text + "\n"
            data = article.model_dump(mode="json")
            data["quality"] = {"ok": quality.ok, "reasons": quality.reasons}
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

        return Job(doc.name, doc.stem, work)

    with src.fetcher() as client:
        docs = iter_documents(src.items, feeds=src.feeds, fetcher=client, limits=src.limits)
        raise typer.Exit(run_jobs((job(d) for d in docs), target,
                                  "txt" if fmt == "text" else fmt))


@app.command(epilog="""Examples:

\b
  briefing batch articles/ --output out/
  briefing batch export.jsonl --output out/ --format json,md --concurrency 8
  briefing batch --feed https://example.org/rss --output out/ --retry-failed""")
def batch(inputs: o.Inputs = None, output: o.BatchOutput = Path("briefing-out"),
          model: o.Model = None, base_url: o.BaseUrl = None, fmt: o.BatchFormats = "json",
          concurrency: o.Concurrency = None, rpm: o.Rpm = None, tpm: o.Tpm = None,
          budget_tokens: o.BudgetTokens = None, retry_failed: o.RetryFailed = False,
          cache: o.Cache = None, no_cache: o.NoCache = False, feed: o.Feed = None,
          allow_private: o.AllowPrivate = False, ignore_robots: o.IgnoreRobots = False,
          timeout: o.Timeout = 20.0, max_input_mb: o.MaxInputMb = None, force: o.Force = False,
          quiet: o.Quiet = False, prices: o.Prices = None, templates: o.Templates = None,
          daily: o.DailyFile = None,
          sender: o.Sender = None, to: o.To = None) -> None:
    """Brief many articles: concurrent, cached, resumable, with a manifest line per article."""
    with errors():
        from .. import api
        from ..batch import BatchOptions, run_batch
        from ..batch.report import BatchProgress, print_summary
        from ..render import get_format

        formats = tuple(f.strip() for f in fmt.split(",") if f.strip())
        if not formats:
            raise UsageError("--format needs at least one of json, md, html")
        for f in formats:
            if get_format(f).email:
                raise UsageError(f"--format {f}: email is for one brief; use --daily "
                                 "FILE.eml, or summarize --format email")
        if concurrency is not None and concurrency < 1:
            raise UsageError("--concurrency must be at least 1")
        for flag, value in (("--rpm", rpm), ("--tpm", tpm), ("--budget-tokens", budget_tokens)):
            if value is not None and value < 1:
                raise UsageError(f"{flag} must be at least 1")
        if output.exists() and not output.is_dir():
            raise UsageError(f"--output {output}: must be a folder")
        if prices is not None:
            from ..batch.pricing import load_prices

            load_prices(prices)  # a bad table fails now, not after the run
        daily_fmt = daily_format(daily, None) if daily is not None else None
        if daily is not None:
            Target(daily, False, True, input_files(inputs or [])).check(daily)
        envelope = make_envelope(daily_fmt or "", sender, to)
        src = Inputs(inputs, feed, allow_private=allow_private, ignore_robots=ignore_robots,
                      timeout=timeout, max_input_mb=max_input_mb)
        engine = engine_for(model, base_url)
        options = BatchOptions(output=output, model=engine.model_id, formats=formats,
                               concurrency=concurrency, rpm=rpm, tpm=tpm,
                               budget_tokens=budget_tokens, retry_failed=retry_failed,
                               cache=open_cache(cache, no_cache), force=force,
                               templates=check_templates(templates), limits=src.limits,
                               keep=daily is not None)
        with src.fetcher(always=True) as client, BatchProgress(quiet) as progress:
            report = run_batch(src.items, options, feeds=src.feeds, fetcher=client,
                               on_result=progress.update, engine=engine)
        if not quiet:
            print_summary(report, engine.model_id, prices)
        if daily is not None and daily_fmt is not None:
            brief = api.daily_brief([], briefed=report.kept).brief
            write_daily(brief, daily, daily_fmt, templates, envelope, src.items)
        if report.failed:
            typer.echo(f"briefing: {report.failed} of {len(report.results)} articles failed; "
                       f"see {output / 'manifest.jsonl'}", err=True)
    raise typer.Exit(1 if report.failed else 0)


@app.command(epilog="""Examples:

\b
  briefing daily articles/ --output brief.html
  briefing daily out/ --format md                  (a batch output folder)
  briefing daily today/ --previous yesterday.json --output today.json""")
def daily(inputs: o.Inputs = None,
          output: Annotated[Path | None, typer.Option(
              "--output", "-o", metavar="FILE", help="The brief's file (default: stdout).")
          ] = None,
          fmt: Annotated[str | None, typer.Option(
              "--format", "-f", metavar="FORMAT", help="md, html, json, email, email-html or "
              "email-fragment (default: from --output's extension, .eml for email; else md).")
          ] = None,
          date: Annotated[str | None, typer.Option(
              metavar="YYYY-MM-DD", help="Brief the articles published that day (default: "
              "today's brief of every article given).")] = None,
          since: Annotated[str | None, typer.Option(
              metavar="24h|2d|90m", help="Only articles published this recently.")] = None,
          previous: Annotated[Path | None, typer.Option(
              metavar="FILE", help="Yesterday's brief as JSON: stories keep their ids and are "
              "marked new, updated or unchanged.")] = None,
          model: o.Model = None, base_url: o.BaseUrl = None, concurrency: o.Concurrency = None,
          cache: o.Cache = None, no_cache: o.NoCache = False, feed: o.Feed = None,
          allow_private: o.AllowPrivate = False, ignore_robots: o.IgnoreRobots = False,
          timeout: o.Timeout = 20.0, max_input_mb: o.MaxInputMb = None, force: o.Force = False,
          templates: o.Templates = None, sender: o.Sender = None, to: o.To = None,
          synthesis: Annotated[bool, typer.Option(
              "--synthesis/--no-synthesis", help="With a model (--model): each story of two "
              "or more articles gets the model's title and sentences, each citing the articles "
              "that back it.")] = True) -> None:
    """Group many articles into one daily brief of stories: sources, corroboration,
    conflicts and confidence."""
    with errors():
        from .. import api

        chosen = daily_format(output, fmt)
        check_templates(templates)
        envelope = make_envelope(chosen, sender, to)
        src = Inputs(inputs, feed, allow_private=allow_private, ignore_robots=ignore_robots,
                      timeout=timeout, max_input_mb=max_input_mb)
        if date is not None:
            api.check_day(date)
        if output is not None:
            Target(output, False, True, input_files(src.items)).check(output)
        window = api.parse_duration(since) if since else None
        prev = api.load_daily(previous) if previous is not None else None
        _, rest = api.split_saved(src.items)
        engine = engine_for(model, base_url) if rest or src.feeds or (
            model and synthesis) else None
        with src.fetcher() as client:
            run = api.daily_brief(src.items, feeds=src.feeds, date=date, previous=prev,
                                  engine=engine, fetcher=client, concurrency=concurrency,
                                  cache=open_cache(cache, no_cache), force=force,
                                  limits=src.limits, select_date=date is not None,
                                  since=window, synthesis=synthesis)
        for r in run.left_out:
            warn(f"{r.input}: left out: {r.reason}")
        write_daily(run.brief, output, chosen, templates, envelope, src.items)


@app.command(epilog="""Examples:

\b
  briefing render brief.json --format html --output brief.html
  briefing render daily.json --format md         (a daily brief saved as JSON)""")
def render(briefings: Annotated[list[str], typer.Argument(
               metavar="BRIEFING.json", help="Briefings or daily briefs saved as JSON.")],
           fmt: o.Format = "md", output: o.Output = None, templates: o.Templates = None,
           sender: o.Sender = None, to: o.To = None) -> None:
    """Re-render saved briefing JSON without running any engine."""
    with errors():
        from ..ingest import slug
        from ..render import get_format, render_briefing, render_daily
        from ..saved import load_saved
        from ..schema import DailyBrief

        get_format(fmt)
        check_templates(templates)
        envelope = make_envelope(fmt, sender, to)
        target = Target.plan(output, single=len(briefings) == 1, inputs=briefings)

    def job(item: str) -> Job:
        def work() -> str:
            saved = load_saved(item)
            if isinstance(saved, DailyBrief):
                return render_daily(saved, fmt, templates, envelope)
            return render_briefing(saved, fmt, templates, envelope)

        return Job(item, slug(item), work)

    raise typer.Exit(run_jobs((job(b) for b in briefings), target, fmt))


@app.command(epilog="""Examples:

\b
  briefing summarize article.txt --format email --to team@example.org -o brief.eml
  BRIEFING_SMTP_PASSWORD=... briefing send brief.eml --smtp smtp.example.org:587 \\
      --starttls --user me@example.org""")
def send(message: Annotated[Path, typer.Argument(
             metavar="BRIEF.eml", help="A message written with --format email.")],
         smtp: Annotated[str, typer.Option(
             "--smtp", metavar="HOST:PORT", help="The SMTP server (also BRIEFING_SMTP).",
             envvar="BRIEFING_SMTP", show_envvar=False)],
         to: Annotated[list[str] | None, typer.Option(
             "--to", metavar="ADDRESS", help="Send to these recipients instead of the "
             "message's To/Cc; repeatable or comma-separated.")] = None,
         starttls: Annotated[bool, typer.Option(
             "--starttls", help="Upgrade to TLS (certificate verified) before sending.")
         ] = False,
         user: Annotated[str | None, typer.Option(
             "--user", metavar="NAME", help="Log in as this user; the password is read from "
             "BRIEFING_SMTP_PASSWORD, never from the command line.")] = None,
         timeout: Annotated[float, typer.Option(
             metavar="SECONDS", help="Seconds allowed per server reply.")] = 30.0) -> None:
    """Send a brief saved with --format email through an SMTP server."""
    with errors(str(message)):
        from ..send import send_file

        if timeout <= 0:
            raise UsageError("--timeout must be positive")
        sent = send_file(message, smtp, starttls=starttls, user=user, env=os.environ,
                         timeout=timeout, recipients=to)
        typer.echo(f"briefing: sent {message} to {', '.join(sent)} via {smtp}", err=True)


@app.command(epilog="""Examples:

\b
  briefing models
  briefing summarize article.txt --model local
  OPENAI_API_KEY=... briefing summarize article.txt --model openai/gpt-4o-mini""")
def models() -> None:
    """List the models and engines --model accepts (plugins included), and what each
    needs."""
    with errors():
        from ..engines import entries

        rows = [(e.pattern, e.needs) for e in entries()]
        width = max(len(name) for name, _ in rows)
        for name, needs in rows:
            typer.echo(f"{name:<{width}}  {needs}")


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point. ``--debug`` is accepted anywhere on the line."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--debug" in args[1:]:
        state["debug_arg"] = True
        args = [args[0], *(a for a in args[1:] if a != "--debug")]
    return app(args=args, prog_name="briefing")
