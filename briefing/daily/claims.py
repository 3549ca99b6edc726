"""Outcome claims about a story's subject, compared across its articles. Pure.

A conservative reader, not a parser: it reads, in each article's lead (the sentences
:mod:`.facts` reads), what became of a person the story is about:

- **found dead**: "the boy has been found dead", "was found without signs of life", "the
  boy's body was recovered", "rescuers found the boy dead", "the girl died";
- **found alive**: "was found alive", "was rescued", "pulled the boy out alive", "is alive";
- **not there**: "the well turned out to be empty", "found the well empty", "saw nobody in
  the well" (a place said to hold nobody, where a search went on).

The person is a singular "the/a/his … boy" (the nouns of :data:`.facts.PERSON_NOUNS`) or a
name; "another man", "a second boy", "two children" are someone else or several people, and
are left out. A claim counts only when the article (or someone it quotes) asserts it: any
negation, modal, hedge or question in its clause ("is not believed to be dead", "fears he
may be dead", "could be found alive", "whether he is still alive", "reportedly") drops it, as
does a denial or "not confirmed" after it. A quoted claim ("his uncle said the well was
empty", "…, police said", "according to X") keeps its speaker: "Daily Post citing his uncle".
A search that failed ("no trace", "no sign of him") says nothing about where someone is, and
a person "still missing" or "trapped" is a state that any outcome may follow: neither is read.

Each article gives one outcome per person (its final one: an article that says the boy was
rescued and later died says he died). Outcomes of one person are then compared between
articles of different outlets, placed in time by publication (as :mod:`.facts` does):

- some outcomes follow each other (found alive → died later; found dead → the well later
  empty, the body taken out): in that order they are a sequence, not a conflict;
- others cannot (found dead → found alive; the well empty → the boy found in the well): in
  that order, at the same time, or when either order is possible but neither is a sequence,
  they are a **conflict**, "fate of the boy", each outcome with who reported it and when.

A "not there" claim is compared only with outcomes that place the person in that same place
("found dead in the well" against "the well was empty"; not "found in a river").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..schema import Briefing, Conflict
from .facts import _ELSEWHERE, PERSON_NOUNS, _order, _sentences, _start, fact_of, reports_of

DEAD, ALIVE, ABSENT = "found dead", "found alive", "not there"
SUBJECT = "fate of"  # every claim conflict's subject starts so: "fate of the boy"
# What an article says last wins over what it says first (background): rescued, then died.
_FINAL = {DEAD: 2, ALIVE: 1, ABSENT: 0}

# Places small enough that someone who looked and "found nobody" or "found it empty" knows
# the person is not there (a search of a river, a cave or rubble that finds nobody is only a
# search that failed).
_ENCLOSED = (r"well|shaft|pit|hole|borehole|chute|drain|pipe|tank|container|car|vehicle|"
             r"boot|trunk|room|cell|lift|elevator")
# Places a sought person is looked for in.
_PLACES = (rf"{_ENCLOSED}|mine|cave|tunnel|sewer|river|lake|reservoir|canal|pond|sea|rubble|"
           r"wreckage|building|house|home|flat|apartment|boat|ship|plane|basement|ravine|"
           r"gorge|crevasse|quarry")
_PERSON = "|".join(sorted(PERSON_NOUNS, key=len, reverse=True))
_DET = r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ur|[Mm]y)"
_MODS = r"(?:[\w'’-]+\s+){0,3}?"
# Modifiers that make the noun someone else, or several people.
_OTHER = frozenset(("another", "other", "second", "third", "fourth", "fifth", "fellow",
                    "one", "two", "three", "four", "each", "every", "last", "first", "older",
                    "younger", "eldest", "youngest"))
_SUBJECT = (rf"(?P<det>{_DET})\s+(?P<mods>{_MODS})(?P<person>{_PERSON})\b"
            r"|(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})")
_AUX = r"(?:(?:has|had)\s+been|was|is|[’']s\s+been)"  # one person
_ADV = r"(?:\s+(?:finally|now|later|eventually|tragically|sadly|also|since))?"
_DEAD_PRED = (r"found\s+dead|discovered\s+dead|confirmed\s+dead|pronounced\s+dead|"
              r"declared\s+dead|found\s+without\s+(?:any\s+)?signs?\s+of\s+life|"
              r"dead(?![\s-]+(?:set|end|heat|ringer|serious|last|centre|center|certain|"
              r"against|wrong|right|on|ahead|tired|keen))")
_ALIVE_PRED = (r"found\s+alive|found\s+safe(?:\s+and\s+well)?|found\s+unharmed|"
               r"rescued\s+alive|(?:pulled|brought|taken|lifted)\s+out\s+alive|rescued|"
               r"(?:still\s+)?alive")
# Between the person and the verb: nothing, or a clause about them ("A boy trapped down a
# well", "The boy, who fell on Sunday,").
_GAP = (r"(?P<gap>(?:,[^,.;:?!]{1,100},"
        r"|\s+(?:who|trapped|stuck|missing|buried|lost|rescued|pulled|taken|injured|hurt|"
        r"kidnapped|abducted|snatched)\b[^,.;:?!]{0,90}?)?)")
_STATE = re.compile(
    rf"\b(?:{_SUBJECT}){_GAP}\s+(?:{_AUX}{_ADV}\s+(?:(?P<dead>{_DEAD_PRED})|(?P<alive>"
    rf"{_ALIVE_PRED}))|(?:has\s+|had\s+)?(?P<died>died))\b")
# "the boy's body was recovered", "the body of the boy was found"
_FOUND_BODY = (rf"{_GAP}\s+{_AUX}{_ADV}\s+(?P<dead>found|recovered|discovered|pulled\s+out|"
               rf"retrieved|brought\s+out)\b")
_BODY = re.compile(rf"\b(?:{_SUBJECT})[’']s\s+body{_FOUND_BODY}")
_BODY_OF = re.compile(rf"\b[Tt]he\s+body\s+of\s+(?:{_SUBJECT}){_FOUND_BODY}")
# "rescuers found the boy dead", "pulled the girl out alive"
_OBJECT = re.compile(
    rf"\b(?:found|discovered|pulled|brought|lifted|dug)\s+(?:{_SUBJECT})\s+(?:out\s+)?"
    rf"(?:(?P<dead>dead|lifeless)|(?P<alive>alive))\b")
_ABSENT = re.compile(
    rf"\b[Tt]he\s+(?:[\w-]+\s+){{0,3}}?(?P<place>{_ENCLOSED})\s+(?:had\s+)?(?:turned\s+out\s+to\s+be|"
    rf"was|is|had\s+been|proved\s+to\s+be|was\s+found\s+to\s+be)\s+empty\b"
    rf"|\bfound\s+the\s+(?:[\w-]+\s+){{0,3}}?(?P<place2>{_ENCLOSED})\s+(?:to\s+be\s+)?empty\b"
    rf"|\b(?:found|saw|was|were)\s+(?:nobody|no\s+one|no-one)\s+(?:in|inside|at\s+the\s+bottom"
    rf"\s+of|down)\s+the\s+(?:[\w-]+\s+){{0,3}}?(?P<place3>{_ENCLOSED})\b")
# The place a found person was in: the first "in/down/into … well" of the sentence.
_IN_PLACE = re.compile(rf"\b(?:in|into|inside|down|within|at\s+the\s+bottom\s+of|under)\s+"
                       rf"(?:the|an?|this|that)\s+(?:[\w-]+\s+){{0,4}}?(?P<place>{_PLACES})\b"
                       rf"(?!\s+(?:{_PLACES})\b)",  # "the mine shaft": the shaft
                       re.I)
# Anything that makes the clause less than an assertion.
_HEDGE = re.compile(
    r"\b(?:not|never|no\s+longer|may|might|could|would|should|can|will|must|shall|if|whether|"
    r"unless|hopes?|hoped|hoping|fears?|feared|fearing|pray(?:s|ed|ing)?|believed?|thought|"
    r"presumed|likely|unlikely|possibl[ey]|probabl[ey]|perhaps|expected|suspected|"
    r"rumou?r(?:s|ed)?|unconfirmed|reportedly|allegedly|apparently|supposedly|denied|denies|"
    r"deny|false|untrue|speculat\w*|unknown|unclear|chance|wonder(?:s|ed)?)\b"
    r"|n[’']t\b", re.I)
_AFTER = re.compile(r"\b(?:not\s+(?:yet\s+)?(?:been\s+)?(?:confirmed|verified)|unconfirmed|"
                    r"denied|false|untrue|wrong|incorrect|inaccurate|mistaken|premature|"
                    r"rumou?r|hoax|speculation)\b", re.I)
# Reports since overtaken: "initial reports said", "contrary to earlier reports that".
_SUPERSEDED = re.compile(r"\b(?:earlier|initial|first|previous|original)\s+(?:news\s+)?"
                         r"reports?\b|\b(?:initially|originally|previously|contrary\s+to)\b",
                         re.I)
# "nobody in the house when the fire broke out": another moment, not where the person is.
_MOMENT = re.compile(r"^[^;:]*?\b(?:when|while|before|at\s+the\s+time)\b", re.I)
_REPORTING = (r"said|says|told\s+[^,.;]{1,60}?|claimed|claims|confirmed|confirms|announced|"
              r"reported|reports|added|insisted|stated|explained|revealed")
_SAYS = re.compile(rf"\b(?:{_REPORTING})\b", re.I)
_SAID_BY = re.compile(rf",\s*(?P<spk>[^,.;]{{2,60}}?)\s+(?:{_REPORTING})\s*[.!]?\s*$", re.I)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<spk>[^,.;]{2,80})", re.I)
_BOUNDARY = re.compile(r"[;:—–]|\bbut\b|\bhowever\b|,\s+and\b|\bImage caption\b")
_DEATH = re.compile(r"\b(?:died|dies|dead|death|succumbed|did\s+not\s+survive|"
                    r"passed\s+away|killed|body)\b", re.I)
_WAS_ALIVE = re.compile(r"\bwas\s+(?:still\s+)?alive\b")
_VICTIMS = frozenset(("killed", "injured", "missing", "trapped", "evacuated"))
_YEAR = re.compile(r"\b(?:in|since|of)\s+\d{3,4}\b", re.I)
_LISTED = re.compile(r"(?:,|\band|\bor|&)\s*$")
_APPOSITIVE = re.compile(r",[^,]{1,100},\s*$")
_NOT_NAMES = frozenset(("The", "A", "An", "His", "Her", "Their", "Its", "He", "She", "It",
                        "They", "We", "I", "You", "This", "That", "There", "Rescuers",
                        "Police", "Officials", "Authorities", "Image", "Media", "However",
                        # Nobody is no person: "Nobody died" is no death.
                        "Nobody", "No-one", "Noone", "None", "Someone", "Somebody", "Anyone",
                        "Anybody", "Everyone", "Everybody", "All", "Many", "Some", "Most",
                        "Both", "Neither", "Each", "Several", "Few", "Others", "No"))


@dataclass
class Claim:
    """One article's outcome for one person (``person``) or one place (a "not there")."""

    outcome: str  # DEAD, ALIVE or ABSENT
    person: str  # "boy", "Zhao Zicong"; "" for a place said to be empty
    place: str  # where the person was found, or the place said to be empty ("" unknown)
    sentence: str
    article: int
    speaker: str = ""  # who the article quotes for it ("" the article itself)
    source: str = ""
    published: str | None = None

    @property
    def value(self) -> str:
        if self.outcome == ABSENT:
            return f"not in the {self.place}"
        return self.outcome

    @property
    def reporter(self) -> str:
        return f"{self.source} citing {self.speaker}" if self.speaker else self.source


