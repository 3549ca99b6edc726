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

# Each pattern is one way of giving orders to a model. Case-insensitive, within one sentence.
_ORDERS = [
    # overriding what came before
    r"\b(?:ignore|disregard|forget|override|bypass)\b[^.!?]{0,40}\b(?:previous|prior|above|"
    r"earlier|preceding|all|any|your|the system'?s?)\b[^.!?]{0,30}\b(?:instructions?|rules|"
    r"prompts?|directions|guidelines|guardrails|constraints)\b",
    # switching the model into another role or mode
    r"\byou are (?:now|no longer)\b[^.!?]{0,30}\b(?:mode|assistant|ai|model|bot|bound|"
    r"restricted|allowed|free to|required|instructed|programmed|dan)\b",
    r"\b(?:enter|entering|switch(?:ing)? to|activate|enable|now in)\b[^.!?]{0,20}\b(?:developer|"
    r"maintenance|debug|admin|god|jailbreak|unrestricted|dan) mode\b",
    r"\b(?:developer|maintenance|debug|admin|god|jailbreak) mode\b[^.!?]{0,20}\b(?:enabled|"
    r"activated|on)\b",
    # talking about the model's own prompt or messages
    r"\b(?:system|developer|hidden) (?:prompt|message|instructions?)\b",
    r"\bnew instructions?\s*:",
    r"^\s*(?:system|assistant)\s*:",
    # orders about the output: set/write the summary, headline, sources...
    r"\b(?:set|change|replace|make|write|use|put|list|output|print|return)\b[^.!?]{0,25}\b(?:as|to|"
    r"in|into)?\s*(?:the|your)\s+(?:summary|headline|bottom line|title|output|response|answer|"
    r"briefing|json|key points?|only source)\b",
    r"\b(?:set|change|make)\b[^.!?]{0,15}\b(?:summary|headline|confidence|output)\b[^.!?]{0,10}"
    r"\bto\b",
    r"\b(?:as|you are) an? (?:ai|a\.i\.|language model|llm|ai assistant|assistant|chatbot)\b"
    r"[^.!?]{0,40}\b(?:you|must|should|will)\b",
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
