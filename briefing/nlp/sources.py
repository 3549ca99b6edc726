"""Turn attributions into sources: resolve "he" and "the lawyer", give kind and affiliation."""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field

from . import speakers as spk_rules
from .attribution import Attribution, Quote
from .entities import Entity
from .kinds import is_advocacy
from .lexicon import ADVOCACY_HEADS, DOCUMENT_HEADS, OFFICIAL_HEADS, ORG_HEADS, ROLE_WORDS, words
from .places import is_demonym
from .sentences import Sentence

UNATTRIBUTED = "unattributed"

_MEDIA = frozenset(
    words(
        """news times post journal telegraph mail guardian herald tribune press reuters ap afp
        bbc cnn abc nbc cbs fox sky express mirror sun independent advertiser standard
        agency"""
    )
)
# Heads of noun phrases that speak for an institution: "the port authority", "the
# hospital", "fire service", "police", "the ministry".
# An unnamed voice that the article says is unnamed.
_ANONYMOUS = re.compile(r"\b(?:not to be (?:named|identified)|on (?:the )?condition of anonymity"
                        r"|declined to be (?:named|identified)|spoke anonymously)\b")
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
    description: str | None = None  # an organisation's own description ("environmental group")
    relayed_by: str | None = None  # the source through which the article heard this one


def _find_entity(name: str, entities: list[Entity]) -> Entity | None:
    bare = re.sub(r"^The\s+", "", name)
    for ent in entities:
        if ent.kind == "group":
            continue
        if ent.name in (name, bare) or (name.split()[-1] == ent.name.split()[-1] and (
            ent.kind == "person" and len(name.split()) == 1
        )) or (ent.kind == "person" and len(name.split()) >= 2
               and ent.name.endswith(" " + name)):  # "Eriksson Ek" of "Joel Eriksson Ek"
            return ent
    return None


def _org_called(phrase: str, before: int, entities: list[Entity]) -> str | None:
    """The organisation a common noun refers back to: "the group" -> the last group named.

    "the safety region" matches the name "Rotterdam-Rijnmond Safety Region"; "the group"
    matches an organisation the article described as a group.
    """
    low = phrase.lower().strip()
    head = low.split()[-1] if low else ""
    best: tuple[int, str] | None = None
    for e in entities:
        if e.kind != "organization" or not e.mentions or e.mentions[0][0] >= before:
            continue
        name = e.name.lower()
        described = (e.description or "").lower().split()
        if name.endswith(low) or (described and described[-1] == head) or (
                len(low.split()) == 1 and name.split()[-1] == head):
            last = max(a for a, _ in e.mentions if a < before)
            if best is None or last > best[0]:
                best = (last, e.name)
    return best[1] if best else None


def _affiliation(ent: Entity, text: str, entities: list[Entity]) -> str | None:
    orgs = [e for e in entities if e.kind == "organization"]
    if ent.role and ent.role_span:
        # "the group's director", "a spokeswoman for the safety region": a back-reference.
        m = re.search(r"\bthe\s+([a-z][\w\- ]*?)[’']s\b|\b(?:of|at|for|from|with)\s+the\s+"
                      r"([a-z][\w\- ]*)$", ent.role)
        if m:
            found = _org_called(m.group(1) or m.group(2), ent.role_span[0], entities)
            if found:
                return found
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
                    quotes: list[tuple[int, int]], paragraph_of: dict[int, int],
                    sentences: list[Sentence] | None = None, places: Container[str] = (),
                    quote_spans: list[Quote] | None = None, keep_unattributed: bool = True,
                    ) -> tuple[list[SourceRec], dict[int, str]]:
    """Sources in order of first appearance, and attribution index -> source name.

    A voice relayed by another ("As the lawyer said, one of the soldiers stated ...")
    is its own source named "one of the soldiers (according to Andrei Rinchino)", with
    ``relayed_by`` naming the outer source. Each quotation goes to the speaker its own
    sentence names (``speakers.attribute``); one whose speaker the article does not make
    clear goes under the source "unattributed" (``keep_unattributed``) rather than a guess.
    """
    reading = read_article(text, attributions, entities, quotes, sentences, places,
                           quote_spans)
    return _resolve(text, attributions, entities, reading, keep_unattributed)


