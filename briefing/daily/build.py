"""Many briefings -> one daily brief of stories. Pure and deterministic.

Stories come from :mod:`.stories` (near-duplicates folded, events clustered) and their numbers
from :mod:`.facts`. Within a story:

- the articles are listed latest first, and the latest leads: the story's title and summary
  are its (page furniture cut out of the summary; the next article's when nothing is left);
- who and where are the names the most articles carry in their headline or lead, people
  before organisations when as common;
- confidence is low when sources conflict, or when the story rests on one source whose own
  briefing is low-confidence; high with three or more independent sources and no conflict;
  moderate otherwise. Each reason is listed.

Stories are ranked by significance times recency: independent sources (log scale), deaths and
injuries reported, the share of articles quoting officials, and how recent the latest article
is next to the newest of the day (halving every ``HALF_LIFE_DAYS``).

With a previous brief, a story sharing an article with a previous story (or, failing that, much
like it in title, summary and names) keeps that story's id and is ``unchanged`` (the same
articles) or ``updated``, with what changed: new articles, new figures, a revised figure, a new
disagreement. Previous stories with no match today are listed as having no new reports.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from datetime import datetime, timezone

from ..clean.boilerplate import mentions_furniture
from ..nlp.sentences import split_sentences
from ..schema import Briefing, Confidence, DailyBrief, Story, StoryArticle, StoryRef
from .claims import compare_claims
from .facts import Comparison, compare_facts, same_figure
from .stories import (
    DUPLICATE_THRESHOLD,
    STOPWORDS,
    cluster,
    cosine,
    groups,
    jaccard,
    lead_text,
    published_at,
    shingles,
    source_of,
    tfidf,
    tokens,
)

MATCH_PREVIOUS = 0.25
HALF_LIFE_DAYS = 2.0
WHO_LIMIT = 6
WHERE_LIMIT = 4
SUMMARY_CHARS = 600
_MIN_WORDS = 8  # what is left of a sentence once furniture is cut must still say something

# Page furniture glued into a sentence by the extractor (share bars, sign-up boxes, captions).
_FURNITURE = re.compile(
    r"click to share on \w+|\(opens in new window\)|could not subscribe|try again later"
    r"|invalid email|thank you for subscribing!?|\+ subscribe\b|get daily updates\b[^.]*?inbox"
    r"|skip ad|ad loading\.*|\bembed x share\b|image copyright|image caption|media caption"
    r"|getty images|sign up\b|newsletter|read more\b|follow us\b|all rights reserved"
    r"|\badvertisement\b|continue reading(?: the main story)?",
    re.IGNORECASE)
_DEATH = re.compile(r"\b(?:dead|death|deaths|died|dies|killed|killing|killings|fatal|"
                    r"murder(?:ed)?|massacre)\b", re.IGNORECASE)
_INJURY = re.compile(r"\b(?:injured|injuries|injuring|wounded|wounding|hurt)\b", re.IGNORECASE)
_TOKEN = re.compile(r"\w[\w'’.-]*\w|\w")
_AGED = re.compile(r"^[\w-]*-year-old\s+", re.IGNORECASE)
_PARTICLES = frozenset(("de", "da", "di", "du", "del", "der", "van", "von", "bin", "al", "le",
                        "la", "el", "dos", "das", "y", "&"))
_SHOUTED = re.compile(r"^(?:[A-Z]{2,}\s+)+(?=[A-Z][a-z])")  # "GETTY Max Verstappen"


def _confidence(independent: int, conflicts: int,
                own: list[Confidence]) -> tuple[Confidence, list[str]]:
    reasons = [f"{independent} independent source{'s' if independent != 1 else ''}"]
    if conflicts:
        reasons.append(f"sources disagree on {conflicts} reported fact"
                       f"{'s' if conflicts != 1 else ''}")
        return "low", reasons
    if independent == 1:
        reasons.append("a single source")
        return ("low" if own == ["low"] else "moderate"), reasons
    if independent >= 3:
        return "high", reasons
    return "moderate", reasons


def _unfurnished(sentence: str) -> str:
    """The sentence without the page furniture glued to it ("" if nothing readable is left):
    the longer of what comes before the first give-away and after the last."""
    found = list(_FURNITURE.finditer(sentence))
    if not found:
        return "" if mentions_furniture(sentence) and len(sentence.split()) <= 30 \
            else sentence.strip()
    head = sentence[:found[0].start()].strip(" ,;:-–—")
    tail = sentence[found[-1].end():].strip(" ,;:-–—.!")
    best = max((head, tail), key=lambda s: len(s.split()))
    if len(best.split()) < _MIN_WORDS or not best[:1].isupper():
        return ""
    return best if best.endswith((".", "!", "?", '"', "”")) or best is tail else best + "."


def clean_summary(b: Briefing) -> str:
    """The briefing's summary with page furniture removed; its lead when nothing is left."""
    for text in (b.summary, lead_text(b, 3)):
        kept = [s for s in (_unfurnished(x.text) for x in split_sentences(text)) if s]
        summary = ""
        for s in kept:
            if summary and len(summary) + len(s) > SUMMARY_CHARS:
                break
            summary = f"{summary} {s}".strip()
        if len(summary.split()) >= _MIN_WORDS:
            return summary
    return ""


