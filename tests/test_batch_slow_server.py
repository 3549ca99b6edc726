"""Batches against a slow server on this machine that answers one request at a time, as
llama-cpp-python's does (the fault server's ``serial`` mode): per-article time limits, the
request a time limit abandons, and what the manifest says about it."""

import json

import pytest
from faultserver import FaultServer
from test_batch_faults import articles

from briefing.batch.runner import BatchOptions, run_batch
from briefing.engines import get_engine

pytest.importorskip("instructor", reason="the LLM engine needs instructor and openai")


@pytest.fixture
def llm_env(monkeypatch):
    monkeypatch.setenv("BRIEFING_API_KEY", "test-key-not-secret")
    monkeypatch.setenv("BRIEFING_TIMEOUT", "10")  # the per-article limit is what ends a call
    monkeypatch.setenv("BRIEFING_MAX_RETRIES", "0")
    monkeypatch.setenv("BRIEFING_MAX_REASKS", "0")


def options(tmp_path, server, **kw):
    return BatchOptions(output=tmp_path / "out", model="openai-compatible/slow",
                        base_url=server.base_url, **kw)


def manifest(tmp_path):
    lines = (tmp_path / "out" / "manifest.jsonl").read_text().splitlines()
    return {x["id"]: x for x in map(json.loads, lines)}


def test_a_server_on_this_machine_gets_one_article_at_a_time_by_default(tmp_path, llm_env):
    # Four in flight would wait 0.6, 1.2 and 1.8 s in the server's queue, on their clocks.
    with FaultServer(serial=True, latency=0.6) as server:
        report = run_batch(articles(tmp_path, 4), options(tmp_path, server, article_timeout=1.5))
    # (the first article's limit also holds the first call's lazy imports: not asserted on)
    assert [r.status for r in report.results[1:]] == ["ok"] * 3
    assert server.max_waiting == 0 and server.computed == 4
    assert any("one article at a time" in n for n in report.notes)


def test_an_explicit_concurrency_is_kept_for_a_server_on_this_machine(tmp_path, llm_env):
    with FaultServer(latency=0.5) as server:  # answers several at once (vLLM, llama-server -np)
        report = run_batch(articles(tmp_path, 4), options(tmp_path, server, concurrency=4))
    assert report.count("ok") == 4 and server.max_in_flight == 4
    assert report.notes == []


def test_the_next_article_is_not_charged_for_a_timed_out_articles_request(tmp_path, llm_env):
    # The first answer takes 1.8 s against a 1 s limit; the server cannot be stopped, so the
    # second article's request would wait 0.8 s behind it and then take 0.5 s of its own.
    with FaultServer(serial=True, latency=0.5, latencies=(1.8,)) as server:
        report = run_batch(articles(tmp_path, 2),
                           options(tmp_path, server, concurrency=1, article_timeout=1.0))
    first, second = report.results
    assert first.status == "failed" and "longer than 1 s" in (first.reason or "")
    assert second.status == "ok", second.reason
    assert server.max_waiting == 0 and server.computed == 2


def test_a_timed_out_article_reports_the_usage_of_its_abandoned_request(tmp_path, llm_env):
    with FaultServer(serial=True, latencies=(1.5,)) as server:
        run_batch(articles(tmp_path, 1),
                  options(tmp_path, server, concurrency=1, article_timeout=0.5))
    line = manifest(tmp_path)["a00"]
    assert line["status"] == "failed"
    assert line["attempts"] == 1
    assert line["prompt_tokens"] > 0 and line["completion_tokens"] > 0
    assert "the server finished" in line["reason"]


def test_a_remote_servers_request_is_closed_when_its_article_times_out(tmp_path, llm_env):
    with FaultServer(serial=True, latencies=(1.5,)) as server:
        engine = get_engine("openai-compatible/slow", base_url=server.base_url)
        engine.waits_for_abandoned = False  # as for a server elsewhere: it stops on a close
        report = run_batch(articles(tmp_path, 1), options(
            tmp_path, server, concurrency=1, article_timeout=0.5), engine=engine)
        assert server.wait_idle()
    result = report.results[0]
    assert result.seconds < 1.2  # nothing waited for the answer
    assert result.status == "failed" and result.attempts == 1
    assert "closed" in (result.reason or "")
    assert server.unanswered == 1  # the connection really was closed


def test_a_queued_request_of_a_timed_out_article_is_dropped_by_the_server(tmp_path, llm_env):
    # Two in flight against a one-at-a-time server (the user asked for it): the second waits
    # in the server's queue, its article times out there, and closing it spares the server.
    with FaultServer(serial=True, latencies=(1.2,), latency=0.1) as server:
        engine = get_engine("openai-compatible/slow", base_url=server.base_url)
        engine.waits_for_abandoned = False
        report = run_batch(articles(tmp_path, 2), options(
            tmp_path, server, concurrency=2, article_timeout=1.0), engine=engine)
        assert server.wait_idle()
    assert report.count("failed") >= 1
    assert server.dropped >= 1


def test_the_next_article_waits_for_the_server_when_the_request_timeout_ends_the_wait(
        tmp_path, llm_env, monkeypatch):
    # BRIEFING_TIMEOUT as short as the article's limit: the wait for the abandoned answer is
    # cut by it too, and the server, still computing, is asked when it is free (its
    # /v1/models answers after the answer under way, as llama-cpp-python's does).
    monkeypatch.setenv("BRIEFING_TIMEOUT", "1")
    with FaultServer(serial=True, latency=0.3, latencies=(2.0,)) as server:
        report = run_batch(articles(tmp_path, 2),
                           options(tmp_path, server, concurrency=1, article_timeout=1.0))
    first, second = report.results
    assert first.status == "failed" and first.attempts == 1
    assert "busy" in (first.reason or "")
    assert second.status == "ok", second.reason
    assert server.max_waiting == 0


def test_a_reask_still_waiting_for_its_rate_limit_turn_is_not_sent_after_the_limit(
        tmp_path, llm_env, monkeypatch):
    monkeypatch.setenv("BRIEFING_MAX_REASKS", "1")
    with FaultServer(serial=True, rate_malformed=1.0) as server:  # every answer needs a re-ask
        report = run_batch(articles(tmp_path, 1), options(
            tmp_path, server, concurrency=1, article_timeout=1.0, rpm=1))  # re-ask: in 60 s
        assert server.wait_idle()
    result = report.results[0]
    assert result.status == "failed" and result.seconds < 3
    assert server.requests == 1 and result.attempts == 1 and result.prompt_tokens > 0
