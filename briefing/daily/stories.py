"""Grouping briefings into stories: near-duplicates, then events. Pure and deterministic.

1. Near-duplicates (wire copy republished by several outlets: 5-word shingles, Jaccard >= 0.5)
   are folded together and count as one source.
2. Stories are events, not topics. Each article is a TF-IDF vector over its headline (twice)
   and the first ``LEAD_SENTENCES`` sentences of its text (page furniture skipped; words
   lower-cased and singular; sublinear counts; smoothed IDF over the batch). Two articles'
   similarity is the cosine of their vectors, times a time factor: 1 for articles published
   within ``SAME_DAYS`` of each other, then decaying by e every ``DRIFT_DAYS`` (coverage of
   one event is bunched in time; the same people in another week is another event), and 0
   when they share no name (a capitalised word of the headline or lead, a person or a place):
   the same words about another city are another story. Average-link clustering: two groups
   merge while their mean similarity is >= ``STORY_THRESHOLD``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlsplit

from ..nlp.lexicon import FUNCTION_WORDS
from ..nlp.sentences import is_furniture, split_sentences
from ..nlp.timex import published_datetime
from ..schema import Briefing

DUPLICATE_THRESHOLD = 0.5
STORY_THRESHOLD = 0.12
LEAD_SENTENCES = 8
SAME_DAYS = 1.0
DRIFT_DAYS = 3.0
_LEAD_CHARS = 6000  # enough text for the lead sentences of any article

_WORD = re.compile(r"[a-z0-9][a-z0-9'’\-]*[a-z0-9]|[a-z]")
_NAME = re.compile(r"[A-Z][\w'’\-]+")
STOPWORDS = FUNCTION_WORDS | frozenset(re.findall(r"\w+", """
    the and for that with from this have has had was were are been will would said says say
    told about after before into over than then they their them there these those what when
    where which while who whom whose also just more most some such only other being year
    years new news one two its his her our your not but can could may might should its
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december"""))


def _singular(word: str) -> str:
    word = word.replace("’", "'").removesuffix("'s")
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    return [_singular(w) for w in _WORD.findall(text.lower())
            if w not in STOPWORDS and not w[0].isdigit() and len(w) > 1]


def lead_text(b: Briefing, sentences: int = LEAD_SENTENCES) -> str:
    """The first ``sentences`` sentences of the article, page furniture left out."""
    out: list[str] = []
    for s in split_sentences(b.article.text[:_LEAD_CHARS]):
        if not is_furniture(s, b.headline):
            out.append(s.text)
            if len(out) >= sentences:
                break
    return " ".join(out)


def shingles(text: str, k: int = 5) -> set[int]:
    words = _WORD.findall(text.lower())
    return {hash(tuple(words[i:i + k])) for i in range(max(1, len(words) - k + 1))}


def jaccard(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def source_of(b: Briefing) -> str:
    """Who published an article: its publisher, else its web host, else its hash."""
    a = b.article
    if a.publisher:
        return a.publisher
    host = urlsplit(a.url or "").hostname
    return (host or "").removeprefix("www.") or a.content_sha256[:8]


def published_at(b: Briefing) -> datetime | None:
    """The article's publication time (UTC when it has no zone), None if missing or unreadable."""
    return published_datetime(b.article.published)


def groups(pairs: Iterable[tuple[int, int]], n: int) -> list[list[int]]:
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        parent[find(i)] = find(j)
    out: dict[int, list[int]] = {}
    for i in range(n):
        out.setdefault(find(i), []).append(i)
    return sorted(out.values())


def vectors(briefings: list[Briefing], leads: list[str] | None = None) -> list[dict[str, float]]:
    """Unit TF-IDF vectors of headline (twice) and lead, one per briefing."""
    leads = leads if leads is not None else [lead_text(b) for b in briefings]
    return tfidf([Counter(tokens(b.headline) * 2 + tokens(lead))
                  for b, lead in zip(briefings, leads, strict=True)])


def tfidf(docs: list[Counter[str]]) -> list[dict[str, float]]:
    """Unit TF-IDF vectors of term counts, sublinear tf; smoothed idf as in scikit-learn, so
    words every document shares still count in a small batch."""
    df = Counter(t for d in docs for t in d)
    n = len(docs)
    vecs = []
    for d in docs:
        v = {t: (1.0 + math.log(c)) * (1.0 + math.log((1 + n) / (1 + df[t])))
             for t, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({t: x / norm for t, x in v.items()})
    return vecs


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def names_of(b: Briefing, lead: str) -> set[str]:
    """Lower-cased names: capitalised words of the people and places found, and those inside
    the headline and lead sentences (a sentence's first word is left out)."""
    found = [w.name for w in b.who[:6] if w.kind != "group"] + [p.name for p in b.where[:4]]
    out = {t.lower() for n in found for t in _NAME.findall(n)}
    for s in split_sentences(f"{b.headline}.\n{lead}"):
        words = s.text.split()
        out.update(_singular(m.group(0).lower()) for w in words[1:]
                   if (m := _NAME.match(w.lstrip("\"'“‘(["))))
    return {n for n in out if n not in STOPWORDS}


def time_factor(a: datetime | None, b: datetime | None) -> float:
    """1 within ``SAME_DAYS``, then e^-(days apart - SAME_DAYS)/DRIFT_DAYS; 1 if a time is
    unknown."""
    if a is None or b is None:
        return 1.0
    days = abs((a - b).total_seconds()) / 86400
    return math.exp(-max(0.0, days - SAME_DAYS) / DRIFT_DAYS)


def similarities(briefings: list[Briefing],
                 leads: list[str] | None = None) -> dict[tuple[int, int], float]:
    """Pairwise story similarity (i < j), only the pairs above zero (``leads``: each
    briefing's :func:`lead_text`, when already known)."""
    leads = leads if leads is not None else [lead_text(b) for b in briefings]
    vecs = vectors(briefings, leads)
    names = [names_of(b, lead) for b, lead in zip(briefings, leads, strict=True)]
    times = [published_at(b) for b in briefings]
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, v in enumerate(vecs):
        for t, x in v.items():
            postings.setdefault(t, []).append((i, x))
    dots: dict[tuple[int, int], float] = {}
    for plist in postings.values():
        for k, (i, x) in enumerate(plist):
            for j, y in plist[k + 1:]:
                dots[(i, j)] = dots.get((i, j), 0.0) + x * y
    out = {}
    for (i, j), dot in dots.items():
        if names[i] & names[j]:
            sim = dot * time_factor(times[i], times[j])
            if sim > 0:
                out[(i, j)] = sim
    return out


def cluster(briefings: list[Briefing], leads: list[str] | None = None) -> list[list[int]]:
    """Average-link clusters of briefing indexes (deterministic): the most similar pair of
    groups merges first, while the mean similarity between their articles is >=
    ``STORY_THRESHOLD``."""
    sim = similarities(briefings, leads)
    n = len(briefings)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    pairs = sorted(((s, i, j) for (i, j), s in sim.items() if s >= STORY_THRESHOLD),
                   key=lambda p: (-p[0], p[1], p[2]))
    for _, i, j in pairs:
        a, b = owner[i], owner[j]
        if a == b:
            continue
        total = sum(sim.get((x, y) if x < y else (y, x), 0.0)
                    for x in members[a] for y in members[b])
        if total / (len(members[a]) * len(members[b])) >= STORY_THRESHOLD:
            for x in members[b]:
                owner[x] = a
            members[a] += members.pop(b)
    return sorted((sorted(g) for g in members.values()), key=lambda g: g[0])