def _name(raw: str) -> str:
    """A who/where name as a reader expects it, or "" when it is not a proper name: furniture,
    shouted credits and ages cut off ("GETTY Max Verstappen", "Five-year-old Zhao Sicong");
    descriptions ("the driver", "At least seven people", "Williams' Felipe Massa of Brazil")
    refused."""
    found = list(_FURNITURE.finditer(raw))
    name = raw[found[-1].end():] if found else raw
    name = _AGED.sub("", _SHOUTED.sub("", name.strip(" .,;:'\"")))
    if (found and len(name.split()) < 2) or name.lower() in STOPWORDS:
        return ""  # "Advertisement Continue", "News": what is left is no name
    if name.isupper() and len(name) > 4:
        name = name.title()
    words = name.split()
    if not words or len(words) > 5 or any(
            not w[:1].isupper() and w.lower() not in _PARTICLES for w in words) \
            or any(w.endswith(("'", "’")) for w in words):
        return ""
    return name


def _names(members: list[Briefing], texts: list[str], what: str, limit: int,
           exclude: frozenset[str] = frozenset()) -> list[str]:
    """The names (who or where) most of the story's articles carry in headline or lead
    (``exclude``: last words taken already, so that a person is not also a place)."""
    kinds: dict[str, str] = {}
    variants: dict[str, Counter[str]] = {}
    for b in members:
        items = [(w.name, w.kind) for w in b.who] if what == "who" else \
            [(p.name, "place") for p in b.where]
        for raw, kind in items:
            name = _name(raw)
            words = name.split()
            if kind == "group" or len(name) < 3 or mentions_furniture(name) or \
                    words[-1].lower() in exclude:
                continue
            key = words[-1].lower()  # "Comey", "James Comey", "James B. Comey": one person
            variants.setdefault(key, Counter())[name] += 1
            if kinds.get(key) != "person":
                kinds[key] = kind
    cased = [set(_TOKEN.findall(t)) for t in texts]
    lower = Counter(w for t in texts for w in _TOKEN.findall(t) if w.islower())
    scored = []
    for key, forms in variants.items():
        word = next(iter(forms)).split()[-1]
        carried = sum(1 for words in cased if word in words)
        common = lower[word.lower()]
        if not carried or common >= carried:
            # Only in a caption or share bar, or a common word ("Police", "Game", "Lap").
            continue
        # The fullest common form: "Felipe Massa" over "Massa".
        form = max(forms.items(), key=lambda f: (f[1] >= max(forms.values()) / 2,
                                                 len(f[0].split()), f[1], f[0]))[0]
        scored.append((-carried, kinds[key] != "person", form))
    scored.sort()
    out: list[str] = []
    for _, _, form in scored:
        if form not in out:
            out.append(form)
    return out[:limit]


def _significance(story: Story, numbers: Comparison, members: list[Briefing],
                  latest: datetime | None, reference: datetime | None) -> float:
    headlines = " ".join(b.headline for b in members)
    harm = 0.0
    if numbers.lows.get("killed", 0) > 0 or _DEATH.search(headlines):
        harm += 1.0
    if numbers.lows.get("injured", 0) > 0 or _INJURY.search(headlines):
        harm += 0.5
    official = sum(any(s.kind == "official" for s in b.sources) for b in members) / len(members)
    size = math.log2(1 + story.independent_sources)
    recency = 1.0
    if latest is not None and reference is not None:
        age = max(0.0, (reference - latest).total_seconds() / 86400)
        recency = 0.5 ** (age / HALF_LIFE_DAYS)
    return size * (1.0 + harm + 0.5 * official) * recency


