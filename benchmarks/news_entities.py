"""Who/where precision on real news pages: the offline engine's names against hand labels.

Usage: python benchmarks/news_entities.py [--misses] [--unlabelled] [--pred FILE]

Runs the offline engine on the news pages of ../shared/data/aeb/ground-truth.json whose
human-checked article body has at least 80 words (176 of 181), exactly as the labels were
made: ``summarize(Article(title=first line[:120], text=body), model="extractive",
force=True)``. Every name listed in ``who`` with kind "person" and every name in ``where`` is
looked up in benchmarks/labels/aeb-entities.json (hand labels of the engine's output on
2026-12-02, see its "about"), and the figures are printed for two halves of the pages (A: page
ids at even positions in sorted order, B: odd positions) and overall:

* listed: (page, name) pairs listed; of them labelled "person" (or "place"), labelled
  otherwise (by label class), and unlabelled (names the labels do not know; "repairs" are those
  that end a title-glued or fragment label of the same page, like "Eric Holcomb" for
  "Gov. Eric Holcomb");
* precision = labelled "person" / labelled listed (for places: "place" / labelled listed);
* kept = labelled "person" pairs still listed as persons / all labelled "person" pairs (for
  places: labelled "place" pairs still listed) -- a recall proxy: a real name the engine
  stops listing is lost.

``--misses`` prints every name listed as a person (or place) that is labelled otherwise, with its
page and label; ``--unlabelled`` prints the names the labels do not know. ``--pred FILE`` scores
saved engine output instead of running the engine ({page id: {"who": [[name, kind, role], ...],
"where": [[name, kind], ...]}}, as /tmp/aeb_people.py writes it): on the output the labels were
made from, every name is labelled and precision is the labels' own share. The two halves let a
rule be tuned on one half and checked on the other. Exits 2, with a message, when ../shared
is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = SHARED / "data" / "aeb" / "ground-truth.json"
LABELS = REPO / "benchmarks" / "labels" / "aeb-entities.json"
MIN_WORDS = 80
# The good label of each side; every other label is a wrong name.
GOOD = {"who": "person", "where": "place"}
REPAIRABLE = {"title-glued", "fragment"}

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

Listed = dict[str, dict[str, set[str]]]  # side -> page id -> names


def missing() -> str | None:
    """Why the benchmark cannot run here, or None."""
    for path in (DATA, LABELS):
        if not path.exists():
            return f"data not found: {path} (../shared next to the repository)"
    return None


def pages() -> dict[str, str]:
    """Page id -> article body, for the bodies of at least MIN_WORDS words, in sorted order."""
    truth = json.loads(DATA.read_text())
    return {k: v["articleBody"] for k, v in sorted(truth.items())
            if len(v["articleBody"].split()) >= MIN_WORDS}


def load_pred(path: Path, ids: list[str]) -> Listed:
    """Saved engine output as listed names (pages outside ``ids`` are ignored)."""
    saved = json.loads(path.read_text())
    listed: Listed = {"who": {}, "where": {}}
    for page in ids:
        got = saved.get(page, {"who": [], "where": []})
        listed["who"][page] = {w[0] for w in got["who"] if w[1] == "person"}
        listed["where"][page] = {w[0] for w in got["where"]}
    return listed


def run(bodies: dict[str, str]) -> tuple[Listed, float]:
    """The engine's persons and places per page, and pages/s."""
    from briefing.api import summarize
    from briefing.schema import Article

    def one(body: str) -> object:
        title = body.split("\n", 1)[0][:120]
        return summarize(Article(title=title, text=body), model="extractive", force=True)

    one(next(iter(bodies.values())))  # warm-up: lazy imports and tables
    listed: Listed = {"who": {}, "where": {}}
    start = time.perf_counter()
    for page, body in bodies.items():
        b = one(body)
        listed["who"][page] = {w.name for w in b.who if w.kind == "person"}  # type: ignore[attr-defined]
        listed["where"][page] = {w.name for w in b.where}  # type: ignore[attr-defined]
    return listed, len(bodies) / (time.perf_counter() - start)


@dataclass
class Tally:
    """The figures of one side (who or where) over a set of pages."""

    listed: int = 0
    good: int = 0
    wrong: Counter[str] = field(default_factory=Counter)
    unlabelled: int = 0
    repairs: int = 0
    gold: int = 0  # labelled good pairs
    kept: int = 0  # of them still listed

    @property
    def labelled(self) -> int:
        return self.good + sum(self.wrong.values())

    @property
    def precision(self) -> float:
        return self.good / self.labelled if self.labelled else 0.0

    @property
    def kept_share(self) -> float:
        return self.kept / self.gold if self.gold else 0.0


