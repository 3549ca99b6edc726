"""Split article text into sentences that keep their character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..clean.boilerplate import mentions_furniture
from ..clean.words import UNSPACED_CHARS
from .lexicon import words

# Words that end with a period without ending the sentence.  A general English
# list: titles, months, and the abbreviations news copy uses every day.
ABBREVIATIONS = frozenset(
    words(
        """mr mrs ms dr prof st sr jr gen col lt sgt capt cmdr adm gov sen rep rev hon pres jan
        feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat
        sun no nos vs etc inc co corp ltd plc dept est approx fig mt ft u.s u.k u.n e.g i.e
        a.m p.m"""
    )
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, whitespace.
# Latin, Greek and Cyrillic capitals start a sentence; Chinese and Japanese full stops end
# one with no space after them.
_BOUNDARY = re.compile(
    r"[.!?…]+(?:\s»)?[\"'”’»«“)\]]*(?=\s+(?:«\s|[\"'“‘„«»(\[])?[A-Z0-9À-ÖØ-ÞΑ-ΩА-ЯЁ])"
    rf"|(?<=[{UNSPACED_CHARS}])[。！？]+[”’」』）)]*")
_LAST_WORD = re.compile(r"([\w.]+)[.!?…]+[\"'”’)\]]*$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the text: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str
    index: int
    paragraph: int


def _is_abbreviation(chunk: str) -> bool:
    m = _LAST_WORD.search(chunk)
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # Initials ("James B. Comey") and dotted acronyms ("F.B.I.") rarely end a sentence.
    return (len(word) == 1 and word.isalpha()) or bool(re.fullmatch(r"(?:\w\.)+\w", word))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line block; a newline always ends a paragraph."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences in order, each a verbatim slice of ``text``."""
    out: list[Sentence] = []
    for p_index, (p_start, p_end) in enumerate(paragraphs(text)):
        block = text[p_start:p_end]
        cut = 0
        for m in _BOUNDARY.finditer(block):
            if _is_abbreviation(block[cut : m.end()]):
                continue
            _add(out, text, p_start + cut, p_start + m.end(), p_index)
            cut = m.end()
        _add(out, text, p_start + cut, p_end, p_index)
    return out


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], len(out), paragraph))


def _word_set(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def is_furniture(sentence: Sentence, title: str | None) -> bool:
    """True for page furniture left in a sentence (the boilerplate list's
    :func:`~briefing.clean.boilerplate.mentions_furniture`), and for a repeat of the headline
    ("headline - site")."""
    # Long "sentences" are often captions glued to real copy: keep those.
    if mentions_furniture(sentence.text) and len(sentence.text.split()) <= 30:
        return True
    if title and sentence.index > 0:
        head, found = _word_set(title), _word_set(sentence.text)
        if head and len(head & found) / len(head) >= 0.9 and len(found) <= len(head) + 6:
            return True
    return False
