"""A model's synthesis of a story, checked against the story's articles. Pure.

Every sentence must carry evidence: strings found in the story's articles (exact, or fuzzily
as grounding allows, and then marked ``fuzzy``); a sentence whose evidence is in none of them
is dropped. A sentence that gives a number its own evidence does not ("8 dead" backed by a
sentence saying 7) is dropped too, as is one that reads as an instruction to a model; a
sentence that states one of the story's conflicts whole (every disputed value) is backed by
that conflict's evidence sentences instead. The
title keeps no number the articles do not give, else the story's own title stands. Dropped
sentences are counted; a synthesis with no sentence left is none at all.
"""

from __future__ import annotations

from ..ground import locate
from ..nlp.injection import is_injection
from ..nlp.numbers import numbers_in, unsupported_numbers
from ..schema import Conflict, StorySpan, Synthesis, SynthesisSentence


def _spans(evidence: list[str], texts: dict[str, str]) -> list[StorySpan]:
    out: list[StorySpan] = []
    for quote in evidence:
        for art_id, text in texts.items():  # latest first: the latest article that says it
            found = locate(text, quote)
            if found is not None:
                span, match = found
                if not any(s.article == art_id and s.start == span.start for s in out):
                    out.append(StorySpan(article=art_id, quote=span.quote, start=span.start,
                                         end=span.end, match=match))
                break
    return out


def _dispute(text: str, conflicts: list[Conflict],
             texts: dict[str, str]) -> list[StorySpan] | None:
    """The evidence of the conflict a sentence states, when it states one whole: every
    disputed value is in the sentence and every number of the sentence is in the evidence
    ("12 by the fire service and 20 by Radio Dresden"; not "both report 12")."""
    said = numbers_in(text)
    for c in conflicts:
        values = [numbers_in(f.value) for f in c.values]
        if not all(v and v & said for v in values):
            continue
        spans = _spans([e for f in c.values for e in f.evidence], texts)
        if spans and not unsupported_numbers(text, " ".join(s.quote for s in spans)):
            return spans
    return None


def ground_synthesis(title: str, sentences: list[tuple[str, list[str]]],
                     texts: dict[str, str], *, model: str, fallback_title: str,
                     conflicts: list[Conflict] | None = None) -> Synthesis | None:
    """The checked synthesis, or None when no sentence survives the checks.

    ``texts``: each article's id and text, latest first; ``sentences``: the model's
    (sentence, evidence strings) pairs; ``conflicts``: the story's, whose evidence backs a
    sentence that states one of them whole."""
    kept: list[SynthesisSentence] = []
    dropped = 0
    for text, evidence in sentences:
        text = " ".join(text.split())
        spans = _spans(evidence, texts)
        backed = " ".join(s.quote for s in spans)
        if text and unsupported_numbers(text, backed):
            disputed = _dispute(text, conflicts or [], texts)
            if disputed is not None:
                spans = disputed  # the model's own evidence did not back it
                backed = " ".join(s.quote for s in spans)
        if not text or not spans or unsupported_numbers(text, backed) or is_injection(text):
            dropped += 1
            continue
        kept.append(SynthesisSentence(text=text, evidence=spans))
    if not kept:
        return None
    title = " ".join(title.split())
    everything = "\n".join(texts.values())
    if not title or unsupported_numbers(title, everything) or is_injection(title):
        title = fallback_title
    return Synthesis(title=title, sentences=kept, model=model, dropped=dropped)
