"""Outcome claims in a story (found dead, found alive, not there): real conflicts only."""

from datetime import datetime, timezone

import pytest

from briefing.api import brief_article
from briefing.clean.article import clean_text
from briefing.daily.build import build_daily
from briefing.daily.claims import claims_of, compare_claims
from briefing.render import render_daily
from briefing.schema import Article, Briefing, Provenance, Uncertainty


def art(text: str, published: str | None = None, outlet: str = "Outlet") -> Briefing:
    """A briefing around an article: only the text, the time and the outlet matter here."""
    return Briefing(headline="A headline", summary=text,
                    uncertainty=Uncertainty(confidence="moderate", single_source=True),
                    article=Article(text=text, published=published, publisher=outlet,
                                    content_sha256=str(abs(hash((text, published, outlet))))),
                    provenance=Provenance(engine="test", created_at="2026-11-24T09:00:00"))


def compare(*items: Briefing):
    return compare_claims(list(items), {i: b.article.publisher or "" for i, b in
                                        enumerate(items)}, [f"a{i}" for i in range(len(items))])


def outcomes(text: str) -> list[tuple[str, str]]:
    return [(c.value, c.person) for c in claims_of(art(text))]


EMPTY = art("Rescuers have dug for three days to reach a boy who fell down a well. His uncle, "
            "Song Jiandang, said the well turned out to be empty, according to local media.",
            "2026-11-10T13:58:00", "Daily Post")
FOUND_DEAD = art("A boy trapped down an abandoned well has been found dead, after a huge "
                 "four-day rescue operation. The well was 40m deep.",
                 "2026-11-11T03:34:00", "World News")


def test_a_well_said_empty_and_the_boy_found_dead_in_it_is_a_conflict():
    (conflict,) = compare(EMPTY, FOUND_DEAD)
    assert conflict.subject == "fate of the boy"
    empty, dead = conflict.values
    assert (empty.value, dead.value) == ("not in the well", "found dead")
    # The quoted claim keeps its speaker; each value says who reported it and when.
    assert empty.reported_by == ["Daily Post citing his uncle"]
    assert empty.first_reported == "2026-11-10T13:58:00" and empty.articles == ["a0"]
    assert empty.evidence == ["His uncle, Song Jiandang, said the well turned out to be empty, "
                              "according to local media."]
    assert dead.reported_by == ["World News"] and dead.articles == ["a1"]
    assert dead.evidence[0].startswith("A boy trapped down an abandoned well has been found")


def test_the_conflict_holds_when_both_were_published_at_the_same_moment():
    empty = art(EMPTY.article.text, "2026-11-11T10:00:00", "Daily Post")
    dead = art(FOUND_DEAD.article.text, "2026-11-11T10:00:00", "World News")
    assert [c.subject for c in compare(empty, dead)] == ["fate of the boy"]


def test_on_the_same_day_without_a_time_either_could_be_first_so_no_conflict():
    # Found dead first, the well empty once the body was taken out, is a sequence: in doubt.
    empty = art(EMPTY.article.text, "2026-11-11", "Daily Post")
    dead = art(FOUND_DEAD.article.text, "2026-11-11", "World News")
    assert compare(empty, dead) == []


def test_a_search_of_a_river_that_found_nobody_and_a_body_found_there_later_are_a_sequence():
    searched = art("Divers said the river was empty after a first search.",
                   "2026-11-10T09:00:00", "Morning Wire")
    found = art("The boy has been found dead in the river.", "2026-11-11T09:00:00",
                "Evening Star")
    assert compare(searched, found) == []


def test_an_empty_well_and_a_body_found_elsewhere_are_a_sequence():
    river = art("The boy has been found dead in a river, two miles from the well.",
                "2026-11-12T08:00:00", "World News")
    assert compare(EMPTY, river) == []


def test_the_body_taken_out_before_the_well_is_called_empty_is_no_conflict():
    later_empty = art(EMPTY.article.text, "2026-11-12T09:00:00", "Daily Post")
    assert compare(FOUND_DEAD, later_empty) == []


def test_rescued_then_died_in_hospital_is_a_sequence_not_a_conflict():
    rescued = art("The girl was pulled from the rubble on Monday. The girl was rescued alive "
                  "by firefighters, officials said.", "2026-11-10T09:00:00", "Morning Wire")
    died = art("The girl rescued from the rubble has died in hospital, doctors said.",
               "2026-11-11T09:00:00", "Evening Star")
    assert [c.value for c in claims_of(rescued) + claims_of(died)] == ["found alive",
                                                                         "found dead"]
    assert compare(rescued, died) == []


def test_rescued_but_died_later_in_the_same_sentence_is_no_claim_that_she_lives():
    assert outcomes("The girl was rescued from the rubble but died in hospital.") == []


