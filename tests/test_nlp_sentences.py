"""Sentence splitting keeps offsets and ignores abbreviations."""

from __future__ import annotations

from briefing.nlp.sentences import is_furniture, split_sentences


def test_offsets_are_verbatim() -> None:
    text = "Mr. Smith went to Washington. He met Gov. Jones at 6 p.m. on Friday.\n\nNext line here."
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Mr. Smith went to Washington.",
        "He met Gov. Jones at 6 p.m. on Friday.",
        "Next line here.",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text
    assert [s.paragraph for s in sents] == [0, 0, 1]


def test_initials_and_acronyms_do_not_split() -> None:
    sents = split_sentences("James B. Comey wrote to the F.B.I. Director. Then he left.")
    assert len(sents) == 2


def test_quote_closing_ends_sentence() -> None:
    sents = split_sentences('"It was loud." She ran.')
    assert [s.text for s in sents] == ['"It was loud."', "She ran."]


def test_boilerplate() -> None:
    text = "Big fire in town\n\nBig fire in town - The Daily Site\n\nDownload our app for iPhone."
    sents = split_sentences(text)
    assert not is_furniture(sents[0], "Big fire in town")
    assert is_furniture(sents[1], "Big fire in town")
    assert is_furniture(sents[2], "Big fire in town")
