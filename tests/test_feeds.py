import pytest

from briefing.errors import InputError
from briefing.ingest.feeds import parse_feed

LONG = " ".join(["word"] * 200)

RSS = f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>News</title>
<item><title>Short</title><link>https://example.org/a</link>
<pubDate>Tue, 10 Nov 2026 08:00:00 +0100</pubDate><description>Teaser only</description></item>
<item><title>Full</title><link>https://example.org/b</link>
<content:encoded><![CDATA[<p>{LONG}</p>]]></content:encoded></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>E1</title><link rel="alternate" href="https://example.org/e1"/>
<updated>2026-11-10T08:00:00Z</updated><summary>Sum</summary></entry>
</feed>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><item><title>&lol3;</title></item></channel></rss>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><item><title>&xxe;</title></item></channel></rss>"""


def test_rss_entries_dates_and_full_text():
    short, full = parse_feed(RSS)
    assert (short.title, short.link) == ("Short", "https://example.org/a")
    assert short.published == "2026-11-10T07:00:00+00:00"
    assert not short.has_full_text and full.has_full_text


def test_atom_entries():
    (entry,) = parse_feed(ATOM)
    assert entry.link == "https://example.org/e1" and entry.published == "2026-11-10T08:00:00Z"


@pytest.mark.parametrize("doc, message", [
    (BILLION_LAUGHS, "declares entities"),
    (EXTERNAL, "declares entities"),
    ("<html><body>not a feed</body></html>", "not an RSS or Atom feed"),
    ("<html><body><p>unclosed", "not an RSS or Atom feed"),
])
def test_hostile_or_wrong_feeds_are_refused(doc, message):
    with pytest.raises(InputError, match=message):
        parse_feed(doc, "f.xml")


def test_a_feed_carrying_plain_text_is_read_as_text(tmp_path):
    from briefing.ingest import iter_documents

    body = "The council met on Monday and voted to close the harbour bridge. " * 20
    feed = tmp_path / "plain.xml"
    feed.write_text('<rss version="2.0"><channel><item><title>Bridge shut</title>'
                    f"<link>https://example.org/b</link><description>{body}</description>"
                    "</item></channel></rss>", encoding="utf-8")
    [doc] = list(iter_documents([], feeds=(str(feed),)))
    assert not doc.is_html and doc.content.startswith("The council met")
