"""Line and block filters for what extractors leave around an article body.

Shared by the HTML and the plain-text paths. Every pattern is anchored and only applies to short
lines, so a body sentence that merely mentions "download" or "subscribe" is never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .words import WORD as _WORD
from .words import word_count

# Longer lines are body text even when they start like a promotion.
MAX_BOILERPLATE_WORDS = 40

# Each pattern must match the whole line (fullmatch, case-insensitive).
_PATTERNS = [
    # app promotions
    r"(download|get|install)\b.{0,60}\bapps?\b.*",
    r".{0,80}\bapps?\b.{0,40}\bavailable (on|in|from) (the )?(app store|google play)\b.*",
    # newsletters and subscriptions
    r".{0,60}\b(sign up|subscribe|register)\b.{0,80}\b(newsletters?|inbox|updates|alerts)\b.*",
    r"(get|start your day with)\b.{0,80}\b(newsletters?|delivered to your inbox|in your inbox)\b.*",
    r"thanks? (you )?for (signing up|subscribing)!?.*",
    r"keep an eye on your inbox.*",
    r"(sorry!?|there was an error processing your subscription\.?)",
    r"(an )?error (has )?occurred,? please try again( later)?\.?",
    r".{0,60}\bnewsletter\b",
    # share and follow
    r"(share|tweet|email|print|pin|save)( this)?( (article|story|page|post))?( on \w+)?[.!:]?",
    r"(share|like) (this|the) (story|article|post|apps?)\b.*",
    r"like this story\?.*",
    r"(follow|find|join) .{1,80}\bon (twitter|facebook|instagram|linkedin|youtube|tiktok|"
    r"social media)\b.{0,80}",
    # contact and follow lines that end in an address: "Write to Al Root at al@example.com",
    # "Listen: http://…", "Follow AP's full coverage at https://…"
    r"(write to|e-?mail|contact|reach|follow) .{0,100}(\S+@\S+\.\w+|https?://\S+|"
    r"www\.\S+).{0,150}",
    r"more [^.!?]{0,40}: *(https?://|www\.)\S+.{0,100}",
    r"(listen|download|subscribe|watch|itunes|spotify|apple podcasts)( here| now)?: *"
    r"(https?://|www\.)\S+",
    # (not a paywall's "Subscribe to continue reading": the quality gate names those)
    r"subscribe to (?!(continue|keep) reading|read (the|this)|unlock|access)\S.{0,120}",
    r"sign up( now| today| here)?[:!].*",
    r"have a tip\?.*",
    r"(order reprints|print article|reprints?( & permissions)?|permalink)",
    r"(copy|copied) (link|url)!?",
    # "read more" and teaser links
    r"(read|see|watch|listen) (more|also|next|now)\b.{0,150}",
    r"(related|recommended|more|most read|trending|see also|also read|read also)( (stories|"
    r"articles|posts?|coverage|reading|content|news|links|videos?|on this|from \w+))?:.{0,150}",
    r"\[(related|see also|read more|read also|more)\b[^\]]{0,150}\]",
    r"(most (read|popular|viewed|shared|watched|commented)|popular|trending)( (now|today|"
    r"stories|articles|in|on|from)\b.{0,40})?",
    # "read also" in other languages
    r"\(?(leggi anche|potrebbe interessarti|leia também|leia mais|veja também|lea también|"
    r"lee también|ver también|lire aussi|à lire aussi|lire la suite|lesen sie auch|"
    r"mehr zum thema|auch interessant|zie ook|lees ook|lees meer|läs också|læs også|"
    r"les også|czytaj też|czytaj także|czytaj więcej|читайте также|читать далее|"
    r"см\. также|関連記事|相关阅读|相關閱讀|延伸阅读|延伸閱讀|관련 ?기사|baca juga)"
    r"\s*[:：]?.{0,200}",
    r"(you may|you might) also (like|enjoy)\b.*",
    r"(also on|more from|more on) [\w.-]+\.(com|net|org|co\.uk|[a-z]{2})\b.*",
    r"don'?t miss:?",
    r".{0,150}\bclick here\b.{0,100}",
    r".{0,40}\bby clicking here\b.*",
    r"(continue|keep) reading( below| the (main )?story)?.*",
    r"advertisements?|ad|sponsored( content)?|story continues below( advertisement)?",
    r"tags?:?",
    r"(filed under|tagged( with)?|tags|topics|categories|category|posted in)\s*:.{0,200}",
    r"sources?:\s*[^.!?]{1,60}",
    # affiliate notices: "If you buy something through this post, we may get a share…"
    r".{0,60}\bif you (buy|purchase|click|shop)\b.{0,160}\b(commissions?|share of the sale|"
    r"affiliate|compensated)\b.*",
    r"\d* ?comments?",
    r"tell us what you think.*",
    r"this copy is for your personal,? non-commercial use only\b.*",
    r"this article has been sent to.*",
    # photo credits and captions
    r"(photo|image|picture|video|graphic|illustration)s?( credits?)?( by|:).{0,120}",
    r".{0,160}\((photo|image|picture)s?( credit)?:? .{0,80}\)",
    r".{0,300}\(((photo|image|picture)s? )?credits?:? [^()]{1,80}\)",  # a caption's credit
    r".{0,120}\b(photo|image|photograph)s?( by)? ?©.{0,80}",
    r".{0,80}(/|\bvia |\bcredit:? )\s*(getty images|ap|associated press|reuters|afp|"
    r"shutterstock|istock)\b.{0,40}",
    r"\(?(ap|afp|reuters|getty|epa|ap images)( photo| images)?/[^)]{1,60}\)?",
    # BBC-style caption lines: "Image copyright EPA Image caption The blast...", "Media caption"
    r"(image|media|video|picture) (copyright|caption|source)\b.{0,400}",
    # related links: "… | Rebecca Nicholson Read more", "Lakers vs Nets: … [VIDEO]"
    r".{0,250}\bread more\s*[.»›>]*",
    r".{0,250}\[(video|videos|pics|pictures|photos?|gallery|latest|live|poll|watch|insight|"
    r"analysis|revealed?|update|map|quiz)\]\s*",
    r".{12,250}(?-i:\[[A-Z]{3,12}\])\s*\|?",  # a headline with a shouted tag: "… [REACTION]"
    # contributor credits: "(Reporting by A; Editing by B)", "C contributed to this report."
    r"\(?(additional |with )?(reporting|writing|editing|research) by (?-i:[A-Z])[^.!?]{0,200}"
    r"\.?\)?\.?",
    r"[^.!?]{1,200}\bcontributed (reporting|research|to this (report|story|article))"
    r"( from [^.!?]{1,60})?[.)]*",
    # cookies and legal
    r"(we|this (web)?site|our (web)?site) uses? cookies\b.*",
    r".{0,40}\bby (using|continuing to (use|browse))\b.{0,60}\b(cookies|site)\b.*",
    r".{0,40}\bcookie (policy|settings|preferences|consent)\b.*",
    r"(copyright|©)\s*(\(c\)\s*)?(©\s*)?\d{4}\b.*",
    r"copyright\b.{0,80}\b(19|20)\d\d\b.{0,100}",
]
# Timestamps set on a line of their own: "Updated at 1:23 p.m.", "Published 18 November 2019",
# "5:45 AM PST 11/19/2019 by Jane Doe", "기사입력 : [ 2018-08-25 15:24 ]".
# month and weekday names in English, Portuguese, Spanish, French, Italian and German
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janeiro|fevereiro|"
          r"março|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro|enero|"
          r"febrero|marzo|mayo|junio|julio|septiembre|setiembre|octubre|noviembre|diciembre|"
          r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
          r"décembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
          r"januar|februar|märz|juni|juli|oktober|dezember)\.?")
_WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|"
            r"thu(?:rs?)?|fri|sat|sun|(?:segunda|terça|quarta|quinta|sexta)(?:-feira)?|sábado|"
            r"domingo|lunes|martes|miércoles|jueves|viernes|lundi|mardi|mercredi|jeudi|"
            r"vendredi|samedi|dimanche|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|"
            r"domenica|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\.?,?")
_DATE = (rf"(?:\d{{1,2}}(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?\d{{4}}|"
         rf"{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
         r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})")
_TIME = (r"\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?\s?m\.?)?"
         r"(?:\s*(?:[ecmpa][sd]t|et|pt|gmt|utc|bst|cet|cest|ist|jst|aest|amt|hkt|sgt|wib))?")
_STAMP = rf"(?:{_WEEKDAY}\s*)?(?:{_DATE}|{_TIME})"
_STAMP_SEP = r"\s*[,|@–—-]?\s*(?:(?:at|às|as|a las|à|alle|um)\s+)?"
_BYLINE_END = r"\.?(?:\s+by\s+[\w.' -]{2,40})?"
_STAMP_LABEL = (r"(?:(?:last )?(?:updated|published|posted|modified|created|edited|"
                r"first published|date|aktualisiert|veröffentlicht|publié|mis à jour|publicado|"
                r"atualizado|actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt|"
                r"opublikowano|zaktualizowano|обновлено|опубликовано)"
                r"(?: on| at| le| am| em| el| il)?|[^\W\d_]{1,12}\s*[:：])\s*[:.]?\s*")
_DATELINES = [
    # a label and a date or time; without a label, a date with its time (a bare date or time
    # heads an entry of a live blog, and two dates are a range)
    rf"{_STAMP_LABEL}\[?\s*{_STAMP}(?:{_STAMP_SEP}{_STAMP})*\s*\]?{_BYLINE_END}",
    rf"\[?\s*(?:{_WEEKDAY}\s*)?(?:{_DATE}{_STAMP_SEP}{_TIME}|{_TIME}{_STAMP_SEP}{_DATE})"
    rf"\s*\]?{_BYLINE_END}",
    rf"{_WEEKDAY}\s*{_DATE}{_BYLINE_END}",  # a dateline names the day: "Monday, November 18, 2019"
]
_DATELINE = re.compile("|".join(f"(?:{p})" for p in _DATELINES), re.IGNORECASE)
_PATTERNS += [
    *_DATELINES,
    # reading times: "5 min read", "Tempo de leitura: 2 minutos"
    r"(reading time|read time|tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|"
    r"tempo di lettura|czas czytania)\s*[:：]?\s*\d+.{0,20}",
    r"\d+\s*(min|mins|minutes?)\.?\s+read",
]
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
# A rights notice in any language makes a short line boilerplate wherever it stands (searched:
# as a fullmatch pattern after ".{0,120}" it would be tried at every position of every line).
_RIGHTS = re.compile(
    r"all rights reserved|alle rechte vorbehalten|tous droits réservés|"
    r"todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati|"
    r"wszelkie prawa zastrzeżone|все права защищены|tüm hakları saklıdır|"
    r"alle rechten voorbehouden|무단 ?전재|무단 ?복제|無断転載|無断複製|版权所有|版權所有|不得转载",
    re.IGNORECASE)
_RIGHTS_MAX_CHARS = 200


@dataclass
class Block:
    """One paragraph-like unit of extracted text, with how much of it is link text."""

    text: str
    kind: str = "p"  # p, head, item, quote, row
    link_ratio: float = 0.0
    group: int = 0  # paragraph number in plain text, so line filters keep paragraphs intact


# Words inside a sentence that give away page furniture rather than reporting: app promotion,
# share buttons, photo credits, embedded-tweet residue (searched, where _PATTERNS must match
# a whole line).
_FURNITURE = re.compile(
    r"\b(?:download (?:the|our)\b.*\bapp|share (?:this|the apps?)|click here|sign up|subscribe"
    r"|follow us|all rights reserved|pic\.twitter\.com|image caption|\(photo:|getty images"
    r"|copyright|newsletter|cookies?)\b",
    re.IGNORECASE,
)


def mentions_furniture(text: str) -> bool:
    """True when ``text`` contains a give-away of page furniture (a sentence, not a line)."""
    return _FURNITURE.search(text) is not None


# Credits inside a paragraph: "(Photo: AP)", "(Image: Getty)", "(Pictured: …)".
_INLINE_CREDIT = re.compile(
    r"\s*\((?:photo|image|picture|video|pictured|photograph|credit)s?(?:\s+credit)?\s*:\s*"
    r"[^()]{1,80}\)", re.IGNORECASE)


# A sharing widget's label glued to the sentence it shares: "… continuum.Click To Tweet".
_SHARE_LABEL = re.compile(r"\s*click to tweet\s*$", re.IGNORECASE | re.MULTILINE)


def strip_inline_credits(text: str) -> str:
    """Remove photo credits set inside a paragraph and sharing labels glued to a sentence,
    keeping the sentence around them."""
    if "(" in text:
        text = _INLINE_CREDIT.sub("", text)
    return _SHARE_LABEL.sub("", text) if "weet" in text else text


_DAY_DATE = re.compile(rf"(?:{_WEEKDAY}\s*)?{_DATE}", re.IGNORECASE)


def dateline_date(line: str) -> str | None:
    """The date written in a line that is a timestamp set on its own ("Published 18 November
    2019" -> "18 November 2019"); None for other lines and for a time alone."""
    if _DATELINE.fullmatch(line.strip()) is None:
        return None
    found = _DAY_DATE.search(line)
    return found.group() if found else None


def is_boilerplate(line: str) -> bool:
    """True when a short line is a promotion, share/follow line, caption, credit or notice."""
    line = line.strip()
    if not line or word_count(line) > MAX_BOILERPLATE_WORDS:
        return False
    if len(line) <= _RIGHTS_MAX_CHARS and _RIGHTS.search(line):
        return True
    return bool(_BOILERPLATE.fullmatch(line))


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


_SEPARATOR = re.compile(r"\s+[-|:–—·•»]\s*|\s*[|–—·•»]\s+")


@lru_cache(maxsize=64)
def _title_variants(title: str) -> tuple[tuple[str, str], ...]:
    """The title and its parts, each with its word key and its flattened form."""
    # A page title often carries the site name ("Headline - Site"); the h1 does not.
    parts = [p for p in _SEPARATOR.split(title) if word_count(p)]
    variants = [title] if len(parts) < 2 else \
        [title, *(p for p in parts if word_count(p) >= 3 or p == parts[0])]
    return tuple((_key(v), " ".join(v.casefold().split())) for v in variants if _key(v))


def is_title_line(line: str, title: str | None, sitename: str | None = None) -> bool:
    """True when a line is the headline, alone or with a site name after a separator."""
    key = _key(line) if title else ""
    if not title or not key:
        return False
    flat = " ".join(line.casefold().split())
    for tkey, tflat in _title_variants(title):
        if key == tkey:
            return True
        if flat.startswith(tflat):
            rest, sep_first = flat[len(tflat):], True
        elif flat.endswith(tflat):
            rest, sep_first = flat[: -len(tflat)], False
        else:
            continue
        sep = _SEPARATOR.match(rest) if sep_first else _SEPARATOR.search(rest + " ")
        if sep is None or (not sep_first and sep.end() < len(rest)):
            continue
        leftover = rest[sep.end():] if sep_first else rest[: sep.start()]
        if 0 < word_count(leftover) <= 6 and not leftover.rstrip().endswith((".", "!", "?")):
            return True
    return False


# A block this much link text, of a headline's length and without a full stop, is a teaser
# for another page. Shorter ones are names and sources ("[CNBC]", "Ticketing"); sentences
# with a full stop are body text that happens to be linked.
LINK_SHARE = 0.6
MIN_TEASER_WORDS = 4
MAX_TEASER_WORDS = 25
_SENTENCE_END = re.compile(r"[.!?…。！？][\"”’')\]」』]?$")
_ADDRESS = re.compile(r"\S*[/@.]\S*")  # a web or mail address, cited rather than teased


def filter_blocks(blocks: list[Block], title: str | None, sitename: str | None = None,
                  drop_leading_title: bool = True) -> list[Block]:
    """Drop headline repeats, boilerplate lines and link lists; keep every body sentence."""
    kept: list[Block] = []
    seen_body = False
    for i, block in enumerate(blocks):
        text = strip_inline_credits(block.text).strip()
        if "\n" in text:
            # lines broken inside one element ("Don't miss" and its links): judged one by one
            text = "\n".join(line for line in text.split("\n") if not is_boilerplate(line))
        if not text:
            continue
        words = word_count(text)
        if is_title_line(text, title, sitename):
            # The first line equal to the headline is the headline; later ones are repeats.
            if seen_body or drop_leading_title or i > 0:
                continue
        elif is_boilerplate(text):
            continue
        elif block.link_ratio >= LINK_SHARE and block.kind != "head" \
                and MIN_TEASER_WORDS <= words <= MAX_TEASER_WORDS \
                and not _SENTENCE_END.search(text) and not _ADDRESS.fullmatch(text):
            continue  # teaser lists and "related" links: headlines that are nearly all link
        kept.append(replace(block, text=text))
        if block.kind != "head":
            seen_body = True
    # A heading with nothing after it (or only other headings) announced a dropped section.
    while kept and kept[-1].kind == "head":
        kept.pop()
    return kept
