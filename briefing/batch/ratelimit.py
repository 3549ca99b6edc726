"""Requests-per-minute and tokens-per-minute limits over a sliding 60-second window."""

from __future__ import annotations

import asyncio
import time
from collections import deque


class RateLimiter:
    """Waits until one more request of ``tokens`` fits under both limits (None: no limit)."""

    def __init__(self, rpm: int | None = None, tpm: int | None = None) -> None:
        self.rpm, self.tpm = rpm, tpm
        self._events: deque[tuple[float, int]] = deque()
        self._lock = asyncio.Lock()

    def _prune(self, now: float) -> None:
        while self._events and now - self._events[0][0] >= 60.0:
            self._events.popleft()

    def _wait_time(self, now: float, tokens: int) -> float:
        self._prune(now)
        waits = [0.0]
        if self.rpm and len(self._events) >= self.rpm:
            waits.append(60.0 - (now - self._events[len(self._events) - self.rpm][0]))
        if self.tpm:
            used = sum(t for _, t in self._events)
            excess = used + min(tokens, self.tpm) - self.tpm
            for ts, t in self._events:  # the wait until enough old tokens leave the window
                if excess <= 0:
                    break
                excess -= t
                waits.append(60.0 - (now - ts))
        return max(waits)

    async def acquire(self, tokens: int = 0) -> None:
        if not self.rpm and not self.tpm:
            return
        async with self._lock:
            while True:
                now = time.monotonic()
                wait = self._wait_time(now, tokens)
                if wait <= 0:
                    self._events.append((now, tokens))
                    return
                await asyncio.sleep(wait)
