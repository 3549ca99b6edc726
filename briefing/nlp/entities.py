"""People, organisations and groups: clusters of mentions with a kind and a role."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Container
from dataclasses import dataclass, field
from functools import lru_cache

from .kinds import Cue, cue_after, cue_before, is_work, not_actor, particle_person
from .lexicon import (
    ACTOR_NOUNS,
    ADJECTIVE_NAMES,
    EVENT_HEADS,
    FUNCTION_WORDS,
    GEO_HEADS,
    OCCUPATIONS,
    ORG_HEADS,
    PEOPLE_NOUNS,
    PLACE_HEADS,
    REPORTING_VERBS,
    ROLE_WORDS,
)
from .mentions import SITE_HEADS, Mention
from .numbers import NUMBER
from .person_names import is_given_name, is_surname
from .places import is_demonym
from .sentences import Sentence

_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_BREAK = re.compile(r"\n")
_HONOURED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame)\.?\s+$")


@lru_cache(maxsize=8192)
def fold(name: str) -> str:
    """A name without accents or case, for matching its spellings ("Dvořák", "Dvorak")."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
_QUANTITY = (
    r"(?:(?:at least|at most|more than|fewer than|less than|about|around|nearly|almost|some|"
    r"up to|over)\s+)?(?:" + NUMBER + r"|several|many|dozens of|scores of"
    r"|hundreds of|thousands of|a number of|a group of|a team of|team of|group of|a few)"
)
_GROUP = re.compile(
    rf"\b(?:(?P<q>(?i:{_QUANTITY}))\s+)?(?P<mod>(?:[A-Z][\w’'\-]*\s+){{0,2}})(?:(?P<adj>[a-z][a-z\-]+)\s+)?"
    rf"(?P<noun>(?i:{'|'.join(sorted(PEOPLE_NOUNS, key=len, reverse=True))}))\b",
)
_DWELLERS = re.compile(r"\b([A-Za-z]+)\s+of\s+[A-Z][\w’'\-]*(?:\s+(?:(?:van|von|de|der|den|"
                       r"da|di|du|del|la|le|al|el)\s+)?[A-Z][\w’'\-]*){0,3}")
_ACTOR = re.compile(
    rf"\b(?:the|a|an)\s+(?:(?:[a-z][a-z\-]+|[A-Z][a-z]+)\s+)?(?P<noun>{'|'.join(ACTOR_NOUNS)})\b"
)
# "X, legal director of Y," and "Tim Clark, Emirates president,": an organisation's name
# may open the role.
_APPOSITIVE = re.compile(r"^,\s+(?P<role>(?:the |a |an )?(?:[A-Z][\w&’'.\-]*\s+){0,3}[a-z]"
                         r"[^,.;:“”\"()]{2,90}?)(?=[,.;)]|$)")
_AGE = re.compile(r"^,\s+\d{1,3}\s*,")


@dataclass
class Entity:
    """A person, organisation or group, with every mention of it."""

    name: str
    kind: str  # person | organization | group
    mentions: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[int] = field(default_factory=list)
    role: str | None = None
    role_span: tuple[int, int] | None = None
    score: float = 0.0
    # What the article calls an organisation: "a storage company", "Environmental group".
    description: str | None = None
    # A name in title case the article never treats as a person's ("Apple TV"): kept for
    # telling places from people, never listed in Who.
    unsure: bool = False


def position_weight(sentence: int, lead: int) -> float:
    """Headline and lead weigh most: news puts the central actor first."""
    if sentence == 0:
        return 4.0
    if sentence <= lead:
        return 3.0
    if sentence <= lead + 2:
        return 2.0
    return 1.0 + 2.0 / (sentence - lead)


def _kind(name: str, context_after: str, places: Container[str] = ()) -> str:
    words = name.replace(".", "").split()
    last = words[-1].lower()
    if last in ORG_HEADS or any(w.lower() in ORG_HEADS for w in words[1:]):
        return "organization"
    if last in PLACE_HEADS:  # "White House", "Trump Tower": a site, never a person
        return "organization"
    if len(words) == 1 and (name.isupper() or re.fullmatch(r"(?:[A-Z]\.){2,}", name)):
        return "organization"
    if len(words) >= 2 and last.endswith("s") and (
            last[:-1] in ROLE_WORDS or (last.endswith("ns") and name[:-2] in places)):
        return "group"  # "House Democrats", "South Dakotans": members or people of somewhere
    if re.match(r"\s*(?:,\s*\d{1,3}\s*,|\(\d{1,3}\))", context_after):
        return "person"
    if len(words) >= 2 and _LOWER_BODY.match(context_after):
        return "organization"  # "the Democratic Progressive party": a body named before its noun
    role = re.match(r"\s+([a-z]+)\b", context_after)
    if len(words) >= 2 and role and role.group(1) in ROLE_WORDS - _KIN:
        return "organization"  # "VOA Pentagon correspondent X", "Red Bull boss X": the employer
    if (words[0] in _CLUB_MARKS and not _initials(words, places)) or words[-1] in _CLUB_MARKS:
        return "organization"  # "FC Porto", "Everton FC"
    if 2 <= len(words) <= 4 and (
            (_population(" ".join(words[:-1]), places) >= 300_000 and words[-1].endswith("s"))
            or (_population(words[0], places) >= 300_000 and words[-1].endswith("s"))
            or any(_population(w, places) >= 10**6 for w in words)):
        return "organization"  # "Boston Red Sox", "Real Madrid", "Paris Saint-Germain"
    if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
        return "person"
    if 3 <= len(words) <= 5 and particle_person(words, places):
        return "person"  # "Marieke de Vries", "Ursula von der Leyen"
    return "organization"


