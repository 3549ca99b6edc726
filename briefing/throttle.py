"""Requests and tokens per minute, over a sliding window, counted per model request.

The batch makes one :class:`RateLimiter` from ``--rpm``/``--tpm`` and hands it to the engine
(:meth:`briefing.engines.Engine.use_limiter`); an engine that makes model requests takes a
turn for each one (first answer, every re-ask, every transport retry) and, once the answer's
usage is known, :meth:`~RateLimiter.reconcile` replaces the reserved estimate by the tokens
really used. It lives here, outside ``briefing.batch``, because engines may not import the
batch.

Turns are handed out in arrival order, each at the earliest moment at which it fits under
both limits given every turn handed out before it (including turns that are still in the
future): nobody is overtaken, so a large request is never starved by small ones. A request
whose estimate alone exceeds ``tpm`` is not refused: it waits until the window holds no
tokens, runs alone, and counts in full, so the next one waits until it has left the window.
The state is guarded by a thread lock held only while computing a turn, never while waiting,
so the same limiter serves coroutines (``acquire``) and worker threads (``acquire_sync``).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol

PERIOD = 60.0  # seconds: "per minute"


@dataclass(eq=False)
class Reservation:
    """One request's turn: when it counts in the window and how many tokens it counts for."""

    at: float
    tokens: int


class Limiter(Protocol):
    """What an engine needs from a rate limiter (see :class:`RateLimiter`)."""

    async def acquire(self, tokens: int = 0) -> Reservation | None:
        """Wait for the turn of one request estimated at ``tokens``; None: no limits."""

    def acquire_sync(self, tokens: int = 0) -> Reservation | None:
        """:meth:`acquire` for a worker thread (blocks it)."""

    def reconcile(self, reservation: Reservation | None, tokens: int) -> None:
        """The request's real usage is known: count ``tokens`` instead of the estimate."""


class _Prepaid:
    """A turn taken before an article started, for the first request the article makes."""

    def __init__(self, limiter: RateLimiter, reservation: Reservation | None) -> None:
        self.limiter, self.reservation = limiter, reservation


_PREPAID: ContextVar[_Prepaid | None] = ContextVar("briefing_throttle_prepaid", default=None)


class RateLimiter:
    """At most ``rpm`` requests and ``tpm`` tokens in any ``period`` seconds (None or 0: no
    limit). ``clock``, ``sleep`` and ``sleep_sync`` are for tests (a fake clock)."""

    def __init__(self, rpm: int | None = None, tpm: int | None = None, *,
                 period: float = PERIOD, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
                 sleep_sync: Callable[[float], object] = time.sleep) -> None:
        if (rpm is not None and rpm < 0) or (tpm is not None and tpm < 0) or period <= 0:
            raise ValueError("rpm, tpm and period must be positive")
        self.rpm, self.tpm, self.period = rpm or None, tpm or None, period
        self._clock, self._sleep, self._sleep_sync = clock, sleep, sleep_sync
        self._events: deque[Reservation] = deque()  # in the window or ahead, oldest first
        self._lock = threading.Lock()
        self.requests = 0  # turns handed out (cancelled ones excepted)
        self.tokens = 0  # tokens counted for them, reconciled where usage was known

    @property
    def limited(self) -> bool:
        return self.rpm is not None or self.tpm is not None

    # -- turns -------------------------------------------------------------------------
    def _schedule(self, tokens: int) -> Reservation:
        """The earliest turn that fits, recorded now (the caller waits until ``at``)."""
        tokens = max(0, tokens)
        with self._lock:
            now = self._clock()
            events = self._events
            while events and now - events[0].at >= self.period:
                events.popleft()
            at = max(now, events[-1].at) if events else now  # arrival order: nobody overtakes
            if self.rpm is not None and len(events) >= self.rpm:
                at = max(at, events[-self.rpm].at + self.period)
            if self.tpm is not None:
                # Oldest turns must leave the window until this one fits; one larger than
                # the whole budget needs an empty window (min), then runs alone.
                excess = sum(e.tokens for e in events) + min(tokens, self.tpm) - self.tpm
                for event in events:
                    if excess <= 0:
                        break
                    excess -= event.tokens
                    at = max(at, event.at + self.period)
            reservation = Reservation(at, tokens)
            events.append(reservation)
            self.requests += 1
            self.tokens += tokens
            return reservation

    def _take_prepaid(self, tokens: int) -> Reservation | None:
        holder = _PREPAID.get()
        if holder is None or holder.limiter is not self:
            return None
        with self._lock:
            reservation, holder.reservation = holder.reservation, None
            if reservation is not None:  # the request's own estimate replaces the article's
                self.tokens += max(0, tokens) - reservation.tokens
                reservation.tokens = max(0, tokens)
        return reservation

    def _turn(self, tokens: int) -> tuple[Reservation | None, bool]:
        """The request's reservation, and whether it must still wait for its time (a
        prepaid turn or no limit: it goes at once)."""
        if not self.limited:
            return None, False
        prepaid = self._take_prepaid(tokens)
        if prepaid is not None:
            return prepaid, False
        return self._schedule(tokens), True

    async def acquire(self, tokens: int = 0) -> Reservation | None:
        reservation, waits = self._turn(tokens)
        if reservation is None or not waits:
            return reservation
        try:
            while (wait := reservation.at - self._clock()) > 0:
                await self._sleep(wait)
        except BaseException:  # cancelled (an article's timeout): the turn was not used
            self.cancel(reservation)
            raise
        return reservation

    def acquire_sync(self, tokens: int = 0) -> Reservation | None:
        reservation, waits = self._turn(tokens)
        if reservation is None or not waits:
            return reservation
        try:
            while (wait := reservation.at - self._clock()) > 0:
                self._sleep_sync(wait)
        except BaseException:
            self.cancel(reservation)
            raise
        return reservation

    def reconcile(self, reservation: Reservation | None, tokens: int) -> None:
        """Count ``tokens`` (the real usage) for ``reservation`` instead of its estimate; the
        difference moves the budget of the window it is in (if it is still in one)."""
        if reservation is None:
            return
        with self._lock:
            tokens = max(0, tokens)
            self.tokens += tokens - reservation.tokens
            reservation.tokens = tokens

    def cancel(self, reservation: Reservation | None) -> None:
        """The request was never sent: give its turn back."""
        if reservation is None:
            return
        with self._lock:
            if reservation in self._events:  # else it has already left the window
                self._events.remove(reservation)
            self.requests -= 1
            self.tokens -= reservation.tokens

    @contextmanager
    def prepaid(self, reservation: Reservation | None) -> Iterator[None]:
        """Within this block (its tasks and threads), the next :meth:`acquire` or
        :meth:`acquire_sync` gets ``reservation`` at once, re-estimated, instead of waiting.

        The batch takes an article's first turn before the article's timeout starts, so that
        waiting for the rate limits never times an article out; the engine's first request
        then uses it. A turn still unused at the end of the block is given back.
        """
        holder = _Prepaid(self, reservation)
        token = _PREPAID.set(holder)
        try:
            yield
        finally:
            _PREPAID.reset(token)
            with self._lock:
                unused, holder.reservation = holder.reservation, None
            self.cancel(unused)
