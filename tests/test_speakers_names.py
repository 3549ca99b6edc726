"""Who said each quotation: acronyms, titles, outlets and participles (issue 14, item 1), on
invented sentences. A wrong speaker is worse than none."""

from __future__ import annotations

from datetime import datetime, timezone

from briefing.clean.article import clean_text
from briefing.engines.extractive import ExtractiveEngine
from briefing.nlp.sources import UNATTRIBUTED

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)


def speakers(text: str, title: str | None = None) -> dict[str, str]:
    """First three words of each quotation -> the name of the source it is listed under."""
    b = ExtractiveEngine().extract(clean_text(text, title=title), now=NOW)
    return {" ".join(q.quote.split()[:3]): s.name for s in b.sources for q in s.quotes}


def test_parenthesised_acronym_is_not_the_speaker_name() -> None:
    text = ('The Marine Accident Investigation Branch (MAIB) said: "The ferry was travelling '
            'faster than permitted."')
    assert speakers(text)["The ferry was"] == "Marine Accident Investigation Branch"


def test_acronym_resolves_to_the_body_named_earlier() -> None:
    text = ("Officers from Northern Coast Police were called to the harbour at dawn. "
            "Divers searched the water for hours. "
            "NCP said the report 'will now form one of our lines of inquiry'.")
    assert speakers(text)["will now form"] == "Northern Coast Police"


def test_reporting_word_after_determiner_is_a_noun() -> None:
    text = ("Lena Ortiz said the claim 'deserves a full inquiry' and called for calm.")
    assert speakers(text)["deserves a full"] == "Lena Ortiz"


def test_next_sentence_frame_with_colon_is_not_the_previous_quotes() -> None:
    text = ('Passenger Kevin Dorr said: "Could another train hit us?" '
            'The Rail Safety Board said: "Initial indications suggest excess speed."')
    got = speakers(text)
    assert got["Could another train"] == "Kevin Dorr"
    assert got["Initial indications suggest"] == "Rail Safety Board"


def test_bare_title_is_the_person_the_article_gives_it_to() -> None:
    text = ("President Alma Ruiz met the mayor on Tuesday. "
            'The President said: "We will rebuild the bridge."')
    assert speakers(text)["We will rebuild"] == "Alma Ruiz"


def test_bare_title_nobody_holds_stays_unattributed() -> None:
    text = ('The meeting ran long. The Chancellor said: "We discussed many things."')
    assert speakers(text)["We discussed many"] == UNATTRIBUTED


def test_titled_surname_that_is_also_a_place_name() -> None:
    text = ("Jonah Kirk opened the new Kirk Tower in Lisbon on Monday. Protesters gathered "
            'outside Kirk Tower. Mr Kirk said he would "very much welcome" a meeting.')
    assert speakers(text)["very much welcome"] == "Jonah Kirk"


def test_participle_opening_a_sentence_is_not_a_name() -> None:
    text = ("Mr Abel Moreau campaigned hard against the plan. "
            'Speaking at a rally this summer, he said: "It is a disaster for the valley."')
    assert speakers(text)["It is a"] == "Abel Moreau"


def test_inverted_outlet_frame_credits_the_next_quotation() -> None:
    text = ("The decision is likely to raise questions, writes the Daily Courier. "
            '"Why did the board act before it had read the report?" '
            "Critics were not convinced.")
    assert speakers(text)["Why did the"] == "Daily Courier"


def test_new_sentence_after_question_is_not_its_frame() -> None:
    text = ('"Why did the board act before it had read the report?" '
            "The Evening Ledger meanwhile says both parties will argue for years.")
    assert speakers(text)["Why did the"] != "Evening Ledger"


def test_fragment_inside_narration_does_not_inherit_the_last_speaker() -> None:
    text = ('Harbour Gazette said the announcement was "stunning". '
            "For the Coast Times, it undercuts the argument that "
            '"the port would be crippled by the inquiry".')
    assert speakers(text)["the port would"] != "Harbour Gazette"


def test_month_word_after_a_given_name_is_a_surname() -> None:
    text = ("Karim Jan, a local shopkeeper, said the blast broke his windows. "
            '"All the glass in my shop broke," he told reporters.')
    assert speakers(text)["All the glass"] == "Karim Jan"


def test_hashtag_does_not_make_a_name_a_common_word() -> None:
    text = ("Fans posted #brightbar photos all week. "
            'Brightbar said it had to change the shape to "keep the product affordable".')
    assert speakers(text)["keep the product"] == "Brightbar"


def test_full_name_and_colon_before_a_quotation() -> None:
    text = ("The row over the library closures grew on Tuesday. "
            'Watch: Dana Whitfield: "The council has failed us." '
            "Dana Whitfield has accused the council of neglect.")
    assert speakers(text)["The council has"] == "Dana Whitfield"


def test_it_after_a_body_the_entity_pass_does_not_know() -> None:
    text = ("Shoppers noticed the gaps last week.\n\n"
            "Brightbar said it had to choose between the shape and the price. "
            'It said in a statement: "Like many other companies, we face higher costs."')
    assert speakers(text, title="Bars shrink")["Like many other"] == "Brightbar"


def test_it_never_reaches_a_person() -> None:
    text = ("Shoppers noticed the gaps last week.\n\n"
            "Shop owner Lena Brightwater said she had to choose between the shape and the "
            'price. It said in a statement: "Like many other companies, we face higher costs."')
    assert "Brightwater" not in speakers(text, title="Bars shrink")["Like many other"]


def test_events_and_caption_debris_are_not_unnamed_sources() -> None:
    from briefing.nlp.sources import _not_a_voice

    assert _not_a_voice("the accident")
    assert _not_a_voice("Cops are")
    assert _not_a_voice("two minute silence to mark Armistice Day Philip")
    assert not _not_a_voice("a law enforcement source")
    assert not _not_a_voice("his cousin")