def _initials(words: list[str], places: Container[str]) -> bool:
    """"AC Grayling", "BC Smith": two initials and a person's name, not a club of a town
    ("AC Milan", "SC Freiburg")."""
    rest = " ".join(words[1:])
    # Only "AC" is as often a person's initials as a club's mark ("SC Johnson", "FC Emmen").
    return len(words) == 2 and words[0] == "AC" and _population(rest, places) < 100_000 \
        and (is_surname(words[1]) or is_given_name(words[1]))


_KIN = frozenset(("father", "mother", "son", "daughter", "brother", "sister", "wife", "husband"))
_LOWER_BODY = re.compile(r"\s+(?:party|movement|coalition|alliance|foundation|institute|"
                         r"council|committee|union|association|league|federation)\b")
_CLUB_MARKS = frozenset(("FC", "AFC", "CF", "AC", "SC", "SV", "FK", "SK", "BC"))
_NOBLE = frozenset(("duke", "duchess", "earl", "count", "countess", "baron", "baroness", "lord",
                    "lady", "archbishop", "bishop", "emperor", "empress", "tsar", "sultan",
                    "emir", "sheikh", "marquess", "viscount", "saint", "st"))
_COMPASS = frozenset(("north", "south", "east", "west", "northern", "southern", "eastern",
                      "western", "central", "northeast", "northwest", "southeast", "southwest",
                      "upper", "lower", "greater", "downtown", "old"))

# Countries that are also given names or surnames ("Michael Jordan", "Steve Israel").
_COUNTRY_NAMES = frozenset(("Jordan", "Chad", "Georgia", "Israel", "Kenya", "India", "Niger"))


def _population(name: str, places: Container[str]) -> int:
    """How many people live in a place of this name (regions and countries count as large);
    0 when the gazetteer does not know it."""
    entry = places.get(name) if isinstance(places, dict) else None
    if not entry or entry == ("region", 10**6):
        return 0  # a province somewhere that shares a word ("Paul"): no evidence
    return int(entry[1])


def _is_country(word: str, places: Container[str]) -> bool:
    if word in _COUNTRY_NAMES or not isinstance(places, dict):
        return False
    entry = places.get(word)
    return entry is not None and entry[0] == "country"


def split_glued(text: str, mentions: list[Mention], places: Container[str]) -> list[Mention]:
    """Cut names that a caption or a title glued onto the name after them.

    "Hillary Clinton Donald Trump", "Brazil Grand Prix Christian Horner", "ambassador to
    Britain Liu Xiaming": the run ends in a person's name the article also uses on its own
    (whole, or its surname), and what comes before is a place, an event, another name of the
    article, an organisation or a demonym ("Frenchman"): two mentions. A title before a name
    ("FBI Director James Comey") is left to ``split_title``.
    """
    alone = {m.text for m in mentions} | {split_title(m.text)[1] for m in mentions}
    surnames = {m.text for m in mentions if " " not in m.text}
    out: list[Mention] = []
    for m in mentions:
        cut = _glue_point(m.text.split(), alone, surnames, places)
        if not cut:
            out.append(m)
            continue
        words = m.text.split()
        head = " ".join(words[:cut])
        tail_at = m.start + m.text.index(" ".join(words[cut:]), len(head))
        out.append(Mention(m.start, m.start + len(head), head, m.sentence, m.initial))
        out.append(Mention(tail_at, m.end, text[tail_at : m.end], m.sentence, False))
    return out


