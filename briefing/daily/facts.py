"""Numbers reported in a story's articles, compared as an editor would. Pure.

What is read (in each article's lead, ``LEAD_CHARS``; page furniture skipped):

- tolls: "12 injured", "killing at least 7", "the death toll rose to at least six";
- sizes: "a 40-metre-deep well", "the well was about 40 metres deep" (converted to metres);
- ages: "a five-year-old boy" (the age of "the boy").

A number is left out when it is not the event's own figure: a part of it ("the other three
people killed", "two more"), or a sentence about another time ("last week", "earlier this
month", "in 2015"). Each article gives one value per quantity: its first. "At least N" is a
lower bound, "more than N" above N, "about N" within 20%.

Values of one quantity are then compared across articles, in order of publication:

- values that one number satisfies (bounds and figures that agree) are **agreed**; a value
  given by two or more independent sources is corroborated;
- a toll (killed, injured, detained, evacuated) that only grows between publication times is
  a **progression** ("killed: at least 2 (Nov 10) → at least 6 (Nov 11)"); counts that can
  go down as well as up (missing, trapped) progress either way;
- anything else is a **conflict**: values that cannot both be true at the same time (the same
  publication time, or unknown times), a toll that falls after a higher figure was
  published, or a size or age given two ways. Each value is listed with who reported it and
  when; no value is both corroborated and disputed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Protocol

from ..nlp.lexicon import words
from ..nlp.numbers import NUMBER, parse_number
from ..nlp.sentences import is_furniture, split_sentences
from ..nlp.timex import published_datetime
from ..schema import Briefing, Conflict, Fact, Progression

LEAD_CHARS = 2000
_NUM = NUMBER
_QUAL = (r"at least|more than|over|in excess of|nearly|almost|up to|as many as|fewer than|"
         r"less than|about|around|some|roughly|approximately|an estimated")
_LOWER = {"at least": "at least", "more than": "more than", "over": "more than",
          "in excess of": "more than"}
_UPPER = {"nearly": "nearly", "almost": "nearly", "up to": "up to", "as many as": "up to",
          "fewer than": "fewer than", "less than": "fewer than"}
_ABOUT = {"about", "around", "some", "roughly", "approximately", "an estimated"}
_SUBJECT = {"killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed",
            "dying": "killed", "injured": "injured", "wounded": "injured", "hurt": "injured",
            "injuries": "injured", "arrested": "detained", "detained": "detained",
            "missing": "missing", "trapped": "trapped", "evacuated": "evacuated"}
_VERBS = {"killing": "killed", "killed": "killed", "injuring": "injured", "injured": "injured",
          "wounding": "injured", "wounded": "injured", "arresting": "detained",
          "evacuating": "evacuated"}
_PEOPLE = (r"people|persons|others|civilians|children|adults|men|women|passengers|pupils|"
           r"students|workers|soldiers|officers|police officers|policemen|residents|"
           r"tourists|migrants|fans|troops|of them|more people")
_COUNT = re.compile(
    rf"\b(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\s+(?:(?:{_PEOPLE})\s+)?"
    rf"(?:(?:who|that)\s+)?(?:(?:were|was|are|is|have|has|had)\s+(?:been\s+)?|been\s+)?"
    rf"(?:(?:reported|confirmed|feared|believed|thought|left)\s+(?:to\s+(?:be|have)\s+)?"
    rf"(?:been\s+)?)?(?P<what>{'|'.join(_SUBJECT)})\b"
    rf"|\b(?P<verb>{'|'.join(_VERBS)})\s+(?:(?P<qual2>{_QUAL})\s+)?(?P<num2>{_NUM})\b"
    rf"(?!\s*(?:-|\s)(?:year|per\s?cent|%|times))"
    rf"|\b(?:death toll|toll)\b[^.;:]{{0,120}}?\b(?:rose|risen|rising|climbed|jumped|reached|"
    rf"stood|stands|stand|increased|is|was|of|at)\b\s+(?:to\s+|at\s+)?"
    rf"(?:(?P<qual3>{_QUAL})\s+)?(?P<num3>{_NUM})\b", re.I)
_PART = re.compile(r"\b(?:other|remaining|final|last|first|another|further|additional|"
                   r"latest|of the|of|among the|among)\s*$", re.I)
_MORE = re.compile(r"^\s+(?:more|other|further|additional|of the|of)\b", re.I)
_ELSEWHERE = re.compile(
    r"\b(?:(?:last|previous|past|the previous|the past) (?:week|weekend|month|year|decade)s?"
    r"|earlier this (?:week|month|year)|(?:weeks|months|years|decades) ago|a year ago"
    r"|(?:this|last) (?:month|year)|in (?:19|20)\d\d|since (?:19|20)\d\d|anniversary"
    r"|revenge|retaliation|in response to)\b", re.I)
# unit as written (singular) -> (metres, how an editor writes it)
_UNIT = {"metre": (1.0, "m"), "meter": (1.0, "m"), "m": (1.0, "m"), "km": (1000.0, "km"),
         "kilometre": (1000.0, "km"), "kilometer": (1000.0, "km"), "ft": (0.3048, "ft"),
         "foot": (0.3048, "ft"), "feet": (0.3048, "ft"), "mile": (1609.344, "miles")}
_UNITS = r"kilometres?|kilometers?|km|metres?|meters?|m|ft|foot|feet|miles?"
_SIZE = re.compile(
    rf"\b(?:(?P<qual>{_QUAL})\s+)?(?P<num>\d[\d,]*(?:\.\d+)?|{_NUM})[- ]?(?P<unit>{_UNITS})"
    rf"[- ](?P<dim>deep|high|tall|long|wide)\s+(?P<noun>[a-z]+)\b"
    rf"|\b(?:the|a|an)\s+(?P<noun2>[a-z]+)\s+(?:was|is|is thought to be|was thought to be)\s+"
    rf"(?:(?P<qual2>{_QUAL})\s+)?(?P<num2>\d[\d,]*(?:\.\d+)?|{_NUM})[- ]?(?P<unit2>{_UNITS})"
    rf"\s+(?P<dim2>deep|high|tall|long|wide)\b", re.I)
_DIMENSION = {"deep": "depth", "high": "height", "tall": "height", "long": "length",
              "wide": "width"}
# The noun is lower-case: "a five-year-old boy", not "Five-year-old Zhao" (a name).
_AGE = re.compile(rf"\b(?P<num>(?i:{_NUM}))-year-old\s+(?P<noun>[a-z]+)\b")
_NOT_A_NOUN = frozenset(words("""and or but who which that was is had has have with from in on
    at to of for as by when after before while"""))
# Whose age a story gives ("the six-year-old fell" gives none: "fell" is not a person).
PERSON_NOUNS = frozenset(words("""boy girl child kid baby toddler infant teenager teen youth man
    woman person son daughter brother sister mother father mum mom dad husband wife grandmother
    grandfather grandson granddaughter student pupil schoolboy schoolgirl driver pilot passenger
    victim suspect gunman attacker bomber shooter soldier officer policeman policewoman
    worker farmer fan player footballer singer actor actress star pensioner patient
    survivor witness resident tourist migrant refugee journalist reporter climber hiker
    swimmer diver sailor fisherman miner skier cyclist jogger camper"""))
# Cheap tests before the costly patterns: words every match contains.
_COUNT_HINT = re.compile(rf"\b(?:{'|'.join(_SUBJECT)}|{'|'.join(_VERBS)}|toll)\b")
_SIZE_HINT = re.compile(r"\b(?:deep|high|tall|long|wide)\b")
MONOTONE = frozenset({"killed", "injured", "detained", "evacuated"})
AGE_SLIP = 2  # one person's age misreported; further apart, two people
_TOLERANCE = 0.1  # sizes converted from other units agree within 10%


class Dated(Protocol):
    """Anything published at a time: a report, a claim."""

    published: str | None


@dataclass
class Report:
    """One article's value for one quantity."""

    subject: str
    value: str  # as an editor writes it: "at least 7", "40 m"
    low: float
    high: float
    sentence: str
    article: int  # index into the story's members
    figure: float = 0.0  # the number as written ("at least 7": 7), in metres for a size
    source: str = ""
    published: str | None = None
    time: datetime | None = None

    @property
    def reporter(self) -> str:
        return self.source


