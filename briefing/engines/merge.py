"""Turn the model's answer into a Briefing, checked against the offline engine's signals.

The rule (documented for readers in docs/llm.md, "How the model's answer is checked"):

1. **Spans.** Every quote and evidence string of the model is located in the article
   (``ground.locate``: exact, then folded spaces/quote marks). A string found only fuzzily
   or not at all is passed on unlocated, so that ``ground_briefing`` relocates it (counted
   ``fuzzy``) or drops it (counted ``dropped``); it is never shown as a quote.
2. **Quote attribution.** Every (quotation, speaker) pair of the model is checked by the
   offline engine's own speaker rule (``nlp/speakers.check``): a speaker the article
   supports (the quotation's frame names them, ``"…," said X``, or the voice it continues,
   or nobody surer and X is named around it) is kept, even over a weaker offline guess; a
   speaker the frame contradicts, or a place or a date, is corrected to the speaker the
   article names. Both are counted in ``provenance.notes``. Quotations the offline engine
   found and the model missed are added to their speaker's source.
3. **Hedges.** A key point or event whose evidence lies in a sentence the article hedges
   ("reportedly", "could not be verified", "according to" …) is flagged when the model
   states it as fact: its text lacks the hedge and it is attributed to nobody. The flag is a
   reason in ``uncertainty.reasons``, and the event's ``stance`` becomes the hedge.
4. **Uncertainty** is the offline rule's (``briefing/uncertainty.py``): the model is not
   asked for a confidence, so the same article gets the same confidence with every model.
   In an article not in English the offline rules read nothing but spans: the model's
   speakers are kept unchecked, and the uncertainty says so.
5. **Time phrases** take the offline engine's ISO date where the spans overlap. People,
   places and time phrases: the model's first, then the offline engine's that it left out
   (and the named speakers it quoted but left out of ``who``), up to 8, 6 and 6. Events:
   the headline's first in the article's words, then the model's and the offline engine's
   alternating, up to 6 (the model lists about two). An event's time
   is the article's time phrase inside its evidence sentence (the model is not asked for one).
   A quotation the model lists under two sources stays under one (the supported speaker, else
   the first). A summary cut mid-sentence keeps its complete sentences (else the offline one).
6. **Headline** is the article's title, else its first sentence, as offline.
7. **Numbers in the model's own words.** The summary, key points and events are the model's
   wording, which no span can check; a number in them that the article never gives ("12.5
   million" when it says "12 million") is an invention. Such a key point or event is shown in
   the article's words instead (its evidence sentence), or dropped when it has none; such a
   summary is replaced by the offline summary. Each case is counted in ``provenance.notes``.
   A bound is part of a number: "100" is not backed by "more than 100" (``nlp/numbers``).
8. **The summary, sentence by sentence.** A sentence of the model's summary is dropped when
   it restates one article sentence (>= 60% of its content words are there) that attributes
   its claim (a speaker with a reporting verb framing it, a quotation, or a hedge the offline
   engine lists) while it names neither the speaker nor any reporting verb or hedge; or when
   it carries social-media text (a hashtag, an @handle, "pic.twitter.com", "(Opens in new
   window)"). With no sentence left, the offline summary is shown. Counted in the notes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import zip_longest
from typing import NamedTuple, TypeVar, cast

from ..clean.language import detect, language_name
from ..ground import locate
from ..nlp.attribution import find_attributions, find_quote_spans
from ..nlp.injection import find_injections
from ..nlp.lexicon import FUNCTION_WORDS, HEDGES
from ..nlp.numbers import unsupported_numbers
from ..nlp.sentences import split_sentences
from ..nlp.sources import UNATTRIBUTED, reading_of
from ..nlp.speakers import SPEECH_VERBS, QuoteSpeaker, Reading, check, same_person
from ..schema import (
    Article,
    Briefing,
    KeyPoint,
    Provenance,
    Source,
    SourceKind,
    Span,
    Uncertainty,
    What,
    When,
    Where,
    Who,
)
from .answer import BriefingAnswer
from .extractive import unread_reason

T = TypeVar("T")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_GENERIC = {"said", "says", "told", "according", "spokesman", "spokeswoman", "spokesperson",
            "official", "officials", "source", "sources"}


class _Spans:
    """Locates model strings in the text and counts what could not be found verbatim."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.unlocated = 0

    def span(self, quote: str) -> Span | None:
        quote = quote.strip()
        if not quote:
            return None
        found = locate(self.text, quote)
        if found is not None and found[1] == "exact":
            return found[0]
        self.unlocated += 1
        # Left unlocated on purpose: ground_briefing relocates it fuzzily or drops and counts it.
        hint = found[0].start if found is not None else 0
        return Span(quote=quote, start=hint, end=hint)

    def spans(self, quotes: list[str]) -> list[Span]:
        return [s for s in (self.span(q) for q in quotes) if s is not None]

    def mentions(self, name: str, limit: int = 3) -> list[Span]:
        """Where the article names ``name`` (case-insensitive), at most ``limit`` times."""
        name = name.strip()
        if not name:
            return []
        hits = [Span(quote=m.group(), start=m.start(), end=m.end())
                for m in re.finditer(re.escape(name), self.text, re.IGNORECASE)][:limit]
        if not hits and (found := locate(self.text, name)) is not None and found[1] == "exact":
            hits = [found[0]]
        return hits


