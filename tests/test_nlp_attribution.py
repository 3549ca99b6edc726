"""Quotes, speakers and hedges."""

from __future__ import annotations

from briefing.nlp.attribution import find_attributions, find_hedges, find_quotes
from briefing.nlp.sentences import split_sentences

TEXT = ("“Nobody understands the law,” he said.\n\n"
        "According to Rinchino, the group left. As the lawyer said, they waited.\n\n"
        "Today, one of them asked why,” Rinchino explained.\n\n"
        "The soldiers were reportedly sent back, which could not be verified.")


def test_quotes_including_unopened_paragraph() -> None:
    quotes = [TEXT[a:b] for a, b in find_quotes(TEXT)]
    assert "Nobody understands the law," in quotes
    assert "Today, one of them asked why," in quotes


def test_speakers() -> None:
    sents = split_sentences(TEXT)
    atts = find_attributions(TEXT, sents, find_quotes(TEXT))
    got = [(a.speaker, a.verb) for a in atts]
    assert got == [("he", "said"), ("Rinchino", "according to"), ("the lawyer", "said"),
                   ("Rinchino", "explained")]
    for a in atts:
        assert TEXT[a.speaker_span[0] : a.speaker_span[1]] == a.speaker
    assert atts[0].quotes and atts[3].quotes


def test_hedges() -> None:
    last = split_sentences(TEXT)[-1]
    assert [h[0] for h in find_hedges(last)] == ["reportedly", "could not be verified"]


def test_noun_phrase_speakers_and_relayed_voices() -> None:
    text = ("A worker at the site, who asked not to be named, said the roof caught fire. "
            "The company did not say which chemicals were stored. Police said it was out. "
            "As the lawyer said, one of the soldiers stated that they left.")
    atts = find_attributions(text, split_sentences(text), find_quotes(text))
    assert [(a.speaker, a.verb) for a in atts] == [
        ("A worker at the site", "said"), ("Police", "said"), ("the lawyer", "said"),
        ("one of the soldiers", "stated")]
    assert atts[3].outer == 2 and atts[2].outer is None


def test_surname_speakers_are_named_not_pronouns_or_unnamed():
    from datetime import datetime, timezone

    from briefing.clean.article import clean_text
    from briefing.engines.extractive import ExtractiveEngine

    text = ("Team captain Cam Heyward spoke after the defeat on Sunday.\n\n"
            '"We lost that game," Heyward said after the match in Pittsburgh. '
            '"We have to be better next week," Jones said, adding that the team would '
            "review the film. The coach declined to comment on the fight.")
    b = ExtractiveEngine().extract(clean_text(text), now=datetime(2026, 1, 1,
                                                                 tzinfo=timezone.utc))
    kinds = {s.name: s.kind for s in b.sources}
    assert kinds.get("Cam Heyward") == "named"  # "Heyward" is no "he"
    assert kinds.get("Jones") == "named"
    assert not any("unnamed" in r for r in b.uncertainty.reasons)


def test_quote_marks_straight_curly_single_and_open_paragraphs() -> None:
    from briefing.nlp.attribution import find_quote_spans

    text = ('She said: "The pumps failed first. "Then the generator flooded." '
            "'It was the worst storm,' said Owen Tarrant. The drivers' union met at Bob's "
            "house.\n\n“A curly quotation here,” he said.")
    spans = find_quote_spans(text)
    got = [(text[q.start : q.end], q.closed, q.single) for q in spans]
    assert ("The pumps failed first.", False, False) in got  # runs on: opened again
    assert ("Then the generator flooded.", True, False) in got
    assert ("It was the worst storm,", True, True) in got
    assert ("A curly quotation here,", True, False) in got
    assert not any("union" in g[0] or "house" in g[0] for g in got)  # apostrophes


def test_a_speaker_phrase_never_swallows_a_reporting_verb_or_an_article() -> None:
    from briefing.nlp.attribution import find_attributions, find_quotes
    from briefing.nlp.sentences import split_sentences

    text = "A refugee inside the camp said the claim is untrue."
    atts = find_attributions(text, split_sentences(text), find_quotes(text))
    assert [(a.speaker, a.verb) for a in atts] == [("A refugee inside the camp", "said")]


def test_inch_marks_after_a_number_are_no_quotation_marks() -> None:
    from briefing.nlp.attribution import find_quotes

    text = ('Dell Alienware AW3418DW 34" 3440x1440 Curved Monitor, now $649. Specs include a '
            '34" 3440x1440 curved screen. "It is the best monitor we tested," he said.')
    assert [text[a:b] for a, b in find_quotes(text)] == ["It is the best monitor we tested,"]


def test_counted_voices_are_speakers() -> None:
    from briefing.nlp.attribution import find_attributions, find_quotes
    from briefing.nlp.sentences import split_sentences

    text = ("The company plans a sale, according to two people familiar with the matter. "
            "Several officials said the plan was dead.")
    atts = find_attributions(text, split_sentences(text), find_quotes(text))
    assert [a.speaker for a in atts] == ["two people familiar with the matter",
                                        "Several officials"]
