import asyncio
import json
from pathlib import Path

import pytest
from conftest import NOW, FakeEngine, story

from briefing.batch.cache import BriefingCache
from briefing.batch.manifest import read_manifest
from briefing.batch.runner import BatchOptions, expand_inputs, run_batch
from briefing.engines import register_engine
from briefing.errors import EngineError, TruncatedError


class FlakyAsyncEngine(FakeEngine):
    """An async engine that fails on chosen articles, like a model call would."""

    name = "flaky"

    def __init__(self, fail_on: set[str] | None = None, truncate_on: set[str] | None = None,
                 delay: float = 0.0) -> None:
        super().__init__()
        self.fail_on, self.truncate_on, self.delay = fail_on or set(), truncate_on or set(), delay
        self.in_flight = self.max_in_flight = 0
        self.prompt_version = "v1"

    @property
    def fingerprint(self) -> str:
        return f"flaky/prompt-{self.prompt_version}"

    async def aextract(self, article, *, now):
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delay)
            marker = article.text.split()[0]
            if marker in self.fail_on:
                self.calls += 1
                raise EngineError("HTTP 500 from the model server")
            if marker in self.truncate_on:
                self.calls += 1
                raise TruncatedError("the answer was cut at max_tokens")
            return self.extract(article, now=now)
        finally:
            self.in_flight -= 1


def make_inputs(folder: Path, n: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(story(f"W{i} Ann Lee spoke in Paris on day {i}."))
    return [str(folder)]


def opts(tmp_path: Path, model: str, **kw) -> BatchOptions:
    cache = BriefingCache(tmp_path / "cache.sqlite") if kw.pop("cache", True) else None
    return BatchOptions(output=tmp_path / "out", model=model, now=NOW, cache=cache, **kw)


@pytest.fixture
def flaky():
    engine = FlakyAsyncEngine()
    register_engine("flaky", lambda settings: engine)
    return engine


def test_expand_inputs_recurses_by_extension(tmp_path):
    (tmp_path / "d" / "sub").mkdir(parents=True)
    for name in ("d/a.txt", "d/sub/b.html", "d/c.pdf", "d/.hidden/x.txt", "d/e.jsonl"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    got = [Path(p).relative_to(tmp_path).as_posix() for p in expand_inputs([str(tmp_path / "d")])]
    assert got == ["d/a.txt", "d/e.jsonl", "d/sub/b.html"]


def test_batch_writes_outputs_and_a_manifest_that_agree(tmp_path, fake_engine):
    inputs = make_inputs(tmp_path / "in", 5)
    (tmp_path / "in" / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n....")
    report = run_batch(inputs, opts(tmp_path, "fake", formats=("json", "md")))
    assert (report.count("ok"), report.failed) == (5, 1)
    manifest = read_manifest(tmp_path / "out" / "manifest.jsonl")
    assert len(manifest) == 6
    for entry in manifest.values():
        if entry.status == "ok":
            assert len(entry.outputs) == 2 and all(Path(p).is_file() for p in entry.outputs)
            data = json.loads(Path(entry.outputs[0]).read_text())
            assert data["article"]["content_sha256"] == entry.content_sha256
        else:
            assert entry.outputs == [] and "PNG image" in entry.reason


def test_rerun_makes_no_engine_calls_and_changed_engine_calls_again(tmp_path, flaky):
    inputs = make_inputs(tmp_path / "in", 6)
    first = run_batch(inputs, opts(tmp_path, "flaky"))
    assert first.engine_calls == 6 and flaky.calls == 6
    again = run_batch(inputs, opts(tmp_path, "flaky"))
    assert again.engine_calls == 0 and again.count("skipped") == 6 and flaky.calls == 6
    # A fresh output folder still hits the cache: nothing is paid for twice.
    fresh = run_batch(inputs, BatchOptions(output=tmp_path / "out2", model="flaky", now=NOW,
                                           cache=BriefingCache(tmp_path / "cache.sqlite")))
    assert fresh.engine_calls == 0 and fresh.cache_hits == 6
    flaky.prompt_version = "v2"  # a changed prompt must miss the cache
    changed = run_batch(inputs, BatchOptions(output=tmp_path / "out3", model="flaky",
                                             now=NOW, cache=BriefingCache(tmp_path /
                                                                          "cache.sqlite")))
    assert changed.engine_calls == 6


def test_failures_are_isolated_and_retry_failed_redoes_only_them(tmp_path, flaky):
    inputs = make_inputs(tmp_path / "in", 10)
    flaky.fail_on, flaky.truncate_on = {"W2", "W5"}, {"W7"}
    report = run_batch(inputs, opts(tmp_path, "flaky", concurrency=3))
    assert report.count("ok") == 7 and report.count("failed") == 2
    assert report.count("truncated") == 1
    reasons = {r.reason for r in report.results if r.status != "ok"}
    assert "HTTP 500 from the model server" in reasons
    flaky.fail_on, flaky.truncate_on = set(), set()
    plain = run_batch(inputs, opts(tmp_path, "flaky"))
    assert plain.engine_calls == 0 and plain.failed == 3  # failures stay failed unless asked
    calls_before = flaky.calls
    retried = run_batch(inputs, opts(tmp_path, "flaky", retry_failed=True))
    assert retried.engine_calls == 3 and flaky.calls - calls_before == 3
    assert retried.count("ok") == 3 and retried.count("skipped") == 7


def test_concurrency_is_bounded_and_used(tmp_path, flaky):
    flaky.delay = 0.05
    inputs = make_inputs(tmp_path / "in", 12)
    report = run_batch(inputs, opts(tmp_path, "flaky", concurrency=4, cache=False))
    assert report.count("ok") == 12
    assert flaky.max_in_flight == 4


def test_budget_defers_the_rest(tmp_path, fake_engine):
    from briefing.schema import Usage

    original = fake_engine.extract

    def costly(article, *, now):
        b = original(article, now=now)
        b.provenance.usage = Usage(prompt_tokens=900, completion_tokens=100, total_tokens=1000,
                                   requests=1)
        return b

    fake_engine.extract = costly
    inputs = make_inputs(tmp_path / "in", 5)
    report = run_batch(inputs, opts(tmp_path, "fake", concurrency=1, budget_tokens=2500))
    assert report.count("ok") == 3 and report.count("deferred") == 2
    assert report.prompt_tokens == 2700 and report.model_requests == 3


def test_quality_gate_and_jsonl_lines_in_a_batch(tmp_path, fake_engine):
    src = tmp_path / "x.jsonl"
    src.write_text(json.dumps({"text": story("Ann Lee spoke."), "id": "good"}) + "\n"
                   + json.dumps({"text": "Too short.", "id": "short"}) + "\n{bad json\n")
    report = run_batch([str(src)], opts(tmp_path, "fake"))
    by_id = {r.id: r for r in report.results}
    assert by_id["good"].status == "ok"
    assert by_id["short"].status == "failed" and "too short" in by_id["short"].reason
    assert report.failed == 2
