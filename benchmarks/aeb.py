"""Article-extraction benchmark: our cleaning next to plain trafilatura, in the same run.

Usage: python benchmarks/aeb.py [--out DIR] [--misses N]

Reads ../shared/data/aeb (181 news pages and their human-checked bodies), extracts every page
with ``briefing.clean.clean_html`` and with
``trafilatura.extract(html, include_comments=False)``, taking turns page by page for the
speed ratio, writes one PRED.json per extractor and scores both with
../shared/tools/aeb_score.py.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "aeb"
SCORER = SHARED / "tools" / "aeb_score.py"

sys.path.insert(0, str(ROOT))


def load_pages() -> dict[str, str]:
    """id -> HTML, the id being the file name up to its first dot."""
    return {
        path.name.split(".", 1)[0]: gzip.decompress(path.read_bytes()).decode("utf-8")
        for path in sorted((DATA / "html").glob("*.html.gz"))
    }


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("aeb_score", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REFUSED: dict[int, str] = {}  # hash of the page -> the quality gate's reasons


def ours(html: str) -> str:
    from briefing.clean import assess, clean_html
    from briefing.errors import InputError

    try:
        article = clean_html(html)
    except InputError as exc:
        REFUSED[hash(html)] = str(exc)
        return ""
    quality = assess(article)
    if not quality.ok:
        REFUSED[hash(html)] = "; ".join(quality.reasons)
    return article.text


def trafilatura_plain(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def run(extract: Callable[[str], str], pages: dict[str, str]) -> tuple[dict, float]:
    """Predictions in the scorer's format and pages per second."""
    start = time.perf_counter()
    preds = {key: {"articleBody": extract(html)} for key, html in pages.items()}
    return preds, len(pages) / (time.perf_counter() - start)


def run_interleaved(extractors: dict[str, Callable[[str], str]],
                    pages: dict[str, str]) -> dict[str, tuple[dict, float]]:
    """Like :func:`run` for several extractors, taking turns page by page, so that a machine
    shared with other work slows them alike (one run after the other, the ratio swung from
    0.57x to 0.95x with the load)."""
    preds: dict[str, dict] = {name: {} for name in extractors}
    spent = dict.fromkeys(extractors, 0.0)
    for key, html in pages.items():
        for name, extract in extractors.items():
            start = time.perf_counter()
            preds[name][key] = {"articleBody": extract(html)}
            spent[name] += time.perf_counter() - start
    return {name: (preds[name], len(pages) / spent[name]) for name in extractors}


_CLASSES = [
    ("caption", r"^(image|media|video|picture|photo)s? (copyright|caption|credit)|\bcaption\b"),
    ("credit", r"\((photo|image|picture)s?:|\b(getty images|reuters|afp|ap photo|shutterstock)\b"
               r"|©"),
    ("related link", r"\bread more\b|\[(video|pics|photos|latest|live)\]|^(related|more|"
                     r"recommended|most read)\b"),
    ("share/follow", r"\b(share|follow us|tweet|facebook|whatsapp|newsletter|subscribe)\b"),
    ("byline/date", r"^(by |published|updated|posted)|\b20\d\d\b.{0,20}$"),
]


def miss_classes(truth: dict, preds: dict) -> dict[str, int]:
    """Count the lines of our output that are not in the true body, by boilerplate class."""
    import re

    compiled = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _CLASSES]
    counts: dict[str, int] = {}
    for key, item in truth.items():
        body = " ".join(item["articleBody"].split())
        for line in preds[key]["articleBody"].split("\n"):
            flat = " ".join(line.split())
            if not flat or flat in body:
                continue
            cls = next((name for name, rx in compiled if rx.search(flat)), "other")
            counts[cls] = counts.get(cls, 0) + 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="directory for the PRED.json files")
    parser.add_argument("--misses", type=int, default=0,
                        help="list the N pages where ours loses most F1")
    args = parser.parse_args()
    if not DATA.is_dir() or not SCORER.is_file():
        print(f"AEB data not found: expected {DATA} and {SCORER} (the shared/ checkout "
              "next to the project). Nothing to benchmark.", file=sys.stderr)
        return 2

    pages = load_pages()
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    scorer = load_scorer()
    # warm up both: imports and lazy initialisation are not per-page costs (the language
    # model too, which the first page, being English, does not load)
    ours(next(iter(pages.values())))
    trafilatura_plain(next(iter(pages.values())))
    from briefing.clean.language import detect
    detect("Der Gemeinderat hat am Dienstag beschlossen, die Brücke im Hafen zu schließen.")

    out = args.out or Path(tempfile.mkdtemp(prefix="aeb-"))
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    results = {}
    runs = run_interleaved({"briefing": ours, "trafilatura": trafilatura_plain}, pages)
    for name, (preds, speed) in runs.items():
        pred_path = out / f"{name}.json"
        pred_path.write_text(json.dumps(preds, ensure_ascii=False), encoding="utf-8")
        scores = scorer.score(truth, json.loads(pred_path.read_text(encoding="utf-8")))
        rows.append((name, scores, speed))
        results[name] = preds

    base_speed = rows[1][2]
    refused = {key for key, html in pages.items() if hash(html) in REFUSED}
    gated = {key: ({"articleBody": ""} if key in refused else v)
             for key, v in results["briefing"].items()}
    gated_path = out / "briefing-gated.json"
    gated_path.write_text(json.dumps(gated, ensure_ascii=False), encoding="utf-8")
    gated_f1 = scorer.score(truth, json.loads(gated_path.read_text(encoding="utf-8")))["f1"]
    print(f"{len(pages)} pages; predictions in {out}")
    print(f"{'extractor':<12} {'P':>7} {'R':>7} {'F1':>7} {'pages/s':>8} {'speed':>6}")
    for name, s, speed in rows:
        print(f"{name:<12} {s['precision']:7.4f} {s['recall']:7.4f} {s['f1']:7.4f} "
              f"{speed:8.1f} {speed / base_speed:5.2f}x")
    print(f"quality gate: {len(refused)} of {len(pages)} pages refused; F1 with refused pages "
          f"counted as empty: {gated_f1:.4f}")
    for key in sorted(refused):
        print(f"  refused {key[:12]} {truth.get(key, {}).get('url', '')}: "
              f"{REFUSED[hash(pages[key])]}")

    if args.misses:
        losses = []
        for key, item in truth.items():
            pred = results["briefing"][key]["articleBody"]
            _, fp, fn = scorer.page_scores(item["articleBody"], pred)
            losses.append((fp + fn, fp, fn, key, item.get("url", "")))
        print("\nworst pages (ours): loss = fp + fn, per-page normalised")
        for loss, fp, fn, key, url in sorted(losses, reverse=True)[: args.misses]:
            print(f"  {loss:.3f} fp={fp:.3f} fn={fn:.3f} {key[:12]} {url}")
        print("\nlines we keep that are not in the true body, by class (all pages):")
        for cls, count in sorted(miss_classes(truth, results["briefing"]).items(),
                                 key=lambda kv: -kv[1]):
            print(f"  {cls:<14} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
