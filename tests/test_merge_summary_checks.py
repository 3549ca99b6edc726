"""The model's summary, sentence by sentence: attributions kept, bounds kept, no pasted posts."""

from __future__ import annotations

import pytest
from conftest import NOW

from briefing.clean import clean_text
from briefing.engines.answer import BriefingAnswer
from briefing.engines.extractive import ExtractiveEngine
from briefing.engines.merge import to_briefing
from briefing.ground import ground_briefing
from briefing.schema import Briefing, Provenance

ARTICLE = """Crane collapses at Portmere harbour

A crane collapsed at the container harbour in Portmere on Tuesday, injuring more than 30 \
dockers and halting work on the north quay. The harbour authority said the crane had been \
inspected in March and passed every test. Dockers' union leader Alma Vetrano described the \
collapse as the worst accident she had seen in forty years on the waterfront. At least four \
cargo ships were diverted to the port of Eastbay on Wednesday. The crane's arm was allegedly \
overloaded by a subcontractor working through the night. The north quay will stay closed for \
nine days while engineers examine its foundations, the harbour authority said.

Crane down at the docks. Stay safe everyone on the night shift #Portmere \
pic.twitter.com/x7Qa9 -- Jo Lim (@jolim_docks) May 2, 2023

Ships queued outside the breakwater through the afternoon.
"""


def _brief(summary: str) -> tuple[Briefing, Briefing]:
    article = clean_text(ARTICLE)
    offline = ExtractiveEngine().extract(article, now=NOW)
    answer = BriefingAnswer.model_validate({"summary": summary})
    b = ground_briefing(to_briefing(article, answer, offline,
                                    Provenance(engine="llm", created_at=NOW.isoformat())))
    return b, offline


def _notes(b: Briefing) -> str:
    return " ".join(b.provenance.notes)


@pytest.mark.parametrize("sentence", [
    "A crane collapsed at the container harbour in Portmere on Tuesday.",
    "Union leader Alma Vetrano described the collapse as the worst accident in forty years.",
    "Vetrano called it the worst accident she had seen in forty years on the waterfront.",
    "The harbour authority said the crane had been inspected in March.",
    "The crane had been inspected in March, officials said.",
    "At least 4 cargo ships were diverted to the port of Eastbay.",
    "The north quay will stay closed for nine days while engineers examine its foundations.",
    "The crane's arm was allegedly overloaded by a subcontractor.",
])
def test_a_summary_sentence_that_is_attributed_or_the_articles_own_statement_is_kept(sentence):
    b, _ = _brief(sentence)
    assert b.summary == sentence
    assert "summary dropped" not in _notes(b)


def test_a_claim_a_speaker_frames_stated_as_fact_is_dropped():
    kept = "A crane collapsed at the container harbour in Portmere on Tuesday."
    b, _ = _brief(kept + " The crane had been inspected in March and passed every test.")
    assert b.summary == kept
    assert "1 sentence(s) of the model's summary dropped: they state as fact what the " \
        "article attributes" in _notes(b)


def test_an_opinion_whose_holder_is_dropped_is_dropped():
    kept = "A crane collapsed at the container harbour in Portmere on Tuesday."
    b, _ = _brief(kept + " The collapse was the worst accident in forty years on the "
                  "waterfront.")
    assert b.summary == kept


def test_a_hedged_claim_stated_as_fact_is_dropped():
    kept = "A crane collapsed at the container harbour in Portmere on Tuesday."
    b, _ = _brief(kept + " The crane's arm was overloaded by a subcontractor working at night.")
    assert b.summary == kept


def test_a_fact_the_article_tags_with_its_source_at_the_end_is_kept():
    # "..., the harbour authority said." cites a source for a fact; it does not frame a claim.
    summary = "The north quay will stay closed for nine days while engineers examine it."
    b, _ = _brief(summary)
    assert b.summary == summary


@pytest.mark.parametrize("furniture", [
    "Crowds gathered at the gates #Portmere.", "Crowds gathered at the gates, @jolim_docks wrote.",
    "Crowds gathered at the gates pic.twitter.com/x7Qa9.",
    "Share on Facebook (Opens in new window) and crowds gathered.",
])
def test_a_summary_sentence_with_social_media_text_is_dropped(furniture):
    kept = "A crane collapsed at the container harbour in Portmere on Tuesday."
    b, _ = _brief(f"{kept} {furniture}")
    assert b.summary == kept
    assert "1 sentence(s) of the model's summary dropped: social-media text" in _notes(b)


def test_a_sentence_restated_from_a_post_the_article_embeds_is_dropped():
    kept = "A crane collapsed at the container harbour in Portmere on Tuesday."
    b, _ = _brief(f"{kept} Stay safe everyone on the night shift.")
    assert b.summary == kept


def test_with_every_sentence_dropped_the_offline_summary_is_shown():
    b, offline = _brief("The crane had been inspected in March. Stay safe #Portmere.")
    assert b.summary == offline.summary
    notes = _notes(b)
    assert "1 sentence(s) of the model's summary dropped: they state" in notes
    assert "1 sentence(s) of the model's summary dropped: social-media" in notes
    assert "offline summary is shown instead" in notes


def test_a_count_the_article_gives_only_with_a_bound_is_not_shown_bare():
    b, offline = _brief("A crane collapse in Portmere injured 30 dockers.")
    assert b.summary == offline.summary
    assert "numbers the article does not" in _notes(b)


def test_a_count_with_the_articles_bound_is_kept():
    summary = "A crane collapse in Portmere injured more than 30 dockers."
    b, _ = _brief(summary)
    assert b.summary == summary


def test_a_sentence_opening_with_a_pronoun_after_a_dropped_one_is_dropped_too():
    kept = "A crane collapsed at the container harbour in Portmere on Tuesday."
    b, _ = _brief(kept + " The collapse was the worst accident in forty years on the "
                  "waterfront. She has worked on the waterfront since the seventies.")
    assert b.summary == kept
    assert "open with a pronoun for someone named only in a dropped sentence" in _notes(b)


def test_a_sentence_opening_with_a_pronoun_after_a_kept_one_stays():
    summary = ("Union leader Alma Vetrano described the collapse as the worst accident in "
               "forty years. She called for an inquiry.")
    b, _ = _brief(summary)
    assert b.summary is not None and b.summary.startswith("Union leader Alma Vetrano")
    assert "open with a pronoun" not in _notes(b)