def _located(span: Span, text: str) -> bool:
    return span.end > span.start and text[span.start:span.end] == span.quote


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def same_speaker(a: str, b: str) -> bool:
    """True when two names for a speaker share a distinctive word ("de Vries", "Marieke de
    Vries") or one contains the other."""
    la, lb = a.lower().strip(), b.lower().strip()
    if la in lb or lb in la:
        return True
    words = {w.lower() for w in _WORD.findall(a)} - _GENERIC
    return bool(words & ({w.lower() for w in _WORD.findall(b)} - _GENERIC))


def _merge_quotes(sources: list[Source], offline: list[Source], text: str,
                  read: tuple[Reading, list[QuoteSpeaker]] | None) -> list[str]:
    """Check every (quotation, speaker) pair of the model with the offline engine's speaker
    rule (``nlp/speakers.check``): a pair the article supports is kept, even where the
    offline engine guessed another speaker; one the article contradicts goes to the speaker
    the article names; quotations the model missed are added from the offline sources.
    The rule reads English (``read`` is None in another language): there the model's speakers
    are kept unchecked, and the note says so."""
    notes: list[str] = []
    if read is None:
        return _foreign_quotes(sources, text)
    reading, readings = read
    kept = corrected = added = 0
    for src in list(sources):
        for q in list(src.quotes):
            if not _located(q, text):
                continue
            verdict = check(reading, readings, (q.start, q.end), src.name)
            if verdict.status == "supported":
                kept += 1
                continue
            if verdict.status != "contradicted":
                continue
            src.quotes.remove(q)
            corrected += 1
            if verdict.speaker is None:
                continue  # a place or a date does not speak; nobody the article names does
            target = next((s for s in sources if same_person(s.name, verdict.speaker)), None)
            if target is None:
                twin = next((o for o in offline if same_person(o.name, verdict.speaker)), None)
                target = twin.model_copy(update={"quotes": []}, deep=True) if twin else Source(
                    name=verdict.speaker, kind=cast(SourceKind, verdict.kind),
                    evidence=_Spans(text).mentions(verdict.speaker, 1))
                sources.append(target)
            target.quotes.append(q)
    for off in offline:
        for oq in off.quotes:
            if any(_located(q, text) and _overlaps(q, oq) for s in sources for q in s.quotes):
                continue
            added += 1
            target = next((s for s in sources if same_person(s.name, off.name)), None)
            if target is None:
                target = off.model_copy(update={"quotes": []}, deep=True)
                sources.append(target)
            target.quotes.append(oq)
    twice = _one_holder(sources, reading, readings, text)
    sources[:] = [s for s in sources if s.quotes or s.evidence]
    if twice:
        notes.append(f"{twice} quotation(s) the model gave to two sources kept under one.")
    if kept:
        notes.append(f"{kept} quotation speaker(s) of the model checked against the article "
                     "and kept.")
    if corrected:
        notes.append(f"{corrected} quotation(s) reattributed to the speaker the article names.")
    if added:
        notes.append(f"{added} quotation(s) the model missed were added from the article.")
    return notes


