"""What the model fills: a small schema of plain strings, checked against the article.

Quotes, evidence and time phrases are strings the model must copy from the article. With
the article text in the pydantic *validation context* (``{"article_text": ...}``), such a
string that is not there fails validation with a message that tells the model what to fix,
and instructor re-asks with it. A person or place whose name does not occur in the article is
dropped, not re-asked: measured on Qwen2.5-1.5B, re-asks never fixed a name (issue 17), and
each costs a whole request; the dropped names are kept in ``dropped`` for provenance.
Without a context (the lenient salvage of a last answer) nothing is checked here, and
grounding drops what is not in the text.

The JSON schema carries ``maxItems``/``maxLength`` bounds that are not validated: servers that
compile the schema into a grammar (llama.cpp) then cannot produce an endless answer, while a
model that gives one item too many is trimmed, not re-asked.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    model_validator,
)

from ..ground import locate, mentions

CONTEXT_KEY = "article_text"
SUMMARY_CHARS = 500  # the grammar's bound; the prompt asks for about half


def _text(info: ValidationInfo) -> str | None:
    context = info.context
    return context.get(CONTEXT_KEY) if isinstance(context, dict) else None


def _verbatim(value: str, info: ValidationInfo) -> str:
    text = _text(info)
    if text is None or not value.strip():
        return value
    found = locate(text, value)
    if found is None or found[1] != "exact":  # exact, or equal once spaces/quote marks fold
        raise ValueError(f"{_short(value)!r} is not in the article word for word; copy the "
                         "exact words from the article or leave it out")
    return value


def _short(value: str, n: int = 80) -> str:
    return value if len(value) <= n else value[: n - 1] + "…"


def _bounded(n: int) -> Any:
    return Field(default_factory=list, json_schema_extra={"maxItems": n})


def _str(n: int, **kw: Any) -> Any:
    return Field(json_schema_extra={"maxLength": n}, **kw)


Verbatim = Annotated[str, AfterValidator(_verbatim), _str(250)]
Name = Annotated[str, _str(80)]


def _all_required(schema: dict[str, Any], cls: type) -> None:
    # Every key is required in the *schema* so that grammar-constrained decoding writes them
    # all (a small model otherwise stops after the summary); validation keeps the defaults.
    schema["required"] = list(schema.get("properties", {}))
    # Property titles ("Summary", "Key Points") and defaults repeat what the names say: about
    # a fifth of the schema's tokens, paid on every call. The model's own title stays (tool
    # calling names the function after it).
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)
        prop.pop("default", None)


class _Out(BaseModel):
    # Unknown keys are ignored: chatty models add fields, which is no reason to re-ask.
    model_config = ConfigDict(extra="ignore", json_schema_extra=_all_required)


class PointOut(_Out):
    text: str = _str(160)
    evidence: Verbatim


class WhoOut(_Out):
    name: Name
    kind: Literal["person", "organization", "group"]
    role: str | None = _str(60, default=None)


class WhatOut(_Out):
    # No date of its own: the model invented them ("March 2015"); `when` holds the article's.
    description: str = _str(160)
    evidence: Verbatim
    attributed_to: str = _str(60, default="the article")


class WhereOut(_Out):
    name: Name
    kind: Literal["country", "region", "city", "site", "other"]


class WhenOut(_Out):
    text: Verbatim


class SourceOut(_Out):
    name: str = _str(80)
    kind: Literal["named", "anonymous", "official", "document", "media"]
    affiliation: str | None = _str(60, default=None)
    quotes: list[Verbatim] = _bounded(2)


# Bounds: each list item costs completion tokens (an evidence sentence about 30), generated at
# about 8 tokens a second by a 1.5B model on 2 cores; the offline engine adds the quotations,
# places and time phrases the model leaves out.
class BriefingAnswer(_Out):
    """The model's answer for one article (offsets, confidence and metadata are ours)."""

    summary: str = _str(SUMMARY_CHARS)
    who: list[WhoOut] = _bounded(6)
    where: list[WhereOut] = _bounded(3)
    when: list[WhenOut] = _bounded(3)
    key_points: list[PointOut] = _bounded(3)
    what: list[WhatOut] = _bounded(3)
    sources: list[SourceOut] = _bounded(4)
    # Names dropped by validation because the article never writes them ("who.name: X").
    _dropped: list[str] = PrivateAttr(default_factory=list)

    @model_validator(mode="after")
    def _drop_unmentioned(self, info: ValidationInfo) -> BriefingAnswer:
        text = _text(info)
        if text is None:
            return self
        for group in ("who", "where"):
            items = getattr(self, group)
            kept = [w for w in items if not w.name.strip() or mentions(text, w.name)]
            self._dropped += [f"{group}.name: {_short(w.name)}" for w in items if w not in kept]
            setattr(self, group, kept)
        return self

    @property
    def dropped(self) -> list[str]:
        """What validation left out (names the article never writes), for provenance."""
        return list(self._dropped)


@lru_cache(maxsize=1)
def _answer_schema_json() -> str:
    # Generating the schema costs about 4 ms a call; per article that adds up in a batch.
    return json.dumps(BriefingAnswer.model_json_schema())


def answer_schema() -> dict[str, Any]:
    """The JSON schema of the answer (sent by the tools and json_schema modes); a fresh copy
    that callers may change."""
    schema: dict[str, Any] = json.loads(_answer_schema_json())
    return schema


MAX_CHOICES = 80


def grounded_schema(text: str) -> dict[str, Any]:
    """The answer schema with evidence and quotes restricted to the article's own strings.

    For servers that compile the schema into a grammar (llama.cpp, the bundled model): an
    ``enum`` of the article's sentences for evidence, of its quotations for quotes, so even
    a small model can only pick words that are in the text. Validation is unchanged.
    """
    from ..nlp.attribution import find_quotes
    from ..nlp.sentences import split_sentences
    from ..nlp.timex import find_times

    def choices(strings: list[str]) -> list[str]:
        # llama-cpp-python 0.3 writes `"` and `\\` in an enum into a broken grammar (and can
        # crash): such strings are left out, and stay reachable as free text elsewhere.
        ok = (" ".join(s.split()) for s in strings if '"' not in s and "\\" not in s)
        return list(dict.fromkeys(s for s in ok if s))[:MAX_CHOICES]

    split = split_sentences(text)
    sentences = choices([s.text for s in split])
    quotes = choices([text[a:b] for a, b in find_quotes(text)])
    # Time phrases as the article writes them: the model wrote ISO dates and paraphrases
    # (43 of 49 validation errors in issue 17); now it can only pick one of the article's.
    times = choices([t.text for t in find_times(text, split, None)])
    schema = answer_schema()
    defs = schema["$defs"]
    for name in ("PointOut", "WhatOut"):
        if sentences:
            defs[name]["properties"]["evidence"] = {"enum": sentences}
    quote_items = quotes or sentences
    if quote_items:
        defs["SourceOut"]["properties"]["quotes"]["items"] = {"enum": quote_items}
    when = schema["properties"]["when"]
    if times:
        defs["WhenOut"]["properties"]["text"] = {"enum": times}
    else:
        when["maxItems"] = 0
    return schema
