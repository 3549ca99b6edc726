"""How far the article's claims can be trusted: pure rules over evidence in the text.

Nothing here asks a model how sure it is. The signals, each listed in ``reasons``
when present:

1. **Unverified claims**: every sentence with a hedge or attribution marker
   ("reportedly", "allegedly", "purportedly", "according to", "could not be
   verified", ...) is listed with its first marker and the source it is attributed
   to ("the article" when none; "That account could not be verified" goes to the
   source of the account before it).
2. **Single source**: the identifiable sources (named, official, document, media)
   behind attributed claims are grouped into camps: a source, the organisation it is
   affiliated with, and every voice it relays ("one of the soldiers (according to
   Andrei Rinchino)") are one camp.  Anonymous voices count only when no identifiable
   source exists.  ``single_source`` is true when all attributed claims trace to one camp.
3. **Interested party**: a source affiliated with an advocacy organisation (a
   foundation, movement or party, or one the article describes as an environmental,
   campaign or rights group) or speaking as someone's lawyer or spokesperson.
4. **Anonymous sources**: unnamed voices ("a worker at the site") behind claims.
5. **Contradictions**: the headline gives a vague quantity ("Several soldiers") or a
   number that the body counts differently ("17 servicemen"); a body that repeats the
   number, hedged or not ("about 200 workers"), agrees.
6. **Dates**: the main event (headline and lead) has no time phrase or only a vague
   one (a year, a month, "a week later"); or it has one that cannot be placed on a
   calendar because the article carries no publication date.
7. **Missing**: what a reader would need that the article does not give: independent
   confirmation when single-sourced, a response from the other side when claims are
   unverified and no sentence reports a reply, when the main event happened, and the
   questions the article itself leaves open ("the cause of the fire (not known)").

**Confidence** adds one point for each of: a single source; an interested party
behind at least half of the attributed claims; anonymous sources behind at least half
of them; a claim the article itself calls unverified, or two or more claims hedged
beyond a plain "according to"; a contradiction; a main event with no date or only a
vague one.  0 points: ``high``; 1 point: ``moderate``; 2 or more: ``low``.  Signals
below these thresholds (a minor interested voice, one anonymous claim, a date the
missing publication date leaves unresolved) are still listed in ``reasons`` but cost
no point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .nlp.consistency import contradictions, open_questions
from .nlp.kinds import is_advocacy
from .nlp.lexicon import ADVOCACY_HEADS
from .nlp.sentences import Sentence
from .nlp.sources import UNATTRIBUTED
from .schema import Confidence, Span, Uncertainty, UnverifiedClaim

__all__ = ["ClaimSignal", "EventTime", "SourceSignal", "assess", "contradictions"]

_IDENTIFIABLE = ("named", "official", "document", "media")
_RESPONSE = re.compile(
    r"\b(?:declined to comment|did not (?:immediately )?respond|could not be reached|no comment"
    r"|denied|denies|responded|responds|in response|said in a statement|rejected|rejects"
    r"|dismissed|dismisses|disputed|disputes|refuted|refutes|(?:is|are|was|were) (?:patently |"
    r"completely |simply )?(?:false|untrue|not true)|pushed back)\b",
    re.IGNORECASE,
)
_REPRESENTS = re.compile(r"\b(?:lawyer|attorney|counsel|spokes(?:man|woman|person)|advocate)\b")
# Markers by which the article says it could not check a claim itself.
_SELF_UNVERIFIED = ("could not be independently verified", "could not be verified",
                    "has not been verified", "have not been verified", "unverified",
                    "not independently confirmed", "unconfirmed")
# "That account could not be verified": a back-reference to the claim before it.
_BACK_REFERENCE = re.compile(r"^(?:That|This|The|Their|His|Her|Its)\s+(?:account|claim|claims"
                             r"|report|allegation|allegations|statement|version|figure|figures)\b")


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
    description: str | None = None  # what the article calls it or its organisation
    relayed_by: str | None = None  # the source whose account carries this voice
    quoted: int = 0  # quotations under this source


@dataclass
class EventTime:
    """The time phrase of the main event, its resolved date, and whether publication is known."""

    phrase: str | None = None
    date: str | None = None
    published: bool = False


def _n(count: int, noun: str) -> str:
    """ "1 claim is" / "3 claims are": counts in plain words."""
    return f"{count} {noun} is" if count == 1 else f"{count} {noun}s are"



def _unverified(text: str, claims: list[ClaimSignal]) -> list[UnverifiedClaim]:
    out = []
    previous: str | None = None
    for c in claims:
        source = c.source
        if source is None and previous and _BACK_REFERENCE.match(c.sentence.text):
            source = previous
        if c.hedges:
            out.append(UnverifiedClaim(
                claim=c.sentence.text, attributed_to=source or "the article",
                marker=c.hedges[0][0],
                evidence=[Span.at(text, c.sentence.start, c.sentence.end)]))
        previous = c.source
    return out


def _camp(s: SourceSignal, by_name: dict[str, SourceSignal], names: set[str]) -> str:
    """A source's camp: the voice relaying it, else its organisation when that speaks too."""
    seen = set()
    while s.relayed_by and s.relayed_by in by_name and s.name not in seen:
        seen.add(s.name)
        s = by_name[s.relayed_by]
    return s.affiliation if s.affiliation in names else s.name


