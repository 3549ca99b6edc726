"""The article's language: the page's own declaration, else py3langid (a maintained fork of
langid.py, by trafilatura's author) on the text. ISO 639-1 codes ("en", "fr", "zh")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_CODE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$", re.IGNORECASE)
SAMPLE_CHARS = 2000  # enough for a confident answer; the rest only costs time


def normalise_code(value: str | None) -> str | None:
    """ "en-GB" -> "en"; None for anything that is not a language tag."""
    if not value:
        return None
    m = _CODE.match(value.strip())
    return m.group(1).lower() if m else None


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


# English news is about one word in eight of these; no other language comes close. Seeing it
# answers "en" without loading the model (about a second), which most articles never need.
_ENGLISH = frozenset(("the", "of", "and", "to", "in", "is", "was", "for", "that", "with",
                      "said", "on", "at", "by", "it", "from"))
_TOKEN = re.compile(r"[a-z]+")


def _plainly_english(sample: str) -> bool:
    tokens = _TOKEN.findall(sample.lower())
    return len(tokens) >= 30 and sum(t in _ENGLISH for t in tokens) >= 0.15 * len(tokens)


def detect(text: str) -> str | None:
    """The language of ``text``, or None when it is too short or the guess is weak."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < 20:
        return None
    if _plainly_english(sample):
        return "en"
    try:
        code, probability = _identifier().classify(sample)
    except ImportError:  # pragma: no cover - py3langid is a dependency
        return None
    return str(code) if probability >= 0.8 else None


def language_of(text: str, declared: str | None = None) -> str | None:
    """The declared language when it is a valid tag, else the detected one."""
    return normalise_code(declared) or detect(text)


def language_name(code: str) -> str:
    """ "de" -> "German"; the code itself when pycountry does not know it."""
    import pycountry

    found = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code)
    return str(found.name) if found is not None else code
