"""Time expressions and their resolution against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.nlp.sentences import split_sentences
from briefing.nlp.timex import find_times, parse_published, resolve

PUBLISHED = date(2022, 7, 5)  # a Tuesday


def times(text: str, published: date | None = PUBLISHED) -> dict[str, str | None]:
    found = find_times(text, split_sentences(text), published)
    for t in found:
        assert text[t.start : t.end] == t.text
    return {t.text: t.date for t in found}


def test_weekdays_and_relative() -> None:
    got = times("On Sunday, troops left. They tried three weeks ago. A week later they were back.")
    assert got == {"On Sunday": "2022-07-03", "three weeks ago": "2022-06-14",
                   "A week later": None}


def test_months_and_dates() -> None:
    got = times("In March, a video surfaced. The vote is on Nov. 10, 2016. It began 3 June.")
    assert got["In March"] == "2022-03"
    assert got["on Nov. 10, 2016"] == "2016-11-10"
    assert got["3 June"] == "2022-06-03"


def test_clock_joins_day() -> None:
    got = times("The blast came at around 11pm local time on Thursday.")
    assert got == {"at around 11pm local time on Thursday": "2022-06-30"}


def test_today_and_unknown_publication() -> None:
    assert times("Today he spoke.") == {"Today": "2022-07-05"}
    assert times("On Sunday he spoke.", None) == {"On Sunday": None}


def test_plain_numbers_are_not_times() -> None:
    assert times("He scored 4.5 points and 300 people came.") == {}


def test_parse_published() -> None:
    assert parse_published("2016-11-09 08:46:26") == date(2016, 11, 9)
    assert parse_published("9 November 2016") == date(2016, 11, 9)
    assert parse_published(None) is None
    assert resolve("last month", "relative", PUBLISHED) == "2022-06"


def test_parts_of_day_keep_word_boundaries() -> None:
    # "afternoon" contains "noon": only the whole word is a clock time.
    got = times("It was under control by early afternoon. Talks ended at noon.")
    assert list(got) == ["by early afternoon", "at noon"]


WEDNESDAY = date(2019, 11, 20)  # a Wednesday


@pytest.mark.parametrize(("sentence", "phrase", "expected"), [
    ("The team will be away to West Ham on Saturday.", "on Saturday", "2019-11-23"),
    ("The team lost to West Ham on Saturday.", "on Saturday", "2019-11-16"),
    ("The minister said on Monday that the plan will go ahead.", "on Monday", "2019-11-18"),
    ("Johnson is campaigning for the Dec. 12 election.", "Dec. 12", "2019-12-12"),
    ("The fire broke out on Jan. 3.", "on Jan. 3", "2019-01-03"),
    ("Sales fell in November 2016, the company said.", "in November 2016", "2016-11"),
    ("A final vote is expected in March.", "in March", "2020-03"),
])
def test_dates_follow_the_tense_and_keep_the_precision_the_text_gives(sentence, phrase,
                                                                       expected):
    found = {t.text: t.date for t in find_times(sentence, split_sentences(sentence), WEDNESDAY)}
    assert found[phrase] == expected


def test_a_capitalised_today_inside_a_sentence_is_a_name_not_a_date():
    text = "She told USA TODAY that the plan was over. Today the council met."
    found = [t.text for t in find_times(text, split_sentences(text), WEDNESDAY)]
    assert found == ["Today"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("A man who was arrested on Monday will appear in court on Friday.",
     {"on Monday": "2024-03-11", "on Friday": "2024-03-15"}),
    ("The strike, which began on March 4, is expected to last a month.",
     {"on March 4": "2024-03-04"}),
    ("Ministers met on Tuesday ahead of the budget.", {"on Tuesday": "2024-03-12"}),
    ("On Saturday the team will play West Ham.", {"On Saturday": "2024-03-16"}),
])
def test_each_time_phrase_takes_the_tense_of_its_own_verb(sentence, expected):
    published = date(2024, 3, 13)  # a Wednesday
    found = {t.text: t.date for t in find_times(sentence, split_sentences(sentence), published)}
    assert found == expected


@pytest.mark.parametrize(("text", "times"), [
    ("The 2020 Audi e-tron Sportback debuted in Los Angeles.", []),
    ("Farming Simulator 2019 is out on Tuesday.", ["on Tuesday"]),
    ("In 2019 Trump said no.", ["In 2019"]),
    ("World Series 2016: Cubs win.", ["2016"]),
    ("He won the 2016 Olympics.", ["2016"]),
    ("Zuccarello scored at 7:14 of the second period.", []),
    ("The fire began at 7:14 on Monday.", ["at 7:14 on Monday"]),
])
def test_years_inside_names_and_game_clocks_are_not_times(text: str, times: list[str]) -> None:
    assert [t.text for t in find_times(text, split_sentences(text), None)] == times
