"""The one word counter, for the quality gate, boilerplate rules and ``Article.word_count``.

Scripts written without spaces (Chinese, Japanese) have no ``\\w+`` runs to count: a whole
paragraph is one "word". There, two characters count as one word (the average length of a
Chinese word), so a 600-character Chinese report counts about 300 words, as it should.
"""

from __future__ import annotations

import re

WORD = re.compile(r"\w+")
# Han ideographs, Hiragana, Katakana (Hangul is written with spaces and counts as usual): the
# one definition of the scripts written without spaces, for regex classes elsewhere too.
UNSPACED_CHARS = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
UNSPACED = re.compile(f"[{UNSPACED_CHARS}]")


def word_count(text: str) -> int:
    """Words in ``text``: ``\\w+`` runs, with unspaced scripts counted per two characters."""
    if UNSPACED.search(text) is None:
        return len(WORD.findall(text))
    unspaced = len(UNSPACED.findall(text))
    spaced = len(WORD.findall(UNSPACED.sub(" ", text)))
    return spaced + (unspaced + 1) // 2
