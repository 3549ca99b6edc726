"""The daily brief of the 95 labelled Giveme5W1H articles: are stories events, are conflicts real?

Usage: python benchmarks/daily.py [--cache FILE] [--stories] [--json FILE]

Each article with an event label (``category``: 12 events) is read the way a JSONL line would
be (title, text, url, published; no publisher, so an outlet is its web host), briefed offline by
the ``extractive`` engine through ``briefing.pipeline.brief_article`` and the brief is built by
``briefing.daily.build_daily``. Printed:

- B-cubed precision, recall and F1 of the stories against the labels, and the number of stories;
- every conflict, with a heuristic verdict: *false* when its values are compatible bounds (one
  number satisfies them all), when one of its values is also listed as corroborated, or when
  its values come from articles of different events; the rest are counted as real (read them);
- the claim conflicts among them (``briefing.daily.claims``: "fate of the boy": found dead /
  found alive / not there) with their verdict as read by hand (``READ``); a claim conflict
  nobody has read is counted apart, never as real;
- the share of stories that lead with their latest article (the story title is the headline of
  its most recently published article).

``--cache FILE`` keeps the briefings between runs (keyed by the article's text and the code's
files), for tuning the grouping without re-briefing; ``--stories`` lists every story with the
labels of its articles. ``measure()`` gives the same figures as rows for ``benchmarks/run.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, SHARED, Row

from briefing.clean import clean_text
from briefing.daily.claims import SUBJECT as CLAIM_SUBJECT
from briefing.schema import Article, Briefing, Conflict, DailyBrief, Story

DATA = SHARED / "data" / "giveme5w1h"
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
TARGET_F1 = 0.95
# Claim conflicts read by hand: (event label, subject) -> (verdict, why).
READ = {
    ("china well", "fate of the boy"): (
        "real", "the boy's uncle found the well empty (Daily Mail, Nov 10); the boy found dead "
                "down the well (BBC, Nov 11)"),
}


def load(limit: int = 0) -> list[tuple[str, str, dict[str, object]]]:
    """(id, event label, document) for every labelled article, in file-name order."""
    out = []
    for path in sorted(DATA.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("category"):
            out.append((path.stem[:12], str(doc["category"]), doc))
    return out[: limit or None]


def article_of(doc: dict[str, object]) -> Article:
    """The article as ``briefing daily`` reads a JSONL line {"title", "text", "url",
    "published"} (``clean_document`` of a text document)."""
    title = str(doc.get("title") or "").strip()
    published = str(doc.get("date_publish") or "").replace(" ", "T") or None
    return clean_text(str(doc.get("text") or ""), title=title or None,
                      url=str(doc.get("url") or "") or None, published=published)


def _code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "briefing").rglob("*.py")):
        if "daily" not in path.parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def brief_all(docs: list[tuple[str, str, dict[str, object]]],
              cache: Path | None = None) -> list[Briefing]:
    """Brief every article offline (extractive engine), reusing ``cache`` when it is current."""
    from briefing.engines import get_engine
    from briefing.pipeline import brief_article

    version = _code_version()
    saved: dict[str, str] = {}
    if cache is not None and cache.is_file():
        stored = json.loads(cache.read_text(encoding="utf-8"))
        if stored.get("version") == version:
            saved = stored["briefings"]
    engine = get_engine("extractive")
    out = []
    for _, _, doc in docs:
        article = article_of(doc)
        if article.content_sha256 in saved:
            out.append(Briefing.model_validate_json(saved[article.content_sha256]))
        else:
            out.append(brief_article(article, engine, now=NOW, force=True))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({"version": version, "briefings": {
            b.article.content_sha256: b.model_dump_json() for b in out}}), encoding="utf-8")
    return out


def bcubed(predicted: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against labels."""
    by_pred: dict[int, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item, c in predicted.items():
        by_pred.setdefault(c, set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    p = r = 0.0
    for item, c in predicted.items():
        same = by_pred[c] & by_gold[gold[item]]
        p += len(same) / len(by_pred[c])
        r += len(same) / len(by_gold[gold[item]])
    n = len(predicted) or 1
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


_QUALIFIED = (("at least ", 0), ("more than ", 1), ("over ", 1), ("nearly ", -1),
              ("almost ", -1), ("up to ", -2), ("about ", 2), ("around ", 2))


def bounds(value: str) -> tuple[float, float] | None:
    """The range a value as written allows ("at least 4" -> [4, inf)); None if unreadable."""
    text = value.strip().lower()
    for prefix, kind in _QUALIFIED:
        if text.startswith(prefix):
            number = _num(text[len(prefix):])
            if number is None:
                return None
            if kind == 0:
                return number, math.inf
            if kind == 1:
                return number + 1e-9, math.inf
            if kind == -1:
                return 0.0, number - 1e-9
            if kind == -2:
                return 0.0, number
            return number * 0.8, number * 1.2
    number = _num(text)
    return None if number is None else (number, number)


def _num(text: str) -> float | None:
    try:
        return float(text.split()[0].replace(",", ""))
    except (ValueError, IndexError):
        return None


def _articles_of_value(story: Story, reported_by: list[str],
                       articles: list[str] | None) -> list[str]:
    if articles:
        return articles
    return [a.id for a in story.articles if a.publisher in reported_by]


def judge(story: Story, conflict: Conflict, gold: dict[str, str]) -> list[str]:
    """Why a conflict is false (empty: counted as real)."""
    why = []
    ranges = [bounds(f.value) for f in conflict.values]
    known = [r for r in ranges if r is not None]
    if known and max(lo for lo, _ in known) <= min(hi for _, hi in known):
        why.append("compatible bounds")
    corroborated = {f.value for f in story.corroborated if f.subject == conflict.subject}
    if corroborated & {f.value for f in conflict.values}:
        why.append("a value is also corroborated")
    events = set()
    for f in conflict.values:
        ids = _articles_of_value(story, f.reported_by, getattr(f, "articles", None))
        events |= {gold[i] for i in ids if i in gold}
    if len(events) > 1:
        why.append("values from different events: " + ", ".join(sorted(events)))
    return why


def leads_with_latest(story: Story) -> bool:
    """True when the story's title is the headline of (one of) its latest dated articles."""
    dated = [(when, a) for a in story.articles if (when := _parse(a.published)) is not None]
    if not dated:
        return True
    latest = max(when for when, _ in dated)
    return story.title in {a.title for when, a in dated if when == latest}


def _parse(value: str | None) -> datetime | None:
    """A publication time ("None" in a few of the data set's records: no time)."""
    try:
        when = datetime.fromisoformat(value or "")
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


@dataclass
class Result:
    """The figures of one run."""

    precision: float
    recall: float
    f1: float
    stories: int
    latest_lead: int
    conflicts: list[tuple[str, str, list[str], list[str]]] = field(default_factory=list)
    # (story title, subject, values with their reporters, why it is false: empty if real)
    claims: list[tuple[str, str, str]] = field(default_factory=list)
    # claim conflicts: (story's event labels, subject, verdict: "real", "false: ...", "unread")

    @property
    def false_conflicts(self) -> int:
        return sum(bool(why) for *_, why in self.conflicts)

    def claim_count(self, verdict: str) -> int:
        return sum(v.split(":")[0] == verdict for *_, v in self.claims)


def evaluate(daily: DailyBrief, gold: dict[str, str]) -> Result:
    predicted = {a.id: k for k, s in enumerate(daily.stories) for a in s.articles}
    for k, s in enumerate(daily.stories):
        for a in s.articles:
            for copy in a.copies:
                predicted[copy] = k
    p, r, f1 = bcubed({i: c for i, c in predicted.items() if i in gold}, gold)
    conflicts = [(s.title, c.subject, [f"{f.value} ({', '.join(f.reported_by)})"
                                       for f in c.values], judge(s, c, gold))
                 for s in daily.stories for c in s.conflicts]
    claims = []
    for s in daily.stories:
        events = sorted({gold[i] for a in s.articles for i in [a.id, *a.copies] if i in gold})
        for c in s.conflicts:
            if not c.subject.startswith(CLAIM_SUBJECT):
                continue
            why = judge(s, c, gold)
            read = READ.get((events[0], c.subject)) if len(events) == 1 else None
            verdict = "false: " + "; ".join(why) if why else read[0] if read else "unread"
            claims.append((", ".join(events), c.subject, verdict))
    latest = sum(leads_with_latest(s) for s in daily.stories)
    return Result(p, r, f1, len(daily.stories), latest, conflicts, claims)


def run(cache: Path | None = None) -> tuple[DailyBrief, dict[str, str], Result, float]:
    from briefing.daily import build_daily

    docs = load()
    gold = {art_id: label for art_id, label, _ in docs}
    briefings = brief_all(docs, cache)
    start = time.perf_counter()
    daily = build_daily(briefings, [d[0] for d in docs], date="2016-11-13", now=NOW)
    elapsed = time.perf_counter() - start
    return daily, gold, evaluate(daily, gold), elapsed


def measure(quick: bool = False) -> list[Row]:
    """The figures as rows for benchmarks/run.py."""
    _, _, res, _ = run()
    return [
        Row("daily", "story B-cubed F1 (95 labelled articles)", res.f1, "",
            target=f">= {TARGET_F1}", met=res.f1 >= TARGET_F1),
        Row("daily", "false conflicts (heuristic)", res.false_conflicts,
            f"of {len(res.conflicts)}", target="0", met=res.false_conflicts == 0),
        Row("daily", "claim conflicts (fate of a person), real by reading",
            res.claim_count("real"), f"of {len(res.claims)}; false {res.claim_count('false')}, "
            f"unread {res.claim_count('unread')}", target="all real",
            met=res.claim_count("real") == len(res.claims)),
        Row("daily", "stories leading with their latest article", res.latest_lead,
            f"of {res.stories}", target=f"{res.stories}", met=res.latest_lead == res.stories),
    ]


def main() -> int:
    """Run the benchmark; 0 on success, 2 when the shared data is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, help="keep the briefings in this file")
    parser.add_argument("--stories", action="store_true", help="list every story")
    parser.add_argument("--json", type=Path, help="also write the daily brief here")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"daily: shared data not found at {DATA}", file=sys.stderr)
        return 2
    daily, gold, res, elapsed = run(args.cache)
    if args.json:
        args.json.write_text(daily.model_dump_json(indent=1) + "\n", encoding="utf-8")
    if args.stories:
        for k, s in enumerate(daily.stories, 1):
            labels = Counter(gold.get(i, "?") for a in s.articles for i in [a.id, *a.copies])
            mark = "" if leads_with_latest(s) else "  [not latest first]"
            print(f"{k:>2}. [{s.confidence}] {s.title[:70]}{mark}")
            print(f"    {dict(labels)}")
        print()
    print(f"articles: {len(gold)} labelled, {len(set(gold.values()))} events; "
          f"build_daily: {elapsed:.2f} s")
    print(f"B-cubed: precision {res.precision:.3f}  recall {res.recall:.3f}  "
          f"F1 {res.f1:.3f}  (target >= {TARGET_F1})")
    print(f"stories: {res.stories}")
    print(f"conflicts: {len(res.conflicts)}, false (heuristic): {res.false_conflicts}, "
          f"real: {len(res.conflicts) - res.false_conflicts}")
    for title, subject, values, why in res.conflicts:
        verdict = "FALSE: " + "; ".join(why) if why else "real"
        print(f"  - {title[:60]}: {subject}: {'; '.join(values)}  [{verdict}]")
    print(f"claim conflicts: {len(res.claims)}, real (read): {res.claim_count('real')}, "
          f"false: {res.claim_count('false')}, unread: {res.claim_count('unread')}; in "
          f"{len({e for e, *_ in res.claims})} of {res.stories} stories")
    for events, subject, verdict in res.claims:
        why = READ.get((events, subject), ("", ""))[1]
        print(f"  - [{events}] {subject}: {verdict}" + (f" ({why})" if why else ""))
    print(f"latest article first: {res.latest_lead} of {res.stories} stories")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