def _glue_point(words: list[str], alone: set[str], surnames: set[str],
                places: Container[str]) -> int:
    """Where a glued run splits (the index of the second name's first word), or 0."""
    if len(words) < 3:
        return 0
    for cut in range(1, len(words)):
        prefix, suffix = words[:cut], words[cut:]
        if len(suffix) == 1:  # "Mitch McConnell Trump": two names the article uses alone
            own = split_title(" ".join(prefix))[1]  # "Senate Leader Mitch McConnell Trump"
            if suffix[0] in alone and len(own.split()) >= 2 and own in alone \
                    and suffix[0][:1].isupper() and prefix[-1].lower() not in _CONNECTORS:
                return cut
            continue
        if suffix[0].lower().strip(".") in ROLE_WORDS or prefix[-1].lower().strip(".") in (
                ROLE_WORDS | _CONNECTORS) or suffix[0].lower() in _CONNECTORS:
            continue
        if len(suffix) > 3 or any(w.lower() in ORG_HEADS or w.lower() in PLACE_HEADS
                                  or not w[:1].isupper() for w in suffix):
            continue
        name, before = " ".join(suffix), " ".join(prefix)
        if re.fullmatch(r"[A-Z]\.", suffix[0]) or (
                name not in alone and suffix[-1] not in surnames and suffix[0] not in surnames):
            continue  # "Paul D. Ryan" is one name; "Liu Xiaming" when "Liu" is said alone
        if suffix[-1].endswith("s") and _population(before, places):
            continue  # "Boston Red Sox": the team, not Boston and a person
        last = prefix[-1].lower()
        if (before in alone and len(prefix) >= 2) or _population(before, places) >= 10**6 \
                or not_actor(before) in ("event", "place") or last in ORG_HEADS \
                or last in ("relations", "affairs", "rights", "studies", "resources") \
                or last.endswith(("man", "men")) or is_demonym(prefix[-1]):
            return cut
    return 0


_CONNECTORS = frozenset(("of", "de", "van", "von", "der", "da", "di", "du", "al", "el", "bin",
                         "la", "le", "&", "and"))


def _other_kind(text: str, m: Mention, name: str, places: Container[str],
                lower: set[str]) -> str | None:
    """What the first mention of a new name says it is when not an actor (``not_actor``,
    places by their parts, works by their cue, title-cased ordinary words), or None."""
    words = name.split()
    # "Lake Erie", "World Cup", "Hubble Space Telescope", "English": dropped below unless
    # the article calls it an organisation or a person ("environmental group Clean Sea").
    other = not_actor(name, text[max(0, m.start - 30) : m.start])
    if other is None and len(words) >= 2 and name.isupper() and all(
            len(w.strip(".,")) > 1 and w.lower() not in ORG_HEADS for w in words) and " ".join(
            w[:1] + w[1:].lower() for w in words) not in text:
        other = "thing"  # "NISSAN SENTRA", "GET OUT": a product, a slogan or a heading in
        # capitals; "FELIPE MASSA" in a caption stays a name when the text has "Felipe Massa"
    if other is None and "&" in words[1:-1] and all(
            _population(side.strip(), places) for side in name.split("&")):
        other = "place"  # "Tempe & Mesa": two towns, a junction or a route
    of = words.index("of") if "of" in words[1:-1] else 0
    if other is None and len(words) >= 2 and (
            _is_country(words[-1], places) or (words[0].lower() in _COMPASS
                                               and " ".join(words[1:]) in places)
            or (of and _population(" ".join(words[of + 1 :]), places) >= 100_000
                and not any(w.lower().strip(".") in ORG_HEADS | ROLE_WORDS | _NOBLE
                            for w in words[:of]))):
        other = "place"  # "Classical Greece", "Western Europe", "West Oakland"
    if other is None and is_work(text, m.start, m.end):
        other = "thing"  # "the television series Gilmore Girls"
    if other is None and len(words) >= 2 and all(
            (w.lower() in lower and w.lower() not in ORG_HEADS)
            or w.lower() in FUNCTION_WORDS for w in words):
        other = "thing"  # "Living Wage", "Horse Racing": ordinary words in title case
    return other


