"""Many briefings -> one daily brief of stories. Pure and deterministic.

Stories come from :mod:`briefing.stories` (near-duplicates folded, clusters, facts). A story's
confidence: low when its sources conflict, or when it rests on one source whose own briefing
is low-confidence; high with three or more independent sources and no conflict; moderate
otherwise. Each reason is listed. Stories are ranked by independent sources, then articles,
then the latest publication. With a previous brief, a story sharing an article with a previous
story (or, failing that, most of its names and places) keeps that story's id and is marked
``updated`` or ``unchanged``; the others are ``new``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import datetime

from ..schema import Briefing, Confidence, DailyBrief, Story, StoryArticle
from .facts import compare_facts
from .stories import (
    DUPLICATE_THRESHOLD,
    cluster,
    cosine,
    groups,
    jaccard,
    shingles,
    source_of,
    vectors,
)

MATCH_PREVIOUS = 0.5


def _confidence(independent: int, conflicts: int,
                own: list[Confidence]) -> tuple[Confidence, list[str]]:
    reasons = [f"{independent} independent source{'s' if independent != 1 else ''}"]
    if conflicts:
        reasons.append(f"sources disagree on {conflicts} reported number"
                       f"{'s' if conflicts != 1 else ''}")
        return "low", reasons
    if independent == 1:
        reasons.append("a single source")
        return ("low" if own == ["low"] else "moderate"), reasons
    if independent >= 3:
        return "high", reasons
    return "moderate", reasons


def _story(members: list[Briefing], ids: list[str], copies: dict[int, list[int]]) -> Story:
    # A near-duplicate speaks with its group's first article: wire copy counts once.
    source = {j: source_of(members[i]) for i, grp in copies.items() for j in grp}
    independent = len({source[i] for i in copies})
    vecs = vectors(members)
    centre = max(range(len(members)), key=lambda i: (
        sum(cosine(vecs[i], v) for v in vecs), -i))
    lead = members[centre]
    articles = [StoryArticle(
        id=ids[i], title=members[i].headline, url=members[i].article.url,
        publisher=source[i], published=members[i].article.published,
        confidence=members[i].uncertainty.confidence,
        content_sha256=members[i].article.content_sha256,
        copies=[ids[j] for j in copies[i] if j != i]) for i in sorted(copies)]
    corroborated, conflicts = compare_facts(members, source)
    own = sorted({members[i].uncertainty.confidence for i in copies})
    confidence, reasons = _confidence(independent, len(conflicts), own)
    if corroborated:
        reasons.append(f"{len(corroborated)} reported number"
                       f"{'s' if len(corroborated) != 1 else ''} corroborated")
    who = Counter(w.name for b in members for w in b.who[:5])
    where = Counter(p.name for b in members for p in b.where[:4])
    first = min(b.article.content_sha256 for b in members)
    return Story(
        id=hashlib.sha1(first.encode()).hexdigest()[:10], title=lead.headline,
        summary=lead.summary, articles=articles, independent_sources=independent,
        who=[n for n, _ in sorted(who.items(), key=lambda x: (-x[1], x[0]))[:6]],
        where=[n for n, _ in sorted(where.items(), key=lambda x: (-x[1], x[0]))[:4]],
        corroborated=corroborated, conflicts=conflicts, confidence=confidence,
        reasons=reasons)


def _match_previous(stories: list[Story], previous: DailyBrief) -> None:
    owners = {a.content_sha256: s for s in previous.stories for a in s.articles}
    for story in stories:
        match = next((owners[a.content_sha256] for a in story.articles
                      if a.content_sha256 in owners), None)
        if match is None:
            mine = set(story.who) | set(story.where)
            best = max(previous.stories, default=None, key=lambda p: len(
                mine & (set(p.who) | set(p.where))) / (len(mine | set(p.who) | set(p.where))
                                                      or 1))
            if best is not None and mine and len(mine & (set(best.who) | set(best.where))) / \
                    len(mine | set(best.who) | set(best.where)) >= MATCH_PREVIOUS:
                match = best
        if match is None:
            continue
        story.id = match.id
        same = {a.content_sha256 for a in story.articles} == {
            a.content_sha256 for a in match.articles}
        story.status = "unchanged" if same else "updated"


def build_daily(briefings: list[Briefing], ids: list[str], *, date: str, now: datetime,
                previous: DailyBrief | None = None) -> DailyBrief:
    """Group article briefings into ranked stories with corroboration and conflicts."""
    order = sorted(range(len(briefings)), key=lambda i: (briefings[i].article.content_sha256,
                                                         ids[i]))
    briefings = [briefings[i] for i in order]
    ids = [ids[i] for i in order]
    sh = [shingles(b.article.text) for b in briefings]
    dup_pairs = [(i, j) for i in range(len(sh)) for j in range(i + 1, len(sh))
                 if jaccard(sh[i], sh[j]) >= DUPLICATE_THRESHOLD]
    stories = []
    for members in cluster(briefings):
        index = {g: k for k, g in enumerate(members)}
        copies: dict[int, list[int]] = {}
        for grp in groups([(index[i], index[j]) for i, j in dup_pairs
                           if i in index and j in index], len(members)):
            copies[grp[0]] = grp
        stories.append(_story([briefings[g] for g in members], [ids[g] for g in members],
                              copies))
    # Stable sorts, least important key first: title, then latest publication (newest first),
    # then independent sources and articles (most first).
    stories.sort(key=lambda s: s.title)
    stories.sort(key=lambda s: max((a.published or "" for a in s.articles), default=""),
                 reverse=True)
    stories.sort(key=lambda s: (-s.independent_sources, -len(s.articles)))
    if previous is not None:
        _match_previous(stories, previous)
    return DailyBrief(date=date, article_count=len(briefings), stories=stories,
                      created_at=now.isoformat())
