"""A native crash of the model is one clear error, never the end of the process or the batch."""

from __future__ import annotations

import os
import signal
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import EXAMPLE, NOW

from briefing.batch import BatchOptions, run_batch
from briefing.config import load_settings
from briefing.errors import ConfigError, EngineError

local = pytest.importorskip("briefing.engines.local")


def crashing_server(path: str, conn: object) -> None:
    """Stands in for the model process: dies like llama.cpp on an unsupported CPU."""
    os.kill(os.getpid(), signal.SIGSEGV)


def test_a_segfault_in_the_model_process_is_an_engine_error_naming_what_to_try():
    model = local._ModelProcess("/nonexistent.gguf", "local/test", target=crashing_server)
    try:
        with pytest.raises(EngineError) as caught:
            model.call({"messages": []})
        message = str(caught.value)
        assert "local/test" in message and "crashed (signal SIGSEGV)" in message
        assert "GGML_NATIVE=OFF" in message and "--model extractive" in message
        with pytest.raises(EngineError):  # a fresh child is started for the next call
            model.call({"messages": []})
    finally:
        model.close()


def test_a_batch_marks_the_crashed_articles_failed_and_finishes(tmp_path, monkeypatch):
    original = local._ModelProcess.__init__

    def crashing(self: object, path: str, name: str, target: object = None) -> None:
        original(self, path, name, target=crashing_server)

    monkeypatch.setattr(local._ModelProcess, "__init__", crashing)
    monkeypatch.setattr(local, "gguf_path", lambda: tmp_path / "model.gguf")
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "b.txt"):
        (src / name).write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    report = run_batch([str(src)], BatchOptions(output=tmp_path / "out", model="local",
                                                now=NOW, concurrency=1))
    assert [r.status for r in report.results] == ["failed", "failed"]
    assert all("crashed" in (r.reason or "") for r in report.results)


def test_gguf_path_runs_any_model_file_and_a_missing_file_is_a_clear_error(tmp_path):
    settings = load_settings(env={}, path=tmp_path / "none.toml", model="gguf:/no/such.gguf")
    with pytest.raises(ConfigError, match="no such file"):
        local.LocalEngine(settings, path=Path("/no/such.gguf"))
    model = local.gguf_path()  # the bundled file stands in for "any GGUF"
    engine = local.LocalEngine(replace(settings, max_reasks=0), path=model)
    assert engine.model_id == f"gguf:{model.name}"


class _LoopingLlama:
    """Answers like the 135M model when it loops: cut off at the token limit."""

    def create_chat_completion_openai_v1(self, **kwargs: object) -> object:
        from openai.types.chat import ChatCompletion

        return ChatCompletion.model_validate({
            "id": "x", "object": "chat.completion", "created": 0, "model": "local",
            "choices": [{"index": 0, "finish_reason": "length", "message": {
                "role": "assistant", "content": '{"summary": "Fire fire fire fire'}}],
            "usage": {"prompt_tokens": 900, "completion_tokens": 1500, "total_tokens": 2400}})


def test_a_cut_off_answer_from_the_bundled_model_falls_back_to_the_offline_briefing(
        tmp_path, monkeypatch):
    from briefing.api import summarize

    monkeypatch.setattr(local, "gguf_path", lambda: tmp_path / "model.gguf")
    monkeypatch.setattr(local, "_llama", lambda path: _LoopingLlama())
    monkeypatch.setattr(local.LocalEngine, "isolate", False)
    b = summarize(EXAMPLE, model="local", now=NOW)
    assert b.provenance.engine == "extractive"
    assert "cut off at max_tokens" in b.provenance.notes[0]
    assert b.provenance.usage is not None and b.provenance.usage.completion_tokens == 1500
    assert "Fire fire" not in b.summary


def test_a_file_that_is_not_a_model_is_one_config_error_and_no_second_child(tmp_path):
    bogus = tmp_path / "bogus.gguf"
    bogus.write_text("not a model")
    model = local._ModelProcess(str(bogus), "gguf:bogus.gguf")
    try:
        with pytest.raises(ConfigError, match=r"cannot load .*bogus\.gguf"):
            model.call({"messages": []})
        with pytest.raises(ConfigError, match="cannot load"):  # at once, without a new child
            model.call({"messages": []})
        assert model._proc is None
    finally:
        model.close()


def slow_server(path: str, conn: object) -> None:
    """Stands in for a model that takes far longer than the article's time limit."""
    import time

    conn.recv()  # type: ignore[attr-defined]
    time.sleep(60)


def test_a_batch_time_limit_stops_the_generation_and_the_next_article_runs(tmp_path,
                                                                            monkeypatch):
    import time

    original = local._ModelProcess.__init__

    def slow(self: object, path: str, name: str, target: object = None) -> None:
        original(self, path, name, target=slow_server)

    monkeypatch.setattr(local._ModelProcess, "__init__", slow)
    monkeypatch.setattr(local, "gguf_path", lambda: tmp_path / "model.gguf")
    monkeypatch.setenv("BRIEFING_ARTICLE_TIMEOUT", "3")
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "b.txt"):
        (src / name).write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    start = time.monotonic()
    report = run_batch([str(src)], BatchOptions(output=tmp_path / "out", model="local",
                                                now=NOW, concurrency=4))
    assert [r.status for r in report.results] == ["failed", "failed"]
    assert all("took longer than 3 s" in (r.reason or "") for r in report.results)
    assert time.monotonic() - start < 40  # each stopped at its limit, one at a time
