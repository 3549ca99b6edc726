"""The one number parser: "12", "1,200", "3.5", "Twelve", "twenty-five", "a dozen", and the
bound written before a number ("more than 100", "nearly 40", "about 1,200")."""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
#: number words -> value (compounds like "twenty-five" are parsed, not listed)
NUMBER_WORDS: dict[str, int] = (
    {w: i for i, w in enumerate(_UNITS)} | _TENS
    | {"dozen": 12, "a dozen": 12, "hundred": 100, "a hundred": 100})
_WORD_ALTERNATION = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_COMPOUND = rf"(?:{'|'.join(_TENS)})-(?:{'|'.join(_UNITS[1:10])})"
#: a regex fragment matching one number as written (digits or words; no groups)
NUMBER = rf"\d[\d,]*(?:\.\d+)?|(?:{_COMPOUND})|(?:{_WORD_ALTERNATION})"
_ANY = re.compile(rf"\b(?:{NUMBER})\b", re.I)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def parse_number(token: str) -> float | None:
    """The value of one number as written, or None when ``token`` is not one."""
    raw = token.strip().lower().rstrip(".")
    if raw in NUMBER_WORDS:
        return float(NUMBER_WORDS[raw])
    tens, sep, unit = raw.partition("-")
    if sep and tens in _TENS and unit in _UNITS[1:10]:
        return float(_TENS[tens] + _UNITS.index(unit))
    digits = raw.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        return None


_UNIT_WORDS = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week",
    "month": "month", "year": "year", "decade": "decade", "century": "century",
    "percent": "percent", "per": "percent", "%": "percent", "km": "km", "kilometre": "km",
    "kilometer": "km", "mile": "mile", "metre": "metre", "meter": "metre", "m": "metre",
    "cm": "cm", "centimetre": "cm", "mm": "mm", "kg": "kg", "kilogram": "kg", "ton": "tonne",
    "tonne": "tonne", "pound": "pound", "dollar": "dollar", "euro": "euro", "yen": "yen",
    "foot": "foot", "feet": "foot", "inch": "inch",
}
# Magnitudes say how big, not what of: "£2.4bn" and "2.4 billion pounds" are one quantity.
_MAGNITUDES = {"million", "billion", "thousand", "trillion", "bn", "mn", "mln", "k", "m", "tn"}
# Clock times ("10:30", "10.30am") are times, checked as time phrases, not as counts.
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?\b", re.I)
_QUANTITY = re.compile(rf"\b({NUMBER})(?:\s*-\s*|\s+)?(%|[a-z]+)?(-old|\s+old)?", re.I)


def _unit(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    if w in _MAGNITUDES:
        return None
    return _UNIT_WORDS.get(w) or _UNIT_WORDS.get(w[:-1] if w.endswith("s") else w) or (
        _UNIT_WORDS.get(w[:-2]) if w.endswith("es") else None)


Bound = Literal["lower", "upper", "about"]
# A bound is part of the quantity: "more than 100 wounded" is not "100 wounded". "As many as
# 100" and "up to 100" cap a count; "some 100" and "an estimated 100" round it.
_BOUND_WORDS: dict[str, Bound] = {
    **dict.fromkeys(("at least", "more than", "over", "upwards of", "in excess of",
                     "no fewer than", "no less than", "well over", "just over"), "lower"),
    **dict.fromkeys(("nearly", "almost", "up to", "fewer than", "less than", "under",
                     "as many as", "at most", "no more than", "just under", "as much as"),
                    "upper"),
    **dict.fromkeys(("about", "around", "roughly", "approximately", "some", "an estimated",
                     "estimated", "approx.", "circa"), "about"),
}
_BOUND_BEFORE = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(w) for w in sorted(_BOUND_WORDS, key=len, reverse=True))
    + r")\s+[£$€¥]?\s*$", re.I)


class Quantity(NamedTuple):
    """A number as stated: its value, its unit ("week", None for a bare count) and the bound
    written before it (None: exact)."""

    value: float
    unit: str | None
    bound: Bound | None


def _bound(before: str) -> Bound | None:
    m = _BOUND_BEFORE.search(before[-24:])
    return _BOUND_WORDS[m.group(1).lower()] if m else None


def stated_quantities(text: str, *, digits_only: bool = False) -> set[Quantity]:
    """Every quantity in ``text`` with its unit ("three weeks" -> week) and its bound
    ("more than 100" -> lower, "nearly 40" -> upper, "about 1,200" -> about)."""
    out: set[Quantity] = set()
    plain = _CLOCK.sub(" ", text)
    for m in _QUANTITY.finditer(plain):
        raw = m.group(1)
        if digits_only and not raw[0].isdigit():
            continue
        value = parse_number(raw)
        if value is not None:
            # "45-year-old", "aged 45": an age is a bare number, like "John Smith, 45,".
            unit = None if m.group(3) else _unit(m.group(2))
            out.add(Quantity(value, unit, _bound(plain[:m.start()])))
    return out


def quantities_in(text: str, *, digits_only: bool = False) -> set[tuple[float, str | None]]:
    """(value, unit) for every number in ``text``; the unit when a unit word follows it
    ("three weeks" -> (3, "week"), "12 people" -> (12, None))."""
    return {(q.value, q.unit) for q in stated_quantities(text, digits_only=digits_only)}


def _supports(stated: Quantity, free: Quantity) -> bool:
    """Whether the article's ``stated`` quantity backs the model's ``free`` one: the same value
    (and unit, when the model gives one); an approximate "about 100" is backed by any 100, a
    bare "100" by a bare or approximate 100 (not by "more than 100"), and a bound by the same
    bound ("more than 100" by "over 100", not by "fewer than 100")."""
    if stated.value != free.value or (free.unit is not None and stated.unit != free.unit):
        return False
    if free.bound == "about":
        return True
    if free.bound is None:
        return stated.bound in (None, "about")
    return stated.bound == free.bound


def unsupported_numbers(free: str, article: str) -> set[tuple[float, str | None]]:
    """The quantities ``free`` (a model's wording) writes in digits that ``article`` states
    nowhere, in digits or words, with the same bound: "12 people" is supported by "Twelve
    people" or "12 were hurt"; "3 months" is not supported by "three weeks" (another unit is
    another quantity), nor "100 wounded" by "more than 100 wounded" (a bound dropped)."""
    stated = stated_quantities(article)
    return {(q.value, q.unit) for q in stated_quantities(free, digits_only=True)
            if not any(_supports(s, q) for s in stated)}


def numbers_in(text: str) -> set[float]:
    """Every number ``text`` states, in digits or words ("Twelve" and "12" are one)."""
    values = {parse_number(m.group()) for m in _ANY.finditer(text)}
    values |= {parse_number(m.group()) for m in _DIGITS.finditer(text)}
    return {v for v in values if v is not None}