def read_article(text: str, attributions: list[Attribution], entities: list[Entity],
                 quotes: list[tuple[int, int]], sentences: list[Sentence] | None = None,
                 places: Container[str] = (), quote_spans: list[Quote] | None = None,
                 ) -> tuple[spk_rules.Reading, list[spk_rules.QuoteSpeaker]]:
    """The speaker rules' reading of an article and the speaker of each quotation."""
    if quote_spans is None:
        quote_spans = [Quote(a, b) for a, b in quotes]
    if sentences is None:
        from .sentences import split_sentences

        sentences = split_sentences(text)
    reading = spk_rules.read(text, quote_spans, sentences, entities, places)
    # The voices the narration credits ("Ajmal Jan, a shopkeeper, said the blast ...") are
    # antecedents for a later "he said" too.
    for a in attributions:
        if a.speaker.lower() in ("he", "she", "it", "they", "we"):
            continue
        # The whole noun phrase before the verb: "a spokesman in Berlin said", not "Berlin".
        verb_at = text.find(a.verb, a.speaker_span[1], a.marker_span[1] + 1) \
            if a.verb != "according to" else -1
        sent = next((s for s in sentences if s.start <= a.speaker_span[0] < s.end), None)
        if verb_at != -1 and sent is not None:
            np = spk_rules._np_before(reading, sent.start, verb_at)
            if np is not None and (np[0] < a.speaker_span[0] <= np[1] or (
                    np[0] > a.speaker_span[1] and text[np[0] : np[1]][:1].isupper()
                    and re.fullmatch(r",\s+", text[a.speaker_span[1] : np[0]]))):
                # "The company that runs the AMAs, Dick Clark Productions, denies": the name
                # in apposition right before the verb speaks, not the noun before the comma
                a.speaker, a.speaker_span = text[np[0] : np[1]], np
        sp = spk_rules.resolve(reading, spk_rules.Speaker(a.speaker, a.speaker_span, a.verb))
        if sp.name:
            reading.speakers.append(sp)
    reading.speakers.sort(key=lambda sp: sp.span[0])
    return reading, spk_rules.attribute(reading)


def reading_of(text: str) -> tuple[spk_rules.Reading, list[spk_rules.QuoteSpeaker]]:
    """The speaker rules' reading of a bare article text (for checking another engine's
    speakers): quotations, attributions and named people found the offline engine's way."""
    from . import entities as ents
    from .attribution import find_attributions, find_quote_spans
    from .mentions import find_mentions, vocabulary
    from .places import gazetteer
    from .sentences import split_sentences

    sentences = split_sentences(text)
    spans = find_quote_spans(text)
    quotes = [(q.start, q.end) for q in spans]
    atts = find_attributions(text, sentences, quotes)
    gaz = gazetteer()
    named = ents.cluster_names(text, find_mentions(text, sentences, vocabulary(text, sentences)),
                               gaz)
    named = [e for e in named if e.name not in gaz]
    ents.find_roles(text, named)
    return read_article(text, atts, named, quotes, sentences, (), spans)


