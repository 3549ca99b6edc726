"""Cues in the words around a name that say whether it is a person or an organisation.

A name's own words decide most cases (``entities._kind``); these cues settle the
rest from what the article says about the name:

- an appositive after it: "X, a spokeswoman for ..." (a person) or "X, a storage
  company" (an organisation);
- a descriptor before it: "environmental group X", "retailer X" (an organisation);
- name particles: "Marieke de Vries" is a person unless the words after the particle
  name a known place ("Hoek van Holland").
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (
    ADJECTIVE_NAMES,
    ADVOCACY_HEADS,
    ADVOCACY_WORDS,
    COMPASS_WORDS,
    EVENT_FIRST,
    EVENT_HEADS,
    FOREIGN_PLACE_WORDS,
    FUNCTION_WORDS,
    GEO_FIRST,
    GEO_HEADS,
    GEO_HEADS_WEAK,
    ORG_DESCRIPTORS,
    ORG_HEADS,
    PHOTO_CREDITS,
    PLACE_HEADS,
    REPORTING_VERBS,
    ROLE_WORDS,
    THING_ACRONYMS,
    THING_HEADS,
    words,
)

PARTICLES = frozenset(("de", "van", "von", "der", "den", "da", "di", "du", "del", "della", "dos",
                       "das", "ter", "ten", "le", "la", "bin", "al", "el"))
_APPOS = re.compile(r"^,\s+(?P<d>(?:the|a|an)\s+[^,.;:“”\"()]{2,90}?)"
                    r"(?=[,.;)]|\s+(?:who|which|that)\b|$)")
_PREP = re.compile(r"\s+(?:of|for|at|from|with|in|on|to|that|which|who)\s+")
# "Environmental group X", "retailer X": at most two modifiers before the descriptor.
_BEFORE = re.compile(
    r"(?P<d>(?:\b[A-Za-z][\w\-]*\s+){0,2}\b(?P<h>" + "|".join(sorted(ORG_DESCRIPTORS, key=len,
                                                                      reverse=True))
    + r"))\s*,?\s+$"
)
_TRADED = re.compile(r"(?:[’']s)?\s+(?:shares|stock)\s+(?:are|were|is|was|rose|fell|closed|"
                     r"jumped|dropped|slid|gained|lost|climbed|tumbled|surged|sank|have|had)\b"
                     r"|(?:[’']s)?\s+(?:stock price|share price|market value|shareholders)\b")
# "Big Machine, which owns her masters": "which" is said of a thing or a body, never of
# someone.
_WHICH = re.compile(r"^,\s+which\s+(?:owns|owned|operates|operated|runs|ran|makes|made|"
                    r"employs|publishes|produces|sells|sold|was|is|has|had)\b")
# "Cook told Benioff, which meant …": after such a verb "which" is the whole clause's.
_VERB_BEFORE = re.compile(r"\b(?:told|asked|thanked|met|called|praised|introduced|said to|"
                          r"joined|interviewed|hired|fired|named|beat|defeated)\s+$")
_DETERMINERS = ("the", "a", "an", "its", "his", "her", "their", "our", "this", "that")


# What ends a compound adjective after a name: "French-born", "Romantic-era", "US-led".
_COMPOUND_ENDS = frozenset(words(
    """born based era led owned made style speaking backed linked run funded age class level
    grown raised bred inspired themed friendly free related sized controlled occupied
    registered listed trained educated american british period"""))


@dataclass(frozen=True)
class Cue:
    """What the context says about a name: its kind and the words that said it."""

    kind: str  # person | organization
    description: str
    span: tuple[int, int]


def _head(phrase: str) -> str:
    """The head noun of "a spokeswoman for the region" (spokeswoman), possessives dropped."""
    first = _PREP.split(phrase, maxsplit=1)[0]
    word = first.split()[-1].lower() if first.split() else ""
    return re.sub(r"[’']s?$", "", word)


def cue_after(text: str, end: int, start: int | None = None) -> Cue | None:
    """A kind from an appositive right after a name ("X, a storage company,"), or from
    "which" said of it ("Big Machine, which owns her masters,"; ``start``, where the name
    begins, rules out "Cook told Benioff, which meant …")."""
    traded = _TRADED.match(text, end)
    if traded:  # "Home Depot shares fell", "Lowe's stock price": a listed company
        return Cue("organization", "", (end, traded.end()))
    m = _APPOS.match(text[end : end + 140])
    if not m:
        w = _WHICH.match(text[end : end + 40])
        if w is None or start is None or _VERB_BEFORE.search(text[max(0, start - 20) : start]):
            return None
        return Cue("organization", "", (end + w.start() + 2, end + w.start() + 7))
    phrase = m.group("d").rstrip()
    head = _head(phrase)
    span = (end + m.start("d"), end + m.start("d") + len(phrase))
    if head in ROLE_WORDS:
        return Cue("person", phrase, span)
    if head in ORG_DESCRIPTORS:
        return Cue("organization", phrase, span)
    return None


def cue_before(text: str, start: int) -> Cue | None:
    """A kind from a descriptor right before a name ("environmental group X").

    "the party Putin founded" must not make Putin a party, so a bare determiner and
    descriptor is not enough: the descriptor opens the sentence or carries a modifier.
    """
    before = text[max(0, start - 60) : start]
    m = _BEFORE.search(before)
    if not m or not m.group("h").islower():
        return None
    words = m.group("d").split()
    cut = max((i + 1 for i, w in enumerate(words[:-1]) if w.lower() in _DETERMINERS), default=0)
    # "left the party X": the noun phrase starts after its determiner; "said environmental
    # group X": a verb or function word before it is not part of the description.
    words = words[cut:]
    while len(words) > 1 and words[0].lower() in FUNCTION_WORDS | REPORTING_VERBS:
        words = words[1:]
    opens = cut == 0 and len(words) == len(m.group("d").split()) and (
        not before[: m.start()].strip() or before[: m.start()].rstrip()[-1:] in ".:;\n—-")
    if len(words) < 2 and not opens:
        return None
    phrase = " ".join(words)
    a = start - len(before) + m.end("d") - len(phrase)
    return Cue("organization", phrase, (a, a + len(phrase)))


def particle_person(words: list[str], places: Container[str]) -> bool:
    """True for "Marieke de Vries": particles joining capitalised words, no place after them."""
    if not any(w in PARTICLES for w in words[1:-1]) or not words[0][:1].isupper():
        return False
    after = " ".join(words[[i for i, w in enumerate(words) if w in PARTICLES][-1] + 1 :])
    return not (after in places or words[-1] in places or words[0] in places)


def is_advocacy(description: str | None) -> bool:
    """True when an organisation's description says it speaks for a cause."""
    found = {w.lower() for w in re.findall(r"[A-Za-z\-]+", description or "")}
    return bool(found & ADVOCACY_WORDS) or any(w.startswith(("anti-", "pro-")) for w in found) \
        or _head(description or "x") in ADVOCACY_HEADS


