"""Check every span of a briefing against the article text. Pure and fast.

A span is kept when ``text[start:end] == quote``. A span whose offsets are wrong or
missing is located again, in this order:

1. exact: the quote occurs verbatim (the occurrence nearest the given start wins);
2. normalised: the quote occurs once whitespace runs, curly/straight quote marks and
   dashes are folded (counted as ``exact``: the words are the article's own);
3. fuzzy: a window of the text at word boundaries whose similarity to the quote
   (difflib ratio on the folded forms) is at least ``FUZZY_THRESHOLD`` (counted as ``fuzzy``).

A located span is rewritten to the article's own characters, so ``quote`` is always
verbatim and a paraphrase is never shown as a quote. Every span kept records how it was
found in ``Span.match``. Anything else is dropped and counted; an item whose every span was
dropped is dropped with it. ``provenance.grounding`` is derived from the spans kept
(:func:`grounding_counts`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

from .schema import Briefing, Grounding, Match, Span

FUZZY_THRESHOLD = 0.9

_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                       "‚": "'", "–": "-", "—": "-", "‐": "-", "−": "-"})
_WS = re.compile(r"\s+")


@lru_cache(maxsize=16)
def _folded(text: str) -> tuple[str, tuple[int, ...]]:
    """Fold text for matching; return it with a map from folded index to original index.

    Cached: grounding checks every name and relocated span of one article against the same
    text, and this is a per-character loop over it.
    """
    out: list[str] = []
    index: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if prev_space:
                continue
            prev_space = True
            out.append(" ")
        else:
            prev_space = False
            out.append(ch.translate(_FOLD))
        index.append(i)
    index.append(len(text))
    return "".join(out), tuple(index)


@lru_cache(maxsize=16)
def _folded_lower(text: str) -> str:
    return _folded(text)[0].lower()


def is_verbatim(text: str, span: Span) -> bool:
    return 0 <= span.start <= span.end <= len(text) and text[span.start:span.end] == span.quote


def _nearest(text: str, needle: str, hint: int) -> int:
    best = -1
    pos = text.find(needle)
    while pos != -1:
        if best == -1 or abs(pos - hint) < abs(best - hint):
            best = pos
        pos = text.find(needle, pos + 1)
    return best


def locate(text: str, quote: str, hint: int = 0) -> tuple[Span, Match] | None:
    """Find ``quote`` in ``text``; return a verbatim span and how it matched, or None."""
    quote = quote.strip()
    if not quote:
        return None
    pos = _nearest(text, quote, hint)
    if pos != -1:
        return Span(quote=quote, start=pos, end=pos + len(quote)), "exact"
    ftext, index = _folded(text)
    fquote = _WS.sub(" ", quote.translate(_FOLD))
    pos = _nearest(ftext, fquote, hint)
    if pos != -1:
        start, end = index[pos], index[pos + len(fquote) - 1] + 1
        return Span(quote=text[start:end], start=start, end=end), "exact"
    return _fuzzy(text, ftext, index, fquote)


def _fuzzy(text: str, ftext: str, index: tuple[int, ...],
           fquote: str) -> tuple[Span, Match] | None:
    n = len(fquote)
    if n < 12:  # short strings match too easily by chance
        return None
    starts = [0] + [m.end() for m in re.finditer(r"\s", ftext)]
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(fquote)
    best: tuple[float, int, int] = (0.0, 0, 0)
    for s in starts:
        for length in (n - n // 10, n, n + n // 10):
            window = ftext[s:s + length]
            matcher.set_seq1(window)
            if matcher.real_quick_ratio() < FUZZY_THRESHOLD or \
                    matcher.quick_ratio() < FUZZY_THRESHOLD:
                continue
            ratio = matcher.ratio()
            if ratio > best[0]:
                best = (ratio, s, s + len(window))
    if best[0] < FUZZY_THRESHOLD:
        return None
    _, fs, fe = best
    start, end = index[fs], index[fe - 1] + 1
    quote = text[start:end].strip()
    start = text.find(quote, start)
    return Span(quote=quote, start=start, end=start + len(quote)), "fuzzy"


T = TypeVar("T")


def grounding_counts(briefing: Briefing, dropped: int | None = None) -> Grounding:
    """The span counts of a grounded briefing, derived from its spans.

    ``exact`` and ``fuzzy`` are the spans the briefing holds with that ``match``; ``dropped``
    (the spans grounding could not find, so no longer in the briefing) is given, else kept
    from ``briefing.provenance.grounding``; ``checked = exact + fuzzy + dropped``.
    """
    if dropped is None:
        dropped = briefing.provenance.grounding.dropped
    matches = [span.match for span in briefing.spans()]
    exact, fuzzy = matches.count("exact"), matches.count("fuzzy")
    return Grounding(checked=exact + fuzzy + dropped, exact=exact, fuzzy=fuzzy, dropped=dropped)


def ground_briefing(briefing: Briefing) -> Briefing:
    """Return a copy of ``briefing`` where every span is verbatim and says how it matched,
    with the counts in provenance."""
    b = briefing.model_copy(deep=True)
    text = b.article.text
    dropped = 0

    def fix(spans: list[Span]) -> list[Span]:
        nonlocal dropped
        kept: list[Span] = []
        for span in spans:
            if is_verbatim(text, span):
                # Already verbatim: exact, unless an earlier grounding found it fuzzily.
                span.match = span.match or "exact"
                kept.append(span)
                continue
            found = locate(text, span.quote, span.start)
            if found is None:
                dropped += 1
                continue
            new, how = found
            new.match = how
            kept.append(new)
        return _dedupe(kept)

    def keep(items: list[T], fields: Callable[[T], list[str]]) -> list[T]:
        out = []
        for item in items:
            had = any(getattr(item, f) for f in fields(item))
            for f in fields(item):
                setattr(item, f, fix(getattr(item, f)))
            if had and not any(getattr(item, f) for f in fields(item)):
                continue  # all its support was invented: drop the item
            out.append(item)
        return out

    def ev(_: object) -> list[str]:
        return ["evidence"]

    b.key_points = keep(b.key_points, ev)
    b.who = [w for w in keep(b.who, ev) if mentions(text, w.name)]
    b.where = [w for w in keep(b.where, ev) if mentions(text, w.name)]
    b.what = keep(b.what, ev)
    b.when = keep(b.when, ev)
    b.sources = keep(b.sources, lambda _: ["quotes", "evidence"])
    u = b.uncertainty
    u.unverified_claims = keep(u.unverified_claims, ev)
    u.contradictions = keep(u.contradictions, ev)
    b.provenance.grounding = grounding_counts(b, dropped)
    return b


def mentions(text: str, name: str) -> bool:
    """True when ``name`` occurs in ``text`` (case- and whitespace-insensitive)."""
    return _WS.sub(" ", name.translate(_FOLD)).strip().lower() in _folded_lower(text)


def _dedupe(spans: list[Span]) -> list[Span]:
    seen: set[tuple[int, int]] = set()
    out = []
    for s in spans:
        if (s.start, s.end) not in seen:
            seen.add((s.start, s.end))
            out.append(s)
    return out
