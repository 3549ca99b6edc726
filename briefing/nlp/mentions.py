"""Capitalised phrases (candidate names) with their offsets.

A capitalised word at the start of a sentence or in a title-case headline may be
an ordinary word ("Several", "Police"), so such a word counts as a name only if
the text also uses it capitalised mid-sentence or never uses it in lower case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import FUNCTION_WORDS, MONTHS, ORG_HEADS, PEOPLE_NOUNS, WEEKDAYS, words
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
    for s in sentences:
        title_case = _is_title_case(s)
        previous = ""
        for i, m in enumerate(_TOKEN.finditer(s.text)):
            word = _POSSESSIVE.sub("", m.group())
            if word[:1].islower():
                lower.add(word)
            elif word[:1].isupper() and i > 0 and not title_case and previous not in '“"‘(:':
                cap.add(word.rstrip("."))
            previous = m.group()
    return Vocabulary(lower, cap)


def _proper(word: str, initial: bool, title_case: bool, vocab: Vocabulary) -> bool:
    bare = _POSSESSIVE.sub("", word).rstrip(".")
    low = bare.lower()
    if low in FUNCTION_WORDS or low in _TIME_WORDS:
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
        run: list[re.Match[str]] = []
        run_initial = False
        for i, m in enumerate([*tokens, None]):
            word = m.group() if m else ""
            prev = tokens[i - 1].group() if i > 0 else ""
            initial = title_case or i == 0 or prev in '“"‘(:—–-'
            gap = m is not None and run and s.text[run[-1].end() : m.start()] not in (" ", "")
            # "Mark Hosenball WASHINGTON": a shouted dateline is not part of the name before it.
            shout = (bool(run) and len(word) >= 3 and word.isupper()
                     and not run[-1].group().isupper())
            if run and (shout or (any(r.group() == word for r in run[:1]) and len(run) >= 2)):
                _emit(out, text, s, run, run_initial, vocab)
                run = []
            # "Residents of Hoek van Holland": a capitalised plural opening the sentence is
            # a common noun, and the name starts after "of".
            dwellers = (initial and not run and word.lower() in PEOPLE_NOUNS
                        and i + 1 < len(tokens) and tokens[i + 1].group() == "of")
            if m and not gap and not dwellers and _CAP.match(word) \
                    and _proper(word, initial, title_case, vocab):
                if not run:
                    run_initial = initial
                run.append(m)
                if word[-2:] in ("’s", "'s") and word[:-2].lower() not in _PLURAL_OWNERS:
                    # "Putin’s war": the name ends at the possessive.
                    _emit(out, text, s, run, run_initial, vocab)
                    run = []
                continue
            if m and run and word in ("and", "&") and _and_joins_org(tokens, i):
                run.append(m)  # "Hampshire Fire and Rescue Service"
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


def _and_joins_org(tokens: list[re.Match[str]], i: int) -> bool:
    """True when the capitalised words after "and" end in an organisation word."""
    last = None
    for m in tokens[i + 1 :]:
        if not _CAP.match(m.group()):
            break
        last = m.group()
    return last is not None and last.lower() in ORG_HEADS


def _emit(out: list[Mention], text: str, s: Sentence, run: list[re.Match[str]],
          initial: bool, vocab: Vocabulary) -> None:
    while run and run[-1].group() in _CONNECTORS:
        run = run[:-1]
    if not run:
        return
    if initial and len(run) == 1:
        # One capitalised word opening a sentence ("Emergency services"), never seen
        # capitalised mid-sentence: too weak to call a name.
        bare = _POSSESSIVE.sub("", run[0].group()).rstrip(".")
        if bare not in vocab.capitalised and not (bare.isupper() and len(bare) <= 5):
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
