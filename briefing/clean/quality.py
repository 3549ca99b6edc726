"""Quality gate: is a cleaned Article a real article worth briefing? Pure, no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..schema import Article
from .boilerplate import is_boilerplate
from .words import word_count

# A wire brief can be 30 words; shorter is a caption, a teaser or a stub.
MIN_WORDS = 30
# Above this share of short lines, with almost no prose, the text is a menu or a list of
# links. Lists, recipes, tables and code in a real article come with prose around them.
MAX_SHORT_LINE_SHARE = 0.6
MIN_PROSE_WORDS = 40
MAX_BOILERPLATE_SHARE = 0.5

_PAYWALL = re.compile(
    r"\b(subscribe|sign in|log ?in|register|become a (member|subscriber))\b.{0,40}\b(to )?"
    r"(continue reading|read (the|this) (full|rest|whole|entire)|keep reading|unlock|"
    r"access (this|the full))\b|\bthis (article|content|story) is (for|only available to) "
    r"(subscribers|members)\b|\balready a subscriber\?",
    re.IGNORECASE,
)
_ERROR = re.compile(
    # A bare "404" or "not found" is news too ("Flight 404", "hiker not found"): only the
    # phrasings of error pages count.
    r"\b(error 404|404 error|404 not found|404 page|page not found|file not found|"
    r"410 gone|403 forbidden|access denied|"
    r"page (you (were|are) looking for|does not exist|cannot be found|could not be found|"
    r"has been (removed|moved))|internal server error|something went wrong)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…。！？][\"”’')\]」』]?$")


@dataclass
class Quality:
    """The verdict: ``ok`` and, when not ok, why."""

    ok: bool
    reasons: list[str] = field(default_factory=list)


def assess(article: Article, *, min_words: int = MIN_WORDS) -> Quality:
    """Judge whether an article is long enough, mostly prose, and not a stub or error page."""
    text = article.text
    words = word_count(text)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    reasons: list[str] = []
    if words < min_words:
        reasons.append(f"too short: {words} words (at least {min_words} needed)")
    if lines:
        boiler = sum(word_count(line) for line in lines if is_boilerplate(line))
        if words and boiler / words > MAX_BOILERPLATE_SHARE:
            reasons.append("mostly boilerplate (promotions, share lines, notices)")
        # An index page is many short lines that are not sentences (headlines, menu entries).
        short = [ln for ln in lines if word_count(ln) < 12 and not _SENTENCE_END.search(ln)]
        prose = [ln for ln in lines if word_count(ln) >= 12 and _SENTENCE_END.search(ln)]
        if len(lines) >= 8 and len(short) / len(lines) > MAX_SHORT_LINE_SHARE \
                and sum(map(word_count, prose)) < min(MIN_PROSE_WORDS, words / 2):
            reasons.append("not an article: mostly short lines (a feed index or list of links)")
    # A paywall or error notice only counts when it is a stub, not one line inside a long piece.
    if words < 150 and _PAYWALL.search(text):
        reasons.append("paywall stub: the article text is behind a subscription")
    head = " ".join([article.title or "", *lines[:3]])
    if words < 150 and _ERROR.search(head):
        reasons.append("not an article: an error page (not found, access denied)")
    return Quality(ok=not reasons, reasons=reasons)
