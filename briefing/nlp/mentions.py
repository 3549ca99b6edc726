"""Capitalised phrases (candidate names) with their offsets.

A capitalised word at the start of a sentence or in a title-case headline may be
an ordinary word ("Several", "Police"), so such a word counts as a name only if
the text also uses it capitalised mid-sentence or never uses it in lower case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import (
    FUNCTION_WORDS,
    MONTHS,
    NOT_NAMES,
    OPENERS,
    ORG_HEADS,
    PEOPLE_NOUNS,
    PHOTO_CREDITS,
    PLACE_HEADS,
    TIME_ZONES,
    WEEKDAYS,
    words,
)
from .sentences import Sentence

_TOKEN = re.compile(r"[A-Z][\w’'.\-]*|[a-z][\w’'\-]*|\d[\w.,:]*|[^\w\s]")
_CAP = re.compile(r"[A-Z][\w’'.\-]*$")
# Lower-case words allowed inside a name ("Bank of England", "Charles de Gaulle").
_CONNECTORS = frozenset(words(
    """of de du da del della di van von der den al el bin la le y"""
))
_POSSESSIVE = re.compile(r"(?:[’']s?)$")
# "People’s Republic", "Children’s Hospital": a possessive that stays inside a name.
_PLURAL_OWNERS = frozenset(words(
    """people children women men workers"""
))
_TIME_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS) | {"today", "tonight", "yesterday"}
# "I'm", "I’ll": the pronoun with a verb, never a name.
_CONTRACTION = re.compile(r"I[’'](?:m|ll|ve|d|s)$")
_OPENERS = '“"‘(:—–-'
_ADVERB_ENDINGS = ("ately", "edly", "ically", "ously", "ively", "fully", "ently", "antly",
                   "ingly")
SITE_HEADS = frozenset(w for w, kind in PLACE_HEADS.items() if kind == "site")


@dataclass(frozen=True)
class Mention:
    """A capitalised phrase: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str
    sentence: int
    initial: bool  # began at the start of its sentence or inside a title-case line


@dataclass
class Vocabulary:
    """How the whole text uses each word: in lower case, or capitalised mid-sentence."""

    lower: set[str]
    capitalised: set[str]
    # Capitalised mid-sentence on its own or as a name's last word ("said Rinchino",
    # "Andrei Rinchino"): a sentence-initial word from this set is a name, while "Global"
    # seen only inside "the Global Times" is not.
    alone: dict[str, int] = field(default_factory=dict)


def _first_word(tokens: list[re.Match[str]]) -> int:
    """Index of the sentence's first word: what comes before it is punctuation or a
    citation mark ("[17]")."""
    return next((i for i, t in enumerate(tokens) if t.group()[:1].isalpha()), len(tokens))


def _is_title_case(sentence: Sentence) -> bool:
    # Headlines carry no final period; a name-dense sentence that does is still prose.
    if sentence.text.rstrip().endswith((".", "!", "?", "”", '"')):
        return False
    words = re.findall(r"[A-Za-z][\w’']*", sentence.text)
    long = [w for w in words if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) / len(long) > 0.7


def vocabulary(text: str, sentences: list[Sentence]) -> Vocabulary:
    """Collect lower-case uses and mid-sentence capitalised uses of every word."""
    lower: set[str] = set()
    cap: set[str] = set()
    alone: dict[str, int] = {}
    for s in sentences:
        title_case = _is_title_case(s)
        tokens = list(_TOKEN.finditer(s.text))
        first = _first_word(tokens)
        for i, m in enumerate(tokens):
            word = _POSSESSIVE.sub("", m.group())
            if word[:1].islower():
                lower.add(word)
            elif word[:1].isupper() and not title_case and i > first \
                    and tokens[i - 1].group() not in _OPENERS:
                cap.add(word.rstrip("."))
                nxt = tokens[i + 1].group() if i + 1 < len(tokens) else ""
                if not _CAP.match(nxt) or word != m.group():
                    key = word.rstrip(".")
                    alone[key] = alone.get(key, 0) + 1
    return Vocabulary(lower, cap, alone)


def _proper(word: str, initial: bool, title_case: bool, vocab: Vocabulary) -> bool:
    bare = _POSSESSIVE.sub("", word).rstrip(".")
    low = bare.lower()
    if low in FUNCTION_WORDS or low in _TIME_WORDS or low in NOT_NAMES \
            or _CONTRACTION.match(bare):
        return False
    if bare.isupper() and len(bare) > 4:
        initial = True  # "AT LEAST FIVE": shouting is not naming
    if not initial:
        return True
    if title_case:  # every word of a title-case headline is capitalised: ask the body
        return bare in vocab.capitalised or bare.isupper() or bare.title() in vocab.capitalised
    # Sentence-initial: trust it when the text shows it is a name elsewhere.
    return bare in vocab.capitalised or low not in vocab.lower