def cluster_names(text: str, mentions: list[Mention], places: Container[str]) -> list[Entity]:
    """Group mentions into entities; a surname alone joins the full name said before or after.

    A lone word that names a known place ("Croydon") never joins a person.
    """
    entities: dict[str, Entity] = {}
    surname: dict[str, str] = {}
    given: dict[str, set[str]] = {}  # first word of a full name -> the names it opens
    ends: dict[tuple[str, str], str] = {}  # (first, last word) of a full name with a middle
    things: set[str] = set()  # keys of names that are not actors by their own words
    mentions = split_glued(text, mentions, places)
    lower = set(_LOWER_WORD.findall(text))
    ordered = sorted(mentions, key=lambda m: (-len(m.text.split()), m.start))
    for m in ordered:
        title, name = split_title(_HONORIFIC.sub("", m.text))
        if not name or all(w.lower().strip(".") in ROLE_WORDS for w in name.split()):
            continue  # "President" alone is a title, not a name
        words = name.split()
        if len(words) == 1 and is_demonym(name):
            continue  # "Russian soldiers": an adjective; groups are found separately
        folded = fold(name)
        # "Croydon" alone stays the town; "Obama" after "Barack Obama" is him, not the small
        # Japanese town of that name.
        town = name in places and (_population(name, places) >= 100_000
                                   or not isinstance(places, dict))
        key = folded if town else surname.get(folded, folded)
        if key == folded and len(words) == 1 and len(given.get(folded, ())) == 1 \
                and name not in places:
            key = next(iter(given[folded]))  # "Daniel" after "Daniel Bernoulli"
        if key == folded and len(words) == 2:
            key = ends.get((fold(words[0]), fold(words[1])), key)  # "Joshua Norton"
            key = ends.get(("", folded), key)  # "Eriksson Ek" after "Joel Eriksson Ek"
        ent = entities.get(key)
        if ent is None:
            kind = _kind(name, text[m.end : m.end + 24], places)
            if len(words) == 1 and name.endswith("s") and (
                    is_demonym(name[:-1]) or name[:-1].lower() in ADJECTIVE_NAMES):
                kind = "group"  # "Indonesians", "Thais": a people
            ent = entities[key] = Entity(name, kind)
            if not title and _other_kind(text, m, name, places, lower):
                things.add(key)
            if ent.kind == "person" and len(words) >= 2:
                surname.setdefault(fold(words[-1]), key)
                given.setdefault(fold(words[0]), set()).add(key)
                if len(words) >= 3:  # "Joshua Abraham Norton" is also "Joshua Norton"
                    ends.setdefault((fold(words[0]), fold(words[-1])), key)
                if len(words) == 3:  # and a double surname alone
                    ends.setdefault(("", fold(" ".join(words[1:]))), key)
        honoured = _HONOURED.search(text[max(0, m.start - 8) : m.start])
        if (m.text != name or honoured) and ent.kind == "organization":
            ent.kind = "person"  # an honorific or a title makes it a person
        if title and ent.role is None:
            ent.role = title
            r_start = m.start + m.text.index(title)
            ent.role_span = (r_start, r_start + len(title))
        offset = m.text.rindex(name)
        ent.mentions.append((m.start + offset, m.start + offset + len(name)))
        ent.sentences.append(m.sentence)
    titled = {e.name for e in entities.values() if e.role_span}
    after_title = [m.end() for m in _TITLE_BEFORE.finditer(text)]  # once, not per name
    out = []
    for key, ent in entities.items():
        order = sorted(zip(ent.mentions, ent.sentences, strict=True))
        ent.mentions = [o[0] for o in order]
        ent.sentences = [o[1] for o in order]
        if _gallery_credit(text, ent):
            continue  # "… Ben Morgan 6/8 A police cordon …": a photographer's credit
        if _apply_cues(text, ent, ent.name in titled) or (
                key not in things and not _lies_somewhere(text, ent)
                and not _reports(text, ent)):
            out.append(ent)
            if ent.kind == "person" and not ent.role_span and not _person_evidence(
                    text, ent, after_title):
                out.extend(_unsure(text, ent))
    return out


_COUNTER = re.compile(r"[ \t]+\d{1,2}/\d{1,2}\b")


def _gallery_credit(text: str, ent: Entity) -> bool:
    """Every mention followed by a gallery's picture counter ("Ben Morgan 6/8 A police
    cordon …"): a photo credit in captions glued to the text, not an actor."""
    return bool(ent.mentions) and all(_COUNTER.match(text, b) for _, b in ent.mentions)


def _unsure(text: str, ent: Entity) -> list[Entity]:
    """Mark ``ent`` as no person; its one-word mentions, joined to it as a surname or a given
    name would be ("Toblerone" to "Toblerone Milk Chocolate"), become a name of their own."""
    ent.unsure = True
    alone = [(i, m) for i, m in enumerate(ent.mentions) if " " not in text[m[0] : m[1]]]
    if not alone or len(alone) == len(ent.mentions):
        return []
    word = text[alone[0][1][0] : alone[0][1][1]]
    single = Entity(word, _kind(word, ""), [m for _, m in alone],
                    [ent.sentences[i] for i, _ in alone])
    keep = {i for i, _ in alone}
    ent.sentences = [x for i, x in enumerate(ent.sentences) if i not in keep]
    ent.mentions = [m for i, m in enumerate(ent.mentions) if i not in keep]
    return [single]


_TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+")
_INITIAL = re.compile(r"^(?:[A-Z]\.){1,3}$")
# What only a person is or has: an age, a pronoun, a family, "who".
_PERSONAL_AFTER = re.compile(
    r"^(?:,\s+\d{1,3}\s*,|\s*\(\d{1,3}\)|,?\s+who(?:se)?\b|[’']s\s+(?:wife|husband|son|"
    r"daughter|mother|father|brother|sister|family|partner|girlfriend|boyfriend|children|"
    r"parents|widow|mum|mom|dad)\b)")
