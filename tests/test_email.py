"""Email output: the .eml structure, the email HTML's safety rules, size guard, CLI routes."""

from __future__ import annotations

import email
import json
import re
from email import policy
from html.parser import HTMLParser

import pytest
from conftest import EXAMPLE, NOW
from typer.testing import CliRunner

from briefing.api import brief_article, load_article
from briefing.clean.article import clean_text
from briefing.cli import app
from briefing.daily.build import build_daily
from briefing.errors import UsageError
from briefing.render import Footnotes, render_briefing, render_daily, render_template
from briefing.render import email as mail
from briefing.resources import templates_dir
from briefing.schema import Briefing, DailyBrief

runner = CliRunner()
ALLOWED_TAGS = {"html", "head", "meta", "title", "body", "div", "span", "table", "tbody", "tr",
                "td", "h1", "h2", "p", "ul", "li", "strong", "em", "br", "a"}


@pytest.fixture(scope="module")
def example() -> Briefing:
    return brief_article(load_article(EXAMPLE), now=NOW)


class Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def assert_email_safe(html: str) -> None:
    """The rules every email HTML must keep, whatever the article says."""
    assert not re.search(r"<\s*(style|link|script|img|iframe|object|form)\b", html, re.I)
    for tag, attrs in tags(html):
        assert tag in ALLOWED_TAGS, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "src" not in attrs and "background" not in attrs  # no remote images
        if tag == "a":
            assert re.match(r"(https?|mailto):", attrs["href"] or ""), attrs
    assert len(html.encode("utf-8")) < 100_000


def parse(eml: str) -> email.message.EmailMessage:
    msg = email.message_from_string(eml, policy=policy.default)
    assert isinstance(msg, email.message.EmailMessage)
    return msg


