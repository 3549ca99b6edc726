import json

import pytest
from conftest import NOW
from pydantic import ValidationError

from briefing.clean.article import clean_text
from briefing.schema import SCHEMA_VERSION, Briefing, Span

TOP_LEVEL = {"schema_version", "headline", "summary", "key_points", "who", "what", "where",
             "when", "sources", "uncertainty", "article", "provenance", "not_extracted"}


def test_json_uses_the_documented_names(fake_engine):
    b = fake_engine.extract(clean_text("Ann Lee spoke in Paris."), now=NOW)
    data = json.loads(b.model_dump_json())
    assert set(data) == TOP_LEVEL
    assert data["schema_version"] == SCHEMA_VERSION
    assert set(data["uncertainty"]) == {"confidence", "single_source", "reasons",
                                        "unverified_claims", "contradictions", "missing"}
    assert {"title", "url", "author", "published", "publisher", "language", "word_count",
            "content_sha256", "text"} <= set(data["article"])
    assert {"engine", "model", "prompt_version", "created_at", "usage"} <= set(data["provenance"])
    assert set(data["who"][0]["evidence"][0]) == {"quote", "start", "end"}


def test_round_trip(fake_engine):
    b = fake_engine.extract(clean_text("Ann Lee spoke in Paris."), now=NOW)
    assert Briefing.model_validate_json(b.model_dump_json()) == b


def test_rejects_unknown_fields_and_kinds():
    with pytest.raises(ValidationError):
        Span.model_validate({"quote": "x", "start": 0, "end": 1, "extra": 1})
    with pytest.raises(ValidationError):
        Span(quote="x", start=-1, end=0)


def test_schema_doc_lists_every_field():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "schema.md").read_text()
    for name in TOP_LEVEL | {"single_source", "unverified_claims", "content_sha256",
                             "prompt_version", "affiliation", "attributed_to"}:
        assert f"`{name}`" in doc, name
