from html.parser import HTMLParser

import pytest
from conftest import NOW, story

from briefing.api import brief_article
from briefing.errors import RenderError, UsageError
from briefing.render import md_escape, render_briefing, safe_url

EVENT_ATTRS = ("onerror", "onload", "onclick", "onmouseover")


class MarkupAudit(HTMLParser):
    """Collects every tag and attribute the browser would see."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


def audit(html: str) -> MarkupAudit:
    parser = MarkupAudit()
    parser.feed(html)
    return parser


def test_html_of_hostile_article_is_inert(fake_engine, xss_article):
    b = brief_article(xss_article, model="fake", now=NOW, force=True)
    html = render_briefing(b, "html")
    seen = audit(html)
    assert "script" not in seen.tags and "img" not in seen.tags and "iframe" not in seen.tags
    assert not [a for a, _ in seen.attrs if a.lower().startswith("on")]
    assert not [v for _, v in seen.attrs if v and v.strip().lower().startswith("javascript:")]
    assert "&lt;script&gt;" in html  # the text is still shown, as text


def test_markdown_escapes_markup(fake_engine, xss_article):
    b = brief_article(xss_article, model="fake", now=NOW, force=True)
    md = render_briefing(b, "md")
    from markdown_it import MarkdownIt

    # Render as a permissive viewer would (raw HTML allowed) and audit what it produces.
    html = MarkdownIt("commonmark", {"html": True}).render(md)
    seen = audit(html)
    assert not {"script", "img", "iframe", "svg"} & set(seen.tags)
    assert not [v for _, v in seen.attrs if v and "javascript:" in v.lower()]
    assert "alert(1)" in html  # shown as text


def test_markdown_has_footnoted_quotes_and_prominent_confidence(fake_engine):
    from briefing.clean.article import clean_text

    article = clean_text(story('Ann Lee said "we are ready" in Paris on Monday.'))
    md = render_briefing(brief_article(article, model="fake", now=NOW), "md")
    lines = md.splitlines()
    assert lines[0].startswith("# ")
    assert any("Confidence: MODERATE" in line for line in lines[:4])
    assert "[^1]" in md and "\n[^1]: “" in md


def test_html_shows_expandable_quotes(fake_engine):
    from briefing.clean.article import clean_text

    article = clean_text('Ann Lee said "we are ready" in Paris on Monday.')
    html = render_briefing(brief_article(article, model="fake", now=NOW, force=True), "html")
    assert "<details" in html and "<blockquote>" in html
    assert "<script" not in html and "http" not in html.split("<body>")[1].split("<footer>")[0]


def test_json_round_trips(fake_engine):
    from briefing.clean.article import clean_text
    from briefing.schema import Briefing

    b = brief_article(clean_text("Ann Lee spoke in Paris."), model="fake", now=NOW, force=True)
    again = Briefing.model_validate_json(render_briefing(b, "json"))
    assert again == b


def test_rendering_is_deterministic(fake_engine):
    from briefing.clean.article import clean_text

    b = brief_article(clean_text("Ann Lee spoke in Paris."), model="fake", now=NOW, force=True)
    for fmt in ("md", "html", "json"):
        assert render_briefing(b, fmt) == render_briefing(b, fmt)


def test_user_templates_override_by_name(tmp_path, fake_engine):
    from briefing.clean.article import clean_text

    (tmp_path / "briefing.md.j2").write_text("CUSTOM {{ b.headline|md }}\n")
    b = brief_article(clean_text("Ann Lee spoke in Paris."), model="fake", now=NOW, force=True)
    assert render_briefing(b, "md", tmp_path) == "CUSTOM Ann Lee spoke in Paris.\n"
    assert render_briefing(b, "html", tmp_path).startswith("<!DOCTYPE html>")


def test_user_html_template_is_autoescaped(tmp_path, fake_engine, xss_article):
    (tmp_path / "briefing.html.j2").write_text("<p>{{ b.headline }}</p>")
    b = brief_article(xss_article, model="fake", now=NOW, force=True)
    assert "<script>" not in render_briefing(b, "html", tmp_path)


def test_broken_template_and_unknown_format_are_clear_errors(tmp_path, fake_engine):
    from briefing.clean.article import clean_text

    (tmp_path / "briefing.md.j2").write_text("{{ b.no_such_field }}")
    b = brief_article(clean_text("Ann Lee spoke in Paris."), model="fake", now=NOW, force=True)
    with pytest.raises(RenderError, match=r"briefing\.md\.j2"):
        render_briefing(b, "md", tmp_path)
    with pytest.raises(UsageError, match="known: md, html, json"):
        render_briefing(b, "pdf")


def test_helpers():
    assert md_escape("a <b> *c* [d](e)") == r"a \<b\> \*c\* \[d\](e)"
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url('https://x.org/"onmouseover=') is None
    assert safe_url(None) is None


APPROX = "approximate match"
LEGEND = "Quotes marked “approximate match” were not word for word in the article"


def _with_fuzzy_quotes(engine):
    """A grounded briefing with one exact and one fuzzy source quote, and fuzzy key-point
    evidence."""
    from briefing.clean.article import clean_text
    from briefing.ground import ground_briefing
    from briefing.schema import Span

    article = clean_text(story('Ann Lee said "we are <b>ready</b> to act" in Paris on Monday.'))
    raw = engine.extract(article, now=NOW)
    raw.key_points[0].evidence = [Span(quote="The council met for three hour and heard from "
                                             "residents", start=0, end=0)]
    raw.sources[0].quotes = [raw.sources[0].quotes[0],
                             Span(quote="while others said the city had already waited to long",
                                  start=0, end=0)]
    b = ground_briefing(raw)
    exact, fuzzy = b.sources[0].quotes
    assert (exact.match, fuzzy.match, b.key_points[0].evidence[0].match) == (
        "exact", "fuzzy", "fuzzy")
    return b


def test_markdown_marks_fuzzy_quotes_once_with_a_legend(fake_engine):
    b = _with_fuzzy_quotes(fake_engine)
    md = render_briefing(b, "md")
    lines = md.splitlines()
    source_quotes = [line for line in lines if line.startswith("  - “")]
    assert len(source_quotes) == 2
    assert not source_quotes[0].endswith("*(approximate match)*")  # the exact one
    assert source_quotes[1].endswith("” *(approximate match)*")
    footnote = next(line for line in lines if line.startswith("[^1]: “The council met"))
    assert footnote.endswith(", approximate match).")
    assert md.count(LEGEND) == 1
    assert md.count(APPROX) == 3  # the fuzzy quote, its footnote, the legend


def test_html_marks_fuzzy_quotes_and_keeps_escaping(fake_engine):
    b = _with_fuzzy_quotes(fake_engine)
    html = render_briefing(b, "html")
    assert html.count('<span class="approx">(approximate match)</span>') == 2
    assert html.count(LEGEND) == 1
    assert "&lt;b&gt;ready&lt;/b&gt;" in html and "<b>" not in html  # quotes stay text
    assert "<b>" not in render_briefing(b, "email-html")


def test_email_marks_fuzzy_quotes(fake_engine):
    from briefing.render.toolkit import Footnotes, render_template

    b = _with_fuzzy_quotes(fake_engine)
    html = render_briefing(b, "email-html")
    assert html.count("(approximate match)</span>") == 2  # key point evidence, fuzzy quote
    assert LEGEND in html
    text = render_template("email.txt.j2", {"b": b, "fn": Footnotes()})
    fuzzy = b.sources[0].quotes[1].quote
    assert f"“{fuzzy}” (approximate match)" in " ".join(text.split())
    assert "approximate match)" in text.split("QUOTES FROM THE ARTICLE")[1]
    assert LEGEND in " ".join(text.split())


def test_no_mark_or_legend_when_every_quote_is_exact(fake_engine):
    from briefing.clean.article import clean_text
    from briefing.render.toolkit import Footnotes, render_template

    article = clean_text(story('Ann Lee said "we are ready" in Paris on Monday.'))
    b = brief_article(article, model="fake", now=NOW)
    assert {span.match for span in b.spans()} == {"exact"}
    outputs = [render_briefing(b, fmt) for fmt in ("md", "html", "email-html")]
    outputs.append(render_template("email.txt.j2", {"b": b, "fn": Footnotes()}))
    for out in outputs:
        assert "(approximate match)" not in out and "Quotes marked" not in out
