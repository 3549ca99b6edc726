"""Stories of a daily brief synthesised by the configured model (issue 15, item 5).

Each story of two or more articles gets one request: its latest articles' openings in, a
title and two or three sentences out, every sentence with evidence from the articles, checked
by :func:`briefing.daily.synthesis.ground_synthesis`. Without a model (the offline engine)
nothing is asked and the brief is as before. A story whose request fails keeps its own title
and summary, and the brief's notes say why.
"""

from __future__ import annotations

from .daily.synthesis import ground_synthesis
from .engines.base import Engine
from .schema import Briefing, DailyBrief, Story, Usage


def disputes(story: Story) -> list[str]:
    """What the story's articles disagree on, as the brief shows it, for the model to state."""
    return [f"{c.subject}: " + "; ".join(f"{f.value} ({', '.join(f.reported_by)})"
                                        for f in c.values) for c in story.conflicts]


def synthesize_stories(brief: DailyBrief, briefings: dict[str, Briefing],
                       engine: Engine) -> list[str]:
    """Fill ``story.synthesis`` for every story of two or more articles; the notes to add."""
    from .engines.llm import LLMEngine
    from .engines.synthesis import MAX_ARTICLES, StoryText, ask

    if not isinstance(engine, LLMEngine):
        return []
    notes: list[str] = []
    total, done, dropped = Usage(), 0, 0
    for story in brief.stories:
        members = [(a, briefings[a.id]) for a in story.articles if a.id in briefings]
        if len(members) < 2:
            continue
        members = members[:MAX_ARTICLES]  # latest first, as the model is shown them
        try:
            answer, _ = ask(engine, [StoryText(a.publisher, a.published, b.article.text)
                                     for a, b in members], disputes(story), usage=total)
        except Exception as exc:  # one story's failure is a note, not the end of the brief
            why = (str(exc).strip().splitlines() or [""])[0]
            notes.append(f"story {story.id}: no synthesis ({exc.__class__.__name__}: "
                         f"{engine._redact(why)})")
            continue
        story.synthesis = ground_synthesis(
            answer.title, [(s.text, s.evidence) for s in answer.sentences],
            {a.id: b.article.text for a, b in members}, model=engine.model_id,
            fallback_title=story.title, conflicts=story.conflicts)
        if story.synthesis is None:
            dropped += len(answer.sentences)
            notes.append(f"story {story.id}: the model's synthesis had no sentence backed by "
                         "the articles; none is shown")
        else:
            done += 1
            dropped += story.synthesis.dropped
    if total.requests:
        notes.append(f"{done} stor{'y' if done == 1 else 'ies'} synthesised by "
                     f"{engine.model_id} ({total.requests} request(s), {total.total_tokens:,} "
                     f"tokens); {dropped} sentence(s) dropped by the evidence checks.")
    return notes
