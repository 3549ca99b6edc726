"""Who said each quotation, read from the sentence, and one check of a (quotation, speaker) pair.

The rules are general patterns of news English, not names:

- the frame of a quotation: ``"…," X said``, ``"…," said X, a …``, ``X said: "…"``,
  ``X told the Standard: "…"``, ``X said the tram was going "…"``, ``…, adding: "…"``,
  ``"…," according to X``, ``"…," X recalled Y saying`` (Y speaks, X relays),
  ``"…," the BBC reported`` after ``X insisted that "…"`` (X speaks, the outlet relays);
- a quotation without a frame continues the voice before it: the paragraph left open
  (news opens every paragraph of a long quotation and closes only the last), or the
  speaker of the sentence just before it with nobody else named in between;
- "he" and "she" are the nearest person of that sex that the narration names (subjects of
  earlier sentences first); "it" and "they" the nearest organisation or unnamed voice;
- a surname is the nearest full name that fits it (a title or a pronoun says the sex:
  "Mr Obama" is not "Michelle Obama"); two people with one surname and no cue stay the
  surname;
- places, months, weekdays and outlets that relay someone else never speak; a definite
  description that names nobody ("the gutter cleaner") is left unresolved rather than
  guessed;
- a speaker is a name or a description of a person or body: "the statement" and "a report"
  speak for whoever the text says issued them, else nobody named does; an adjective, a bare
  singular noun, a sentence-initial "The" or a title are never speakers;
- "X, CEO of Y, said": the person before a role appositive speaks, not the employer; a "X
  said" after a paragraph break frames its own paragraph, not the quotation before it.

``check`` applies the same reading to a pair from any engine: the article supports it,
contradicts it (another speaker is named in the quotation's frame), or does not say.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container
from dataclasses import dataclass, field

from .attribution import ROLE_NAME, Quote
from .entities import Entity
from .lexicon import (
    ACTOR_NOUNS,
    DOCUMENT_HEADS,
    MONTHS,
    OFFICIAL_HEADS,
    ORG_HEADS,
    PEOPLE_NOUNS,
    REPORTING_VERBS,
    ROLE_WORDS,
    WEEKDAYS,
    words,
)
from .places import is_demonym
from .sentences import Sentence

# Verbs that introduce what someone says, besides the reporting verbs the claims use.
SPEECH_VERBS = frozenset(REPORTING_VERBS) | frozenset(words(
    """asked asks continued continues exclaimed declared declares replied replies recalled
    recalls joked jokes groaned insisted posted posts tweeted wrote write writes read reads
    told tell urged urges shouted yelled texted messaged pleaded vowed promised admitted
    conceded concluded responded answers answered cautioned boasted written"""))
_PARTICIPLES = frozenset(words("saying adding writing tweeting telling explaining noting "
                               "declaring insisting stating posting warning apologizing "
                               "apologising concluding"))
_NOUN_VERBS = frozenset(words("states reports claims notes tweets estimates posts read reads"))
_DETERMINERS = frozenset(words("the a an one another his her their its our my your this that "
                               "some two three several many"))
_INDEFINITE = frozenset(words("a an one another some two three several many"))
_STOP = frozenset(words(
    """that which who whom whose when while as after before because if and but so then where
    whether than though although since until unless or nor also said says told"""))
_PREPS = frozenset(words("in from at near for with of on to by via inside outside outside"))
_ADVERBS = frozenset(words(
    """also later previously then earlier has have had once again further finally still
    repeatedly publicly privately reportedly simply quickly recently first last already
    had just even never always had initially meanwhile instead however"""))
_MALE = frozenset(words(
    """mr sir lord king prince father son brother husband grandfather uncle nephew boyfriend
    fiance widower dad spokesman chairman congressman businessman councilman policeman
    son-in-law brother-in-law father-in-law stepfather stepson grandson boy man"""))
_FEMALE = frozenset(words(
    """mrs ms miss dame lady queen princess mother daughter sister wife grandmother aunt niece
    girlfriend fiancee widow mum mom spokeswoman chairwoman congresswoman businesswoman
    councilwoman policewoman actress daughter-in-law sister-in-law mother-in-law stepmother
    stepdaughter granddaughter girl woman mum-of-two mum-of-three"""))
_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
_HE = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.IGNORECASE)
_PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# "His statement calling for", "her remarks that", "his tweet describing": a possessive and a
# word for something said, right before the quotation.
_OWN_WORDS = re.compile(r"(?:^|[\s(])([Hh]is|[Hh]er)\s+(?:statement|remarks|comments|words|tweet|"
                        r"post|message|pledge|promise|vow|call|description|speech)\s+"
                        r"(?:(?:calling\s+(?:it|for|them|him|her)|that|describing\s+\w+\s+as|"
                        r"about|of)\s+)?(?:(?:a|an|the)\s+)?$")
_MEDIA_WORDS = frozenset(words(
    """news times post journal telegraph mail guardian herald tribune press reuters ap afp
    bbc cnn abc nbc cbs fox sky express mirror sun independent standard agency newspaper
    politico site website paper magazine radio television tv channel dailymail.com"""))
_WORD_BEFORE = re.compile(r"([A-Za-z][\w\-]*)\.?,?\s+$")
_LADY = re.compile(r"\bfirst lady\s+$", re.IGNORECASE)
_OTHER_NP = re.compile(r"\b(?:said|says|told|added|believes|thinks)\s+(?:that\s+)?(?:the|a|an)\s+"
                       r"(?:[a-z\-]+\s+)?(?:president|man|woman|boy|girl|king|queen|minister|"
                       r"leader|officer|driver|player|father|mother|chief|boss|manager|coach)\b")
_CUT = re.compile(r"[.!?]\s+[A-Z]")
_LOWER_WORD = re.compile(r"(?<![\w.’'#@/-])[a-z][a-z\-]*(?![\w’'])")
_CAP_RUN = re.compile(r"(?<![\w’'-])[A-Z][\w’'\-]*(?![\w’'-])")
_CAPWORD = re.compile(r"[A-Z][\w’'.\-]*|[A-Z]")
_TOKEN = re.compile(r"[\w’'.\-]+|[^\w\s]")
_SENT_END = re.compile(r"[.!?](?=\s+[\"“‘'(\[]?[A-Z0-9])")
_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Gov|Sen|Rep|Sgt|Lt|Col|Capt|Prof|Jr|Sr|Inc|Co|"
                     r"Ltd|No|vs|U\.S|U\.K|[A-Z])\.$")
_TITLED = re.compile(r"\b(Mr|Mrs|Ms|Miss|Dr|Sir|Dame|President|Senator|Sen|Gov|Governor|Judge"
                     r"|Mayor|Rep|Prof|Chancellor|Minister)\.?\s+([A-Z][a-z][\w’'\-]+)\b"
                     r"(?!\s+[A-Z])")
# Heads of a definite description that speaks for a body: "the airline said", "the family".
_INSTITUTIONS = frozenset(words(
    """police company council family government ministry army statement foundation group
    authorities investigators airline agency hospital service union club team firm operator
    court department office bank university school board commission committee campaign
    organisers organizers party embassy force navy"""))
_GLUE = re.compile(r"(?<=[a-z0-9])\s+(?=(?:And|But|He|She|They|His|Her|The)\s+[a-z])")
_POSSESSIVES = frozenset(words("his her their its our my your"))
_PEOPLE_GROUPS = frozenset(words(
    """witnesses residents relatives friends neighbours neighbors officials sources people
    passengers fans locals supporters critics experts analysts"""))
_TIME_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(words(
    "today yesterday tomorrow tonight morning evening afternoon night"))


@dataclass
class Speaker:
    """A speaker phrase in the text and what it resolves to."""

    phrase: str
    span: tuple[int, int]
    verb: str
    name: str | None = None  # resolved name; None: unresolved
    kind: str = "named"  # named | anonymous | official | document | media
    entity: Entity | None = None
    relayed_by: str | None = None


@dataclass
class QuoteSpeaker:
    """Who said one quotation, how it was read, and how sure that reading is."""

    quote: tuple[int, int]
    speaker: Speaker | None
    how: str  # frame | continued | inherited | none
    strength: int  # 2: the quotation's own frame or an open paragraph; 1: inherited; 0: none


@dataclass
class _Mention:
    start: int
    end: int
    surface: str
    person: str  # the referent's name
    sex: str | None
    subject: bool  # opens its clause (not after a preposition, not possessive)


@dataclass
class Reading:
    """Everything the speaker rules know about one article."""

    text: str
    masked: str
    quotes: list[Quote]
    sentences: list[Sentence]
    entities: list[Entity]
    places: Container[str]
    mentions: list[_Mention] = field(default_factory=list)
    sex: dict[str, str | None] = field(default_factory=dict)
    full_names: dict[str, list[str]] = field(default_factory=dict)  # surname -> full names
    org_names: set[str] = field(default_factory=set)
    mixed: set[str] = field(default_factory=set)  # surnames the article uses for two people
    titled: set[str] = field(default_factory=set)  # "Mr Obama", "President Obama": Obama
    lower_words: set[str] = field(default_factory=set)  # words the text writes in lower case
    speakers: list[Speaker] = field(default_factory=list)  # resolved so far, in text order


def _masked(text: str, quotes: list[Quote]) -> str:
    chars = list(text)
    for q in quotes:
        chars[q.start : q.end] = " " * (q.end - q.start)
    return "".join(chars)


def _sex_cue(text: str, start: int, end: int, masked: str) -> str | None:
    """A title or a gendered role right before the name, or the first pronoun after it."""
    before = text[max(0, start - 40) : start]
    m = _WORD_BEFORE.search(before)
    if m and not (m.group(1)[:1].islower() and "." in m.group()):
        # not "… a 15-year-old high school girl. Weiner exchanged …": a sentence ended there
        word = m.group(1).lower()
        if word in _MALE:
            return "m"
        if word in _FEMALE:
            return "f"
    if _LADY.search(before):
        return "f"
    appos = _APPOS_SEX.match(text[end : end + 80])
    if appos:  # "Anthony Weiner, the estranged husband of her top aide": his, not her
        for word in appos.group(1).lower().split():
            if word.endswith(("'s", "’s")):
                continue  # "Alex Morgan, the girl's father": the girl is someone else
            if word in _MALE or word in _FEMALE:
                return "m" if word in _MALE else "f"
    after = masked[end : end + 160]
    cut = _CUT.search(after)
    window = after[: cut.start() if cut else None]
    nxt = next((c for c in _CAPWORD.finditer(window) if c.group().lower().strip(".")
                not in _TIME_WORDS), None)
    if nxt:  # another name first (not "on Friday"): the pronoun may be theirs
        window = window[: nxt.start()]
    other = _OTHER_NP.search(window)
    if other:  # "Jennifer Psaki said the president … his staff": his is the president's
        window = window[: other.start()]
    objects: set[str] = set()
    for pronoun in _PRONOUN.finditer(window):
        sex = "m" if _HE.fullmatch(pronoun.group()) else "f"
        if pronoun.group().lower() in ("her", "him") and _OBJECT_BEFORE.search(
                window, 0, pronoun.start()):
            objects.add(sex)  # "Lund told him she would leave": "him" is the one told
            continue
        if sex in objects:
            continue  # "asked her to touch herself": still the one asked
        return sex
    return None


# ", the estranged husband of", ", a mother of three": a gendered noun in apposition.
_APPOS_SEX = re.compile(r",\s+(?:the|a|an|his|her|their)\s+((?:[a-z\-]+(?:['’]s)?\s+){0,2}"
                        r"[a-z\-]+)")
# A verb right before "her"/"him": the pronoun is its object, not the name before the verb.
_OBJECT_BEFORE = re.compile(r"\b(?:[a-z]+ed|told|asked|gave|sent|saw|sees|met|called|urged|made|"
                            r"let|helped|paid|showed|tells|asks|gives|sends|meets|calls|urges|"
                            r"makes|lets|helps|pays|shows|hit|kept|left|found|took|brought)\s+$")


def read(text: str, quotes: list[Quote], sentences: list[Sentence], entities: list[Entity],
         places: Container[str] = ()) -> Reading:
    """Index the people the narration names, with their sex where the article tells it."""
    masked = _masked(text, quotes)
    r = Reading(text, masked, quotes, sentences, entities, places)
    r.org_names = {e.name for e in entities if e.kind == "organization"}
    r.lower_words = set(_LOWER_WORD.findall(text))
    people = [e for e in entities if e.kind == "person"]
    full = {e.name for e in people if len(e.name.split()) >= 2}
    # Titled surnames the entity pass may have folded into someone else: "President Obama".
    for m in _TITLED.finditer(masked):
        if m.group(2) not in _TIME_WORDS:
            r.titled.add(m.group(2))
    for name in full:
        r.full_names.setdefault(name.split()[-1], []).append(name)
    singles = {e.name for e in people if len(e.name.split()) == 1} | r.titled | set(
        r.full_names)
    raw: list[tuple[int, int, str, str | None]] = []
    taken: list[tuple[int, int]] = []
    # One pass over the capitalised words; names are matched word by word from there.
    caps: dict[str, list[int]] = {}
    for m in _CAP_RUN.finditer(masked):
        caps.setdefault(m.group(), []).append(m.start())
    for name in sorted(full, key=len, reverse=True):
        for pos in caps.get(name.split()[0], []):
            end = pos + len(name)
            if masked.startswith(name, pos) and not masked[end : end + 1].isalnum() and not \
                    any(a <= pos < b for a, b in taken):
                taken.append((pos, end))
                raw.append((pos, end, name, _sex_cue(text, pos, end, masked)))
    for name in singles:
        if name.lower() in _TIME_WORDS or (name.endswith(("ing", "ed")) and name.lower() in
                                           r.lower_words):
            continue  # "Speaking at a press conference, he said": a participle, not a name
        for pos in caps.get(name, []):
            end = pos + len(name)
            if masked[end : end + 1].isalnum() or re.match(r"\s+[A-Z]", masked[end : end + 3]) \
                    or any(a <= pos < b for a, b in taken):
                continue
            if name.endswith("ing") and re.match(r"\s+(?:at|in|on|to|after|before|from|with|"
                                                 r"outside|during|about)\b", masked[end:end + 9]):
                continue  # "Speaking at a press conference": a participle
            raw.append((pos, end, name, _sex_cue(text, pos, end, masked)))
    raw.sort()
    # The sex of each full name from its own mentions; then a surname the article also uses
    # for someone of the other sex ("Mr Obama" beside "first lady Michelle Obama") is mixed.
    _settle(r, [(x[2], x[3]) for x in raw if x[2] in full])
    for _start, _end, surface, cue in raw:
        word = re.sub(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir)\.?\s+", "", surface)
        cands = r.full_names.get(word, [])
        if surface not in full and cue and len(cands) == 1 and r.sex.get(cands[0]) not in (
                None, cue):
            r.mixed.add(word)
    votes: list[tuple[str, str | None]] = []
    for start, end, surface, cue in raw:
        person = surface if surface in full else _fit_surname(r, surface, start, cue) or surface
        r.mentions.append(_Mention(start, end, surface, person, cue,
                                   _is_subject(text, start, end)))
        votes.append((person, cue))
    _settle(r, votes)
    return r


def _settle(r: Reading, votes: list[tuple[str, str | None]]) -> None:
    tally: dict[str, list[str]] = {}
    for person, cue in votes:
        if cue:
            tally.setdefault(person, []).append(cue)
    for person, cues in tally.items():
        m, f = cues.count("m"), cues.count("f")
        r.sex[person] = "m" if m > f else "f" if f > m else None


_MORE_PREPS = frozenset(words("through into against about over under after before like than "
                              "between among toward towards behind beside"))


def _is_subject(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 60) : start].split()
    # Past the titles and modifiers: "of former Republican President George W. Bush".
    while before and (before[-1].lower() in ("the", "a", "an") or before[-1][:1].isupper()
                      or before[-1].lower() in ROLE_WORDS or _is_modifier(before[-1].lower())
                      ) and not re.search(r"[,.;:!?\"“”]$", before[-1]) \
            and before[-1] not in SPEECH_VERBS and before[-1].lower() not in _PRONOUN_SEX:
        before.pop()
    if before and (before[-1].lower() in _PREPS | _MORE_PREPS or before[-1] in SPEECH_VERBS
                   or before[-1] == "that"):
        return False  # "…said Mr Trump was not fit": the subject of what was said
    if before and before[-1].islower() and before[-1].endswith("ing") and \
            before[-1] not in SPEECH_VERBS and before[-1] not in _PARTICIPLES:
        return False  # "posted on Twitter accusing Big Machine of …": an object
    if before and before[-1].endswith(",") and before[-1][:1].islower() and \
            re.match(r"\.(?:\s|$)", text[end : end + 2]):
        return False  # "an email address for Ford's sister, Martha Fry.": an appositive
    return text[end : end + 2] not in ("'s", "’s")


def _opens_clause(text: str, start: int) -> bool:
    """Does the name at ``start`` open a clause ("…, Maddon was clear"), titles aside?"""
    before = text[max(0, start - 60) : start].split()
    while before and (before[-1][:1].isupper() or before[-1] in ROLE_WORDS
                      or before[-1] in ACTOR_NOUNS or before[-1] in ("fellow", "local")) \
            and not re.search(r"[,.;:!?]$", before[-1]) \
            and before[-1].lower() not in ("and", "but", "he", "she"):
        before.pop()
    return not before or bool(re.search(r"[,.;:!?\"”’]$", before[-1])) or before[-1].lower() in (
        "and", "but", "while", "when", "as", "then", "so", "because", "after", "before")


def _fit_surname(r: Reading, word: str, pos: int, cue: str | None) -> str | None:
    """The full name a lone surname (or first name) stands for, if exactly one fits."""
    word = re.sub(r"^(?:Mr|Mrs|Ms|Miss|Dr|Sir)\.?\s+", "", word)
    cands = list(r.full_names.get(word, []))
    if not cands:
        cands = [n for names in r.full_names.values() for n in names if n.split()[0] == word]
    if cue:
        cands = [n for n in cands if r.sex.get(n) in (None, cue)]
    if len(cands) == 1:
        if cue is None and word in r.mixed:
            return None  # "Obama" alone, where two Obamas speak: say no more than the text
        return cands[0]
    if len(cands) > 1:
        before = [m for m in r.mentions if m.start < pos and m.person in cands]
        # Several people share the name: only an unambiguous cue picks one.
        sexed = {n for n in cands if r.sex.get(n) == cue} if cue else set()
        if len(sexed) == 1:
            return sexed.pop()
        if before and all(m.person == before[-1].person for m in before[-3:]) and cue:
            return before[-1].person
    return None


# ---------------------------------------------------------------------------------------
# Speaker phrases


def _sentence_at(r: Reading, pos: int) -> tuple[int, int]:
    for s in r.sentences:
        if s.start <= pos < s.end or (pos == s.end):
            return s.start, s.end
    # Not inside a kept sentence (furniture): the line around it.
    start = r.text.rfind("\n", 0, pos) + 1
    end = r.text.find("\n", pos)
    return start, end if end != -1 else len(r.text)


def _tokens(segment: str, base: int) -> list[tuple[int, int, str]]:
    return [(base + m.start(), base + m.end(), m.group()) for m in _TOKEN.finditer(segment)]


# What may stand between an appositive's closing comma and the verb: "…, Charles, has
# reportedly told" is still the sentence's first name speaking.
_AUX_ONLY = re.compile(r"\s*(?:(?:has|have|had|also|reportedly|allegedly|later|then|previously"
                       r"|since|now|once|again|twice)\s*)*")


def _np_before(r: Reading, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that ends at ``end`` and is the subject of the verb after it.

    Appositives are skipped ("Mike Brown, the commissioner of Transport for London, said";
    "Martin Bamford, 30, from Croydon, who was among the injured, said"); a name after a
    preposition is a modifier ("a spokesman in Berlin"), never the head.
    """
    seg = r.masked[start:end]
    chunks: list[tuple[int, int, str]] = []  # (start, end, separator before it)
    pos, sep = 0, ""
    for m in re.finditer(r"[,;:()\[\]]|\s--?\s|\s[—–]\s", seg):
        chunks.append((pos, m.start(), sep))
        pos, sep = m.end(), m.group().strip()
    chunks.append((pos, len(seg), sep))
    tail = seg[chunks[-1][0] : chunks[-1][1]]
    if len(chunks) >= 3 and _AUX_ONLY.fullmatch(tail) and chunks[1][2] == ",":
        # "Kevin Mayer, Disney's chairman of … and international, said", "Ana Ruiz, a
        # researcher at the Council on Energy, Environment and Water, said": the name before
        # an appositive speaks, not the last words of the appositive.
        lead = seg[chunks[0][0] : chunks[0][1]].strip()
        opener = seg[chunks[1][0] : chunks[1][1]].split()[:3]
        if lead and 1 <= len(lead.split()) <= 4 and all(
                w[:1].isupper() for w in lead.split()) and opener and (
                opener[0].lower() in ("a", "an", "the") or re.search(r"[’']s$|s[’']$", opener[0])
                or any(w.lower().strip(".") in ROLE_WORDS for w in opener)):
            a = start + chunks[0][0] + seg[chunks[0][0] :].index(lead)
            # A person's name, not "On Monday" or "Reuters"; a title before it ("Prince
            # Andrew") is part of the lead.
            if any(a <= m.start and m.end == a + len(lead) and m.person not in r.org_names
                   for m in r.mentions):
                return a, a + len(lead)
    picked: tuple[int, int] | None = None
    for i in range(len(chunks) - 1, -1, -1):
        a, b, sep = chunks[i]
        chunk = seg[a:b].strip()
        if not chunk:
            continue
        first = chunk.split()[0]
        low = first.lower()
        if i > 0 and chunk.split()[-1].lower() in ("he", "she", "they", "we") and \
                low in ("in", "during", "after", "with", "where", "when", "which", "who", "as"):
            # "a phone call he made to her office, in which he said": the clause's pronoun
            end_ = start + a + len(seg[a:b].rstrip())
            picked = (end_ - len(chunk.split()[-1]), end_)
            break
        if chunk.split()[-1].lower() in ("and", "but"):
            # "One shared a picture and said": the subject of the sentence.
            s_start, _ = _sentence_at(r, start + a)
            return _np_subject(r, max(s_start, start), start + b)
        if low in ("and", "but", "or") and i > 0:
            rest = chunk.split(None, 1)[1] if len(chunk.split()) > 1 else ""
            if rest and (rest.split()[0].lower() in _PRONOUN_SEX or rest[:1].isupper()
                         or rest.split()[0].lower() in _DETERMINERS):
                # "…, but he said it was": the clause after the conjunction has its subject.
                a = seg.index(rest, a)
                picked = (start + a, start + a + len(rest))
                break
            return _np_before(r, start, start + len(seg[:a].rstrip(" ,")))
        if first[0].islower() and low not in _DETERMINERS and _ends_in_name(chunk):
            # "local police chief Sayed Kamal Sadat told AFP": lower-case titles before a name.
            picked = (start + a, start + b)
            break
        if re.fullmatch(r"\d{1,3}", chunk) or (first[0].islower() and low not in _DETERMINERS
                                  and low not in _PRONOUN_SEX and low not in ("they", "it", "we")
                                  and low not in ("police", "investigators", "officials",
                                                  "relatives", "sources", "witnesses",
                                                  "authorities", "friends", "organisers",
                                                  "organizers", "prosecutors", "doctors")):
            if i == 0:
                return None
            continue  # "30", "who was among...", "from Croydon", "treated for shock"
        if i > 0 and sep == "(" and re.fullmatch(r"[A-Z][A-Z&]{1,7}s?", chunk):
            continue  # "The Rail Accident Investigation Branch (RAIB) said": the name itself
        if i > 0 and sep == "," and (low in _DETERMINERS or _is_role_phrase(chunk)):
            j = i - 1  # "Pat Rooke, 72, a nearby resident, said": past the age
            while j > 0 and re.fullmatch(r"\d{1,3}", seg[chunks[j][0] : chunks[j][1]].strip()):
                j -= 1
            prev = seg[chunks[j][0] : chunks[j][1]].strip().split()
            if prev and prev[-1][:1].isupper() and prev[0].lower() not in _PREPS and (
                    low in _DETERMINERS or all(w[:1].isupper() for w in prev)) and (
                    not any(w in _CLAUSE_VERBS or (w[:1].islower() and w.endswith("ed"))
                            for w in _last_sentence(prev))):
                # not "… were killed in Afghanistan, the US military said": a clause before
                # the comma, not a name in apposition
                # "Ajmal Jan, a local shopkeeper, said", "Mike Brown, London's transport
                # commissioner, said": the appositive
                continue
        picked = (start + a, start + b)
        break
    if picked is None:
        return None
    toks = _tokens(r.masked[picked[0] : picked[1]], picked[0])
    # Adverbs between the subject and the verb: "Trump later said", "he calmly said".
    while toks and (toks[-1][2].lower() in _ADVERBS or (toks[-1][2].endswith("ly")
                                                        and toks[-1][2].islower())):
        toks.pop()
    if not toks:
        return None
    if toks[-1][2].lower() in _PRONOUN_SEX or toks[-1][2] in ("It", "They", "We"):
        # "the team at Mercedes are He added": a caption ran into the sentence; the
        # pronoun alone is the subject.
        return toks[-1][0], toks[-1][1]
    out: list[tuple[int, int, str]] = []
    for k in range(len(toks) - 1, -1, -1):
        tok = toks[k]
        w = tok[2]
        low = w.lower()
        if not re.match(r"\w", w) and w not in ("'s", "’s", "&", "."):
            break
        if w.endswith(".") and (w[:1].islower() or w[:1].isdigit()) and len(w) > 4:
            break  # "…for years. Edna Marsh": a full stop ends the sentence before the name
        if low in _STOP and not (out and low == "of"):
            break
        if w.isdigit():
            break  # "November 9, 2016 Miguel John": a date ends it
        if w[:1].islower() and out and out[-1][2][:1].isupper() and low not in ROLE_WORDS \
                and not _is_modifier(low) and low.endswith(("ed", "ing")):
            break  # "Asked what he had seen, e added": a verb before a name ends the phrase
        out.append(tok)
        if low in _DETERMINERS:
            break
        if len(out) >= 10:
            break
    if not out:
        return None
    out.reverse()
    # Leading sentence adverbs and conjunctions are not part of it.
    while out and out[0][2] in ("And", "But", "So", "Then", "However", "Meanwhile", "Still",
                                "Nevertheless", "Yet", "Now", "Later", "Also", "Today"):
        out.pop(0)
    if not out:
        return None
    return out[0][0], out[-1][1]