_TWO_NAMES = re.compile(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+")
_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|hers|himself|herself)\b", re.IGNORECASE)
_SPEAKS_AFTER = re.compile(r"\s+(?:also\s+|then\s+|later\s+)?(?:"
                           + "|".join(sorted(REPORTING_VERBS)) + r")\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|told)\s+$")
# A name used as a modifier: "the Britney Spears story", "a Taylor Swift song".
_ATTRIBUTIVE = re.compile(
    r"\s+(?!(?:is|was|are|were|has|had|have|will|would|can|could|at|in|on|of|for|with|to|and|"
    r"or|from|by|as|that|which|who|beat|won|lost|made|took|went|came|got|led|ran|held|met|"
    r"left|saw|set|put|hit|fell|rose|sold|paid|built|sent|gave|kept|began|became|"
    + "|".join(sorted(REPORTING_VERBS)) + r")\b)[a-z]{3,}(?<!ed)(?<![^s]s)\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an)\s+$", re.IGNORECASE)
# Words that open a person's name as a rank, not a given name: "Sir Keir Starmer", "Pope
# Francis", "King Charles".
_NAMED_BY_RANK = frozenset(("sir", "dame", "pope", "king", "queen", "prince", "princess"))


def _person_evidence(text: str, ent: Entity, after_title: list[int]) -> bool:
    """Is a name of two or more words a person's? A known given name first or surname last
    ("Aryavir Kumar", "J. Anasa", "Barack Obama") is enough; otherwise the article must treat
    it as one somewhere: an age, an honorific or a title before it, "who" or a family after
    it, a role in apposition, or "he"/"she" next in its sentence or opening the next one.
    Products, series and headings in title case ("Apple TV", "Echo Show", "Basic
    Activities") have none of these."""
    words = ent.name.split()
    if len(words) < 2 or not ent.name[:1].isupper():
        return True  # one word (ranked apart) or a description ("rescue official")
    first, surname = words[0], words[-1]
    known = bool(_INITIAL.match(first) or is_given_name(first)
                 or is_given_name(first.split("-")[0]) or is_surname(surname)
                 or first.lower() in _NAMED_BY_RANK)
    # "the Golden Globes", "unveiled the Galaxy Ring … The Galaxy Ring tracks": a thing, not
    # someone ("the Britney Spears story" is hers, "The Dalai Lama, 88," is someone);
    # "the Rail Accident Investigation Branch", "the Rice Owls": a body, a team.
    full = [(a, b) for a, b in ent.mentions
            if " " in text[a:b] and not _ATTRIBUTIVE.match(text, b)]
    with_the = sum(bool(_ARTICLE_BEFORE.search(text, max(0, a - 5), a)) for a, _ in full)
    if with_the * 2 > len(full) and (with_the >= 2 or not known) \
            and not any(_PERSONAL_AFTER.match(text[b : b + 80]) or _role_after(text, b)
                        for _, b in full):
        if surname.lower() in EVENT_HEADS:
            return False  # "the World Series"
        if len(words) >= 3 or (surname.endswith("s") and not surname.endswith("ss")):
            ent.kind = "organization"  # "the Rice Owls": a team, a band
            return True
        return False
    if known:
        return True
    for a, b in ent.mentions:
        if text[a:b] == surname and not surname.isupper() and (
                _SPEAKS_AFTER.match(text, b) or _SAID_BEFORE.search(text, max(0, a - 12), a)):
            return True  # "Djokovic said", "said Starmer": someone called by the surname
    for start, end in ent.mentions:
        after = text[end : end + 80]
        before = text[max(0, start - 40) : start]
        if _PERSONAL_AFTER.match(after) or _HONOURED.search(before):
            return True
        if _role_after(text, end):
            return True
        last = before.split()[-1].lower().strip(".,") if before.split() else ""
        if last in ROLE_WORDS:
            return True
        stop = re.search(r"[.!?](?:\s|$)", text[end : end + 300])
        rest = text[end : end + (stop.start() if stop else 160)]
        pronoun = _PRONOUN.search(rest)
        if pronoun and not _TWO_NAMES.search(rest, 0, pronoun.start()):
            return True  # "X was fortunate to see his …": no other name before "his"
        opening = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
        if stop and re.match(r"\s*(?:He|She)\b", text[end + stop.end() : end + stop.end() + 6]) \
                and not _TWO_NAMES.search(text, opening, start) \
                and not _TWO_NAMES.search(rest):
            return True  # "X crashed on lap 20. He …": the only name in its sentence
    at_surname = re.compile(rf"{re.escape(surname)}\b")
    return any(at_surname.match(text, pos) for pos in after_title)  # "Mr Quenby" elsewhere


def _role_after(text: str, end: int) -> bool:
    """"X, leader of the Ismaili Muslims,": a role in apposition after a name."""
    m = _APPOSITIVE.match(text[end : end + 80])
    return bool(m and any(w in ROLE_WORDS for w in re.findall(r"[a-z]+", m.group("role"))))