@dataclass
class Comparison:
    """What the story's numbers say: agreed values, progressions, conflicts."""

    corroborated: list[Fact] = field(default_factory=list)
    agreed: list[Fact] = field(default_factory=list)  # every agreed value, single sources too
    progressions: list[Progression] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    lows: dict[str, float] = field(default_factory=dict)  # the latest figure's lower bound


def _bounds(qual: str, value: float) -> tuple[str, float, float]:
    qual = qual.lower()
    if qual in _LOWER:
        label = _LOWER[qual]
        return label, (value if label == "at least" else math.nextafter(value, math.inf)), \
            math.inf
    if qual in _UPPER:
        label = _UPPER[qual]
        return label, 0.0, (value if label == "up to" else math.nextafter(value, 0.0))
    if qual in _ABOUT:
        return "about", value * 0.8, value * 1.2
    return "", value, value


def _fmt(value: float) -> str:
    return f"{value:g}" if value < 1e6 else f"{value:,.0f}"


def _sentences(b: Briefing) -> tuple[str, ...]:
    """The sentences of the article's lead, page furniture left out (numbers and claims read
    the same ones: computed once)."""
    return _lead_sentences(b.article.text[:LEAD_CHARS], b.headline)


@lru_cache(maxsize=512)
def _lead_sentences(text: str, headline: str) -> tuple[str, ...]:
    return tuple(s.text for s in split_sentences(text) if not is_furniture(s, headline))


