"""Quotes, who said them, attributed claims ("according to X", "X said") and hedges."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..clean.words import UNSPACED
from .lexicon import DOCUMENT_HEADS, HEDGES, REPORTING_VERBS, ROLE_WORDS
from .sentences import Sentence, paragraphs

_VERB = r"(?:" + "|".join(sorted(REPORTING_VERBS, key=len, reverse=True)) + r")"
_NAME = r"[A-Z][\w’'.\-]*(?:\s+(?:of\s+|de\s+|the\s+)?[A-Z][\w’'.\-]*){0,4}"
# "the port authority", "A worker at the site", "one of the soldiers"; a capitalised
# determiner opens a sentence.
# Auxiliaries and negation end a noun phrase: "The company did not say" has no speaker.
_NOT_NOUN = (r"(?!(?:did|does|do|not|never|would|could|will|was|were|is|are|has|have|had|and|or"
             r"|but|to|in|on|at|of|for|with|from|by|as|also|he|she|they|it|we|that|who|which"
             r"|when|where|while|than|then|after|before|about|into|over|one|the|a|an|said|says"
             r"|told|added)\b)")
# Verbs that are also plural nouns: "the swing states", "the alarming reports". As verbs
# they introduce what is said: "that", a colon, a comma or a quotation.
_NOUN_VERBS = frozenset(("states", "reports", "claims", "notes", "tweets", "estimates"))
_SAYS_WHAT = re.compile(r"^\s*(?:that\b|[:“\"])")
_NN = rf"{_NOT_NOUN}[a-z][\w\-]*"
_NP = (r"(?<![\w’'])(?:"
       rf"(?:[Tt]he|[Aa]n?|[Oo]ne|[Tt]heir|[Hh]is|[Hh]er|[Ii]ts|[Aa]nother)\s+(?:{_NN}\s+){{0,2}}{_NN}"
       rf"|(?:[Oo]ne|[Ss]ome|[Tt]wo|[Tt]hree|[Ss]everal|[Mm]any)\s+of\s+(?:the|their|his|her|its)"
       rf"\s+(?:{_NN}\s+)?{_NN}"
       # "two people familiar with the matter", "several officials": counted voices
       rf"|(?:[Tt]wo|[Tt]hree|[Ff]our|[Ss]everal|[Mm]ultiple|[Ss]ome)\s+(?:{_NN}\s+)?"
       r"(?:people|persons|officials|sources|sources|residents|witnesses|employees|diplomats"
       r"|analysts|executives|lawmakers)(?:\s+familiar\s+with\s+(?:the|its|his|her)\s+"
       r"[a-z]+)?)"
       r"(?:\s+(?:at|from|in|with|on|inside|outside|near)\s+the\s+[a-z][\w\-]*)?")
_PRONOUN = r"(?<![\w’'])(?:he|she|they|it|we|He|She|They|It|We)"
# Institutions and crowds speak without a determiner: "police said", "officials told".
_BARE = (r"(?<![\w’'])(?:[Pp]olice|[Aa]uthorities|[Oo]fficials|[Ii]nvestigators|[Pp]rosecutors"
         r"|[Ww]itnesses|[Rr]escuers|[Ff]irefighters|[Dd]octors|[Ee]xperts|[Aa]nalysts)(?=\s|,)")
_SPEAKER = rf"(?P<spk>{_NAME}|{_NP}|{_BARE}|{_PRONOUN})"
_APPOS = r"(?:,\s+[^,“”\"]{3,90},)?"
_ADV = (r"(?:(?:also|later|previously|then|earlier|has|have|had|twice|repeatedly|again|already"
        r"|since|now|publicly|strongly|flatly)\s+){0,2}")

# "X said", "one serviceman explained", "Rinchino stated that": speaker before the verb.
_SPK_VERB = re.compile(rf"{_SPEAKER}{_APPOS}\s+{_ADV}(?P<verb>{_VERB})\b")
# "said Rinchino", "said resident Hannah Collier": verb before the speaker (after a quote).
_VERB_SPK = re.compile(
    rf"^[\s,]*(?P<verb>{_VERB})\s+(?P<spk>(?:(?:a|an|the)\s+)?(?:[a-z]+\s+)?{_NAME}|{_NP}|{_BARE})")
# "A new ABC News poll shows", "the study found": a poll or a study speaks through its
# findings (only these heads: "police found a body" is no attribution).
_FINDS = re.compile(
    r"(?P<spk>(?<![\w’'])(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat)\s+(?:(?:new|recent|latest|same|"
    r"separate|national|annual)\s+)?(?:[A-Z][\w&.’'\-]*\s+){0,4}(?:poll|survey|study|census|"
    r"analysis|report|review|audit))\s+(?P<verb>shows|showed|found|finds|suggests|suggested|"
    r"indicates|indicated)\b")
# "said Arsenal manager Mikel Arteta": after a name, a role word and a full name; that
# person speaks, the first name is the employer (also read by speakers._np_after).
ROLE_NAME = re.compile(r"\s+(?:" + "|".join(sorted(ROLE_WORDS | {"official"}, key=len,
                                                       reverse=True))
                        + r")\s+(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)+)")
_ACCORDING = re.compile(rf"(?i:according to)\s+(?P<spk>(?:the\s+)?{_NAME}|{_NP}|{_BARE})")
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
    # Index of the attribution that relays this one: in "As the lawyer said, one of the
    # soldiers stated ...", the soldier speaks through the lawyer.
    outer: int | None = None
    frame: bool = False  # "according to X", "as X said": frames the whole sentence


@dataclass(frozen=True)
class Quote:
    """Quoted speech: ``text[start:end]`` inside the marks.

    ``closed`` is False for a quotation that runs on into the next paragraph: news style
    opens every paragraph of a long quotation and closes only the last, so the next
    quotation continues the same voice.
    """

    start: int
    end: int
    closed: bool = True
    single: bool = False  # British style: 'like this'


_ABBREV_END = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Gov|Sen|Rep|Sgt|Lt|Col|Capt|Prof|Jr|Sr|Inc|Co|"
                         r"Ltd|No|vs|[A-Z])\.$")
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def _first_sentence(text: str, start: int, end: int) -> int:
    """Where the first sentence of ``text[start:end]`` ends (``end`` if it does not)."""
    for m in _SENTENCE_END.finditer(text, start, end):
        if not _ABBREV_END.search(text[max(start, m.start() - 6) : m.end()]):
            return m.end()
    return end


# After a number, a double mark followed by a size or a screen's noun is inches: '34"
# 3440x1440 Curved', 'a 15" laptop' (not '"… in the top 4" this season').
_INCHES = re.compile(r"[ \-]?(?:\d{3,4}\s?x\s?\d{3,4}|(?i:curved|screen|monitor|display|tv|"
                     r"television|laptop|tablet|led|oled|lcd|4k|uhd|hd|gaming|class|inch|"
                     r"macbook|ipad|imac|chromebook|notebook|touchscreen|panel|wheels?|rims?)"
                     r"\b)")


def _marks(block: str, single: bool) -> list[tuple[int, str]]:
    """(offset, "open" | "close") of each quotation mark of one family in a paragraph.

    Curly marks say which they are; a straight mark opens after a space or at the start and
    closes after a word or punctuation. A single straight mark between letters ("don't",
    "pal's") is an apostrophe.
    """
    out: list[tuple[int, str]] = []
    chars = "‘’'" if single else "“”\""
    for i, c in enumerate(block):
        if c not in chars:
            continue
        before = block[i - 1] if i else " "
        after = block[i + 1] if i + 1 < len(block) else " "
        if c in "\"”" and before.isdigit() and _INCHES.match(block, i + 1):
            continue  # '34" 3440x1440 curved', '15” laptop': inches, not a quotation mark
        if c in "“‘":
            kind = "open"
        elif c in "”" or (c == "’" and not (before.isalnum() and after.isalnum())):
            kind = "close"
        elif c == "’":
            continue  # an apostrophe
        elif before.isspace() or before in "([{—–-/:":
            if after.isspace():
                continue
            kind = "open"
        elif after.isspace() or after in ".,;:!?)]}—–-" or i + 1 == len(block):
            kind = "close"
        else:
            continue
        if single and kind == "open" and not (after.isalnum() or after in "[(\"“"):
            continue
        out.append((i, kind))
    return out


def _pair(text: str, p_start: int, p_end: int, single: bool,
          skip: list[tuple[int, int]]) -> list[Quote]:
    block = text[p_start:p_end]
    marks = [(p_start + i, k) for i, k in _marks(block, single)
             if not any(a - 1 <= p_start + i <= b for a, b in skip)]
    out: list[Quote] = []
    opened: int | None = None
    for n, (pos, kind) in enumerate(marks):
        barrier = next((a - 1 for a, _ in skip if opened is not None and opened < a < pos),
                       None)
        if barrier is not None and opened is not None:
            # A single quote never runs across a double-quoted one: it was an apostrophe.
            out.append(Quote(opened, _first_sentence(text, opened, barrier), closed=False,
                             single=single))
            opened = None
        if kind == "open":
            if opened is not None:
                # Opened again before a close: the quotation went on over a paragraph break
                # that the text lost. It ends with its first sentence (captions may follow).
                end = _first_sentence(text, opened, pos)
                out.append(Quote(opened, end, closed=False, single=single))
            opened = pos + 1
        elif opened is not None:
            out.append(Quote(opened, pos, single=single))
            opened = None
        elif n == 0 and not single and pos - p_start > 12:
            out.append(Quote(p_start, pos, single=single))  # closes a quote opened before
    if opened is not None:
        out.append(Quote(opened, _first_sentence(text, opened, p_end), closed=False,
                         single=single))
    return out


def _speech(text: str, q: Quote) -> bool:
    inner = text[q.start : q.end].strip()
    if UNSPACED.search(inner):  # no spaces between words: a few characters say a lot
        return len(inner) >= 6
    if len(inner) < 12 or " " not in inner:
        return False
    # A single-quoted run without a closing mark is too often an apostrophe's doing.
    return not (q.single and not q.closed and len(inner.split()) < 4)


# Other languages' quotation marks, read as English double quotes of the same length (offsets
# stay those of the text): German „…“, French and Russian «…», Chinese and Japanese 「…」.
# Danish and some German print reverse the guillemets (»…«): the first one met decides.
_FOREIGN_QUOTES = re.compile(r"„([^„“”\n]*)[“”]|«([^«»\n]*)»|»([^«»\n]*)«|「([^「」\n]*)」")


def _as_english_marks(text: str) -> str:
    if not any(c in text for c in "„«»「"):
        return text
    return _FOREIGN_QUOTES.sub(lambda m: "“" + m.group()[1:-1] + "”", text)


def find_quote_spans(text: str) -> list[Quote]:
    """Every quotation, double quotes first, then British single quotes outside them."""
    text = _as_english_marks(text)
    out: list[Quote] = []
    for p_start, p_end in paragraphs(text):
        double = [q for q in _pair(text, p_start, p_end, False, []) if q.end > q.start]
        taken = [(q.start, q.end) for q in double]
        single = [q for q in _pair(text, p_start, p_end, True, taken) if q.end > q.start]
        out += [q for q in double + single if _speech(text, q)]
    trimmed = []
    for q in out:
        start, end = q.start, q.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        trimmed.append(Quote(start, end, q.closed, q.single))
    return sorted(set(trimmed), key=lambda q: (q.start, q.end))


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Inner spans of quoted speech; a paragraph that only closes a quote opened it."""
    return [(q.start, q.end) for q in find_quote_spans(text)]


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
        first = len(out)
        for rx in (_ACCORDING, _AS_SAID, _SPK_VERB, _FINDS):
            for m in rx.finditer(seg):
                verb = m.group("verb") if "verb" in rx.groupindex else "according to"
                hits.append((s.start, m, verb))
        frames = {id(m) for _, m, _ in hits if m.re in (_ACCORDING, _AS_SAID)}
        for _q_start, q_end in quotes:
            if s.start <= q_end <= s.end:
                after = _VERB_SPK.match(masked[q_end + 1 : s.end])
                if after:
                    hits.append((q_end + 1, after, after.group("verb")))
        seen: list[tuple[int, int]] = []
        for base, m, verb in sorted(hits, key=lambda h: h[0] + h[1].start()):
            sp = (base + m.start("spk"), base + m.end("spk"))
            if verb.lower() in _NOUN_VERBS and not _says_what(text[sp[0] : sp[1]],
                                                               masked[base + m.end() :]):
                continue
            if m.re is _VERB_SPK:
                named = ROLE_NAME.match(text, sp[1])
                if named:  # "said Arsenal manager Mikel Arteta": the manager speaks
                    sp = (named.start("name"), named.end("name"))
            speaker = _trim_speaker(text[sp[0] : sp[1]])
            if not speaker or any(a <= sp[0] < b or sp[0] <= a < sp[1] for a, b in seen):
                continue
            sp = (sp[1] - len(speaker), sp[1])
            seen.append(sp)
            marker = (base + m.start(), base + m.end())
            own = [q for q in quotes if s.start <= q[0] < s.end or s.start <= q[1] <= s.end]
            out.append(Attribution(speaker, sp, verb.lower(), s.index, marker, own,
                                   frame=id(m) in frames))
        mine = out[first:]
        outer = next((first + i for i, a in enumerate(mine) if a.frame), None)
        if outer is not None and len(mine) == 2:
            for a in mine:
                if not a.frame:
                    a.outer = outer
    return out


