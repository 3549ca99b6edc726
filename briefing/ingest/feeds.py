"""RSS/Atom feeds -> entries. Parsed with defusedxml: no entity expansion, no external entities."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timezone
from email.utils import parsedate_to_datetime
from typing import Any

from ..errors import InputError

_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_RSS1 = "{http://purl.org/rss/1.0/}"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
_TAG = re.compile(r"<[^>]+>")
# The encoding pseudo-attribute of an XML declaration, which no longer holds for decoded text.
_ENCODING_DECL = re.compile(r"""^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*(?:"[^"]*"|'[^']*')""")

FULL_TEXT_WORDS = 150  # an entry whose content has this many words is used as the article


@dataclass(frozen=True)
class FeedEntry:
    title: str | None
    link: str | None
    published: str | None
    content: str | None  # HTML or text carried by the feed itself, when any

    @property
    def has_full_text(self) -> bool:
        words = len(_TAG.sub(" ", self.content or "").split())
        return words >= FULL_TEXT_WORDS


def _text(el: Any, tag: str) -> str | None:
    child = el.find(tag)
    if child is None or child.text is None:
        return None
    return child.text.strip() or None


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        dt = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return value  # already ISO 8601 in Atom and dc:date, or unparseable: keep as written
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone.utc)
    return dt.isoformat()


def parse_feed(data: str | bytes, name: str = "feed") -> list[FeedEntry]:
    """Parse RSS 2.0, RSS 1.0 or Atom; refuse DTD entities, external entities and non-feeds."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    if isinstance(data, str):  # already decoded (by its declaration): say so to the parser
        data = _ENCODING_DECL.sub(r"\1", data, count=1).encode("utf-8")
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(f"{name}: refused: the feed declares entities ({exc.__class__.__name__})"
                         ) from None
    except ParseError as exc:
        raise InputError(f"{name}: not an RSS or Atom feed (XML error: {exc})") from None
    entries: list[FeedEntry] = []
    if root.tag == f"{_ATOM}feed":
        for e in root.iter(f"{_ATOM}entry"):
            link = None
            for ln in e.findall(f"{_ATOM}link"):
                if ln.get("rel", "alternate") == "alternate" and ln.get("href"):
                    link = ln.get("href")
                    break
            entries.append(FeedEntry(
                title=_text(e, f"{_ATOM}title"), link=link,
                published=_text(e, f"{_ATOM}published") or _text(e, f"{_ATOM}updated"),
                content=_text(e, f"{_ATOM}content") or _text(e, f"{_ATOM}summary")))
    elif root.tag in ("rss", "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF"):
        items = list(root.iter("item")) + list(root.iter(f"{_RSS1}item"))
        for it in items:
            ns = _RSS1 if it.tag.startswith(_RSS1) else ""
            entries.append(FeedEntry(
                title=_text(it, f"{ns}title"), link=_text(it, f"{ns}link"),
                published=_iso(_text(it, "pubDate") or _text(it, _DC_DATE)),
                content=_text(it, _CONTENT) or _text(it, f"{ns}description")))
    else:
        raise InputError(f"{name}: not an RSS or Atom feed (root element <{root.tag}>)")
    return entries
