"""Resource limits for hostile or broken input, with defaults a user can raise.

Each limit turns an input that would exhaust memory or time into one clear error naming the
limit and how to raise it. Defaults sit well above real news pages (the longest cleaned
article in our AEB sample is about 53,000 characters, the deepest page 51 elements) and well
below what makes a step slow (the offline engine takes about 4 s per million characters).

Read from the environment when ``Limits.from_env`` is called, never at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import InputError, UsageError

#: libxml2 stops at a nesting depth of 256 (2048 with its "huge" option) and drops the rest of
#: the page silently, so a limit at or above 256 needs the huge parser, and none may reach 2048.
LIBXML_DEPTH = 256
MAX_HTML_DEPTH_CEILING = 2000

_ENV = {  # field -> (environment variable, scale from the variable's unit to the field's)
    "max_input_bytes": ("BRIEFING_MAX_INPUT_MB", 1024 * 1024),
    "max_chars": ("BRIEFING_MAX_CHARS", 1),
    "max_html_depth": ("BRIEFING_MAX_HTML_DEPTH", 1),
    "article_seconds": ("BRIEFING_ARTICLE_TIMEOUT", 1),
}


@dataclass(frozen=True)
class Limits:
    """What one input may cost. Every field can be raised (see ``from_env``)."""

    max_input_bytes: int = 20 * 1024 * 1024  # a file, stdin or JSONL line, before decoding
    max_chars: int = 100_000  # cleaned characters an engine (offline or model) reads
    max_html_depth: int = 200  # nested elements in an HTML page
    article_seconds: float = 300.0  # one article's engine call in a batch

    def __post_init__(self) -> None:
        for f in fields(self):
            if getattr(self, f.name) <= 0:
                where = "--max-input-mb or " if f.name == "max_input_bytes" else ""
                raise UsageError(f"{where}{_ENV[f.name][0]} must be positive")
        if self.max_html_depth > MAX_HTML_DEPTH_CEILING:
            raise UsageError(f"BRIEFING_MAX_HTML_DEPTH can be at most "
                             f"{MAX_HTML_DEPTH_CEILING} (the HTML parser's own ceiling)")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *,
                 max_input_mb: float | None = None) -> Limits:
        """Defaults, then ``BRIEFING_MAX_INPUT_MB``, ``BRIEFING_MAX_CHARS``,
        ``BRIEFING_MAX_HTML_DEPTH``, ``BRIEFING_ARTICLE_TIMEOUT``, then the CLI's option."""
        env = os.environ if env is None else env
        values: dict[str, float] = {}
        for name, (var, scale) in _ENV.items():
            raw = env.get(var, "").strip()
            if not raw:
                continue
            try:
                values[name] = float(raw) * scale
            except ValueError:
                raise UsageError(f"{var} must be a number, not {raw!r}") from None
        if max_input_mb is not None:
            values["max_input_bytes"] = max_input_mb * 1024 * 1024
        ints = {f.name for f in fields(cls) if f.type == "int"}
        typed: dict[str, Any] = {k: int(v) if k in ints else v for k, v in values.items()}
        return replace(cls(), **typed)

    @property
    def input_mb(self) -> str:
        return f"{self.max_input_bytes / 2**20:.3g} MB"

    def check_bytes(self, size: int, name: str) -> None:
        """Refuse an input larger than ``max_input_bytes`` (by its size, before reading it)."""
        if size > self.max_input_bytes:
            raise InputError(f"{name}: larger than the {self.input_mb} input limit "
                             "(raise it with --max-input-mb or BRIEFING_MAX_INPUT_MB)")

    def check_chars(self, text: str) -> None:
        """Refuse cleaned text longer than an engine should read."""
        if len(text) > self.max_chars:
            raise InputError(f"the cleaned article is {len(text):,} characters, over the "
                             f"{self.max_chars:,}-character limit (raise it with "
                             "BRIEFING_MAX_CHARS)")

    def check_depth(self, depth: int) -> None:
        """Refuse HTML nested deeper than ``max_html_depth`` elements."""
        if depth > self.max_html_depth:
            raise InputError(f"the HTML nests elements more than {self.max_html_depth} deep "
                             "(raise it with BRIEFING_MAX_HTML_DEPTH, at most "
                             f"{MAX_HTML_DEPTH_CEILING})")
