"""A daily story's synthesis by the model: the request and the answer's shape. The answer is
checked against the articles afterwards (``briefing/daily/synthesis.py``), like any span.

The answer schema is small: a title and at most three sentences, each with one or two
evidence sentences. For servers that compile the schema into a grammar (llama.cpp), the
evidence is an ``enum`` of the articles' own sentences, so a small model can only cite words
that are in them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..schema import Usage
from .prompt import cut, render

LEAD_CHARS = 900  # of each article: its opening is what a synthesis of the latest state needs
MAX_ARTICLES = 6  # latest first; older coverage adds little and costs prompt tokens
MAX_CHOICES = 80
MAX_TOKENS = 800  # three sentences with two copied evidence sentences each: about 450


@dataclass(frozen=True)
class StoryText:
    """One article of a story as the model sees it."""

    publisher: str | None
    published: str | None
    text: str  # the article's opening (cut at LEAD_CHARS by ``story_messages``)


class _Sentence(BaseModel):
    model_config = ConfigDict(extra="ignore")
    text: str = Field(json_schema_extra={"maxLength": 300})
    evidence: list[str] = Field(default_factory=list, json_schema_extra={"maxItems": 2})


class SynthesisAnswer(BaseModel):
    """What the model fills for a story."""

    model_config = ConfigDict(extra="ignore")
    title: str = Field(json_schema_extra={"maxLength": 120})
    sentences: list[_Sentence] = Field(default_factory=list, json_schema_extra={"maxItems": 3})


def _sentences(texts: list[str]) -> list[str]:
    from ..nlp.sentences import split_sentences

    out: list[str] = []
    for text in texts:
        out += [" ".join(s.text.split()) for s in split_sentences(text)]
    # llama-cpp-python 0.3 writes `"` and `\\` in an enum into a broken grammar.
    ok = (s for s in out if s and '"' not in s and "\\" not in s)
    return list(dict.fromkeys(ok))[:MAX_CHOICES]


def story_schema(texts: list[str]) -> dict[str, Any]:
    """The answer schema with evidence restricted to the articles' own sentences."""
    schema = SynthesisAnswer.model_json_schema()
    choices = _sentences(texts)
    if choices:
        item = schema["$defs"]["_Sentence"]["properties"]["evidence"]
        item["items"] = {"type": "string", "enum": choices}
    return schema


def story_messages(articles: list[StoryText], disputes: list[str] | None = None,
                   ) -> tuple[list[dict[str, str]], list[str]]:
    """System and user messages for a story, and the article openings they show.
    ``disputes``: what the story's articles disagree on, as the daily brief found it
    ("injured: 12 (Elbe Post); 20 (Radio Dresden)"), for the model to state, not hide."""
    latest = articles[:MAX_ARTICLES]
    shown = [cut(a.text, LEAD_CHARS) for a in latest]
    tag = "articles-" + hashlib.sha256("\n".join(shown).encode()).hexdigest()[:10]
    system = render("story-system.j2", tag=tag)
    user = render("story-user.j2", tag=tag, disputes=disputes or [], articles=[
        StoryText(a.publisher, a.published, text) for a, text in zip(latest, shown, strict=True)])
    return ([{"role": "system", "content": system}, {"role": "user", "content": user}], shown)


def ask(engine: Any, articles: list[StoryText], disputes: list[str] | None = None,
        usage: Usage | None = None) -> tuple[SynthesisAnswer, Usage]:
    """One request to ``engine``'s model (an LLMEngine) for a story; no re-asks. Its usage
    is added to ``usage`` when given (also when the request fails), else to a new one."""
    from .llm import _Tally, reask_policy

    messages, shown = story_messages(articles, disputes)
    kwargs: dict[str, Any] = {"model": engine.spec.name, "max_tokens": MAX_TOKENS,
                              "temperature": engine.settings.temperature}
    if engine.mode == "json_object":
        kwargs["extra_body"] = {"response_format": {"type": "json_object",
                                                    "schema": story_schema(shown)}}
    tally = _Tally(usage=usage if usage is not None else Usage())
    answer = engine.client().create(response_model=SynthesisAnswer, messages=messages,
                                    max_retries=reask_policy(0), hooks=tally.hooks(), **kwargs)
    return answer, tally.usage