def find_mentions(text: str, sentences: list[Sentence], vocab: Vocabulary) -> list[Mention]:
    """Every capitalised phrase, possessives and trailing periods stripped."""
    out: list[Mention] = []
    for s in sentences:
        title_case = _is_title_case(s)
        tokens = list(_TOKEN.finditer(s.text))
        first = _first_word(tokens)
        run: list[re.Match[str]] = []
        run_initial = False
        for i, m in enumerate([*tokens, None]):
            word = m.group() if m else ""
            initial = title_case or i <= first or tokens[i - 1].group() in _OPENERS
            gap = m is not None and run and s.text[run[-1].end() : m.start()] not in (" ", "")
            # "Mark Hosenball WASHINGTON": a shouted dateline is not part of the name before it.
            shout = (bool(run) and len(word) >= 3 and word.isupper()
                     and not run[-1].group().isupper())
            # "GETTY Trump", "REUTERS Donald Trump": a shouted photo credit before a name.
            # "PST Gaga", "SANDILANDS Emergency Services": a time zone or a shouted word
            # before a name.
            credit = (bool(run) and run[-1].group().isupper() and word[:1].isupper()
                      and not word.isupper()
                      and (run[-1].group().lower() in PHOTO_CREDITS | TIME_ZONES
                           or len(run[-1].group()) >= 7))
            if credit:
                run = []
            if run and word.isupper() and word.lower() in PHOTO_CREDITS:
                _emit(out, text, s, run, run_initial, vocab)  # "Obama AP": the credit after
                run = []
            if run and (shout or (any(r.group() == word for r in run[:1]) and len(run) >= 2)):
                _emit(out, text, s, run, run_initial, vocab)
                run = []
            # "Residents of Hoek van Holland": a capitalised plural opening the sentence is
            # a common noun, and the name starts after "of".
            dwellers = (initial and not run and i + 1 < len(tokens)
                        and tokens[i + 1].group() == "of" and (
                            word.lower() in PEOPLE_NOUNS or (
                                word not in vocab.capitalised
                                and (word.lower() in vocab.lower or word.endswith("s")))))
            # "Ajmal Jan", "Theresa May": a month word after a given name is a surname when
            # no day number follows it.
            surname = (m is not None and bool(run) and not gap
                       and word.rstrip(".").lower() in MONTHS
                       and word[:1].isupper() and not word.isupper()
                       and run[-1].group().lower() not in _TIME_WORDS
                       and not (i + 1 < len(tokens)
                                and re.match(r"[\d.]", tokens[i + 1].group())))
            if m and not gap and not dwellers and _CAP.match(word) \
                    and (surname or _proper(word, initial, title_case, vocab)
                         or (initial and i + 1 < len(tokens)
                             and _opens_place(word, tokens[i + 1].group()))):
                if not run:
                    run_initial = initial
                run.append(m)
                if word[-2:] in ("’s", "'s") and word[:-2].lower() not in _PLURAL_OWNERS:
                    # "Putin’s war": the name ends at the possessive.
                    _emit(out, text, s, run, run_initial, vocab)
                    run = []
                continue
            if m and run and ((word == "&" and i + 1 < len(tokens)
                               and _CAP.match(tokens[i + 1].group()))
                              or (word == "and" and (_and_joins_org(tokens, i)
                                                     or _and_goes_on(run, tokens, i)))):
                # "Procter & Gamble", "Hampshire Fire and Rescue Service", "Center for
                # Disease Control and Prevention"
                run.append(m)
                continue
            if m and run and word == "for" and i + 1 < len(tokens) \
                    and _body_head(run[-1].group()) and _cause(tokens, i + 1):
                run.append(m)  # "Chinese Center for Disease Control", "Office for …"
                continue
            if m and run and word in _CONNECTORS and i + 1 < len(tokens):
                nxt = tokens[i + 1].group()
                if _CAP.match(nxt) and nxt.lower() not in FUNCTION_WORDS:
                    run.append(m)
                    continue
            if run:
                _emit(out, text, s, run, run_initial, vocab)
                run = []
    return out


def _body_head(word: str) -> bool:
    """"Center", "Centers", "Institute", "Office": a word that names a body and may go on
    with "for" ("Centers for Disease Control")."""
    low = word.lower()
    return low in ORG_HEADS or (low.endswith("s") and low[:-1] in ORG_HEADS)


def _cause(tokens: list[re.Match[str]], i: int) -> bool:
    """Do the capitalised words from ``tokens[i]`` say what a body is for ("Disease
    Control", "National Statistics", "Work and Pensions")? Not a place, a people, a colour or
    a person's name ("the World Bank for Kenya's railways", "the Committee for Biden"), nor
    a modifier of a plural noun after it ("Harvard University for Black students",
    "Microsoft for Apple lawyers"): those are a body and then whom it serves."""
    from .person_names import is_given_name, is_surname
    from .places import gazetteer, is_demonym  # (places reads mentions: imported on use)

    word = tokens[i].group()
    if not _CAP.match(word) or word.lower() in FUNCTION_WORDS or _POSSESSIVE.search(word):
        return False
    j = i
    while j < len(tokens) and _CAP.match(tokens[j].group()):
        j += 1
    nxt = tokens[j].group() if j < len(tokens) else ""
    if re.fullmatch(r"[a-z]+[^s]s", nxt) and nxt not in ("has", "was", "says", "does"):
        return False
    return word not in gazetteer() and not is_demonym(word) and word.lower() not in _COLOURS \
        and not is_given_name(word) and not is_surname(word)