def tally(side: str, ids: list[str], listed: Listed,
          labels: dict[str, dict[str, dict[str, str]]]) -> Tally:
    """Count one side over the pages ``ids``."""
    t = Tally()
    good = GOOD[side]
    for page in ids:
        known = labels[side].get(page, {})
        names = listed[side].get(page, set())
        for name in names:
            t.listed += 1
            label = known.get(name)
            if label is None:
                t.unlabelled += 1
                t.repairs += any(lab in REPAIRABLE and old.endswith(" " + name)
                                 for old, lab in known.items())
            elif label == good:
                t.good += 1
            else:
                t.wrong[label] += 1
        for name, label in known.items():
            if label == good:
                t.gold += 1
                t.kept += name in names
    return t


def report(side: str, halves: dict[str, list[str]], listed: Listed,
           labels: dict[str, dict[str, dict[str, str]]]) -> dict[str, Tally]:
    """Print one side's table; its tallies by half."""
    good = GOOD[side]
    what = "persons" if side == "who" else "places"
    tallies = {half: tally(side, ids, listed, labels) for half, ids in halves.items()}
    print(f"{side}: names listed as {what}")
    print(f"{'half':<8}{'pages':>6}{'listed':>8}{good:>8}{'other':>7}{'unlab.':>8}{'repairs':>9}"
          f"{'precision':>11}{'kept':>10}")
    for half, t in tallies.items():
        print(f"{half:<8}{len(halves[half]):>6}{t.listed:>8}{t.good:>8}{sum(t.wrong.values()):>7}"
              f"{t.unlabelled:>8}{t.repairs:>9}{t.precision:>11.3f}"
              f"{t.kept:>5}/{t.gold:<4}")
    for half, t in tallies.items():
        classes = ", ".join(f"{lab} {n}" for lab, n in t.wrong.most_common())
        print(f"  {half} labelled otherwise: {classes or '-'}")
    print("  kept share: " + ", ".join(f"{h} {t.kept_share:.3f}" for h, t in tallies.items()))
    return tallies


def misses(side: str, ids: list[str], listed: Listed,
           labels: dict[str, dict[str, dict[str, str]]]) -> None:
    """Print the names listed on this side that are labelled otherwise."""
    good = GOOD[side]
    rows = sorted((labels[side].get(p, {}).get(n, good), n, p)
                  for p in ids for n in listed[side].get(p, set()))
    print(f"{side}: listed, labelled other than {good} (label, name, page)")
    for label, name, page in rows:
        if label != good:
            print(f"  {label:<15}{name:<45}{page[:12]}")


def unlabelled(side: str, ids: list[str], listed: Listed,
               labels: dict[str, dict[str, dict[str, str]]]) -> None:
    """Print the names listed on this side that the labels do not know."""
    rows = sorted((n, p) for p in ids for n in listed[side].get(p, set())
                  if n not in labels[side].get(p, {}))
    print(f"{side}: listed, not in the labels (name, page)")
    for name, page in rows:
        print(f"  {name:<45}{page[:12]}")


# Precision of the engine that produced the labelled lists (dd2285a): every listed name labelled.
LABELLED_AT = {"who": 0.494, "where": 0.781}


def measure(quick: bool = False) -> list[object]:
    """Rows for benchmarks/run.py: precision against the labels, beside the engine's figures
    when the labels were made (2026-12-02, before the person-evidence rules)."""
    from common import Row

    if missing():
        return []
    bodies = pages()
    labels = json.loads(LABELS.read_text())
    listed, _ = run(bodies)
    ids = list(bodies)
    rows: list[object] = []
    for side in ("who", "where"):
        t = tally(side, ids, listed, labels)
        before = LABELLED_AT[side]
        rows.append(Row("entities", f"AEB news {side} precision", t.precision, "",
                        "when labelled", before, t.precision / before))
        rows.append(Row("entities", f"AEB news {side} kept", t.kept_share, ""))
    return rows


def main() -> int:
    """Run the benchmark; 0 on success, 2 when the shared data is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true",
                        help="print the listed persons and places labelled as something else")
    parser.add_argument("--unlabelled", action="store_true",
                        help="print the listed names that the labels do not know")
    parser.add_argument("--pred", type=Path, metavar="FILE",
                        help="score saved engine output instead of running the engine")
    args = parser.parse_args()
    reason = missing()
    if reason:
        print(f"news_entities: skipped, {reason}", file=sys.stderr)
        return 2
    bodies = pages()
    labels = json.loads(LABELS.read_text())
    ids = list(bodies)
    halves = {"A": ids[0::2], "B": ids[1::2], "all": ids}
    if args.pred:
        listed, rate = load_pred(args.pred, ids), 0.0
    else:
        listed, rate = run(bodies)
    if args.misses:
        for side in ("who", "where"):
            misses(side, ids, listed, labels)
    if args.unlabelled:
        for side in ("who", "where"):
            unlabelled(side, ids, listed, labels)
    for side in ("who", "where"):
        report(side, halves, listed, labels)
    if args.pred:
        print(f"scored saved output {args.pred} ({len(ids)} news pages of >= {MIN_WORDS} words)")
    else:
        print(f"pages/s: {rate:.1f} ({len(ids)} news pages of >= {MIN_WORDS} words, "
              "offline engine)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
