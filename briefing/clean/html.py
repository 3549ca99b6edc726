"""HTML page -> article blocks and metadata, through trafilatura plus our own passes.

Before lxml parses the page, ``<noscript>`` blocks are cut out as a browser reads them and
numeric references to characters XML cannot carry are replaced (libxml2 would otherwise lose the
whole article to either). Before trafilatura: comments, scripts, styles and hidden elements are
removed with lxml, so no invisible text (a common carrier of prompt injections) can reach the
article. After it: headline repeats, promotions and link lists are filtered
(briefing.boilerplate).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import InputError
from ..limits import LIBXML_DEPTH, Limits
from .boilerplate import Block, filter_blocks
from .words import word_count

# Elements whose content is never article text.
# Not "form" (ASP.NET pages wrap the whole page in one), not "button" (deal links use them).
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
              "canvas", "select", "textarea")
_HIDDEN_STYLE = re.compile(r"(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
_HIDDEN_XPATH = "//*[@hidden or @aria-hidden or @style]"
# Unicode spaces too, as normalise() will make them: the line filters see the final text
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# lxml refuses a string holding characters XML cannot carry (C0 controls, lone surrogates).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _char_refs(codes: list[int]) -> re.Pattern[str]:
    """A numeric character reference to any of ``codes``: decimal or hex, leading zeros or
    not, the ";" optional as in HTML. A fixed pattern, so replacing costs no Python call per
    reference (a page may hold millions)."""
    dec = "|".join(str(c) for c in codes)
    hexa = "|".join(f"{c:x}" for c in codes)
    # (?=(0*))\1 takes the leading zeros atomically: no backtracking through a million of them
    return re.compile(rf"&#(?:(?=(0*))\1(?:{dec})(?![0-9])|x(?=(0*))\2(?:{hexa})(?![0-9a-f]));?",
                      re.I)


# References to characters XML cannot carry or Unicode reserves: libxml2 puts them in the tree
# as they are, where one makes lxml and trafilatura lose the whole page. A browser shows
# nothing for them; form feed and vertical tab are whitespace to HTML. (NUL, surrogates and
# numbers past Unicode libxml2 already reads as U+FFFD, as a browser does.)
_NONCHARACTERS = [*range(0xFDD0, 0xFDF0), *(p * 0x10000 + c for p in range(17)
                                            for c in (0xFFFE, 0xFFFF))]
_NO_CHAR_REF = _char_refs([*range(1, 9), *range(0x0E, 0x20), *_NONCHARACTERS])
_SPACE_REF = _char_refs([0x0B, 0x0C])
# What the raw-text elements and comments hide from the HTML tokenizer, and <noscript>.
_RAW_OPEN = re.compile(r"<(script|style|noscript)\b|<!--", re.I)
_RAW_CLOSE = {name: re.compile(rf"</{name}\b", re.I) for name in ("script", "style", "noscript")}
_COMMENT_CLOSE = re.compile(r"--!?>")
_NOSCRIPT = re.compile(r"<noscript\b", re.I)
_NOSCRIPT_TAG = re.compile(r"<noscript\b[^>]*>?", re.I)


def _raw_end(html: str, tag: str, start: int) -> int:
    """Where the raw text of ``tag`` (or a comment, for "") opened at ``start`` ends, past its
    closing tag; -1 when it is never closed."""
    if not tag:
        close = _COMMENT_CLOSE.search(html, start)
        return -1 if close is None else close.end()
    gt = html.find(">", start)
    close = _RAW_CLOSE[tag].search(html, gt + 1) if gt >= 0 else None
    if close is None:
        return -1
    gt = html.find(">", close.end())
    return len(html) if gt < 0 else gt + 1


def _drop_noscript(html: str) -> str:
    """The page without its ``<noscript>`` blocks, cut as a browser with scripts on reads them:
    the content is raw text up to the first ``</noscript>``, so unbalanced markup inside (a lone
    ``<div>``) cannot swallow the article that follows, as it does in libxml2's tree. Scripts,
    styles and comments are skipped whole, so a "<noscript>" inside them is not a block. An
    unclosed ``<noscript>`` loses only its tag. One pass, linear in the page's length."""
    if _NOSCRIPT.search(html) is None:
        return html
    out: list[str] = []
    pos = 0
    while (m := _RAW_OPEN.search(html, pos)) is not None:
        tag = (m.group(1) or "").lower()
        end = _raw_end(html, tag, m.end())
        if tag != "noscript":
            if end < 0:
                break  # the rest of the page is one script, style or comment
            out.append(html[pos:end])
        elif end < 0:  # no "</noscript>" follows: drop the tags alone, keep what follows
            out.append(html[pos:m.start()] + _NOSCRIPT_TAG.sub("", html[m.start():]))
            return "".join(out)
        else:
            out.append(html[pos:m.start()])
        pos = end
    out.append(html[pos:])
    return "".join(out)


