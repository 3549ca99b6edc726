"""Inputs (files, stdin, URLs, feeds, JSONL) -> raw documents, with decoding and binary checks."""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
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


_MARKUP = re.compile(r"<(?:[a-zA-Z][\w-]*|/[a-zA-Z][\w-]*|!--)[^>]*>")
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_JSONL_LINE = 5 * 1024 * 1024
# Read as RSS/Atom feeds when given as an input: these suffixes, or a file that starts like one
# (after a BOM, an XML declaration, comments, processing instructions and a DOCTYPE).
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
_FEED_SNIFF = re.compile(
    r"\s*(?:<\?xml[^>]{0,300}>\s*)?"
    r"(?:<!--.{0,2000}?-->\s*|<\?[^>]{0,300}>\s*|<!DOCTYPE[^>\[]{0,300}(?:\[[^\]]*\])?\s*>\s*)*"
    r"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF|html)[\s>/]", re.S | re.I)


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
    """An http(s) URL, well formed or not (fetching refuses a malformed one with a reason)."""
    return re.match(r"(?i)https?://", value.lstrip()) is not None


def slug(value: str, limit: int = 60) -> str:
    """A file-name-safe stem for an input name or URL."""
    if is_url(value):
        try:
            parts = urlsplit(value)
            host = parts.hostname or ""
        except ValueError:  # "Invalid IPv6 URL": a stem is still owed
            parts, host = urlsplit(""), value.split("://", 1)[1].split("/", 1)[0]
        value = host + "-" + parts.path.rstrip("/").rsplit("/", 1)[-1]
    else:
        value = Path(value).stem if value != "-" else "stdin"
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-.")
    return cleaned[:limit] or "article"


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _cannot(path: str, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return InputError(f"{path}: no such file")
    if isinstance(exc, PermissionError):
        return InputError(f"{path}: cannot read it: permission denied")
    return InputError(f"{path}: cannot read it: {exc.strerror or exc}")


def _regular_file(path: str, what: str = "an article file") -> os.stat_result:
    """The stat of ``path``, which must be a regular file: a FIFO, device or socket would block
    or never end, so it is refused before it is opened."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise _cannot(path, exc) from None
    except ValueError:  # a NUL byte in the name
        raise InputError(f"{path!r}: no such file") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a directory, not {what}")
    if not stat.S_ISREG(st.st_mode):
        kind = next((k for test, k in _KINDS if test(st.st_mode)), "not a regular file")
        raise InputError(f"{path}: is {kind}, not a regular file; refusing to read it")
    return st


def _open(path: str) -> BinaryIO:
    """Open a regular file for reading without ever blocking on a FIFO swapped in after the
    stat (O_NONBLOCK), and check again what was opened."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _cannot(path, exc) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError(f"{path}: is not a regular file; refusing to read it")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def read_input(path: str, limits: Limits | None = None) -> RawDocument:
    """Read a file path, or '-' for stdin, refusing one over ``limits.max_input_bytes``.

    Only regular files are read: a named pipe, device, socket or folder is refused with a
    reason before it is opened, and an unreadable file is an InputError naming it.
    """
    limits = limits or Limits.from_env()
    cap = limits.max_input_bytes
    if path == "-":
        data = sys.stdin.buffer.read(cap + 1)
        name = "<stdin>"
        suffix = ""
    else:
        p = Path(path)
        st = _regular_file(path)
        limits.check_bytes(st.st_size, path)  # before reading: a huge file costs nothing
        try:
            with _open(path) as fh:
                data = fh.read(cap + 1)  # the file may have grown since stat()
        except OSError as exc:
            raise _cannot(path, exc) from None
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


def _feed_root(head: str) -> str | None:
    """The root element a document starts with, when it is rss, feed, rdf or html."""
    match = _FEED_SNIFF.match(head[:4096])
    return match.group(1).lower() if match else None


def _reads_as_feed(path: str, head: str) -> bool:
    """``.rss``, ``.atom`` and ``.xml`` files are feeds (an ``.xml`` one unless it is an XHTML
    page); any other file is one when it starts like one."""
    root = _feed_root(head)
    if Path(path).suffix.lower() in FEED_SUFFIXES:
        return root != "html"
    return root in ("rss", "feed", "rdf")


def is_feed_file(path: str, limits: Limits | None = None) -> bool:
    """Whether ``iter_documents`` reads the local file ``path`` as an RSS/Atom feed.

    Never blocks and never raises: only a regular file within ``limits.max_input_bytes`` is
    opened (to read its first 4 KB); one that cannot be read is left for read_input's error."""
    if path == "-" or is_url(path):
        return False
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return False
        if st.st_size > (limits or Limits()).max_input_bytes:
            return Path(path).suffix.lower() in FEED_SUFFIXES  # refused by size when read
        with _open(path) as fh:
            head = fh.read(4096)
    except (OSError, ValueError, InputError):
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[:len(head) - len(head) % 2].decode("utf-16", errors="replace")
    else:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    return _reads_as_feed(path, text)


def is_multi_input(path: str, limits: Limits | None = None) -> bool:
    """Whether one input may hold several articles: a JSONL export, a folder or a feed file.

    For the CLI, to choose between one output and a folder of them. Never raises, never
    blocks: a path that cannot be read is single (its error comes when it is read)."""
    if path == "-" or is_url(path):
        return False
    if Path(path).suffix.lower() in JSONL_SUFFIXES:
        return True
    try:
        if stat.S_ISDIR(os.stat(path).st_mode):
            return True
    except (OSError, ValueError):
        return False
    return is_feed_file(path, limits)


# Dates a JSONL line or feed entry may carry as "published".
_RFC2822 = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+"
                      r"\d{1,2}:\d{2}(?::\d{2})?(?:\s+(?:[+-]\d{4}|[A-Za-z]{1,5}))?")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _dateutil(value: str) -> str | None:
    """What dateutil reads unambiguously: a 4-digit year, month and day all written out, the
    same whether day or month comes first. ISO 8601 (a date, or a date and time)."""
    from dateutil import parser

    if not _YEAR.search(value):
        return None
    unknown: list[str] = []

    def zone(name: str | None, offset: int | None) -> tzinfo | None:
        # Only zones the text itself defines: never the machine's local one, never a warning.
        if offset is not None:
            return timezone(timedelta(seconds=offset))
        if name is not None and name.upper() in ("UTC", "GMT", "UT", "Z"):
            return timezone.utc
        if name is not None:
            unknown.append(name)
        return None

    readings: list[datetime] = []
    first, second = datetime(2000, 1, 1), datetime(2001, 2, 2, 1, 1)  # to see what was written
    for default, dayfirst in ((first, False), (second, False), (first, True)):
        try:
            reading: datetime = parser.parse(value, default=default, dayfirst=dayfirst,
                                             tzinfos=zone)
        except (ValueError, OverflowError):
            return None
        readings.append(reading)
    plain, other, dayfirst_reading = readings
    if (plain.year, plain.month, plain.day) != (other.year, other.month, other.day):
        return None  # some part of the date was not written: "March 2024", "Tuesday"
    if plain.date() != dayfirst_reading.date() and not re.match(r"\s*\d{4}\D", value):
        return None  # "03/04/2024": March or April?
    if (plain.hour, plain.minute) != (other.hour, other.minute) or unknown:
        return plain.date().isoformat()  # no time written, or a time zone not understood
    return plain.isoformat()


