"""The extractive engine on the shipped example, and every span verbatim after grounding."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from briefing.api import brief_article, load_article
from briefing.clean.article import clean_text
from briefing.schema import Briefing

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "harbour-fire.txt"
SAMPLE = ROOT.parent / "shared" / "data" / "samples" / "soldiers-refusing-to-fight.txt"
NOW = datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)

# Short made-up articles that exercise other patterns: a relayed voice, a denial, a
# number the body contradicts, an unnamed official, no dates at all.
INLINE = [
    "Five killed in bus crash near Lyon\n\n"
    "Seven people were killed when a bus left the road near Lyon on Friday, police said. "
    "A police officer, who spoke on condition of anonymity, said the driver had reportedly "
    "fallen asleep. The bus company denied the claim.\n",
    "Mayor accused of misusing funds\n\n"
    "The mayor of Springfield misused city funds, according to the opposition party. "
    "As their spokesman said, one of the clerks stated that invoices had been altered. "
    "The mayor's office declined to comment. It was not clear whether police were "
    "investigating.\n",
    "Strike ends at the plant\n\n"
    "Workers at the plant returned to work after a two-week strike, the union said. "
    "\"We won a fair deal,\" said Ana Costa, a shop steward at the plant.\n",
]


def grounded(text: str, **meta: str) -> Briefing:
    return brief_article(clean_text(text, **meta), now=NOW, force=True)


def assert_verbatim(b: Briefing) -> None:
    text = b.article.text
    assert b.spans()
    for span in b.spans():
        assert text[span.start : span.end] == span.quote, span
    assert b.provenance.grounding.dropped == 0  # the engine never needs rescuing


def assert_attributions_name_sources(b: Briefing) -> None:
    names = {s.name for s in b.sources} | {"the article"}
    for item in [*b.what, *b.uncertainty.unverified_claims]:
        assert item.attributed_to in names, item.attributed_to


@pytest.fixture(scope="module")
def example() -> Briefing:
    return brief_article(load_article(EXAMPLE), now=NOW)


def test_example_who_kinds_and_roles(example: Briefing) -> None:
    who = {w.name: w for w in example.who}
    assert who["Maasvlakte Logistics"].kind == "organization"
    assert who["Clean North Sea"].kind == "organization"
    assert who["Marieke de Vries"].kind == "person"
    assert who["Marieke de Vries"].role == "a spokeswoman for the safety region"
    assert "Hoek van Holland" not in who and "spokeswoman" not in who
    assert "about 200 workers" not in who  # the same group as the headline's "200 workers"
    assert "Hoek van Holland" in {w.name for w in example.where}


def test_example_sources(example: Briefing) -> None:
    src = {s.name: s for s in example.sources}
    assert src["the port authority"].kind == "official"
    assert src["the hospital"].kind == "official"
    assert src["a worker at the site"].kind == "anonymous"
    assert "site" not in src
    assert src["Marieke de Vries"].affiliation == "Rotterdam-Rijnmond Safety Region"
    assert src["Joost Bakker"].affiliation == "Clean North Sea"
    company = src["Maasvlakte Logistics"]
    assert company.kind in ("official", "named")
    assert [q.quote for q in company.quotes] == ["cooperating fully with the investigation"]


def test_example_uncertainty(example: Briefing) -> None:
    u = example.uncertainty
    assert u.contradictions == []  # "200 workers" and "about 200 workers" agree
    assert u.single_source is False
    by_marker = {c.marker: c.attributed_to for c in u.unverified_claims}
    assert by_marker["according to"] == "Rotterdam-Rijnmond Safety Region"
    assert by_marker["reportedly"] == "a worker at the site"
    assert any("Joost Bakker" in r and "interested party" in r for r in u.reasons)
    assert any("cause of the fire" in m for m in u.missing)
    assert_attributions_name_sources(example)


def test_example_times(example: Briefing) -> None:
    texts = [w.text for w in example.when]
    assert "noon" not in texts
    assert "by early afternoon" in texts


@pytest.fixture(scope="module")
def sample() -> Briefing:
    if not SAMPLE.is_file():
        pytest.skip(f"shared sample not found at {SAMPLE} (needs ../shared next to the repo)")
    return brief_article(load_article(SAMPLE), now=NOW)


def test_sample_uncertainty_section(sample: Briefing) -> None:
    u = sample.uncertainty
    assert u.single_source and u.confidence in ("low", "moderate")
    assert any("one source" in r and "Andrei Rinchino" in r for r in u.reasons)
    assert any("Free Buryatia Foundation" in r and "advocacy" in r for r in u.reasons)
    assert not any("Several" in r and "17" in r for r in u.reasons)  # several vs 17: no clash
    assert any("lawyer" in r and "interested party" in r for r in u.reasons)
    # "On Sunday" dates the event, but the article has no publication date to place it by.
    assert "the publication date" in u.missing
    assert not any("unattributed" in r for r in u.reasons)  # not an unnamed source


def test_sample_nested_attribution(sample: Briefing) -> None:
    relayed = "one of the soldiers (according to Andrei Rinchino)"
    assert relayed in {s.name for s in sample.sources}
    event = next(w for w in sample.what if w.description.startswith("one of the soldiers"))
    assert event.attributed_to == relayed and event.stance == "stated"
    assert_attributions_name_sources(sample)


def test_quotes_are_quotations_not_paraphrase(example: Briefing) -> None:
    # Reported speech ("the port authority said the berths would reopen") is a claim,
    # never a quote: every quote sits between quotation marks in the article.
    text = example.article.text
    for s in example.sources:
        for q in s.quotes:
            assert text[q.start - 1] in "“\"" or text[: q.start].rstrip().endswith(("“", '"'))
    assert not next(s for s in example.sources if s.name == "the port authority").quotes


@pytest.mark.parametrize("text", INLINE)
def test_inline_articles_are_verbatim_and_attributed(text: str) -> None:
    b = grounded(text, published="2024-02-28")
    assert_verbatim(b)
    assert_attributions_name_sources(b)


def test_every_span_verbatim_in_example_and_sample(example: Briefing) -> None:
    assert_verbatim(example)
    if SAMPLE.is_file():
        assert_verbatim(brief_article(load_article(SAMPLE), now=NOW))


def test_inline_patterns() -> None:
    crash, mayor, _ = (grounded(t, published="2024-02-28") for t in INLINE)
    assert any("Five" in c.description and "Seven" in c.description
               for c in crash.uncertainty.contradictions)
    assert "a police officer" in {s.name for s in crash.sources if s.kind == "anonymous"}
    names = {s.name for s in mayor.sources}
    assert any(n.startswith("one of the clerks (according to") for n in names)
    assert any("whether police were investigating" in m for m in mayor.uncertainty.missing)


def test_benchmark_corpora_stay_verbatim() -> None:
    # A slice of what benchmarks/grounding.py runs: the same path, the same checks.
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("grounding", ROOT / "benchmarks" / "grounding.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["grounding"] = bench  # dataclasses look their module up there
    spec.loader.exec_module(bench)
    if not bench.G5W.is_dir() or not bench.AEB.is_dir():
        pytest.skip(f"benchmark data not found under {bench.SHARED}")
    for tally in (bench.run(bench.g5w_articles(4), "extractive"),
                  bench.run(bench.aeb_articles(4), "extractive")):
        assert tally.briefed and tally.verbatim == tally.spans
        assert tally.dropped == 0
