import codecs

import pytest

from briefing.errors import InputError
from briefing.ingest.inputs import decode, read_input


def test_reads_utf8_text_and_sniffs_html(tmp_path):
    (tmp_path / "a.txt").write_text("Héllo “world”", encoding="utf-8")
    doc = read_input(str(tmp_path / "a.txt"))
    assert doc.content == "Héllo “world”" and not doc.is_html
    (tmp_path / "page").write_text("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert read_input(str(tmp_path / "page")).is_html
    (tmp_path / "b.htm").write_text("plain words")
    assert read_input(str(tmp_path / "b.htm")).is_html  # the suffix decides


@pytest.mark.parametrize("data, expected", [
    (codecs.BOM_UTF8 + "Zoë".encode(), "Zoë"),
    (codecs.BOM_UTF16_LE + "Zoë".encode("utf-16-le"), "Zoë"),
    (codecs.BOM_UTF16_BE + "Zoë".encode("utf-16-be"), "Zoë"),
])
def test_boms(data, expected):
    assert decode(data, "x") == expected


def test_legacy_encoding_is_detected_not_mojibake():
    text = "The café’s “special” offer was discussed at length by the owners. " * 3
    assert decode(text.encode("cp1252"), "x") == text


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n" + bytes(50), "PNG image"),
    (b"%PDF-1.7\n" + bytes(50), "PDF document"),
    (b"PK\x03\x04" + bytes(50), "ZIP archive"),
    (b"text\x00with nul", "NUL bytes"),
])
def test_binary_is_refused(tmp_path, data, message):
    (tmp_path / "x.txt").write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_input(str(tmp_path / "x.txt"))


def test_undecodable_bytes_are_refused(tmp_path):
    (tmp_path / "x.txt").write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(InputError, match=r"x\.txt"):
        read_input(str(tmp_path / "x.txt"))


@pytest.mark.parametrize("content", [b"", b"   \n\t  \n"])
def test_empty_inputs(tmp_path, content):
    (tmp_path / "e.txt").write_bytes(content)
    with pytest.raises(InputError, match="empty"):
        read_input(str(tmp_path / "e.txt"))


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_input(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="directory"):
        read_input(str(tmp_path))


def test_jsonl_lines_become_documents_and_bad_lines_failures(tmp_path):
    from briefing.ingest.inputs import Failure, RawDocument, iter_documents

    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"text": "Ann Lee spoke.", "title": "T1", "id": "a-1"}\n'
        '{"html": "<p>Hi</p>", "published": "2026-11-01"}\n'
        "{broken\n"
        '{"title": "no body"}\n'
        "\n"
        '["not", "an", "object"]\n'
        '{"url": "https://example.org/x"}\n')
    docs = list(iter_documents([str(path)]))
    assert isinstance(docs[0], RawDocument) and docs[0].meta == {"title": "T1"}
    assert docs[0].stem == "a-1"
    assert docs[1].is_html and docs[1].meta == {"published": "2026-11-01"}
    assert [type(d) for d in docs[2:]] == [Failure] * 4
    assert "not valid JSON" in str(docs[2].error)
    assert "needs a" in str(docs[3].error)
    assert "fetching is off" in str(docs[5].error)


def test_urls_are_fetched_through_the_fetcher(site):
    from briefing.ingest.fetch import Fetcher, FetchLimits
    from briefing.ingest.inputs import RawDocument, iter_documents

    (site / "a.html").write_text("<html><body><p>Text</p></body></html>")
    with Fetcher(FetchLimits(allow_private=True)) as fetcher:
        (doc,) = iter_documents([site.url + "/a.html"], fetcher=fetcher)
    assert isinstance(doc, RawDocument) and doc.is_html
    assert doc.meta["url"].endswith("/a.html") and doc.stem == "127.0.0.1-a.html"


# --- malformed URLs: one FetchError naming the URL, before any connection --------------------

@pytest.mark.parametrize("url, needle", [
    ("http://010.8.8.8/story", "reads as 10.8.8.8, not a public address"),
    ("http://01.02.03.04/", "invalid IPv4 address '01.02.03.04'"),
    ("http://999.1.1.1/", "invalid IPv4 address '999.1.1.1'"),
    ("http://256.1.1.1/", "invalid IPv4 address"),
    ("http://[::1", "not a valid URL"),
    ("http://[::1/x", "not a valid URL"),
    ("http://a b/", "invalid host name 'a b'"),
    ("http://%zz/", "invalid host name"),
    ("http://example..com/", "invalid host name"),
    ("http:///story", "has no host"),
    ("http://:80/", "has no host"),
    ("http://example.com:99999/", "not a valid URL"),
    ("http://example.com:x/", "not a valid URL"),
    ("http://a.com\x00/", "invalid host name"),
])
def test_malformed_urls_are_refused_before_any_lookup(url, needle, monkeypatch):
    import socket

    from briefing.errors import FetchError
    from briefing.ingest.fetch import check_url

    def no_dns(*args: object, **kwargs: object) -> None:
        raise AssertionError("looked up")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(FetchError, match="refused") as info:
        check_url(url)
    assert needle in str(info.value) and repr(url) in str(info.value)