def _last_cap(phrase: str) -> str:
    """The capitalised words a phrase ends with: "legal consultation Washington" -> Washington."""
    m = re.search(r"(?:[A-Z][\w’'\-.]*\s+)*[A-Z][\w’'\-.]*$", phrase)
    return m.group() if m else ""


def _last_sentence(toks: list[str]) -> list[str]:
    """The words after the last full stop: "… for years. Edna Marsh" -> "Edna Marsh"."""
    ends = [i for i, w in enumerate(toks[:-1]) if w.endswith((".", "!", "?")) and len(w) > 3]
    return toks[ends[-1] + 1 :] if ends else toks


def _ends_in_name(chunk: str) -> bool:
    """A lower-case phrase that ends in a capitalised name, not after a preposition."""
    toks = chunk.split()
    if len(toks) < 2 or not toks[-1][:1].isupper() or not toks[-2][:1].isupper():
        return False
    lead = [t for t in toks if t[:1].islower()]
    return all(t.lower() not in _PREPS | _STOP and t.lower() not in _PRONOUN_SEX
               and not t.lower().endswith(("ed", "ing")) for t in lead) and len(lead) <= 3


def _is_role_phrase(chunk: str) -> bool:
    """"London's transport commissioner", "director at Brand Finance": a role, no verb."""
    toks = chunk.split()
    if len(toks) < 2 or not re.search(r"[’']s$", toks[0]) or not toks[-1][:1].islower():
        return False
    return toks[-1].lower() in ROLE_WORDS or toks[-1].lower() in PEOPLE_NOUNS