def preprocess(html: str) -> str:
    """Make a page safe for lxml before parsing: ``<noscript>`` blocks dropped, invalid numeric
    character references replaced, and characters XML cannot carry removed."""
    html = _drop_noscript(html)
    if "&#" in html:
        html = _SPACE_REF.sub(" ", _NO_CHAR_REF.sub("", html))
    return _NOT_XML.sub("", html)


@dataclass
class Extraction:
    """What the HTML pass yields: body blocks and page metadata."""

    blocks: list[Block]
    metadata: dict[str, str | None] = field(default_factory=dict)


def depth(tree: Any) -> int:
    """How deeply elements nest (the root counts 1); a loop, not recursion."""
    from lxml import etree

    level = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        level += 1 if event == "start" else -1
        deepest = max(deepest, level)
    return deepest


def too_deep(tree: Any, max_depth: int) -> bool:
    """Whether elements nest deeper than ``max_depth`` (the root counts 1): one XPath query in
    C, a third of the time of walking the tree in Python."""
    base = sum(1 for _ in tree.iterancestors())
    return bool(tree.xpath(f"boolean(descendant-or-self::*[count(ancestor::*) >= "
                           f"{base + max_depth}])"))


def parse(html: str, limits: Limits | None = None) -> Any:
    """Parse HTML with lxml and remove everything a reader never sees.

    Deep nesting is refused here, after libxml2 (iterative C, capped at 256 levels, 2048 with
    ``huge_tree``) has parsed it and before any Python code walks the tree: a page nested past
    the cap would otherwise lose everything below it without a word.
    """
    import lxml.html
    from lxml import etree

    limits = limits or Limits.from_env()
    html = preprocess(html)
    # lxml refuses str input that carries an XML encoding declaration
    data = html.encode("utf-8") if html.lstrip().startswith("<?xml") else html
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True,
                                  huge_tree=limits.max_html_depth >= LIBXML_DEPTH)
    try:
        tree = lxml.html.fromstring(data, parser=parser)
    except etree.ParserError:  # "Document is empty": nothing but comments or whitespace
        raise InputError("no article text found in the HTML page") from None
    if tree.tag in _DROP_TAGS:  # a fragment that is all <svg> or <script>: nothing to read
        raise InputError("no article text found in the HTML page")
    if too_deep(tree, limits.max_html_depth):
        limits.check_depth(depth(tree))
    strip_invisible(tree)
    etree.strip_elements(tree, etree.Comment, with_tail=False)
    return tree


def strip_invisible(tree: Any) -> None:
    """Drop scripts (except JSON-LD metadata), styles and hidden elements, in place."""
    for el in list(tree.iter(*_DROP_TAGS)):
        if el.tag == "script" and (el.get("type") or "").lower() == "application/ld+json":
            continue  # metadata only: trafilatura reads title, author and date, never body text
        _remove(el)
    for el in tree.xpath(_HIDDEN_XPATH):
        style = el.get("style") or ""
        if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true" \
                or _HIDDEN_STYLE.search(style):
            _remove(el)


def _remove(el: Any) -> None:
    # keep the tail: it is text that follows the element, not inside it
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    parent.remove(el)
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _text_of(el: Any) -> str:
    """An element's text in reading order: an element's tail comes after its children (a
    link inside a highlight inside a quotation), line breaks kept, nested blocks spaced."""
    from lxml import etree

    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "end":
            if node is not el and node.tail:
                parts.append(node.tail)
            continue
        if node.tag == "lb":
            parts.append("\n")
        if node is not el and node.tag in ("p", "head", "item", "quote", "row", "cell"):
            parts.append(" ")
        if node.text:
            parts.append(node.text)
    text = "".join(parts)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


def _link_ratio(el: Any, text: str) -> float:
    if not text:
        return 0.0
    linked = sum(len("".join(ref.itertext()).strip()) for ref in el.iter("ref"))
    return min(1.0, linked / len(text))


def _loose(text: str | None) -> Block | None:
    """Text trafilatura left outside any element (a body's text, an element's tail)."""
    text = _SPACES.sub(" ", text or "").strip()
    return Block(text, "p") if text else None


def _item_text(item: Any) -> str:
    """An item's own text: what it holds except the lists nested in it (their items are
    blocks of their own)."""
    if not any(child.tag == "list" for child in item):
        return _text_of(item)
    parts = [item.text or ""]
    for child in item:
        if child.tag != "list":
            parts.append(" " + _text_of(child))
        parts.append(child.tail or "")
    return _SPACES.sub(" ", "".join(parts)).strip()


