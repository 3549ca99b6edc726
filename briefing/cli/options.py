"""The options several commands share, declared once as ``Annotated`` aliases."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import typer.core


def _no_argument_type(self: object, ctx: object) -> None:
    return None


# Arguments show their metavar (INPUT, BRIEF.eml) only, not a Python type beside it
# ("INPUT <list[str]>"): typer has no option for it.
setattr(typer.core.TyperArgument, "display_type_rich", _no_argument_type)  # noqa: B010

Inputs = Annotated[list[str] | None, typer.Argument(
    metavar="INPUT", show_default=False,
    help="Article files (.txt, .md, .html), folders, JSONL exports, RSS/Atom files (.xml, "
    ".rss, .atom), http(s) URLs, or - for stdin.")]
Feed = Annotated[list[str] | None, typer.Option(
    "--feed", metavar="URL|FILE", help="An RSS/Atom feed: each entry becomes an input. "
    "Repeatable.")]
AllowPrivate = Annotated[bool, typer.Option(
    "--allow-private", help="Let URLs reach loopback and private addresses (local testing).")]
IgnoreRobots = Annotated[bool, typer.Option(
    "--ignore-robots", help="Fetch URLs even where robots.txt disallows it.")]
Timeout = Annotated[float, typer.Option(
    "--timeout", metavar="SECONDS", help="Seconds allowed per URL fetch.")]
MaxInputMb = Annotated[float | None, typer.Option(
    "--max-input-mb", metavar="MB", show_default=False,
    help="Refuse inputs larger than this (default 20; also BRIEFING_MAX_INPUT_MB). "
    "BRIEFING_MAX_CHARS, BRIEFING_MAX_HTML_DEPTH and BRIEFING_ARTICLE_TIMEOUT raise the "
    "other limits.")]
Force = Annotated[bool, typer.Option(
    "--force", help="Brief inputs that fail the quality gate (too short, paywall stub, "
    "error page…), marking the briefing low confidence.")]
Model = Annotated[str | None, typer.Option(
    "--model", "-m", metavar="MODEL", help="Engine or model: extractive (offline, the "
    "default), local, openai/NAME, ollama/NAME, openai-compatible/NAME, or a plugin's "
    "(see `briefing models`). Also BRIEFING_MODEL.")]
BaseUrl = Annotated[str | None, typer.Option(
    "--base-url", metavar="URL", help="The OpenAI-compatible server for ollama/ and "
    "openai-compatible/ models, e.g. http://127.0.0.1:8080/v1. Also BRIEFING_BASE_URL.")]
Format = Annotated[str, typer.Option(
    "--format", "-f", metavar="FORMAT",
    help="md, html, json, email (.eml), email-html or email-fragment.")]
Output = Annotated[str | None, typer.Option(
    "--output", "-o", metavar="PATH", help="A file for one input; a folder for several "
    "(a path ending in / is always a folder).")]
Templates = Annotated[Path | None, typer.Option(
    "--templates", metavar="DIR",
    help="A folder whose templates override the shipped ones by name.")]
Sender = Annotated[str | None, typer.Option(
    "--from", metavar="ADDRESS", help="The email's sender (also BRIEFING_EMAIL_FROM).")]
To = Annotated[list[str] | None, typer.Option(
    "--to", metavar="ADDRESS", help="The email's recipient; repeatable or comma-separated "
    "(also BRIEFING_EMAIL_TO).")]
Concurrency = Annotated[int | None, typer.Option(
    "--concurrency", metavar="N", help="Articles in flight at once (default 4; 1 for a model "
    "server on this machine or a private network, which answers one request at a time).")]
Cache = Annotated[Path | None, typer.Option(
    "--cache", metavar="FILE",
    help="The SQLite cache file (default: ~/.cache/briefing/cache.sqlite).")]
NoCache = Annotated[bool, typer.Option("--no-cache", help="Do not read or write the cache.")]

# batch's own options
BatchOutput = Annotated[Path, typer.Option(
    "--output", "-o", metavar="DIR", help="The output folder: articles/ and manifest.jsonl go "
    "there; rerun with the same folder to resume.")]
BatchFormats = Annotated[str, typer.Option(
    "--format", "-f", metavar="FORMATS", help="Comma-separated: json,md,html.")]
Rpm = Annotated[int | None, typer.Option(
    "--rpm", metavar="N", help="Model requests per minute, at most (every request: re-asks "
    "and retries too).")]
Tpm = Annotated[int | None, typer.Option(
    "--tpm", metavar="N", help="Model tokens per minute, at most.")]
BudgetTokens = Annotated[int | None, typer.Option(
    "--budget-tokens", metavar="N",
    help="Stop calling the model after this many tokens; the rest are deferred.")]
RetryFailed = Annotated[bool, typer.Option(
    "--retry-failed", help="Redo the articles that failed in an earlier run.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")]
Prices = Annotated[Path | None, typer.Option(
    "--prices", metavar="FILE",
    help="JSON price table overriding the built-in one (also BRIEFING_PRICES).")]
DailyFile = Annotated[Path | None, typer.Option(
    "--daily", metavar="FILE", help="Also write a daily brief of the run's stories to this "
    "file (format from its extension: .md, .html, .json or .eml).")]
