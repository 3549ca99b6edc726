"""Rate limits (briefing.throttle): the window, turns per model request, token reconciliation.

The limiter's own tests run on a fake clock (waiting advances it), so they are instant and
exact. The engine tests send real HTTP to the local fault server (tests/faultserver.py) and
compare what the limiter counted with what the server received.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import NOW, story
from faultserver import FaultServer, answer_for

from briefing.batch import runner
from briefing.batch.runner import BatchOptions, run_batch
from briefing.clean.article import clean_text
from briefing.config import Settings, load_settings
from briefing.errors import ModelError
from briefing.schema import Article, Usage
from briefing.throttle import RateLimiter, Reservation

pytest.importorskip("instructor", reason="the LLM engine needs instructor and openai")

from briefing.engines.llm import LLMEngine


class FakeClock:
    """Time that only moves when the limiter waits: a wait ends exactly at its deadline."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep_sync(self, seconds: float) -> None:
        self.now += seconds

    async def sleep(self, seconds: float) -> None:
        self.sleep_sync(seconds)
        await asyncio.sleep(0)


def fake_limiter(rpm: int | None = None, tpm: int | None = None,
                 clock: FakeClock | None = None) -> tuple[RateLimiter, FakeClock]:
    clock = clock or FakeClock()
    return RateLimiter(rpm, tpm, clock=clock, sleep=clock.sleep,
                       sleep_sync=clock.sleep_sync), clock


def most_in_a_window(times: Iterable[float], weights: Iterable[int] | None = None,
                     period: float = 60.0) -> int:
    """The largest sum of ``weights`` (default 1 each) over any ``period``-long window."""
    times = list(times)
    pairs = sorted(zip(times, [1] * len(times) if weights is None else weights, strict=True))
    return max((sum(w for t, w in pairs if start <= t < start + period)
                for start, _ in pairs), default=0)


def run(coro: Any, limit: float = 2.0) -> Any:
    """Run ``coro``; a limiter that deadlocks fails the test instead of hanging it."""
    return asyncio.run(asyncio.wait_for(coro, limit))


async def burst(limiter: RateLimiter, tokens: list[int]) -> list[float]:
    """Acquire concurrently; the turn each got, in arrival order. (Each waits, on the fake
    clock, until its turn; reading the shared clock afterwards would show the latest.)"""
    async def one(n: int) -> float:
        turn = await limiter.acquire(n)
        assert turn is not None and limiter._clock() >= turn.at
        return turn.at

    return list(await asyncio.gather(*(one(n) for n in tokens)))


# -- the window -----------------------------------------------------------------------


def test_rpm_cap_holds_across_a_burst():
    limiter, _ = fake_limiter(rpm=3)
    times = run(burst(limiter, [0] * 10))
    assert times == [0, 0, 0, 60, 60, 60, 120, 120, 120, 180]
    assert most_in_a_window(times) == 3 and limiter.requests == 10


def test_tpm_waits_for_old_tokens_to_leave_the_window():
    limiter, _ = fake_limiter(tpm=1000)
    times = run(burst(limiter, [400] * 5))
    assert times == [0, 0, 60, 60, 120]
    assert most_in_a_window(times, [400] * 5) <= 1000


def test_both_limits_at_once_and_nobody_is_overtaken():
    limiter, _ = fake_limiter(rpm=10, tpm=1000)
    # The 900-token request must wait for the 600 to leave; the small one after it waits
    # too (arrival order), or small requests could starve a large one forever.
    times = run(burst(limiter, [600, 900, 10]))
    assert times == [0, 60, 60]


def test_no_limits_means_no_waiting_and_no_bookkeeping():
    limiter, _ = fake_limiter()
    assert run(limiter.acquire(10**9)) is None and limiter.requests == 0


def test_a_request_over_the_whole_budget_runs_alone_and_never_deadlocks():
    limiter, _ = fake_limiter(tpm=1000)
    assert run(burst(limiter, [5000])) == [0]  # empty window: it runs at once
    limiter, _ = fake_limiter(tpm=1000)
    times = run(burst(limiter, [10, 5000, 10, 5000]))
    assert times == [0, 60, 120, 180]  # each big one waits for an empty window, then alone


def test_sync_and_async_callers_share_one_window():
    limiter, clock = fake_limiter(rpm=2)
    assert limiter.acquire_sync() is not None and clock() == 0
    assert run(burst(limiter, [0, 0])) == [0, 60]
    limiter.acquire_sync()
    assert clock() == 60
    limiter.acquire_sync()
    assert clock() == 120