_TOLD = re.compile(r"(?:\b(?:[Tt]old|[Tt]ells|[Tt]elling|[Ii]nterview with|[Ss]poke to|"
                   r"[Ss]peaking to|[Tt]alking to|[Tt]alked to)\s+(?:the\s+)?|"
                   r"(?:^|[.!?]\s+|\n)With\s+)$")
_ASKS = re.compile(r"^(?:[’']s?\s+\w+\s+)?\s*(?:interviewed|interviews|caught up with|spoke with|"
                   r"talked with|asked|reporters?|correspondents?|journalists?|interview)\b")


def _reports(text: str, ent: Entity) -> bool:
    """True for the outlet that reports the story ("Wikinews interviewed X", "X told CNN",
    "a BBC reporter"): it asks, it does not act in the story."""
    if ent.kind == "person" or len(ent.mentions) < 1:
        return False
    return all(_TOLD.search(text[max(0, a - 20) : a]) or _ASKS.match(text[b : b + 30])
               for a, b in ent.mentions)


_IN = re.compile(r"\b(?:in|near|across|throughout|outside|inside|into|around|within)\s+"
                 r"(?:the\s+)?$", re.IGNORECASE)


def _lies_somewhere(text: str, ent: Entity) -> bool:
    """True for a name the article mostly puts after "in", "near", "across" ("in Donbas",
    "across Upper Manhattan"): a place, unless its own words make it an organisation or
    it is someone's ("in Trump's speech")."""
    if ent.kind != "person" and (ent.name.isupper() or any(
            w.lower() in ORG_HEADS for w in ent.name.split())):
        return False
    hits = sum(bool(_IN.search(text[max(0, a - 20) : a])) and text[b : b + 2] not in ("'s", "’s")
               for a, b in ent.mentions)
    return hits * 2 > len(ent.mentions)


def _apply_cues(text: str, ent: Entity, titled: bool) -> bool:
    """Let what the article says about a name settle its kind ("X, a storage company").

    True when the context says it is a person or an organisation.
    """
    cues: list[Cue] = []
    for start, end in ent.mentions:
        cues += [c for c in (cue_after(text, end, start), cue_before(text, start)) if c]
    if any(c.kind == "person" for c in cues) or titled:
        if ent.kind == "organization" and len(ent.name.split()) >= 2:
            ent.kind = "person"
        return True
    org = next((c for c in cues if c.kind == "organization"), None)
    if org is not None and ent.kind != "group":
        ent.kind = "organization"
        ent.description = org.description
    return org is not None


def find_roles(text: str, entities: list[Entity]) -> None:
    """Fill ``role`` from an appositive ("X, legal director of Y,") or a title before a name."""
    for ent in entities:
        if ent.kind != "person":
            continue
        for start, end in ent.mentions:
            after = text[end : end + 120]
            if _AGE.match(after):
                continue
            m = _APPOSITIVE.match(after)
            if m and any(w in ROLE_WORDS for w in re.findall(r"[a-z]+", m.group("role"))):
                role = m.group("role").rstrip()
                r_start = end + m.start("role")
                ent.role, ent.role_span = role, (r_start, r_start + len(role))
                break
            before = text[max(0, start - 50) : start]
            m2 = re.search(r"((?:[A-Z][\w.\-]*\s+){0,3}[a-z\-]+)\s+$", before)
            if m2 and m2.group(1).split()[-1] in ROLE_WORDS:
                r_start = start - len(before) + m2.start(1)
                ent.role, ent.role_span = m2.group(1), (r_start, r_start + len(m2.group(1)))
                break


# Titles written short before a name ("Sen. Ted Cruz", "Lt. Col. Alexander Vindman") and
# the positions sports pages put there ("Browns DL Sheldon Richardson").
_TITLE_SHORT = frozenset(("rep", "sen", "gov", "lt", "col", "cmdr", "capt", "gen", "sgt", "hon",
                          "adm", "maj", "cpl", "pvt", "supt", "insp", "det", "amb", "rev", "cllr",
                          "atty", "pres", "gov't"))
_POSITIONS = frozenset(("QB", "WR", "RB", "LB", "CB", "TE", "DL", "OL", "DE", "DB", "DT", "OT"))
_CONNECTORS = frozenset(("of", "for", "at"))


_PLACE_OPENERS = frozenset(("New", "San", "Santa", "Los", "Las", "Fort", "Port", "Saint",
                            "St.", "St"))


def _someone(words: list[str]) -> bool:
    """Can ``words`` after an occupation ("Musician Lady Gaga") be a person's name? Not a
    street, a firm or a plural ("Composer Street", "Singer Vehicle Design", "Historian
    Books")."""
    last = words[-1].lower()
    if last in GEO_HEADS or last in SITE_HEADS or last in ORG_HEADS or last in OCCUPATIONS \
            or (last.endswith("s") and not is_surname(words[-1])):
        return last in OCCUPATIONS  # "Poet Laureate Simon Armitage": the title goes on
    return is_given_name(words[0]) or is_surname(words[-1])


