"""Quotes, who said them, attributed claims ("according to X", "X said") and hedges."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import HEDGES, REPORTING_VERBS
from .sentences import Sentence, paragraphs

_VERB = r"(?:" + "|".join(sorted(REPORTING_VERBS, key=len, reverse=True)) + r")"
_NAME = r"[A-Z][\w’'.\-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w’'.\-]*){0,4}"
_NP = (r"(?:the|a|an|one|their|his|her|its|another)\s+(?:[a-z][\w\-]*\s+){0,2}"
       r"(?:of\s+the\s+[a-z]+\s+)?[a-z][\w\-]*")
_PRONOUN = r"(?:he|she|they|it|we|He|She|They|It|We)"
_SPEAKER = rf"(?P<spk>{_NAME}|{_NP}|{_PRONOUN})"
_APPOS = r"(?:,\s+[^,“”\"]{3,90},)?"
_ADV = r"(?:(?:also|later|previously|then|earlier|has|have|had)\s+)?"

# "X said", "one serviceman explained", "Rinchino stated that": speaker before the verb.
_SPK_VERB = re.compile(rf"{_SPEAKER}{_APPOS}\s+{_ADV}(?P<verb>{_VERB})\b")
# "said Rinchino", "said resident Hannah Collier": verb before the speaker (after a quote).
_VERB_SPK = re.compile(rf"^[\s,]*(?P<verb>{_VERB})\s+(?P<spk>(?:[a-z]+\s+)?{_NAME}|{_NP})")
_ACCORDING = re.compile(rf"(?i:according to)\s+(?P<spk>{_NAME}|{_NP})")
_AS_SAID = re.compile(rf"\b(?i:as)\s+{_SPEAKER}\s+(?P<verb>{_VERB})\b")
_QUOTE = re.compile(r"“[^“”]*”|\"[^\"\n]*\"")


@dataclass
class Attribution:
    """A speaker credited in a sentence; spans are (start, end) offsets into the text."""

    speaker: str
    speaker_span: tuple[int, int]
    verb: str
    sentence: int
    marker_span: tuple[int, int]
    quotes: list[tuple[int, int]] = field(default_factory=list)


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Inner spans of quoted speech; a paragraph that only closes a quote opened it."""
    out: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs(text):
        block = text[p_start:p_end]
        for m in _QUOTE.finditer(block):
            inner = (p_start + m.start() + 1, p_start + m.end() - 1)
            if inner[1] - inner[0] >= 12 and " " in text[inner[0] : inner[1]]:
                out.append(inner)
        first_close = block.find("”")
        first_open = block.find("“")
        if first_close > 12 and (first_open == -1 or first_close < first_open):
            out.append((p_start, p_start + first_close))
    return sorted(out)


def _masked(text: str, quotes: list[tuple[int, int]]) -> str:
    """The text with quoted speech blanked, so narration patterns never match inside quotes."""
    chars = list(text)
    for s, e in quotes:
        chars[s:e] = " " * (e - s)
    return "".join(chars)


def find_attributions(text: str, sentences: list[Sentence],
                      quotes: list[tuple[int, int]]) -> list[Attribution]:
    """Every attribution, in text order, with the quotes it introduces."""
    masked = _masked(text, quotes)
    out: list[Attribution] = []
    for s in sentences:
        seg = masked[s.start : s.end]
        hits: list[tuple[int, re.Match[str], str]] = []  # (absolute base, match, verb)
        for rx in (_ACCORDING, _AS_SAID, _SPK_VERB):
            for m in rx.finditer(seg):
                verb = m.group("verb") if "verb" in rx.groupindex else "according to"
                hits.append((s.start, m, verb))
        for _q_start, q_end in quotes:
            if s.start <= q_end <= s.end:
                m = _VERB_SPK.match(masked[q_end + 1 : s.end])
                if m:
                    hits.append((q_end + 1, m, m.group("verb")))
        seen: list[tuple[int, int]] = []
        for base, m, verb in sorted(hits, key=lambda h: h[0] + h[1].start()):
            sp = (base + m.start("spk"), base + m.end("spk"))
            speaker = _trim_speaker(text[sp[0] : sp[1]])
            if not speaker or any(a <= sp[0] < b or sp[0] <= a < sp[1] for a, b in seen):
                continue
            sp = (sp[1] - len(speaker), sp[1])
            seen.append(sp)
            marker = (base + m.start(), base + m.end())
            own = [q for q in quotes if s.start <= q[0] < s.end or s.start <= q[1] <= s.end]
            out.append(Attribution(speaker, sp, verb.lower(), s.index, marker, own))
    return out


def _trim_speaker(speaker: str) -> str:
    # "Obama said" is a speaker; "The Telegraph reported" keeps its article; a lone
    # sentence-initial "The" or a conjunction does not make a speaker.
    speaker = re.sub(r"^(?:And|But|So|Then|However|Meanwhile|As|Today|Yesterday)\s+", "", speaker)
    # "resident John Harris": the role word stays in the text, the speaker is the name.
    speaker = re.sub(r"^[a-z]+\s+(?=[A-Z])", "", speaker)
    if speaker.lower() in ("the", "a", "an", "that", "this", "there", "what"):
        return ""
    return speaker


def find_hedges(sentence: Sentence) -> list[tuple[str, int, int]]:
    """(marker, start, end) of each hedge in the sentence, offsets into the text."""
    out = []
    low = sentence.text.lower()
    for marker in HEDGES:
        for m in re.finditer(rf"\b{re.escape(marker)}\b", low):
            start = sentence.start + m.start()
            if not any(s <= start < e for _, s, e in out):
                out.append((marker, start, start + len(marker)))
    return sorted(out, key=lambda h: h[1])
