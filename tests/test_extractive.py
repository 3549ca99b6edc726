"""The extractive engine on a small made-up article and on the shared sample."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from briefing.clean.article import clean_text
from briefing.engines import get_engine
from briefing.engines.extractive import ExtractiveEngine
from briefing.schema import Briefing

NOW = datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)
SAMPLE = (Path(__file__).resolve().parents[2] / "shared" / "data" / "samples"
          / "soldiers-refusing-to-fight.txt")

STORY = "\n\n".join([
    'Fire destroys warehouse in Portsmouth harbour',
    'A fire destroyed a warehouse at Portsmouth harbour on Tuesday night, forcing '
    'dozens of residents to leave their homes, according to Hampshire Fire and Rescue'
    ' Service.',
    'Maria Lopez, a spokeswoman for the Hampshire Fire and Rescue Service, said 40 '
    'firefighters fought the blaze for six hours. "The building could not be saved," '
    'she said.',
    'The cause of the fire could not be independently verified. Police said the owner'
    ' of the warehouse had reportedly been warned about faulty wiring three weeks '
    'ago.',
    '"We heard a loud bang at about 11pm," said resident John Harris, 54.',
]) + "\n"


def brief(text: str, **meta: str) -> Briefing:
    return ExtractiveEngine().extract(clean_text(text, **meta), now=NOW)


def assert_verbatim(b: Briefing) -> None:
    text = b.article.text
    for span in b.spans():
        assert text[span.start : span.end] == span.quote


@pytest.fixture(scope="module")
def story() -> Briefing:
    return brief(STORY, published="2024-02-28")


def test_registry_returns_the_engine() -> None:
    engine = get_engine("extractive")
    assert engine.name == "extractive"


def test_provenance_and_headline(story: Briefing) -> None:
    assert story.headline == "Fire destroys warehouse in Portsmouth harbour"
    assert story.provenance.engine == "extractive"
    assert story.provenance.model is None and story.provenance.usage is None
    assert story.provenance.created_at == "2024-03-01T12:00:00+00:00"


def test_every_span_is_verbatim(story: Briefing) -> None:
    assert story.spans()
    assert_verbatim(story)


def test_names_occur_in_text(story: Briefing) -> None:
    for item in story.who + story.where:
        assert item.name in story.article.text


def test_who_where_when(story: Briefing) -> None:
    who = {w.name: w for w in story.who}
    assert "Maria Lopez" in who and who["Maria Lopez"].kind == "person"
    assert "spokeswoman" in (who["Maria Lopez"].role or "")
    assert any("Fire and Rescue Service" in w.name for w in story.who)
    assert "Portsmouth" in [w.name for w in story.where] or any(
        "Portsmouth" in w.name for w in story.where)
    when = {w.text: w.date for w in story.when}
    assert when.get("on Tuesday night") == "2024-02-27"
    assert when.get("three weeks ago") == "2024-02-07"


def test_summary_and_points(story: Briefing) -> None:
    assert story.summary.startswith("A fire destroyed a warehouse")
    assert 1 <= len(story.key_points) <= 5
    assert story.what[0].description == story.headline


def test_sources_and_quotes(story: Briefing) -> None:
    sources = {s.name: s for s in story.sources}
    lopez = sources["Maria Lopez"]
    assert lopez.kind == "named"
    assert lopez.affiliation == "Hampshire Fire and Rescue Service"
    quotes = [q.quote for q in lopez.quotes]
    assert "The building could not be saved," in quotes  # "she said" resolves to her
    assert sources["John Harris"].quotes


def test_uncertainty_markers(story: Briefing) -> None:
    markers = {c.marker for c in story.uncertainty.unverified_claims}
    assert {"reportedly", "could not be independently verified"} <= markers
    assert story.uncertainty.single_source is False


def test_deterministic() -> None:
    one = brief(STORY, published="2024-02-28").model_dump_json()
    two = brief(STORY, published="2024-02-28").model_dump_json()
    assert one == two


def test_unknown_publication_date_leaves_dates_unresolved() -> None:
    b = brief(STORY)
    assert all(w.date is None for w in b.when if "Tuesday" in w.text)


def test_tiny_text_does_not_crash() -> None:
    b = brief("Nothing happened.")
    assert b.headline and b.uncertainty.confidence in ("low", "moderate", "high")
    assert_verbatim(b)


@pytest.fixture(scope="module")
def sample() -> Briefing:
    if not SAMPLE.is_file():
        pytest.skip(f"shared sample not found at {SAMPLE} (needs ../shared next to the repo)")
    return brief(SAMPLE.read_text(encoding="utf-8"), published="2022-07-05")


def test_sample_sources(sample: Briefing) -> None:
    rinchino = next(s for s in sample.sources if s.name == "Andrei Rinchino")
    assert rinchino.kind == "named"
    assert "Free Buryatia Foundation" in (rinchino.affiliation or "")
    assert len(rinchino.quotes) >= 3


def test_sample_who_where(sample: Briefing) -> None:
    assert "Free Buryatia Foundation" in [w.name for w in sample.who]
    where = [w.name for w in sample.where]
    for place in ("Luhansk", "Alchevsk", "Moscow"):
        assert any(place in w for w in where), place


def test_sample_uncertainty(sample: Briefing) -> None:
    u = sample.uncertainty
    assert u.single_source is True
    assert u.confidence in ("low", "moderate")
    assert any("Free Buryatia Foundation" in r and "interested party" in r for r in u.reasons)
    assert u.contradictions == []  # "Several soldiers" and "17 servicemen" can both be true
    assert {"reportedly", "purportedly"} <= {c.marker for c in u.unverified_claims}


def test_sample_spans_verbatim(sample: Briefing) -> None:
    assert_verbatim(sample)


def test_a_bare_description_gives_its_place_in_a_full_who_list_to_a_named_actor() -> None:
    from briefing.engines.extractive import _within_cap
    from briefing.nlp.entities import Entity

    names = ["Ann Lee", "Bo Chan", "Cy Diaz", "driver", "Di Eng", "victim", "Ed Fox", "Flo Gil",
             "Gus Hu", "Ida Ito", "Jo Kim", "Kai Lu"]
    kept = [e.name for e in _within_cap([Entity(n, "person") for n in names], 10)]
    assert kept == ["Ann Lee", "Bo Chan", "Cy Diaz", "Di Eng", "Ed Fox", "Flo Gil", "Gus Hu",
                    "Ida Ito", "Jo Kim", "Kai Lu"]
    assert [e.name for e in _within_cap([Entity(n, "person") for n in names[:5]], 10)] == \
        names[:5]  # under the cap nothing moves
