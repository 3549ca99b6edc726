"""Names, kinds, roles and groups."""

from __future__ import annotations

from briefing.nlp.entities import cluster_names, find_groups, find_roles, split_title
from briefing.nlp.mentions import find_mentions, vocabulary
from briefing.nlp.sentences import split_sentences

TEXT = ("According to Andrei Rinchino, legal director of the Free Buryatia Foundation, 17 "
        "servicemen were jailed. Several Russian soldiers refused to fight. Rinchino said more. "
        "Red Bull boss Christian Horner and FBI Director James Comey spoke.")


def entities() -> dict[str, object]:
    sents = split_sentences(TEXT)
    ents = cluster_names(TEXT, find_mentions(TEXT, sents, vocabulary(TEXT, sents)), set())
    find_roles(TEXT, ents)
    return {e.name: e for e in ents}


def test_surname_joins_full_name_and_roles() -> None:
    ents = entities()
    rinchino = ents["Andrei Rinchino"]
    assert rinchino.kind == "person"  # type: ignore[attr-defined]
    assert len(rinchino.mentions) == 2  # type: ignore[attr-defined]
    assert rinchino.role == "legal director of the Free Buryatia Foundation"  # type: ignore[attr-defined]
    assert ents["Free Buryatia Foundation"].kind == "organization"  # type: ignore[attr-defined]
    assert ents["Christian Horner"].role == "Red Bull boss"  # type: ignore[attr-defined]
    assert ents["James Comey"].role == "FBI Director"  # type: ignore[attr-defined]


def test_role_spans_are_verbatim() -> None:
    for e in entities().values():
        if e.role_span:  # type: ignore[attr-defined]
            a, b = e.role_span  # type: ignore[attr-defined]
            assert TEXT[a:b] == e.role  # type: ignore[attr-defined]


def test_groups() -> None:
    names = {g.name for g in find_groups(TEXT, split_sentences(TEXT))}
    assert "Russian soldiers" in names
    assert "17 servicemen" in names


def test_split_title() -> None:
    assert split_title("Prime Minister Theresa May") == ("Prime Minister", "Theresa May")
    assert split_title("British Transport Police") == (None, "British Transport Police")


def kinds(text: str) -> dict[str, tuple[str, str | None]]:
    sents = split_sentences(text)
    ents = cluster_names(text, find_mentions(text, sents, vocabulary(text, sents)),
                         {"Holland": ("city", 1)})
    find_roles(text, ents)
    return {e.name: (e.kind, e.role or e.description) for e in ents}


def test_context_settles_person_or_organisation() -> None:
    got = kinds("The warehouse is run by Maasvlakte Storage, a storage company. "
                "Environmental group Clean North Sea said the air was toxic. "
                "\"We acted fast,\" said Marieke de Vries, a spokeswoman for the region. "
                "Later, Frans van Houten spoke.")
    assert got["Maasvlakte Storage"] == ("organization", "a storage company")
    assert got["Clean North Sea"] == ("organization", "Environmental group")
    assert got["Marieke de Vries"] == ("person", "a spokeswoman for the region")
    assert got["Frans van Houten"][0] == "person"  # particles between capitalised words


def test_descriptor_needs_a_modifier_or_sentence_start() -> None:
    # "the party Putin founded": a bare "the party" does not make Putin a party.
    assert kinds("He left the party Vladimir Putin founded.")["Vladimir Putin"][0] == "person"


def test_hedged_and_plain_counts_are_one_group() -> None:
    text = "Fire forces evacuation of 200 workers. About 200 workers left the site."
    groups = find_groups(text, split_sentences(text))
    assert [g.name for g in groups if "workers" in g.name] == ["200 workers"]