def test_with_several_victims_a_passenger_dead_and_a_passenger_rescued_are_two_people():
    dead = art("Seven people were killed when the tram overturned. A passenger was found dead "
               "in the wreckage.", "2026-11-10T09:00:00", "Morning Wire")
    alive = art("A passenger was rescued from the wreckage, firefighters said.",
                "2026-11-10T18:00:00", "Evening Star")
    assert compare(dead, alive) == []
    # A lone victim is the same person throughout.
    lone = art("A passenger was found dead in the wreckage.", "2026-11-10T09:00:00",
               "Morning Wire")
    assert [c.subject for c in compare(lone, alive)] == ["fate of the passenger"]


def test_found_alive_after_found_dead_was_published_is_a_conflict():
    dead = art("The missing climber was found dead on the mountain, police said.",
               "2026-11-10T09:00:00", "Morning Wire")
    alive = art("The missing climber has been found alive and well, rescuers said.",
                "2026-11-10T18:00:00", "Evening Star")
    (conflict,) = compare(dead, alive)
    assert conflict.subject == "fate of the climber"
    assert [(f.value, f.reported_by) for f in conflict.values] == [
        ("found dead", ["Morning Wire citing police"]),
        ("found alive", ["Evening Star citing rescuers"])]


def test_dead_and_alive_on_the_same_day_without_a_time_could_be_a_sequence():
    alive = art("The boy was rescued by firefighters.", "2026-11-10", "Morning Wire")
    dead = art("The boy has died, his family said.", "2026-11-10", "Evening Star")
    assert compare(alive, dead) == []


def test_still_missing_then_found_dead_is_no_conflict():
    missing = art("A boy is still missing after falling into a river. The boy is trapped, "
                  "rescuers said.", "2026-11-09T10:00:00", "Morning Wire")
    dead = art("The boy has been found dead in the river.", "2026-11-10T10:00:00",
               "Evening Star")
    assert claims_of(missing) == []  # a search under way is no outcome
    assert compare(missing, dead) == []


def test_one_outlet_revising_its_own_report_is_no_conflict():
    dead = art("The boy was found dead, police said.", "2026-11-10T09:00:00", "Wire")
    alive = art("The boy was found alive, police said.", "2026-11-10T19:00:00", "Wire")
    assert compare(dead, alive) == []


@pytest.mark.parametrize("text", [
    "Police fear the boy may be dead.",
    "The boy is not believed to be dead, police said.",
    "Rescuers hope the boy could be found alive.",
    "Is the boy alive?",
    "It remains unknown whether or not the boy is still alive.",
    "Relatives said the boy was reportedly found dead, but police denied it.",
    "The boy was found dead, according to rumours that have not been confirmed.",
    "His family fear the well was empty.",
    "The boy has not been found dead, police insisted.",
    "Rescuers found no trace of the boy in the well.",
    "Nobody knows if the well is empty.",
    "Police said it was possible that the boy was dead.",
    "Police said they feared the boy had been found dead.",
    "Initial reports said the boy had been found alive.",
    "Reports that the boy had been found alive turned out to be wrong.",
    "There was nobody in the car when it caught fire.",
    "Divers found nobody in the river on Monday.",
    "The boy was dead set on becoming a diver.",
])
def test_negations_hedges_questions_and_failed_searches_are_no_claims(text: str):
    assert outcomes(text) == []


@pytest.mark.parametrize("text", [
    "Another boy was found alive.",
    "A second man was found dead on Tuesday.",
    "The boy and his father were found dead.",
    "Smith, Jones and Brown died on Wednesday.",
    "The boy's father was found dead.",
])
def test_someone_else_or_several_people_are_not_the_person(text: str):
    assert [p for _, p in outcomes(text) if p == "boy"] == []
    assert all(p not in ("man", "Brown") for _, p in outcomes(text))


@pytest.mark.parametrize(("text", "expected"), [
    ("A Chinese boy trapped down an abandoned well has been found dead.",
     [("found dead", "boy")]),
    ("The boy's body was recovered from the well on Friday.", [("found dead", "boy")]),
    ("The body of the boy was pulled out of the well.", [("found dead", "boy")]),
    ("The well was empty, his uncle said.", [("not in the well", "")]),
    ("Rescuers found the girl alive under the rubble.", [("found alive", "girl")]),
    ("The girl was found safe and well.", [("found alive", "girl")]),
    ('"The boy is dead," his mother said.', [("found dead", "boy")]),
    ("A kidnapped 8-year-old girl was rescued by police.", [("found alive", "girl")]),
    ("The boy, who fell on Sunday, was found without signs of life.", [("found dead", "boy")]),
    ("The boy's uncle said he found the well to be empty.", [("not in the well", "")]),
])
def test_outcomes_that_are_asserted_are_read(text: str, expected: list[tuple[str, str]]):
    assert outcomes(text) == expected


