"""What the commands share beyond options: errors to exit codes, and writing outputs."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from ..errors import BriefingError, UsageError

state = {"debug": False}


def fail(message: str, code: int) -> None:
    typer.echo(f"briefing: error: {message}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    typer.echo(f"briefing: warning: {message}", err=True)


@contextmanager
def errors(name: str = "") -> Iterator[None]:
    """Turn any failure into one line on stderr and an exit code (a traceback with --debug).

    ``name`` (the input being worked on) prefixes messages that do not already name it.
    """
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except BriefingError as exc:
        if state["debug"]:
            raise
        message = str(exc)
        if name and not message.startswith(name):
            message = f"{name}: {message}"
        fail(message, exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except Exception as exc:
        if state["debug"]:
            raise
        fail(f"internal error: {exc.__class__.__name__}: {exc} (rerun with --debug "
             "for the traceback)", 1)


def input_files(inputs: Iterable[str]) -> frozenset[Path]:
    """Every file the inputs name, folders walked: what no output may ever replace."""
    found: set[Path] = set()
    for item in inputs:
        path = Path(item)
        if item == "-" or (not _is(path, "file") and not _is(path, "dir")):
            continue
        if _is(path, "file"):
            found.add(path.resolve())
            continue
        for folder, _, files in os.walk(path):
            found.update(Path(folder, f).resolve() for f in files)
    return frozenset(found)


def _is(path: Path, kind: str) -> bool:
    """``path.is_dir()``/``is_file()`` that answers False where the path cannot be reached
    (a folder without permission): its error comes, naming it, when it is read."""
    try:
        return path.is_dir() if kind == "dir" else path.is_file()
    except OSError:
        return False


@dataclass
class Job:
    """One unit of work: a name for messages, a stem for output files, and the work."""

    name: str
    stem: str
    work: Callable[[], str]


@dataclass
class Target:
    """Where results go: stdout (``path`` None), one file, or a folder of files."""

    path: Path | None
    folder: bool
    single: bool  # one input: its failure is the command's
    inputs: frozenset[Path]  # resolved input files: never written over
    stream: bool = False  # one JSONL/feed input to stdout: results one after another

    @classmethod
    def plan(cls, output: str | None, *, single: bool, inputs: Iterable[str],
             container: bool = False) -> Target:
        """``container``: the one input may hold several articles (JSONL, a feed, a folder);
        without ``--output`` their results go to stdout one after another."""
        if output is None and not single and container:
            return cls(None, False, False, frozenset(), stream=True)
        return cls._plan(output, single=single, inputs=inputs)

    @classmethod
    def _plan(cls, output: str | None, *, single: bool, inputs: Iterable[str]) -> Target:
        path = Path(output) if output else None
        folder = output is not None and (not single or output.endswith(("/", "\\"))
                                         or _is(Path(output), "dir"))
        if not single and path is None:
            raise UsageError("several inputs need --output DIR")
        if folder and path is not None and path.exists() and not path.is_dir():
            raise UsageError(f"--output {output}: several inputs need a folder, not a file")
        files = input_files(inputs)
        target = cls(path, folder, single, files)
        if path is not None and not folder:
            target.check(path)
        return target

    def check(self, path: Path) -> None:
        if path.resolve() in self.inputs:
            raise UsageError(f"--output {path} is one of the inputs; it is never written over")

    def write(self, text: str, path: Path | None) -> None:
        from ..files import write_atomic

        if path is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            self.check(path)
            write_atomic(path, text)


def run_jobs(jobs: Iterable[Job], target: Target, fmt: str) -> int:
    """Run every job; a failing one is reported on one line and the others go on."""
    failed = total = 0
    taken: set[str] = set()
    from ..render import FORMATS  # here, not at import: `briefing --help` stays light

    extension = FORMATS[fmt].extension if fmt in FORMATS else fmt
    for job in jobs:
        total += 1
        path = target.path
        if target.folder:
            assert target.path is not None
            name, n = job.stem, 1
            # two inputs with the same stem, or an input in the folder, are never overwritten
            while name in taken or (target.path / f"{name}.{extension}").resolve() \
                    in target.inputs:
                n += 1
                name = f"{job.stem}-{n}"
            taken.add(name)
            path = target.path / f"{name}.{extension}"
        try:
            with errors(job.name):
                text = job.work()
                if target.stream and fmt == "json":  # JSON Lines: one briefing per line
                    text = json.dumps(json.loads(text), ensure_ascii=False) + "\n"
                target.write(text, path)
                if target.folder:
                    typer.echo(f"briefing: wrote {path}", err=True)
        except typer.Exit as exc:
            if target.single or exc.exit_code == 130:
                raise
            failed += 1
    if failed:
        typer.echo(f"briefing: {failed} of {total} inputs failed", err=True)
    return 1 if failed else 0


class Inputs:
    """What every article-reading command takes: inputs, feeds, fetch options, limits."""

    def __init__(self, inputs: list[str] | None, feed: list[str] | None, *,
                 allow_private: bool, ignore_robots: bool, timeout: float,
                 max_input_mb: float | None) -> None:
        from ..ingest import is_multi_input, is_url
        from ..limits import Limits

        self.items, self.feeds = list(inputs or []), tuple(feed or ())
        if not self.items and not self.feeds:
            raise UsageError("give at least one INPUT or --feed")
        if timeout <= 0:
            raise UsageError("--timeout must be positive")
        self.limits = Limits.from_env(max_input_mb=max_input_mb)
        many = any(is_multi_input(i, self.limits) for i in self.items)
        self.single = len(self.items) == 1 and not self.feeds and not many
        self.container = len(self.items) + len(self.feeds) == 1 and (many or bool(self.feeds))
        self.remote = bool(self.feeds) or many or any(is_url(i) for i in self.items)
        self.allow_private, self.robots, self.timeout = allow_private, not ignore_robots, timeout

    def fetcher(self, *, always: bool = False) -> AbstractContextManager[Any]:
        """An HTTP fetcher when an input may need the network, else a null context."""
        from ..ingest.fetch import Fetcher, FetchLimits

        if not (self.remote or always):
            return nullcontext()
        return Fetcher(FetchLimits(timeout=self.timeout, allow_private=self.allow_private,
                                   respect_robots=self.robots))

    def target(self, output: str | None) -> Target:
        return Target.plan(output, single=self.single, inputs=self.items,
                           container=self.container)


def check_templates(templates: Path | None) -> Path | None:
    if templates is not None and not templates.is_dir():
        raise UsageError(f"--templates {templates}: not a directory")
    return templates


def make_envelope(fmt: str, sender: str | None, to: list[str] | None) -> Any:
    """The email's From and To; an ``email`` with no recipient gets a warning."""
    from ..render.email import make_envelope as build

    envelope = build(sender, to, os.environ)
    if fmt == "email" and not sender and not os.environ.get("BRIEFING_EMAIL_FROM"):
        warn(f"the sender is {envelope.sender}, which real mail relays reject: set --from "
             "(or BRIEFING_EMAIL_FROM)")
    if fmt == "email" and not envelope.to:
        warn("the email has no recipient: set --to (or BRIEFING_EMAIL_TO), or `briefing "
             "send --to` later")
    return envelope


def engine_for(model: str | None, base_url: str | None) -> Any:
    from ..engines import get_engine

    return get_engine(model, base_url=base_url)  # a missing key or server fails here, once


def open_cache(cache: Path | None, no_cache: bool) -> Any:
    from ..batch.cache import BriefingCache, default_cache_path

    return None if no_cache else BriefingCache(cache or default_cache_path())


def daily_format(path: Path | None, fmt: str | None) -> str:
    from ..render import format_for_path, get_format

    if fmt is not None:
        return get_format(fmt).name
    return format_for_path(str(path)).name if path is not None else "md"


def write_daily(brief: Any, output: Path | None, fmt: str, templates: Path | None,
                 envelope: Any, inputs: Iterable[str]) -> None:
    """Write the daily brief to ``output`` (stdout when None), never over one of ``inputs``."""
    from ..render import render_daily

    target = Target(output, False, True, input_files(inputs))
    if output is not None:
        target.check(output)
    target.write(render_daily(brief, fmt, templates, envelope), output)
