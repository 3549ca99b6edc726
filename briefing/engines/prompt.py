"""The extraction prompt: ``prompts/*.j2`` rendered in a Jinja sandbox. Pure, no network.

The article goes only into the user message, between tags derived from a hash of its own
text (an article cannot predict, and so cannot close, its own fence). The system message
is static and says that the fenced text is data, never instructions.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..clean.language import language_name
from ..resources import prompts_dir
from ..schema import Article

PROMPT_FILES = ("system.j2", "user.j2")


@lru_cache(maxsize=1)
def _env() -> Any:
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    # Sandboxed although the templates are ours: a user may point the loader elsewhere one day,
    # and the article text is only ever a variable, never template source.
    return SandboxedEnvironment(loader=FileSystemLoader(str(prompts_dir())),
                                undefined=StrictUndefined, autoescape=False,
                                keep_trailing_newline=False)


@lru_cache(maxsize=1)
def prompt_version() -> str:
    """The declared version plus a hash of the prompt files: any edit changes cache keys."""
    env = _env()
    declared = env.get_template("system.j2").make_module({"tag": ""}).prompt_version
    digest = hashlib.sha256()
    for name in PROMPT_FILES:
        digest.update((prompts_dir() / name).read_bytes())
    return f"{declared}+{digest.hexdigest()[:8]}"


def render(name: str, **values: Any) -> str:
    """A prompt file of ``prompts/`` rendered in the sandbox (values are data, never source)."""
    return str(_env().get_template(name).render(**values))


def fence_tag(text: str) -> str:
    """The tag that fences this article: ``article-`` and 10 hex digits of its hash."""
    return "article-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def cut(text: str, limit: int) -> str:
    """The longest prefix of ``text`` within ``limit`` characters, cut at a paragraph,
    else a sentence, else a space."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    for pattern in (r"\n\s*\n", r"(?<=[.!?])\s", r"\s"):
        ends = [m.start() for m in re.finditer(pattern, head)]
        if ends and ends[-1] > limit // 2:
            return head[: ends[-1]].rstrip()
    return head


@dataclass
class Prompt:
    """The messages for one article, and what the reader must be told about them."""

    messages: list[dict[str, str]]
    shown: int
    total: int
    notes: list[str] = field(default_factory=list)


def build_prompt(article: Article, *, max_chars: int, keep_language: bool = False) -> Prompt:
    """System and user messages for ``article``; long articles are cut, and say so.

    An article not in English is briefed in English unless ``keep_language``; either way its
    quotations, names, places and time phrases are copied as written."""
    text = article.text
    shown = cut(text, max_chars)
    tag = fence_tag(text)
    truncated = len(shown) < len(text)
    system = render("system.j2", tag=tag)
    code = article.language or "en"
    language = None if code == "en" else language_name(code)
    user = render("user.j2", tag=tag, text=shown, truncated=truncated, shown=len(shown),
                  total=len(text), language=language, keep_language=keep_language)
    notes = []
    if truncated:
        notes.append(f"The model read the first {len(shown):,} of {len(text):,} characters "
                     "(BRIEFING_MAX_INPUT_CHARS); the offline checks read the whole article.")
    return Prompt(messages=[{"role": "system", "content": system},
                            {"role": "user", "content": user}],
                  shown=len(shown), total=len(text), notes=notes)
