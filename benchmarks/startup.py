"""CLI start-up: `briefing --help` and `briefing summarize` on the example, against the bare
interpreter and against `llm --help` (simonw/llm, installed in benchmarks/out/peer-venv)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
from pathlib import Path

from common import OUT, ROOT, Row, median_wall

PEER = OUT / "peer-venv"


def peer_llm() -> Path | None:
    """`llm` in its own venv (created on first use), or None when it cannot be installed."""
    exe = PEER / "bin" / "llm"
    if exe.exists():
        return exe
    try:
        venv.create(PEER, with_pip=True)
        subprocess.run([str(PEER / "bin" / "pip"), "install", "--quiet", "llm"], check=True,
                       capture_output=True, timeout=600)
    except (subprocess.SubprocessError, OSError):
        shutil.rmtree(PEER, ignore_errors=True)
        return None
    return exe if exe.exists() else None


def measure(quick: bool = False) -> list[Row]:
    runs = 5 if quick else 10
    exe = shutil.which("briefing") or str(Path(sys.executable).parent / "briefing")
    example = str(ROOT / "examples" / "harbour-fire.txt")
    python = median_wall([sys.executable, "-c", "pass"], runs)
    help_t = median_wall([exe, "--help"], runs)
    summ_t = median_wall([exe, "summarize", example], runs)
    rows = [
        Row("start-up", "python -c pass", python, "s"),
        Row("start-up", "briefing --help", help_t, "s", "python -c pass", python,
            help_t / python, "< 0.3 s", help_t < 0.3),
        Row("start-up", "briefing summarize example", summ_t, "s", "python -c pass", python,
            summ_t / python, "< 0.6 s", summ_t < 0.6),
    ]
    llm = peer_llm()
    if llm is None:
        rows.append(Row("start-up", "llm --help (peer)", float("nan"), "s",
                        target="could not install llm"))
    else:
        llm_t = median_wall([str(llm), "--help"], runs)
        rows.append(Row("start-up", "llm --help (peer)", llm_t, "s"))
        rows.append(Row("start-up", "briefing --help vs llm --help", help_t, "s",
                        "llm --help", llm_t, help_t / llm_t, "<= 1.0x", help_t <= llm_t))
    return rows
