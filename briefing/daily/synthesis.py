"""A model's synthesis of a story, checked against the story's articles. Pure.

Every sentence must carry evidence: strings found in the story's articles (exact, or fuzzily
as grounding allows, and then marked ``fuzzy``); a sentence whose evidence is in none of them
is dropped. A sentence that gives a number its own evidence does not ("8 dead" backed by a
sentence saying 7) is dropped too, as is one that reads as an instruction to a model. The
title keeps no number the articles do not give, else the story's own title stands. Dropped
sentences are counted; a synthesis with no sentence left is none at all.
"""

from __future__ import annotations

from ..ground import locate
from ..nlp.injection import is_injection
from ..nlp.numbers import unsupported_numbers
from ..schema import StorySpan, Synthesis, SynthesisSentence


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


def ground_synthesis(title: str, sentences: list[tuple[str, list[str]]],
                     texts: dict[str, str], *, model: str,
                     fallback_title: str) -> Synthesis | None:
    """The checked synthesis, or None when no sentence survives the checks.

    ``texts``: each article's id and text, latest first; ``sentences``: the model's
    (sentence, evidence strings) pairs."""
    kept: list[SynthesisSentence] = []
    dropped = 0
    for text, evidence in sentences:
        text = " ".join(text.split())
        spans = _spans(evidence, texts)
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