def test_an_article_that_tells_the_sequence_gives_its_final_outcome():
    text = ("The girl was rescued alive on Monday. The girl died in hospital on Tuesday, "
            "doctors said.")
    assert outcomes(text) == [("found dead", "girl")]


def test_a_past_moment_alive_is_no_claim_that_he_lives():
    assert outcomes("The boy was still alive when he fell, his father said.") == []


def test_two_people_of_one_family_are_not_one_person():
    dead = art("Mary Smith was found dead in the house.", "2026-11-10T09:00:00", "Morning Wire")
    alive = art("John Smith was found alive in the house.", "2026-11-10T18:00:00",
                "Evening Star")
    assert compare(dead, alive) == []
    again = art("Mary Smith has been found alive.", "2026-11-10T18:00:00", "Evening Star")
    assert [c.subject for c in compare(dead, again)] == ["fate of Mary Smith"]


def test_different_people_are_not_compared():
    dead = art("The boy was found dead.", "2026-11-10T09:00:00", "Morning Wire")
    alive = art("The girl was found alive.", "2026-11-10T09:00:00", "Evening Star")
    assert compare(dead, alive) == []


@pytest.mark.parametrize(("text", "speaker"), [
    ("Police said on Friday that the boy had been found dead.", "Police"),
    ("The boy was found alive on Friday, his uncle told The Paper.", "his uncle"),
    ('"The boy is dead," his mother said.', "his mother"),
    ("The boy was found dead, according to police in Hebei.", "police in Hebei"),
    ("The boy was found dead in the well.", ""),
])
def test_a_quoted_claim_keeps_its_speaker(text: str, speaker: str):
    assert [c.speaker for c in claims_of(art(text))] == [speaker]


SHAFT_EMPTY = ("Rescue teams dug beside the old Blue Hollow mine shaft near Tarnow for a "
               "missing hiker on Monday. The hiker's brother said the shaft turned out to be "
               "empty. Police closed the mountain road while volunteers joined the search for "
               "the hiker near Tarnow, and the regional governor thanked them.")
SHAFT_DEAD = ("A hiker trapped down the old Blue Hollow mine shaft near Tarnow has been found "
              "dead, after a three-day search by miners and volunteers. Police closed the "
              "mountain road near Tarnow during the search, and the regional governor thanked "
              "the miners and volunteers who joined the rescue teams.")


def test_the_daily_brief_shows_the_claim_conflict_with_its_reporters_and_lowers_confidence():
    now = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
    items = [(SHAFT_EMPTY, "Mountain Post", "https://post.example/cave", "2026-11-16T10:00:00"),
             (SHAFT_DEAD, "Valley News", "https://valley.example/cave", "2026-11-17T08:00:00")]
    briefings = [brief_article(clean_text(text, publisher=outlet, url=url, published=when,
                                          title=text.split(".")[0]), now=now)
                 for text, outlet, url, when in items]
    daily = build_daily(briefings, ["a0", "a1"], date="2026-11-17", now=now)
    (story,) = daily.stories
    (conflict,) = [c for c in story.conflicts if c.subject.startswith("fate of")]
    assert conflict.subject == "fate of the hiker"
    assert [(f.value, f.reported_by) for f in conflict.values] == [
        ("not in the shaft", ["Mountain Post citing the hiker's brother"]),
        ("found dead", ["Valley News"])]
    assert story.confidence == "low"
    assert any("disagree" in r for r in story.reasons)
    markdown = render_daily(daily, "md")
    assert "fate of the hiker: not in the shaft" in markdown


@pytest.mark.parametrize("frame", [
    "Police fear that {}.", "It is unclear whether {}.", "Officials denied that {}.",
    "Relatives hope that {}.", "Has {}?", "It is not known if {}.",
    "Nobody could confirm that {}.", "Rumours spread that {}.", "Police said it was unlikely {}.",
    "Initial reports said {}.",
])
@pytest.mark.parametrize("claim", [
    "the boy was found dead", "the boy has been found alive", "the well turned out to be empty",
    "rescuers found the girl alive", "the boy's body was recovered",
    "the body of the boy was found",
])
def test_every_hedging_frame_drops_every_kind_of_claim(frame: str, claim: str):
    assert outcomes(frame.format(claim)) == []
    assert outcomes(claim[:1].upper() + claim[1:] + ".") != []  # asserted, it is read


@pytest.mark.parametrize("sentence", [
    "Nobody died in the fire, firefighters said.", "Nobody was found alive, officials said.",
    "Someone was found dead near the road.", "Everyone was rescued from the boat.",
    "None was found alive after the blast."])
def test_nobody_someone_or_everyone_is_no_person_whose_fate_is_claimed(sentence):
    assert outcomes(sentence) == []
