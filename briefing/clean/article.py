"""Raw text or HTML -> Article. Pure: no I/O, no network.

``Article.text`` is what every evidence offset refers to: a plain string, NFC, one space between
words, paragraphs separated by one blank line. Quotes and apostrophes are kept exactly as written.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

from ..errors import InputError
from ..limits import Limits
from ..schema import Article
from .boilerplate import Block, dateline_date, filter_blocks
from .language import language_of
from .words import word_count

if TYPE_CHECKING:
    from ..ingest.inputs import RawDocument

# Invisible characters that break verbatim matching; ZWJ/ZWNJ stay (emoji, Persian, Indic).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad\u180e"), None)
# Unicode spaces become a plain space so a quote typed with spaces matches the text.
_SPACE_CHARS = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# C0 controls, DEL, and lone surrogates (JSON can carry "\ud800"; no encoder accepts it).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_RUNS = re.compile(r" {2,}")
_TITLE_MAX_CHARS = 200


def normalise(text: str) -> str:
    """NFC, unified newlines and spaces, trimmed lines, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _CONTROL.sub("", _SPACE_CHARS.sub(" ", text))
    lines = [_RUNS.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _guess_title(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    if first and len(first) <= _TITLE_MAX_CHARS and not first.endswith((".", "!", "?", ":", ",")):
        return first
    return None


def make_article(text: str, **meta: str | None) -> Article:
    """Build an Article from already-clean text and its metadata; the language is the one
    declared (``language``) when valid, else detected from the text."""
    if not text.strip():
        raise InputError("no article text left after cleaning")
    meta["language"] = language_of(text, meta.get("language"))
    return Article(
        text=text,
        word_count=word_count(text),
        content_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        **{k: (normalise(v) or None) if isinstance(v, str) else v for k, v in meta.items()},
    )


def clean_lines(text: str, title: str | None, publisher: str | None = None) -> str:
    """Drop repeated headlines and boilerplate lines from normalised text, keeping paragraphs."""
    blocks = [
        Block(line, group=n)
        for n, para in enumerate(text.split("\n\n"))
        for line in para.split("\n")
        if line.strip()
    ]
    kept = filter_blocks(blocks, title, publisher, drop_leading_title=False)
    paras: list[list[str]] = []
    last = -1
    for block in kept:
        if block.group != last:
            paras.append([])
            last = block.group
        paras[-1].append(block.text)
    return "\n\n".join("\n".join(p) for p in paras)


def _dateline_date(text: str) -> str | None:
    """The date of a dateline among the first lines ("Saturday, April 4, 2009"), which the line
    filters drop: a text's only record of when it was published."""
    from ..ingest.inputs import published_date

    for line in text.split("\n", DATELINE_LINES)[:DATELINE_LINES]:
        written = dateline_date(line)
        if written and (when := published_date(written)):
            return when
    return None


DATELINE_LINES = 6  # a dateline stands under the headline, not deep in the text


def clean_text(raw: str, *, title: str | None = None, url: str | None = None,
               published: str | None = None, author: str | None = None,
               publisher: str | None = None) -> Article:
    """Clean pasted or saved plain text; a short first line is taken as the title, and a
    dateline under it gives the date when none is given."""
    text = normalise(raw)
    title = normalise(title) if title else _guess_title(text)
    published = published or _dateline_date(text)
    text = clean_lines(text, title, publisher)
    return make_article(text, title=title, url=url, published=published, author=author,
                        publisher=publisher)


def blocks_to_text(blocks: list[Block]) -> str:
    """Join extracted blocks as paragraphs separated by one blank line."""
    return normalise("\n\n".join(b.text for b in blocks))


def clean_html(html: str, *, url: str | None = None, limits: Limits | None = None) -> Article:
    """Extract the article body and metadata from an HTML page (``limits``: nesting depth)."""
    from .html import extract  # lazy: pulls in lxml and trafilatura

    result = extract(html, url=url, limits=limits)
    text = blocks_to_text(result.blocks)
    if not text:
        raise InputError("no article text found in the HTML page")
    meta = result.metadata
    return make_article(
        text,
        title=meta.get("title"),
        url=meta.get("url") or url,
        published=meta.get("published"),
        author=meta.get("author"),
        publisher=meta.get("publisher"),
        language=meta.get("language"),
    )


def clean_document(doc: RawDocument, limits: Limits | None = None) -> Article:
    """Turn a read input into a cleaned Article; metadata the input carried wins."""
    meta = doc.meta
    if not doc.is_html:
        return clean_text(doc.content, title=meta.get("title"), url=meta.get("url"),
                          published=meta.get("published"))
    article = clean_html(doc.content, url=meta.get("url"), limits=limits)
    update = {k: meta[k] for k in ("title", "url", "published") if meta.get(k)}
    return article.model_copy(update=update) if update else article
