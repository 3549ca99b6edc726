"""Turn attributions into sources: resolve "he" and "the lawyer", give kind and affiliation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .attribution import Attribution
from .entities import Entity
from .lexicon import ORG_HEADS, ROLE_WORDS, words

_MEDIA = frozenset(
    words(
        """news times post journal telegraph mail guardian herald tribune press reuters ap afp
        bbc cnn abc nbc cbs fox sky express mirror sun independent advertiser standard
        agency"""
    )
)
_OFFICIAL = frozenset(
    words(
        """official officials police spokesman spokeswoman spokesperson ministry department
        authorities government prosecutors investigators army military"""
    )
)
_DOCUMENT = frozenset(words(
    """report statement documents document website study filing letter court records data
    survey"""
))
_DEFINITE = ("the ", "their ", "his ", "her ", "its ")


@dataclass
class SourceRec:
    """A resolved source with the spans that ground it."""

    name: str
    kind: str  # named | anonymous | official | document | media
    affiliation: str | None = None
    quotes: list[tuple[int, int]] = field(default_factory=list)
    evidence: list[tuple[int, int]] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)
    called: list[str] = field(default_factory=list)  # how the text refers to it
    entity: Entity | None = None


def _find_entity(name: str, entities: list[Entity]) -> Entity | None:
    bare = re.sub(r"^The\s+", "", name)
    for ent in entities:
        if ent.kind == "group":
            continue
        if ent.name in (name, bare) or (name.split()[-1] == ent.name.split()[-1] and (
            ent.kind == "person" and len(name.split()) == 1
        )):
            return ent
    return None


def _affiliation(ent: Entity, text: str, entities: list[Entity]) -> str | None:
    orgs = [e for e in entities if e.kind == "organization"]
    if ent.role:
        m = re.search(r"\b(?:of|at|for|from|with)\s+(?:the\s+)?([A-Z][^,;]*)$", ent.role)
        if m:
            return m.group(1).strip()
        caps = [w for w in ent.role.split() if w[:1].isupper() and w.lower() not in ROLE_WORDS]
        if caps and ent.role.split()[0][:1].isupper():
            prefix = []
            for w in ent.role.split():
                if w.lower() in ROLE_WORDS:
                    break
                prefix.append(w)
            if prefix:
                return " ".join(prefix)
    for _start, end in ent.mentions:
        after = text[end : end + 80]
        m = re.match(r"\s*,?\s+(?:of|from|at)\s+(?:the\s+)?([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*)",
                     after)
        if m and any(o.name == m.group(1) for o in orgs):
            return m.group(1)
    return None


def resolve_sources(text: str, attributions: list[Attribution], entities: list[Entity],
                    quotes: list[tuple[int, int]], paragraph_of: dict[int, int]
                    ) -> tuple[list[SourceRec], dict[int, str]]:
    """Sources in order of first appearance, and attribution index -> source name."""
    by_name: dict[str, SourceRec] = {}
    who: dict[int, str] = {}
    named: list[SourceRec] = []

    def get(name: str, kind: str, ent: Entity | None = None) -> SourceRec:
        rec = by_name.get(name)
        if rec is None:
            rec = by_name[name] = SourceRec(name, kind, entity=ent)
            if ent is not None and ent.kind == "person":
                rec.affiliation = _affiliation(ent, text, entities)
                named.append(rec)
        return rec

    # First pass: names; role references may point forward ("their lawyer" ... "Rinchino").
    for i, a in enumerate(attributions):
        if a.speaker[:1].isupper() and not a.speaker.lower().startswith(("the ", "he", "she", "it",
                                                                          "they", "we")):
            ent = _find_entity(a.speaker, entities)
            if ent is None and a.speaker.split()[0] in ("The",):
                ent = _find_entity(a.speaker[4:], entities)
            if ent is not None and ent.kind == "person":
                who[i] = get(ent.name, "named", ent).name
            elif ent is not None or a.speaker.split()[-1].lower() in ORG_HEADS | _MEDIA:
                name = ent.name if ent else re.sub(r"^The\s+", "", a.speaker)
                words = {w.lower() for w in name.split()}
                kind = "media" if words & _MEDIA or a.verb == "reported" else "official"
                who[i] = get(name, kind, ent).name
    last_person: str | None = None
    last_org: str | None = None
    for i, a in enumerate(attributions):
        low = a.speaker.lower()
        if i in who:
            rec = by_name[who[i]]
        elif low in ("he", "she"):
            if last_person is None:
                continue
            rec = by_name[last_person]
        elif low == "it":
            if last_org is None:
                continue
            rec = by_name[last_org]
        elif low in ("they", "we"):
            continue
        else:
            rec = _resolve_np(a.speaker, named, entities, get)
        who[i] = rec.name
        if rec.kind == "named":
            last_person = rec.name
        elif rec.kind in ("official", "media"):
            last_org = rec.name
        rec.evidence.append(a.speaker_span)
        if a.speaker not in rec.called:
            rec.called.append(a.speaker)
        rec.sentences.add(a.sentence)
        for q in a.quotes:
            if q not in rec.quotes:
                rec.quotes.append(q)
    _inherit_quotes(quotes, by_name, paragraph_of)
    return list(by_name.values()), who


def _resolve_np(speaker: str, named: list[SourceRec], entities: list[Entity], get) -> SourceRec:  # type: ignore[no-untyped-def]
    low = speaker.lower()
    head = low.split()[-1]
    if low.startswith(_DEFINITE):
        for ent in entities:  # "the foundation" -> "Free Buryatia Foundation"
            if ent.kind == "organization" and ent.name.lower().split()[-1] == head:
                return get(ent.name, "official", ent)
        if head in ROLE_WORDS or head.endswith(("er", "or", "ist", "man", "woman")):
            matches = [r for r in named if r.entity and r.entity.role and head in r.entity.role]
            if len(matches) == 1:
                return matches[0]
            if len(named) == 1:  # the only named voice: unambiguous
                return named[0]
    kind = "anonymous"
    if head in _OFFICIAL:
        kind = "official"
    elif head in _DOCUMENT:
        kind = "document"
    name = re.sub(r"^(?:a|an|the)\s+", "", speaker)
    return get(name, kind)


def _inherit_quotes(quotes: list[tuple[int, int]], by_name: dict[str, SourceRec],
                    paragraph_of: dict[int, int]) -> None:
    """A quote with no attribution of its own belongs to the attributed quote in its paragraph."""
    owner = {q: rec for rec in by_name.values() for q in rec.quotes}
    for q in quotes:
        if q in owner:
            continue
        para = paragraph_of.get(q[0])
        near = [(abs(o[0] - q[0]), rec) for o, rec in owner.items()
                if paragraph_of.get(o[0]) == para]
        if near:
            rec = min(near, key=lambda n: n[0])[1]
            rec.quotes.append(q)
            rec.quotes.sort()