def _person(m: re.Match[str]) -> str | None:
    """The person the match is about: a noun ("boy") or a name's last word; None for someone
    else ("another boy") or no one ("The Paper")."""
    if m.group("person"):
        mods = (m.group("mods") or "").lower().split()
        if any(w.strip("'’") in _OTHER or w.isdigit() or w in ("and", "or", "&")
               or w in PERSON_NOUNS for w in mods) or _LISTED.search(m.string[:m.start()]):
            return None  # someone else, or one of several ("the boy and his father")
        return m.group("person").lower()
    name = m.group("name") or ""
    words = name.split()
    if not words or words[0] in _NOT_NAMES or len(words[-1]) < 3 or \
            _LISTED.search(m.string[:m.start("name")]):
        return None  # "Smith, Seary and Rynkiewicz died": several people
    return name  # as written: "Mary Smith" and "John Smith" are two people


def _clause_before(sentence: str, start: int) -> tuple[str, str]:
    """(the words of the claim's clause before it, the speaker of a reporting verb that
    introduces it: "" if none)."""
    before = sentence[:start]
    cuts = list(_BOUNDARY.finditer(before))
    clause = before[cuts[-1].end():] if cuts else before
    # The last reporting verb before the claim introduces it.
    said = next(reversed(list(_SAYS.finditer(clause))), None)
    if said is None:
        return clause, ""
    speaker = _APPOSITIVE.sub("", clause[:said.start()]).strip(" ,")
    words = speaker.split()
    if not words or len(words) > 8:
        speaker = ""
    elif words[0] in ("A", "An", "The", "His", "Her", "Their", "He", "She", "They"):
        speaker = words[0].lower() + speaker[len(words[0]):]
    # What the speaker's own phrase says is not the claim's: "who is thought to have fallen".
    return clause[said.end():], speaker


