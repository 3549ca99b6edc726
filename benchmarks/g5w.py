"""Score the extractive engine on the Giveme5W1H news corpus (who/what/when/where).

Usage: python benchmarks/g5w.py [--limit N]

Reads ../shared/data/giveme5w1h/*.json next to the repository, writes
benchmarks/out/g5w-pred.json, runs the official scorer and prints hit@1/hit@3
per question, throughput, peak memory and the share of verbatim spans.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import tracemalloc
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data" / "giveme5w1h"
SCORER = SHARED / "tools" / "g5w_score.py"
OUT = REPO / "benchmarks" / "out" / "g5w-pred.json"
# A fixed run time keeps the predictions file byte-identical between runs.
NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)

sys.path.insert(0, str(REPO))

from briefing.clean.article import clean_text  # noqa: E402
from briefing.engines.extractive import ExtractiveEngine  # noqa: E402
from briefing.schema import Article, Briefing  # noqa: E402


def load_article(doc: dict) -> Article:
    """Headline, standfirst and body as one text, the way a reader meets them."""
    title = (doc.get("title") or "").strip()
    desc = (doc.get("description") or "").strip()
    body = (doc.get("text") or "").strip()
    parts = [title] if title else []
    if desc and not body.startswith(desc[:60]):
        parts.append(desc)
    parts.append(body)
    return clean_text("\n\n".join(parts), title=title or None,
                      published=doc.get("date_publish"), url=doc.get("url"),
                      publisher=doc.get("publisher"))


def predictions(briefing: Briefing) -> dict[str, list[str]]:
    """The four answers the scorer reads, best first."""
    return {
        "who": [w.name for w in briefing.who],
        "what": [w.description for w in briefing.what],
        "where": [w.name for w in briefing.where],
        "when": [w.text for w in briefing.when],
    }


def main() -> int:
    """Run the benchmark; 0 on success, 2 when the shared data is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="score only the first N articles")
    args = parser.parse_args()
    if not DATA.is_dir() or not SCORER.is_file():
        print(f"g5w: shared data not found at {SHARED} (expected data/giveme5w1h and "
              "tools/g5w_score.py next to the repository)", file=sys.stderr)
        return 2
    paths = sorted(DATA.glob("*.json"))[: args.limit or None]
    articles = {p.stem: load_article(json.loads(p.read_text())) for p in paths}
    engine = ExtractiveEngine()
    engine.extract(next(iter(articles.values())), now=NOW)  # load the gazetteer once

    start = time.perf_counter()
    briefings = {k: engine.extract(a, now=NOW) for k, a in articles.items()}
    elapsed = time.perf_counter() - start

    tracemalloc.start()
    for a in articles.values():
        engine.extract(a, now=NOW)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    spans = [(b.article.text, s) for b in briefings.values() for s in b.spans()]
    verbatim = sum(t[s.start : s.end] == s.quote for t, s in spans)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    preds = {k: predictions(b) for k, b in briefings.items()}
    OUT.write_text(json.dumps(preds, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    scored = subprocess.run([sys.executable, str(SCORER), str(OUT)], capture_output=True,
                            text=True, check=True)
    result = json.loads(scored.stdout.strip().splitlines()[-1])

    print(f"{'question':<9}{'articles':>9}{'hit@1':>8}{'hit@3':>8}")
    for q, r in result.items():
        print(f"{q:<9}{r['articles']:>9}{r['hit@1']:>8.3f}{r['hit@3']:>8.3f}")
    print(f"articles/s: {len(articles) / elapsed:.1f} ({len(articles)} in {elapsed:.2f} s)")
    print(f"peak memory per pass (tracemalloc): {peak / 1e6:.1f} MB")
    print(f"verbatim spans: {verbatim}/{len(spans)} ({verbatim / max(1, len(spans)):.1%})")
    print(f"predictions: {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
