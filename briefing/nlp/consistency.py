"""What the article contradicts or says it does not know: numbers that disagree, open questions."""

from __future__ import annotations

import re

from ..schema import Contradiction, Span
from .lexicon import NOUN_CLASSES
from .numbers import NUMBER, parse_number
from .sentences import Sentence

_PEOPLE = next(c for c in NOUN_CLASSES if "people" in c)
# A quantity, an optional modifier and a noun: "17 servicemen", "Several Russian soldiers".
_NOUN_AFTER = r"\s+(?:([A-Za-z\-]+)\s+)?([A-Za-z]+)\b"
_COUNT = re.compile(rf"\b({NUMBER})" + _NOUN_AFTER, re.IGNORECASE)
# "about 200", "at least 17": an estimate or a floor, not a different count.
_HEDGED = re.compile(r"\b(?:at least|more than|over|about|around|nearly|almost|some|up to"
                     r"|roughly|approximately)\s*$", re.IGNORECASE)
_FLOOR = re.compile(r"\b(?:at least|more than|over|upwards of)\s*$", re.IGNORECASE)
_ABOUT = re.compile(r"\b(?:about|around|some|roughly|approximately|nearly|almost)\s*$",
                    re.IGNORECASE)
# "Jane Doe, 62, from Croydon", "aged 62": an age, not a count.
_AGE_BEFORE = re.compile(r"\baged\s+$", re.IGNORECASE)
_AGE_COMMAS = re.compile(r",\s*$")
_AGE_AFTER = re.compile(r"^\d{1,3}\s*(?:,|\bfrom\b|\bof\b)")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")

# "The cause of the fire is not yet known."
_UNKNOWN = re.compile(
    r"\b(?P<what>[Tt]he\s+[a-z]+(?:\s+(?:of|for|behind)\s+the\s+[a-z]+)?)\s+(?:is|are|was|were"
    r"|remains?)\s+(?:still\s+)?(?:not\s+(?:yet\s+)?known|unknown|unclear|not\s+(?:yet\s+)?clear)"
)
# "The company did not say which chemicals were stored."
_UNSAID = re.compile(
    r"\b(?P<who>[Tt]he\s+[a-z]+|[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+){0,3})\s+(?:did not|would not"
    r"|declined to|refused to|could not)\s+(?P<verb>say|disclose|reveal|confirm|specify|explain"
    r"|identify)\s+(?P<what>(?:which|what|who|whom|how|why|when|where|whether|if)\b[^.;,]{3,100})"
)
# "It was not clear whether anyone was inside."
_UNCLEAR = re.compile(
    r"\b[Ii]t\s+(?:is|was|remains|remained)\s+(?:not\s+(?:yet\s+)?(?:clear|known)|unclear|unknown)"
    r"\s+(?P<what>(?:whether|how|why|what|who|when|where|if)\b[^.;]{3,100})"
)



