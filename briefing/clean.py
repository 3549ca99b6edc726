"""Raw text or HTML -> Article. Pure: no I/O, no network."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .errors import InputError
from .schema import Article

_WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    """NFC, unified newlines, trimmed line ends, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _guess_title(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    if first and len(first) <= 200 and not first.endswith((".", "!", "?", ":")):
        return first
    return None


def make_article(text: str, **meta: str | None) -> Article:
    """Build an Article from already-clean text and its metadata."""
    if not text.strip():
        raise InputError("no article text left after cleaning")
    return Article(
        text=text,
        word_count=len(_WORD.findall(text)),
        content_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        **meta,
    )


def clean_text(raw: str, *, title: str | None = None, url: str | None = None,
               published: str | None = None, author: str | None = None,
               publisher: str | None = None) -> Article:
    """Clean pasted or saved plain text."""
    text = normalise(raw)
    return make_article(text, title=title or _guess_title(text), url=url,
                        published=published, author=author, publisher=publisher)


def clean_html(html: str, *, url: str | None = None) -> Article:
    """Extract the article body and metadata from an HTML page."""
    import trafilatura  # lazy: about 0.3 s to import

    body = trafilatura.extract(html, url=url, include_comments=False, include_tables=False)
    meta = trafilatura.extract_metadata(html, default_url=url)
    if not body or not body.strip():
        raise InputError("no article text found in the HTML page")
    return make_article(
        normalise(body),
        title=getattr(meta, "title", None),
        url=getattr(meta, "url", None) or url,
        published=getattr(meta, "date", None),
        author=getattr(meta, "author", None),
        publisher=getattr(meta, "sitename", None),
        language=getattr(meta, "language", None),
    )
