"""Inputs (files, stdin) -> raw documents, with decoding and binary detection."""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

MAX_INPUT_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
}
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[ >])", re.I)


@dataclass(frozen=True)
class RawDocument:
    """One input as read: its name, its decoded content and whether it is HTML."""

    name: str
    content: str
    is_html: bool


def decode(data: bytes, name: str) -> str:
    """Decode bytes as text, refusing binary data rather than producing mojibake."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{name}: this is {what}, not a text or HTML article")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {enc} text ({exc.reason})") from None
    if b"\x00" in data:
        raise InputError(f"{name}: binary data (NUL bytes), not a text or HTML article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.1:
        raise InputError(f"{name}: not UTF-8 and no text encoding fits; re-save it as UTF-8")
    return str(best)


def read_input(path: str) -> RawDocument:
    """Read a file path, or '-' for stdin."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        name = "<stdin>"
        suffix = ""
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file")
        if p.is_dir():
            raise InputError(f"{path}: is a directory, not an article file")
        if p.stat().st_size > MAX_INPUT_BYTES:
            raise InputError(f"{path}: larger than the {MAX_INPUT_BYTES // 2**20} MB input limit")
        data = p.read_bytes()
        name = path
        suffix = p.suffix.lower()
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: larger than the {MAX_INPUT_BYTES // 2**20} MB input limit")
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
    return RawDocument(name=name, content=text, is_html=is_html)