def _resolve(text: str, attributions: list[Attribution], entities: list[Entity],
             reading: tuple[spk_rules.Reading, list[spk_rules.QuoteSpeaker]],
             keep_unattributed: bool) -> tuple[list[SourceRec], dict[int, str]]:
    r, quote_speakers = reading
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
            elif ent is not None and ent.kind == "organization":
                rec.description = ent.description
        return rec

    # First pass: names; role references may point forward ("their lawyer" ... "Rinchino").
    for i, a in enumerate(attributions):
        speaker = re.sub(r"^the\s+(?=[A-Z])", "", a.speaker)  # "according to the X Region"
        first = speaker.split()[0].lower() if speaker.split() else ""
        # Compare whole first words: "Heyward" starts with "he" but is no pronoun.
        if speaker[:1].isupper() and first not in _NOT_NAMES:
            around = spk_rules.body_around(text, entities, a.speaker, a.speaker_span)
            if around is not None:
                speaker = around.name  # "the Department for Work and Pensions said"
            else:
                clean = spk_rules._name_in(r, speaker, a.speaker_span[0])
                if clean is None:
                    continue  # a place, a month, caption debris: nobody speaks
                speaker = clean
            ent = _find_entity(speaker, entities)
            if ent is None and speaker.split()[0] in ("The",):
                ent = _find_entity(speaker[4:], entities)
            if ent is not None and ent.kind == "person":
                who[i] = get(ent.name, "named", ent).name
            elif ent is not None or speaker.split()[-1].lower() in ORG_HEADS | _MEDIA:
                name = ent.name if ent else re.sub(r"^The\s+", "", speaker)
                words = {w.lower() for w in name.split()}
                reports_news = a.verb == "reported" and not spk_rules.reports_results(
                    text, a.marker_span[1])
                kind = "media" if words & _MEDIA or reports_news else "official"
                if ent is not None and is_advocacy(ent.description):
                    kind = "named"  # a campaign group speaks for its cause, not officially
                who[i] = get(name, kind, ent).name
            elif len(speaker.split()) <= 3 and all(w[:1].isupper() for w in speaker.split()) \
                    and not (" " not in speaker and is_demonym(speaker)):
                # A proper name the entity pass missed ("Jones said"): a named voice, not an
                # unnamed one.
                who[i] = get(speaker, "named").name
    last_org: str | None = None
    # Relayed voices last, so that the voice relaying them is already resolved.
    order = sorted(range(len(attributions)), key=lambda k: attributions[k].outer is not None)
    for i in order:
        a = attributions[i]
        low = a.speaker.lower()
        if i in who:
            rec = by_name[who[i]]
        elif low in ("he", "she"):
            person = spk_rules.antecedent(r, a.speaker_span[0], "m" if low == "he" else "f")
            if person is None or person.name is None:
                continue
            rec = by_name.get(person.name) or get(person.name, person.kind, person.entity)
        elif low == "it":
            if last_org is None:
                continue
            rec = by_name[last_org]
        elif low in ("they", "we"):
            continue
        else:
            last = a.speaker.split()[-1] if a.speaker.split() else ""
            if len(last) < 3 or last[:1].isupper() or _not_a_voice(a.speaker):
                continue  # "e", "are He", "the accident": debris, not a description of anyone
            name, kind, ent = _resolve_np(a, text, named, entities)
            rec = by_name.get(name) or SourceRec(name, kind, entity=ent)  # kept if it speaks
            if ent is None and kind == "official" and is_advocacy(name):
                rec.description = name  # "the opposition party" is its own description
        if a.outer is not None and a.outer in who and who[a.outer] != rec.name:
            outer = who[a.outer]
            rec = get(f"{rec.name} (according to {outer})", rec.kind)
            rec.relayed_by = outer
        elif rec.name not in by_name:
            if rec.entity is not None:
                rec = get(rec.name, rec.kind, rec.entity)
            else:
                by_name[rec.name] = rec
        who[i] = rec.name
        if rec.kind in ("official", "media"):
            last_org = rec.name
        rec.evidence.append(a.speaker_span)
        if a.speaker not in rec.called:
            rec.called.append(a.speaker)
        rec.sentences.add(a.sentence)
    # Quotations: to the speaker their own frame names, or the voice they continue.
    for qs in quote_speakers:
        sp = qs.speaker
        if sp is None or sp.name is None:
            if not keep_unattributed:
                continue
            rec = by_name.get(UNATTRIBUTED) or by_name.setdefault(
                UNATTRIBUTED, SourceRec(UNATTRIBUTED, "anonymous"))
            rec.quotes.append(qs.quote)
            rec.evidence.append(qs.quote)
            continue
        rec = by_name.get(sp.name) or next(
            (x for x in by_name.values() if x.kind == "named" and sp.kind == "named"
             and spk_rules.same_person(x.name, sp.name) and " " in x.name), None) or get(
            sp.name, sp.kind, sp.entity)
        if sp.relayed_by and rec.relayed_by is None and not rec.quotes:
            rec.relayed_by = sp.relayed_by
        if qs.quote not in rec.quotes:
            rec.quotes.append(qs.quote)
        if sp.span not in rec.evidence:
            rec.evidence.append(sp.span)
        if sp.phrase not in rec.called:
            rec.called.append(sp.phrase)
        s_idx = next((s.index for s in r.sentences if s.start <= qs.quote[0] < s.end), None)
        if s_idx is not None:
            rec.sentences.add(s_idx)
    for rec in by_name.values():
        rec.evidence.sort()
        rec.quotes.sort()
    return list(by_name.values()), who


