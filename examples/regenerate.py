"""Regenerate the example outputs in this folder (run after a change that alters them).

    python examples/regenerate.py

Writes harbour-fire.{md,html,json} from harbour-fire.txt with a fixed run time, so the files
only change when the engine, the schema or the templates do (tests/test_examples.py checks they
are up to date). With ../shared present it also writes the daily brief of the 96 Giveme5W1H
articles (daily-giveme5w1h.{md,html}).
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
sys.path.insert(0, str(ROOT))


def harbour_outputs() -> dict[str, str]:
    """File name -> content for the single-article example."""
    from briefing.api import summarize
    from briefing.render import render_briefing

    briefing = summarize(HERE / "harbour-fire.txt", now=NOW)
    return {f"harbour-fire.{fmt}": render_briefing(briefing, fmt) for fmt in ("md", "html",
                                                                              "json")}


def daily_outputs() -> dict[str, str]:
    """File name -> content for the daily brief of the Giveme5W1H articles."""
    from briefing.api import brief_article
    from briefing.clean import clean_text
    from briefing.daily import build_daily
    from briefing.render import render_daily

    briefings, ids = [], []
    for path in sorted((SHARED / "data" / "giveme5w1h").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        title = (doc.get("title") or "").strip()
        text = "\n\n".join(p for p in (title, (doc.get("text") or "").strip()) if p)
        article = clean_text(text, title=title or None, url=doc.get("url"),
                             published=(doc.get("date_publish") or "").replace(" ", "T") or None)
        briefings.append(brief_article(article, now=NOW, force=True))
        ids.append(path.stem[:12])
    daily = build_daily(briefings, ids, date="2016-11-13", now=NOW)
    return {f"daily-giveme5w1h.{fmt}": render_daily(daily, fmt) for fmt in ("md", "html")}


def main() -> None:
    outputs = harbour_outputs()
    if (SHARED / "data" / "giveme5w1h").is_dir():
        outputs.update(daily_outputs())
    else:
        print("../shared is absent: the daily example is left as it is", file=sys.stderr)
    for name, content in outputs.items():
        (HERE / name).write_text(content, encoding="utf-8")
        print(f"wrote examples/{name}")


if __name__ == "__main__":
    main()
