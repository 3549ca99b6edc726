"""Batch runs against the local fault-injecting OpenAI-compatible server (no internet)."""

import json

import pytest
from conftest import story
from faultserver import FaultServer

from briefing.batch.cache import BriefingCache
from briefing.batch.runner import BatchOptions, run_batch

pytest.importorskip("instructor", reason="the LLM engine needs instructor and openai")


@pytest.fixture
def llm_env(monkeypatch):
    monkeypatch.setenv("BRIEFING_API_KEY", "test-key-not-secret")
    monkeypatch.setenv("BRIEFING_TIMEOUT", "1")  # a stalled call fails in a second
    monkeypatch.setenv("BRIEFING_MAX_RETRIES", "1")


def articles(tmp_path, n: int):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"a{i:02d}", "text": story(
        f"Ann Lee opened the new library in Paris on day {i}, the city said.")}) + "\n"
        for i in range(n)))
    return [str(src)]


def options(tmp_path, server, **kw):
    return BatchOptions(output=tmp_path / "out", model="openai-compatible/fault",
                        base_url=server.base_url, concurrency=8,
                        cache=BriefingCache(tmp_path / "cache.sqlite"), **kw)


def test_faults_end_ok_or_failed_and_a_rerun_pays_only_for_failures(tmp_path, llm_env):
    inputs = articles(tmp_path, 50)
    with FaultServer(latency=0.01, rate_429=0.05, rate_500=0.05, rate_stall=0.03,
                     rate_truncated=0.04, rate_malformed=0.03, stall=5, seed=7) as server:
        first = run_batch(inputs, options(tmp_path, server))
        assert sum(server.faults.values()) >= 5  # the faults really happened
        statuses = {r.status for r in first.results}
        assert statuses <= {"ok", "failed", "truncated"} and len(first.results) == 50
        bad = [r for r in first.results if r.status != "ok"]
        assert bad, "with these rates some articles must fail for the test to mean much"
        assert all(r.reason for r in bad)
        assert any(r.status == "truncated" for r in bad)

        server.set_rates(rate_429=0, rate_500=0, rate_stall=0, rate_truncated=0,
                         rate_malformed=0)
        before = server.requests
        again = run_batch(inputs, options(tmp_path, server, retry_failed=True))
        assert server.requests - before == len(bad)  # one call per failure, none for the rest
        assert again.count("ok") == len(bad) and again.count("skipped") == 50 - len(bad)

        before = server.requests
        done = run_batch(inputs, options(tmp_path, server))
        assert server.requests == before and done.engine_calls == 0
        assert done.count("skipped") == 50


def test_usage_and_attempts_reach_the_manifest(tmp_path, llm_env):
    with FaultServer(latency=0.0) as server:
        report = run_batch(articles(tmp_path, 3), options(tmp_path, server))
    assert report.count("ok") == 3 and report.model_requests == 3
    lines = [json.loads(x) for x in (tmp_path / "out" / "manifest.jsonl").read_text()
             .splitlines()]
    assert all(x["attempts"] == 1 and x["prompt_tokens"] > 0 for x in lines)


def test_tokens_spent_on_a_failed_article_are_reported(tmp_path, llm_env):
    with FaultServer(latency=0.0, rate_truncated=1.0) as server:
        report = run_batch(articles(tmp_path, 2), options(tmp_path, server))
    assert report.count("truncated") == 2
    assert all(r.prompt_tokens > 0 and r.attempts == 1 for r in report.results)
    assert report.prompt_tokens > 0 and report.model_requests == 2
