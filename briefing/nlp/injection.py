"""Sentences that address an AI system instead of a reader: suspected prompt injection.

News copy talks about people and events; it does not tell its reader to "ignore previous
instructions", announce that "you are now in developer mode" or ask for "the summary" to be set
to something. Such sentences are found here, by what they do (address a model, give it orders
about its output), so that both engines leave them out of the summary, key points, what and the
entity lists, and the uncertainty section flags them. An article *about* prompt injection that
quotes such an order gets the same treatment: the quoted order is not news either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sentences import Sentence, split_sentences

# Each pattern is one way of giving orders to a model, and names what it addresses: the
# model's instructions or prompt, the model itself, or a field of the answer next to an order
# about its value. Ordinary reporting ("ignore the new rules", "is set to rise above the
# headline rate", "new instructions: boil water") names none of these together.
_FIELDS = (r"(?:summary|headline|bottom line|key points?|output|response|answer|briefing|"
           r"only source|sources? list|confidence)")
_ORDERS = [
    # overriding the model's instructions
    r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+)?(?:(?:the|your|my)\s+)?"
    r"(?:previous|prior|above|earlier|preceding|system|original)\s+(?:instructions?|prompts?|"
    r"directions|rules|guidelines|messages?)\b",
    r"\b(?:ignore|disregard|forget)\s+(?:all\s+)?your\s+(?:instructions|guidelines|rules|"
    r"programming|training)\b",
    # switching the model into another role or mode
    r"\byou are (?:now\s+)?(?:in|entering)\s+(?:developer|debug|admin|god|jailbreak|dan|"
    r"unrestricted)\s+mode\b",
    r"\b(?:enter|switch\s+to|activate|enable)\s+(?:developer|debug|god|jailbreak|dan)\s+mode\b",
    r"\byou are no longer (?:bound|restricted|an? (?:ai|assistant|language model))\b",
    r"\byou are (?:now\s+)?an? (?:ai|assistant|language model|llm|chatbot)\b[^.!?]{0,40}"
    r"\b(?:must|should|will|that)\b",
    # asking for or talking to the model's prompt
    r"\b(?:reveal|print|show|repeat|output)\s+(?:your|the)\s+(?:system\s+)?(?:prompt|"
    r"instructions)\b",
    r"^\s*(?:system|assistant)\s*:",
    # orders about the answer's fields: "set the summary to", "write X as the headline"
    rf"\b(?:set|change|replace)\s+(?:the|your)\s+{_FIELDS}\s+(?:field\s+)?(?:to|with)\b",
    rf"\b(?:write|put|use|list|give)\b[^.!?]{{1,40}}\bas\s+(?:the|your)\s+{_FIELDS}\b",
    r"\b(?:ai|language model|llm|assistant|chatbot)s?\b[^.!?]{0,30}\b(?:reading|processing|"
    r"summari[sz]ing) this\b",
]
_ORDER = re.compile("|".join(f"(?:{p})" for p in _ORDERS), re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Injection:
    """A suspected injected instruction: where it is and how it starts (for the reason)."""

    start: int
    end: int
    text: str

    def overlaps(self, start: int, end: int) -> bool:
        return start < self.end and self.start < end


def find_injections(text: str, sentences: list[Sentence] | None = None) -> list[Injection]:
    """The sentences of ``text`` that give orders to a model."""
    found = []
    for s in sentences if sentences is not None else split_sentences(text):
        if _ORDER.search(s.text):
            found.append(Injection(s.start, s.end, s.text))
    return found


def is_injection(text: str) -> bool:
    """Whether a short string (a title, a name) gives orders to a model."""
    return _ORDER.search(text) is not None


def reason(found: list[Injection]) -> str:
    """The uncertainty reason naming the evidence."""
    first = " ".join(found[0].text.split())
    shown = first if len(first) <= 90 else first[:87] + "…"
    more = f" and {len(found) - 1} more" if len(found) > 1 else ""
    return (f"Suspected prompt injection: the article addresses an AI system (\"{shown}\"{more});"
            " left out of the summary, key points, what and who.")