def reports_of(b: Briefing, article: int = 0) -> list[Report]:
    """Each quantity's first value in the article's lead. An age given two ways in one
    article ("a 42-year-old man", "a 35-year-old man") is about two people: left out."""
    out: dict[str, Report] = {}
    ages: dict[str, set[str]] = {}
    for sentence in _sentences(b):
        if _ELSEWHERE.search(sentence):
            continue
        lowered = sentence.lower()
        found = (_counts(sentence, article) if _COUNT_HINT.search(lowered) else []) + \
            (_sizes(sentence, article) if _SIZE_HINT.search(lowered) else [])
        for report in found:
            out.setdefault(report.subject, report)
        for report in _ages(sentence, article) if "year-old" in lowered else []:
            out.setdefault(report.subject, report)
            ages.setdefault(report.subject, set()).add(report.value)
    return [r for r in out.values() if len(ages.get(r.subject, ())) < 2]


def _counts(sentence: str, article: int) -> list[Report]:
    out = []
    for m in _COUNT.finditer(sentence):
        raw = m.group("num") or m.group("num2") or m.group("num3")
        subject = (_SUBJECT.get((m.group("what") or "").lower())
                   or _VERBS.get((m.group("verb") or "").lower())
                   or ("killed" if m.group("num3") else None))
        value = parse_number(raw) if raw else None
        if subject is None or value is None or value != int(value) or value > 1e6:
            continue
        num_start = m.start("num") if m.group("num") else m.start("num2") \
            if m.group("num2") else m.start("num3")
        num_end = num_start + len(raw)
        if _PART.search(sentence[max(0, num_start - 25):num_start]) and not (
                m.group("qual") or m.group("qual2") or m.group("qual3")):
            continue
        if _MORE.match(sentence[num_end:num_end + 20]):
            continue
        qual = m.group("qual") or m.group("qual2") or m.group("qual3") or ""
        label, low, high = _bounds(qual, value)
        out.append(Report(subject, f"{label} {_fmt(value)}".strip(), low, high, sentence,
                          article, value))
    return out


def _sizes(sentence: str, article: int) -> list[Report]:
    out = []
    for m in _SIZE.finditer(sentence):
        raw = m.group("num") or m.group("num2")
        unit = (m.group("unit") or m.group("unit2")).lower()
        unit = unit if unit in _UNIT else unit.removesuffix("s")
        dim = (m.group("dim") or m.group("dim2")).lower()
        noun = (m.group("noun") or m.group("noun2")).lower()
        value = parse_number(raw)
        if value is None or unit not in _UNIT or noun in _NOT_A_NOUN:
            continue
        factor, symbol = _UNIT[unit]
        metres = value * factor
        label, low, high = _bounds(m.group("qual") or m.group("qual2") or "", metres)
        if not label:
            low, high = metres * (1 - _TOLERANCE / 2), metres * (1 + _TOLERANCE / 2)
        written = f"{_fmt(value)} {symbol}" + (f" ({_fmt(round(metres))} m)" if symbol != "m"
                                                 else "")
        out.append(Report(f"{_DIMENSION[dim]} of the {noun}", f"{label} {written}".strip(),
                          low, high, sentence, article, metres))
    return out


