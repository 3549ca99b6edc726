"""The offline engine: rules and gazetteers fill the whole briefing from the text alone.

Deterministic (same article and ``now`` give the same briefing), no network, no
model.  Every span is cut from ``article.text`` by offsets, never copied.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import cast

from ..clean.language import language_name
from ..clean.words import UNSPACED
from ..nlp import attribution, entities, injection, places, sources, summary, timex
from ..nlp.mentions import find_mentions, vocabulary
from ..nlp.sentences import Sentence, is_furniture, split_sentences
from ..schema import (
    Article,
    Briefing,
    KeyPoint,
    PlaceKind,
    Provenance,
    Source,
    SourceKind,
    Span,
    Uncertainty,
    What,
    When,
    Where,
    Who,
    WhoKind,
)
from ..uncertainty import ClaimSignal, EventTime, SourceSignal, assess
from .base import Engine

# Who and Where list what passes entities.listed / places.listed, at most this many.
MAX_WHO, MAX_WHERE, MAX_WHEN, MAX_WHAT, MAX_POINTS = 10, 15, 6, 6, 5



def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def unread_reason(language: str) -> str:
    """The reason an article not in English gives for the sections left ``not_extracted``."""
    return (f"The article is in {language}: the offline engine reads English only, so it does "
            "not extract who, where, when or sources here (a model, --model, does); the "
            "summary and key points are the article's opening sentences.")


def _lead_cut(sents: list[Sentence], budget: int) -> list[Sentence]:
    """The first sentences within ``budget`` characters (at least one)."""
    out: list[Sentence] = []
    for s in sents:
        if out and sum(len(x.text) for x in out) + len(s.text) > budget:
            break
        out.append(s)
    return out


def _whole_quotes(text: str, sents: list[Sentence]) -> list[Sentence]:
    """Join neighbouring sentences of a paragraph where a quotation runs across their
    boundary ("„Sicherheit geht vor. Wir öffnen …“"), so that no shown sentence starts or
    ends inside one (quotation marks of any language, as ``find_quote_spans`` reads them)."""
    quotes = [(q.start, q.end) for q in attribution.find_quote_spans(text)]
    out: list[Sentence] = []
    for s in sents:
        prev = out[-1] if out else None
        if (prev is not None and prev.paragraph == s.paragraph
                and any(a < prev.end and s.start < b for a, b in quotes)):
            out[-1] = Sentence(prev.start, s.end, text[prev.start:s.end], prev.index,
                               prev.paragraph)
        else:
            out.append(s)
    return out


def _title_sentence(article: Article, sents: list[Sentence]) -> list[Sentence]:
    """Make the headline line one sentence with index 0 when the text starts with it."""
    if not sents or not article.title:
        return sents
    first = [s for s in sents if s.paragraph == 0]
    line = article.text[first[0].start : first[-1].end]
    if _norm(line) != _norm(article.title):
        return sents
    merged = [Sentence(first[0].start, first[-1].end, line, 0, 0)]
    rest = [Sentence(s.start, s.end, s.text, i + 1, s.paragraph)
            for i, s in enumerate(sents[len(first):])]
    return merged + rest


class ExtractiveEngine(Engine):
    """Fill every briefing field with rules over the article text."""

    name = "extractive"

    def extract(self, article: Article, *, now: datetime) -> Briefing:
        """The briefing for one article; ``now`` only stamps the provenance."""
        if article.language and article.language != "en":
            return self._other_language(article, now)
        text = article.text
        all_sents = _title_sentence(article, split_sentences(text))
        has_title = bool(all_sents) and article.title is not None and (
            _norm(all_sents[0].text) == _norm(article.title))
        title = all_sents[0] if has_title else None
        # Orders to a model inside the article are not news: no field is built from them.
        injected = injection.find_injections(text, all_sents)
        ordered = {i.start for i in injected}
        kept = [s for s in all_sents
                if not is_furniture(s, article.title) and s.start not in ordered]
        body = [s for s in kept if s is not title]
        lead = body[0].index if body else 0
        weight = entities.position_weight

        quote_spans = attribution.find_quote_spans(text)
        quotes = [(q.start, q.end) for q in quote_spans]
        atts = attribution.find_attributions(text, kept, quotes)
        # A name that speaks is an organisation or a person, not a place.
        speakers = {re.sub(r"^(?:the|The)\s+", "", a.speaker) for a in atts}
        vocab = vocabulary(text, kept)
        mentions = find_mentions(text, kept, vocab)
        gaz = places.gazetteer()
        named = entities.cluster_names(text, mentions, gaz)
        people = {e.name for e in named if e.kind == "person"}
        people |= {e.name.split()[-1] for e in named if e.kind == "person" and " " in e.name}
        found_places = places.find_places(text, kept, mentions, people, speakers)
        place_names = {p.name for p in found_places} | {
            w for p in found_places for w in [p.name.split()[0]]}
        named = [e for e in named
                 if e.name not in place_names and _norm(e.name)
                 # "Croydon" alone is the place; "President Obama" is a person (Obama, Japan).
                 and (e.name not in gaz or (e.kind == "person" and e.role_span))]
        entities.find_roles(text, named)
        roles = [e.role_span for e in named if e.role_span]
        # "a spokeswoman for ..." describing a named person is not a second actor.
        groups = [g for g in entities.find_groups(text, kept)
                  if not any(a <= g.mentions[0][0] < b for a, b in roles)]
        by_index = {s.index: s for s in all_sents}
        actors = entities.rank(named + groups, lead, by_index)

        published = timex.parse_published(article.published)
        times = timex.find_times(text, kept, published)
        in_quote = lambda pos: any(a <= pos < b for a, b in quotes)  # noqa: E731
        times = timex.rank(times, lead, weight, in_quote, published)
        ranked_places = places.rank(found_places, lead, weight)

        paragraph_of = {}
        for s in kept:
            for pos in range(s.start, s.end + 1):
                paragraph_of[pos] = s.paragraph
        # Speakers come from each quotation's own sentence (nlp/speakers.py, the same rules
        # that check a model's speakers); places never speak.
        recs, who_of = sources.resolve_sources(
            text, atts, named, quotes, paragraph_of, sentences=kept,
            places=place_names,
            quote_spans=quote_spans)
        rec_by_name = {r.name: r for r in recs}
        # News outlets credited for a report are sources, not actors in the story.
        media = {r.name for r in recs if r.kind == "media"}
        # "the lawyer" resolved to a named source is that person, not another actor.
        resolved = {c.lower().split()[-1] for r in recs if r.kind == "named" for c in r.called
                    if not c[:1].isupper()}
        actors = [e for e in actors if e.name not in media
                  and not (e.kind != "group" and e.name.lower() in resolved)]
        sentence_source: dict[int, tuple[str, str]] = {}
        # A relayed voice ("As the lawyer said, one of the soldiers stated") is the claim's
        # closest source; its name says who relayed it.
        for i, att in sorted(enumerate(atts), key=lambda ia: ia[1].outer is None):
            if i in who_of:
                sentence_source.setdefault(att.sentence, (who_of[i], att.verb))
        for r in recs:  # a sentence carrying a source's quote is that source's claim
            for q in r.quotes:
                for s in body:
                    if s.start <= q[0] < s.end:
                        sentence_source.setdefault(s.index, (r.name, "said"))

        top = [e for e in actors[:6]]
        ent_weight = {s.index: sum(1.0 for e in top if s.index in e.sentences) for s in body}
        quoted_share = {
            s.index: sum(max(0, min(b, s.end) - max(a, s.start)) for a, b in quotes)
            / max(1, s.end - s.start)
            for s in body
        }
        candidates = [s.index for s in body if summary.has_verb(s.text)]
        scores = summary.score_sentences(all_sents, candidates, title, ent_weight, quoted_share)
        chosen = summary.pick_summary(scores)
        headline = article.title if article.title and not injection.is_injection(
            article.title) else (body[0].text if body else text[:200])
        summary_text = " ".join(by_index[i].text for i in chosen) or headline

        ranked = sorted(scores, key=lambda i: (-scores[i], i))
        # Key points go beyond the bottom line rather than repeat it; a short article whose
        # every scored sentence is in the summary keeps them as its points.
        beyond = [i for i in ranked if i not in chosen] or ranked
        key_points = []
        for i in beyond[:MAX_POINTS]:
            a, b = summary.event_clause(by_index[i])
            key_points.append(KeyPoint(text=text[a:b], evidence=[Span.at(text, a, b)]))

        what = []
        event_sents = ([title] if title is not None else []) + [by_index[i] for i in ranked]
        in_order = sorted(times, key=lambda t: t.start)
        for s in event_sents[:MAX_WHAT]:
            a, b = summary.event_clause(s) if s is not title else (s.start, s.end)
            t = next((t for t in in_order if t.sentence == s.index), None)
            src = sentence_source.get(s.index)
            what.append(What(description=text[a:b], when=t.text if t else None,
                             attributed_to=src[0] if src else "the article",
                             stance=src[1] if src else None, evidence=[Span.at(text, a, b)]))

        # The nlp modules produce only the schema's kinds; cast() records that for mypy.
        who = [Who(name=e.name, kind=cast(WhoKind, e.kind), role=e.role or e.description,
                   evidence=[Span.at(text, a, b) for a, b in e.mentions[:3]])
               for e in _within_cap(entities.listed(actors, text), MAX_WHO)]
        where = [Where(name=p.name, kind=cast(PlaceKind, p.kind),
                       evidence=[Span.at(text, a, b) for a, b in p.mentions[:3]])
                 for p in places.listed(ranked_places, lead)[:MAX_WHERE]]
        when, seen = [], set()
        for t in times:
            if _norm(t.text) in seen:
                continue
            seen.add(_norm(t.text))
            when.append(When(text=t.text, date=t.date, evidence=[Span.at(text, t.start, t.end)]))
            if len(when) == MAX_WHEN:
                break

        source_models = [
            Source(name=r.name, kind=cast(SourceKind, r.kind), affiliation=r.affiliation,
                   quotes=[Span.at(text, a, b) for a, b in r.quotes],
                   evidence=[Span.at(text, a, b) for a, b in r.evidence])
            for r in sorted((r for r in recs if r.evidence),
                            key=lambda r: (-len(r.sentences), r.evidence[0][0]))
        ]
        # attributed_to always names an entry of sources[] or "the article".
        listed = {m.name for m in source_models}
        for w in what:
            if w.attributed_to not in listed:
                w.attributed_to, w.stance = "the article", None
        claims = []
        for s in body:
            speaker = sentence_source[s.index][0] if s.index in sentence_source else None
            claims.append(ClaimSignal(s, speaker if speaker in listed else None,
                                      attribution.find_hedges(s)))
        descriptions = {e.name: e.description for e in named if e.description}
        signals = [SourceSignal(r.name, r.kind, r.affiliation,
                                r.entity.role if r.entity else None, r.called,
                                r.description or descriptions.get(r.affiliation or ""),
                                r.relayed_by, len(r.quotes))
                   for r in rec_by_name.values() if r.name in listed]
        lead_sents = {s.index for s in ([title] if title else []) + body[:1]}
        # The main event's time: the lead's (dated first); else the article's best-ranked
        # full date, else its best time phrase. "Does not say when" only when nothing is.
        main = (next((t for t in in_order if t.sentence in lead_sents and t.date), None)
                or next((t for t in in_order if t.sentence in lead_sents), None)
                or next((t for t in times if t.date and len(t.date) == 10), None)
                or next(iter(times), None))
        event = EventTime(main.text if main else None, main.date if main else None,
                          published is not None)
        uncertainty = assess(text, title, claims, signals, event)
        if injected:
            uncertainty.reasons.insert(0, injection.reason(injected))

        return Briefing(
            headline=headline,
            summary=summary_text,
            key_points=key_points,
            who=who,
            what=what,
            where=where,
            when=when,
            sources=source_models,
            uncertainty=uncertainty,
            article=article,
            provenance=Provenance(engine=self.name, model=None, prompt_version=None,
                                  created_at=timex.as_datetime(now), usage=None),
        )

    def _other_language(self, article: Article, now: datetime) -> Briefing:
        """A briefing for an article not in English: the rules that find people, places,
        time phrases and speakers are English, so those sections are left out and marked
        ``not_extracted`` (never shown as "nobody"); the summary and key points are the
        article's opening sentences, in order, and say so."""
        text = article.text
        sents = _title_sentence(article, split_sentences(text))
        injected = injection.find_injections(text, sents)
        # Quotations joined first, then whole units dropped: a unit that holds an order to a
        # model or page furniture goes entirely, never back in through a joined quotation.
        units = _whole_quotes(text, sents)
        kept = [u for u in units if not any(u.start <= i.start < u.end for i in injected)
                and not is_furniture(u, article.title)]
        title = kept[0] if kept and article.title and _norm(kept[0].text) == _norm(
            article.title) else None
        body = [u for u in kept if u is not title]
        # A CJK character carries about as much as an English word and a half.
        cjk = len(UNSPACED.findall(text[:2000])) > 200
        budget = 120 if cjk else 360
        lead = _lead_cut(body, budget)
        points = _lead_cut(body[len(lead):], budget * 2)[:MAX_POINTS]
        headline = article.title if article.title and not injection.is_injection(
            article.title) else (body[0].text if body else text[:200])
        language = language_name(article.language or "")
        reasons = [injection.reason(injected)] if injected else []
        reasons.append(unread_reason(language))
        return Briefing(
            headline=headline,
            summary=("" if cjk else " ").join(s.text for s in lead) or headline,
            key_points=[KeyPoint(text=s.text, evidence=[Span.at(text, s.start, s.end)])
                        for s in points],
            what=[What(description=s.text, evidence=[Span.at(text, s.start, s.end)])
                  for s in ([title] if title else []) + lead],
            uncertainty=Uncertainty(confidence="low", single_source=False, reasons=reasons),
            article=article,
            provenance=Provenance(engine=self.name, model=None, prompt_version=None,
                                  created_at=timex.as_datetime(now), usage=None),
            not_extracted=["who", "where", "when", "sources"],
        )


def _within_cap(ranked: list[entities.Entity], cap: int) -> list[entities.Entity]:
    """The first ``cap`` names; when there are more, a bare description past the first three
    ("man", "driver") gives its place to the next name the article gives."""
    out = list(ranked)
    i = len(out) - 1
    while len(out) > cap and i >= 3:
        if " " not in out[i].name and out[i].name.islower() and i < cap:
            del out[i]
        i -= 1
    return out[:cap]