def _same_noun(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    if a.rstrip("s") == b.rstrip("s"):
        return True
    return any(a in c and b in c for c in NOUN_CLASSES)


def _people_then(outcome: str, count: re.Match[str], sentence: str) -> bool:
    """True when a count of people is followed closely by the headline's outcome word."""
    outcomes = next((c for c in NOUN_CLASSES
                     if outcome.lower() in c and ("killed" in c or "injured" in c)), None)
    noun = (count.group(3) or count.group(2) or "").lower()
    if outcomes is None or not (noun in _PEOPLE or (count.group(2) or "").lower() in _PEOPLE):
        return False
    window = sentence[count.end() : count.end() + 40].lower().split()[:4]
    return any(w.strip(",.") in outcomes for w in window)


def _number(token: str) -> int | None:
    value = parse_number(token)
    return None if value is None or value != int(value) else int(value)


def _counts(text: str, body: list[Sentence], nouns: list[tuple[int, str]]
            ) -> list[tuple[int, tuple[int, int], bool, int]]:
    """Body counts of the headline's nouns: (value, span, hedged, headline group)."""
    out = []
    for s in body:
        for c in _COUNT.finditer(s.text):
            if _is_age(s.text, c.start()) or _YEAR.match(c.group(1)) or (
                    c.group(2) or "").lower().startswith("year"):
                continue  # an age or a year is not a count of anything
            n = _number(c.group(1))
            hit = next(((hg, g) for hg, a in nouns for g in (2, 3)
                        if c.group(g) and _same_noun(a, c.group(g))), None)
            if hit is None:  # "Five killed" against "Seven people were killed"
                hit = next(((hg, 2 if (c.group(2) or "").lower() in _PEOPLE else 3)
                            for hg, a in nouns if _people_then(a, c, s.text)), None)
            if n is None or hit is None:
                continue
            hedged = bool(_HEDGED.search(s.text[: c.start()]))
            out.append((n, (s.start + c.start(), s.start + c.end(hit[1])), hedged, hit[0]))
    return out


def _is_age(sentence: str, at: int) -> bool:
    """Whether the number at ``at`` is someone's age ("Jane Doe, 62, from", "aged 62")."""
    before, after = sentence[:at], sentence[at:]
    return bool(_AGE_BEFORE.search(before)
                or (_AGE_COMMAS.search(before) and _AGE_AFTER.match(after)))


def _compatible(head: int, floor: bool, about: bool, body: int) -> bool:
    """Whether a body count can be true together with the headline's number."""
    if floor:
        return body >= head  # "at least 7" and "9 killed" agree
    if about:
        return abs(body - head) <= 0.2 * head
    return body == head


def contradictions(text: str, title: Sentence | None, body: list[Sentence]) -> list[Contradiction]:
    """Headline numbers that the body counts differently, for the same noun.

    A headline number disagrees only when no body count of the same noun repeats it ("200
    workers" and "about 200 workers" agree; "Three workers" then counts another group) and
    an exact body count cannot be true with it: "at least 7" is a floor, "about 200" allows a
    fifth either way. Vague words ("several") never contradict a number; ages ("Jane Doe,
    62,") and years are not counts.
    """
    if title is None:
        return []
    out: list[Contradiction] = []
    for m in _COUNT.finditer(title.text):
        value = _number(m.group(1))
        if value is None or _YEAR.match(m.group(1)) or _is_age(title.text, m.start()):
            continue
        before = title.text[: m.start()]
        floor, about = bool(_FLOOR.search(before)), bool(_ABOUT.search(before))
        nouns = [(g, m.group(g)) for g in (2, 3) if m.group(g)]
        counts = _counts(text, body, nouns)
        if any(_compatible(value, floor, about, c[0]) for c in counts):
            continue  # the body repeats (or fits) the headline's number
        other = next((c for c in counts if not c[2]), None)
        if other is None:
            continue
        h = (title.start + m.start(), title.start + m.end(other[3]))
        b = other[1]
        out.append(Contradiction(
            description=f'The headline says "{text[h[0]:h[1]]}" but the body says '
                        f'"{text[b[0]:b[1]]}".',
            evidence=[Span.at(text, *h), Span.at(text, *b)],
        ))
    return out[:3]


def open_questions(sentences: list[Sentence]) -> list[str]:
    """What the article itself says is not known or not said, in its own words."""
    out: list[str] = []
    for s in sentences:
        for m in _UNKNOWN.finditer(s.text):
            what = m.group("what")
            out.append(what[0].lower() + what[1:] + " (not known)")
        for m in _UNSAID.finditer(s.text):
            who = m.group("who")
            who = who[0].lower() + who[1:] if who.split()[0] == "The" else who
            out.append(f"{m.group('what').strip()} ({who} did not {m.group('verb')})")
        for m in _UNCLEAR.finditer(s.text):
            out.append(m.group("what").strip() + " (not clear)")
    return list(dict.fromkeys(out))