def _speaker_after(sentence: str, end: int) -> str:
    rest = sentence[end:]
    m = _SAID_BY.search(rest) or _ACCORDING.search(rest)
    speaker = m.group("spk").strip(" \"'“”‘’") if m else ""
    return speaker if len(speaker.split()) <= 8 else ""


def _asserted(sentence: str, m: re.Match[str]) -> tuple[bool, str]:
    """(the clause asserts the match, who it quotes for it)."""
    if sentence.rstrip(" \"'”’").endswith("?"):
        return False, ""
    prefix, speaker = _clause_before(sentence, m.start())
    if _HEDGE.search(prefix) or _HEDGE.search(m.group(0)) or \
            _SUPERSEDED.search(sentence[:m.start()]):
        return False, ""
    rest = sentence[m.end():]
    if _AFTER.search(rest):
        return False, ""
    return True, speaker or _speaker_after(sentence, m.end())


def claims_of(b: Briefing, article: int = 0) -> list[Claim]:
    """The article's outcome claims: its final one per person, its first per empty place."""
    found: dict[str, Claim] = {}
    empty: dict[str, Claim] = {}
    for sentence in _sentences(b):
        if _ELSEWHERE.search(sentence) or _YEAR.search(sentence):
            continue  # another time: "last week", "in 1758"
        if not re.search(r"\b(?:dead|died|alive|rescued|body|empty|nobody|no\s+one|no-one|"
                         r"signs?\s+of\s+life|lifeless|found\s+safe|unharmed)\b", sentence,
                         re.I):
            continue
        for rx in (_STATE, _BODY, _BODY_OF, _OBJECT):
            for m in rx.finditer(sentence):
                person = _person(m)
                if person is None:
                    continue
                ok, speaker = _asserted(sentence, m)
                if not ok:
                    continue
                outcome = ALIVE if m.groupdict().get("alive") else DEAD
                if outcome == ALIVE and (_DEATH.search(sentence[m.end():])
                                         or _WAS_ALIVE.search(m.group(0))):
                    continue  # "rescued, but died in hospital"; "was alive when he fell"
                where = _IN_PLACE.search(sentence)
                claim = Claim(outcome, person, where.group("place").lower() if where else "",
                              sentence, article, speaker)
                if person not in found or _FINAL[outcome] > _FINAL[found[person].outcome]:
                    found[person] = claim
        for m in _ABSENT.finditer(sentence):
            ok, speaker = _asserted(sentence, m)
            place = (m.group("place") or m.group("place2") or m.group("place3")).lower()
            if ok and place not in empty and not _MOMENT.search(sentence[m.end():]):
                empty[place] = Claim(ABSENT, "", place, sentence, article, speaker)
    return list(found.values()) + list(empty.values())


