"""Numbers reported in a story's articles: corroborated values and real conflicts. Pure."""

from __future__ import annotations

import math
import re

from ..nlp.numbers import NUMBER, parse_number
from ..schema import Briefing, Conflict, Fact

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
