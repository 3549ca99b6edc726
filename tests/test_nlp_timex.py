"""Time expressions and their resolution against the publication date."""

from __future__ import annotations

from datetime import date

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