def published_date(value: str | None) -> str | None:
    """``value`` if it is a date (ISO 8601, RFC 2822, or what dateutil reads unambiguously with
    a 4-digit year), as ISO 8601; None for anything else ("issue 7", "None", "yesterday")."""
    value = (value or "").strip()
    if not value or len(value) > 100:
        return None
    with contextlib.suppress(ValueError):  # (Python 3.10's fromisoformat has no "Z")
        parsed = datetime.fromisoformat(re.sub(r"(?<=\d)[Zz]$", "+00:00", value))
        if _ISO_DAY.match(value):
            return value  # as written: already the extended form ("2024-03-05T10:00Z")
        return parsed.isoformat() if "T" in value.upper() else parsed.date().isoformat()
    if _RFC2822.fullmatch(value):
        with contextlib.suppress(TypeError, ValueError, IndexError):
            dt = parsedate_to_datetime(value)
            if dt.tzinfo is not None:
                dt = dt.astimezone(timezone.utc)
            return dt.isoformat()
    return _dateutil(value)


def _with_published(meta: dict[str, str], value: object) -> dict[str, str]:
    """``meta`` with ``published`` when ``value`` is a date; else a note why it was dropped."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return meta
    text = str(value).strip() if isinstance(value, str | int | float) \
        and not isinstance(value, bool) else ""
    when = published_date(text) if text else None
    if when is not None:
        return {**meta, "published": when}
    shown = text[:60] if text else json.dumps(value)[:60]
    note = f"published {shown!r} is not a date; left out"
    notes = meta.get("notes")
    return {**meta, "notes": f"{notes}; {note}" if notes else note}


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
    try:
        _regular_file(path, "a JSONL file")
        fh = _open(path)
    except InputError as exc:
        yield Failure(path, exc, slug(path))
        return
    with fh:
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
            meta = {k: str(obj[k]) for k in ("title", "url")
                    if isinstance(obj.get(k), str | int | float) and str(obj[k]).strip()}
            meta = _with_published(meta, obj.get("published"))
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
    from .fetch import FEED_TYPES

    try:
        if is_url(source):
            if fetcher is None:
                raise InputError(f"{source}: fetching is off")
            data = fetcher.fetch(source, accept=FEED_TYPES).content
        else:
            data = read_input(source, limits).content
    except BriefingError as exc:
        yield Failure(source, exc, slug(source))
        return
    yield from _entries(data, source, fetcher)


def _entries(data: str, source: str,
             fetcher: Fetcher | None) -> Iterator[RawDocument | Failure]:
    """A feed's entries: each one's full text, or its link fetched."""
    from .feeds import parse_feed

    try:
        entries = parse_feed(data, source)
    except BriefingError as exc:
        yield Failure(source, exc, slug(source))
        return
    for n, entry in enumerate(entries, 1):
        name = f"{source}#{n}"
        stem = slug(entry.link) if entry.link else f"{slug(source)}-{n}"
        meta = {k: v for k, v in (("title", entry.title), ("url", entry.link)) if v}
        meta = _with_published(meta, entry.published)
        if entry.has_full_text and entry.content:
            # Full text carried by the feed is usually HTML; some feeds carry plain text.
            is_html = _MARKUP.search(entry.content) is not None
            yield RawDocument(name, entry.content, is_html, meta, stem)
        elif entry.link and fetcher is not None:
            yield _fetched(entry.link, fetcher, name, meta, stem)
        elif entry.link:
            yield Failure(name, InputError(f"{name}: entry has no full text and fetching its "
                                           "link is off"), stem)
        else:
            yield Failure(name, InputError(f"{name}: entry has no full text and no link"), stem)


def iter_documents(inputs: list[str], *, feeds: tuple[str, ...] = (),
                   fetcher: Fetcher | None = None,
                   limits: Limits | None = None) -> Iterator[RawDocument | Failure]:
    """Expand inputs (files, '-', URLs, JSONL files, feed files) and feeds into documents, in
    order: a feed file given as an input is read as the feed it is (``.rss``, ``.atom``, an
    ``.xml`` that is not XHTML, or any file that starts like a feed; see ``is_feed_file``).

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
                doc = read_input(item, limits)
            except BriefingError as exc:  # named as read_input names it, so "-" is <stdin>
                yield Failure("<stdin>" if item == "-" else item, exc, slug(item))
                continue
            if item != "-" and _reads_as_feed(item, doc.content):
                yield from _entries(doc.content, item, fetcher)
            else:
                yield doc
    for feed in feeds:
        yield from _feed(feed, fetcher, limits)
