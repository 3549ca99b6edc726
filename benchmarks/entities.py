"""Score who and where: the offline engine's entities against GUM's entity annotation.

Usage: python benchmarks/entities.py [--misses]

Reads the 57 documents of ../shared/data/gum-dev (interviews, biographies, travel guides; title,
blank line, text), writes benchmarks/out/gum-pred.json ({doc: {"who": [...], "where": [...]}}),
runs the shared scorer (tools/gum_score.py) and prints who and where recall (of the salient
entities) and precision (against every annotated mention of the right type). ``--misses`` also
prints every missed salient entity and every wrong name.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data" / "gum-dev"
SCORER = SHARED / "tools" / "gum_score.py"
OUT = REPO / "benchmarks" / "out" / "gum-pred.json"
NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)
# Where the offline engine stood when the dev set was made (issue 14), and its targets.
BASELINE = {"who": (0.847, 0.604), "where": (0.571, 0.714)}
TARGET = {"who": (0.90, 0.85), "where": (0.85, 0.85)}

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


def missing() -> str | None:
    """Why the benchmark cannot run here, or None."""
    for path in (DATA / "docs", DATA / "gold.json", SCORER):
        if not path.exists():
            return f"shared data not found: {path} (../shared next to the repository)"
    return None


def load(path: Path) -> object:
    """A GUM document as an article: its first line is the title."""
    from briefing.clean.article import clean_text

    raw = path.read_text()
    title = raw.split("\n", 1)[0].strip()
    return clean_text(raw, title=title or None)


def score(misses: bool = False) -> tuple[dict[str, dict[str, float]], str, float]:
    """Write the predictions, run the scorer; (its figures, its --misses lines, articles/s)."""
    from briefing.engines.extractive import ExtractiveEngine
    from briefing.schema import Article

    docs = sorted((DATA / "docs").glob("*.txt"))
    articles = {p.stem: load(p) for p in docs}
    engine = ExtractiveEngine()
    engine.extract(next(iter(articles.values())), now=NOW)  # type: ignore[arg-type]
    start = time.perf_counter()
    preds = {}
    for doc, article in articles.items():
        assert isinstance(article, Article)
        b = engine.extract(article, now=NOW)
        preds[doc] = {"who": [w.name for w in b.who], "where": [w.name for w in b.where]}
    rate = len(articles) / (time.perf_counter() - start)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(preds, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    cmd = [sys.executable, str(SCORER), str(OUT)] + (["--misses"] if misses else [])
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr, rate


def measure(quick: bool = False) -> list[object]:
    """Rows for benchmarks/run.py."""
    from common import Row

    if missing():
        return []
    r, _, _ = score()
    rows: list[object] = []
    for side in ("who", "where"):
        for i, figure in enumerate(("recall", "precision")):
            value = r[side][figure]
            rows.append(Row("entities", f"GUM-dev {side} {figure}", value, "",
                            "issue 14 start", BASELINE[side][i], value / BASELINE[side][i],
                            f">= {TARGET[side][i]}", value >= TARGET[side][i]))
    return rows


def main() -> int:
    """Run the benchmark; 0 on success, 2 when the shared data is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true",
                        help="print every missed salient entity and every wrong name")
    args = parser.parse_args()
    reason = missing()
    if reason:
        print(f"entities: skipped, {reason}", file=sys.stderr)
        return 2
    r, lines, rate = score(args.misses)
    if args.misses:
        print(lines, end="")
    print(f"{'side':<7}{'gold':>6}{'recall':>8}{'named':>7}{'precision':>11}   target R/P"
          "   issue-14 start R/P")
    for side in ("who", "where"):
        s = r[side]
        print(f"{side:<7}{s['gold']:>6}{s['recall']:>8.3f}{s['predicted']:>7}"
              f"{s['precision']:>11.3f}   {TARGET[side][0]:.2f}/{TARGET[side][1]:.2f}"
              f"    {BASELINE[side][0]:.3f}/{BASELINE[side][1]:.3f}")
    print(f"articles/s: {rate:.1f} (57 documents, longer than news articles)")
    print(f"predictions: {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