def _says_what(speaker: str, after: str) -> bool:
    """For "states", "reports"...: a name or a document speaking, and what it says next."""
    head = speaker.split()[-1].lower()
    named = speaker[:1].isupper() and speaker.split()[0] not in ("The", "A", "An")
    return (named or head in DOCUMENT_HEADS) and bool(_SAYS_WHAT.match(after))


def _trim_speaker(speaker: str) -> str:
    # "Obama said" is a speaker; "The Telegraph reported" keeps its article; a lone
    # sentence-initial "The" or a conjunction does not make a speaker.
    speaker = re.sub(r"^(?:And|But|So|Then|However|Meanwhile|As|Today|Yesterday)\s+", "", speaker)
    # "resident John Harris": the role word stays in the text, the speaker is the name.
    speaker = re.sub(r"^(?:[a-z]+\s+){1,3}(?=[A-Z])", "", speaker)
    if speaker.lower() in ("the", "a", "an", "that", "this", "there", "what"):
        return ""
    return speaker


# One pass over the sentence; longer markers first so "could not be verified" wins over parts.
_HEDGE = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in sorted(HEDGES, key=len, reverse=True))
                    + r")\b")


def find_hedges(sentence: Sentence) -> list[tuple[str, int, int]]:
    """(marker, start, end) of each hedge in the sentence, offsets into the text."""
    return [(m.group(), sentence.start + m.start(), sentence.start + m.end())
            for m in _HEDGE.finditer(sentence.text.lower())]
