"""Grouping and comparing briefings: near-duplicates, story clusters, reported numbers. Pure.

1. Near-duplicates (wire copy republished by several outlets: 5-word shingles, Jaccard >= 0.5)
   are folded together and count as one source.
2. Stories: TF-IDF vectors over headline, summary, names and places; average-link clustering
   (two groups merge while their mean cosine similarity is >= ``STORY_THRESHOLD``).
3. Facts: numbers reported for the same thing ("12 injured", "killing at least 7") in the
   lead of each article. A value reported by two or more independent sources is corroborated;
   values whose ranges cannot both be true, reported by different sources, conflict.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

from ..nlp.numbers import NUMBER, parse_number
from ..schema import Briefing, Conflict, Fact

DUPLICATE_THRESHOLD = 0.5
STORY_THRESHOLD = 0.2
_PROPER = re.compile(r"\b[A-Z][\w'’\-]+")
_WORD = re.compile(r"[a-z0-9][a-z0-9'’\-]+")
_STOP = frozenset(re.findall(r"\w+", """
    the and for that with from this have has had was were are been will would said says say
    told about after before into over than then they their them there these those what when
    where which while who whom whose also just more most some such only other being year
    years new news one two its his her our your not but can could may might should"""))
_NUM = NUMBER
_QUAL = r"at least|more than|over|nearly|almost|up to|about|around"
_SUBJECT = {"killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed",
            "injured": "injured", "wounded": "injured", "hurt": "injured",
            "arrested": "detained", "detained": "detained", "missing": "missing",
            "trapped": "trapped", "evacuated": "evacuated"}
_FACT = re.compile(
    rf"\b(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\s+(?:(?:people|persons|others|of them)\s+)?"
    rf"(?:(?:who|that)\s+)?(?:(?:were|have been|had been|are|was)\s+)?"
    rf"(?P<what>{'|'.join(_SUBJECT)})\b"
    rf"|\b(?P<verb>killing|killed|injuring|injured|wounding|arresting)\s+(?:(?P<qual2>{_QUAL})\s+)?"
    rf"(?P<num2>{_NUM})\b", re.I)
_VERB_SUBJECT = {"killing": "killed", "killed": "killed", "injuring": "injured",
                 "injured": "injured", "wounding": "injured", "arresting": "detained"}


def _tokens(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP and not w.isdigit()]


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


def vectors(briefings: list[Briefing]) -> list[dict[str, float]]:
    docs = []
    for b in briefings:
        names = [w.name for w in b.who[:6]] + [p.name for p in b.where[:4]]
        terms = Counter(_tokens(f"{b.headline} {b.headline} {b.summary}"))
        terms.update({f"@{n.lower()}": 2 for n in names})
        terms.update(t for n in names for t in _tokens(n))
        docs.append(terms)
    df = Counter(t for d in docs for t in d)
    n = len(docs)
    vecs = []
    for d in docs:
        # +1 as in scikit-learn: terms every article shares still count in a small batch.
        v = {t: c * (1.0 + math.log((1 + n) / (1 + df[t]))) for t, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({t: x / norm for t, x in v.items() if x > 0})
    return vecs


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def _entities(b: Briefing) -> set[str]:
    # Only the capitalised words: "Brno stadium" and "Bergen stadium" share no name.
    names = [w.name for w in b.who[:6] if w.kind != "group"] + [p.name for p in b.where[:4]]
    return {t.lower() for n in names for t in _PROPER.findall(n)} - _STOP


def cluster(briefings: list[Briefing]) -> list[list[int]]:
    """Average-link clusters of briefing indexes (deterministic).

    Two articles can only be linked when they share a name or a place: the same words about
    a different city or person (two storms, two trials) are different stories.
    """
    vecs = vectors(briefings)
    ents = [_entities(b) for b in briefings]
    n = len(vecs)
    sim = [[1.0 if i == j else cosine(vecs[i], vecs[j]) if ents[i] & ents[j] else 0.0
            for j in range(n)] for i in range(n)]
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    pairs = sorted(((sim[i][j], i, j) for i in range(n) for j in range(i + 1, n)
                    if sim[i][j] >= STORY_THRESHOLD), key=lambda p: (-p[0], p[1], p[2]))
    for _, i, j in pairs:
        a, b = owner[i], owner[j]
        if a == b:
            continue
        mean = sum(sim[x][y] for x in groups[a] for y in groups[b]) / (
            len(groups[a]) * len(groups[b]))
        if mean >= STORY_THRESHOLD:
            for x in groups[b]:
                owner[x] = a
            groups[a] += groups.pop(b)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def _number(raw: str) -> int | None:
    value = parse_number(raw)
    return None if value is None else int(value)


def facts_of(b: Briefing, lead_chars: int = 1500) -> list[tuple[str, str, tuple[float, float],
                                                             str]]:
    """(subject, value as written, (low, high), sentence) for numbers in the article's lead."""
    text = b.article.text[:lead_chars]
    out = []
    for m in _FACT.finditer(text):
        raw = m.group("num") or m.group("num2")
        subject = _SUBJECT.get((m.group("what") or "").lower()) or _VERB_SUBJECT.get(
            (m.group("verb") or "").lower())
        value = _number(raw)
        if subject is None or value is None:
            continue
        qual = (m.group("qual") or m.group("qual2") or "").lower()
        low, high = float(value), float(value)
        if qual in ("at least", "more than", "over"):
            high = math.inf
        elif qual in ("nearly", "almost", "up to"):
            low = 0.0
        elif qual in ("about", "around"):
            low, high = value * 0.8, value * 1.2
        start = text.rfind("\n", 0, m.start()) + 1
        ends = [i for i in (text.find(". ", m.end()), text.find("\n", m.end())) if i != -1]
        sentence = text[start:min(ends) + 1 if ends else len(text)].strip()
        out.append((subject, f"{qual} {value}".strip(), (low, high), sentence))
    return out


def compare_facts(members: list[Briefing],
                  source: dict[int, str]) -> tuple[list[Fact], list[Conflict]]:
    by_subject: dict[str, dict[str, tuple[tuple[float, float], list[str], list[str]]]] = {}
    for i, b in enumerate(members):
        for subject, value, rng, sentence in facts_of(b):
            entry = by_subject.setdefault(subject, {}).setdefault(value, (rng, [], []))
            if source[i] not in entry[1]:
                entry[1].append(source[i])
                entry[2].append(sentence)
    corroborated, conflicts = [], []
    for subject in sorted(by_subject):
        values = by_subject[subject]
        facts = [Fact(subject=subject, value=v, reported_by=sorted(src), evidence=ev)
                 for v, (_, src, ev) in sorted(values.items())]
        corroborated += [f for f in facts if len(f.reported_by) >= 2]
        ranges = [(rng, set(src)) for rng, src, _ in values.values()]
        clash = any(a[1] < b[0] or b[1] < a[0] for i, (a, sa) in enumerate(ranges)
                    for (b, sb) in ranges[i + 1:] if sa != sb or len(sa | sb) > 1)
        if clash:
            conflicts.append(Conflict(subject=subject, values=facts))
    return corroborated, conflicts