def _follows(a: Claim, b: Claim) -> bool:
    """True when ``b`` can be true after ``a`` was: the two are a sequence."""
    if a.value == b.value:
        return True
    if a.outcome == ALIVE:
        return True  # rescued, then died; rescued, and the well then empty
    if a.outcome == DEAD:
        return b.outcome == ABSENT  # the body taken out; the dead are not found alive
    # ``a`` not there: found later somewhere else, never in the place said to be empty
    return b.outcome == ABSENT or b.place != a.place


def _together(a: Claim, b: Claim) -> bool:
    """True when both can be true at one moment."""
    if a.value == b.value:
        return True
    if ABSENT in (a.outcome, b.outcome):
        absent, other = (a, b) if a.outcome == ABSENT else (b, a)
        return other.outcome == ABSENT or other.place != absent.place
    return False  # dead and alive


def _contradicts(a: Claim, b: Claim) -> bool:
    if a.source == b.source:
        return False  # an outlet updating its own report
    order = _order(a, b)
    if order == -1:
        return not _follows(a, b)
    if order == 1:
        return not _follows(b, a)
    if order == 0:
        return not _together(a, b)
    return not _follows(a, b) and not _follows(b, a)


def compare_claims(members: list[Briefing], source: dict[int, str],
                   ids: list[str] | None = None) -> list[Conflict]:
    """The outcomes the story's articles report of one person that cannot all be true
    (``source``: article -> outlet; ``ids``: the articles' ids)."""
    ids = ids or [str(i) for i in range(len(members))]
    people: dict[str, list[Claim]] = {}
    empty: list[Claim] = []
    # With several victims, "a passenger was found dead" and "a passenger was rescued" are
    # two passengers: only a name says who.
    crowd = any(r.subject in _VICTIMS and r.figure >= 2 for i, b in enumerate(members)
                for r in reports_of(b, i))
    for i, b in enumerate(members):
        for c in claims_of(b, i):
            c.source, c.published = source[i], b.article.published
            if c.outcome == ABSENT:
                empty.append(c)
            elif not (crowd and c.person.islower()):
                people.setdefault(c.person, []).append(c)
    out = []
    for person in sorted(people):
        places = {c.place for c in people[person] if c.place}
        claims = sorted(people[person] + [c for c in empty if c.place in places],
                        key=lambda c: (_start(c), c.value, c.source))
        if not any(_contradicts(a, b) for k, a in enumerate(claims) for b in claims[k + 1:]):
            continue
        values: dict[str, list[Claim]] = {}
        for c in claims:
            values.setdefault(c.value, []).append(c)
        subject = f"{SUBJECT} {'the ' if person.islower() else ''}{person}"
        out.append(Conflict(subject=subject, values=[fact_of(subject, cs, ids, cs[0].value)
                                                     for cs in values.values()]))
    return out
