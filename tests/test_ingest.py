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
