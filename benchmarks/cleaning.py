"""Cleaning on the 181 AEB pages: F1 and pages per second, ours vs plain trafilatura."""

from __future__ import annotations

import json

from common import Row


def measure(quick: bool = False) -> list[Row]:
    import aeb

    pages = aeb.load_pages()
    if quick:
        pages = dict(list(pages.items())[:60])
    truth = json.loads((aeb.DATA / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {k: v for k, v in truth.items() if k in pages}
    scorer = aeb.load_scorer()
    first = next(iter(pages.values()))
    aeb.ours(first)
    aeb.trafilatura_plain(first)
    from briefing.clean.language import detect
    detect("Der Gemeinderat hat am Dienstag beschlossen, die Brücke im Hafen zu schließen.")
    scores = {}
    runs = aeb.run_interleaved({"ours": aeb.ours, "trafilatura": aeb.trafilatura_plain}, pages)
    for name, (preds, speed) in runs.items():
        scores[name] = (scorer.score(truth, json.loads(json.dumps(preds))), speed)
    (ours, s_ours), (base, s_base) = scores["ours"], scores["trafilatura"]
    return [
        Row("cleaning", f"AEB F1 ({len(pages)} pages)", ours["f1"], "F1", "trafilatura",
            base["f1"], ours["f1"] / base["f1"], ">= 0.970", ours["f1"] >= 0.970),
        Row("cleaning", "pages per second", s_ours, "pages/s", "trafilatura", s_base,
            s_ours / s_base, ">= 0.7x trafilatura", s_ours / s_base >= 0.7),
    ]
