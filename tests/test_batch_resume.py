"""Kill a batch mid-run, rerun it, and count the engine calls: finished work is never redone."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import NOW, story

from briefing.batch.cache import BriefingCache
from briefing.batch.manifest import read_manifest
from briefing.batch.runner import BatchOptions, run_batch


def test_killed_batch_resumes_without_duplicate_calls(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(300):
        (src / f"a{i:03d}.txt").write_text(story(f"Ann Lee spoke in Paris on day {i}."))
    out, cache = tmp_path / "out", tmp_path / "cache.sqlite"
    cmd = [sys.executable, "-m", "briefing", "batch", str(src), "-o", str(out), "--cache",
           str(cache), "--concurrency", "2", "-q", "-f", "json,md"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if manifest.is_file() and manifest.read_text().count("\n") >= 20:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    done = {k: v for k, v in read_manifest(manifest).items() if v.status == "ok"}
    assert 20 <= len(done) < 300, "the run must be killed mid-way for this test to mean much"
    for path in (out / "articles").iterdir():  # no partial output under a final name
        if not path.name.startswith(".") and path.suffix == ".json":
            json.loads(path.read_text())
    report = run_batch([str(src)], BatchOptions(output=out, now=NOW, formats=("json", "md"),
                                                cache=BriefingCache(cache)))
    # Briefed but killed before its manifest line: a cache hit, still no second engine call.
    assert report.engine_calls + report.cache_hits == 300 - len(done)
    assert report.cache_hits <= 2 * 2  # at most what was in flight (concurrency 2, x2 slack)
    assert report.count("skipped") == len(done) and report.count("ok") == 300 - len(done)
    final = read_manifest(manifest)
    assert len(final) == 300 and all(v.status in ("ok", "skipped") for v in final.values())
    for entry in final.values():
        assert all(Path(p).is_file() for p in entry.outputs)
