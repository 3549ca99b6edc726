"""Sentence scoring for the summary, the key points and the events ("what")."""

from __future__ import annotations

import math
import re
from collections import Counter

from .lexicon import FUNCTION_WORDS, REPORTING_VERBS, ROLE_WORDS
from .sentences import Sentence

_WORD = re.compile(r"[A-Za-z][\w’'\-]*|\d[\d,.]*")
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do|been|being|must|may"
    r"|\w{2,}ed|\w{3,}ing|\w{3,}s)\b"
)
# Attribution frames that are not part of the event itself.
# "According to Andrei Rinchino, legal director of the X Foundation, ...": the appositive
# (a role word in lower case) belongs to the frame, not to the event.
_ROLE = "|".join(ROLE_WORDS)
_APPOSITIVE = rf"(?:,\s+(?:the |a |an )?[a-z][^,]{{0,60}}?\b(?:{_ROLE})\b[^,]{{0,80}})?"
_LEAD_FRAME = re.compile(
    rf"^(?:According to [^,]{{2,120}}{_APPOSITIVE},\s+|As [^,]{{2,60}} said,\s+)", re.I)
_TAIL_FRAME = re.compile(
    rf"(?:,\s+(?:according to [^,]{{2,120}}|(?:[A-Z][\w’'.\-]*\s*){{1,4}}"
    rf"(?:{'|'.join(REPORTING_VERBS)})|(?:he|she|they|it) (?:{'|'.join(REPORTING_VERBS)}))"
    r"|\s+(?:[A-Z][\w’'.\-]*\s*){1,4}reported)[.!?]?$"
)


def content_words(text: str) -> list[str]:
    """Lower-cased words that carry meaning (no function words)."""
    return [w.lower() for w in _WORD.findall(text) if w.lower() not in FUNCTION_WORDS]


def score_sentences(sentences: list[Sentence], candidates: list[int], title: Sentence | None,
                    entity_weight: dict[int, float], quoted_share: dict[int, float]
                    ) -> dict[int, float]:
    """Lead position, centrality (shared vocabulary), headline overlap and entity weight."""
    words = {i: content_words(sentences[i].text) for i in candidates}
    head: set[str]
    df: Counter[str] = Counter()
    for ws in words.values():
        df.update(set(ws))
    head = set(content_words(title.text)) if title else set()
    scores: dict[int, float] = {}
    for rank_, i in enumerate(candidates):
        bag = set(words[i])
        n = len(words[i])
        if n < 4:
            continue
        centrality = sum(df[w] - 1 for w in bag) / (math.sqrt(n) * max(1, len(candidates)))
        overlap = len(bag & head) / (len(head) or 1)
        position = 1.0 / (1.0 + 0.35 * rank_)
        score = 2.0 * position + 1.5 * centrality + 1.5 * overlap + 0.3 * entity_weight.get(i, 0)
        score *= 1.0 - 0.5 * quoted_share.get(i, 0.0)  # a quote is colour, not the news
        if sentences[i].text.endswith("?") or n > 60:
            score *= 0.5
        scores[i] = score
    return scores


def pick_summary(scores: dict[int, float], limit: int = 3) -> list[int]:
    """Best sentence first (the bottom line), then the next best in text order."""
    if not scores:
        return []
    ordered = sorted(scores, key=lambda i: (-scores[i], i))
    return ordered[:1] + sorted(ordered[1:limit])


def event_clause(sentence: Sentence) -> tuple[int, int]:
    """(start, end) of the sentence without its attribution frame, offsets into the text."""
    text = sentence.text
    start, end = 0, len(text)
    m = _LEAD_FRAME.match(text)
    if m:
        start = m.end()
    m = _TAIL_FRAME.search(text, start)
    if m and m.start() > start + 15:
        end = m.start()
    while end > start and text[end - 1] in " .,;:":
        end -= 1
    return sentence.start + start, sentence.start + end


def has_verb(text: str) -> bool:
    """A rough test that the text is a clause rather than a label or a caption."""
    return bool(_VERBISH.search(text))
