"""Run every benchmark and print one table; write benchmarks/results.json.

Usage: python benchmarks/run.py [--quick] [--only AREA,...]

Every figure is measured next to a baseline in the same run (these machines are shared and
noisy), and the ratio is what the targets judge. Areas whose data (../shared) is missing are
skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, SHARED, Row

AREAS = {
    "startup": ("startup", False),
    "cleaning": ("cleaning", True),
    "engine": ("engine", True),
    "quotes": ("quotes", True),
    "entities": ("entities", True),
    "news": ("news_entities", True),
    "newsquotes": ("news_quotes", True),
    "daily": ("daily", True),
    "llm": ("llm_path", False),
    "tokens": ("tokens", True),
    "scale": ("scale", False),
}


def fmt(x: float | None, digits: int = 3) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    return f"{x:.{digits}g}" if abs(x) < 1000 else f"{x:,.0f}"


def table(rows: list[Row]) -> str:
    head = ["area", "figure", "measured", "baseline (same run)", "ratio", "target", "met"]
    body = [[r.area, r.figure, f"{fmt(r.value)} {r.unit}",
             f"{r.baseline} {fmt(r.baseline_value)}".strip() if r.baseline else "",
             f"{r.ratio:.2f}x" if r.ratio is not None else "", r.target,
             {True: "yes", False: "NO", None: ""}[r.met]] for r in rows]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(line) + " |" for line in body]
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (under 2 minutes)")
    parser.add_argument("--only", default="", help="comma-separated areas: " + ",".join(AREAS))
    args = parser.parse_args()
    wanted = [a for a in (args.only.split(",") if args.only else AREAS) if a]
    rows: list[Row] = []
    notes: list[str] = []
    started = time.perf_counter()
    for area in wanted:
        module_name, needs_shared = AREAS[area]
        if needs_shared and not SHARED.is_dir():
            notes.append(f"{area}: skipped, ../shared (benchmark data) is absent")
            continue
        t0 = time.perf_counter()
        try:
            module = __import__(module_name)
            rows += module.measure(args.quick)
        except Exception as exc:  # one broken area must not hide the others' figures
            notes.append(f"{area}: failed: {exc.__class__.__name__}: {exc}")
            traceback.print_exc()
        print(f"[{area}: {time.perf_counter() - t0:.0f} s]", file=sys.stderr, flush=True)
    total = time.perf_counter() - started
    machine = f"{platform.machine()}, {platform.processor() or 'cpu'}, Python " \
              f"{platform.python_version()}"
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(f"briefing benchmarks, {when}, {machine}, {'quick' if args.quick else 'full'} run "
          f"in {total:.0f} s\n")
    print(table(rows))
    for note in notes:
        print(f"\nnote: {note}")
    result = {"date": when, "machine": machine, "quick": args.quick, "seconds": total,
              "rows": [r.as_dict() for r in rows], "notes": notes}
    (ROOT / "benchmarks" / "results.json").write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
