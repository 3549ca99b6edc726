"""Progress and the end-of-run table for batch runs (rich on a terminal, plain lines else)."""

from __future__ import annotations

import sys
from typing import Any

from .manifest import STATUSES, ArticleResult
from .pricing import estimate_cost, load_prices


class BatchProgress:
    """A rich progress bar on a TTY; one plain line per article otherwise (or nothing)."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty() and not quiet
        self._bar: Any = None
        self._task: Any = None
        self.done = 0

    def __enter__(self) -> BatchProgress:
        if self.tty:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=True)
            self._bar.__enter__()
            self._task = self._bar.add_task("briefing", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)

    def update(self, result: ArticleResult) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done,
                             description=f"{result.status:9} {result.id[:40]}")
        elif not self.quiet:
            reason = f" ({result.reason})" if result.reason and result.status != "ok" else ""
            print(f"{result.status:9} {result.input}{reason}", file=sys.stderr, flush=True)


def summary_rows(report: Any, model: str, prices: Any = None) -> list[tuple[str, str]]:
    """The final table as (label, value) rows."""
    rows = [(status, str(report.count(status))) for status in STATUSES
            if report.count(status) or status in ("ok", "failed")]
    cost = estimate_cost(model, report.prompt_tokens, report.completion_tokens,
                         load_prices(prices) if prices else None)
    minutes = report.wall_seconds / 60
    done = report.count("ok")
    rows += [
        ("engine calls", str(report.engine_calls)),
        ("model requests", str(report.model_requests)),
        ("cache hits", str(report.cache_hits)),
        ("tokens in / out", f"{report.prompt_tokens:,} / {report.completion_tokens:,}"),
        ("estimated cost", "unknown (no price for this model)" if cost is None
         else f"${cost:.4f}"),
        ("wall time", f"{report.wall_seconds:.1f} s"),
        ("articles per minute", f"{done / minutes:.1f}" if minutes > 0 and done else "-"),
    ]
    rows += [("note", note) for note in getattr(report, "notes", [])]
    return rows


def print_summary(report: Any, model: str, prices: Any = None) -> None:
    rows = summary_rows(report, model, prices)
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title="briefing batch", show_header=False)
        for label, value in rows:
            table.add_row(label, value)
        Console(stderr=True).print(table)
    else:
        width = max(len(label) for label, _ in rows)
        for label, value in rows:
            print(f"{label:<{width}}  {value}", file=sys.stderr)
