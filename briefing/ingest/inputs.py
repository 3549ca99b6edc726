"""Inputs (files, stdin, URLs, feeds, JSONL) -> raw documents, with decoding and binary checks."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urlsplit

from ..errors import BriefingError, InputError
from ..limits import Limits
from .decode import decode as decode

if TYPE_CHECKING:
    from .fetch import Fetcher

MAX_INPUT_BYTES = Limits().max_input_bytes  # the default; see briefing.limits
TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[ >])", re.I)


JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_JSONL_LINE = 5 * 1024 * 1024


@dataclass(frozen=True)
class RawDocument:
    """One input as read: its name, its decoded content, whether it is HTML, and metadata
    (title, url, published) that the input itself carried (JSONL fields, feed entries)."""

    name: str
    content: str
    is_html: bool
    meta: dict[str, str] = field(default_factory=dict)
    stem: str = ""  # a file-name-safe name for outputs


@dataclass(frozen=True)
class Failure:
    """An input (or one line or entry of it) that could not be read."""

    name: str
    error: BriefingError
    stem: str = ""


def is_url(value: str) -> bool:
    return urlsplit(value).scheme in ("http", "https")


def slug(value: str, limit: int = 60) -> str:
    """A file-name-safe stem for an input name or URL."""
    if is_url(value):
        parts = urlsplit(value)
        value = (parts.hostname or "") + "-" + parts.path.rstrip("/").rsplit("/", 1)[-1]
    else:
        value = Path(value).stem if value != "-" else "stdin"
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-.")
    return cleaned[:limit] or "article"


def read_input(path: str, limits: Limits | None = None) -> RawDocument:
    """Read a file path, or '-' for stdin, refusing one over ``limits.max_input_bytes``."""
    limits = limits or Limits.from_env()
    cap = limits.max_input_bytes
    if path == "-":
        data = sys.stdin.buffer.read(cap + 1)
        name = "<stdin>"
        suffix = ""
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file")
        if p.is_dir():
            raise InputError(f"{path}: is a directory, not an article file")
        limits.check_bytes(p.stat().st_size, path)  # before reading: a huge file costs nothing
        with p.open("rb") as fh:
            data = fh.read(cap + 1)  # the file may have grown since stat()
        name = path
        suffix = p.suffix.lower()
    limits.check_bytes(len(data), name)
    if not data.strip():
        raise InputError(f"{name}: empty input")
    text = decode(data, name)
    if not text.strip():
        raise InputError(f"{name}: empty input (only whitespace)")
    if suffix in HTML_SUFFIXES:
        is_html = True
    elif suffix in TEXT_SUFFIXES:
        is_html = False
    else:
        is_html = bool(_HTML_SNIFF.match(data[:512]))
    return RawDocument(name=name, content=text, is_html=is_html, stem=slug(path))


def _lines(fh: BinaryIO, cap: int) -> Iterator[bytes | None]:
    """The file's lines, None for one longer than ``cap`` bytes: never more than ``cap`` in
    memory, however long the line."""
    while True:
        line = fh.readline(cap + 1)
        if not line:
            return
        if len(line) > cap and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = fh.readline(1024 * 1024)
            yield None
        else:
            yield line


def _jsonl(path: str) -> Iterator[RawDocument | Failure]:
    """One document per JSONL line: {"text"|"html"|"url", "title"?, "url"?, "published"?, "id"?}."""
    p = Path(path)
    if not p.is_file():
        yield Failure(path, InputError(f"{path}: no such file"), slug(path))
        return
    with p.open("rb") as fh:
        for n, raw in enumerate(_lines(fh, MAX_JSONL_LINE), 1):
            name = f"{path}:{n}"
            stem = f"{slug(path)}-{n}"
            if raw is None or len(raw.rstrip(b"\r\n")) > MAX_JSONL_LINE:
                yield Failure(name, InputError(f"{name}: line longer than "
                                               f"{MAX_JSONL_LINE // 2**20} MB"), stem)
                continue
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                yield Failure(name, InputError(f"{name}: not valid JSON ({exc})"), stem)
                continue
            if not isinstance(obj, dict):
                yield Failure(name, InputError(f"{name}: expected a JSON object"), stem)
                continue
            meta = {k: str(obj[k]) for k in ("title", "url", "published")
                    if isinstance(obj.get(k), str | int | float) and str(obj[k]).strip()}
            if isinstance(obj.get("id"), str | int):
                stem = slug(str(obj["id"]))
            body = next(((k, obj[k]) for k in ("text", "html") if isinstance(obj.get(k), str)),
                        None)
            if body is not None:
                if not body[1].strip():
                    yield Failure(name, InputError(f"{name}: empty {body[0]!r}"), stem)
                    continue
                yield RawDocument(name, body[1], body[0] == "html", meta, stem)
            elif isinstance(obj.get("url"), str):
                yield RawDocument(name, "", True, {**meta, "fetch": obj["url"]}, stem)
            else:
                yield Failure(name, InputError(
                    f'{name}: needs a "text", "html" or "url" field'), stem)


def _fetched(url: str, fetcher: Fetcher, name: str, meta: dict[str, str],
             stem: str) -> RawDocument | Failure:
    try:
        page = fetcher.fetch(url)
    except BriefingError as exc:
        return Failure(name, exc, stem)
    return RawDocument(name, page.content, True, {"url": page.url, **meta}, stem)


def _feed(source: str, fetcher: Fetcher | None,
          limits: Limits | None = None) -> Iterator[RawDocument | Failure]:
    from .feeds import parse_feed
    from .fetch import FEED_TYPES

    try:
        if is_url(source):
            if fetcher is None:
                raise InputError(f"{source}: fetching is off")
            data = fetcher.fetch(source, accept=FEED_TYPES).content
        else:
            data = read_input(source, limits).content
        entries = parse_feed(data, source)
    except BriefingError as exc:
        yield Failure(source, exc, slug(source))
        return
    for n, entry in enumerate(entries, 1):
        name = f"{source}#{n}"
        stem = slug(entry.link) if entry.link else f"{slug(source)}-{n}"
        meta = {k: v for k, v in (("title", entry.title), ("url", entry.link),
                                  ("published", entry.published)) if v}
        if entry.has_full_text and entry.content:
            yield RawDocument(name, entry.content, True, meta, stem)
        elif entry.link and fetcher is not None:
            yield _fetched(entry.link, fetcher, name, meta, stem)
        else:
            yield Failure(name, InputError(f"{name}: entry has no full text and no link"), stem)


def iter_documents(inputs: list[str], *, feeds: tuple[str, ...] = (),
                   fetcher: Fetcher | None = None,
                   limits: Limits | None = None) -> Iterator[RawDocument | Failure]:
    """Expand inputs (files, '-', URLs, JSONL files) and feeds into documents, in order.

    A bad input, line or entry becomes a Failure; the others go on.
    """
    for item in inputs:
        if is_url(item):
            if fetcher is None:
                yield Failure(item, InputError(f"{item}: fetching is off"), slug(item))
            else:
                yield _fetched(item, fetcher, item, {}, slug(item))
        elif Path(item).suffix.lower() in JSONL_SUFFIXES:
            for doc in _jsonl(item):
                if isinstance(doc, RawDocument) and "fetch" in doc.meta:
                    meta = {k: v for k, v in doc.meta.items() if k != "fetch"}
                    if fetcher is None:
                        yield Failure(doc.name, InputError(f"{doc.name}: fetching is off"),
                                      doc.stem)
                    else:
                        yield _fetched(doc.meta["fetch"], fetcher, doc.name, meta, doc.stem)
                else:
                    yield doc
        else:
            try:
                yield read_input(item, limits)
            except BriefingError as exc:  # named as read_input names it, so "-" is <stdin>
                yield Failure("<stdin>" if item == "-" else item, exc, slug(item))
    for feed in feeds:
        yield from _feed(feed, fetcher, limits)
