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
