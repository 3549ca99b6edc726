"""The LLM path against the offline engine on a fixed slice: 12 Giveme5W1H articles of the
quotations dev set, with a real model behind an OpenAI-compatible server (issue 17).

Usage:
    bash ../shared/tools/qwen-gguf.sh          # prints the GGUF path (about 20 s)
    python -m llama_cpp.server --model GGUF --model_alias qwen --host 127.0.0.1 \\
        --port 8765 --n_ctx 8192 --seed 0 --verbose False &
    nohup python benchmarks/llm_quality.py --base-url http://127.0.0.1:8765/v1 &

Per article it writes both engines' grounded briefings to benchmarks/out/llm_quality/ and,
after every article, the dated result file benchmarks/llm_quality-YYYY-MM-DD.json: per
article figures, and totals over the articles done so far (``"partial": true`` and the count
until all are done). ``--resume`` keeps the LLM briefings already written (a run that was
stopped goes on where it was). Figures, for each engine on the same articles: Giveme5W1H hit@3
per W (shared/tools/g5w_score.py's matching), quotation coverage and speaker accuracy
(shared/tools/quotes_score.py), spans verbatim; for the LLM path also first answers that
pass validation, requests, prompt and completion tokens, and seconds per article.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD = SHARED / "data" / "quotes" / "g5w-dev.json"
DATA = SHARED / "data" / "giveme5w1h"
G5W_SCORER = SHARED / "tools" / "g5w_score.py"
QUOTES_SCORER = SHARED / "tools" / "quotes_score.py"
OUT = REPO / "benchmarks" / "out" / "llm_quality"
NOW = datetime(2024, 1, 1, tzinfo=timezone.utc)
SLICE = 12
QUESTIONS = ("who", "what", "when", "where")

sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


def articles(n: int = SLICE) -> list[str]:
    """The slice: the first ``n`` documents of the quotations dev set, by name."""
    return sorted(json.loads(GOLD.read_text()))[:n]


def _g5w() -> Any:
    spec = importlib.util.spec_from_file_location("g5w_score", G5W_SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def hit3(preds: dict[str, dict[str, list[str]]]) -> dict[str, Any]:
    """hit@3 per W over the documents in ``preds`` (the shared scorer's gold and matching)."""
    g5w = _g5w()
    out: dict[str, Any] = {}
    for q in QUESTIONS:
        n = hits = 0
        for doc, p in preds.items():
            gold = g5w.gold(json.loads((DATA / f"{doc}.json").read_text()), q)
            if not gold:
                continue
            n += 1
            hits += any(any(g5w.overlap(x, y) >= 0.5 for y in gold) for x in p.get(q, [])[:3])
        out[q] = {"articles": n, "hit@3": round(hits / n, 3) if n else None}
    return out


def quotes(folder: Path, docs: list[str]) -> dict[str, Any]:
    """Quotation coverage and accuracy of the briefings in ``folder`` on ``docs``."""
    gold = json.loads(GOLD.read_text())
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({d: gold[d] for d in docs}, f)
    done = subprocess.run([sys.executable, str(QUOTES_SCORER), f.name, str(folder)],
                          capture_output=True, text=True, check=True)
    Path(f.name).unlink()
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _verbatim(b: Any) -> tuple[int, int]:
    spans = b.spans()
    return sum(b.article.text[s.start:s.end] == s.quote for s in spans), len(spans)


def _engine_totals(rows: list[dict[str, Any]], engine: str, folder: Path) -> dict[str, Any]:
    docs = [r["doc"] for r in rows]
    preds = {r["doc"]: r[engine]["predictions"] for r in rows}
    ok = sum(r[engine]["verbatim"][0] for r in rows)
    total = sum(r[engine]["verbatim"][1] for r in rows)
    out: dict[str, Any] = {"hit@3": hit3(preds), "quotations": quotes(folder, docs),
                           "spans_verbatim": round(ok / total, 3) if total else None,
                           "items_per_article": {q: round(statistics.mean(
                               len(p.get(q, [])) for p in preds.values()), 1)
                               for q in QUESTIONS}}
    return out


def totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Figures over the articles done so far."""
    if not rows:
        return {}
    llm = [r["llm"] for r in rows if "error" not in r["llm"]]
    out = {"offline": _engine_totals(rows, "offline", OUT / "offline")}
    ok = [r for r in rows if "error" not in r["llm"]]
    if ok:
        out["llm"] = _engine_totals(ok, "llm", OUT / "llm")
        n = len(llm)
        out["llm"].update({
            "articles": n,
            "errors": len(rows) - n,
            "first_answers_valid": round(sum(x["first_valid"] for x in llm) / n, 3),
            "requests_per_article": round(sum(x["requests"] for x in llm) / n, 2),
            "prompt_tokens_per_article": round(sum(x["prompt_tokens"] for x in llm) / n),
            "completion_tokens_per_article": round(
                sum(x["completion_tokens"] for x in llm) / n),
            "completion_tokens_median": statistics.median(x["completion_tokens"] for x in llm),
            "completion_tokens_max": max(x["completion_tokens"] for x in llm),
            "seconds_per_article": round(sum(x["seconds"] for x in llm) / n, 1),
            "seconds_median": round(statistics.median(x["seconds"] for x in llm), 1),
        })
    return out


def table(result: dict[str, Any]) -> str:
    """The README's table for a result file."""
    t = result["totals"]
    off, llm = t["offline"], t.get("llm", {})

    def fig(d: dict[str, Any], *keys: str) -> str:
        for k in keys:
            if not isinstance(d, dict) or k not in d or d[k] is None:
                return "—"
            d = d[k]
        return f"{d:g}" if isinstance(d, (int, float)) else str(d)

    rows = [(f"hit@3 {q}", fig(llm, "hit@3", q, "hit@3"), fig(off, "hit@3", q, "hit@3"))
            for q in QUESTIONS]
    rows += [
        ("quotation coverage", fig(llm, "quotations", "coverage"),
         fig(off, "quotations", "coverage")),
        ("quotation speaker accuracy", fig(llm, "quotations", "accuracy"),
         fig(off, "quotations", "accuracy")),
        ("spans verbatim", fig(llm, "spans_verbatim"), fig(off, "spans_verbatim")),
        ("first answers valid", fig(llm, "first_answers_valid"), "—"),
        ("requests / article", fig(llm, "requests_per_article"), "0"),
        ("prompt tokens / article", fig(llm, "prompt_tokens_per_article"), "0"),
        ("completion tokens / article (median, max)",
         f"{fig(llm, 'completion_tokens_per_article')} ({fig(llm, 'completion_tokens_median')}"
         f", {fig(llm, 'completion_tokens_max')})", "0"),
        ("seconds / article (median)",
         f"{fig(llm, 'seconds_per_article')} ({fig(llm, 'seconds_median')})", "< 0.1"),
    ]
    lines = ["| figure | LLM path (Qwen2.5-1.5B) | offline engine |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def capture(llm: Any) -> dict[str, Any]:
    """Keep the model's answer and its prompt notes of the next ``llm.extract`` call, so that
    later merge rules can be measured on the same answers without the model (``--remerge``)."""
    kept: dict[str, Any] = {}
    finish = type(llm)._finish

    def keeping(self: Any, article: Any, answer: Any, prompt: Any, tally: Any,
                now: datetime) -> Any:
        kept.update(answer=answer.model_dump(mode="json"), notes=list(prompt.notes))
        return finish(self, article, answer, prompt, tally, now)

    llm._finish = keeping.__get__(llm)
    return kept


def remerge(article: Any, raw: dict[str, Any], old: Any) -> Any:
    """The briefing of a saved model answer under today's merge rules (same usage, notes)."""
    from briefing.engines.answer import BriefingAnswer
    from briefing.engines.extractive import ExtractiveEngine
    from briefing.engines.merge import to_briefing

    offline = ExtractiveEngine().extract(article, now=NOW)
    answer = BriefingAnswer.model_validate(raw["answer"])
    kept = [n for n in old.provenance.notes if "validation" in n or "Re-asked" in n]
    provenance = old.provenance.model_copy(update={"notes": raw.get("notes", []) + kept})
    return to_briefing(article, answer, offline, provenance)


# Each merge rule switched off in turn (docs/llm.md, "How the model's answer is checked"),
# measured on the saved answers: what the rule is worth on the slice.
ABLATIONS = {
    "no speaker check": "every speaker of the model kept as it gave it",
    "no offline quotations": "quotations the model missed are not added",
    "no offline lists": "who, what, where and when are the model's alone",
}


def _ablated(name: str, offline: Any) -> tuple[Any, Any]:
    """The offline briefing to merge with, and a context that switches a rule off."""
    import contextlib
    from unittest import mock

    from briefing.engines import merge
    from briefing.nlp.speakers import Verdict

    if name == "full merge":
        return offline, contextlib.nullcontext()
    if name == "no speaker check":
        return offline, mock.patch.object(
            merge, "check", lambda reading, readings, quote, claimed: Verdict("supported", claimed))
    if name == "no offline quotations":
        return offline.model_copy(update={"sources": []}), contextlib.nullcontext()
    return offline.model_copy(update={"who": [], "what": [], "where": [], "when": []}), (
        contextlib.nullcontext())


def ablations(docs: list[str]) -> dict[str, Any]:
    """Totals of the LLM path with each merge rule off, on the articles with a saved answer."""
    from g5w import load_article, predictions

    from briefing.engines.answer import BriefingAnswer
    from briefing.engines.extractive import ExtractiveEngine
    from briefing.engines.merge import to_briefing
    from briefing.ground import ground_briefing
    from briefing.schema import Briefing

    saved = [d for d in docs if (OUT / "llm" / f"{d}.answer.json").exists()]
    out: dict[str, Any] = {"articles": len(saved)}
    for name in ("full merge", *ABLATIONS):
        folder = OUT / "ablation" / name.replace(" ", "-")
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for doc in saved:
            article = load_article(json.loads((DATA / f"{doc}.json").read_text()))
            raw = json.loads((OUT / "llm" / f"{doc}.answer.json").read_text())
            old = Briefing.model_validate_json((OUT / "llm" / f"{doc}.json").read_text())
            offline, switch = _ablated(name, ExtractiveEngine().extract(article, now=NOW))
            answer = BriefingAnswer.model_validate(raw["answer"])
            with switch:
                b = ground_briefing(to_briefing(article, answer, offline, old.provenance))
            (folder / f"{doc}.json").write_text(b.model_dump_json(indent=1))
            rows.append({"doc": doc, "x": {"predictions": predictions(b),
                                           "verbatim": _verbatim(b)}})
        totals = _engine_totals(rows, "x", folder)
        out[name] = {"hit@3": {q: v["hit@3"] for q, v in totals["hit@3"].items()},
                     "quotations": {k: totals["quotations"][k] for k in ("coverage", "accuracy")},
                     "items_per_article": totals["items_per_article"]}
    return out


def main() -> int:
    """Run the benchmark; 0 on success, 2 when the shared data is missing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8765/v1")
    parser.add_argument("--model", default="openai-compatible/qwen")
    parser.add_argument("--limit", type=int, default=SLICE)
    parser.add_argument("--timeout", type=float, default=1800.0,
                        help="seconds per request (default 1800: a shared 2-core machine)")
    parser.add_argument("--resume", action="store_true",
                        help="keep the LLM briefings already in benchmarks/out/llm_quality")
    parser.add_argument("--remerge", action="store_true",
                        help="with --resume: merge the saved model answers again with today's "
                             "rules (no model needed)")
    parser.add_argument("--ablate", action="store_true",
                        help="measure each merge rule switched off on the saved answers and add "
                             "the figures to the result file (no model needed)")
    parser.add_argument("--result", type=Path, default=None,
                        help="result file (default benchmarks/llm_quality-<today>.json)")
    parser.add_argument("--table", type=Path, default=None,
                        help="print the README table of a result file and exit")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(args.table.read_text())))
        return 0
    for path in (GOLD, DATA, G5W_SCORER, QUOTES_SCORER):
        if not path.exists():
            print(f"llm_quality: skipped, shared data not found: {path}", file=sys.stderr)
            return 2
    from g5w import load_article, predictions

    from briefing.config import load_settings
    from briefing.engines.extractive import ExtractiveEngine
    from briefing.engines.llm import LLMEngine
    from briefing.engines.prompt import prompt_version
    from briefing.ground import ground_briefing
    from briefing.schema import Briefing

    result_file = args.result or REPO / "benchmarks" / f"llm_quality-{date.today()}.json"
    # One request at a time, never abandoned: a timed-out request would keep the server
    # busy for the next article (issue 17), so the timeout is long and nothing is retried.
    settings = load_settings(env={}, path=Path("/nonexistent"), model=args.model,
                             base_url=args.base_url, timeout=args.timeout, max_retries=0)
    llm, offline = LLMEngine(settings), ExtractiveEngine()
    for sub in ("llm", "offline"):
        (OUT / sub).mkdir(parents=True, exist_ok=True)
    docs = articles(args.limit)
    rows: list[dict[str, Any]] = []
    meta = {"model": args.model, "prompt_version": prompt_version(),
            "max_reasks": settings.max_reasks, "max_tokens": settings.max_tokens,
            "timeout": settings.timeout, "max_retries": settings.max_retries,
            "slice": f"first {len(docs)} documents of shared/data/quotes/g5w-dev.json",
            "machine": "2 cores, no GPU; llama-cpp-python 0.3.36 server, n_ctx 8192"}
    for i, doc in enumerate(docs, 1):
        article = load_article(json.loads((DATA / f"{doc}.json").read_text()))
        off = ground_briefing(offline.extract(article, now=NOW))
        (OUT / "offline" / f"{doc}.json").write_text(off.model_dump_json(indent=1))
        row: dict[str, Any] = {"doc": doc, "chars": len(article.text), "offline": {
            "predictions": predictions(off), "verbatim": _verbatim(off)}}
        saved = OUT / "llm" / f"{doc}.json"
        start = time.perf_counter()
        try:
            raw = OUT / "llm" / f"{doc}.answer.json"
            if args.resume and saved.exists():
                b = Briefing.model_validate_json(saved.read_text())
                seconds = json.loads((OUT / "llm" / f"{doc}.seconds").read_text())
                if args.remerge and raw.exists():
                    # The model's saved answer merged again with today's rules: no model.
                    b = ground_briefing(remerge(article, json.loads(raw.read_text()), b))
                    saved.write_text(b.model_dump_json(indent=1))
            else:
                captured = capture(llm)
                b = ground_briefing(llm.extract(article, now=NOW))
                seconds = round(time.perf_counter() - start, 1)
                saved.write_text(b.model_dump_json(indent=1))
                (OUT / "llm" / f"{doc}.seconds").write_text(json.dumps(seconds))
                raw.write_text(json.dumps(captured, indent=1, ensure_ascii=False))
            usage = b.provenance.usage
            notes = b.provenance.notes
            row["llm"] = {
                "predictions": predictions(b), "verbatim": _verbatim(b), "seconds": seconds,
                "requests": usage.requests if usage else 0,
                "prompt_tokens": usage.prompt_tokens if usage else 0,
                "completion_tokens": usage.completion_tokens if usage else 0,
                "first_valid": not any("failed validation" in n for n in notes),
                "notes": notes, "summary": b.summary,
                "dropped_spans": b.provenance.grounding.dropped}
        except Exception as exc:  # one article's failure is a figure, not the end of the run
            row["llm"] = {"error": f"{exc.__class__.__name__}: {exc}"[:300],
                          "seconds": round(time.perf_counter() - start, 1)}
        rows.append(row)
        done = {"date": str(date.today()), **meta, "partial": i < len(docs),
                "articles_done": i, "articles_planned": len(docs),
                "totals": totals(rows), "articles": rows}
        result_file.write_text(json.dumps(done, indent=1, ensure_ascii=False) + "\n")
        r = row["llm"]
        print(f"[{i}/{len(docs)}] {doc}: {r.get('seconds')} s, "
              f"{r.get('requests')} request(s), {r.get('completion_tokens')} completion "
              f"tokens{', ' + r['error'] if 'error' in r else ''}", flush=True)
    if args.ablate:
        done["merge_ablations"] = ablations(docs)
        result_file.write_text(json.dumps(done, indent=1, ensure_ascii=False) + "\n")
        print(json.dumps(done["merge_ablations"], indent=1))
    print(json.dumps(totals(rows), indent=1))
    print(f"result: {result_file}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