def _ages(sentence: str, article: int) -> list[Report]:
    out = []
    for m in _AGE.finditer(sentence):
        value = parse_number(m.group("num"))
        noun = m.group("noun").lower()
        if value is None or noun not in PERSON_NOUNS or not 0 < value < 130:
            continue
        out.append(Report(f"age of the {noun}", _fmt(value), value, value, sentence, article,
                          value))
    return out


def same_figure(a: str, b: str) -> bool:
    """True when two values as written give the same number ("7" and "at least 7"; for a
    size, the same metres): a change of wording, not a revised figure."""
    def number(value: str) -> str:
        metres = re.search(r"\(([\d.,]+) m\)", value)
        found = metres or re.search(r"\d[\d,.]*", value)
        return found.group(1 if metres else 0) if found else value
    return number(a) == number(b)


def _time(published: str | None) -> tuple[datetime | None, datetime | None]:
    """The interval a publication time stands for: a date alone (or midnight) is the day."""
    when = published_datetime(published)
    if when is None or published is None:
        return None, None
    if len(published.strip()) <= 10 or (when.hour, when.minute, when.second) == (0, 0, 0):
        return when, when + timedelta(days=1)
    return when, when


def _start(r: Dated) -> datetime:
    return _time(r.published)[0] or datetime.max.replace(tzinfo=timezone.utc)


def _tightest(reports: list[Report]) -> str:
    """The value that says what all of them say: a figure over a bound, the higher bound."""
    return min(reports, key=lambda r: (r.high - r.low, -r.low)).value


class Reported(Dated, Protocol):
    """A value one article gives: a report of a number, a claim of an outcome."""

    sentence: str
    article: int

    @property
    def reporter(self) -> str: ...


def fact_of(subject: str, items: Sequence[Reported], ids: list[str], value: str) -> Fact:
    """``value`` and who reported it (each reporter once, with its sentence), from its
    reports in time order: the one Fact builder of numbers and claims."""
    reporters: list[str] = []
    evidence: list[str] = []
    articles: list[str] = []
    for r in items:
        if r.reporter not in reporters:
            reporters.append(r.reporter)
            evidence.append(r.sentence)
        if ids[r.article] not in articles:
            articles.append(ids[r.article])
    first = min(items, key=_start).published
    return Fact(subject=subject, value=value, reported_by=reporters, evidence=evidence,
                articles=articles, first_reported=first)


def _fact(subject: str, reports: list[Report], ids: list[str], value: str | None = None) -> Fact:
    """One value of a quantity (the tightest of its reports unless given), and who reported it."""
    return fact_of(subject, reports, ids, value or _tightest(reports))


def _compatible(a: Report, b: Report) -> bool:
    return a.low <= b.high and b.low <= a.high


def _order(a: Dated, b: Dated) -> int | None:
    """-1 when ``a`` was surely published before ``b``, 1 after, 0 at the same time, None when
    the order is unknown (a missing time, or the same day without a time of day)."""
    a_first, a_end = _time(a.published)
    b_first, b_end = _time(b.published)
    if a_first is None or b_first is None or a_end is None or b_end is None:
        return None
    # The last moment each could have been published: a day's end is exclusive.
    a_last = a_end - timedelta(microseconds=1) if a_end > a_first else a_end
    b_last = b_end - timedelta(microseconds=1) if b_end > b_first else b_end
    if a_last < b_first:
        return -1
    if b_last < a_first:
        return 1
    return 0 if a_first == a_last == b_first == b_last else None


def _size_or_age(subject: str) -> bool:
    return subject.startswith(("age of", "depth of", "height of", "length of", "width of"))


