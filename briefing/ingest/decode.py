"""The one decoder: bytes from a file, stdin, a JSONL line or an HTTP response -> text.

The order is the web's (WHATWG "encoding sniffing"): a byte-order mark; the charset the
transport declared (HTTP ``Content-Type``); the document's own declaration (``<meta charset>``,
``<meta http-equiv>``, ``<?xml encoding?>``) in its first kilobytes; then UTF-8; UTF-8 with a
few stray legacy bytes; UTF-16 without a BOM; and last a statistical guess (charset_normalizer).
A declaration that does not decode the bytes cleanly is ignored rather than trusted.
Binary data is refused, never turned into mojibake.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_META = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""", re.I)
# What browsers actually use for these labels: the declared one is a subset of it.
_SUPERSETS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
              "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254",
              "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "euc-cn": "gb18030",
              "shift_jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "euc-kr": "cp949",
              "ks_c_5601-1987": "cp949", "tis-620": "cp874", "iso-8859-11": "cp874",
              "utf8": "utf-8", "unicode": "utf-16"}
# Legacy codepages charset_normalizer may pick for Western text when cp1252 fits as well: it
# ties French "à"/"è" between cp1250 ("ŕ"/"č") and cp1252, and breaks the tie the wrong way.
_LATIN_SINGLE_BYTE = {"cp1250", "cp1257", "iso8859_2", "iso8859_4", "iso8859_10", "iso8859_13",
                      "iso8859_15", "latin_1", "mac_latin2", "cp852", "cp850", "cp775"}


def codec(label: str | None) -> str | None:
    """The Python codec for a declared charset label, or None when Python has none."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a document declares for itself in its first 4 KB (HTML meta or XML)."""
    match = _META.search(data[:4096])
    if match is None:
        return None
    return codec((match.group(1) or match.group(2)).decode("ascii", "replace"))


def _utf8_with_strays(data: bytes) -> str | None:
    """UTF-8 text carrying a few bytes of a legacy encoding (exports pasted together).

    The stray bytes are read as cp1252; None when the data is not mostly UTF-8.
    """
    probe = data.decode("utf-8", errors="replace")
    # A legacy file has an invalid byte at nearly every accented letter and valid multi-byte
    # sequences only by accident; damaged UTF-8 has a few runs of bad bytes among good ones.
    bad = len(re.findall("\ufffd+", probe))
    good = sum(1 for c in probe if ord(c) > 127 and c != "\ufffd")
    if good == 0 or bad > good:
        return None
    return data.decode("utf-8", errors="briefing-cp1252")


def _cp1252_strays(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("briefing-cp1252", _cp1252_strays)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM: NUL in every other byte of its ASCII characters."""
    sample = data[:4096]
    if len(sample) < 16:
        return None
    half = len(sample) // 2
    even = sample[0::2].count(0) / half
    odd = sample[1::2].count(0) / half
    for share_nul, share_other, enc in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if share_nul > 0.3 and share_other < 0.05:
            try:
                text = data[: len(data) - len(data) % 2].decode(enc)
            except UnicodeDecodeError:
                return None
            printable = sum(c.isprintable() or c.isspace() for c in text)
            return text if printable >= 0.95 * len(text) else None
    return None


def _strict(data: bytes, encoding: str | None) -> str | None:
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode(data: bytes, name: str, *, declared: str | None = None) -> str:
    """Decode bytes as text, refusing binary data rather than producing mojibake.

    ``declared`` is the transport's charset label (an HTTP ``Content-Type`` charset).
    """
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{name}: this is {what}, not a text or HTML article")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {enc} text ({exc.reason})") from None
    meta = declared_charset(data)
    if meta is not None and meta.replace("-", "_").startswith("utf_16"):
        meta = "utf-8"  # WHATWG: a document cannot declare UTF-16 in its own ASCII bytes
    transport = codec(declared)
    if transport is not None and transport.replace("-", "_").startswith("utf_16") and \
            data.count(b"\x00") <= len(data) // 100:
        transport = None  # a UTF-16 label on bytes without NULs is wrong
    for label in (transport, meta):
        # A declared UTF-8 that does not decode falls through to the stray-byte repair.
        text = _strict(data, label)
        if text is not None:
            return text
    # Binary files (and UTF-16 without a BOM) are full of NULs; a stray one in a text export is
    # not a reason to refuse the article (cleaning drops control characters).
    if data.count(b"\x00") > len(data) // 100:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        raise InputError(f"{name}: binary data (NUL bytes), not a text or HTML article")
    text = _strict(data, "utf-8")
    if text is not None:
        return text
    mixed = _utf8_with_strays(data)
    if mixed is not None:
        return mixed
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None or best.chaos > 0.1:
        raise InputError(f"{name}: not UTF-8 and no text encoding fits; re-save it as UTF-8")
    if best.encoding in _LATIN_SINGLE_BYTE:
        for r in results:
            if r.encoding == "cp1252" and r.chaos <= best.chaos + 0.02:
                return str(r)
    return str(best)
