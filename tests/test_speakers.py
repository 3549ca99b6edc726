"""Who said each quotation: one test per failure class of issue 14, on invented sentences."""

from __future__ import annotations

from datetime import datetime, timezone

from briefing.clean.article import clean_text
from briefing.engines.extractive import ExtractiveEngine
from briefing.nlp.sources import UNATTRIBUTED, reading_of
from briefing.nlp.speakers import check, same_person

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def speakers(text: str, title: str | None = None) -> dict[str, str]:
    """First three words of each quotation -> the name of the source it is listed under."""
    b = ExtractiveEngine().extract(clean_text(text, title=title), now=NOW)
    return {" ".join(q.quote.split()[:3]): s.name for s in b.sources for q in s.quotes}


def test_quote_then_name_said() -> None:
    got = speakers('"The bridge will open in spring," Laura Penrose said on Monday.')
    assert got["The bridge will"] == "Laura Penrose"


def test_name_said_colon_quote() -> None:
    got = speakers('Harbour master Tomas Quill said: "We closed the port at dawn."')
    assert got["We closed the"] == "Tomas Quill"


def test_said_name_appositive() -> None:
    got = speakers('"Nobody expected the flood," said Ana Berrow, a farmer from the valley.')
    assert got["Nobody expected the"] == "Ana Berrow"


def test_pronoun_is_the_nearest_person_of_that_sex_never_a_place() -> None:
    text = ("Mayor Ruth Calloway met Peter Dunmore in Fairhaven on Tuesday. "
            "Mr Dunmore, 54, runs the ferry company. "
            '"We lost three boats in one night," he added. '
            "Ms Calloway visited the quay later. "
            '"The town will rebuild the quay," she said.')
    got = speakers(text)
    assert got["We lost three"] == "Peter Dunmore"
    assert got["The town will"] == "Ruth Calloway"


def test_quotation_over_paragraphs_keeps_its_speaker() -> None:
    text = ('Chief engineer Lucas Varga said: "The pumps failed first.\n\n'
            '"Then the backup generator flooded.\n\n'
            '"By midnight the tunnel was full."\n\n'
            "Crews worked through the night.")
    got = speakers(text)
    assert got["The pumps failed"] == got["Then the backup"] == got["By midnight the"] \
        == "Lucas Varga"


def test_british_single_quotes() -> None:
    text = ("'It was the worst storm I have seen,' said fisherman Owen Tarrant. "
            "'The waves came over the wall.'")
    got = speakers(text)
    assert got["It was the"] == "Owen Tarrant"
    assert got["The waves came"] == "Owen Tarrant"


def test_told_an_outlet_the_outlet_is_not_the_speaker() -> None:
    text = ('Nadia Fenwick, who lives nearby, told the Evening Standard: '
            '"I heard a loud bang and ran outside."')
    got = speakers(text)
    assert got["I heard a"] == "Nadia Fenwick"


def test_said_according_to_a_paper_the_speaker_not_the_paper() -> None:
    text = ('"We were ahead until the last week," Helen Marlow said, according to the '
            "Daily Courier.")
    assert speakers(text)["We were ahead"] == "Helen Marlow"


def test_wire_agency_relays_the_speaker() -> None:
    text = ('Rebel spokesman Omar Haddad said the fighters were sent "to destroy the '
            'bridge and hold the road," Reuters reported.')
    assert speakers(text)["to destroy the"] == "Omar Haddad"


def test_surname_is_the_fitting_full_name() -> None:
    text = ("First lady Jane Harlow met her husband's rival on Friday. "
            "President Harlow said he was pleased with the talks. "
            '"We want a smooth handover," Mr Harlow said.')
    got = speakers(text)
    assert same_person(got["We want a"], "Harlow")
    assert got["We want a"] != "Jane Harlow"


def test_places_months_and_weekdays_never_speak() -> None:
    text = ("A foreign ministry spokesman in Berlin said the staff were safe. "
            '"All our employees are unharmed," he said. '
            'As of October, the airline said: "Demand has recovered."')
    got = speakers(text)
    names = set(got.values())
    assert not names & {"Berlin", "October"}
    assert "spokesman" in got["All our employees"]


def test_caption_and_byline_debris_is_not_a_name() -> None:
    text = ("The team celebrated after the race. Photo Gallery View Photos Invalid Email "
            "Dana Whitcombe hailed the win. "
            '"That was a drive of a lifetime," Whitcombe said.')
    got = speakers(text)
    assert got["That was a"] in ("Dana Whitcombe", "Whitcombe")


def test_unresolved_speaker_is_unattributed_not_guessed() -> None:
    text = ("Arthur Pell opened the meeting. The gutter cleaner from nearby Ashby, who was "
            'hurt, said: "Everyone just went flying across the carriage."')
    got = speakers(text)
    assert got["Everyone just went"] == UNATTRIBUTED


def test_check_supports_contradicts_or_cannot_say() -> None:
    text = ('"The dam is safe," said engineer Mia Lorne. Officials met on Friday. '
            '"We will inspect it weekly," Tom Brace, the county surveyor, said.')
    reading, readings = reading_of(text)
    first = (text.index("The dam"), text.index("The dam") + len("The dam is safe,"))
    second = (text.index("We will"), text.index("We will") + 10)
    assert check(reading, readings, first, "Mia Lorne").status == "supported"
    wrong = check(reading, readings, second, "Mia Lorne")
    assert wrong.status == "contradicted" and wrong.speaker == "Tom Brace"
    assert check(reading, readings, first, "Friday").status == "contradicted"


def test_a_possessor_is_not_the_antecedent_of_he() -> None:
    text = ("Donald Trump met reporters at the White House on Friday. Asked about Barack "
            "Obama's place of birth, he said: \"I will not talk about it again.\"")
    got = speakers(text)
    assert got["I will not"] == "Donald Trump"