_MARKS = "\"'“”„«»「」『』‘’ \t\n"


def _inner(q: Span, text: str) -> tuple[int, int]:
    """A quote's offsets without the quotation marks (and spaces) it was copied with."""
    start, end = q.start, q.end
    while start < end and text[start] in _MARKS:
        start += 1
    while end > start and text[end - 1] in _MARKS:
        end -= 1
    return start, end


def _named_beside(name: str, q: Span, text: str) -> bool:
    """Whether ``name`` (or, in a language with spaces, its last word) is written in the
    quotation's paragraph outside the quotation: the one check of a speaker that needs no
    grammar of the language."""
    start = text.rfind("\n", 0, q.start) + 1
    end = text.find("\n", q.end)
    paragraph = text[start:q.start] + " " + text[q.end:(end if end != -1 else len(text))]
    words = name.split()
    return bool(name.strip()) and (name.strip() in paragraph or (
        len(words) > 1 and len(words[-1]) > 2 and words[-1] in paragraph))


def _foreign_quotes(sources: list[Source], text: str) -> list[str]:
    """Quotations of a model in an article the speaker rule cannot read: kept only when they
    lie inside the article's quotation marks (of any language), under one source only (the
    first that gives them), and under that speaker only when the speaker is named in the
    quotation's paragraph; otherwise under "unattributed" rather than a guess. The speakers
    kept are unchecked by grammar, and the notes say so."""
    marked = [(q.start, q.end) for q in find_quote_spans(text)]
    seen: list[Span] = []
    kept = dropped = moved = 0
    nobody = Source(name=UNATTRIBUTED, kind="anonymous")
    for src in sources:
        for q in list(src.quotes):
            if not _located(q, text):
                continue  # left to grounding: relocated fuzzily or dropped, never shown as is
            inner = _inner(q, text)
            inside = any(a <= inner[0] and inner[1] <= b for a, b in marked)
            if not inside or any(_overlaps(q, o) for o in seen):
                src.quotes.remove(q)
                dropped += 1
                continue
            seen.append(q)
            if not _named_beside(src.name, q, text):
                src.quotes.remove(q)
                nobody.quotes.append(q)
                moved += 1
                continue
            kept += 1
    if nobody.quotes:
        sources.append(nobody)
    sources[:] = [s for s in sources if s.quotes or s.evidence]
    notes = []
    if kept:
        notes.append(f"{kept} quotation speaker(s) of the model are not checked: the speaker "
                     "rule reads English only.")
    if moved:
        notes.append(f"{moved} quotation(s) put under \"unattributed\": the speaker the model "
                     "gave is not named in the quotation's paragraph.")
    if dropped:
        notes.append(f"{dropped} quotation(s) of the model dropped: not inside the article's "
                     "quotation marks, or already under another source.")
    return notes


def _one_holder(sources: list[Source], reading: Reading, readings: list[QuoteSpeaker],
                text: str) -> int:
    """A quotation listed under two sources stays under one: the speaker the article
    supports, else the first. Returns how many were removed."""
    removed = 0
    for i, src in enumerate(sources):
        for q in list(src.quotes):
            if not _located(q, text) or q not in src.quotes:
                continue
            for other in sources[i + 1:]:
                for oq in [x for x in other.quotes if _located(x, text) and _overlaps(x, q)]:
                    first = check(reading, readings, (q.start, q.end), src.name)
                    second = check(reading, readings, (oq.start, oq.end), other.name)
                    if second.status == "supported" and first.status != "supported":
                        src.quotes.remove(q)
                    else:
                        other.quotes.remove(oq)
                    removed += 1
                    if q not in src.quotes:
                        break
                if q not in src.quotes:
                    break
    return removed


_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’)」]?$")
_LAST_END = re.compile(r".*(?:[.!?][\"'”’)]?(?=\s|$)|[。！？][”’」]?)", re.DOTALL)


