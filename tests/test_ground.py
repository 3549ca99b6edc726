from collections import Counter

from conftest import EXAMPLE, FABRICATED, NOW, assert_verbatim, story

from briefing.api import brief_article, summarize
from briefing.clean.article import clean_text
from briefing.ground import ground_briefing, grounding_counts, is_verbatim, locate, mentions
from briefing.schema import Briefing, Grounding, Span

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


def _per_span(b: Briefing) -> Counter:
    return Counter(span.match for span in b.spans())


def test_each_kept_span_records_how_it_matched(fake_engine):
    article = clean_text(story('Ann Lee said “we are ready to rebuild the harbour” in Paris on '
                               'Monday.'))
    raw = fake_engine.extract(article, now=NOW)
    assert all(span.match is None for span in raw.spans())  # engines leave it unset
    lead = raw.key_points[0].evidence[0]
    raw.key_points[0].evidence[0] = lead.model_copy(update={"start": lead.start + 5})
    raw.sources[0].quotes = [
        Span(quote='"we are ready to rebuild the harbour"', start=0, end=0),  # folded: exact
        Span(quote="heard from residents, busines owners and oficials", start=0, end=0),
        Span(quote=FABRICATED, start=0, end=0),  # invented: dropped
    ]
    g = ground_briefing(raw)
    assert_verbatim(g)
    assert g.key_points[0].evidence[0].match == "exact"  # moved back, verbatim
    assert g.who[0].evidence[0].match == "exact"  # verbatim as given
    folded, near = g.sources[0].quotes
    assert (folded.quote, folded.match) == ("“we are ready to rebuild the harbour”", "exact")
    assert near.match == "fuzzy"  # the article's own words, found by similarity
    assert near.quote.startswith("heard from residents, business owners and officials")
    assert g.provenance.grounding == Grounding(checked=5, exact=3, fuzzy=1, dropped=1)
    assert all(span.match is not None for span in g.spans())


def test_counts_are_the_spans_kept(fake_engine):
    article = clean_text(story("Ann Lee spoke in Paris on Monday about the plan."))
    raw = fake_engine.extract(article, now=NOW)
    lead = raw.key_points[0].evidence[0]
    raw.key_points[0].evidence = [lead, lead.model_copy(update={"start": lead.start + 1})]
    raw.who[0].name = "Boris Invented"  # the item goes, and its span with it
    g = ground_briefing(raw)
    assert len(g.key_points[0].evidence) == 1  # the relocated copy was a duplicate
    assert g.who == []
    assert g.provenance.grounding == grounding_counts(g)
    assert g.provenance.grounding.exact == len(g.spans()) == _per_span(g)["exact"]


def test_grounding_again_keeps_each_match():
    b = summarize(EXAMPLE, now=NOW)
    source = next(s for s in b.sources if s.quotes)
    quote = source.quotes[0]
    source.quotes[0] = quote.model_copy(update={  # a typo in the last word: found fuzzily
        "quote": quote.quote[:-4] + "xyzw", "start": 0, "end": 0, "match": None})
    once = ground_briefing(b)
    assert _per_span(once)["fuzzy"] == once.provenance.grounding.fuzzy == 1
    twice = ground_briefing(once)
    assert twice.spans() == once.spans()
    assert twice.provenance.grounding == once.provenance.grounding


def test_example_counts_equal_the_per_span_counts():
    b = summarize(EXAMPLE, now=NOW)
    per_span = _per_span(b)
    g = b.provenance.grounding
    assert None not in per_span and per_span["exact"] > 20
    assert (g.exact, g.fuzzy) == (per_span["exact"], per_span["fuzzy"])
    assert g.checked == g.exact + g.fuzzy + g.dropped
    assert grounding_counts(b) == g
