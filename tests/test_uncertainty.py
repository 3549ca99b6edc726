"""The uncertainty rule over hand-made signals."""

from __future__ import annotations

import pytest

from briefing.nlp.sentences import split_sentences
from briefing.uncertainty import ClaimSignal, EventTime, SourceSignal, assess, contradictions

TEXT = ("Several soldiers were arrested\n\n"
        "According to Ivan Petrov, 17 servicemen were jailed. They were reportedly beaten.")


def test_single_interested_source_is_low_confidence() -> None:
    sents = split_sentences(TEXT)
    title, first, second = sents
    claims = [ClaimSignal(first, "Ivan Petrov", [("according to", first.start, first.start + 12)]),
              ClaimSignal(second, None, [("reportedly", second.start + 10, second.start + 20)])]
    sources = [SourceSignal("Ivan Petrov", "named", "Free Army Foundation", "lawyer",
                            ["their lawyer", "Ivan Petrov"])]
    u = assess(TEXT, title, claims, sources)
    assert u.single_source is True
    assert u.confidence == "low"
    assert any("interested party" in r and "Free Army Foundation" in r for r in u.reasons)
    assert "no independent confirmation of the claims" in u.missing
    assert [c.marker for c in u.unverified_claims] == ["according to", "reportedly"]
    for c in u.unverified_claims + u.contradictions:
        for span in c.evidence:
            assert TEXT[span.start : span.end] == span.quote


def test_a_vague_headline_quantity_does_not_contradict_a_body_count() -> None:
    sents = split_sentences(TEXT)  # "Several soldiers" and "17 servicemen" can both be true
    assert contradictions(TEXT, sents[0], sents[1:]) == []


@pytest.mark.parametrize(("text", "found"), [
    ("Seven killed in tram crash. Five people were killed when the tram derailed.", 1),
    ("At least 7 killed in tram crash. Nine people were killed when the tram derailed.", 0),
    ("About 200 workers evacuated. Officials said 210 workers were evacuated.", 0),
    ("Three Croydon victims named. Jane Doe, 62, from Croydon, died at the scene.", 0),
    ("Three injured in 2016 fire. The 2016 fire left 3 people injured.", 0),
    ("Two workers injured at plant. In all, four workers were injured, the company said.", 1),
])
def test_contradictions_only_between_counts_that_cannot_both_be_true(text, found) -> None:
    sents = split_sentences(text)
    assert len(contradictions(text, sents[0], sents[1:])) == found


def test_two_independent_named_sources_is_high() -> None:
    text = "Mayor Ann Lee said the bridge opened. Engineer Bo Chan said it opened on time."
    s1, s2 = split_sentences(text)
    u = assess(text, None, [ClaimSignal(s1, "Ann Lee"), ClaimSignal(s2, "Bo Chan")],
               [SourceSignal("Ann Lee", "named"), SourceSignal("Bo Chan", "named")])
    assert u.single_source is False
    assert u.confidence == "high"
    assert u.missing == []


def test_hedged_repeat_of_headline_number_agrees() -> None:
    text = ("Fire forces evacuation of 200 workers\n\n"
            "About 200 workers left the site. Three workers were treated in hospital.")
    sents = split_sentences(text)
    assert contradictions(text, sents[0], sents[1:]) == []


def test_headline_number_the_body_never_repeats() -> None:
    text = "Five killed in bus crash\n\nSeven people were killed when the bus left the road."
    sents = split_sentences(text)
    found = contradictions(text, sents[0], sents[1:])
    assert [e.quote for e in found[0].evidence] == ["Five killed", "Seven people"]


def test_relayed_voice_belongs_to_the_relaying_camp() -> None:
    text = "Ivan Petrov said they left. As Petrov said, one soldier stated they hid."
    s1, s2 = split_sentences(text)
    relayed = "one soldier (according to Ivan Petrov)"
    u = assess(text, None, [ClaimSignal(s1, "Ivan Petrov"), ClaimSignal(s2, relayed)],
               [SourceSignal("Ivan Petrov", "named"),
                SourceSignal(relayed, "anonymous", relayed_by="Ivan Petrov")])
    assert u.single_source is True
    assert u.reasons[0] == "Every attributed claim traces to one source: Ivan Petrov."