_NOT_VOICE_HEADS = frozenset(words("""are is was were be been being new accident disaster crash
collision derailment probe investigation inquiry move silence day tram train bus car
incident attack blast explosion"""))
_ARTICLES = frozenset(words("the a an one his her their its our this that another some"))


def _not_a_voice(phrase: str) -> bool:
    """"the accident", "Cops are", "two minute silence to mark Armistice Day Philip": no one
    speaks through an event, a thing, a verb, or a caption that runs into a name."""
    words = phrase.split()
    if not words or spk_rules.is_share(phrase):
        return True  # "Fifty-one percent say": a poll's share, no one's voice
    if words[-1].lower() in _NOT_VOICE_HEADS:
        return True
    first = words[0].lower()
    return first not in _ARTICLES and words[0][:1].islower() and any(
        w[:1].isupper() for w in words[1:])


_PP = re.compile(r"\s+(?:at|from|in|with|on|inside|outside|near)\s+the\s+[a-z][\w\-]*$")


def _resolve_np(a: Attribution, text: str, named: list[SourceRec], entities: list[Entity]
                ) -> tuple[str, str, Entity | None]:
    """(name, kind, entity) for a noun-phrase speaker: "the lawyer", "a worker at the site"."""
    speaker = a.speaker
    low = speaker.lower()
    core = _PP.sub("", low)  # "a worker at the site": the worker speaks, not the site
    head = core.split()[-1]
    if low.startswith(_DEFINITE):
        rest = core.split(" ", 1)[1]
        org = _org_called(rest, a.speaker_span[0], entities)
        if org is None:
            org = next((e.name for e in entities if e.kind == "organization"
                        and e.name.lower().split()[-1] == head), None)
        if org is not None:  # "the foundation" -> "Free Buryatia Foundation"
            return org, "official", next(e for e in entities if e.name == org)
        if head in ROLE_WORDS or head.endswith(("er", "or", "ist", "man", "woman")):
            matches = [r for r in named if r.entity and r.entity.role and head in r.entity.role]
            if len(matches) == 1:
                return matches[0].name, "named", matches[0].entity
            if len(named) == 1:  # the only named voice: unambiguous
                return named[0].name, "named", named[0].entity
    sentence_end = text.find(".", a.speaker_span[1])
    after = text[a.speaker_span[1] : sentence_end if sentence_end != -1 else None]
    kind = "anonymous"
    if _ANONYMOUS.search(after[:160]):
        kind = "anonymous"  # "who asked not to be named": whatever the noun
    elif head in OFFICIAL_HEADS:
        kind = "official"
    elif head in DOCUMENT_HEADS:
        kind = "document"
    # The article's own words, a sentence-initial determiner in lower case.
    if head in ADVOCACY_HEADS:
        kind = "official"  # "the union", "the opposition party": a body speaking for its side
    name = speaker[0].lower() + speaker[1:] if low.split()[0] in _DETERMINER_WORDS else speaker
    return name, kind, None


_NOT_NAMES = frozenset(("the", "he", "she", "it", "they", "we", "a", "an", "one", "another",
                        "i", "you", "this", "that", "these", "those", "some", "many", "most"))
_DETERMINER_WORDS = frozenset(("the", "a", "an", "one", "another", "their", "his", "her", "its"))
