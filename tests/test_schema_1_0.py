"""Briefings saved by schema 1.0 (spans without ``match``) still load, render and cache-miss."""

import hashlib
import json
import sqlite3

from conftest import EXAMPLE, NOW

from briefing.api import summarize
from briefing.batch.cache import BriefingCache, cache_key
from briefing.render import render_briefing
from briefing.saved import load_briefing, load_saved
from briefing.schema import SCHEMA_VERSION, Briefing


def _strip_match(node: object) -> object:
    if isinstance(node, dict):
        return {k: _strip_match(v) for k, v in node.items() if k != "match"}
    if isinstance(node, list):
        return [_strip_match(v) for v in node]
    return node


def _saved_by_1_0() -> str:
    data = _strip_match(json.loads(summarize(EXAMPLE, now=NOW).model_dump_json()))
    assert isinstance(data, dict)
    data["schema_version"] = "1.0"
    text = json.dumps(data)
    assert '"match"' not in text
    return text


def test_version_is_bumped():
    assert SCHEMA_VERSION == "1.2"
    assert summarize(EXAMPLE, now=NOW).schema_version == "1.2"


def test_1_0_json_loads_and_renders_without_marks(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(_saved_by_1_0(), encoding="utf-8")
    for b in (load_briefing(path), load_saved(path)):
        assert isinstance(b, Briefing)
        assert b.schema_version == "1.0"
        assert b.spans() and all(span.match is None for span in b.spans())
        assert b.provenance.grounding.exact == len(b.spans())  # the counts as saved
    old = load_briefing(path)
    assert "approximate match" not in render_briefing(old, "md")
    assert "approximate match" not in render_briefing(old, "html")
    # Saved again, it keeps the 1.0 shape: an unset match is left out of the JSON.
    assert '"match"' not in render_briefing(old, "json")


def test_1_0_cache_entry_misses(tmp_path):
    b = summarize(EXAMPLE, now=NOW)
    sha, fingerprint = b.article.content_sha256, "extractive"
    old_key = hashlib.sha256(json.dumps([sha, "1.0", fingerprint, ""]).encode()).hexdigest()
    assert cache_key(sha, fingerprint) != old_key
    cache = BriefingCache(tmp_path / "cache.sqlite")
    cache.close()
    db = sqlite3.connect(str(tmp_path / "cache.sqlite"))
    with db:  # an entry written by 1.0, under the key 1.0 used
        db.execute("INSERT INTO briefings VALUES (?, ?, ?)", (old_key, 0.0, _saved_by_1_0()))
    db.close()
    cache = BriefingCache(tmp_path / "cache.sqlite")
    try:
        assert cache.get(cache_key(sha, fingerprint)) is None
        assert (cache.hits, cache.misses) == (0, 1)
        cache.put(cache_key(sha, fingerprint), b)
        again = cache.get(cache_key(sha, fingerprint))
        assert again == b and all(span.match == "exact" for span in again.spans())
    finally:
        cache.close()
