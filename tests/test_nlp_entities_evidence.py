"""Who is a person: evidence from the article for names missing from the name lists, and
names that only look like a person's (titles, products, clubs, towns)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from briefing.engines.extractive import ExtractiveEngine
from briefing.nlp.entities import split_title
from briefing.schema import Article, Briefing

NOW = datetime(2024, 5, 1, tzinfo=timezone.utc)


def brief(text: str) -> Briefing:
    return ExtractiveEngine().extract(Article(title="Report", text=text), now=NOW)


def who(text: str) -> dict[str, str]:
    return {w.name: w.kind for w in brief(text).who}


def test_a_surname_that_speaks_keeps_a_name_missing_from_the_lists_a_person() -> None:
    # Neither "Novak" as a given name nor "Djokovic" as a surname is in the name lists.
    text = ("Novak Djokovic beat Carlos Alcaraz in the final at Wimbledon on Sunday. "
            "\"It was a tough match,\" Djokovic said. Alcaraz said he would come back.")
    b = brief(text)
    assert {w.name: w.kind for w in b.who}.get("Novak Djokovic") == "person"
    quoted = {s.name for s in b.sources if s.quotes}
    assert quoted == {"Novak Djokovic"}  # the surname joins the full name, one source


def test_a_surname_that_speaks_is_no_organisation_split_off_the_name() -> None:
    text = ("Keir Starmer visited Leeds on Monday to open a hospital wing. Starmer said the "
            "government would fund more nurses. Starmer added that the money was budgeted.")
    kinds = who(text)
    assert kinds.get("Keir Starmer") == "person" and "Starmer" not in kinds


@pytest.mark.parametrize("text, thing", [
    ("Samsung unveiled the Galaxy Ring at its event in Seoul. The Galaxy Ring tracks sleep.",
     "Galaxy Ring"),
    ("The film won three awards at the Golden Globes in Los Angeles. Critics praised the "
     "Golden Globes host.", "Golden Globes"),
])
def test_a_thing_named_with_the_article_is_no_person(text: str, thing: str) -> None:
    assert who(text).get(thing) != "person"


def test_a_name_used_as_a_modifier_stays_a_person() -> None:
    text = ("Every tabloid runs the Britney Spears story of the week. Editors say a Britney "
            "Spears story sells, and Britney Spears herself has complained.")
    assert who(text).get("Britney Spears") == "person"


def test_a_body_of_several_words_after_the_is_an_organisation() -> None:
    text = ("The Rail Accident Investigation Branch said the tram was speeding. The Rail "
            "Accident Investigation Branch will publish its report in the spring.")
    assert who(text).get("Rail Accident Investigation Branch") == "organization"


@pytest.mark.parametrize("name", ["Gen Z", "Gov Ball"])
def test_a_short_title_word_before_no_surname_is_no_title(name: str) -> None:
    assert split_title(name) == (None, name)


def test_a_short_title_before_a_surname_is_a_title() -> None:
    assert split_title("Gen. Milley") == ("Gen.", "Milley")
    assert split_title("Gen Smith") == ("Gen", "Smith")
    assert split_title("Sen. Ted Cruz") == ("Sen.", "Ted Cruz")


@pytest.mark.parametrize("name", ["New York Mets", "Bank of America Merrill Lynch"])
def test_a_given_name_inside_a_place_or_company_name_does_not_split_it(name: str) -> None:
    assert split_title(name) == (None, name)


def test_two_initials_and_a_name_are_a_person_not_a_club() -> None:
    text = ("The philosopher AC Grayling said the vote was a mistake. \"It was never "
            "binding,\" Grayling said. AC Milan won 2-0 in Milan on Sunday.")
    b = brief(text)
    kinds = {w.name: w.kind for w in b.who}
    assert kinds.get("AC Grayling") == "person"
    assert kinds.get("AC Milan", "organization") == "organization"
    assert [s.name for s in b.sources if s.quotes] == ["AC Grayling"]


def test_an_occupation_before_a_name_is_its_role() -> None:
    text = ("Musician Lady Gaga, a supporter of the senator, was photographed at the rally. "
            "Lady Gaga said she would vote early.")
    b = brief(text)
    names = [w.name for w in b.who]
    assert "Lady Gaga" in names and "Musician Lady Gaga" not in names


def test_a_town_ending_in_a_month_word_is_a_place() -> None:
    text = ("The storm hit Cape May on Tuesday, flooding streets. Officials in Cape May said "
            "the damage was severe. The mayor of Cape May asked residents to stay home.")
    b = brief(text)
    assert "Cape May" in [w.name for w in b.where]
    assert not any("asked" in w.name for w in b.who)  # a name, a verb, its object: no group


def test_a_body_named_with_for_is_one_name_and_a_second_body_after_and_is_not() -> None:
    text = ("The Chinese Center for Disease Control and Prevention confirmed the cases on "
            "Monday. The Office for National Statistics and Reuters reported the figures.")
    names = [w.name for w in brief(text).who]
    assert "Chinese Center for Disease Control and Prevention" in names
    assert "Office for National Statistics" in names
    assert not any(n.endswith("and Reuters") or n == "Chinese Center" for n in names)


def test_a_describing_word_opening_a_sentence_is_not_part_of_the_name() -> None:
    text = ("Ousted WeWork founder Adam Neumann left the company. Rival Lowe reported "
            "higher sales. Once Trump arrived, the crowd cheered.")
    names = [w.name for w in brief(text).who]
    assert not {"Ousted WeWork", "Rival Lowe", "Once Trump"} & set(names)


def test_a_place_opening_a_sentence_with_an_ordinary_word_keeps_that_word() -> None:
    from briefing.nlp.mentions import find_mentions, vocabulary
    from briefing.nlp.sentences import split_sentences

    text = ("New York, NY – With engagement moving to new platforms, the firm said it would "
            "hire. New Delhi officials said the new plan was ready.")
    sents = split_sentences(text)
    found = [m.text for m in find_mentions(text, sents, vocabulary(text, sents))]
    assert "New York" in found and "New Delhi" in found
    assert "York" not in found and "Delhi" not in found
