"""Who said each quotation on real news pages: the offline engine's sources against hand labels.

Usage: python benchmarks/news_quotes.py [--misses]

The pages are 40 news pages of ../shared/data/aeb/ground-truth.json that no speaker rule was
written on: page ids sorted, bodies of at least 80 words kept, those at odd positions taken
(half B of benchmarks/news_entities.py, the half nobody tunes on), and of them the first 40
whose body holds at least two double-quoted stretches of four or more words. Every direct
quotation in them is labelled with its speaker in benchmarks/labels/aeb-quotes.json (format of
../shared/data/quotes/g5w-dev.json; see its "about"). Each page is briefed as the other news
benchmarks do it, ``summarize(Article(title=first line[:120], text=body), model="extractive",
force=True)``; the briefings go to benchmarks/out/news_quotes/<page id>.json and the shared
scorer (tools/quotes_score.py) prints:

* coverage: quotations listed under some source / labelled quotations;
* accuracy: of the listed ones, those under the right speaker;
* wrong names: listed under a named source that is not the speaker (the worst error: it puts
  words in someone's mouth);
* left unattributed: listed only under the engine's honest "unattributed" source (right
  for an unnamed speaker, wrong for a named one);
* named-only accuracy: accuracy with the "unattributed" source set aside.

``--misses`` also prints every quotation not covered or under the wrong speaker. Exits 2, with
a message, when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data" / "aeb" / "ground-truth.json"
SCORER = SHARED / "tools" / "quotes_score.py"
GOLD = REPO / "benchmarks" / "labels" / "aeb-quotes.json"
OUT = REPO / "benchmarks" / "out" / "news_quotes"
NAMED = REPO / "benchmarks" / "out" / "news_quotes-named"

sys.path.insert(0, str(REPO))


def missing() -> str | None:
    """Why the benchmark cannot run here, or None."""
    for path in (DATA, SCORER, GOLD):
        if not path.exists():
            return f"data not found: {path} (../shared next to the repository)"
    return None


def gold_pages() -> dict[str, Any]:
    """Page id -> labels (the "about" key skipped)."""
    return {k: v for k, v in json.loads(GOLD.read_text()).items() if k != "about"}


def brief(pages: list[str]) -> None:
    """Write one briefing JSON per page to OUT, and a copy without "unattributed" to NAMED."""
    from briefing.api import summarize
    from briefing.schema import Article

    truth = json.loads(DATA.read_text())
    for folder in (OUT, NAMED):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    for page in pages:
        body = truth[page]["articleBody"]
        title = body.split("\n", 1)[0][:120]
        b = summarize(Article(title=title, text=body), model="extractive", force=True)
        (OUT / f"{page}.json").write_text(b.model_dump_json(indent=1))
        named = json.loads(b.model_dump_json())
        named["sources"] = [s for s in named["sources"] if s["name"] != "unattributed"]
        (NAMED / f"{page}.json").write_text(json.dumps(named))


def scorer(folder: Path, gold: Path, misses: bool = False) -> tuple[dict[str, Any], str]:
    """Run the shared scorer on one folder; (its figures, its --misses lines)."""
    cmd = [sys.executable, str(SCORER), str(gold), str(folder)] + (["--misses"] if misses else [])
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


def score(misses: bool = False) -> tuple[dict[str, Any], str]:
    """Brief the pages, run the scorer; (figures with "named", the --misses lines)."""
    labels = gold_pages()
    brief(sorted(labels))
    # the scorer reads every top-level key as a page: hand it the labels without "about"
    gold = OUT.parent / "news_quotes-gold.json"
    gold.write_text(json.dumps(labels, ensure_ascii=False))
    figures, lines = scorer(OUT, gold, misses)
    figures["named"], _ = scorer(NAMED, gold)
    figures["pages"] = len(labels)
    return figures, lines


# When the labels were made (2026-12-02, the engine of that day): the baseline of each run.
LABELLED_AT = {"accuracy": 0.734, "wrong_names": 30}


def measure(quick: bool = False) -> list[object]:
    """Rows for benchmarks/run.py: accuracy, wrong names and unattributed on the news pages."""
    from common import Row

    if missing():
        return []
    r, _ = score()
    n = r["named"]
    return [
        Row("quotations", f"AEB news speaker accuracy ({r['gold']} quotations)", r["accuracy"],
            "", "when labelled", LABELLED_AT["accuracy"],
            r["accuracy"] / LABELLED_AT["accuracy"]),
        Row("quotations", "AEB news quotations under a wrong name", n["wrong"], "quotations",
            "when labelled", LABELLED_AT["wrong_names"], target="0", met=n["wrong"] == 0),
        Row("quotations", "AEB news quotations left unattributed",
            r["covered"] - n["covered"], "quotations"),
    ]


def main() -> int:
    """Run the benchmark; 0 on success, 2 when the shared data is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true",
                        help="print every quotation not covered or under the wrong speaker")
    args = parser.parse_args()
    reason = missing()
    if reason:
        print(f"news_quotes: skipped, {reason}", file=sys.stderr)
        return 2
    r, lines = score(args.misses)
    if args.misses:
        print(lines, end="")
    n = r["named"]
    wrong_names = n["wrong"]  # covered under named sources, none of them the speaker
    unattributed = r["covered"] - n["covered"]  # listed only under "unattributed"
    print(f"quotations: {r['gold']} in {r['pages']} news pages (AEB half B)")
    print(f"coverage: {r['coverage']:.3f} ({r['covered']} listed under a source)")
    print(f"accuracy: {r['accuracy']:.3f} ({r['right']} under the right speaker)")
    print(f"wrong names: {wrong_names} (listed under a named source that did not say it)")
    print(f"left unattributed: {unattributed}")
    print(f"named-only accuracy ('unattributed' set aside): {n['accuracy']:.3f} "
          f"(coverage {n['coverage']:.3f}, {n['right']} right of {n['covered']})")
    print(f"briefings: {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