def split_title(name: str) -> tuple[str | None, str]:
    """("FBI Director", "James Comey") from "FBI Director James Comey"; ("Secretary of
    State", "Mike Pompeo"); ("Browns DL", "Sheldon Richardson"); (None, "Steve Castro") from
    "Employee Steve Castro"; no title: (None, name)."""
    words = name.split()
    if words[-1].lower() in ORG_HEADS:
        return None, name
    cut = 0
    for i, w in enumerate(words[:-1]):
        low = w.lower().strip(".")
        # "Emperor Norton", "Tsar Peter"; not "Lady Gaga" or "St Kitts", which are names
        if low in ROLE_WORDS or (low in _NOBLE and low not in ("st", "saint", "lady", "lord")) \
                or w in ("Prime", "Vice", "Assistant", "Deputy") or w in _POSITIONS \
                or (low in _TITLE_SHORT and w[:1].isupper()) \
                or (low in OCCUPATIONS and _someone(words[i + 1 :])):
            cut = i + 1
    if 0 < cut == len(words) - 1 and words[cut - 1].lower() in _TITLE_SHORT \
            and words[cut].isupper() and len(words[cut]) <= 2:
        return None, name  # "Gen Z", "Gen X": a generation, no one's surname
    if 0 < cut < len(words) and words[cut] in _CONNECTORS:
        # "Secretary of State Mike Pompeo": the title runs on to the given name.
        given = [j for j in range(cut + 2, len(words) - 1)
                 if words[j][:1].isupper() and is_given_name(words[j])]
        if not given:
            return None, name  # "Governor of Virginia": an office named whole, no one's name
        cut = given[0]
    if cut == 0 and len(words) >= 3 and not is_given_name(words[0]):
        # "Employee Steve Castro", "Hong Kong Carrie Lam": a given name and a known surname
        # after words that are neither.
        # Not "York" of "New York Mets", a place's second word.
        given = [j for j in range(1, len(words) - 1)
                 if words[j][:1].isupper() and is_given_name(words[j])
                 and words[j - 1] not in _PLACE_OPENERS]
        if given and any(w in _CONNECTORS or w in ("and", "&")
                         or w.lower() in ORG_HEADS for w in words[: given[0]]):
            given = []  # "Bank of America Merrill Lynch": one name whole
        # The words before are no title: the name alone ("Brexit Gemma Pryor Gemma Pryor",
        # a caption glued to the text, is "Gemma Pryor").
        if given and len(words) - given[0] in (2, 3) and is_surname(words[-1]):
            return None, " ".join(words[given[0] :])
        if given and words[given[0] :] == 2 * words[given[0] : given[0] + 2]:
            return None, " ".join(words[given[0] : given[0] + 2])
    if cut == 0 or cut >= len(words):
        return None, name
    return " ".join(words[:cut]), " ".join(words[cut:])


# Verbs whose object is people ("X asked residents", "Y urged voters"): not a group's adjective.
_PEOPLE_OBJECT_VERBS = frozenset(("asked", "told", "urged", "ordered", "warned", "advised",
                                  "evacuated", "called", "thanked", "encouraged", "reminded"))


def find_groups(text: str, sentences: list[Sentence]) -> list[Entity]:
    """Groups of people ("Several Russian soldiers", "17 servicemen") and unnamed actors."""
    out: dict[str, Entity] = {}
    for s in sentences:
        for m in _GROUP.finditer(s.text):
            mod = m.group("mod").split()
            if mod and mod[0].lower() in ("the", "a", "an", "their", "his", "her", "its", "our"):
                continue  # "The soldiers": a back-reference, not a new group
            if mod and not m.group("q") and (mod[0].endswith("ing") or re.search(
                    rf"\b{re.escape(mod[0].lower())}\b", text)):
                continue  # "Hiring employees", "Regular tourists": an opening word, no name
            if not (m.group("q") or mod):
                continue
            if mod and m.group("adj") in _PEOPLE_OBJECT_VERBS:
                continue  # "Cape May asked residents": a name, a verb, its object
            start, end = s.start + m.start(), s.start + m.end()
            if text[end : end + 2] in ("’s", "'s"):
                continue  # "Luhansk People’s Republic": part of a name
            if mod:  # "Several Russian soldiers" and "Many Russian soldiers" are one group
                start = s.start + m.start("mod")
            phrase = text[start:end]
            if any(w.lower() in REPORTING_VERBS for w in phrase.split()[:-1]):
                continue  # "Massa told reporters": a verb, not a description
            # "200 workers" and "about 200 workers" are one group.
            key = re.sub(r"^(?:at least|at most|more than|fewer than|less than|about|around"
                         r"|nearly|almost|some|up to|over)\s+", "", phrase.lower())
            ent = out.setdefault(key, Entity(phrase, "group"))
            ent.mentions.append((start, end))
            ent.sentences.append(s.index)
        for m in _DWELLERS.finditer(s.text) if " of " in s.text else ():
            if m.group(1).lower() not in PEOPLE_NOUNS:
                continue  # "citizens of San Francisco" is a group; "city of Boston" is not
            start, end = s.start + m.start(), s.start + m.end()
            ent = out.setdefault(m.group().lower(), Entity(m.group(), "group"))
            ent.mentions.append((start, end))
            ent.sentences.append(s.index)
        for m in _ACTOR.finditer(s.text):
            start, end = s.start + m.start(), s.start + m.end()
            if m.group("noun") in ("official", "resident") and re.match(
                    r"\s+[a-z]", text[end : end + 2]) and not _ACTS.match(text[end : end + 20]):
                continue  # "the official website": an adjective
            phrase = re.sub(r"^(?:the|a|an)\s+", "", text[start:end])
            start = end - len(phrase)
            kind = "organization" if m.group("noun") == "police" else "person"
            ent = out.setdefault(phrase.lower(), Entity(phrase, kind))
            ent.mentions.append((start, end))
            ent.sentences.append(s.index)
    return list(out.values())