def _story(members: list[Briefing], ids: list[str], leads: list[str],
           copies: dict[int, list[int]], reference: datetime | None) -> tuple[Story, float]:
    # A near-duplicate speaks with its group's first article: wire copy counts once.
    source = {j: source_of(members[i]) for i, grp in copies.items() for j in grp}
    independent = len({source[i] for i in copies})
    times = [published_at(b) for b in members]
    # Latest first; undated articles last.
    order = sorted(copies, key=lambda i: (-_when(members[i]), ids[i]))
    articles = [StoryArticle(
        id=ids[i], title=members[i].headline, url=members[i].article.url,
        publisher=source[i], published=members[i].article.published,
        confidence=members[i].uncertainty.confidence,
        content_sha256=members[i].article.content_sha256,
        copies=[ids[j] for j in copies[i] if j != i]) for i in order]
    lead = members[order[0]]
    summary = next((s for s in (clean_summary(members[i]) for i in order) if s), lead.summary)
    numbers = compare_facts(members, source, ids)
    numbers.conflicts += compare_claims(members, source, ids)  # outcomes, not numbers
    own = sorted({members[i].uncertainty.confidence for i in copies})
    confidence, reasons = _confidence(independent, len(numbers.conflicts), own)
    if numbers.corroborated:
        reasons.append(f"{len(numbers.corroborated)} reported number"
                       f"{'s' if len(numbers.corroborated) != 1 else ''} corroborated")
    texts = [f"{b.headline}\n{lead}" for b, lead in zip(members, leads, strict=True)]
    who = _names(members, texts, "who", WHO_LIMIT)
    first = min(b.article.content_sha256 for b in members)
    story = Story(
        id=hashlib.sha1(first.encode()).hexdigest()[:10], title=lead.headline,
        summary=summary, articles=articles, independent_sources=independent,
        who=who, where=_names(members, texts, "where", WHERE_LIMIT,
                              frozenset(w.split()[-1].lower() for w in who)),
        corroborated=numbers.corroborated, conflicts=numbers.conflicts,
        progressions=numbers.progressions, figures=numbers.agreed, confidence=confidence,
        reasons=reasons)
    return story, _significance(story, numbers, members, times[order[0]], reference)


def _figures(story: Story) -> dict[str, str]:
    """Each quantity's latest value ("killed" -> "7"); disputed ones as "disputed"."""
    out = {f.subject: f.value for f in story.figures}
    out.update({c.subject: "disputed" for c in story.conflicts})
    return out


def _changes(story: Story, before: Story) -> list[str]:
    old = {a.content_sha256 for a in before.articles}
    added = [a for a in story.articles if a.content_sha256 not in old]
    changes = []
    if added:
        outlets = sorted({a.publisher or "unknown" for a in added})
        changes.append(f"{len(added)} new article{'s' if len(added) != 1 else ''} "
                       f"({', '.join(outlets)})")
    was, now = _figures(before), _figures(story)
    for subject in sorted(now):
        if subject not in was:
            changes.append(f"new figure: {subject} {now[subject]}" if now[subject] != "disputed"
                           else f"sources now disagree on {subject}")
        elif now[subject] != was[subject] and not same_figure(now[subject], was[subject]):
            changes.append(f"{subject} revised: {was[subject]} → {now[subject]}"
                           if "disputed" not in (now[subject], was[subject]) else
                           f"sources now disagree on {subject}" if now[subject] == "disputed"
                           else f"{subject} no longer disputed: {now[subject]}")
    return changes


def _story_vectors(stories: list[Story]) -> list[dict[str, float]]:
    """Unit TF-IDF vectors of title (twice), summary, who and where: what a saved story keeps."""
    return tfidf([Counter(tokens(f"{s.title} {s.title} {s.summary} {' '.join(s.who)} "
                                 f"{' '.join(s.where)}")) for s in stories])


