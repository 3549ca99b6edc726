"""Places from the gazetteer and from locative phrases."""

from __future__ import annotations

from briefing.nlp.mentions import find_mentions, vocabulary
from briefing.nlp.places import find_places, gazetteer, is_demonym
from briefing.nlp.sentences import split_sentences


def places(text: str, people: frozenset[str] = frozenset()) -> dict[str, str]:
    sents = split_sentences(text)
    mentions = find_mentions(text, sents, vocabulary(text, sents))
    found = find_places(text, sents, mentions, set(people))
    for p in found:
        for a, b in p.mentions:
            assert text[a:b] == p.name
    return {p.name: p.kind for p in found}


def test_gazetteer_is_cached_and_has_kinds() -> None:
    assert gazetteer() is gazetteer()
    assert gazetteer()["Moscow"][0] == "city"
    assert gazetteer()["Ukraine"][0] == "country"
    assert gazetteer()["Ohio"][0] == "region"


def test_cities_regions_and_sites() -> None:
    got = places("Troops were detained in the eastern Luhansk region and taken to the city of "
                 "Alchevsk, then to Moscow. They met at the White House near Sandilands tram stop.")
    assert got["Luhansk region"] == "region"
    assert got["Alchevsk"] == "city"
    assert got["Moscow"] == "city"
    assert got["White House"] == "site"
    assert got["Sandilands tram stop"] == "site"


def test_small_town_name_needs_context() -> None:
    # "Tracy" is a small city and a first name: without a locative it is not a place.
    assert "Tracy" not in places("Friends Tracy and Lisa paid tribute.")
    assert "Tracy" in places("The crash happened in Tracy.")


def test_dateline() -> None:
    assert places("WASHINGTON (AP) — The vote passed.")["WASHINGTON"] in ("city", "region")


def test_demonyms() -> None:
    assert is_demonym("Russian") and is_demonym("Afghan") and is_demonym("Chinese")
    assert not is_demonym("Taliban")


def test_residents_of_names_places() -> None:
    # Neither town needs to be in the big-city gazetteer: "residents of" says they are places.
    got = places("Residents of Hoek van Holland and Maassluis were told to stay inside.",
                 frozenset({"Hoek van Holland"}))
    assert got == {"Hoek van Holland": "city", "Maassluis": "city"}


def test_a_name_that_speaks_is_not_a_place() -> None:
    text = "The fire was out by noon, according to the Rijnmond Safety Region."
    sents = split_sentences(text)
    found = find_places(text, sents, find_mentions(text, sents, vocabulary(text, sents)), set(),
                        {"Rijnmond Safety Region"})
    assert found == []


def test_gazetteer_cache_round_trips(tmp_path, monkeypatch):
    from briefing.nlp import places

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = places._tables()  # whatever is loaded in this process
    places._tables.cache_clear()
    try:
        fresh = places._tables()  # builds and writes the cache under tmp_path
        assert list(tmp_path.glob("briefing/gazetteer-*.marshal"))
        places._tables.cache_clear()
        loaded = places._tables()  # reads it back
        assert loaded == fresh == built
        (next(tmp_path.glob("briefing/gazetteer-*.marshal"))).write_bytes(b"garbage")
        places._tables.cache_clear()
        assert places._tables() == built  # a corrupt cache is rebuilt, not trusted
    finally:
        places._tables.cache_clear()


# Junk the offline engine used to put in Where (issue 14), on small invented texts.

def test_a_character_or_a_first_name_is_not_a_city() -> None:
    # Batman (Turkey) and Mary (Turkmenistan) are cities, but nothing here is located in them.
    got = places("Batman fought the Joker in the new film. Mary watched it twice with Batman fans.")
    assert "Batman" not in got and "Mary" not in got
    assert "Batman" in places("Floods hit homes in Batman, a city in Turkey.")


def test_country_aliases_are_one_place_named_in_full() -> None:
    text = ("The US imposed tariffs. U.S. officials said the United States would not back down. "
            "Exports to the US fell.")
    sents = split_sentences(text)
    found = find_places(text, sents, find_mentions(text, sents, vocabulary(text, sents)), set())
    us = [p for p in found if p.kind == "country"]
    assert [p.name for p in us] == ["United States"]
    assert {text[a:b] for a, b in us[0].mentions} == {"US", "U.S.", "United States"}


def test_schools_and_churches_are_organisations_not_places() -> None:
    got = places("He studied at Kelby Grammar School and prayed at the Catholic Church in Leeds.")
    assert "Kelby Grammar School" not in got and "Catholic Church" not in got
    assert "Leeds" in got


def test_lakes_seas_and_streets_are_places() -> None:
    got = places("The ship sailed across Lake Erie and later into the Ross Sea before docking "
                 "near Harbour Street.")
    assert {"Lake Erie", "Ross Sea", "Harbour Street"} <= set(got)


def test_events_works_and_ordinary_words_are_not_places() -> None:
    # "Men of Mathematics": a title whose words the text also uses as ordinary words.
    got = places("She loved mathematics. She won at the Teen Choice Awards, was praised in "
                 "Men of Mathematics, worked "
                 "at the Center for Study and taught in French. Students of linguistics met "
                 "in Linguistics.")
    assert not {"Teen Choice Awards", "Men of Mathematics", "Center", "French",
                "Linguistics"} & set(got)


def test_a_first_name_said_alone_is_not_a_town() -> None:
    # Jos is a city in Nigeria; here it is the father of the driver.
    got = places('"He surprised me," said his father, Jos, who raced for years.',
                 frozenset({"Jos Verstappen"}))
    assert "Jos" not in got