def test_threads_on_a_real_clock_keep_the_cap():
    limiter = RateLimiter(rpm=2, period=0.2)
    turns: list[Reservation] = []
    lock = threading.Lock()

    def take() -> None:
        turn = limiter.acquire_sync(1)
        with lock:
            assert turn is not None
            turns.append(turn)

    start = time.monotonic()
    threads = [threading.Thread(target=take) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(2)
    assert len(turns) == 6 and time.monotonic() - start >= 0.4 - 0.01
    assert most_in_a_window([t.at for t in turns], period=0.2) == 2


def test_a_cancelled_wait_gives_its_turn_back():
    clock = FakeClock()

    async def stuck(seconds: float) -> None:  # a wait that only cancellation ends
        await asyncio.Event().wait()

    limiter = RateLimiter(rpm=1, clock=clock, sleep=stuck, sleep_sync=clock.sleep_sync)

    async def scenario() -> None:
        await limiter.acquire()
        waiting = asyncio.create_task(limiter.acquire())  # its turn would be at 60
        await asyncio.sleep(0)
        waiting.cancel()  # an article's timeout
        with pytest.raises(asyncio.CancelledError):
            await waiting
        assert limiter.requests == 1

    run(scenario())
    limiter.acquire_sync()
    assert clock() == 60  # the freed turn went to the next caller, not 120


# -- token reconciliation ---------------------------------------------------------------


def test_reconciling_an_underestimate_delays_the_next_request():
    limiter, _ = fake_limiter(tpm=1000)

    async def scenario() -> list[float]:
        turn = await limiter.acquire(100)
        limiter.reconcile(turn, 900)  # the answer used far more than reserved
        return await burst(limiter, [200])

    assert run(scenario()) == [60]
    assert limiter.tokens == 900 + 200


def test_reconciling_an_overestimate_frees_the_budget_at_once():
    limiter, _ = fake_limiter(tpm=1000)

    async def scenario() -> list[float]:
        turn = await limiter.acquire(900)
        limiter.reconcile(turn, 100)
        return await burst(limiter, [800])

    assert run(scenario()) == [0]
    assert limiter.tokens == 100 + 800


def test_tpm_holds_over_a_run_and_reconciling_lets_more_through():
    # As in the engines, each estimate is an upper bound (prompt + max_tokens): at 900 a
    # request, unreconciled, only one would run a minute (ten: nine minutes).
    limiter, clock = fake_limiter(tpm=1000)
    actual = [300, 50, 700, 10, 400, 600, 250, 900, 100, 20]

    async def scenario() -> list[float]:
        times = []
        for used in actual:
            turn = await limiter.acquire(900)
            times.append(clock())
            limiter.reconcile(turn, used)
        return times

    times = run(scenario())
    assert most_in_a_window(times, actual) <= 1000
    assert limiter.tokens == sum(actual)
    assert times[-1] < 9 * 60


def test_a_prepaid_turn_serves_the_first_request_and_is_given_back_unused():
    limiter, clock = fake_limiter(rpm=1)

    async def scenario() -> None:
        first = await limiter.acquire(500)
        with limiter.prepaid(first):
            again = await limiter.acquire(700)  # no wait, and re-estimated
            assert again is first and first.tokens == 700 and clock() == 0
            second = await limiter.acquire(1)  # the next request waits its turn
            assert second is not first and clock() == 60
        unused = await limiter.acquire(5)
        assert clock() == 120
        with limiter.prepaid(unused):
            pass  # the article never reached the model: its turn is given back
        assert limiter.requests == 2 and limiter.tokens == 701

    run(scenario())


# -- every model request takes a turn ------------------------------------------------------


def settings(server: FaultServer, **flags: Any) -> Settings:
    return load_settings(env={"BRIEFING_API_KEY": "test-key-not-secret"},
                         path=Path("/nonexistent"),
                         **{"model": "openai-compatible/fault", "base_url": server.base_url,
                            "max_reasks": 2, "max_retries": 2, "timeout": 5.0, **flags})


def article() -> Article:
    return clean_text(story("Ann Lee opened the new library in Paris on Monday, the city said."))


async def aextract(engine: LLMEngine, art: Article) -> Usage:
    """The article's usage, whether the engine kept an answer or gave up."""
    try:
        b = await engine.aextract(art, now=NOW)
        assert b.provenance.usage is not None
        return b.provenance.usage
    except ModelError as exc:
        assert isinstance(exc.usage, Usage)
        return exc.usage
    finally:
        await engine.aclose()


@pytest.mark.usefixtures("warm")
def test_every_reask_takes_a_turn_and_its_usage_replaces_the_estimate():
    limiter = RateLimiter(rpm=1000, tpm=10**7)
    with FaultServer(rate_malformed=1.0) as server:
        engine = LLMEngine(settings(server))
        engine.use_limiter(limiter)
        usage = run(aextract(engine, article()), limit=10)
    assert server.requests == 3 and usage.requests == 3  # the answer and two re-asks
    assert limiter.requests == 3
    assert limiter.tokens == usage.total_tokens > 0  # all three reconciled


@pytest.mark.usefixtures("warm")
def test_transport_retries_take_a_turn_each():
    limiter = RateLimiter(rpm=1000)
    with FaultServer(rate_429=1.0, retry_after=0.01) as server:
        engine = LLMEngine(settings(server))
        engine.use_limiter(limiter)
        usage = run(aextract(engine, article()), limit=10)
    assert server.requests == 3 and usage.requests == 0  # one try, two retries, no answer
    assert limiter.requests == 3
    # No usage came back: each turn keeps its estimate (prompt/4 + max_tokens).
    assert limiter.tokens > 3 * 1500


@pytest.fixture(scope="module")
def warm() -> None:
    """Import openai and instructor once (seconds on a slow machine), outside the tests."""
    with FaultServer() as server:
        engine = LLMEngine(settings(server))
        engine.client(is_async=True)
        engine.client().client.close()


@pytest.mark.usefixtures("warm")
def test_the_sync_path_takes_turns_too():
    limiter = RateLimiter(rpm=1000, tpm=10**7)
    with FaultServer() as server:
        engine = LLMEngine(settings(server))
        engine.use_limiter(limiter)
        b = engine.extract(article(), now=NOW)
        engine.client().client.close()
    assert server.requests == 1 and limiter.requests == 1
    assert b.provenance.usage is not None and limiter.tokens == b.provenance.usage.total_tokens


@pytest.mark.usefixtures("warm")
def test_the_first_estimate_is_close_to_the_request_sent():
    seen: list[int] = []

    class Watch(RateLimiter):
        async def acquire(self, tokens: int = 0) -> Reservation | None:
            seen.append(tokens)
            return await super().acquire(tokens)

    art = article()
    with FaultServer() as server:
        engine = LLMEngine(settings(server))
        engine.use_limiter(Watch(tpm=10**7))
        run(aextract(engine, art), limit=10)
    guess = engine.estimate_tokens(art)
    assert len(seen) == 1 and abs(seen[0] - guess) < 0.2 * guess
    assert guess > 1500 + len(art.text) // 4  # the answer cap, the article, the rest


@pytest.mark.usefixtures("warm")
def test_the_local_engine_takes_a_turn_per_generation(monkeypatch):
    local = pytest.importorskip("briefing.engines.local")
    from openai.types.chat import ChatCompletion

    art = article()
    good = json.dumps(answer_for(art.text))
    answers = [good[:-7] + "}}]oops", good]  # an invalid answer, then the re-ask's

    class FakeLlama:
        def create_chat_completion_openai_v1(self, **kwargs: Any) -> ChatCompletion:
            content = answers.pop(0)
            return ChatCompletion.model_validate({
                "id": "x", "object": "chat.completion", "created": 0, "model": "local",
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": content}}],
                "usage": {"prompt_tokens": 100, "completion_tokens": 20,
                          "total_tokens": 120}})

    monkeypatch.setattr(local, "gguf_path", lambda: Path("/nonexistent.gguf"))
    monkeypatch.setattr(local, "_llama", lambda path: FakeLlama())
    monkeypatch.setattr(local.LocalEngine, "isolate", False)  # the fake lives in this process
    engine = local.LocalEngine(replace(load_settings(env={}, path=Path("/nonexistent"),
                                                     model="local"), max_reasks=1))
    limiter, clock = fake_limiter(rpm=1)
    engine.use_limiter(limiter)
    b = engine.extract(art, now=NOW)
    assert not answers and b.provenance.usage is not None and b.provenance.usage.requests == 2
    assert limiter.requests == 2 and limiter.tokens == 240
    assert clock() == 60  # rpm=1: the re-ask waited for the next minute


# -- a batch -----------------------------------------------------------------------------


@pytest.mark.usefixtures("warm")
def test_a_batch_keeps_rpm_and_tpm_over_every_request(tmp_path, monkeypatch):
    clock = FakeClock()
    made: list[Recording] = []

    class Recording(RateLimiter):
        """Remembers every turn it handed out (the waiting is on the fake clock)."""

        def __init__(self, rpm: int | None, tpm: int | None) -> None:
            super().__init__(rpm, tpm, clock=clock, sleep=clock.sleep,
                             sleep_sync=clock.sleep_sync)
            self.turns: dict[int, Reservation] = {}
            made.append(self)

        async def acquire(self, tokens: int = 0) -> Reservation | None:
            turn = await super().acquire(tokens)
            assert turn is not None
            self.turns[id(turn)] = turn
            return turn

    monkeypatch.setattr(runner, "RateLimiter", Recording)
    monkeypatch.setenv("BRIEFING_API_KEY", "test-key-not-secret")
    monkeypatch.setenv("BRIEFING_MAX_RETRIES", "2")
    monkeypatch.setenv("BRIEFING_MAX_REASKS", "1")
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"a{i}", "text": story(
        f"Ann Lee opened the new library in Paris on day {i}, the city said.")}) + "\n"
        for i in range(6)))
    with FaultServer(rate_429=0.2, rate_malformed=0.2, retry_after=0.01, seed=3) as server:
        report = run_batch([str(src)], BatchOptions(
            output=None, model="openai-compatible/fault", base_url=server.base_url,
            concurrency=6, rpm=3, tpm=6_000))
    limiter = made[0]
    turns = list(limiter.turns.values())
    assert server.faults["429"] and server.faults["malformed"]  # retries and re-asks happened
    assert len(report.results) == 6
    assert limiter.requests == len(turns) == server.requests  # every request, no more
    assert most_in_a_window([t.at for t in turns]) <= 3
    assert most_in_a_window([t.at for t in turns], [t.tokens for t in turns]) <= 6_000
    assert clock() >= 60 * (server.requests // 3 - 1)  # the batch really waited