def _whole_sentences(summary: str) -> str | None:
    """The summary up to its last complete sentence: a summary cut mid-word (the grammar's
    length bound, or a quotation mark that ended the JSON string) loses its broken tail;
    None when no sentence is complete."""
    summary = summary.strip()
    if not summary or _SENTENCE_END.search(summary):
        return summary or None
    m = _LAST_END.match(summary)
    return m.group().strip() if m else None


def _flag_hedges(b: Briefing, offline: Briefing, text: str) -> int:
    flagged = 0
    for claim in offline.uncertainty.unverified_claims:
        marker = claim.marker.lower()
        for what in b.what:
            if what.attributed_to.strip().lower() not in ("", "the article"):
                continue
            if any(_located(e, text) and _overlaps(e, c) for e in what.evidence
                   for c in claim.evidence) and marker not in what.description.lower():
                what.stance = what.stance or claim.marker
                b.uncertainty.reasons.append(f'Stated as fact, but the article hedges it '
                                             f'("{claim.marker}"): {what.description}')
                flagged += 1
        for point in b.key_points:
            if any(_located(e, text) and _overlaps(e, c) for e in point.evidence
                   for c in claim.evidence) and marker not in point.text.lower():
                b.uncertainty.reasons.append(f'Stated as fact, but the article hedges it '
                                             f'("{claim.marker}"): {point.text}')
                flagged += 1
    return flagged


def _invented_numbers(free: str, text: str) -> bool:
    """The model's words give a quantity the article does not ("12" is supported by
    "Twelve"; "3 months" is not by "three weeks")."""
    return bool(unsupported_numbers(free, text))


_Worded = TypeVar("_Worded", KeyPoint, What)


def _restate(items: list[_Worded], field: str, text: str) -> tuple[list[_Worded], int, int]:
    """Items whose ``field`` (the model's wording) carries an invented number are restated in
    the words of their first located evidence span, or dropped when there is none."""
    kept: list[_Worded] = []
    fixed = dropped = 0
    for item in items:
        if _invented_numbers(getattr(item, field), text):
            ev = next((e for e in item.evidence if _located(e, text)), None)
            if ev is None:
                dropped += 1
                continue
            item = item.model_copy(update={field: ev.quote})
            fixed += 1
        kept.append(item)
    return kept, fixed, dropped


def _check_numbers(b: Briefing, offline: Briefing, text: str) -> list[str]:
    b.key_points, fixed_p, dropped_p = _restate(b.key_points, "text", text)
    b.what, fixed_w, dropped_w = _restate(b.what, "description", text)
    fixed, dropped = fixed_p + fixed_w, dropped_p + dropped_w
    notes = []
    if _invented_numbers(b.summary, text):
        b.summary = offline.summary
        notes.append("The model's summary gave numbers the article does not: the offline "
                     "summary is shown instead.")
    if fixed or dropped:
        notes.append(f"{fixed + dropped} statement(s) in the model's words gave numbers the "
                     f"article does not: {fixed} shown in the article's words, {dropped} "
                     "dropped.")
    return notes


# Tweets and share buttons pasted into a summary: what a page embeds, not what it reports.
_SOCIAL = re.compile(r"(?<![\w&/#])#[A-Za-z_]\w*|(?<![\w.@])@\w{2,}|pic\.twitter\.com"
                     r"|\(Opens in new window\)", re.IGNORECASE)
_CONTENT = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*\d|\d")
# What marks a sentence of the model as reported rather than stated: a reporting verb (and
# the forms a summary uses for one) or a hedge.
_REPORTS = SPEECH_VERBS | frozenset((
    "according", "saying", "claiming", "insisting", "describing", "calling", "accusing",
    "accused", "blamed", "blames", "blaming", "praised", "hailed", "alleging", "denying"))
_HEDGE = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in HEDGES) + r")\b")
_RESTATES = 0.6  # share of a summary sentence's content words found in one article sentence
# Captions and sentences glued without a full stop ("... the finest drives he has seen But
# the teenager overtook 13 cars"): where a reported claim stops in pasted copy.
_GLUED = re.compile(r"(?<=[a-z0-9])\s+(?=(?:And|But|He|She|They|His|Her|The|It|We)\s+[a-z])")
_POST_WORDS = 30  # a longer "sentence" with a handle in it is a caption glued to copy


