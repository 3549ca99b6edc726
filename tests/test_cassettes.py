"""Cassettes hold no secrets, and every fault cassette is played by a test."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from llm_fixtures import CASSETTES, SCRUB_HEADERS, TEST_KEY

TESTS = Path(__file__).resolve().parent
SECRETS = re.compile(r"Bearer|sk-[A-Za-z0-9]|api-key|api_key|set-cookie|"
                     + re.escape(TEST_KEY), re.IGNORECASE)


def _cassettes() -> list[Path]:
    return sorted(CASSETTES.rglob("*.yaml"))


def test_there_are_cassettes():
    names = {p.name for p in _cassettes()}
    assert "test_extract.yaml" in names
    assert {n for n in names if n.startswith("fault-")} >= {
        "fault-429-retry-after.yaml", "fault-500-then-200.yaml", "fault-invalid-json.yaml",
        "fault-finish-length.yaml", "fault-quote-not-in-text.yaml"}


def test_no_secrets_in_any_cassette():
    for path in _cassettes():
        text = path.read_text(encoding="utf-8")
        found = SECRETS.search(text)
        assert found is None, f"{path.name}: {found.group() if found else ''}"
        for interaction in yaml.safe_load(text)["interactions"]:
            for part in ("request", "response"):
                headers = {h.lower() for h in interaction[part].get("headers", {})}
                assert not headers & {*SCRUB_HEADERS, "set-cookie"}, (path.name, headers)


def test_every_fault_cassette_is_played_by_a_test():
    sources = "".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py"))
    for path in _cassettes():
        if path.name.startswith("fault-"):
            assert f'"{path.name}"' in sources, f"{path.name} is not used by any test"
