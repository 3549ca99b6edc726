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
