"""How far the article's claims can be trusted: pure rules over extracted signals.

The rule, applied in this order:

1. **Unverified claims**: every sentence with a hedge or attribution marker
   ("reportedly", "allegedly", "purportedly", "claimed", "according to",
   "could not be verified", "unconfirmed", ...) is listed with its first marker
   and the source it is attributed to ("the article" when none).
2. **Single source**: the identifiable sources (named, official, document, media)
   behind attributed claims are grouped into camps: a source and the organisation
   it is affiliated with are one camp.  Anonymous voices ("one serviceman") add no
   independent check and count only when no identifiable source exists.
   ``single_source`` is true when all attributed claims trace to one camp.
3. **Interested party**: a source affiliated with an advocacy organisation
   (foundation, movement, campaign, party, union, ...) or speaking as someone's
   lawyer or spokesperson is named in ``reasons`` with its affiliation.
4. **Contradictions**: the headline gives a vague quantity ("Several soldiers")
   or a number where the body gives a different count for the same kind of noun
   ("17 servicemen").
5. **Missing**: independent confirmation when ``single_source``; a response from
   the other side when there are unverified claims and no sentence reports a
   reply, denial or refusal to comment.
6. **Confidence**: one point each for a single source, an interested party, two or
   more unverified claims, and any contradiction.  0 points: ``high``;
   1 point: ``moderate``; 2 or more: ``low``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .nlp.lexicon import ADVOCACY_HEADS, NOUN_CLASSES, NUMBER_WORDS, VAGUE_QUANTIFIERS
from .nlp.sentences import Sentence
from .schema import Contradiction, Span, Uncertainty, UnverifiedClaim

_IDENTIFIABLE = ("named", "official", "document", "media")
_RESPONSE = re.compile(
    r"\b(?:declined to comment|did not (?:immediately )?respond|could not be reached|no comment"
    r"|denied|denies|responded|in response|said in a statement|rejected the)\b",
    re.IGNORECASE,
)
_REPRESENTS = re.compile(r"\b(?:lawyer|attorney|counsel|spokes(?:man|woman|person)|advocate)\b")
# A quantity, an optional modifier and a noun: "17 servicemen", "Several Russian soldiers".
_NOUN_AFTER = r"\s+(?:([A-Za-z\-]+)\s+)?([A-Za-z]+)\b"
_COUNT = re.compile(r"\b(\d[\d,]*|" + "|".join(NUMBER_WORDS) + ")" + _NOUN_AFTER, re.IGNORECASE)
_VAGUE = re.compile(r"\b(" + "|".join(VAGUE_QUANTIFIERS) + ")" + _NOUN_AFTER, re.IGNORECASE)


@dataclass
class ClaimSignal:
    """One body sentence with its attribution and hedges."""

    sentence: Sentence
    source: str | None = None
    hedges: list[tuple[str, int, int]] = field(default_factory=list)


@dataclass
class SourceSignal:
    """One resolved source."""

    name: str
    kind: str
    affiliation: str | None = None
    role: str | None = None
    called: list[str] = field(default_factory=list)  # how the text refers to it


def _span(text: str, start: int, end: int) -> Span:
    return Span(quote=text[start:end], start=start, end=end)


def _same_noun(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    if a.rstrip("s") == b.rstrip("s"):
        return True
    return any(a in c and b in c for c in NOUN_CLASSES)


def _number(token: str) -> int | None:
    token = token.lower().replace(",", "")
    return int(token) if token.isdigit() else NUMBER_WORDS.get(token)


def contradictions(text: str, title: Sentence | None, body: list[Sentence]) -> list[Contradiction]:
    """Headline quantities that the body counts differently."""
    if title is None:
        return []
    out: list[Contradiction] = []
    heads = [(m, None) for m in _VAGUE.finditer(title.text)]
    heads += [(m, _number(m.group(1))) for m in _COUNT.finditer(title.text)]
    for m, value in heads:
        nouns = [(g, m.group(g)) for g in (2, 3) if m.group(g)]
        for s in body:
            for c in _COUNT.finditer(s.text):
                n = _number(c.group(1))
                hit = next(((hg, g) for hg, a in nouns for g in (2, 3)
                            if c.group(g) and _same_noun(a, c.group(g))), None)
                if n is None or n == value or hit is None:
                    continue
                if re.search(r"\b(?:at least|more than|over|about)\s*$", s.text[: c.start()]):
                    continue  # a floor or an estimate does not contradict
                h = (title.start + m.start(), title.start + m.end(hit[0]))
                b = (s.start + c.start(), s.start + c.end(hit[1]))
                out.append(Contradiction(
                    description=f'The headline says "{text[h[0]:h[1]]}" but the body says '
                                f'"{text[b[0]:b[1]]}".',
                    evidence=[_span(text, *h), _span(text, *b)],
                ))
                break
            else:
                continue
            break
    return out


def assess(text: str, title: Sentence | None, claims: list[ClaimSignal],
           sources: list[SourceSignal]) -> Uncertainty:
    """Apply the module's rule to the signals."""
    by_name = {s.name: s for s in sources}
    unverified = [
        UnverifiedClaim(
            claim=c.sentence.text,
            attributed_to=c.source or "the article",
            marker=c.hedges[0][0],
            evidence=[_span(text, c.sentence.start, c.sentence.end)],
        )
        for c in claims
        if c.hedges
    ]
    backing = [by_name[c.source] for c in claims if c.source in by_name]
    named = [s for s in backing if s.kind in _IDENTIFIABLE] or backing
    affiliations = {s.affiliation for s in named if s.affiliation}
    camps = {s.affiliation or s.name for s in named if s.name not in affiliations}
    single = len(camps) == 1
    reasons: list[str] = []
    points = 0
    if single:
        points += 1
        main = next(s for s in named if (s.affiliation or s.name) in camps)
        reasons.append(f"Every attributed claim traces to one source: {main.name}.")
        anonymous = sorted({s.name for s in backing if s.kind == "anonymous"})
        if anonymous:
            reasons.append("Other voices are anonymous (" + ", ".join(anonymous)
                           + ") and cannot be checked independently.")
    interested = [s for s in sources if s.kind in _IDENTIFIABLE and _interested(s)]
    if interested:
        points += 1
        for s in interested:
            reasons.append(f"{s.name} ({s.role or s.affiliation}) is an interested party: "
                           + _why_interested(s))
    if len(unverified) >= 2:
        points += 1
        reasons.append(f"{len(unverified)} claims are hedged or only attributed "
                       "(e.g. reportedly, according to).")
    contra = contradictions(text, title, [c.sentence for c in claims])
    if contra:
        points += 1
        reasons.append("The headline and the body disagree on a number.")
    missing = []
    if single:
        missing.append("no independent confirmation of the claims")
    if unverified and not any(_RESPONSE.search(c.sentence.text) for c in claims):
        missing.append("no response from the other side")
    confidence = "high" if points == 0 else "moderate" if points == 1 else "low"
    return Uncertainty(confidence=confidence, single_source=single, reasons=reasons,
                       unverified_claims=unverified, contradictions=contra, missing=missing)


def _interested(s: SourceSignal) -> bool:
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", s.affiliation or "")}
    return bool(words & ADVOCACY_HEADS) or any(_REPRESENTS.search(c) for c in s.called)


def _why_interested(s: SourceSignal) -> str:
    parts = []
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", s.affiliation or "")}
    if words & ADVOCACY_HEADS:
        parts.append(f"affiliated with {s.affiliation}, an advocacy group")
    if any(_REPRESENTS.search(c) for c in s.called):
        parts.append("speaks as the lawyer or spokesperson of the people concerned")
    return "; ".join(parts) + "."