def _interested(s: SourceSignal) -> str | None:
    """Why a source is an interested party, or None."""
    parts = []
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", s.affiliation or "")}
    if words & ADVOCACY_HEADS or (s.description and is_advocacy(s.description)):
        parts.append(f"affiliated with {s.affiliation}, an advocacy group" if s.affiliation
                     else "an advocacy group, speaking for its cause")
    if any(_REPRESENTS.search(c) for c in s.called):
        parts.append("speaks as the lawyer or spokesperson of the people concerned")
    return "; ".join(parts) + "." if parts else None


def assess(text: str, title: Sentence | None, claims: list[ClaimSignal],
           sources: list[SourceSignal], event: EventTime | None = None) -> Uncertainty:
    """Apply the module's rule to the signals."""
    by_name = {s.name: s for s in sources}
    names = set(by_name)
    unverified = _unverified(text, claims)
    attributed = [c for c in claims if c.source in by_name]
    backing = [by_name[c.source] for c in attributed if c.source]
    named = [s for s in backing if s.kind in _IDENTIFIABLE or s.relayed_by] or backing
    camps = [_camp(s, by_name, names) for s in named]
    # Voices quoted in the article count too: claims traced to one source while others are
    # quoted at length is not a single-sourced story.
    quoted = {_camp(s, by_name, names) for s in sources
              if s.quoted and s.kind in _IDENTIFIABLE and s.name != UNATTRIBUTED}
    single = len(set(camps)) == 1 and not quoted - set(camps)
    reasons: list[str] = []
    points = 0

    def half(share: int) -> bool:
        return bool(attributed) and share * 2 >= len(attributed)

    if single:
        points += 1
        members = [s for s in named if _camp(s, by_name, names) == camps[0] and not s.relayed_by]
        person = next((s for s in members if s.kind == "named"), None)
        label = f"{person.name} ({camps[0]})" if person and person.name != camps[0] else camps[0]
        reasons.append(f"Every attributed claim traces to one source: {label}.")
    # "unattributed" holds quotations whose speaker the article does not make clear: it is
    # not an unnamed source, and saying so would be a reason that is not true.
    anonymous = [s for s in backing if s.kind == "anonymous" and not s.relayed_by
                 and s.name != UNATTRIBUTED]
    if anonymous:
        who = sorted({s.name for s in anonymous})
        heavy = half(len(anonymous))
        points += heavy
        reasons.append(f"{_n(len(anonymous), 'attributed claim')} from unnamed sources ("
                       + ", ".join(who) + "), which cannot be checked independently.")
    affiliated = {s.affiliation for s in sources if _interested(s) and s.affiliation}
    interested = [s for s in sources if (s.kind in _IDENTIFIABLE and _interested(s)
                                         and s.name not in affiliated)]
    camp_of = {s.name: _camp(s, by_name, names) for s in sources}
    heavy_interest = False
    for s in interested:
        share = sum(camp_of.get(b.name) == camp_of[s.name] for b in backing)
        heavy_interest |= half(share) or (single and camp_of[s.name] == camps[0])
        what = s.role or s.affiliation or s.description
        line = (f"{s.name}{f' ({what})' if what and what != s.name else ''} is an interested "
                f"party: {_interested(s)}")
        reasons.append(line[0].upper() + line[1:])
    points += heavy_interest
    self_unverified = [c for c in unverified if c.marker in _SELF_UNVERIFIED]
    hedged = [c for c in unverified if c.marker != "according to"]
    if self_unverified:
        reasons.append("The article itself says it could not verify "
                       + ("a claim." if len(self_unverified) == 1
                          else f"{len(self_unverified)} claims."))
    if hedged:
        reasons.append(f"{_n(len(hedged), 'claim')} hedged ("
                       + ", ".join(sorted({c.marker for c in hedged})[:3]) + ").")
    elif unverified:
        reasons.append(f"{_n(len(unverified), 'claim')} attributed only (according to …).")
    points += len(hedged) >= 2 or bool(self_unverified)
    contra = contradictions(text, title, [c.sentence for c in claims])
    if contra:
        points += 1
        reasons += ["Numbers inside the article disagree: " + c.description[0].lower()
                    + c.description[1:] for c in contra]
    missing = []
    if single:
        missing.append("no independent confirmation of the claims")
    if unverified and not any(_RESPONSE.search(c.sentence.text) for c in claims):
        missing.append("no response from the other side")
    if event is not None:
        points += _date_signal(event, reasons, missing)
    missing += open_questions([c.sentence for c in claims])
    confidence: Confidence = "high" if points == 0 else "moderate" if points == 1 else "low"
    return Uncertainty(confidence=confidence, single_source=single, reasons=reasons,
                       unverified_claims=unverified, contradictions=contra, missing=missing)


def _date_signal(event: EventTime, reasons: list[str], missing: list[str]) -> int:
    """A point when the main event has no date or only a vague one; a note when unplaceable."""
    if event.phrase is None:
        reasons.append("The article does not say when the main event happened.")
        missing.append("when the main event happened")
        return 1
    if event.date is not None and len(event.date) == 10:
        return 0
    if not event.published and event.date is None:
        reasons.append(f'The main event is dated only "{event.phrase}" and the article has no '
                       "publication date, so it cannot be placed on a calendar.")
        missing.append("the publication date")
        return 0
    reasons.append(f'The main event is dated only vaguely ("{event.phrase}").')
    missing.append("the exact date of the main event")
    return 1