def _content(text: str) -> list[str]:
    """The words that carry content: lower case, no function words, no possessive "'s"."""
    found = (re.sub(r"['’]s$", "", w.lower()) for w in _CONTENT.findall(text))
    return [w for w in found if w not in FUNCTION_WORDS and w not in _GENERIC]


class _Said(NamedTuple):
    """An article sentence: its offsets, its content words, the words naming who it is
    attributed to (None: the article's own statement), where its first speaker starts,
    whether the offline engine lists a hedge in it, and whether it is social-media text."""

    start: int
    end: int
    words: set[str]
    names: set[str] | None
    first: int | None
    hedged: bool
    social: bool


def _speakers(text: str, read: tuple[Reading, list[QuoteSpeaker]] | None,
              ) -> list[tuple[tuple[int, int], str]]:
    """(span, name) of every speaker with a reporting verb (``find_attributions``, as the
    offline engine reads them), under the name the speaker rules resolve it to ("he" ->
    "Verstappen"; not the words a caption glued to a name)."""
    if read is None:
        return []
    reading, _ = read
    atts = find_attributions(text, reading.sentences, [(q.start, q.end) for q in reading.quotes])
    out = []
    for att in atts:
        a, b = att.speaker_span
        name = next((sp.name for sp in reading.speakers
                     if sp.name and sp.span[0] < b and a < sp.span[1]), att.speaker)
        out.append((att.speaker_span, name))
    return out + [(sp.span, sp.name or sp.phrase) for sp in reading.speakers]


def _article_sentences(text: str, read: tuple[Reading, list[QuoteSpeaker]] | None,
                       offline: Briefing) -> list[_Said]:
    """Every article sentence with who it is attributed to (in English only: ``read`` is None
    in another language) and whether it is part of an embedded post: it carries a hashtag,
    a handle or a share button, or lies between two sentences that do."""
    sentences = read[0].sentences if read is not None else split_sentences(text)
    speakers = _speakers(text, read)
    hedges = [e for c in offline.uncertainty.unverified_claims for e in c.evidence]
    marked = [bool(_SOCIAL.search(s.text)) and len(s.text.split()) <= _POST_WORDS
              for s in sentences]
    out = []
    for i, sent in enumerate(sentences):
        mine = [(span, name) for span, name in speakers if sent.start <= span[0] < sent.end]
        names = {w for _, name in mine for w in _content(name) if len(w) > 2}
        hedged = any(sent.start < e.end and e.start < sent.end for e in hedges)
        inside = 0 < i < len(sentences) - 1 and marked[i - 1] and marked[i + 1]
        out.append(_Said(sent.start, sent.end, set(_content(sent.text)),
                         names if mine or hedged else None,
                         min((span[0] for span, _ in mine), default=None), hedged,
                         marked[i] or inside))
    return out


def _source(words: set[str], sentences: list[_Said]) -> _Said | None:
    """The one article sentence a summary sentence restates: the one holding most of its
    content words, when it holds at least ``_RESTATES`` of them (and two)."""
    best = max(sentences, key=lambda s: len(s.words & words), default=None)
    shared = len(best.words & words) if best is not None else 0
    return best if shared >= 2 and shared >= _RESTATES * len(words) else None


def _framed(text: str, source: _Said, words: set[str],
            read: tuple[Reading, list[QuoteSpeaker]]) -> bool:
    """Whether most words a summary sentence took from the ``source`` sentence are the
    attributed claim: inside a quotation, or after the sentence's first speaker ("The
    minister said the plant will close"), up to a sentence glued on without a full stop.
    Words before a closing tag ("Twelve were hurt, police said") are a reported fact with its
    source, as news copy writes them; a hedged sentence is a claim wherever its hedge stands."""
    start, end, first = source.start, source.end, source.first
    stop = end
    if first is not None and (glued := _GLUED.search(text, first, end)) is not None:
        stop = glued.start()
    quoted = [(q.start, q.end) for q in read[0].quotes if start <= q.start < end]
    lower = text[start:end].lower()
    after = before = 0
    for w in words:
        m = re.search(rf"(?<!\w){re.escape(w)}", lower)
        at = start + (m.start() if m else 0)
        if any(a <= at < b for a, b in quoted) or (first is not None and first <= at < stop):
            after += 1
        else:
            before += 1
    return after >= before