_COLOURS = frozenset(("black", "white", "brown", "red", "green", "blue", "yellow"))


def _and_goes_on(run: list[re.Match[str]], tokens: list[re.Match[str]], i: int) -> bool:
    """True for "and" inside a body's "for" phrase ("Department for Work and Pensions",
    "Center for Strategic and International Studies"), unless what follows is a body or a
    name of its own ("Office for National Statistics and Reuters")."""
    if not any(r.group() == "for" for r in run) or i + 1 >= len(tokens):
        return False
    after = []
    for m in tokens[i + 1 :]:
        if not _CAP.match(m.group()):
            break
        after.append(_POSSESSIVE.sub("", m.group()).rstrip(".,"))
    if not after or not _cause(tokens, i + 1):
        return False
    last = after[-1].lower()
    return last not in _PROPER_HEADS and last not in ORG_HEADS


def _and_joins_org(tokens: list[re.Match[str]], i: int) -> bool:
    """True when the capitalised words after "and" end in an organisation or a site word
    ("Fire and Rescue Service", "Rock and Roll Hall of Fame and Museum")."""
    last = None
    for j, m in enumerate(tokens[i + 1 :], start=i + 1):
        word = m.group()
        if _CAP.match(word):
            last = word
        elif not (word in ("of", "and", "&") and j + 1 < len(tokens)
                  and _CAP.match(tokens[j + 1].group())):
            break
    return last is not None and last.lower() not in _PROPER_HEADS \
        and (last.lower() in ORG_HEADS or last.lower() in SITE_HEADS or last in _LAW_HEADS)


# "Hong Kong Human Rights and Democracy Act": a law's name goes on over "and".
_LAW_HEADS = frozenset(("Act", "Bill", "Treaty", "Accord", "Agreement", "Convention", "Charter",
                        "Protocol", "Declaration"))


# Heads that are names on their own: "… and Reuters" is a second body, not one name.
_PROPER_HEADS = frozenset(("reuters", "cubs", "fbi", "cia", "nato"))


def _opens_place(word: str, nxt: str) -> bool:
    """"New York", "New Delhi": an ordinary word that opens a known place's name."""
    from .places import gazetteer  # (places reads mentions: imported on use)

    return word != "The" and nxt[:1].isupper() \
        and f"{word} {_POSSESSIVE.sub('', nxt).rstrip('.,')}" in gazetteer()


def _common_opener(word: str, vocab: Vocabulary) -> bool:
    """True for a sentence's first word that is an ordinary word, not the name after it."""
    bare = _POSSESSIVE.sub("", word).rstrip(".")
    if bare in vocab.alone or bare.isupper():
        return False
    low = bare.lower()
    return low in vocab.lower or low in NOT_NAMES or low in OPENERS or (
        len(low) > 5 and low.endswith(("ly", "ing")) and bare not in vocab.capitalised)


def _emit(out: list[Mention], text: str, s: Sentence, run: list[re.Match[str]],
          initial: bool, vocab: Vocabulary) -> None:
    while run and run[-1].group() in _CONNECTORS:
        run = run[:-1]
    while run and run[0].group() in ("&", "and"):
        run = run[1:]
    # "Brazilian Grand Prix Immediately": the next sentence's adverb, its full stop lost.
    if len(run) >= 2 and run[-1].group().endswith(_ADVERB_ENDINGS):
        run = run[:-1]
    if not run:
        return
    if initial and len(run) >= 2 and _common_opener(run[0].group(), vocab) \
            and not _opens_place(run[0].group(), run[1].group()):
        run = run[1:]  # "Currently Shalev", "Hey Frank": the sentence's word, then the name
    if len(run) == 1:
        bare = _POSSESSIVE.sub("", run[0].group()).rstrip(".")
        short_caps = bare.isupper() and len(bare) <= 5
        # One capitalised word opening a sentence ("Emergency services", "Global markets"),
        # never seen mid-sentence as a name of its own: too weak to call a name.
        if initial and bare not in vocab.alone and not short_caps:
            return
        # "the Island", "Tourist Information": a common noun the text also writes in lower
        # case, capitalised once, is a heading's or a title's word.
        if bare.lower() in vocab.lower and vocab.alone.get(bare, 0) < 2 and not short_caps:
            return
    start = s.start + run[0].start()
    end = s.start + run[-1].end()
    chunk = text[start:end]
    # Drop a trailing possessive or sentence period, keep "F.B.I." whole.
    stripped = _POSSESSIVE.sub("", chunk)
    if stripped != chunk and len(stripped) > 1:
        end = start + len(stripped)
    if text[end - 1] == "." and not re.search(r"(?:\b\w\.){2,}$", text[start:end]):
        end -= 1
    if end > start:
        out.append(Mention(start, end, text[start:end], s.index, initial))