_ROAD = re.compile(r"^[A-Z]{1,3}-\d+[A-Z]?$")
_PROTECTED = frozenset(("scenic", "nature", "national", "wildlife", "game", "marine", "forest",
                        "historic", "biosphere", "natural"))
_ROMAN = re.compile(r"^(?:[IVX]+|\d+(?:st|nd|rd|th)?)$")
_MIXED = re.compile(r"^(?=[^\d]*[A-Za-z])(?=.*\d)(?!\d+(?:st|nd|rd|th|s)$)[A-Za-z\d\-]+$")
_CODE = re.compile(r"^[A-Z]{0,3}-?\d[\w\-]*$")  # "A19", "M1", "737", "A-1"
# "the X" or a locative preposition right before a name: "in Hyde Park", "the Ross Sea".
_PLACE_BEFORE = re.compile(r"(?:\b(?:the|in|at|on|near|to|from|into|across|through|around|"
                           r"along|off|of|over|via)\s+)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.currencies)


_WORK_BEFORE = re.compile(
    r"\b(?:series|film|films|movie|movies|comedy|drama|sitcom|novel|novels|book|books|album|"
    r"albums|song|songs|single|play|plays|opera|poem|documentary|show|programme|program|"
    r"video|painting|sculpture|symphony|essay|thriller|musical|anthology|memoir|biography|"
    r"title|titled|entitled|called)\s*,?\s+(?:the\s+)?$")
_WORK_AFTER = re.compile(r"^\s*\((?:19|20)\d\d\)")
# "his Dumky Trio", "Joseph Conrad's Secret Agent": what a person made or owns.
_OWNED = re.compile(r"(?:\b(?:his|her|their)|\b[A-Z][\w\-]+\s+[A-Z][\w\-]+[’']s)\s+$")


def is_work(text: str, start: int, end: int) -> bool:
    """True for the title of a work: "the television series Gilmore Girls", "the romantic
    comedy, Chasing Liberty (2004)", "his Dumky Trio", "Joseph Conrad's Secret Agent"."""
    before = text[max(0, start - 40) : start]
    return bool(_WORK_BEFORE.search(before) or _OWNED.search(before)
                or _WORK_AFTER.match(text[end : end + 12]))


def not_actor(name: str, before: str = "") -> str | None:
    """What a capitalised name is when it is not a person, organisation or group of people.

    "place" (Lake Erie, Hudson River, Main Street), "event" (World Cup, Cyclone Phailin,
    Dubai Air Show), "thing" (Hubble Space Telescope, Seventh Symphony, DNA, USD, A19) or
    "adjective" (English, Latin American, Romantic-era); None for a possible actor. Decided by
    the name's own words: its last word (the head), its first word, its shape. ``before`` is
    the text before one of its mentions: a surname-like head ("Hill") needs "the" or "in".
    """
    found = _by_words(name)
    if found is None and _weak_head(name) and _PLACE_BEFORE.search(before):
        return "place"
    return found


@lru_cache(maxsize=8192)
def _weak_head(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and words[-1].lower() in GEO_HEADS_WEAK


@lru_cache(maxsize=8192)
def _by_words(name: str) -> str | None:
    """``not_actor`` from the name's own words alone."""
    words = name.replace("’", "'").split()
    if not words:
        return None
    lows = [w.lower().rstrip(".,") for w in words]
    last = lows[-1]
    if len(words) >= 2 and _ROMAN.match(words[-1]) and lows[-2] in EVENT_HEADS:
        last = lows[-2]  # "World War II"
    if lows[-1] in ("images", "photos", "pictures") or all(
            w in PHOTO_CREDITS or w in ("associated", "press", "agence", "france-presse")
            for w in lows):
        return "thing"  # "Getty Images", "AP", "Reuters": a picture or wire credit
    if last in ORG_HEADS:
        return None
    bare = name.replace(".", "")
    if len(words) >= 2 and any(_MIXED.match(w) for w in words[:-1]):
        return "thing"  # "RAV4 Prime", "PS4 DualShock": a model number inside the name
    if len(words) == 1:
        if len(bare) <= 1 or bare.lower() in THING_ACRONYMS or (
                len(bare) == 3 and bare.isupper() and bare in _currencies()):
            return "thing"
        if _CODE.match(name):
            return "thing"
        if last in GEO_HEADS or last in COMPASS_WORDS:
            return "place"  # "Creek", "Northeast": a common noun or a direction, capitalised
        if last in EVENT_HEADS:
            return "event"
        stem = re.sub(r"(?:wo)?m[ae]n$", "", last)
        if stem != last and (stem in ADJECTIVE_NAMES or stem + "ish" in ADJECTIVE_NAMES):
            return "adjective"  # "Dutchman", "Frenchwoman", "Englishmen": a nationality
    elif _CODE.match(words[-1]) and not _ROMAN.match(words[-1]):
        return "thing"  # "Boeing 737", "Windows 10"
    elif any(_ROAD.match(w) for w in words) or all(len(w) == 1 or w == "&" for w in words):
        return "place"  # "I-44 West", "US-75 South"; "C & D": a junction
    parts = re.split(r"-", lows[-1])
    if len(parts) > 1 and (parts[-1] in _COMPOUND_ENDS or parts[-1] in ADJECTIVE_NAMES):
        # "Romantic-era", "French-born", "Iraqi-British"; not "Tsai Ing-wen", "Moon Jae-in"
        return "adjective"
    if last in ADJECTIVE_NAMES:
        return "adjective"
    if any(w in FOREIGN_PLACE_WORDS for w in lows):
        return "place"  # "Catedral de San Ildefonso", "Anse Bertrand", "Meydan Kohne"
    if len(words) >= 2 and lows[0] in COMPASS_WORDS and lows[1] == "of":
        return "place"  # "East of Main", "Northeast of Temescal"
    if len(words) >= 3 and lows[1] == "of" and PLACE_HEADS.get(lows[0]) == "site":
        return "place"  # "Cathedral of Christ", "Museum of Modern Art"
    if len(words) >= 2 and lows[-2] in _PROTECTED and last == "reserve":
        return "place"  # "Henga Scenic Reserve"; not the Federal Reserve
    if len(words) >= 2 and last in COMPASS_WORDS and any(w in GEO_HEADS for w in lows[:-1]):
        return "place"  # "Bridge Plaza North"
    if len(words) >= 2:
        # "Los Angeles Lakers", "Boston Red Sox": a team named for its city is no place.
        team = words[-1].endswith("s") and not words[-1].endswith("ss")
        if last in GEO_HEADS or (lows[0] in GEO_FIRST and not team):
            return "place"
        if last in EVENT_HEADS or lows[0] in EVENT_FIRST:
            return "event"
        if last in THING_HEADS:
            return "thing"
    return None