def test_eml_is_multipart_alternative_text_first(example):
    env = mail.make_envelope("Desk <desk@example.org>", ["a@example.org", "b@example.org"])
    eml = render_briefing(example, "email", envelope=env)
    msg = parse(eml)
    assert msg.get_content_type() == "multipart/alternative"
    plain, html = msg.get_payload()
    assert (plain.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
    assert plain.get_content_charset() == html.get_content_charset() == "utf-8"
    assert msg["From"] == "Desk <desk@example.org>"
    assert msg["To"] == "a@example.org, b@example.org"
    assert example.headline in " ".join(str(msg["Subject"]).split())
    assert msg["Date"].datetime.isoformat() == example.provenance.created_at
    assert re.fullmatch(r"<[0-9a-f]{32}\.briefing@example\.org>", msg["Message-ID"])
    # The text part comes from the data (its own template), and parses back to the same text.
    expected = render_template("email.txt.j2", {"b": example, "fn": Footnotes()})
    assert plain.get_content() == expected
    assert example.summary.split()[0] in expected and "BOTTOM LINE" in expected
    assert html.get_content() == render_briefing(example, "email-html")
    assert render_briefing(example, "email", envelope=env) == eml  # deterministic


def test_email_html_is_inline_styled_table_layout(example):
    html = render_briefing(example, "email-html")
    assert_email_safe(html)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en"' in html
    assert '<meta name="color-scheme" content="light dark">' in html
    assert '<meta name="supported-color-schemes" content="light dark">' in html
    assert 'max-width:600px' in html and 'width="600"' in html  # Outlook's ghost table
    assert 'role="presentation"' in html
    assert re.search(r'<div class="preheader" style="display:none;[^"]*">[^<]{20,}</div>', html)
    assert "<h1" in html and "<h2" in html
    assert "font-family:-apple-system" in html  # system fonts, inlined on cells
    assert all(a.get("style") for t, a in tags(html) if t in ("td", "h1", "h2", "p", "li"))


def test_fragment_is_embeddable(example):
    frag = render_briefing(example, "email-fragment")
    assert_email_safe(frag)
    assert not re.search(r"<(html|head|body|meta|title)\b|<!DOCTYPE", frag, re.I)
    assert frag.startswith("<table") and 'style="' in frag
    assert example.headline in frag


def test_xss_article_stays_inert(xss_article):
    briefing = brief_article(xss_article, now=NOW, force=True)
    briefing.article.url = "javascript:alert(4)"
    for fmt in ("email-html", "email-fragment"):
        out = render_briefing(briefing, fmt)
        assert_email_safe(out)
        assert "&lt;script&gt;" in out or "&lt;img" in out
        assert "javascript:" not in re.sub(r"&[a-z]+;", "", " ".join(
            v or "" for _, a in tags(out) for v in a.values()))
    msg = parse(render_briefing(briefing, "email", envelope=mail.make_envelope(None, ["a@x.org"])))
    text = msg.get_body(("plain",)).get_content()
    assert "alert" in text  # text/plain shows the words as words, nothing to escape


def test_our_css_only_never_a_template_stylesheet(tmp_path, example):
    """A user template's <style> and <link> are dropped, never applied nor loaded."""
    secret = tmp_path / "secret.css"
    secret.write_text("h1{color:#abcdef}", encoding="utf-8")
    shipped = templates_dir() / "email.html.j2"
    text = shipped.read_text(encoding="utf-8").replace(
        "</head>", f'<link rel="stylesheet" href="{secret.as_uri()}">'
        '<link rel="stylesheet" href="https://example.org/x.css">'
        "<style>h1{color:#123456}</style></head>")
    (tmp_path / "email.html.j2").write_text(text, encoding="utf-8")
    html = render_briefing(example, "email-html", tmp_path)
    assert "#abcdef" not in html and "#123456" not in html
    assert "<style" not in html and "<link" not in html


def test_envelope_from_flags_env_and_refusals():
    env = {"BRIEFING_EMAIL_FROM": "Desk <desk@example.org>",
           "BRIEFING_EMAIL_TO": "a@example.org, B <b@example.org>"}
    assert mail.make_envelope(None, None, env) == mail.Envelope(
        "Desk <desk@example.org>", ("a@example.org", "B <b@example.org>"))
    assert mail.make_envelope("me@example.org", ["c@example.org"], env).to == ("c@example.org",)
    assert mail.make_envelope().to == () and "@" in mail.make_envelope().sender
    for bad in ("not-an-address", "a@example.org\nBcc: victim@example.org", "a b@x"):
        with pytest.raises(UsageError):
            mail.make_envelope(None, [bad])


def test_long_headline_becomes_one_folded_subject(example):
    long = example.model_copy(update={"headline": "Fire\r\nBcc: x@example.org " + "word " * 60})
    msg = parse(render_briefing(long, "email"))
    assert msg["Bcc"] is None
    subject = str(msg["Subject"])
    assert "\n" not in subject and len(subject) <= 150


def test_briefing_shortens_itself_rather_than_be_clipped(monkeypatch, example):
    full = render_briefing(example, "email-html")
    monkeypatch.setattr(mail, "MAX_HTML_BYTES", len(full.encode()) - 500)
    short = render_briefing(example, "email-html")
    assert len(short.encode()) <= mail.MAX_HTML_BYTES
    assert "To fit in an email" in short and "To fit in an email" not in full


# --- Daily briefs -----------------------------------------------------------------------

CITIES = ["Lisbon", "Nairobi", "Oslo", "Lima", "Hanoi", "Dakar", "Quito", "Tallinn", "Osaka",
          "Perth", "Accra", "Bogota", "Krakow", "Porto", "Cusco", "Seville", "Bergen", "Durban",
          "Tunis", "Leipzig", "Lyon", "Turin", "Malmo", "Ghent", "Cork", "Graz", "Brno", "Split",
          "Riga", "Vilnius"]
EVENTS = ["bridge collapse", "factory fire", "train derailment", "flood", "landslide",
          "chemical leak", "stadium crush", "ferry accident", "power outage", "building collapse"]
NAMES = ["Anna Moreau", "Boris Okafor", "Carla Lindqvist", "David Quispe", "Elena Nguyen",
         "Farid Diallo", "Greta Andrade", "Hugo Tamm", "Irene Sato", "Jonas Hughes",
         "Karin Mensah", "Luis Rojas", "Maria Nowak", "Nils Silva", "Olga Mamani",
         "Pavel Ortega", "Rosa Berg", "Sven Zulu", "Tomas Haddad", "Ursula Krause",
         "Viktor Petit", "Wanda Rossi", "Xavier Holm", "Yara Peeters", "Zoran Walsh",
         "Alma Gruber", "Bruno Novak", "Celia Horvat", "Dario Ozols", "Edith Kazlauskas"]
OPENERS = ["A {ev} in {city} on Monday left {n} people injured, officials said.",
           "At least {n} people were hurt when a {ev} struck {city} early on Monday.",
           "Officials in {city} said {n} people needed hospital treatment after Monday's {ev}."]
MIDDLES = ["Emergency crews from across the region worked through the night.",
           "Ambulances queued outside the main hospital until dawn.",
           "Volunteers handed out blankets and water near the cordon.",
           "Rescue teams used thermal cameras to search the debris.",
           "Firefighters from three neighbouring towns were called in.",
           "The army sent engineers to secure the area.",
           "Trains and buses were suspended for most of the afternoon.",
           "A temporary shelter opened in a sports hall nearby."]
QUOTES = ['"We are doing everything we can for the families," said {who}, head of the {city} '
          "emergency service.",
          '"This is a terrible day for {city}," {who}, the mayor, told reporters.',
          "{who}, a spokesperson for the regional government, said the response had been "
          '"fast and professional".']
CLOSERS = ["The cause is under investigation, according to police.",
           "An inquiry is expected next week, the council said.",
           "Local businesses reportedly lost power for several hours.",
           "Schools in the district will stay closed on Tuesday.",
           "Insurers have begun assessing the damage, a trade body said."]
PUBLISHERS = ["Daily Ledger", "Morning Post", "City Wire"]


def generated_article(k: int, j: int):
    """Story ``k`` as told by publisher ``j``: distinct enough not to fold as wire copy."""
    f = {"city": CITIES[k], "ev": EVENTS[k % len(EVENTS)], "who": NAMES[k],
         "n": 10 + k + (j if k % 4 == 0 else 0)}  # every fourth story has a conflict
    parts = [OPENERS[j], MIDDLES[(k + j) % 8], MIDDLES[(k + 3 * j + 1) % 8],
             QUOTES[(k + j) % 3], CLOSERS[(k + j) % 5], CLOSERS[(k + 2 * j + 2) % 5],
             "Residents of {city} described scenes of confusion as roads around the site "
             "were closed."]
    text = "{city} {ev}: {n} injured\n\n".format(**f) + " ".join(p.format(**f) for p in parts)
    article = clean_text(text + "\n", url=f"https://news{j}.example.org/{CITIES[k].lower()}",
                         published="2026-11-23")
    return article.model_copy(update={"publisher": PUBLISHERS[j]})


@pytest.fixture(scope="module")
def daily30() -> DailyBrief:
    """A daily brief of 30 stories, 3 independent articles each, from the extractive engine."""
    briefings, ids = [], []
    for k in range(30):
        for j in range(3):
            briefings.append(brief_article(generated_article(k, j), now=NOW))
            ids.append(f"s{k:02d}-{j}")
    return build_daily(briefings, ids, date="2026-11-24", now=NOW)


def test_daily_of_30_stories_fits_under_100_kb_in_full(daily30):
    assert len(daily30.stories) == 30
    html = render_daily(daily30, "email-html")
    assert_email_safe(html)
    assert len(html.encode()) < 100_000
    assert "To fit in an email" not in html  # nothing needed shortening
    assert all(s.title in html for s in daily30.stories)
    msg = parse(render_daily(daily30, "email", envelope=mail.make_envelope(None, ["a@x.org"])))
    text = msg.get_body(("plain",)).get_content()
    assert all(s.title in text for s in daily30.stories)
    assert msg.get_body(("html",)).get_content() == html


def test_daily_past_the_limit_drops_lower_ranked_details_with_a_note(monkeypatch, daily30):
    full = render_daily(daily30, "email-html")
    monkeypatch.setattr(mail, "MAX_HTML_BYTES", len(full.encode()) // 2)
    short = render_daily(daily30, "email-html")
    assert len(short.encode()) <= mail.MAX_HTML_BYTES
    assert "To fit in an email, stories" in short and "shown without details" in short
    assert all(s.title in short for s in daily30.stories)  # titles kept, details dropped
    top, last = daily30.stories[0], daily30.stories[-1]
    assert top.summary in short and last.summary not in short
    monkeypatch.setattr(mail, "MAX_HTML_BYTES", 8_000)
    tiny = render_daily(daily30, "email-html")
    assert len(tiny.encode()) <= 8_000 and "lower-ranked stories are left out" in tiny


def test_giveme5w1h_daily_fits(shared):
    """60 real articles (long source lists per story) from the shared benchmark data."""
    briefings, ids = [], []
    for path in sorted((shared / "data" / "giveme5w1h").glob("*.json"))[:60]:
        d = json.loads(path.read_text(encoding="utf-8"))
        article = clean_text(d["text"], title=d["title"], url=d["url"],
                             published=(d.get("date_publish") or "")[:10] or None)
        briefings.append(brief_article(article, now=NOW, force=True))
        ids.append(path.stem[:12])
    daily = build_daily(briefings, ids, date="2026-11-24", now=NOW)
    html = render_daily(daily, "email-html")
    assert_email_safe(html)
    assert len(html.encode()) < 100_000


# --- The command line -------------------------------------------------------------------

def test_cli_summarize_daily_and_batch_write_eml(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_EMAIL_FROM", "Desk <desk@example.org>")
    out = tmp_path / "brief.eml"
    result = runner.invoke(app, ["summarize", str(EXAMPLE), "--format", "email", "--to",
                                 "a@example.org", "-o", str(out)])
    assert result.exit_code == 0, result.output
    msg = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert msg["To"] == "a@example.org" and msg["From"] == "Desk <desk@example.org>"

    result = runner.invoke(app, ["summarize", str(EXAMPLE), "-f", "email-fragment"])
    assert result.exit_code == 0 and result.stdout.startswith("<table")

    saved = tmp_path / "b.json"
    runner.invoke(app, ["summarize", str(EXAMPLE), "-f", "json", "-o", str(saved)])
    daily = tmp_path / "daily.eml"
    result = runner.invoke(app, ["daily", str(saved), "-o", str(daily), "--to", "x@example.org"])
    assert result.exit_code == 0, result.output
    assert parse(daily.read_text(encoding="utf-8"))["Subject"].startswith("Daily brief")

    result = runner.invoke(app, ["batch", str(EXAMPLE), "-o", str(tmp_path / "run"), "-q",
                                 "--no-cache", "--daily", str(tmp_path / "run.eml"),
                                 "--to", "y@example.org"])
    assert result.exit_code == 0, result.output
    assert parse((tmp_path / "run.eml").read_text(encoding="utf-8"))["To"] == "y@example.org"

    result = runner.invoke(app, ["batch", str(EXAMPLE), "-o", str(tmp_path / "r2"),
                                 "--format", "email"])
    assert result.exit_code == 2 and "--daily FILE.eml" in result.stderr
    result = runner.invoke(app, ["summarize", str(EXAMPLE), "-f", "email", "--to", "nope"])
    assert result.exit_code == 2 and "not an email address" in result.stderr
