"""One number parser: digits, words and units, used by the merge rule and the daily brief."""

from __future__ import annotations

import pytest
from conftest import NOW

from briefing.clean import clean_text
from briefing.engines.answer import BriefingAnswer
from briefing.engines.extractive import ExtractiveEngine
from briefing.engines.merge import to_briefing
from briefing.ground import ground_briefing
from briefing.nlp.numbers import (
    Quantity,
    numbers_in,
    parse_number,
    stated_quantities,
    unsupported_numbers,
)
from briefing.schema import Provenance

ARTICLE = """Tram derails in Croydon

Twelve people were taken to hospital after a tram derailed in Croydon on Wednesday morning, \
the London Ambulance Service said. The line will stay closed for three weeks while \
investigators examine the track, Transport for London said. About 1,200 passengers use the \
stop each day. Engineers said the curve had been inspected in the spring and that no fault \
had been found then. Residents said trams often took the bend too fast late at night.
"""


@pytest.mark.parametrize(("raw", "value"), [
    ("12", 12), ("1,200", 1200), ("3.5", 3.5), ("Twelve", 12), ("twenty-five", 25),
    ("a dozen", 12), ("forty", 40), ("nope", None)])
def test_parses_numbers_written_in_digits_or_words(raw, value):
    assert parse_number(raw) == value


def test_numbers_in_text_are_one_set_whatever_the_spelling():
    assert numbers_in("Twelve people, 1,200 passengers and twenty-five trams") == {
        12, 1200, 25}


def test_a_unit_makes_a_different_quantity():
    assert not unsupported_numbers("12 people were hurt", ARTICLE)
    assert not unsupported_numbers("closed for 3 weeks", ARTICLE)
    assert unsupported_numbers("closed for 3 months", ARTICLE) == {(3, "month")}
    assert unsupported_numbers("14 people were hurt", ARTICLE) == {(14, None)}


def test_a_model_summary_saying_12_where_the_article_says_twelve_is_kept():
    article = clean_text(ARTICLE)
    summary = "12 people were taken to hospital after a tram derailed in Croydon."
    answer = BriefingAnswer.model_validate({"summary": summary})
    offline = ExtractiveEngine().extract(article, now=NOW)
    b = ground_briefing(to_briefing(article, answer, offline,
                                    Provenance(engine="llm", created_at=NOW.isoformat())))
    assert b.summary == summary
    assert not any("numbers the article does not" in n for n in b.provenance.notes)


@pytest.mark.parametrize(("free", "article"), [
    ("45-year-old John Smith", "John Smith, 45, said he was leaving."),
    ("A 7-year-old girl", "a girl aged seven was rescued"),
    ("2.4 billion pounds", "The deal is worth £2.4bn."),
    ("3 million euros", "a €3m contract"),
    ("at 10:30", "The fire started at 10.30am."),
])
def test_the_same_quantity_written_differently_is_supported(free, article):
    assert not unsupported_numbers(free, article)


@pytest.mark.parametrize(("text", "bound"), [
    ("at least 14 climbers", "lower"), ("more than 300 flights", "lower"),
    ("upwards of 80 stalls", "lower"), ("in excess of 2,000 tickets", "lower"),
    ("nearly 40 ferries", "upper"), ("fewer than 9 bids", "upper"), ("up to 60 days", "upper"),
    ("as many as 25 hives", "upper"), ("about 1,200 riders", "about"),
    ("an estimated 700 geese", "about"), ("some 45 boats", "about"), ("17 lorries", None)])
def test_a_bound_word_before_a_number_is_part_of_the_quantity(text, bound):
    assert {q.bound for q in stated_quantities(text)} == {bound}


def test_a_bound_before_a_currency_sign_bounds_the_amount():
    assert stated_quantities("a fine of more than £500") == {Quantity(500, None, "lower")}


def test_a_bare_number_is_unsupported_where_the_article_only_bounds_it():
    article = "The flood damaged more than 300 homes in the valley."
    assert unsupported_numbers("The flood damaged 300 homes.", article) == {(300, None)}
    assert not unsupported_numbers("The flood damaged over 300 homes.", article)


def test_a_bound_in_the_other_direction_is_unsupported():
    article = "Fewer than 40 ferries sailed on Sunday."
    assert unsupported_numbers("More than 40 ferries sailed.", article) == {(40, None)}
    assert not unsupported_numbers("Under 40 ferries sailed.", article)


def test_an_approximate_number_is_supported_by_the_same_number_however_bounded():
    assert not unsupported_numbers("about 250 geese", "at least 250 geese landed")
    assert not unsupported_numbers("roughly 250 geese", "250 geese landed")


def test_an_exact_number_is_supported_by_the_same_exact_or_approximate_number():
    assert not unsupported_numbers("250 geese landed", "250 geese landed on the lake")
    assert not unsupported_numbers("250 geese landed", "some 250 geese landed on the lake")
    assert not unsupported_numbers("at least 6 died", "at least six climbers died")


def test_a_utf16_label_on_bytes_that_are_not_utf16_is_not_trusted():
    from briefing.ingest.decode import decode

    text = b"Fire at the port of Rotterdam.\n\n"
    assert decode(text, "x", declared="utf-16") == text.decode()
    page = b'<html><head><meta charset="utf-16"></head><body>Fire at the port</body></html>'
    assert "Fire at the port" in decode(page, "x")
