"""The offline engine over the 96 Giveme5W1H articles: speed and peak memory, next to the naive
baseline the data set's README describes (capitalised words for who, capitalised words after
in/at/near for where, the title for what) run on the same articles in the same run."""

from __future__ import annotations

import json
import re
import time
import tracemalloc
from datetime import datetime, timezone

from common import SHARED, Row

DATA = SHARED / "data" / "giveme5w1h"
NOW = datetime(2026, 11, 24, tzinfo=timezone.utc)
_CAPS = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_WHERE = re.compile(r"\b(?:in|at|near)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)")


def naive(text: str, title: str) -> dict[str, list[str]]:
    return {"who": _CAPS.findall(text)[:3], "where": _WHERE.findall(text)[:3],
            "what": [title], "when": []}


def measure(quick: bool = False) -> list[Row]:
    from g5w import load_article

    from briefing.engines.extractive import ExtractiveEngine

    docs = [json.loads(p.read_text()) for p in sorted(DATA.glob("*.json"))]
    articles = [load_article(d) for d in docs]
    engine = ExtractiveEngine()
    engine.extract(articles[0], now=NOW)  # the gazetteer loads once per process
    rounds = 1 if quick else 3
    start = time.perf_counter()
    for _ in range(rounds):
        for a in articles:
            engine.extract(a, now=NOW)
    ours = rounds * len(articles) / (time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(rounds):
        for a in articles:
            naive(a.text, a.title or "")
    base = rounds * len(articles) / (time.perf_counter() - start)
    tracemalloc.start()
    for a in articles:
        engine.extract(a, now=NOW)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return [
        Row("offline engine", "articles per second (1 core)", ours, "articles/s",
            "naive regex baseline", base, ours / base, ">= 20 articles/s", ours >= 20),
        Row("offline engine", "peak traced memory per pass", peak, "MB"),
    ]