def rank(entities: list[Entity], lead: int, sentences: dict[int, Sentence]) -> list[Entity]:
    """Order by salience: position-weighted mentions, subjects of the lead first."""
    for ent in entities:
        best: dict[int, float] = {}
        for (start, _end), i in zip(ent.mentions, ent.sentences, strict=True):
            w = position_weight(i, lead)
            s = sentences.get(i)
            # The subject opens the sentence: "At least seven people were killed ...".
            if s is not None and len(s.text[: start - s.start].split()) <= 2:
                w *= 1.5
            best[i] = max(best.get(i, 0.0), w)
        weights = sorted(best.values(), reverse=True)
        ent.score = sum(weights[:1]) * 2 + sum(weights[1:]) * 0.5
        if ent.kind == "group":
            ent.score *= 0.6
    return sorted(entities, key=lambda e: (-e.score, e.mentions[0][0]))


# A name doing something: "X said", "X has", "X, who", "X's", "X refused".
_ACRONYM = re.compile(r"^(?:[A-Z]{2,6}|(?:[A-Z]\.){2,5})$")  # "FBI", "RAIB", "F.B.I."
_ACTS = re.compile(r"^(?:[’']s\b|,?\s+(?:who|is|was|are|were|has|had|have|will|would|can|"
                   r"could|did|does|do|must|should|may|might|[a-z]+ed|"
                   + "|".join(sorted(REPORTING_VERBS)) + r")\b)")


def _on_heading(text: str, breaks: list[int], start: int) -> bool:
    """True when ``start`` sits on a short line of its own without a sentence's final stop
    (``breaks``: the offsets of the text's line breaks)."""
    i = bisect.bisect_left(breaks, start)
    a = breaks[i - 1] + 1 if i else 0
    b = breaks[i] if i < len(breaks) else len(text)
    if b - a > 120:
        return False  # a paragraph, not a heading
    line = text[a:b].strip()
    return len(line.split()) <= 8 and not line.endswith((".", "!", "?", '"', "”", ":", ";"))


def listed(ranked: list[Entity], text: str) -> list[Entity]:
    """The entities worth a line in Who, best first: the ranking without weak single words.

    A one-word name ("Formica", "Bohemia", "Internet") that the article neither repeats nor
    shows acting or described is more often a thing, a place or a passing reference than an
    actor, and a name seen only in section headings is a heading; a name of two or more words
    from the story, a group, a titled or described name stays.
    """
    out: list[Entity] = []
    seen_names: set[str] = set()
    first_line = text.find("\n")
    breaks = [b.start() for b in _BREAK.finditer(text)]
    for e in ranked:
        if e.kind != "group" and all(a > first_line >= 0 and _on_heading(text, breaks, a)
                                     for a, _ in e.mentions):
            continue  # "Horse Racing", "Early Music": a section heading, not a name in the story
        if e.kind != "group" and " " not in e.name and e.name[:1].isupper() \
                and not (e.role or e.description):
            seen = len(set(e.sentences))
            acts = any(_ACTS.match(text[b : b + 20]) for _, b in e.mentions)
            acronym = bool(_ACRONYM.match(e.name))  # "FBI", "RAIB": a body, named by letters
            if not ((acts or acronym) and seen >= 2) and seen < 6:
                continue
        if e.unsure:
            continue  # "Apple TV", "Basic Activities": title case, nothing of a person
        if fold(e.name) in seen_names:
            continue  # "the British Transport Police" found as a name and as an actor noun
        seen_names.add(fold(e.name))
        out.append(e)
    return out
