"""The LLM path against the local fault-injecting server (200 ms latency, no faults).

Wall time of N articles at concurrency C through `batch` (the async client, instructor,
grounding, rendering, manifest), as a ratio to the ideal N x latency / C. Also model calls per
article, and the calls a cached rerun makes.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, Row

sys.path.insert(0, str(ROOT / "tests"))
LATENCY = 0.2


def _articles(folder: Path, n: int) -> list[str]:
    from scale import article

    src = folder / f"in-{n}.jsonl"
    src.write_text("".join(json.dumps(article(i)) + "\n" for i in range(n)))
    return [str(src)]


def measure(quick: bool = False) -> list[Row]:
    from faultserver import FaultServerProcess

    from briefing.batch.cache import BriefingCache
    from briefing.batch.runner import BatchOptions, run_batch

    os.environ.setdefault("BRIEFING_API_KEY", "benchmark-not-a-key")
    sizes = (100,) if quick else (100, 1000)
    levels = (1, 4, 16, 64)
    rows: list[Row] = []
    with FaultServerProcess(latency=LATENCY) as server, tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warm = BatchOptions(output=folder / "warm", model="openai-compatible/bench",
                            base_url=server.base_url, concurrency=4)
        run_batch(_articles(folder, 4), warm)  # imports and client set-up are not per article
        for n in sizes:
            inputs = _articles(folder, n)
            for c in levels:
                if quick and c == 1 and n > 100:
                    continue
                out = folder / f"out-{n}-{c}"
                opts = BatchOptions(output=out, model="openai-compatible/bench",
                                    base_url=server.base_url, concurrency=c,
                                    cache=BriefingCache(folder / f"cache-{n}-{c}.sqlite"))
                before = server.requests
                start = time.perf_counter()
                report = run_batch(inputs, opts)
                wall = time.perf_counter() - start
                calls = server.requests - before
                ideal = n * LATENCY / c
                target = {16: "<= 1.25x (issue 9); <= 2.5x (issue 6)"}.get(c, "")
                rows.append(Row("LLM path", f"{n} articles, concurrency {c}", wall, "s",
                                "ideal N x 0.2 s / C", ideal, wall / ideal, target,
                                wall / ideal <= 1.25 if c == 16 else None))
                if c == 16:
                    rows.append(Row("LLM path", f"model calls per article ({n})",
                                    calls / n, "calls", target="1.0",
                                    met=calls == n and report.count("ok") == n))
                    before = server.requests
                    rerun = run_batch(inputs, opts)
                    rows.append(Row("LLM path", f"model calls on a cached rerun ({n})",
                                    server.requests - before, "calls", target="0",
                                    met=server.requests == before
                                    and rerun.count("skipped") == n))
    return rows
