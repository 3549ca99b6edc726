"""Grounding figures for the extractive engine over the Giveme5W1H articles and the AEB pages.

Usage: python benchmarks/grounding.py [--limit N] [--engine NAME]

Every article goes through ``briefing.api.brief_article``, the path users take, which
grounds each span. AEB pages are cleaned with ``briefing.clean.article.clean_html`` first; a page
that fails the quality gate is briefed with ``force=True`` and counted as forced. Prints,
per corpus, the spans the grounding step checked and how they matched (exact, fuzzy,
dropped), and the share of verbatim spans in the final briefings, which must be 100%:
the exit code is 1 otherwise. Skips with a message (exit 0) when ../shared is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
G5W = SHARED / "data" / "giveme5w1h"
AEB = SHARED / "data" / "aeb" / "html"
NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from briefing.api import brief_article  # noqa: E402
from briefing.errors import BriefingError, InputError  # noqa: E402
from briefing.schema import Article, Briefing  # noqa: E402


@dataclass
class Tally:
    """Grounding counts summed over one corpus."""

    articles: int = 0
    briefed: int = 0
    forced: int = 0
    failed: int = 0
    checked: int = 0
    exact: int = 0
    fuzzy: int = 0
    dropped: int = 0
    spans: int = 0
    verbatim: int = 0
    seconds: float = 0.0

    def add(self, b: Briefing) -> None:
        g = b.provenance.grounding
        self.briefed += 1
        self.checked += g.checked
        self.exact += g.exact
        self.fuzzy += g.fuzzy
        self.dropped += g.dropped
        text = b.article.text
        for span in b.spans():
            self.spans += 1
            self.verbatim += text[span.start : span.end] == span.quote


def g5w_articles(limit: int) -> Iterator[tuple[str, Article]]:
    from g5w import load_article

    for path in sorted(G5W.glob("*.json"))[: limit or None]:
        yield path.stem, load_article(json.loads(path.read_text(encoding="utf-8")))


def aeb_articles(limit: int) -> Iterator[tuple[str, Article | None]]:
    """Cleaned AEB pages; None for a page the cleaner finds no article in."""
    from briefing.clean.article import clean_html

    for path in sorted(AEB.glob("*.html.gz"))[: limit or None]:
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        try:
            yield path.name.split(".", 1)[0], clean_html(html)
        except BriefingError:
            yield path.name.split(".", 1)[0], None


def run(articles: Iterator[tuple[str, Article | None]], engine: str) -> Tally:
    tally = Tally()
    start = time.perf_counter()
    for _key, article in articles:
        tally.articles += 1
        if article is None:
            tally.failed += 1
            continue
        try:
            b = brief_article(article, model=engine, now=NOW)
        except InputError:
            try:  # failed the quality gate: brief it anyway, as --force does
                b = brief_article(article, model=engine, now=NOW, force=True)
                tally.forced += 1
            except BriefingError:
                tally.failed += 1
                continue
        tally.add(b)
    tally.seconds = time.perf_counter() - start
    return tally


def report(name: str, t: Tally) -> None:
    share = t.verbatim / max(1, t.spans)
    print(f"{name}: {t.articles} articles, {t.briefed} briefed ({t.forced} forced past the "
          f"quality gate, {t.failed} not briefed), {t.articles / max(t.seconds, 1e-9):.1f}/s")
    print(f"  spans checked {t.checked}: exact {t.exact} ({t.exact / max(1, t.checked):.1%}), "
          f"fuzzy {t.fuzzy} ({t.fuzzy / max(1, t.checked):.1%}), "
          f"dropped {t.dropped} ({t.dropped / max(1, t.checked):.1%})")
    print(f"  verbatim spans in the final briefings: {t.verbatim}/{t.spans} ({share:.1%})")


def main() -> int:
    """Run both corpora; 1 when any final span is not verbatim."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N of each corpus")
    parser.add_argument("--engine", default="extractive", help="engine name (default extractive)")
    args = parser.parse_args()
    if not G5W.is_dir() and not AEB.is_dir():
        print(f"grounding: skipped, shared data not found at {SHARED} (expected "
              "data/giveme5w1h and data/aeb/html next to the repository)", file=sys.stderr)
        return 0
    tallies = []
    if G5W.is_dir():
        tallies.append(("Giveme5W1H", run(g5w_articles(args.limit), args.engine)))
    if AEB.is_dir():
        tallies.append(("AEB", run(aeb_articles(args.limit), args.engine)))
    for name, t in tallies:
        report(name, t)
    return 0 if all(t.verbatim == t.spans for _, t in tallies) else 1


if __name__ == "__main__":
    raise SystemExit(main())