def _match_previous(stories: list[Story], previous: DailyBrief) -> list[StoryRef]:
    """Give matched stories their previous id, status and changes; return the previous
    stories that nothing matched. A story matches the previous story it shares the most
    articles with; failing that, the one whose title, summary and names are the most
    alike (cosine >= ``MATCH_PREVIOUS``, at least one name in common)."""
    owners = {a.content_sha256: s.id for s in previous.stories for a in s.articles}
    by_id = {s.id: s for s in previous.stories}
    vecs = _story_vectors(stories + previous.stories)
    mine = dict(zip((id(s) for s in stories), vecs[:len(stories)], strict=True))
    theirs = dict(zip(by_id, vecs[len(stories):], strict=True))
    taken: set[str] = set()

    def names(s: Story) -> set[str]:
        return set(s.who) | set(s.where)

    for story in stories:  # the most significant first: it keeps the id when two could
        shared = Counter(owners[a.content_sha256] for a in story.articles
                         if owners.get(a.content_sha256, "") in by_id.keys() - taken)
        match = by_id[min(shared, key=lambda k: (-shared[k], k))] if shared else None
        if match is None:
            scored = [(cosine(mine[id(story)], theirs[p.id]), p.id) for p in previous.stories
                      if p.id not in taken and names(story) & names(p)]
            best = max(scored, default=(0.0, ""))
            if best[0] >= MATCH_PREVIOUS:
                match = by_id[best[1]]
        if match is None:
            continue
        taken.add(match.id)
        story.id = match.id
        story.changes = _changes(story, match)
        same = {a.content_sha256 for a in story.articles} == {
            a.content_sha256 for a in match.articles}
        story.status = "unchanged" if same and not story.changes else "updated"
    return [StoryRef(id=p.id, title=p.title, articles=len(p.articles),
                     last_published=max((a.published for a in p.articles if a.published),
                                        default=None))
            for p in previous.stories if p.id not in taken]


def _when(b: Briefing) -> float:
    t = published_at(b)
    return t.timestamp() if t is not None else -math.inf


def _window(briefings: list[Briefing], since: datetime | None,
            until: datetime | None) -> tuple[list[int], list[str]]:
    """Indexes of the articles published in [since, until) (undated ones kept), and notes
    saying what was left out."""
    keep, early, late, undated = [], 0, 0, 0
    for i, b in enumerate(briefings):
        when = published_at(b)
        if when is None:
            undated += since is not None or until is not None
            keep.append(i)
        elif since is not None and when < _aware(since):
            early += 1
        elif until is not None and when >= _aware(until):
            late += 1
        else:
            keep.append(i)
    notes = []
    if early and since is not None:
        notes.append(f"left out {early} article{'s' if early != 1 else ''} published before "
                     f"{_aware(since).isoformat()}")
    if late and until is not None:
        notes.append(f"left out {late} article{'s' if late != 1 else ''} published from "
                     f"{_aware(until).isoformat()} on")
    if undated:
        notes.append(f"kept {undated} article{'s' if undated != 1 else ''} with no publication "
                     "time")
    return keep, notes


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def build_daily(briefings: list[Briefing], ids: list[str], *, date: str, now: datetime,
                previous: DailyBrief | None = None, since: datetime | None = None,
                until: datetime | None = None) -> DailyBrief:
    """Group article briefings into ranked stories with corroboration and conflicts.

    ``since``/``until``: only the articles published in that window (a time without a zone is
    UTC); those outside are left out with a note, those with no publication time kept.
    """
    keep, notes = _window(briefings, since, until)
    order = sorted(keep, key=lambda i: (briefings[i].article.content_sha256, ids[i]))
    briefings = [briefings[i] for i in order]
    ids = [ids[i] for i in order]
    times = [t for t in (published_at(b) for b in briefings) if t is not None]
    reference = max(times, default=None)
    ranked: list[tuple[float, Story]] = []
    leads = [lead_text(b) for b in briefings]
    for members in cluster(briefings, leads):
        sh = [shingles(briefings[g].article.text) for g in members]
        dup_pairs = [(i, j) for i in range(len(members)) for j in range(i + 1, len(members))
                     if jaccard(sh[i], sh[j]) >= DUPLICATE_THRESHOLD]
        copies: dict[int, list[int]] = {}
        for grp in groups(dup_pairs, len(members)):
            # The group speaks through its latest copy, so that the latest article can lead.
            copies[max(grp, key=lambda k: (_when(briefings[members[k]]), -k))] = grp
        story, score = _story([briefings[g] for g in members], [ids[g] for g in members],
                              [leads[g] for g in members], copies, reference)
        ranked.append((score, story))
    ranked.sort(key=lambda x: (-x[0], x[1].title, x[1].id))
    stories = [s for _, s in ranked]
    quiet = _match_previous(stories, previous) if previous is not None else []
    return DailyBrief(date=date, article_count=len(briefings), stories=stories,
                      created_at=now.isoformat(), no_new_reports=quiet, notes=notes,
                      previous_date=previous.date if previous is not None else None)
