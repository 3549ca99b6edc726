"""Inputs -> raw documents: files, stdin, JSONL exports, URLs and feeds, decoded once."""

from __future__ import annotations

from .inputs import (
    JSONL_SUFFIXES,
    Failure,
    RawDocument,
    decode,
    is_multi_input,
    is_url,
    iter_documents,
    read_input,
    slug,
)

__all__ = ["JSONL_SUFFIXES", "Failure", "RawDocument", "decode", "is_multi_input", "is_url",
           "iter_documents", "read_input", "slug"]