def test_canonical_and_legacy_spellings_still_resolve_and_are_checked():
    from briefing.errors import FetchError
    from briefing.ingest.fetch import check_url

    check_url("http://93.184.216.34/")
    for url in ("http://0177.0.0.1/", "http://127.1/", "http://2130706433/"):
        with pytest.raises(FetchError, match="not a public address"):
            check_url(url)


def test_a_malformed_url_is_a_failure_and_the_next_input_goes_on(tmp_path):
    from briefing.ingest.fetch import Fetcher
    from briefing.ingest.inputs import Failure, RawDocument, iter_documents

    (tmp_path / "a.txt").write_text("Ann Lee spoke on Monday.")
    with Fetcher() as fetcher:
        docs = list(iter_documents(["http://010.8.8.8/story", "http://[::1",
                                    str(tmp_path / "a.txt")], fetcher=fetcher))
    assert [type(d) for d in docs] == [Failure, Failure, RawDocument]
    assert docs[0].name == "http://010.8.8.8/story" and docs[1].stem


# --- special files: refused before they are opened ------------------------------------------

def test_a_fifo_is_refused_without_blocking(tmp_path):
    import os

    from briefing.ingest.inputs import is_feed_file, is_multi_input

    fifo = tmp_path / "pipe.xml"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match=r"pipe\.xml: is a named pipe \(FIFO\)"):
        read_input(str(fifo))
    assert not is_feed_file(str(fifo)) and not is_multi_input(str(fifo))
    with pytest.raises(InputError, match="is a character device"):
        read_input("/dev/null")


def test_is_multi_input(tmp_path):
    from briefing.ingest.inputs import is_multi_input

    (tmp_path / "a.txt").write_text("Ann Lee spoke.")
    (tmp_path / "feed.txt").write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>')
    (tmp_path / "atom").write_text('\ufeff<feed xmlns="http://www.w3.org/2005/Atom"/>')
    (tmp_path / "x.rss").write_text("")
    assert is_multi_input("data.jsonl") and is_multi_input(str(tmp_path))
    assert is_multi_input(str(tmp_path / "feed.txt")) and is_multi_input(str(tmp_path / "atom"))
    assert is_multi_input(str(tmp_path / "x.rss"))
    for single in ("-", "https://example.org/feed.xml", str(tmp_path / "a.txt"),
                   str(tmp_path / "missing.xml"), "http://[::1"):
        assert not is_multi_input(single), single


def test_a_feed_file_in_a_legacy_encoding_is_decoded_once(tmp_path):
    from briefing.ingest.inputs import RawDocument, iter_documents

    body = "<p>" + "Les élèves ont été déplacés à la bibliothèque. " * 20 + "</p>"
    feed = ('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><item>'
            f"<title>Café déplacé</title><description><![CDATA[{body}]]></description>"
            "</item></channel></rss>")
    (tmp_path / "f.rss").write_bytes(feed.encode("latin-1"))
    (doc,) = iter_documents([str(tmp_path / "f.rss")])
    assert isinstance(doc, RawDocument)
    assert doc.meta["title"] == "Café déplacé" and "Les élèves" in doc.content


# --- published: only a date is taken as one ---------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2024-03-05", "2024-03-05"),
    ("2024-03-05T10:00:00Z", "2024-03-05T10:00:00Z"),
    ("20240305", "2024-03-05"),
    ("Tue, 05 Mar 2024 10:00:00 +0000", "2024-03-05T10:00:00+00:00"),
    ("05 Mar 2024 11:00 +0100", "2024-03-05T10:00:00+00:00"),
    ("5 March 2024", "2024-03-05"),
    ("March 5, 2024 10:30", "2024-03-05T10:30:00"),
    ("13/04/2024", "2024-04-13"),
    ("2024/03/04", "2024-03-04"),
    ("issue 7", None), ("None", None), ("", None), ("yesterday-ish", None), ("2024", None),
    ("March 2024", None), ("Tuesday", None), ("03/04/2024", None), ("1 2 2024", None),
    ("7 8 9", None), ("2024-02-30", None), ("1710000000", None), ("12", None),
])
def test_published_date(value, expected):
    from briefing.ingest.inputs import published_date

    assert published_date(value) == expected


def test_jsonl_published_junk_is_dropped_with_a_note(tmp_path):
    from briefing.ingest.inputs import iter_documents

    path = tmp_path / "p.jsonl"
    lines = ['{"text": "x", "published": "issue 7"}', '{"text": "x", "published": 7}',
             '{"text": "x", "published": true}', '{"text": "x", "published": "5 March 2024"}',
             '{"text": "x", "published": null}']
    path.write_text("\n".join(lines) + "\n")
    metas = [d.meta for d in iter_documents([str(path)])]
    assert metas == [{"notes": "published 'issue 7' is not a date; left out"},
                     {"notes": "published '7' is not a date; left out"},
                     {"notes": "published 'true' is not a date; left out"},
                     {"published": "2024-03-05"}, {}]
