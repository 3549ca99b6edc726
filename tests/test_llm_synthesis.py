"""A daily story synthesised by Qwen2.5-Coder-1.5B-Instruct, replayed from a cassette (issue
15, item 5): one request per story of two or more articles, every sentence backed by spans of
the story's own articles, and the brief's notes count the requests."""

from __future__ import annotations

import pytest
from llm_fixtures import *  # noqa: F403  (vcr_config, cassette dir, played check)
from llm_fixtures import MODEL, llm_engine
from test_daily import NOW, sample

from briefing.api import daily_brief
from briefing.render import render_daily


@pytest.mark.vcr
def test_a_story_of_several_articles_gets_a_synthesis_backed_by_their_spans():
    briefings, ids = sample()
    run = daily_brief([], briefed=list(zip(ids, briefings, strict=True)), engine=llm_engine(),
                      date="2026-11-24", now=NOW)
    texts = dict(zip(ids, (b.article.text for b in briefings), strict=True))
    several = [s for s in run.brief.stories if len(s.articles) >= 2]
    assert several and all(s.synthesis is None for s in run.brief.stories
                           if len(s.articles) < 2)
    synthesis = several[0].synthesis
    assert synthesis is not None and synthesis.model == f"openai-compatible/{MODEL}"
    assert 1 <= len(synthesis.sentences) <= 3
    story_ids = {a.id for a in several[0].articles}
    for sentence in synthesis.sentences:
        for span in sentence.evidence:
            assert span.article in story_ids
            assert texts[span.article][span.start:span.end] == span.quote
    assert any("synthesised by" in n and "1 request(s)" in n for n in run.brief.notes)
    # Told what the articles disagree on, the model states it; the sentence that states it
    # whole is backed by the conflict's own sentences, and its wrong twin ("Both sources
    # report 12 injured people") is dropped.
    stated = [x for x in synthesis.sentences if "12" in x.text and "20" in x.text]
    assert stated and not any(x.text.startswith("Both sources") for x in synthesis.sentences)
    assert {texts[e.article][e.start:e.end] for e in stated[0].evidence} >= {
        "Dresden hospitals treated 20 people who were injured in Tuesday's collapse of the "
        "Elbe bridge, a hospital spokesman said, a higher count than the fire service gave "
        "earlier."}
    assert synthesis.title in render_daily(run.brief, "md")


def test_without_a_model_no_story_is_synthesised():
    briefings, ids = sample()
    run = daily_brief([], briefed=list(zip(ids, briefings, strict=True)), date="2026-11-24",
                      now=NOW)
    assert all(s.synthesis is None for s in run.brief.stories)
    assert not any("synthesised" in n for n in run.brief.notes)