def _contradicts(a: Report, b: Report, subject: str) -> bool:
    """True when ``a`` and ``b`` cannot both be right: nothing that changes over time (a
    growing toll, a count that changes) reconciles them."""
    if _compatible(a, b):
        return False
    if _size_or_age(subject):
        return True  # a size or an age does not change from one report to the next
    if a.source == b.source:
        return False  # an outlet updating its own figure
    if _time(a.published)[0] is None or _time(b.published)[0] is None:
        return True  # a report that cannot be placed in time cannot be an earlier figure
    order = _order(a, b)
    if order == 0:
        return True  # published at the same moment
    if order is None:
        return False  # either could be first (the same day, no time of day): a change
    if subject in MONOTONE:
        earlier, later = (a, b) if order < 0 else (b, a)
        return later.high < earlier.low  # a toll that falls after a higher figure
    return False


def _steps(reports: list[Report], subject: str, ids: list[str]) -> list[Fact] | None:
    """The values in the order they were reached: for a toll, one step per lower bound
    (figures with the same bound say the same); for other counts, one step per change in
    time order. None when a change cannot be placed in time."""
    if subject in MONOTONE:
        dated = [r for r in reports if _time(r.published)[0] is not None]
        if not dated:
            return [_fact(subject, reports, ids)]  # no timeline: one agreed figure
        figures: dict[float, list[Report]] = {}
        for r in dated:
            figures.setdefault(r.figure, []).append(r)
        # Highest figure first. A lower one first published after it was stale: left out;
        # at the same moment, a weaker report of the same figure: merged.
        kept: list[list[Report]] = []
        for _, rs in sorted(figures.items(), reverse=True):
            order = _order(min(rs, key=_start), min(kept[-1], key=_start)) if kept else None
            if order == 0:
                kept[-1] += rs
            elif order != 1:
                kept.append(rs)
        kept.reverse()
        # Each step says its dated figure; undated reports only back it.
        said = [_tightest(rs) for rs in kept]
        for r in reports:
            if r not in dated:  # an undated report backs the latest figure it fits (if any:
                # one that fits none is its outlet's own other figure, not a dispute)
                fits = [rs for rs in kept if all(_compatible(r, x) for x in rs)]
                if fits:
                    fits[-1].append(r)
        return [_fact(subject, rs, ids, value) for rs, value in zip(kept, said, strict=True)]
    steps: list[list[Report]] = []
    for r in reports:  # in time order
        if steps and all(_compatible(r, x) for x in steps[-1]):
            steps[-1].append(r)
            continue
        if steps and any(_order(x, r) != -1 for x in steps[-1]):
            return None
        steps.append([r])
    return [_fact(subject, rs, ids) for rs in steps]


def compare_facts(members: list[Briefing], source: dict[int, str],
                  ids: list[str] | None = None) -> Comparison:
    """Compare the quantities the story's articles report (``source``: article -> outlet,
    wire copies sharing their original's outlet; ``ids``: the articles' ids)."""
    ids = ids or [str(i) for i in range(len(members))]
    by_subject: dict[str, list[Report]] = {}
    for i, b in enumerate(members):
        for r in reports_of(b, i):
            r.source = source[i]
            r.published = b.article.published
            by_subject.setdefault(r.subject, []).append(r)
    out = Comparison()
    for subject in sorted(by_subject):
        reports = sorted(by_subject[subject], key=lambda r: (_start(r), r.low, r.value,
                                                               r.source))
        if subject.startswith("age of") and \
                max(r.low for r in reports) - min(r.low for r in reports) > AGE_SLIP:
            continue  # ages this far apart are two people ("a 42-year-old man", "a 73-...")
        if any(_contradicts(a, b, subject) for k, a in enumerate(reports)
               for b in reports[k + 1:]):
            values: dict[str, list[Report]] = {}
            for r in reports:
                values.setdefault(r.value, []).append(r)
            out.conflicts.append(Conflict(subject=subject, values=[
                _fact(subject, rs, ids, value) for value, rs in values.items()]))
            out.lows[subject] = min(r.low for r in reports)
            continue
        steps = _steps(reports, subject, ids)
        if steps is None:
            continue  # counts that changed at times we cannot order: better left unsaid
        if len(steps) > 1:
            out.progressions.append(Progression(subject=subject, values=steps))
        latest = steps[-1]
        out.lows[subject] = max(r.low for r in reports)
        out.agreed.append(latest)
        if len(latest.reported_by) >= 2:
            out.corroborated.append(latest)
    return out