def body_blocks(body: Any) -> list[Block]:
    """Turn trafilatura's XML body into blocks, one per paragraph, heading, item or row, and
    one for each run of text left between them (a heading's tail)."""
    blocks: list[Block | None] = [_loose(body.text)]
    for el in body:
        if el.tag == "list":
            for item in el.iter("item"):
                text = _item_text(item)
                blocks.append(Block(text, "item", _link_ratio(item, text)))
        elif el.tag == "table":
            for row in el.iter("row"):
                cells = [_text_of(c) for c in row.iter("cell")]
                text = " | ".join(c for c in cells if c)
                blocks.append(Block(text, "row", _link_ratio(row, text)))
        elif el.tag not in ("graphic", "image"):
            text = _text_of(el)
            kind = {"head": "head", "quote": "quote"}.get(el.tag, "p")
            blocks.append(Block(text, kind, _link_ratio(el, text)))
        blocks.append(_loose(el.tail))
    return [b for b in blocks if b is not None and b.text]


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _mark_links(blocks: list[Block], tree: Any) -> list[Block]:
    """Mark the blocks whose whole text is the text of one link on the page (a teaser
    headline). trafilatura's own link output splits paragraphs at some links and loses the
    spaces around them, so the links are read from the page instead."""
    anchors = {_key(a.text_content()) for a in tree.iter("a")}
    return [replace(b, link_ratio=1.0) if b.link_ratio < 1.0 and _key(b.text) in anchors else b
            for b in blocks]


FALLBACK_WORDS = 120  # below this, the fast extraction is retried in full mode
# A fast extraction with more than this share of its words in lines of under MENU_LINE_WORDS
# words is a site menu or a link list, not an article: it is retried in full mode too.
MENU_LINE_WORDS = 5
MENU_SHARE = 0.5
PROSE_LINE_WORDS = 10  # a line this long is prose, never a menu entry
PROSE_KEPT = 0.8  # the full mode replaces a menu when it keeps this share of its prose


# the extensive date search costs about 8% of the time and rarely finds a better date
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}


def _extract(bare_extraction: Any, tree: Any, url: str | None, *, fast: bool) -> Any:
    # A Document (as_dict is False); typed as a union upstream. No metadata (see _metadata)
    # and XML output, so trafilatura does not also render the body as text.
    return bare_extraction(
        tree, url=url, fast=fast, include_comments=False, include_tables=True,
        include_links=False, with_metadata=False, output_format="xml",
        date_extraction_params=_DATE_PARAMS,
    )


def _metadata(tree: Any, url: str | None) -> dict[str, str | None]:
    """Title, author, date, site name and address, as trafilatura's metadata pass finds them
    (page meta tags, JSON-LD, then the page itself), without the categories, tags and licence
    it also looks for, which no article field uses and which cost a tenth of the time."""
    from htmldate import find_date
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    with contextlib.suppress(Exception):  # trafilatura guards its JSON-LD reader the same way
        meta = extract_meta_json(tree, meta)
    meta.title = meta.title or extract_title(tree)
    meta.author = meta.author or extract_author(tree)
    meta.url = meta.url or extract_url(tree, url)
    meta.date = find_date(tree, url=meta.url, extensive_search=False, original_date=True)
    meta.sitename = meta.sitename or extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url and (match := META_URL.match(meta.url)):
        meta.sitename = match[1]
    meta.clean_and_trim()
    return {"title": meta.title, "author": meta.author, "published": meta.date,
            "publisher": meta.sitename, "language": meta.language, "url": meta.url or url}


@dataclass
class _Found:
    """One extraction's blocks and the shape of its text: all words, words in short lines
    (menu entries), words in long lines (prose)."""

    doc: Any
    blocks: list[Block]
    words: int = 0
    short: int = 0
    prose: int = 0

    @property
    def menu(self) -> bool:
        return self.words > 0 and self.short > MENU_SHARE * self.words


def _found(doc: Any) -> _Found:
    blocks = body_blocks(doc.body) if doc is not None and doc.body is not None else []
    found = _Found(doc, blocks)
    for block in blocks:
        for line in block.text.split("\n"):
            n = word_count(line)
            found.words += n
            found.short += n if n < MENU_LINE_WORDS else 0
            found.prose += n if n >= PROSE_LINE_WORDS else 0
    return found


def _better(full: _Found, fast: _Found) -> bool:
    """Whether the full mode's extraction beats the fast one: more text, or, where the fast
    one is a menu, an extraction that is not one and keeps its prose."""
    if fast.menu:
        return not full.menu and full.prose >= PROSE_KEPT * fast.prose
    return full.words > fast.words


def extract(html: str, url: str | None = None, limits: Limits | None = None) -> Extraction:
    """Extract the article blocks and metadata of an HTML page (trafilatura imported lazily)."""
    from trafilatura import bare_extraction

    tree = parse(html, limits)
    found = _found(_extract(bare_extraction, tree, url, fast=True))
    if found.words < FALLBACK_WORDS or found.menu:
        # The fast path skips trafilatura's fallback extractors (readability, jusText); when
        # it finds little, or a menu, the full mode often finds the body.
        # trafilatura works on a copy of the tree it is given, so the parsed tree serves again
        full = _found(_extract(bare_extraction, tree, url, fast=False))
        if _better(full, found):
            found = full
    blocks = _mark_links(found.blocks, tree)
    meta = _metadata(tree, url)
    blocks = filter_blocks(blocks, meta.get("title"), meta.get("publisher"))
    return Extraction(blocks=blocks, metadata=meta)