def _is_modifier(low: str) -> bool:
    return low.endswith(("ful", "ous", "ant", "ive", "al", "ic", "old", "-year-old")) or \
        low in ("nearby", "local", "fellow", "former", "young", "veteran", "resident", "pal",
                "comedian", "expert", "commuter", "passenger", "neighbour", "neighbor")


def _np_after(r: Reading, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that starts at ``start``: "said a furious Sebastian Vettel, who..."."""
    seg = r.masked[start:end]
    out: list[tuple[int, int, str]] = []
    for tok in _tokens(seg, start):
        w = tok[2]
        low = w.lower()
        if not re.match(r"\w", w) and w not in ("'s", "’s", "&"):
            break
        if (low in _STOP or (low in _PREPS and low != "of")) and out:
            break
        if low == "of" and len(out) >= 2 and all(t[2][:1].isupper() for t in out[-2:]) and (
                len(out) == 2 or out[-3][2][:1].islower()) and out[-1][2].lower() not in \
                ORG_HEADS and out[-1][2].lower() not in ROLE_WORDS:
            break  # "said geologist Rosaly Lopes of NASA's Jet Propulsion Laboratory"
        if out and w[:1].islower() and out[-1][2][:1].isupper() and low not in ("of",) \
                and not ROLE_NAME.match(seg, tok[0] - start - 1):
            break  # "said Trump in": the name ended; "said Arsenal manager Mikel Arteta" goes on
        out.append(tok)
        if len(out) >= 8:
            break
    while out and out[-1][2].lower() in _PREPS | _DETERMINERS:
        out.pop()
    if not out:
        return None
    return out[0][0], out[-1][1]


def _verb_rx() -> re.Pattern[str]:
    verbs = "|".join(sorted(SPEECH_VERBS | _PARTICIPLES, key=len, reverse=True))
    return re.compile(rf"\b(?:{verbs})\b", re.IGNORECASE)


_VERB = _verb_rx()
_INVERTED = re.compile(r",\s+(writes|wrote|says|said|reports|reported|adds|added)\s+"
                       r"((?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,4})\.?\s*$")
# "said the claim '…'": a reporting word after a determiner is a noun.
_AFTER_DET = re.compile(r"(?:^|\W)(?:the|a|an|this|that|his|her|their|its|our)\s+$", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)


def _frame_after(r: Reading, q: Quote, limit: int) -> Speaker | None:
    """``"…," X said`` / ``"…," said X`` / ``"…," according to X`` after the quotation."""
    close = q.end + 1 if q.closed else q.end
    seg_end = min(limit, close + 220)
    seg = r.masked[close:seg_end]
    inner = r.text[q.start : q.end].rstrip()
    head = seg.lstrip(" ,")
    if not head.strip():
        return None
    if "\n" in head[: len(head) - len(head.lstrip())]:
        return None  # a paragraph break: the next paragraph's "X said" frames its own words
    credit = re.match(r"[ \t]*[—–][ \t]*([A-Z][\w’'.\-]*(?:[ \t]+[A-Z][\w’'.\-]*){1,3})[ \t]*"
                      r"(?:\n|$)", r.masked[close : close + 80])
    opens_line = r.text[max(0, q.start - 2) : q.start - 1] in ("", "\n")
    after_line = r.masked[close + credit.end() : close + credit.end() + 2] if credit else ""
    if credit is not None and opens_line and not after_line[:1].islower():
        # '"…" — Neil Gaiman' on a line of its own: an epigraph credits its author (not a
        # hard-wrapped '… "Four more years" — Kamala Harris\nsmiled').
        a = close + credit.start(1)
        who = next((x for x in r.mentions if x.start == a and " " in x.person
                    and x.person not in r.org_names), None)
        if who is not None:
            return Speaker(r.text[who.start : who.end], (who.start, who.end), "said")
    if inner[-1:] == "." and head[:1].isupper():
        return None  # the quotation ended its sentence
    stop = _SENT_END.search(seg)
    while stop and _ABBREV.search(seg[max(0, stop.start() - 5) : stop.end()]):
        stop = _SENT_END.search(seg, stop.end())
    seg_end = close + (stop.start() if stop else len(seg))
    seg = r.masked[close:seg_end]
    offset = len(seg) - len(seg.lstrip(" ,"))
    m = _VERB.match(seg, offset)
    if m and m.group().lower() in _PARTICIPLES:
        return None  # '"…", saying he trusted the courts': the frame before it speaks
    if m:  # "said a furious Sebastian Vettel"
        np = _np_after(r, close + m.end() + 1, seg_end)
        if np:
            return Speaker(r.text[np[0] : np[1]], np, m.group().lower())
        return None
    acc = _ACCORDING.match(seg, offset)
    if acc:
        np = _np_after(r, close + acc.end(), seg_end)
        return Speaker(r.text[np[0] : np[1]], np, "according to") if np else None
    m = _VERB.search(seg, offset)
    bare = re.fullmatch(r"\s*(?:[a-z][\w\-]*\s+){0,3}((?:[A-Z][\w’'\-.]*\s+){0,4}"
                        r"[A-Z][\w’'\-]*)\s*\.?\s*", seg[offset:])
    if m is None and inner[-1:] == "," and bare:
        # ""…," Cubs General Manager Jed Hoyer." — the verb left out; the name is the frame.
        a = close + offset + bare.start(1)
        who = next((x for x in r.mentions if a <= x.start and x.end == a + len(bare.group(1))
                    and " " in x.person and x.person not in r.org_names), None)
        if who is not None:
            return Speaker(r.text[who.start : who.end], (who.start, who.end), "said")
    if m is None or m.start() - offset > 130:
        acc = _ACCORDING.search(seg, offset)
        if acc:
            np = _np_after(r, close + acc.end(), seg_end)
            return Speaker(r.text[np[0] : np[1]], np, "according to") if np else None
        return None
    verb = m.group().lower()
    if verb in _PARTICIPLES:
        return None
    if inner[-1:] in ".?!" and head[:1].isupper() and not re.match(
            r"\s*(?:[.,;!?]|$|(?:in|on|to|at|from|during|after|before|outside|when|while|as|"
            r"later|again|yesterday|today|last|this|calmly|quietly|simply|then)\b)",
            seg[m.end() :]):
        # "…?" The Branch said: "…", "…?" The Post says both …: a new sentence of its own,
        # not the frame of the quotation before it ("…?" Smith asked. is).
        return None
    np = _np_before(r, close + offset, close + m.start())
    if np is None:
        return None
    spk = Speaker(r.text[np[0] : np[1]], np, verb)
    # "…," Zobrist recalled Heyward saying: Heyward speaks, Zobrist relays.
    rel = re.match(r"\s+([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)?)\s+saying\b", seg[m.end() :])
    if rel:
        a = close + m.end() + rel.start(1)
        return Speaker(rel.group(1), (a, a + len(rel.group(1))), "said", relayed_by=spk.phrase)
    acc = _ACCORDING.search(seg, m.end())
    if acc:  # "…," Hillary said, according to the newspaper
        np2 = _np_after(r, close + acc.end(), seg_end)
        if np2:
            spk.relayed_by = r.text[np2[0] : np2[1]]
    return spk


def _frame_before(r: Reading, q: Quote, floor: int) -> Speaker | None:
    """``X said: "…"``, ``X said the tram was "…"``, ``…, adding: "…"`` before it."""
    open_mark = q.start - 1
    s_start, _ = _sentence_at(r, open_mark)
    start = max(s_start, floor)
    seg = r.masked[start:open_mark]
    verbs = [m for m in _VERB.finditer(seg)
             if not (m.group().lower() in _NOUN_VERBS and not re.match(r"\s*(?:that\b|:|$)",
                                                                          seg[m.end() :]))
             and not _AFTER_DET.search(seg[max(0, m.start() - 8) : m.start()])]
    if not verbs:
        # "Media caption Donald Trump: "…"": a person's full name and a colon.
        named = re.search(r"([A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-.]+){1,3})\s*:\s*$", seg)
        if named:
            a = start + named.start(1)
            who = next((m for m in r.mentions if m.end == a + len(named.group(1))
                        and " " in m.person and m.person not in r.org_names), None)
            if who is not None:
                return Speaker(r.text[who.start : who.end], (who.start, who.end), "said")
        # "His statement calling for a "total and complete shutdown"": whose words they are.
        own = _OWN_WORDS.search(seg)
        if own:
            a = start + own.start(1)
            return Speaker(own.group(1), (a, a + len(own.group(1))), "said")
        # "A British Transport Police spokesman: "…"" — a speaker and a colon.
        m = re.search(r"(?:^|\.\s+)([A-Z][^.:;\"“”]{2,60}?(?:spokesman|spokeswoman|"
                      r"spokesperson|statement))\s*:\s*$", seg)
        if m:
            a = start + m.start(1)
            return Speaker(m.group(1), (a, a + len(m.group(1))), "said")
        return None
    m = verbs[-1]
    clause = seg[seg.rfind(",", 0, m.start()) + 1 : m.start()]
    if len(verbs) > 1 and "," in seg[m.end() :] and re.search(
            r"\b(?:while|although|though|whereas|because|if|when)\b", clause):
        # "Earnest said that while the president believes …, his message is that "…"": the
        # verb of a subordinate clause is not the quotation's frame.
        m = verbs[-2]
    verb = m.group().lower()
    between = seg[m.end() :]
    if len(between) > 160:
        return None
    if verb in _PARTICIPLES:
        # "Theresa May sent her condolences, saying:": the subject of the sentence speaks,
        # or of the last reporting verb before the participle.
        earlier = [v for v in verbs[:-1] if v.group().lower() not in _PARTICIPLES]
        base = start
        if not earlier and start > s_start:
            # "Obama said that he had an "excellent conversation", adding his priority was
            # to "…"": the verb before the sentence's first quotation.
            whole = r.masked[s_start : start + m.start()]
            earlier = [v for v in _VERB.finditer(whole) if v.group().lower() not in _PARTICIPLES
                       and not _AFTER_DET.search(whole[max(0, v.start() - 8) : v.start()])]
            base = s_start
        if earlier:
            v = earlier[-1]
            np = _np_before(r, s_start, base + v.start())
            verb = v.group().lower()
        else:
            np = _np_subject(r, s_start, start + m.start())
            if np is None:
                # "Patti Wood, a body language expert, analysed the men, concluding that …":
                # the person the sentence opens with.
                lead = next((x for x in r.mentions if s_start <= x.start < start + m.start()
                             and not r.masked[s_start : x.start].strip()
                             and x.person not in r.org_names and x.person not in r.places),
                            None)
                np = (lead.start, lead.end) if lead is not None else None
    else:
        np = _np_before(r, start, start + m.start())
        if np is None and start > s_start:
            np = _np_before(r, s_start, start + m.start())
        outer = [v for v in verbs[:-1] if v.group().lower() not in _PARTICIPLES]
        if np is not None and outer and re.match(r"\s+that\b", seg[outer[-1].end() :]) and \
                _last_cap(r.text[np[0] : np[1]]) in r.places:
            # "Pompeo said that … Washington had concluded X was "…"": a place does not
            # speak; the words are reported by the speaker of the verb outside.
            np2 = _np_before(r, start, start + outer[-1].start())
            if np2 is not None:
                np, verb = np2, outer[-1].group().lower()
    if np is None:
        return None
    return Speaker(r.text[np[0] : np[1]], np, verb)


def _np_subject(r: Reading, start: int, end: int) -> tuple[int, int] | None:
    """The noun phrase that opens a sentence: "Prime Minister Theresa May sent ..."."""
    seg = r.masked[start:end]
    m = re.match(r"\s*((?:(?:[Tt]he|[Aa]n?|[Oo]ne)\s+)?(?:[\w’'\-.]+\s+){0,6}?)"
                 r"(?=(?:also\s+|later\s+|then\s+)?(?:sent|led|took|posted|paid|wrote|went|"
                 r"gave|issued|released|shared|offered|spoke|described|expressed|called|"
                 r"said|told|added|was|were|has|had|is)\b)", seg)
    if not m or not m.group(1).strip():
        return None
    a = start + m.start(1)
    phrase = m.group(1).rstrip()
    cut = list(re.finditer(r"(?<=[a-z0-9]{3})\.\s+(?=[A-Z])", phrase))
    if cut:  # "The scandal grew on Friday. Liam Strand issued": the last sentence's subject
        a, phrase = a + cut[-1].end(), phrase[cut[-1].end() :]
    return a, a + len(phrase)


# ---------------------------------------------------------------------------------------
# From phrase to name


_RESULTS = re.compile(r"\s*(?:\w+\s+){0,3}?(?:(?:third|second|first|fourth)-quarter\s+|quarterly\s+"
                      r"|annual\s+|full-year\s+|record\s+)?(?:earnings|revenue|revenues|profit|"
                      r"profits|loss|losses|sales|results|income|growth)\b")


def reports_results(text: str, verb_end: int) -> bool:
    """"Home Depot reported third-quarter earnings": a company reporting its results is the
    company, not a news outlet."""
    return bool(_RESULTS.match(text, verb_end, verb_end + 60))


_SHARE = re.compile(r"(?:\bper\s?cent\b|%|\bpercentage\b|"
                    r"\b(?:majority|half|third|quarter|most)\s+of\b)", re.IGNORECASE)


def is_share(phrase: str) -> bool:
    """"Fifty-one percent", "70 percent of Americans", "a majority of voters": a poll's share
    of people, which is no one's voice (the poll is the source, when the text names it)."""
    return bool(_SHARE.search(phrase))


def resolve(r: Reading, spk: Speaker) -> Speaker:
    """Fill ``name``, ``kind`` and ``entity`` of a speaker phrase (``name`` None: unsure)."""
    phrase = spk.phrase.strip()
    low = phrase.lower()
    if is_share(phrase):
        return spk
    if low in _PRONOUN_SEX:
        # "…by the decision He said:": a caption without a full stop ran into the
        # sentence; the pronoun looks back from before the caption.
        glued = phrase[:1].isupper() and bool(re.search(r"[a-z0-9]\s+$",
                                                            r.masked[max(0, spk.span[0] - 3)
                                                                     : spk.span[0]]))
        person = antecedent(r, spk.span[0], _PRONOUN_SEX[low], skip_own=glued)
        if person is not None:
            spk.name, spk.kind = person.name, person.kind
            spk.entity = person.entity
            spk.relayed_by = spk.relayed_by or person.relayed_by
        return spk
    if low == "it" and spk.verb in ("read", "reads"):
        # "He posted a text message to his partner. It read: "…"": the author's words.
        author = _author_before(r, spk.span[0])
        if author is not None:
            spk.name, spk.kind, spk.entity = author.name, author.kind, author.entity
            return spk
    if low in ("they", "it", "we"):
        voice = _voice(r, spk.span[0], low)
        if voice is not None:
            spk.name, spk.kind, spk.entity = voice.name, voice.kind, voice.entity
        return spk
    body = body_around(r.text, r.entities, spk.phrase, spk.span)
    name = body.name if body is not None else _name_in(r, phrase, spk.span[0])
    if name is not None and " " not in name and is_demonym(name):
        return spk  # "said the German": a nationality, someone only the reader may know
    if name is not None and re.fullmatch(r"[A-Z]{2,6}", name):
        name = _expand_acronym(r, name, spk.span[0]) or name
    if name is not None:
        spk.name = name
        ent = next((e for e in r.entities if e.name == name), None)
        spk.entity = ent
        if (ent is not None and ent.kind == "organization") or name in r.org_names:
            reports_news = spk.verb == "reported" and not reports_results(r.text, spk.span[1])
            spk.kind = "media" if _is_media(name) or reports_news else "official"
        elif ent is None and _is_media(name) and len(name.split()) <= 4:
            spk.kind = "media"
        else:
            spk.kind = "named"
        return spk
    # No proper name: a description.
    if re.match(r"(?:asked|declined|spoke|requested|wished|agreed)\b", low):
        return spk  # "… and asked not to be identified, said": a clause, not who speaks
    core = re.sub(r"^(?:[Tt]he|[Aa]n?|[Oo]ne|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+", "", phrase)
    first = low.split()[0]
    head_part = re.split(r"\s+(?:in|from|at|for|with|of|on|close|to)\s+", core.lower())[0]
    if not head_part.split():
        return spk
    head = re.sub(r"[’']s$", "", head_part.split()[-1])
    original = re.split(r"\s+(?:in|from|at|for|with|of|on|close|to)\s+", core)[0].split()
    if original and original[-1][:1].isupper() and len(original) > 0 and \
            original[-1].lower() not in PEOPLE_NOUNS:
        return spk  # a proper name the rules could not place: no guess
    if not head.isalpha() or len(head) < 3 or head in _DETERMINERS or head in _PRONOUN_SEX or \
            head in _TIME_WORDS or head in ("they", "it", "we", "i", "you") or \
            (head.endswith(("ed", "ing")) and head not in ("relatives",)):
        return spk  # "November 9", "His", "Asked": no speaker
    if _is_modifier(head) and head not in ROLE_WORDS | PEOPLE_NOUNS | ACTOR_NOUNS | \
            _INSTITUTIONS and not head.endswith("-year-old"):
        return spk  # "released two highly critical reports that …": an adjective heads nothing
    if first not in _DETERMINERS and " " not in phrase and phrase.islower() and \
            not head.endswith("s") and head not in _MASS_VOICES:
        return spk  # "the "Pose" actor said" cut at the title: a bare singular noun is no one
    if head in _PAPERS:
        # "the statement said", "said a report from X": the body that issued it speaks, and
        # when the text does not say who that is, nobody named does.
        issuer = _issuer(r, spk, head, first)
        if issuer is not None:
            spk.name, spk.kind, spk.entity = issuer.name, issuer.kind, issuer.entity
        return spk
    if first in _INDEFINITE or first not in _DETERMINERS:
        # "a spokesman", "one man", "Relatives", "Sources close to the probe": unnamed voices.
        spk.name = phrase[0].lower() + phrase[1:] if first in _DETERMINERS else phrase
        spk.kind = _description_kind(head)
        return spk
    # "the owner", "the four-times champion": the article means someone named before.
    role = [e for e in r.entities if e.kind == "person" and e.role and head in
            e.role.lower().split()]
    if len(role) == 1:
        spk.name, spk.kind, spk.entity = role[0].name, "named", role[0]
        return spk
    org = [e for e in r.entities if e.kind == "organization" and
           (e.name.lower().split()[-1] == head or (e.description or "").lower().endswith(head))]
    if org and head not in ROLE_WORDS:
        best = max(org, key=lambda e: max((a for a, _ in e.mentions if a < spk.span[0]),
                                          default=-1))
        spk.name, spk.kind, spk.entity = best.name, "official", best
        return spk
    if first == "the" and head in _ORG_HEADS:
        # "Mondelez has not confirmed … . In a statement, the owner said: "…"".
        body = _described_org(r, spk.span[0])
        if body is not None:
            spk.name, spk.kind, spk.entity = body.name, "official", body
            return spk
    if first == "the":
        named = _named_before(r, spk.span[0], core)
        if named is not None:
            spk.name, spk.kind = named, "official" if head in _INSTITUTIONS else "named"
            spk.entity = next((e for e in r.entities if e.name == named), None)
            return spk
    if head in _INSTITUTIONS:
        spk.name = phrase[0].lower() + phrase[1:]
        spk.kind = _description_kind(head)
        return spk
    if first == "the" and not head.endswith("s"):
        # "Martin Bamford, 30, said … . The gutter cleaner from New Addington said: "…"": a
        # description right after the sentence about one named person is that person.
        described = _described(r, spk.span[0], head)
        if described is not None:
            spk.name, spk.kind = described, "named"
            spk.entity = next((e for e in r.entities if e.name == described), None)
    return spk


_CLAUSE_VERBS = frozenset(words("is are was were has have had been be will would can could"))
# Singular without an article, yet a voice: "police said", "staff said".
_MASS_VOICES = frozenset(words("police staff management security government parliament "
                               "congress"))
# What a body issues: it says what its issuer says.
_BODIES = frozenset(words("""military army navy government ministry department police embassy
council court agency office commission committee authorities"""))
_PAPERS = frozenset(words("""statement report letter study document documents filing release
memo memorandum survey analysis note notice"""))
_ISSUED_BY = re.compile(r"\s*(?:from|by|issued by|released by|published by)\s+((?:the\s+)?"
                        r"[A-Z][\w’'\-.&]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?[A-Z][\w’'\-.&]*){0,6})")
_ISSUE_VERBS = re.compile(r"\b(?:said|says|added|announced|confirmed|stated|wrote|issued|released|"
                          r"published|posted|sent|put out|shared)\b")


_ISSUING = re.compile(r"(?:issued|released|published|posted|sent|put out|shared)$")
_GAP_OBJECT = re.compile(r"\s+(?:a|an|the|its|his|her|their)\s+(?:[\w\-]+\s+)?")
_GAP_IN = re.compile(r"\s+in\s+(?:a|an|the|its|his|her|their)\s+(?:[\w\-]+\s+)?")


def body_around(text: str, entities: list[Entity], phrase: str,
                span: tuple[int, int]) -> Entity | None:
    """The organisation whose longer name a speaker phrase's capitalised words lie inside
    ("Pensions" of "the Department for Work and Pensions said", "the Center" of "said the
    Center for Strategic and International Studies"), or None. Read for quotations here and
    for attributed claims in ``sources``."""
    cap = re.search(r"\b[A-Z]", phrase)
    if cap is None:
        return None
    a, b = span[0] + cap.start(), span[1]
    for ent in entities:
        for s, e in ent.mentions:
            if ent.kind == "organization" and s <= a and b <= e and (s, e) != (a, b) \
                    and not text.startswith(" of ", b):
                return ent  # (not "Rosa Lenz" of "Rosa Lenz of Kellner Space Laboratory")
    return None


def _issuer(r: Reading, spk: Speaker, head: str, first: str) -> Speaker | None:
    """Who issued the statement or report a speaker phrase names, if the text says so: "a
    report from X", "X said in a statement … the statement said", "X released a report"."""
    def voice(phrase: str, span: tuple[int, int]) -> Speaker | None:
        if phrase.split()[-1].lower() in _PAPERS:
            return None
        who = resolve(r, Speaker(phrase, span, "said"))
        if who.name is None:
            body = re.fullmatch(r"(?:[Tt]he\s+)?((?:[A-Z][\w.’'\-]*\s+){1,3}[a-z]+)", phrase)
            if body is not None and body.group(1).split()[-1] in _INSTITUTIONS | _BODIES:
                # "the US military said in a statement": a body the text names by its country
                who.name, who.kind = body.group(1), "official"
        return who if who.name is not None and who.kind in ("named", "official", "media") \
            else None

    inner = re.search(r"\s(?:from|by)\s+(?:the\s+)?[A-Z].*$", spk.phrase)
    tail = _ISSUED_BY.match(r.masked, spk.span[1])
    for m, base in ((inner, spk.span[0]), (tail, 0)):
        if m is not None:
            name = re.sub(r"^\s*(?:from|by|issued by|released by|published by)\s+", "",
                          m.group() if m is inner else m.group(1))
            a = base + m.end() - len(name) if m is inner else m.start(1)
            return voice(name.rstrip(".,"), (a, a + len(name)))
    if first not in ("the", "its", "their"):
        return None
    # The definite "the statement": the one the text mentioned last, and who it says made it.
    floor = max(0, spk.span[0] - 1500)
    mentions = [m for m in re.finditer(rf"\b{re.escape(head)}\b", r.masked[floor : spk.span[0]])]
    for m in reversed(mentions):
        at = floor + m.start()
        s_start, s_end = _sentence_at(r, at)
        if s_start <= spk.span[0] < s_end:
            continue  # the phrase's own sentence
        by = _ISSUED_BY.match(r.masked, at + len(head))
        if by is not None:
            return voice(by.group(1), (by.start(1), by.end(1)))
        verbs = list(_ISSUE_VERBS.finditer(r.masked, s_start, at))
        if verbs:
            # "X issued a statement", "X said in a statement"; not "X said a statement from
            # the bank was insulting" nor "X said he had read the company's statement": a
            # critic of someone else's statement.
            gap = r.masked[verbs[-1].end() : at]
            issued = _ISSUING.match(verbs[-1].group()) and _GAP_OBJECT.fullmatch(gap)
            if not (issued or _GAP_IN.fullmatch(gap)):
                return None
        else:
            # "In a statement, X said"
            if not re.search(r"\b[Ii]n\s+(?:a|an|the|its|his|her|their)\s+(?:[\w\-]+\s+)?$",
                             r.masked[s_start:at]):
                return None
            verbs = list(_ISSUE_VERBS.finditer(r.masked, at, s_end))[:1]
        if not verbs:
            return None
        np = _np_before(r, s_start, verbs[-1].start())
        return voice(r.text[np[0] : np[1]], np) if np is not None else None
    return None


_NOT_RESTATED = frozenset(words(
    """spokesman spokeswoman spokesperson official officer police president minister
    secretary chief leader head director manager coach judge prosecutor lawyer attorney
    doctor surgeon witness victim suspect driver pilot boss chairman mayor governor
    other another first second latter former"""))


_ORG_HEADS = frozenset(words(
    """company firm owner group maker manufacturer brand retailer airline bank operator
    carrier chain insurer business corporation giant"""))


def _named_before(r: Reading, pos: int, core: str) -> str | None:
    """"The group, WeWorkers Coalition, formed …. The group said": the name the text gave the
    same description in apposition earlier."""
    if len(core.split()) > 3 or not core.islower():
        return None
    found = None
    # Not "One organiser of the protest, Kenneth Shelton,": a part of a larger phrase.
    rx = (rf"(?<!\bof )(?<!\bfor )(?<!\bto )\b[Tt]he\s+{re.escape(core)},\s+"
          rf"((?:[A-Z][\w’'\-&.]*\s+)*[A-Z][\w’'\-&.]*),")
    for m in re.finditer(rx, r.masked[max(0, pos - 2500) : pos]):
        found = m.group(1)
    return found


def _described_org(r: Reading, pos: int) -> Entity | None:
    """The one organisation the sentence just before opens with, for "the company said"."""
    s_start, _ = _sentence_at(r, pos)
    lead = r.masked[s_start:pos]
    if lead.strip() and not re.fullmatch(r"\s*[A-Z][^,.;:]{0,40},\s*", lead):
        return None  # only "In a statement, the owner said": an adverbial, no other actor
    prev = [s for s in r.sentences if s.end <= s_start and s_start - s.end < 5]
    if not prev:
        return None
    p = prev[-1]
    orgs = [e for e in r.entities if e.kind == "organization"
            and any(p.start <= a < p.end for a, _ in e.mentions)]
    people = [m for m in r.mentions if p.start <= m.start < p.end
              and m.person not in r.org_names]
    if not orgs or people:
        return None
    # The organisation the sentence opens with is its subject ("Mondelez has not confirmed
    # … the Toblerone bar"); others are modifiers or objects.
    opener = [e for e in orgs if any(p.start <= a < p.end and not r.masked[p.start:a].strip()
                                     for a, _ in e.mentions)]
    return opener[0] if len(opener) == 1 else None


def _described(r: Reading, pos: int, head: str) -> str | None:
    """The one person the sentence just before names as its subject, if a description of a
    private person ("the gutter cleaner", "the 30-year-old") follows it directly."""
    if head in _NOT_RESTATED or head in _PEOPLE_GROUPS:
        return None
    s_start, _ = _sentence_at(r, pos)
    if r.masked[s_start:pos].strip(" \"'“‘") != "":
        return None  # the description must open its sentence
    prev = [s for s in r.sentences if s.end <= s_start and s_start - s.end < 5]
    if not prev:
        return None
    p = prev[-1]
    people = {m.person for m in r.mentions if p.start <= m.start < p.end
              and m.person not in r.org_names and m.person not in r.places}
    subj = [m for m in r.mentions if p.start <= m.start < p.end and m.subject
            and _opens_clause(r.masked, m.start)]
    if len(people) != 1 or not subj or " " not in subj[0].person:
        return None
    return subj[0].person


_ORG_RUN = re.compile(r"(?:[A-Z][\w’'\-]*\s+(?:(?:of|and|for|the|&)\s+)*){1,7}[A-Z][\w’'\-]*")


def _is_title(word: str) -> bool:
    low = word.lower().strip(".")
    if "-" in low and low.split("-")[0] in ROLE_WORDS:
        return True  # "President-elect", "President-elected"
    return low in ROLE_WORDS or low in ("prime", "vice", "elect", "first", "lady", "general",
                                        "attorney", "foreign", "home", "deputy", "chief")


def _titled_person(r: Reading, title: str, pos: int) -> str | None:
    """The one person the article names with this title ("President-elect Donald Trump")."""
    found: set[str] = set()
    for m in re.finditer(rf"\b{re.escape(title)}\s+((?:[A-Z][\w’'\-.]*\s+){{0,2}}"
                         rf"[A-Z][\w’'\-]*)", r.masked):
        name = m.group(1)
        if _is_title(name.split()[0]):
            continue  # "President Elect Trump" is not "President" Trump
        a = m.start(1)
        person = next((x.person for x in r.mentions if x.start <= a < x.end or
                       a <= x.start < a + len(name)), None)
        if person is not None and person not in r.org_names and person not in r.places:
            found.add(person)
    full = {n for n in found if " " in n}
    if len(found) == 1:
        return found.pop()
    if len(full) == 1 and all(any(same_person(f, n) for f in full) for n in found):
        return full.pop()
    return None


def _expand_acronym(r: Reading, acronym: str, pos: int) -> str | None:
    """"BTP" after "British Transport Police": the body named earlier whose initials it is."""
    best: str | None = None
    for m in _ORG_RUN.finditer(r.masked, 0, pos):
        words_ = [w for w in m.group().split() if w[:1].isupper()]
        for i in range(len(words_)):
            tail = words_[i:]
            if len(tail) == len(acronym) and "".join(w[0] for w in tail) == acronym:
                best = " ".join(tail)
                break
    return best


def _description_kind(head: str) -> str:
    if head in DOCUMENT_HEADS:
        return "document"
    if head in OFFICIAL_HEADS:
        return "official"
    return "anonymous"


def _is_media(name: str) -> bool:
    return bool({w.lower().strip(".") for w in name.split()} & _MEDIA_WORDS)


def _name_in(r: Reading, phrase: str, pos: int) -> str | None:
    """The proper name a speaker phrase gives, resolved to the article's fullest form."""
    toks = phrase.split()
    if not toks:
        return None
    # "the statement on Toblerone's Facebook page": the owner of the page speaks.
    owner = re.search(r"([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*)[’']s\s+(?:[A-Z][\w\-]*\s+)?"
                      r"(?:page|account|website|site|feed|channel|blog|profile)$", phrase)
    if owner:
        return _name_in(r, owner.group(1), pos)
    # A preposition after a common noun starts a modifier: "a spokesman in Berlin".
    for i in range(1, len(toks)):
        if toks[i].lower() in _PREPS and toks[i - 1][:1].islower():
            toks = toks[:i]
            break
    last = toks[-1].strip(".,")
    if last[:1].islower() or last.lower() in ("spokesman", "spokeswoman", "spokesperson"):
        return None  # the head is a common noun: "a Nato spokesman", "one protester's sign"
    if len(toks) == 1:
        word = last.lower()
        mid = re.search(r"[a-z,]\s+$", r.masked[max(0, pos - 3) : pos]) is not None
        if word in PEOPLE_NOUNS or word in ACTOR_NOUNS or word in ROLE_WORDS or \
                word in _DETERMINERS or (word in r.lower_words and not (
                    mid and r.full_names.get(last))):
            # "Relatives", "Police", "Asked": common words, not names; but "says Early"
            # mid-sentence is the surname of the article's Chris Early
            return None
    runs: list[list[str]] = []
    run: list[str] = []
    prev = ""
    for w in toks:
        bare = w.strip(",.")
        if bare[:1].isupper() and not (prev.lower() in _PREPS and prev.lower() != "of"
                                       and not run):
            run.append(bare)
        else:
            if run:
                runs.append(run)
            run = []
        prev = w
        if bare.endswith(("'s", "’s")) and run:
            run = []  # "PolitiFact's Allison Graves", "Mr Collett's family": a possessor
    if run:
        runs.append(run)
    runs = [x for x in runs if x]
    if not runs:
        return None
    words_ = runs[-1]
    bare_title = [w for w in words_ if w.lower() not in ("the", "a", "an")]
    if not bare_title:
        return None  # "The 56-year-old said": a sentence-initial article, no name
    if bare_title and all(_is_title(w) for w in bare_title):
        # "The President-elect said": a title alone is whoever the article gives it to.
        return _titled_person(r, " ".join(bare_title), pos)
    # Titles and roles before the name: "Cubs Manager Joe Maddon", "Mr. Gingrich".
    while len(words_) > 1 and (words_[0].lower().strip(".") in ROLE_WORDS | _MALE | _FEMALE
                               | ACTOR_NOUNS
                               or words_[0].lower().strip(".") in ("dr", "prof", "gov", "sen",
                                                                    "rep", "gen", "asst",
                                                                    "ch", "con", "deputy",
                                                                    "chief", "constable",
                                                                    "assistant", "vice",
                                                                    "prime", "mum-of-two")
                               or (words_[0].isupper() and len(words_) > 2)):
        words_ = words_[1:]
    name = " ".join(words_)
    if name.lower() in _TIME_WORDS or name.split()[0].lower() in _TIME_WORDS:
        return None
    if name in ("I", "We", "He", "She", "They", "It"):
        return None
    people = {m.person for m in r.mentions}
    # The longest tail of the run that is a person the article names.
    for i in range(len(words_)):
        tail = " ".join(words_[i:])
        if tail in people or any(e.name == tail for e in r.entities):
            if len(words_[i:]) == 1 and tail not in r.org_names:
                title = phrase.split()[0].lower().strip(".") if phrase.split() else ""
                cue = "m" if title in _MALE else "f" if title in _FEMALE else None
                fit = _fit_surname(r, tail, pos, cue)
                if fit:
                    return fit
                if r.full_names.get(tail):
                    # Two people share the surname and nothing says which: say no more
                    # than the article does.
                    return " ".join(phrase.split()[-2:]) if cue else tail
            ent = next((e for e in r.entities if e.name == tail), None)
            if ent is not None:
                return ent.name
            return next(m.person for m in r.mentions if m.surface == tail)
    if name in r.places and name not in r.org_names:
        titled = re.match(r"(?:Mr|Mrs|Ms|Miss|Dr|Sir)\.?\s", phrase)
        fit = _fit_surname(r, name, pos, None) if titled and len(words_) == 1 else None
        return fit  # "Berlin said": a place does not speak; "Mr Trump" (Trump Tower) does
    if len(words_) == 1:
        fit = _fit_surname(r, name, pos, None)
        if fit:
            return fit
    if len(words_) > 4:
        return None  # debris from captions and bylines
    return name


def antecedent(r: Reading, pos: int, sex: str | None, skip_own: bool = False,
               depth: int = 0) -> Speaker | None:
    """The person "he" or "she" at ``pos`` refers to: earlier speakers and named people of
    that sex, the nearest clause subjects first; a place or an organisation never.
    ``skip_own``: the pronoun's own sentence before it is a caption, not narration."""
    s_start, _ = _sentence_at(r, pos)
    if skip_own:
        pos = s_start
    cands: list[tuple[int, Speaker]] = []  # (priority, speaker): lower is better
    window_start = max(0, pos - 900)
    sents = [s for s in r.sentences if s.end <= s_start and s.start >= window_start]
    # Captions run into the narration without a full stop ("…meet at the White House And
    # the former host spoke …"): a capitalised "And"/"He"/"The" after a lower-case word
    # starts a sentence of its own.
    pieces: list[tuple[int, int]] = []
    for a, b in [(s.start, s.end) for s in reversed(sents)]:
        cuts = [a] + [g.end() for g in _GLUE.finditer(r.masked, a, b)]
        pieces.extend(reversed(list(zip(cuts, [*cuts[1:], b], strict=True))))
    own = [s_start] + [g.end() for g in _GLUE.finditer(r.masked, s_start, pos)]
    spans = [(own[-1], pos), *pieces]
    spoken = {s.name for s in r.speakers if s.name}
    for rank_, (start, end) in enumerate(spans):
        here = [m for m in r.mentions if start <= m.start < end]
        if rank_ > 0 and _unknown_subject(r, start, end, here):
            return None  # "Then Marsh took the stage. His statement …": a name we cannot place
        here_speakers = [s for s in r.speakers if s.name and start <= s.span[0] < end
                         and s.kind in ("named", "anonymous") and s.phrase.lower() not in
                         _PRONOUN_SEX]
        found: list[tuple[int, Speaker]] = []
        for m in here:
            sx = r.sex.get(m.person) or m.sex
            if sex and sx and sx != sex:
                continue
            if m.person in r.org_names or m.person in r.places:
                continue
            if r.text[m.end:m.end + 2] in ("'s", "’s"):
                continue  # "Obama's place of birth": a possessor is not who "he" is
            says = _SAYS_BEFORE.search(r.masked, max(0, m.start - 12), m.start) is not None
            pri = 0 if m.subject else 1 if says else 2
            found.append((pri, Speaker(m.surface, (m.start, m.end), "said", m.person,
                                       "named")))
        # "This system, says Buser, helps …": the name after an inverted "says" is the
        # sentence's voice, but only when nobody else of that sex is in it ("The deal, says
        # Mark Hill, will anger Tom Brown" leaves "he" unresolved).
        says_pri = 0 if len({f[1].name for f in found}) == 1 else 2
        found = [(says_pri if pri == 1 else pri, spk) for pri, spk in found]
        for s in here_speakers:
            head = s.phrase.lower().split()[-1] if s.phrase.split() else ""
            if s.kind == "anonymous" and (head in _INSTITUTIONS or head in _PEOPLE_GROUPS or
                                          s.phrase.lower().split()[0] in _POSSESSIVES):
                continue  # "her campaign", "the family", "witnesses": not "he" or "she"
            if s.kind == "anonymous" and any(r.text[s.span[1] : m.start] == ", " for m in here):
                continue  # "Another passenger, Owen Tate, said": the name it stands beside
            sx = r.sex.get(s.name or "") or ("m" if head in _MALE else "f" if head in _FEMALE
                                             else None)
            if sex and sx and sx != sex:
                continue
            found.append((0, s))
        if rank_ > 0:
            found = [f for f in found if f[0] <= 0]
            if not found:
                opener = r.masked[start : start + 60].lstrip()
                poss = {"m": "his", "f": "her"}.get(sex or "", "")
                lead_np = re.match(r"(?:[A-Z][a-z]+,?\s+)?([Tt]he|[Hh]is|[Hh]er)\s+[a-z]", opener)
                if lead_np and lead_np.group(1).lower() != poss:
                    # "the teenager managed ...": someone the text does not name here; the
                    # same person as the sentence before, when that one is about one person.
                    return _restated(r, start, lead_np, sex, depth)
                if any(start <= s.span[0] < end and s.phrase.lower() not in _PRONOUN_SEX
                       and s.phrase.lower().split()[0] not in _POSSESSIVES
                       and not (sex and r.sex.get(s.name or "") not in (None, sex))
                       for s in r.speakers):
                    # another voice speaks in between: "he" is not past it (a man speaking
                    # in between does not stop "she")
                    return None
                continue
        if not found:
            continue
        if rank_ == 0:
            found.sort(key=lambda f: (f[0], -f[1].span[0]))
        else:
            # In an earlier sentence the subject (leftmost, not after a preposition) wins,
            # and someone already speaking wins over someone merely named.
            # A name wins over a description of equal standing ("Another passenger, Owen
            # Tate, said"): the description is the name's appositive.
            found.sort(key=lambda f: (f[0] - (1 if f[1].name in spoken else 0)
                                      + (0.5 if f[1].kind == "anonymous" else 0), f[1].span[0]))
            word = {"m": _HE, "f": _SHE}.get(sex or "")
            lead = word.search(r.masked, start, found[0][1].span[0]) if word else None
            if lead is not None and not re.match(r"(?:his|her)\b", lead.group(), re.I) \
                    and not _opens_clause(r.masked, found[0][1].span[0]):
                return None  # "…, but he faces rival Nico Rosberg": the sentence is about "he"
        cands.append((rank_, found[0][1]))
        break
    if not cands:
        return None
    best = cands[0][1]
    ent = next((e for e in r.entities if e.name == best.name), None)
    return Speaker(best.phrase, best.span, best.verb, best.name, best.kind, ent,
                   best.relayed_by)


_SUBJECT_WORD = re.compile(r"\s*(?:(?:Then|And|But|Later|Meanwhile|However|Instead),?\s+)?"
                           r"([A-Z][a-z’'\-]+)(?=,\s+(?:a|an|the|his|her|their)\s|"
                           r"\s+(?:also\s+|then\s+|later\s+)?(?:[a-z]+(?:ed|s)|took|made|went|came|"
                           r"gave|told|said|spoke|wrote|ran|won|lost|left|met|saw|got|kept|held|"
                           r"led|sent|put|felt|began|became|brought|thought|stood|fell|fought|"
                           r"drove|rose|hit|shot|sang|sat|knew|grew|flew|threw|wore|did)\b)")


def _unknown_subject(r: Reading, start: int, end: int, here: list[_Mention]) -> bool:
    """Does the sentence open with a one-word name the rules did not index ("Marsh, a
    farmer, disagreed.")? Then a later pronoun may be that person's, not someone's before."""
    kin = _KIN_SUBJECT.match(r.masked, start, end)
    if kin and not any(kin.end() <= x.start <= kin.end() + 3 for x in here):
        return True  # "George Floyd's brother Philonise wept.": a relative, not Floyd (but
        # "Mr Seary's son-in-law Darren Mimms said" names him)
    m = _SUBJECT_WORD.match(r.masked, start, end)
    if m is None:
        return False
    word = m.group(1)
    if word.endswith(("ly", "ing")):
        return False  # "Incredibly, the teenager …", "Speaking, …": not a name
    low = word.lower()
    singular = {low, low[:-1], low[:-2]} if low.endswith("s") else {low}
    if singular & (PEOPLE_NOUNS | ROLE_WORDS | ACTOR_NOUNS | r.lower_words) or \
            low.endswith(("ics", "ists", "ants", "ents", "ians", "ees", "ives")):
        return False  # "Critics doubted the plan": people, not a name
    if any(x.start == m.start(1) for x in here) or word.lower() in r.lower_words or \
            word in r.places or word in r.org_names or word.lower() in _TIME_WORDS or \
            word.lower() in _STOP | _DETERMINERS | _PRONOUN_SEX.keys() or word.lower() in _ADVERBS:
        return False
    return not any(word in e.name.split() for e in r.entities if e.kind != "person")


# A sentence about someone's relative: "George Floyd's brother Philonise wept", "Smith's wife".
_KIN_SUBJECT = re.compile(
    r"\s*(?:[A-Z][\w\-]+\s+){1,3}?[A-Z][\w\-]+[’']s\s+(?:[a-z]+\s+)?(?:brother|sister|mother|"
    r"father|son|daughter|wife|husband|widow|uncle|aunt|cousin|nephew|niece|grandmother|"
    r"grandfather|partner|fiancée?|girlfriend|boyfriend|mum|mom|dad)(?:-in-law)?\b")


# "The key to its success, says Buser, is …": the name after the verb is the one speaking.
_SAYS_BEFORE = re.compile(r"\b(?:says|said|adds|added|writes|wrote|explains|explained)\s+$")


def _restated(r: Reading, start: int, lead_np: re.Match[str], sex: str | None,
              depth: int) -> Speaker | None:
    """"He survived a hairy moment. Incredibly, the teenager managed …. "…," he said": a
    singular description of a private person opening a sentence is the person the sentence
    before is about (its one named subject, or the "he" it opens with)."""
    if depth > 0 or lead_np.group(1).lower() != "the":
        return None
    rest = r.masked[start + lead_np.end(1) : start + lead_np.end(1) + 40].split()
    head = rest[0].lower().strip(",.") if rest else ""
    if not head.isalpha() or head.endswith(("s", "ing", "ed")) or head in _NOT_RESTATED or \
            head in _INSTITUTIONS or head in _PEOPLE_GROUPS or _is_modifier(head):
        return None
    name = _described(r, start, head)
    if name is not None:
        ent = next((e for e in r.entities if e.name == name), None)
        return Speaker(name, (start, start), "said", name, "named", ent)
    prev = [x for x in r.sentences if x.end <= start and start - x.end < 5]
    if not prev:
        return None
    opener = re.match(r"\s*(He|She)\b", r.masked[prev[-1].start : prev[-1].end])
    if opener is None or (sex and _PRONOUN_SEX[opener.group(1).lower()] != sex):
        return None
    return antecedent(r, prev[-1].start + opener.start(1), sex, depth=depth + 1)


_WROTE = re.compile(r"\b(?:posted|wrote|sent|shared|tweeted|published|texted)\b")


def _author_before(r: Reading, pos: int) -> Speaker | None:
    """Who the sentence just before says wrote or posted something."""
    s_start, _ = _sentence_at(r, pos)
    prev = [s for s in r.sentences if s.end <= s_start and s_start - s.end < 5]
    if not prev or r.masked[s_start:pos].strip():
        return None
    p = prev[-1]
    m = _WROTE.search(r.masked, p.start, p.end)
    if m is None:
        return None
    np = _np_before(r, p.start, m.start())
    if np is None:
        return None
    who = resolve(r, Speaker(r.text[np[0] : np[1]], np, "wrote"))
    return who if who.name is not None and who.kind == "named" else None


def _voice(r: Reading, pos: int, pronoun: str) -> Speaker | None:
    """"it" / "they": the nearest earlier speaker that is an organisation or unnamed voice."""
    for s in reversed(r.speakers):
        if s.span[0] >= pos or pos - s.span[0] > 700:
            continue
        if s.name and (s.kind in ("official", "anonymous", "document") or
                       (pronoun == "it" and s.kind == "media")):
            return s
        if s.name and s.kind == "named" and pronoun == "it" and not r.sex.get(s.name) and \
                " " not in s.phrase.strip() and re.search(
                    rf"\b{re.escape(s.phrase.strip())}\s+(?:\w+\s+)?(?:said|says|added|"
                    rf"confirmed|announced|stated)\s+(?:that\s+)?it\b", r.masked):
            return s  # "Brightbar said it had to …. It said in a statement": the text's "it"
        if s.name and s.kind == "named" and pronoun != "they":
            return None
    return None


# ---------------------------------------------------------------------------------------
# Quotations


def attribute(r: Reading) -> list[QuoteSpeaker]:
    """The speaker of every quotation, in text order."""
    out: list[QuoteSpeaker] = []
    prev: QuoteSpeaker | None = None
    prev_q: Quote | None = None
    related = [m.start() for m in _RELATED.finditer(r.text)]
    held: tuple[Speaker, int] | None = None  # the voice before a block of related links
    for i, q in enumerate(r.quotes):
        nxt = r.quotes[i + 1].start - 1 if i + 1 < len(r.quotes) else len(r.text)
        floor = (prev_q.end + 1) if prev_q is not None else 0
        if prev is not None and prev.speaker is not None and prev_q is not None and any(
                prev_q.end < m < q.start and m - prev_q.end < 300 for m in related):
            held = (prev.speaker, q.start)
        if held is not None:
            if q.start - held[1] > 1500:
                held = None
            elif not _resumes(r, q):
                # 'I WARNED THEM' Passenger claims …: headlines of related stories, no speech.
                out.append(QuoteSpeaker((q.start, q.end), None, "none", 0))
                continue
        after = _frame_after(r, q, nxt)
        before = _frame_before(r, q, floor)
        spk: Speaker | None = None
        # "Parise said: "…" Eichel said he was "…"": a frame that opens the quotation with a
        # colon right after its speaker ("X said:", "He added:") is its own; the verb after it
        # belongs to the next sentence.
        colon = before is not None and re.fullmatch(
            r"\s+[a-z]+\s*:\s*", r.masked[before.span[1] : q.start - 1]) is not None
        for cand in ((before, after) if colon else (after, before)):
            if cand is None:
                continue
            resolve(r, cand)
            if cand.name is None:
                continue
            if cand is after and cand.kind == "media" and before is not None:
                # "X insisted that "…," the BBC reported": X speaks, the outlet relays.
                resolve(r, before)
                if before.name is not None and before.kind != "media":
                    before.relayed_by = cand.name
                    cand = before
            spk = cand
            break
        if spk is None and prev is not None and prev.speaker is not None and \
                prev.speaker.kind == "named" and prev_q is not None:
            spk = _same_voice_described(r, (after, before), prev.speaker, prev_q, q)
        how, strength = "frame", 2
        if held is not None:
            if spk is None and after is None and before is None:
                # "…anybody. Related stories … "It's really hurting his wife.": the voice
                # before the links goes on after them.
                spk, how, strength = held[0], "continued", 1
            held = None
        elif spk is None and after is None and before is None and prev is not None and \
                prev.speaker is not None:
            if prev_q is not None and not prev_q.closed:
                spk, how, strength = prev.speaker, "continued", 2
            elif prev_q is not None and _adjacent(r, prev_q, q) and not _someone_else(
                    r, prev_q.end, q.start - 1, prev.speaker) and not _cited_fragment(r, q):
                spk, how, strength = prev.speaker, "inherited", 1
        if spk is None and after is None and before is None and prev is not None and \
                prev.speaker is not None and prev.how == "frame" and prev_q is not None and \
                r.text[q.start : q.start + 1].islower() and \
                _sentence_at(r, prev_q.start) == _sentence_at(r, q.start) and \
                not _VERB.search(r.masked, prev_q.end, q.start):
            # "Wood concluded that Obama was "resigned", while Trump was "fearful"": a second
            # fragment in the sentence is the same voice's.
            spk, how, strength = prev.speaker, "inherited", 1
        if spk is None and after is None and before is None and not _cited_fragment(r, q):
            told = _told_just_before(r, q)
            if told is not None:
                spk, how, strength = told, "inherited", 1
        if spk is None:
            how, strength = "none", 0
        else:
            if spk not in r.speakers:
                bisect.insort(r.speakers, spk, key=lambda x: x.span[0])
        qs = QuoteSpeaker((q.start, q.end), spk, how, strength)
        out.append(qs)
        prev, prev_q = qs, q
    return out


def _cited_fragment(r: Reading, q: Quote) -> bool:
    """'"… prevent the evacuation of the Syrian civilians from the Rubkan camp"' standing
    alone: a quotation opening with an ellipsis, or a paragraph of its own without a
    sentence's end, cites a document or heads a section; it is nobody's next words."""
    words = r.text[q.start : q.end].strip()
    if words.startswith(("…", "...")):
        return True
    alone = r.text[max(0, q.start - 2) : q.start - 1] in ("\n", "") and \
        r.text[q.end + 1 : q.end + 2] in ("\n", "")
    return alone and not re.search(r"[.!?,;:]$", words)


def _same_voice_described(r: Reading, frames: tuple[Speaker | None, Speaker | None],
                          voice: Speaker, prev_q: Quote, q: Quote) -> Speaker | None:
    """'"…," Van Der Beek said. "…," said the actor.': a singular "the <noun>" framing the
    next quotation, with no one else named or speaking in between, is the same voice; only
    when that voice was framed by its name ('"…," she said. "…," said the actor' may be anyone
    the text has named)."""
    if voice.phrase.strip().lower() in _PRONOUN_SEX or not voice.phrase.strip()[:1].isupper():
        return None
    for frame in frames:
        if frame is None or frame.name is not None:
            continue
        words_ = frame.phrase.lower().strip(" .,;").split()
        if len(words_) != 2 or words_[0] != "the" or not words_[1].isalpha() or \
                words_[1].endswith("s") or words_[1] in _NOT_RESTATED | _INSTITUTIONS | \
                _PEOPLE_GROUPS | _PAPERS | _ORG_HEADS or _is_modifier(words_[1]):
            continue
        if q.start - prev_q.end > 400 or _someone_else(r, prev_q.end, q.start - 1, voice):
            continue
        return Speaker(frame.phrase, frame.span, frame.verb, voice.name, voice.kind,
                       voice.entity)
    return None


_RELATED = re.compile(r"\b(?:[Rr]elated [Ss]tories|[Rr]elated [Aa]rticles|RELATED STORIES|"
                      r"Read [Mm]ore|READ MORE|More on this story)\b")


def _resumes(r: Reading, q: Quote) -> bool:
    """A double-quoted sentence, not a headline's quoted fragment."""
    mark = r.text[q.start - 1 : q.start]
    body = r.text[q.start : q.end]
    return mark in ('"', "“") and body[:1].isupper() and len(body) >= 20 and \
        not body.isupper() and sum(w[:1].isupper() for w in body.split()) * 2 < len(body.split())


def _adjacent(r: Reading, p: Quote, q: Quote) -> bool:
    """Nothing but the previous quotation's own attribution (and at most a short caption)
    stands between two quotations."""
    _, p_end = _sentence_at(r, p.end)
    gap = r.masked[max(p_end, p.end + 1) : q.start - 1].strip()
    # "Media caption Which countries chose a woman leader?": picture furniture, not narration.
    gap = re.sub(r"^(?:(?:Media|Image|Video) (?:caption|copyright)\b[^\"“]*)$", "", gap)
    return len(gap) <= 60 and not _VERB.search(gap)


def _someone_else(r: Reading, start: int, end: int, speaker: Speaker) -> bool:
    """Does the narration between two quotations name or quote another voice?"""
    for mention in r.mentions:
        if start <= mention.start < end and mention.person != speaker.name and \
                mention.surface not in (speaker.name or ""):
            return True
    seg = r.masked[start:end]
    for v in _VERB.finditer(seg):
        if v.group().lower() in _PARTICIPLES:
            continue
        np = _np_before(r, start + max(0, v.start() - 120), start + v.start())
        if np is None:
            continue
        other = resolve(r, Speaker(r.text[np[0] : np[1]], np, v.group().lower()))
        if other.name and other.name != speaker.name:
            return True
    return False


# "A story … is told by their children": the subject of a passive verb does not speak.
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:not\s+|also\s+)?$")