def _unattributed(sentence: str, words: set[str], source: _Said, text: str,
                  read: tuple[Reading, list[QuoteSpeaker]]) -> bool:
    """The summary sentence restates an article sentence that attributes its claim (hedges
    it, or a speaker frames it), and names neither the speaker nor any reporting verb or
    hedge."""
    if source.names is None:
        return False
    said = words | {w.lower() for w in _CONTENT.findall(sentence)}
    if said & (source.names | _REPORTS) or _HEDGE.search(sentence.lower()):
        return False
    return source.hedged or _framed(text, source, source.words & words, read)


_OPENS_WITH_PRONOUN = re.compile(r"\s*(?:He|She|It|They|His|Her|Its|Their|This|These|Those)\b")


def _check_summary(summary: str, text: str, offline: Briefing,
                   read: tuple[Reading, list[QuoteSpeaker]] | None) -> tuple[str | None,
                                                                             list[str]]:
    """The model's summary without its sentences of social-media text (its own, or restated
    from a post the article embeds) and those that state as fact what the article attributes
    (the attribution check reads English: ``read`` is None in another language); None when no
    sentence is left."""
    sentences = _article_sentences(text, read, offline)
    kept: list[str] = []
    social = unattributed = orphaned = 0
    dropped_last = False
    for sent in split_sentences(summary):
        words = set(_content(sent.text))
        source = _source(words, sentences)
        if _SOCIAL.search(sent.text) or (source is not None and source.social):
            social += 1
        elif read is not None and source is not None and _unattributed(
                sent.text, words, source, text, read):
            unattributed += 1
        elif dropped_last and _OPENS_WITH_PRONOUN.match(sent.text):
            orphaned += 1  # "He overtook half the field": "he" was named in the dropped one
        else:
            kept.append(sent.text)
            dropped_last = False
            continue
        dropped_last = True
    notes = []
    if unattributed:
        notes.append(f"{unattributed} sentence(s) of the model's summary dropped: they state "
                     "as fact what the article attributes to a speaker or hedges.")
    if social:
        notes.append(f"{social} sentence(s) of the model's summary dropped: social-media text "
                     "(a hashtag, an @handle, a share button).")
    if orphaned:
        notes.append(f"{orphaned} sentence(s) of the model's summary dropped: they open with a "
                     "pronoun for someone named only in a dropped sentence.")
    if (social or unattributed) and not kept:
        notes.append("No sentence of the model's summary was left: the offline summary is "
                     "shown instead.")
    return (" ".join(kept) or None), notes


def _unique(items: list[T], key: Callable[[T], str]) -> list[T]:
    """First of each item by folded key: small models repeat themselves."""
    seen: set[str] = set()
    out = []
    for item in items:
        k = " ".join(key(item).lower().split())
        if k and k not in seen:
            seen.add(k)
            out.append(item)
    return out


_TOKEN = re.compile(r"[\w@.\-]{4,}")


def _drop_injected(b: Briefing, offline: Briefing, text: str) -> list[str]:
    """Nothing the model took from sentences that give orders to a model survives: items with
    evidence there, or words found only there ("CANARY-…", a name the order asked for), go;
    a summary carrying them is replaced by the offline one."""
    found = find_injections(text)
    if not found:
        return []
    outside = text
    for inj in reversed(found):
        outside = outside[:inj.start] + " " + outside[inj.end:]
    own = {t.strip(".-").lower() for inj in found for t in _TOKEN.findall(inj.text)}
    planted = {t for t in own if t and t not in outside.lower()}

    def tainted(words: str, spans: list[Span] | None = None) -> bool:
        if any(inj.overlaps(sp.start, sp.end) for sp in spans or [] for inj in found):
            return True
        return any(t.strip(".-").lower() in planted for t in _TOKEN.findall(words))

    before = (len(b.key_points) + len(b.what) + len(b.who) + len(b.where) + len(b.sources))
    b.key_points = [k for k in b.key_points if not tainted(k.text, k.evidence)]
    b.what = [w for w in b.what if not tainted(w.description, w.evidence)]
    b.who = [w for w in b.who if not tainted(w.name)]
    b.where = [w for w in b.where if not tainted(w.name)]
    b.sources = [s for s in b.sources if not tainted(s.name, s.quotes)]
    dropped = before - (len(b.key_points) + len(b.what) + len(b.who) + len(b.where)
                        + len(b.sources))
    notes = []
    if tainted(b.summary) or tainted(b.headline):
        b.summary, b.headline = offline.summary, offline.headline
        notes.append("The model's summary repeated instructions planted in the article: the "
                     "offline summary is shown instead.")
    if dropped:
        notes.append(f"{dropped} item(s) the model built from instructions planted in the "
                     "article were dropped.")
    return notes


