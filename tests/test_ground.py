from conftest import FABRICATED, NOW, assert_verbatim

from briefing.api import brief_article
from briefing.clean.article import clean_text
from briefing.ground import ground_briefing, is_verbatim, locate, mentions
from briefing.schema import Span

TEXT = "The minister said:  “We will  act quickly” on Monday.\nOthers—less sure—waited."


def test_locate_exact_prefers_nearest_occurrence():
    text = "abc def abc"
    span, how = locate(text, "abc", hint=7)
    assert (span.start, how) == (8, "exact")


def test_locate_folds_whitespace_and_quote_marks_but_returns_article_characters():
    span, how = locate(TEXT, '"We will act quickly"')
    assert how == "exact"
    assert span.quote == "“We will  act quickly”"
    assert is_verbatim(TEXT, span)


def test_locate_fuzzy_marks_near_match_and_keeps_verbatim_text():
    span, how = locate(TEXT, "The minister said: We will act quikly")
    assert how == "fuzzy"
    assert is_verbatim(TEXT, span)
    assert "quickly" in span.quote


def test_locate_rejects_paraphrase_and_short_strings():
    assert locate(TEXT, "The government promised fast action on Monday") is None
    assert locate(TEXT, "Tuesday") is None
    assert locate(TEXT, "   ") is None


def test_ground_repairs_offsets_and_drops_fabrications(lying_engine):
    article = clean_text("Ann Lee said \"we are ready\" on Monday.\n\nBob Stone agreed.")
    raw = lying_engine.extract(article, now=NOW)
    raw.who[0].evidence[0].start += 3  # wrong offsets must be repaired, not trusted
    grounded = ground_briefing(raw)
    assert_verbatim(grounded)
    quotes = [q.quote for s in grounded.sources for q in s.quotes]
    assert FABRICATED not in quotes and "we are ready" in quotes
    g = grounded.provenance.grounding
    assert g.dropped == 1
    assert g.checked == g.exact + g.fuzzy + g.dropped


def test_item_whose_only_evidence_is_invented_is_dropped(fake_engine):
    article = clean_text("Ann Lee spoke in Paris on Monday about the plan.")
    raw = fake_engine.extract(article, now=NOW)
    raw.who[0].evidence = [Span(quote="Ann Lee resigned in disgrace", start=0, end=28)]
    raw.who[0].name = "Ann Lee"
    assert [w.name for w in ground_briefing(raw).who] == []


def test_names_must_occur_in_text(fake_engine):
    article = clean_text("Ann Lee spoke in Paris on Monday about the plan.")
    raw = fake_engine.extract(article, now=NOW)
    raw.who[0].name = "Boris Invented"
    assert ground_briefing(raw).who == []
    assert mentions(article.text, "ann  lee")


def test_brief_article_always_grounds(lying_engine):
    article = clean_text("Ann Lee said \"we are ready\" on Monday.")
    b = brief_article(article, model="lying", now=NOW, force=True)
    assert_verbatim(b)
    assert b.provenance.grounding.dropped >= 1