def _told_just_before(r: Reading, q: Quote) -> Speaker | None:
    """A quotation after "He said the tram slid for ten seconds." is that speaker's."""
    s_start, _ = _sentence_at(r, q.start - 1)
    if r.text[q.start : q.start + 1].islower() and len(r.masked[s_start : q.start - 1].strip()) > 3:
        return None  # "For the LA Times, it undercuts …, that "if …"": a fragment in narration
    prev = [s for s in r.sentences if s.end <= s_start]
    if not prev:
        return None
    p = prev[-1]
    if s_start - p.end > 200:
        return None
    seg = r.masked[p.start : p.end]
    inv = _INVERTED.search(seg)
    if inv:  # "…, writes the New York Times." then the quotation
        a = p.start + inv.start(2)
        spk = resolve(r, Speaker(inv.group(2), (a, a + len(inv.group(2))),
                                 inv.group(1).lower()))
        return spk if spk.name is not None and spk.kind in ("named", "media", "official") \
            else None
    verbs = [m for m in _VERB.finditer(seg) if m.group().lower() not in _PARTICIPLES
             and m.group().lower() not in _NOUN_VERBS and not _PASSIVE.search(seg, 0, m.start())]
    if not verbs:
        return None
    m = verbs[0]
    # '"…," Ana Ruiz, CEO of X, adds.': the frame starts after the quotation it closes.
    base = max([p.start] + [x.end + 1 for x in r.quotes if p.start <= x.end < p.start + m.start()])
    np = _np_before(r, base, p.start + m.start())
    if np is None:
        return None
    spk = resolve(r, Speaker(r.text[np[0] : np[1]], np, m.group().lower()))
    if spk.name is None or spk.kind not in ("named",):
        return None
    return spk


