"""The uncertainty rule over hand-made signals."""

from __future__ import annotations

from briefing.nlp.sentences import split_sentences
from briefing.uncertainty import ClaimSignal, SourceSignal, assess, contradictions

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


def test_headline_vague_quantity_against_body_count() -> None:
    sents = split_sentences(TEXT)
    found = contradictions(TEXT, sents[0], sents[1:])
    assert len(found) == 1
    assert [e.quote for e in found[0].evidence] == ["Several soldiers", "17 servicemen"]


def test_two_independent_named_sources_is_high() -> None:
    text = "Mayor Ann Lee said the bridge opened. Engineer Bo Chan said it opened on time."
    s1, s2 = split_sentences(text)
    u = assess(text, None, [ClaimSignal(s1, "Ann Lee"), ClaimSignal(s2, "Bo Chan")],
               [SourceSignal("Ann Lee", "named"), SourceSignal("Bo Chan", "named")])
    assert u.single_source is False
    assert u.confidence == "high"
    assert u.missing == []
