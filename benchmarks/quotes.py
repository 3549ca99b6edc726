"""Score who said each quotation: the offline engine's sources against hand-checked speakers.

Usage: python benchmarks/quotes.py [--misses]

Reads ../shared/data/quotes/g5w-dev.json (377 quotations in 48 Giveme5W1H articles) and the
articles in ../shared/data/giveme5w1h, writes one briefing JSON per article to
benchmarks/out/quotes/, runs the shared scorer (tools/quotes_score.py) and prints coverage
(quotations listed under some source), accuracy (of those, under the right speaker) and the
number of wrong speakers. A wrong speaker is worse than none: it puts words in someone's mouth.
``--misses`` also prints every quotation not covered or under the wrong speaker.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD = SHARED / "data" / "quotes" / "g5w-dev.json"
DATA = SHARED / "data" / "giveme5w1h"
SCORER = SHARED / "tools" / "quotes_score.py"
OUT = REPO / "benchmarks" / "out" / "quotes"
NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)
# Where the offline engine stood when the dev set was made (issue 14).
BASELINE = {"coverage": 0.618, "accuracy": 0.657}
TARGET = {"coverage": 0.85, "accuracy": 0.95}

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


def missing() -> str | None:
    """Why the benchmark cannot run here, or None."""
    for path in (GOLD, DATA, SCORER):
        if not path.exists():
            return f"shared data not found: {path} (../shared next to the repository)"
    return None


def score(misses: bool = False) -> tuple[dict[str, Any], str]:
    """Write the briefings, run the scorer; (its figures, its --misses lines)."""
    from g5w import load_article

    from briefing.engines.extractive import ExtractiveEngine

    gold = json.loads(GOLD.read_text())
    engine = ExtractiveEngine()
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    for doc in gold:
        article = load_article(json.loads((DATA / f"{doc}.json").read_text()))
        briefing = engine.extract(article, now=NOW)
        (OUT / f"{doc}.json").write_text(briefing.model_dump_json(indent=1))
    cmd = [sys.executable, str(SCORER), str(GOLD), str(OUT)] + (["--misses"] if misses else [])
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    # The same briefings with the honest "unattributed" source set aside: how often a name
    # the engine gives is the right one (the scorer counts "unattributed" as a wrong name).
    named = OUT.parent / "quotes-named"
    if named.exists():
        shutil.rmtree(named)
    named.mkdir(parents=True)
    for f in OUT.glob("*.json"):
        b = json.loads(f.read_text())
        b["sources"] = [s for s in b["sources"] if s["name"] != "unattributed"]
        (named / f.name).write_text(json.dumps(b))
    aside = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(named)],
                           capture_output=True, text=True, check=True)
    figures["named"] = json.loads(aside.stdout.strip().splitlines()[-1])
    return figures, done.stderr


def measure(quick: bool = False) -> list[object]:
    """Rows for benchmarks/run.py."""
    from common import Row

    if missing():
        return []
    r, _ = score()
    return [
        Row("quotations", "coverage (377 quotations, 48 articles)", r["coverage"], "",
            "issue 14 start", BASELINE["coverage"], r["coverage"] / BASELINE["coverage"],
            ">= 0.85", r["coverage"] >= TARGET["coverage"]),
        Row("quotations", "speaker accuracy", r["accuracy"], "", "issue 14 start",
            BASELINE["accuracy"], r["accuracy"] / BASELINE["accuracy"], ">= 0.95",
            r["accuracy"] >= TARGET["accuracy"]),
        Row("quotations", "wrong speakers", r["wrong"], "quotations"),
        Row("quotations", "accuracy of named speakers ('unattributed' aside)",
            r["named"]["accuracy"], "", target=">= 0.95",
            met=r["named"]["accuracy"] >= TARGET["accuracy"]),
        Row("quotations", "coverage by named speakers", r["named"]["coverage"], "",
            target=">= 0.85", met=r["named"]["coverage"] >= TARGET["coverage"]),
    ]


def main() -> int:
    """Run the benchmark; 0 on success, 2 when the shared data is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true",
                        help="print every quotation not covered or under the wrong speaker")
    args = parser.parse_args()
    reason = missing()
    if reason:
        print(f"quotes: skipped, {reason}", file=sys.stderr)
        return 2
    r, lines = score(args.misses)
    if args.misses:
        print(lines, end="")
    print(f"quotations: {r['gold']} in {len(json.loads(GOLD.read_text()))} articles")
    print(f"coverage: {r['coverage']:.3f} ({r['covered']} listed under a source; "
          f"target >= {TARGET['coverage']}, issue-14 start {BASELINE['coverage']})")
    print(f"accuracy: {r['accuracy']:.3f} ({r['right']} under the right speaker; "
          f"target >= {TARGET['accuracy']}, issue-14 start {BASELINE['accuracy']})")
    print(f"wrong speakers: {r['wrong']} ({r['named']['wrong']} a wrong name, "
          f"{r['wrong'] - r['named']['wrong']} a named speaker left 'unattributed')")
    n = r["named"]
    print(f"named speakers only ('unattributed' set aside): coverage {n['coverage']:.3f}, "
          f"accuracy {n['accuracy']:.3f}, wrong names {n['wrong']}")
    print(f"briefings: {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
