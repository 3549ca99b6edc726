"""The bundled model: a short real generation, offline (the network is blocked in tests)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import NOW, assert_verbatim

from briefing.clean.article import clean_text
from briefing.config import load_settings
from briefing.ground import ground_briefing

pytest.importorskip("llama_cpp", reason="the `local` extra is not installed")
local = pytest.importorskip("briefing.engines.local")

TINY = """Ferry strike halts crossings to Gozo

Ferry crews in Malta went on strike on Friday, halting crossings to Gozo, the union said. \
"We had no choice," said Mark Vella, the union's secretary.
"""


def test_gguf_ships_inside_the_installed_wheel():
    path = local.gguf_path()
    assert path.name == local.GGUF_NAME and path.stat().st_size > 50_000_000


def test_local_model_briefs_a_tiny_article_offline(tmp_path):
    settings = replace(load_settings(env={}, path=tmp_path / "none.toml", model="local"),
                       max_reasks=0)
    engine = local.LocalEngine(settings)
    article = clean_text(TINY)
    b = ground_briefing(engine.extract(article, now=NOW))
    assert_verbatim(b)
    assert b.provenance.model == local.MODEL_ID
    assert b.provenance.usage is not None and b.provenance.usage.requests == 1
    assert b.provenance.usage.completion_tokens > 0
    assert b.summary.strip()
    assert any(s.name == "Mark Vella" for s in b.sources)  # from the offline signals
