"""Scale: N small articles through `batch` with the offline engine, in a fresh process per N.

Time per article and peak memory (max RSS) at N and at 10 x N must stay flat. Run directly as
`python benchmarks/scale.py --child N DIR` to measure one size (prints JSON).
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, Row

CITIES = ["Lisbon", "Dresden", "Nairobi", "Osaka", "Lima", "Tallinn", "Accra", "Hanoi"]
PEOPLE = ["Ana Ruiz", "Jonas Berg", "Amina Diallo", "Kenji Mori", "Sara Novak", "Omar Haddad"]
BODIES = ["city council", "port authority", "health ministry", "transport agency"]


def article(i: int) -> dict[str, str]:
    rng = random.Random(i)
    city, person, body = rng.choice(CITIES), rng.choice(PEOPLE), rng.choice(BODIES)
    n = rng.randint(3, 400)
    text = (
        f"{body.title()} in {city} approves plan number {i}\n\n"
        f"The {body} in {city} approved a plan on Tuesday to spend {n} million euros on new "
        f"housing and transport, {person}, a spokesperson for the {body}, said. \"We have "
        f"waited long enough for this decision,\" {person} told reporters after the vote. "
        f"Opposition members said the plan was rushed and reportedly asked for an independent "
        f"review. Work is expected to start next spring and to last {rng.randint(2, 9)} years. "
        f"Residents of {city} will be able to comment on the details until the end of the "
        f"month, according to the {body}, which said {n} homes would be built in the first "
        f"phase. Critics said the costs could not be verified."
    )
    return {"id": f"a{i:05d}", "text": text, "published": "2026-11-24"}


def child(n: int, folder: Path) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    from briefing.batch.runner import BatchOptions, run_batch

    src = folder / f"in-{n}.jsonl"
    with src.open("w") as fh:
        for i in range(n):
            fh.write(json.dumps(article(i)) + "\n")
    start = time.perf_counter()
    report = run_batch([str(src)], BatchOptions(output=folder / f"out-{n}", concurrency=4,
                                                formats=("json",)))
    elapsed = time.perf_counter() - start
    assert report.count("ok") == n, report.results[:3]
    rss_mb = _peak_rss_mb()
    return {"n": n, "seconds": elapsed, "per_article_ms": 1000 * elapsed / n, "peak_mb": rss_mb}


def _peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: on Linux ru_maxrss keeps
    the high-water mark of the parent a child was forked from, across exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_size(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="briefing-scale-") as tmp:
        proc = subprocess.run([sys.executable, __file__, "--child", str(n), tmp],
                              capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(quick: bool = False) -> list[Row]:
    small, large = (200, 2000) if quick else (1000, 10000)
    a, b = run_size(small), run_size(large)
    t_ratio = b["per_article_ms"] / a["per_article_ms"]
    m_ratio = b["peak_mb"] / a["peak_mb"]
    return [
        Row("scale", f"batch offline, {small} articles", a["per_article_ms"], "ms/article"),
        Row("scale", f"batch offline, {large} articles", b["per_article_ms"], "ms/article",
            f"{small} articles", a["per_article_ms"], t_ratio, "<= 1.2x", t_ratio <= 1.2),
        Row("scale", f"peak RSS, {small} articles", a["peak_mb"], "MB"),
        Row("scale", f"peak RSS, {large} articles", b["peak_mb"], "MB", f"{small} articles",
            a["peak_mb"], m_ratio, "<= 1.3x", m_ratio <= 1.3),
    ]


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(int(sys.argv[2]), Path(sys.argv[3]))))
    else:
        for row in measure("--quick" in sys.argv):
            print(row)