def _language_kept(summary: str | None, article: Article, asked: str) -> list[str]:
    """A note when English was asked and the model's summary is not in English (a 1.5B model
    often copies the article's language): the summary is kept, and the reader told. Short
    summaries defeat language detectors, so the test is plain: in another script, mostly
    non-Latin letters; in a Latin script, a detector's confident answer."""
    code = article.language or "en"
    if not summary or code == "en" or asked != "english":
        return []
    letters = [c for c in summary if c.isalpha()]
    latin = sum(c.isascii() for c in letters) / max(1, len(letters))
    wrote = code if latin < 0.5 else detect(summary)
    if wrote is None or wrote == "en":
        return []
    return [f"The model wrote the summary in {language_name(wrote)}, not in English as asked."]


def _uncertainty(offline: Briefing) -> Uncertainty:
    """The offline assessment; for an article the offline rules cannot read, what the model
    path can and cannot check there."""
    u = offline.uncertainty.model_copy(deep=True)
    if offline.not_extracted:
        language = language_name(offline.article.language or "")
        u.reasons = [r for r in u.reasons if r != unread_reason(language)]
        u.reasons.append(f"The article is in {language}: every quote and evidence span is "
                         "checked word for word, but the model's speakers, people and places "
                         "are not checked by the offline rules, which read English only.")
    return u


