"""Time expressions ("On Sunday", "three weeks ago", "6.10am on Wednesday") and their dates.

Dates are resolved against the publication date when it is known, by tense: a weekday
is the latest such day on or before publication (news reports the past) unless its
clause speaks of the future ("will be away on Saturday", "is due to vote on Monday"),
then it is the next one; a month and day without a year is the nearest such day to
publication (the future one when the clause is future); "today" is the publication day.
Resolved values are ISO 8601 at the precision the text gives: ``YYYY-MM-DD``, ``YYYY-MM``
or ``YYYY`` (a month stays a month); anything relative to another event ("a week later")
stays unresolved. A capitalised "Today" inside a sentence is a name ("USA TODAY"), not a
date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from .lexicon import EVENT_HEADS, MONTHS, WEEKDAYS
from .numbers import NUMBER_WORDS
from .sentences import Sentence

_WD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_PART = r"(?:morning|afternoon|evening|night)"
_NUM = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|a few|few)"
_UNIT = r"(?:minutes?|hours?|days?|weeks?|months?|years?|decades?)"
_CLOCK = (
    r"(?:(?:(?:shortly|just|soon)\s+)?(?:at|around|about|before|after|until|by|from)\s+)?"
    r"(?:(?:around|about|approximately|almost|nearly)\s+)?"
    r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d{2}\b|\bmidnight\b|\bnoon\b)"
    r"(?:\s+local time)?"
)

_PATTERNS: list[tuple[str, str]] = [
    ("date", rf"(?:(?i:on)\s+)?(?:{_WD},?\s+)?{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
             rf"(?:,?\s+\d{{4}})?"),
    ("date", rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}\b(?:,?\s+\d{{4}})?"),
    ("weekday", rf"(?:(?i:in\s+)?the\s+early\s+hours\s+of\s+)?(?:(?i:early|late)\s+(?:on\s+)?)?"
                rf"(?:(?i:on|last|this|next|since|by|until)\s+)?{_WD}(?:['’]s)?(?:\s+{_PART})?"),
    ("clock", _CLOCK),
    ("month", rf"(?:(?i:in|since|until|by|last|this|next|early|late|mid-?)\s+){_MON}"
              rf"(?:\s+\d{{4}})?"),
    ("relative", rf"(?i:(?:(?:about|nearly|almost|just|some)\s+)?{_NUM}\s+{_UNIT}\s+"
                 rf"(?:ago|later|earlier|(?:before|after)(?:\s+(?:the\s+)?[A-Za-z][\w.]*(?:\s+[Dd]ay)?)?))"),
    # "by early afternoon": a part of the day, placed by the weekday it goes with.
    ("relative", rf"\b(?:(?i:by|in the|until|since)\s+)?(?i:early|late|mid-?)\s*{_PART}\b"),
    ("relative", r"\b(?i:today|tonight|yesterday|tomorrow|(?:earlier|later)\s+(?:today|this week)"
                 rf"|(?:this|last|next)\s+(?:{_PART}|week|weekend|month|year))\b"),
    ("year", r"(?:(?i:in|since|by|until)\s+)?\b(?:19[5-9]\d|20[0-4]\d)\b(?![\d,]*\s*(?:%|per))"),
]
# The clause speaks of the future: "will", "is due to", "plans to", "next"...
_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|(?:is|are|was|were)\s+(?:due|set|scheduled|expected|slated"
    r"|going|poised)\s+to|(?:is|are)\s+(?:due|expected|scheduled|set|slated)\b|plans?\s+to"
    r"|to\s+be\s+(?:held|played|announced)|upcoming)\b"
    r"|['’]ll\b", re.IGNORECASE)
# "said on Tuesday that it will...": the weekday belongs to the past reporting verb.
_PAST_BEFORE = re.compile(r"\b(?:said|told|announced|confirmed|wrote|added|reported|stated"
                          r"|declared|revealed|tweeted)\s+(?:\w+\s+)?$", re.IGNORECASE)
# The clause reports the past: "broke out", "was held", "died".
_PAST = re.compile(r"\b(?:was|were|had|did|broke|began|died|fell|rose|won|lost|said|told|took"
                   r"|came|went|left|saw|made|held|met|ran|struck|hit|shot|\w{3,}ed)\b",
                   re.IGNORECASE)
_GAME_CLOCK = re.compile(r"\s+(?:of|into|left|remaining|to\s+go)\b")
# A bare year written inside a name: a capitalised word (not a month) right before it, no
# "in"/"since"/"by" … in front ("Farming Simulator 2019"), or one right after it ("the 2020
# Audi").
_NAME_BEFORE_YEAR = re.compile(
    r"\b(?!(?:In|Since|By|Until|On|At|The|A|An|" + _MON[3:-1] + r")\b)[A-Z][\w\-]*\s$")
_NAME_AFTER_YEAR = re.compile(r"\s(?!(?:" + _MON[3:-1] + r")\b)[A-Z][a-z]")


def _in_a_name(sentence: str, m: re.Match[str]) -> bool:
    """A bare year inside a product's or a work's name ("the 2020 Audi", "Farming Simulator
    2019"); an event's year is its date ("World Series 2016", "the 2016 Olympics")."""
    if not m.group().isdigit():
        return False  # "in 2019", "since 2016"
    before = sentence[max(0, m.start() - 30) : m.start()]
    after = sentence[m.end() : m.end() + 30]
    if not (_NAME_BEFORE_YEAR.search(before) or _NAME_AFTER_YEAR.match(after)):
        return False
    words = re.findall(r"[A-Za-z]+", before)[-1:] + re.findall(r"[A-Za-z]+", after)[:2]
    return not any(w.lower() in EVENT_HEADS for w in words)


_NAMEY = re.compile(r"^(?:Today|TODAY|Tonight|TONIGHT|Tomorrow|TOMORROW|Yesterday|YESTERDAY)")
_REGEX = re.compile("|".join(f"(?P<{k}{i}>{p})" for i, (k, p) in enumerate(_PATTERNS)))
# Every pattern above needs one of these (a digit, a month, a weekday or unit word, a part of
# the day): a sentence without any is skipped without running the long alternation.
_TRIGGER = re.compile(r"\d|day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|morning|noon"
                      r"|afternoon|evening|night|week|month|year|ago|later|earlier|decade"
                      r"|minute|hour|tomorrow", re.IGNORECASE)
_JOIN = re.compile(r"^(?:,\s*|\s+(?:on|at|in)\s+|\s+)$")
_KIND_WEIGHT = {"date": 1.0, "weekday": 1.0, "clock": 0.9, "relative": 0.7, "month": 0.6,
                "year": 0.35}


@dataclass
class TimeExpr:
    """A time phrase: ``text[start:end] == self.text``; ``date`` is ISO 8601 or None."""

    start: int
    end: int
    text: str
    kind: str
    sentence: int
    date: str | None = None
    score: float = 0.0


def published_datetime(value: str | None) -> datetime | None:
    """The publication time from ISO 8601 (what ingest stores in ``article.published``),
    in UTC when it names no zone; None if missing or not ISO. The one reader of that field
    for the engines and the daily brief."""
    value = (value or "").strip()
    if not value:
        return None
    try:  # (Python 3.10's fromisoformat has no "Z")
        when = datetime.fromisoformat(re.sub(r"(?<=\d)[Zz]$", "+00:00", value))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def parse_published(value: str | None) -> date | None:
    """The publication date: ISO 8601, else what dateutil reads in a looser string (an
    article built through the Python API), or None."""
    if not value:
        return None
    when = published_datetime(value)
    if when is not None:
        return when.date()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    try:
        from dateutil import parser  # lazy: only for unusual date formats

        parsed: date = parser.parse(value, fuzzy=True).date()
        return parsed
    except (ValueError, OverflowError):
        return None


def find_times(text: str, sentences: list[Sentence], published: date | None) -> list[TimeExpr]:
    """Time phrases in text order, neighbours merged ("11pm local time on Thursday")."""
    found: list[TimeExpr] = []
    for s in sentences:
        if not _TRIGGER.search(s.text):
            continue
        for m in _REGEX.finditer(s.text):
            kind = re.sub(r"\d+$", "", m.lastgroup or "")
            start, end = s.start + m.start(), s.start + m.end()
            if kind == "clock" and not re.search(r"[ap]\.?m|:|midnight|noon|local", m.group()):
                continue
            if kind == "clock" and _GAME_CLOCK.match(s.text, m.end()):
                continue  # "at 7:14 of the second period": a game's clock, not the day's
            if kind == "year" and _in_a_name(s.text, m):
                continue  # "the 2020 Audi e-tron", "Farming Simulator 2019": part of a name
            if kind == "relative" and _NAMEY.match(m.group()) and s.text[:m.start()].strip(
                    " \"'“‘("):
                continue  # "told USA TODAY": a capitalised word inside a sentence is a name
            tense = _tense(s.text, m.start(), m.end())
            future = tense == "future" and not _PAST_BEFORE.search(s.text[:m.start()])
            expr = TimeExpr(start, end, text[start:end], kind, s.index)
            expr.date = resolve(expr.text, kind, published, future=future,
                                past=tense == "past")
            prev = found[-1] if found else None
            if prev and prev.sentence == s.index and _JOIN.match(text[prev.end : start]):
                prev.end, prev.text = end, text[prev.start : end]
                prev.date = prev.date or expr.date
                if _KIND_WEIGHT[kind] > _KIND_WEIGHT[prev.kind]:
                    prev.kind = kind
                continue
            found.append(expr)
    return found


_CLAUSE_END = re.compile(r"[;:—–]|,\s+(?:and|but|while|which|who)\b")


def _tense(sentence: str, start: int, end: int) -> str | None:
    """The tense of the verb nearest a time phrase: the closest marker before it in its
    clause ("who was arrested on Monday"), else the first after it ("On Friday he will")."""
    before = sentence[max(0, start - 80):start]
    cut = list(_CLAUSE_END.finditer(before))
    if cut:
        before = before[cut[-1].end():]
    # On a tie ("is expected" is both a future marker and an -ed word) the future wins.
    marks = [(m.end(), 1, "future") for m in _FUTURE.finditer(before)]
    marks += [(m.end(), 0, "past") for m in _PAST.finditer(before)]
    if marks:
        return max(marks)[2]
    after = sentence[end:end + 80]
    cut_after = _CLAUSE_END.search(after)
    if cut_after:
        after = after[:cut_after.start()]
    marks = [(m.start(), 0, "future") for m in _FUTURE.finditer(after)]
    marks += [(m.start(), 1, "past") for m in _PAST.finditer(after)]
    return min(marks)[2] if marks else None


def resolve(phrase: str, kind: str, published: date | None, *,
            future: bool = False, past: bool = False) -> str | None:
    """ISO date (or month, or year) for a phrase, relative to ``published``; ``future``
    when its clause speaks of what is to come, ``past`` when it reports what happened."""
    low = phrase.lower()
    m = re.search(rf"({_MON})\s+(\d{{1,2}})(?!\d)|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON})",
                  phrase)
    year_m = re.search(r"\b(19\d\d|20\d\d)\b", phrase)
    if m:
        month = MONTHS[(m.group(1) or m.group(4)).lower().rstrip(".")]
        day = int(m.group(2) or m.group(3))
        year = int(year_m.group(1)) if year_m else (published.year if published else None)
        if year is None:
            return None
        if year_m or published is None:
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                return None
        return _nearest_day(month, day, published, future, past)
    if published is None:
        return year_m.group(1) if kind == "year" and year_m else None
    for i, wd in enumerate(WEEKDAYS):
        if wd in low:
            delta = (published.weekday() - i) % 7
            if "next" in low:
                return (published + timedelta(days=(i - published.weekday()) % 7 or 7)).isoformat()
            if future and "last" not in low:
                return (published + timedelta(days=(i - published.weekday()) % 7)).isoformat()
            if "last" in low and delta == 0:
                delta = 7
            return (published - timedelta(days=delta)).isoformat()
    if re.search(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", low):
        return published.isoformat()
    if re.search(r"\b(?:yesterday|last night)\b", low):
        return (published - timedelta(days=1)).isoformat()
    if "tomorrow" in low:
        return (published + timedelta(days=1)).isoformat()
    ago = re.search(rf"({_NUM})\s+({_UNIT})\s+ago", low)
    if ago:
        n = NUMBER_WORDS.get(ago.group(1), 1 if ago.group(1) in ("a", "an") else None)
        if n is None and ago.group(1).isdigit():
            n = int(ago.group(1))
        unit = ago.group(2).rstrip("s")
        days = {"day": 1, "week": 7}.get(unit)
        if n is not None and days:
            return (published - timedelta(days=n * days)).isoformat()
        if n is not None and unit == "month":
            return _month_shift(published, -n)
        if n is not None and unit == "year":
            return str(published.year - n)
        return None
    if kind == "month":
        name = re.search(_MON, phrase)
        if name:
            month = MONTHS[name.group().lower().rstrip(".")]
            year = int(year_m.group(1)) if year_m else published.year
            if not year_m and month > published.month and not future:
                year -= 1
            elif not year_m and month < published.month and future:
                year += 1
            return f"{year:04d}-{month:02d}"
    if "last month" in low:
        return _month_shift(published, -1)
    if "last year" in low:
        return str(published.year - 1)
    if kind == "year" and year_m:
        return year_m.group(1)
    return None


def _nearest_day(month: int, day: int, published: date, future: bool,
                 past: bool) -> str | None:
    """A month and day without a year: in a future clause the next one on or after
    publication; in a past one the latest up to a week after it; else the nearest."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    if future:
        ahead = [d for d in candidates if d >= published]
        if ahead:
            return min(ahead).isoformat()
    if past:
        before = [d for d in candidates if d <= published + timedelta(days=7)]
        if before:
            return max(before).isoformat()
    # Ties and near-ties go to the past: news reports what happened.
    return min(candidates, key=lambda d: abs((d - published).days) - (
        3 if d <= published else 0)).isoformat()


def _distance(value: str | None, published: date | None) -> int | None:
    """Days from publication to a resolved full date; None when either is unknown."""
    if not value or published is None or len(value) != 10:
        return None
    return (date.fromisoformat(value) - published).days


def _month_shift(d: date, months: int) -> str:
    total = d.year * 12 + d.month - 1 + months
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def rank(times: list[TimeExpr], lead: int, weight: object, quoted: object,
         published: date | None = None) -> list[TimeExpr]:
    """Most telling first: specific times in the headline and lead, not inside quotes,
    and dates close to publication (news is about the last few days)."""
    for t in times:
        w = weight(t.sentence, lead) * _KIND_WEIGHT[t.kind]  # type: ignore[operator]
        days = _distance(t.date, published)
        if days is not None:
            w *= 1.3 if -8 <= days <= 1 else 0.5 if abs(days) > 45 else 1.0
        if quoted(t.start):  # type: ignore[operator]
            w *= 0.5
        t.score = w * (1.15 if " " in t.text.strip() and t.kind != "year" else 1.0)
    return sorted(times, key=lambda t: (-t.score, t.start))


def as_datetime(value: datetime) -> str:
    """ISO 8601 text for a run time, seconds precision."""
    return value.replace(microsecond=0).isoformat()