# ---------------------------------------------------------------------------------------
# One check for both engines


@dataclass
class Verdict:
    """What the article says about a claimed (quotation, speaker) pair."""

    status: str  # supported | contradicted | unknown
    speaker: str | None  # the speaker the article names, when it names one
    kind: str = "named"  # that speaker's source kind


def same_person(a: str, b: str) -> bool:
    """Two names for one speaker: half of the shorter name's words shared, and two full names
    that share only a surname ("Michelle Obama", "Barack Obama") are different people."""
    drop = ROLE_WORDS | _MALE | _FEMALE | {"the", "a", "an", "of", "dr", "prof"}
    wa = [w for w in re.findall(r"[a-z0-9]+", a.lower()) if w not in drop]
    wb = [w for w in re.findall(r"[a-z0-9]+", b.lower()) if w not in drop]
    if not wa or not wb:
        return a.strip().lower() == b.strip().lower()
    shared = set(wa) & set(wb)
    if len(shared) / min(len(set(wa)), len(set(wb))) < 0.5:
        return False
    return not (len(wa) > 1 and len(wb) > 1 and wa[0] not in shared and wb[0] not in shared)


def check(r: Reading, readings: list[QuoteSpeaker], quote: tuple[int, int],
          claimed: str) -> Verdict:
    """Is ``claimed`` the speaker of the quotation at ``quote`` (offsets into the text)?

    Supported: the quotation's frame (or the voice it continues) names that speaker, or the
    claimed name is one the narration gives within the quotation's paragraph when the rules
    found nobody surer. Contradicted: the frame names someone else, or the claimed name is a
    place, a month or a weekday. Unknown otherwise.
    """
    claimed_low = claimed.strip().lower()
    if claimed_low in _TIME_WORDS or (claimed.strip() in r.places
                                      and claimed.strip() not in r.org_names):
        mine = _reading_for(readings, quote)
        if mine and mine.speaker and mine.speaker.name:
            return Verdict("contradicted", mine.speaker.name, mine.speaker.kind)
        return Verdict("contradicted", None)
    mine = _reading_for(readings, quote)
    if mine is not None and mine.speaker is not None and mine.speaker.name:
        ours = mine.speaker.name
        if same_person(ours, claimed) or (mine.speaker.relayed_by and
                                          same_person(mine.speaker.relayed_by, claimed)):
            return Verdict("supported", ours)
        if mine.strength >= 2:
            return Verdict("contradicted", ours, mine.speaker.kind)
    # A weaker reading or none: the claimed speaker must at least be named near it.
    near_start = max(0, quote[0] - 600)
    near = r.masked[near_start : min(len(r.text), quote[1] + 300)]
    last = claimed.split()[-1] if claimed.split() else ""
    if last and re.search(rf"\b{re.escape(last)}\b", near, re.IGNORECASE):
        return Verdict("supported", claimed)
    if mine is not None and mine.speaker is not None and mine.speaker.name:
        return Verdict("contradicted", mine.speaker.name, mine.speaker.kind)
    return Verdict("unknown", None)


def _reading_for(readings: list[QuoteSpeaker], quote: tuple[int, int]) -> QuoteSpeaker | None:
    best = None
    for qs in readings:
        a, b = qs.quote
        if a < quote[1] and quote[0] < b and (
                best is None or abs(a - quote[0]) < abs(best.quote[0] - quote[0])):
            best = qs
    return best