def to_briefing(article: Article, answer: BriefingAnswer, offline: Briefing,
                provenance: Provenance, asked: str = "english") -> Briefing:
    """The briefing for ``article`` from the model's ``answer`` and the offline analysis."""
    text = article.text
    sp = _Spans(text)
    key_points = [KeyPoint(text=p.text, evidence=sp.spans([p.evidence]))
                  for p in _unique(answer.key_points, lambda p: p.text)[:5]]
    who = [Who(name=w.name, kind=w.kind, role=w.role, evidence=sp.mentions(w.name))
           for w in _unique(answer.who, lambda w: w.name)[:8]]
    what = []
    for ev_item in _unique(answer.what, lambda w: w.description)[:6]:
        evidence = sp.spans([ev_item.evidence])
        # The event's time is the article's own phrase in its evidence sentence, never a
        # date the model writes (it invented them).
        at = next((o.text for o in offline.when for e in o.evidence for ev in evidence
                   if _located(ev, text) and _overlaps(e, ev)), None)
        what.append(What(description=ev_item.description, when=at,
                         attributed_to=ev_item.attributed_to or "the article",
                         evidence=evidence))
    where = [Where(name=w.name, kind=w.kind, evidence=sp.mentions(w.name))
             for w in _unique(answer.where, lambda w: w.name)[:6]]
    when: list[When] = []
    for w in _unique(answer.when, lambda w: w.text)[:6]:
        span = sp.span(w.text)
        if span is None or not _located(span, text):
            continue  # counted unlocated; a phrase not in the article is no time phrase
        date = next((o.date for o in offline.when for e in o.evidence
                     if _located(span, text) and _overlaps(e, span)), None)
        when.append(When(text=span.quote, date=date, evidence=[span]))
    # The model's lists are short (1.9 people and 0.6 time phrases an article in issue 17)
    # and used to replace the offline ones: they come first, and the offline engine's
    # grounded items it left out follow, up to the same caps.
    who += [Who(name=s.name, kind="person", role=None,
                evidence=sp.mentions(s.name)) for s in answer.sources
            if s.kind == "named" and sp.mentions(s.name)
            and not any(same_person(w.name, s.name) for w in who)][:max(0, 8 - len(who))]
    who += [w.model_copy(deep=True) for w in offline.who
            if not any(same_person(m.name, w.name) or same_speaker(m.name, w.name)
                       for m in who)][:max(0, 8 - len(who))]
    where += [w.model_copy(deep=True) for w in offline.where
              if not any(same_speaker(m.name, w.name) for m in where)][:max(0, 6 - len(where))]
    when += [w.model_copy(deep=True) for w in offline.when
             if not any(_overlaps(e, m.evidence[0]) for e in w.evidence for m in when
                        if m.evidence)][:max(0, 6 - len(when))]
    offline_by_name = {s.name: s for s in offline.sources}
    sources = []
    for s in _unique(answer.sources, lambda s: s.name)[:6]:
        twin = next((o for n, o in offline_by_name.items() if same_speaker(n, s.name)), None)
        sources.append(Source(name=s.name, kind=s.kind, affiliation=s.affiliation,
                              quotes=sp.spans(s.quotes[:4]),
                              evidence=list(twin.evidence) if twin else sp.mentions(s.name, 1)))
    # Events: the headline's event first, in the article's own words (a model event backed
    # only by the headline is that event reworded: shown once); then the model's events and
    # the offline engine's others, alternating (neither reader ranks events reliably: the
    # model lists sub-events, the rules lead sentences); an offline event on a sentence a
    # model event already cites is left out. Measured on the issue-17 slice in docs/llm.md.
    def backs(x: What, y: What) -> bool:
        return any(_located(e, text) and _overlaps(e, m) for e in x.evidence
                   for m in y.evidence)

    head = [w.model_copy(deep=True) for w in offline.what[:1] if article.title]
    ours = [x for x in what if not (head and x.evidence and all(
        _located(e, text) and any(_overlaps(e, m) for m in head[0].evidence)
        for e in x.evidence))]
    theirs = [w.model_copy(deep=True) for w in offline.what[len(head):]
              if not any(backs(w, x) for x in ours)]
    mixed = list(head)
    for pair in zip_longest(ours, theirs):
        mixed += [w for w in pair if w is not None]
    what = mixed[:6]
    read = None if offline.not_extracted else reading_of(text)
    notes = list(provenance.notes)
    notes += _merge_quotes(sources, offline.sources, text, read)
    summary = _whole_sentences(answer.summary)
    if answer.summary.strip() and summary != answer.summary.strip():
        notes.append("The model's summary was cut off mid-sentence: " + (
            "its complete sentences are shown." if summary else "the offline summary is shown "
            "instead."))
    if summary:
        summary, checked = _check_summary(summary, text, offline, read)
        notes += checked
    notes += _language_kept(summary, article, asked)
    if summary:
        # Measured blind on the issue-17 slice: a 1.5B model's summary was wrong in a detail
        # in 5 of 12 articles, the offline one in none. The reader is told what is checked.
        notes.append("The bottom line is the model's own wording: only its numbers, its "
                     "attributions and social-media text are checked against the article (the "
                     "key points and events carry evidence).")
    b = Briefing(headline=offline.headline, summary=summary or offline.summary,
                 key_points=key_points, who=who, what=what, where=where, when=when,
                 sources=sources, uncertainty=_uncertainty(offline),
                 article=article, provenance=provenance)
    notes += _check_numbers(b, offline, text)
    notes += _drop_injected(b, offline, text)
    flagged = _flag_hedges(b, offline, text)
    if flagged:
        notes.append(f"{flagged} statement(s) the article hedges were stated as fact by the "
                     "model: flagged in uncertainty.")
    if sp.unlocated:
        notes.append(f"{sp.unlocated} quote or evidence string(s) from the model are not "
                     "word for word in the article: relocated fuzzily or dropped by grounding.")
    b.provenance = provenance.model_copy(update={"notes": notes})
    return b