def test_dates_and_open_questions() -> None:
    text = "The plant closed, the union said. The cause of the closure is not yet known."
    s1, s2 = split_sentences(text)
    claims = [ClaimSignal(s1, "the union"), ClaimSignal(s2)]
    union = SourceSignal("the union", "official", description="the union")
    no_date = assess(text, None, claims, [union], EventTime())
    assert "when the main event happened" in no_date.missing
    assert "the cause of the closure (not known)" in no_date.missing
    assert any("interested party" in r for r in no_date.reasons)
    # single source + interested party + no date: three points
    assert no_date.confidence == "low"
    unplaced = assess(text, None, claims, [union], EventTime("on Tuesday", None, False))
    assert "the publication date" in unplaced.missing
    dated = assess(text, None, claims, [union], EventTime("on Tuesday", "2024-02-27", True))
    assert not any("date" in m for m in dated.missing)


def test_article_calling_a_claim_unverified_costs_a_point() -> None:
    text = ("A worker said the fire began on the roof. That account could not be verified. "
            "The mayor said the port would reopen. The hospital said three were treated.")
    s1, s2, s3, s4 = split_sentences(text)
    u = assess(text, None, [ClaimSignal(s1, "a worker"),
                            ClaimSignal(s2, None, [("could not be verified", 0, 0)]),
                            ClaimSignal(s3, "the mayor"), ClaimSignal(s4, "the hospital")],
               [SourceSignal("a worker", "anonymous"), SourceSignal("the mayor", "official"),
                SourceSignal("the hospital", "official")])
    assert u.unverified_claims[0].attributed_to == "a worker"  # "That account" points back
    assert u.confidence == "moderate"
    assert any("could not verify" in r for r in u.reasons)


@pytest.mark.parametrize(("sentence", "hedged"), [
    ("The firm faces compensation claims from 40 families.", False),
    ("The alleged attacker appeared in court on Monday.", False),
    ("He claims that the vote was rigged.", True),
    ("It is alleged that the money was moved abroad.", True),
    ("The fire appears to have started in the kitchen.", True),
    ("The suspect seems to have fled the country.", True),
    ("The minister reportedly resigned.", True),
])
def test_hedges_are_found_by_sense(sentence, hedged):
    from briefing.nlp.attribution import find_hedges

    assert bool(find_hedges(split_sentences(sentence)[0])) is hedged


def test_claims_from_one_source_while_another_voice_is_quoted_is_not_single_sourced() -> None:
    sents = split_sentences(TEXT)
    title, first, _ = sents
    claims = [ClaimSignal(first, "Ivan Petrov", [])]
    alone = [SourceSignal("Ivan Petrov", "named", quoted=0)]
    both = [*alone, SourceSignal("Maria Lopez", "named", quoted=2)]
    assert assess(TEXT, title, claims, alone).single_source is True
    u = assess(TEXT, title, claims, both)
    assert u.single_source is False and not any("one source" in r for r in u.reasons)


def test_a_poll_that_shows_is_a_document_source_not_an_unnamed_one() -> None:
    from datetime import datetime, timezone

    from briefing.engines.extractive import ExtractiveEngine
    from briefing.schema import Article

    text = ("A new ABC News poll shows majority support for the plan. Police found a car near "
            "the border on Monday.")
    b = ExtractiveEngine().extract(Article(title="Poll", text=text),
                                   now=datetime(2024, 5, 1, tzinfo=timezone.utc))
    kinds = {s.name: s.kind for s in b.sources}
    assert kinds.get("a new ABC News poll") == "document"
    assert "Police" not in kinds and "police" not in kinds
    assert not any("unnamed" in r for r in b.uncertainty.reasons)


@pytest.mark.parametrize("reply", [
    "The Pentagon rejected these accusations as patently false.",
    "A spokesman dismissed the report.",
    "The company said the claims are untrue.",
])
def test_a_rejection_is_a_response_from_the_other_side(reply: str) -> None:
    text = f"Leak. Russia reportedly accused the US of blocking the camp. {reply}"
    sents = split_sentences(text)
    title, *body = sents
    claims = [ClaimSignal(s, None, [("reportedly", s.start, s.start + 10)]
                          if "reportedly" in s.text else []) for s in body]
    u = assess(text, title, claims, [])
    assert "no response from the other side" not in u.missing
