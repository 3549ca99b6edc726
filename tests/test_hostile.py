"""The hostile-input corpus: every bad input ends in one clear error or a safe, grounded briefing.

Small cases are files in ``tests/hostile/corpus/``; large ones are written into ``tmp_path`` by
``tests/hostile/generate.py``. Each case runs through the CLI as a user would run it: the exit
code, one ``briefing: error:`` line and no traceback, or a briefing whose every span is verbatim
and whose HTML (browser, Markdown viewer, email) carries no executable markup. Unit-level checks
of the same defences live in test_fetch, test_feeds, test_ingest, test_clean and test_render.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import NOW, FakeEngine, assert_verbatim
from hostile import generate
from hostile.markup import MarkupAudit, all_html, assert_inert
from typer.testing import CliRunner

from briefing.api import summarize
from briefing.cli import app
from briefing.ingest.inputs import Failure, RawDocument, iter_documents, read_input
from briefing.schema import Briefing

CORPUS = Path(__file__).parent / "hostile" / "corpus"
CANARY = "CANARY-7f3a9c"
runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Any:
    return runner.invoke(app, list(args), env=env, input=input)


def one_error(result: Any, code: int, *needles: str) -> str:
    """The run failed with ``code`` and said why on one line, without a traceback."""
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith("briefing: error:"), lines[0]
    assert "Traceback" not in result.output and "internal error" not in lines[0]
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def briefed(result: Any) -> Briefing:
    """The run succeeded; its JSON is a briefing whose spans are verbatim."""
    assert result.exit_code == 0, result.output
    b = Briefing.model_validate_json(result.stdout)
    assert_verbatim(b)
    return b


# --- encodings and binary files ----------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("utf8-bom.txt", "SPRINGFIELD — The city council"),
    ("utf16le-bom.txt", "Les élèves de l'école voisine ont été déplacés à la bibliothèque"),
    ("utf16be-bom.txt", "Les élèves de l'école voisine ont été déplacés à la bibliothèque"),
    ("latin1.txt", "Les élèves de l'école voisine ont été déplacés à la bibliothèque"),
    ("cp1252-smart-quotes.txt", "“We will not rush a decision of this size,” said Ann Lee"),
    ("mixed-utf8-latin1.txt", "Les élèves de l'école voisine ont été déplacés à la bibliothèque"),
    ("invalid-bytes.txt", "SPRINGFIELD — The city council"),
    ("nul-byte.txt", "Engineers from the regional transport agency"),
    ("utf16le-nobom.txt", "Les élèves de l'école voisine ont été déplacés à la bibliothèque"),
    ("utf16be-nobom.txt", "Les élèves de l'école voisine ont été déplacés à la bibliothèque"),
    ("meta-windows-1252.html", "“We will not rush a decision of this size,” said Ann Lee"),
    ("http-equiv-latin1.html", "Les élèves de l'école voisine ont été déplacés à la bibliothèque"),
])
def test_encodings_decode_to_the_right_text(name, expected):
    b = briefed(run("summarize", str(CORPUS / name), "-f", "json"))
    assert expected in b.article.text
    assert "\ufeff" not in b.article.text and "\x00" not in b.article.text
    assert b.headline and b.key_points


LATIN1_TEXT = (CORPUS / "latin1.txt").read_bytes().decode("latin-1")


@pytest.mark.parametrize("name", ["utf16le-nobom.txt", "utf16be-nobom.txt"])
def test_utf16_without_a_bom_is_read_as_utf16(name):
    raw = (CORPUS / name).read_bytes()
    assert not raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    doc = read_input(str(CORPUS / name))
    assert doc.content == LATIN1_TEXT and not doc.is_html


@pytest.mark.parametrize("name, declared, expected", [
    ("meta-gb2312.html", b'<meta charset="gb2312">',
     "市长李安娜说：“我们不会仓促作出这样规模的决定"),
    ("meta-windows-1252.html", b'<meta charset="windows-1252">',
     "SPRINGFIELD – The city council of Springfield delayed its vote"),
    ("http-equiv-latin1.html", b'content="text/html; charset=iso-8859-1"',
     "ZÜRICH - Le conseil municipal a reporté lundi son vote sur la réparation"),
])
def test_a_page_is_decoded_by_the_charset_it_declares(name, declared, expected):
    raw = (CORPUS / name).read_bytes()
    assert declared in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc = read_input(str(CORPUS / name))
    assert doc.is_html and expected in doc.content
    result = run("clean", str(CORPUS / name), "-f", "json")
    assert result.exit_code == 0, result.output
    article = json.loads(result.stdout)
    assert expected in article["text"] and "\ufffd" not in article["text"]


def test_windows_1252_page_keeps_its_euro_sign_and_quotes():
    b = briefed(run("summarize", str(CORPUS / "meta-windows-1252.html"), "-f", "json"))
    assert "€12 million" in b.article.text and "mayor’s office" in b.article.text


def test_shift_jis_decodes_and_its_words_are_counted_without_spaces():
    # Japanese has no spaces: words are counted per two characters, not per \w+ run.
    path = str(CORPUS / "shift-jis.txt")
    b = briefed(run("summarize", path, "-f", "json"))
    assert b.article.text.startswith("港の橋の修理をめぐる採決を延期")
    assert 80 <= b.article.word_count <= 140
    assert not any("quality gate" in r for r in b.uncertainty.reasons)


@pytest.mark.parametrize("name, needle", [
    ("png-renamed.txt", "this is a PNG image"),
    ("png-renamed.html", "this is a PNG image"),
    ("pdf-renamed.html", "this is a PDF document"),
    ("zip-renamed.txt", "this is a ZIP archive"),
    ("empty.txt", "empty input"),
    ("whitespace-only.txt", "empty input (only whitespace)"),
])
def test_binary_and_empty_files_are_one_clear_error(name, needle):
    one_error(run("summarize", str(CORPUS / name)), 1, name, needle)


# --- size ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def large(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("large")
    return {p.name: p for p in generate.write_all(folder)}


def test_50mb_file_is_refused_by_its_size_without_being_read(large, monkeypatch):
    path = large["huge-50mb.txt"]
    opened: list[Path] = []
    original = Path.open

    def spy(self: Path, *args: Any, **kwargs: Any) -> Any:
        opened.append(self)
        return original(self, *args, **kwargs)

    def os_spy(file: Any, *args: Any, **kwargs: Any) -> int:
        opened.append(Path(file))
        return original_os_open(file, *args, **kwargs)

    original_os_open = os.open
    monkeypatch.setattr(Path, "open", spy)
    monkeypatch.setattr(os, "open", os_spy)
    start = time.monotonic()
    one_error(run("summarize", str(path)), 1, "larger than the 20 MB input limit",
              "--max-input-mb")
    assert time.monotonic() - start < 1.0
    assert path not in opened


def test_input_limit_can_be_raised_and_lowered(tmp_path):
    article = (CORPUS / "injection-baseline.html").read_text(encoding="utf-8")
    padding = "<script>" + "var x = 1;\n" * 150_000 + "</script>"  # about 1.6 MB, never text
    page = tmp_path / "padded.html"
    page.write_text(article.replace("</head>", padding + "</head>"), encoding="utf-8")
    briefed(run("summarize", str(page), "-f", "json"))
    one_error(run("summarize", str(page), "--max-input-mb", "1"), 1, "1 MB input limit")
    one_error(run("summarize", str(page), env={"BRIEFING_MAX_INPUT_MB": "1.5"}), 1,
              "1.5 MB input limit")
    briefed(run("summarize", str(page), "-f", "json", "--max-input-mb", "2",
                env={"BRIEFING_MAX_INPUT_MB": "1"}))  # the option wins over the variable
    one_error(run("summarize", str(page), "--max-input-mb", "0"), 2, "must be positive")
    one_error(run("summarize", str(page), env={"BRIEFING_MAX_CHARS": "lots"}), 2,
              "BRIEFING_MAX_CHARS must be a number")


def test_stdin_is_capped_too():
    line = one_error(run("summarize", "-", "--max-input-mb", "0.01", input="word " * 5000), 1,
                     "<stdin>: larger than the 0.01 MB input limit")
    assert line.startswith("briefing: error: <stdin>: larger")


def test_one_10mb_line_is_refused_by_the_character_limit(large):
    start = time.monotonic()
    one_error(run("summarize", str(large["one-10mb-line.txt"])), 1,
              "10,485,760 characters", "100,000-character limit", "BRIEFING_MAX_CHARS")
    assert time.monotonic() - start < 15


def test_100k_nested_divs_are_refused_not_recursed(large):
    path = str(large["nested-100k-divs.html"])
    one_error(run("summarize", path), 1, "nests elements more than 200 deep")
    one_error(run("summarize", path, env={"BRIEFING_MAX_HTML_DEPTH": "2000"}), 1,
              "more than 2000 deep")
    one_error(run("summarize", path, env={"BRIEFING_MAX_HTML_DEPTH": "5000"}), 2,
              "at most 2000")


def test_html_depth_limit_can_be_raised_past_the_parsers_own(tmp_path):
    # libxml2 stops at 256 levels unless asked for more; a raised limit must still read it.
    path = generate.nested_divs(tmp_path / "deep.html", depth=300)
    one_error(run("summarize", str(path)), 1, "more than 200 deep")
    b = briefed(run("summarize", str(path), "-f", "json",
                    env={"BRIEFING_MAX_HTML_DEPTH": "400"}))
    assert b.article.text.startswith("The council of Springfield met on Monday")


def test_200kb_of_one_sentence_is_refused_then_briefed_when_allowed(large):
    path = str(large["repeated-200kb-sentence.html"])
    one_error(run("summarize", path), 1, "over the 100,000-character limit")
    start = time.monotonic()
    b = briefed(run("summarize", path, "-f", "json", env={"BRIEFING_MAX_CHARS": "300000"}))
    assert time.monotonic() - start < 10
    assert len(b.article.text) > 200_000 and len(b.key_points) <= 10
    for page in all_html(b).values():
        assert_inert(page)


def test_jsonl_with_a_5mb_line_keeps_the_other_lines(large, tmp_path):
    out = tmp_path / "out"
    result = run("summarize", str(large["long-5mb-line.jsonl"]), "--force", "-f", "json",
                 "-o", str(out))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["after.json", "before.json"]
    assert "long-5mb-line.jsonl:2: line longer than 5 MB" in result.stderr
    assert "Traceback" not in result.output


# --- special files and permissions -------------------------------------------------------

def _within(seconds: float, fn: Any) -> Any:
    """``fn()``, failing the test (instead of hanging it) if it takes longer than ``seconds``."""
    box: list[Any] = []
    thread = threading.Thread(target=lambda: box.append(fn()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert box, f"still running after {seconds} s: it blocked"
    return box[0]


def test_a_named_pipe_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    one_error(_within(10, lambda: run("summarize", str(fifo))), 1, str(fifo),
              "is a named pipe (FIFO), not a regular file")
    jsonl = tmp_path / "export.jsonl"
    os.mkfifo(jsonl)
    (failure,) = _within(10, lambda: list(iter_documents([str(jsonl)])))
    assert isinstance(failure, Failure) and "named pipe" in str(failure.error)


def test_devices_and_sockets_are_refused(tmp_path):
    one_error(run("summarize", "/dev/null"), 1, "/dev/null: is a character device")
    one_error(_within(10, lambda: run("summarize", "/dev/zero")), 1, "character device")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    path = tmp_path / "s.txt"
    try:
        sock.bind(str(path))
    except OSError as exc:  # a path too long for a UNIX socket
        pytest.skip(f"cannot make a socket file here: {exc}")
    with sock:
        one_error(_within(10, lambda: run("summarize", str(path))), 1, "is a socket")


def test_a_batch_with_a_named_pipe_in_its_folder_does_not_hang(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CORPUS / "utf8-bom.txt", src / "a.txt")
    os.mkfifo(src / "b.txt")
    out = tmp_path / "out"
    result = _within(30, lambda: run("batch", str(src), "-o", str(out), "--no-cache", "-q"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = [json.loads(x) for x in (out / "manifest.jsonl").read_text(
        encoding="utf-8").splitlines()]
    status = {Path(x["input"]).name: (x["status"], x["reason"]) for x in lines}
    assert status["a.txt"] == ("ok", None)
    assert status["b.txt"][0] == "failed" and "named pipe" in status["b.txt"][1]


ROOT_READS_ALL = pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                                    reason="root reads every file: no permission error to see")


@ROOT_READS_ALL
def test_an_unreadable_file_is_one_clear_error(tmp_path):
    path = tmp_path / "secret.txt"
    shutil.copy(CORPUS / "utf8-bom.txt", path)
    path.chmod(0)
    one_error(run("summarize", str(path)), 1, str(path), "permission denied")


@ROOT_READS_ALL
def test_a_file_in_an_unreadable_folder_is_one_clear_error(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    shutil.copy(CORPUS / "utf8-bom.txt", folder / "a.txt")
    shutil.copy(CORPUS / "broken-line.jsonl", folder / "b.jsonl")
    folder.chmod(0)
    try:
        docs = list(iter_documents([str(folder / "a.txt"), str(folder / "b.jsonl")]))
    finally:
        folder.chmod(0o700)
    assert [type(d) for d in docs] == [Failure, Failure]
    assert [str(d.error) for d in docs] == [f"{folder / n}: cannot read it: permission denied"
                                            for n in ("a.txt", "b.jsonl")]


def test_permission_denied_is_an_input_error_naming_the_path(tmp_path, monkeypatch):
    # The same as the two tests above, for a run as root (CI): the OS says no.
    path = tmp_path / "secret.txt"
    shutil.copy(CORPUS / "utf8-bom.txt", path)
    locked = tmp_path / "locked" / "a.jsonl"
    real_open, real_stat = os.open, os.stat

    def deny_open(file: Any, *args: Any, **kwargs: Any) -> int:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    def deny_stat(file: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_stat(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny_open)
    monkeypatch.setattr(os, "stat", deny_stat)
    one_error(run("summarize", str(path)), 1, f"{path}: cannot read it: permission denied")
    docs = list(iter_documents([str(path), str(locked)]))
    assert [str(d.error) for d in docs if isinstance(d, Failure)] == [
        f"{path}: cannot read it: permission denied",
        f"{locked}: cannot read it: permission denied"]


# --- markup -------------------------------------------------------------------------------

def test_markup_in_title_body_quotes_author_and_url_of_a_page_stays_text():
    b = briefed(run("summarize", str(CORPUS / "xss-page.html"), "-f", "json"))
    assert "<script>alert('xss')</script>" in b.article.text  # kept verbatim, as text
    assert b.article.url is None  # javascript: canonical and og:url are not URLs
    for fmt, page in all_html(b).items():
        assert_inert(page)
        assert "alert(" in page, fmt  # shown, escaped, not dropped


def test_markup_in_jsonl_fields_stays_text(tmp_path):
    out = tmp_path / "out"
    result = run("summarize", str(CORPUS / "xss-fields.jsonl"), "--force", "-f", "json",
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    for path in sorted(out.glob("*.json")):
        b = Briefing.model_validate_json(path.read_text(encoding="utf-8"))
        assert_verbatim(b)
        assert b.article.title and "<" in b.article.title
        for page in all_html(b).values():
            assert_inert(page)


def test_a_hostile_author_and_url_in_a_briefing_render_inert(fake_engine):
    doc = RawDocument("x", (CORPUS / "utf8-bom.txt").read_text(encoding="utf-8-sig"), False,
                      {"title": "<link rel=stylesheet href=//evil.example/a.css>Title",
                       "url": "javascript:alert(document.domain)"})
    b = summarize(doc, model="fake", now=NOW)
    b.article.author = '"><svg onload=alert(1)><style>@import url(//evil.example)</style>'
    b.sources[0].name = "<iframe src=javascript:alert(1)>"
    for page in all_html(b).values():
        assert_inert(page)


def test_unbalanced_noscript_before_the_article_does_not_swallow_it():
    # libxml2 reads <noscript> content as markup: a lone <div> in it kept the element open to
    # the end of the page, and dropping the <noscript> dropped the article with it.
    baseline = briefed(run("summarize", str(CORPUS / "injection-baseline.html"), "-f", "json"))
    b = briefed(run("summarize", str(CORPUS / "noscript-unbalanced.html"), "-f", "json"))
    assert b.article.text == baseline.article.text
    assert "enable JavaScript" not in b.model_dump_json()


def test_numeric_references_to_controls_and_noncharacters_do_not_empty_the_page():
    # &#1; and &#xFFFF; put a character XML cannot carry into lxml's tree: trafilatura then
    # found no text at all. &#0; and &#xD800; are U+FFFD, as a browser shows them.
    baseline = briefed(run("summarize", str(CORPUS / "injection-baseline.html"), "-f", "json"))
    page = (CORPUS / "invalid-char-refs.html").read_text(encoding="utf-8")
    assert all(ref in page for ref in ("&#1;", "&#xFFFF;", "&#0;", "&#xD800;"))
    b = briefed(run("summarize", str(CORPUS / "invalid-char-refs.html"), "-f", "json"))
    assert b.article.text.replace("\ufffd", "") == baseline.article.text
    assert not any(c in b.article.text for c in "\x00\x01\uffff")


# --- prompt injection ---------------------------------------------------------------------

def _strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


def assert_canary_only_quoted(b: Briefing) -> None:
    """The canary may appear only as the article's own words, never as something generated."""
    data = b.model_dump(mode="json")
    article = data.pop("article")
    own = [article["text"], article.get("title") or ""]
    for path, value in _strings(data):
        if CANARY in value:
            assert any(value in text for text in own), (path, value)


def structure(b: Briefing) -> tuple[Any, ...]:
    """What an injection would try to change: headline, sources, confidence, places, dates."""
    return (b.headline, [s.name for s in b.sources], b.uncertainty.confidence,
            [p.name for p in b.where], [t.text for t in b.when])


def test_injection_in_body_text_is_reported_not_followed():
    baseline = briefed(run("summarize", str(CORPUS / "utf8-bom.txt"), "-f", "json"))
    b = briefed(run("summarize", str(CORPUS / "injection-body.txt"), "-f", "json"))
    assert CANARY in b.article.text
    assert_canary_only_quoted(b)
    assert structure(b) == structure(baseline)
    assert "Eve Mallory" not in [s.name for s in b.sources]
    for page in all_html(b).values():
        assert_inert(page)
        assert "attacker@example.com" not in " ".join(
            v or "" for _, attrs in _tags(page) for _, v in attrs)


def _tags(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    audit = MarkupAudit()
    audit.feed(html)
    return audit.tags


def test_injection_in_comments_hidden_spans_and_alt_text_never_reaches_the_briefing():
    baseline = briefed(run("summarize", str(CORPUS / "injection-baseline.html"), "-f", "json"))
    b = briefed(run("summarize", str(CORPUS / "injection-hidden.html"), "-f", "json"))
    assert CANARY in (CORPUS / "injection-hidden.html").read_text(encoding="utf-8")
    assert CANARY not in b.model_dump_json()
    same = {"provenance": {"created_at"}}
    assert b.model_dump(exclude=same) == baseline.model_dump(exclude=same)
    for fmt in ("md", "html"):
        assert CANARY not in run("summarize", str(CORPUS / "injection-hidden.html"),
                                 "-f", fmt).stdout


def test_injection_in_a_jsonl_title_is_shown_as_the_title_only(tmp_path):
    neutral = tmp_path / "neutral.jsonl"
    line = json.loads((CORPUS / "injection-title.jsonl").read_text(encoding="utf-8"))
    neutral.write_text(json.dumps({**line, "title": "Council delays vote"}) + "\n")
    out = tmp_path / "out"
    for src in (CORPUS / "injection-title.jsonl", neutral):
        assert run("summarize", str(src), "-f", "json", "-o", str(out / src.stem)
                   ).exit_code == 0
    b = Briefing.model_validate_json(
        (out / "injection-title" / "injection-title.json").read_text(encoding="utf-8"))
    base = Briefing.model_validate_json(
        (out / "neutral" / "injection-title.json").read_text(encoding="utf-8"))
    assert_verbatim(b)
    assert_canary_only_quoted(b)
    assert CANARY not in b.article.text
    assert structure(b)[1:] == structure(base)[1:]  # only the headline (the title) differs


# --- feeds and JSONL ----------------------------------------------------------------------

@pytest.mark.parametrize("name, needle", [
    ("billion-laughs.xml", "declares entities"),
    ("external-entity.xml", "declares entities"),
    ("feed-is-html.xml", "not an RSS or Atom feed"),
])
def test_hostile_feeds_are_one_clear_error(name, needle, tmp_path):
    start = time.monotonic()
    result = run("summarize", "--feed", str(CORPUS / name), "-o", str(tmp_path))
    assert time.monotonic() - start < 2
    assert result.exit_code == 1 and "Traceback" not in result.output
    # a feed is many inputs: its error line, then the run's summary line
    error, summary = result.stderr.splitlines()
    assert error.startswith(f"briefing: error: {CORPUS / name}: ") and needle in error
    assert summary == "briefing: 1 of 1 inputs failed"


FEED = (CORPUS / "feed-file.xml").read_text(encoding="utf-8")
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<!-- exported by a feed reader -->
<feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title>
<entry><title>Council delays vote</title><link href="https://courier.example/a"/>
<published>2024-03-05T10:00:00Z</published><content type="html"><![CDATA[{body}]]></content>
</entry>
<entry><title>Vote delayed again</title><link href="https://courier.example/b"/>
<updated>issue 7</updated><content type="html"><![CDATA[{body}]]></content></entry>
</feed>
"""


def _feed_copies(tmp_path: Path) -> list[Path]:
    """The corpus feed as .xml, .rss and (sniffed) .txt and no suffix; an Atom one as .atom."""
    body = FEED.split("<![CDATA[", 1)[1].split("]]>", 1)[0]
    copies = []
    for name in ("feed.rss", "feed.txt", "feed"):
        copies.append(tmp_path / name)
        copies[-1].write_text(FEED, encoding="utf-8")
    copies.append(tmp_path / "feed.atom")
    copies[-1].write_text(ATOM.format(body=body), encoding="utf-8")
    return [CORPUS / "feed-file.xml", *copies]


def test_a_feed_file_given_as_an_input_is_read_as_a_feed(tmp_path):
    for path in _feed_copies(tmp_path):
        out = tmp_path / f"out-{path.name}"
        out.mkdir()
        result = run("summarize", str(path), "-f", "json", "-o", str(out))
        assert result.exit_code == 0, result.output
        briefs = [Briefing.model_validate_json(p.read_text(encoding="utf-8"))
                  for p in sorted(out.glob("*.json"))]
        assert len(briefs) == 2, path  # one briefing per entry, not one of the XML as text
        for b in briefs:
            assert_verbatim(b)
            assert b.article.text.startswith("SPRINGFIELD — The city council")
            names = " ".join(w.name for w in b.who)
            assert "DOCTYPE" not in names and "CDATA" not in names
            assert "<" not in b.article.text
        assert {b.article.published for b in briefs} == {
            "2024-03-05T10:00:00+00:00" if path.suffix != ".atom" else "2024-03-05T10:00:00Z",
            None}  # "yesterday-ish" and "issue 7" are not dates


def test_feed_files_are_feeds_in_iter_documents_and_multi_inputs(tmp_path):
    from briefing.ingest.inputs import is_multi_input

    for path in _feed_copies(tmp_path):
        docs = list(iter_documents([str(path)]))
        assert [d.name for d in docs] == [f"{path}#1", f"{path}#2"]
        assert all(isinstance(d, RawDocument) and d.is_html for d in docs)
        assert is_multi_input(str(path))
    page = tmp_path / "page.xml"  # XHTML saved as .xml is a page, not a feed
    page.write_text((CORPUS / "injection-baseline.html").read_text(encoding="utf-8"))
    assert not is_multi_input(str(page))
    (doc,) = iter_documents([str(page)])
    assert isinstance(doc, RawDocument) and doc.name == str(page)


def test_jsonl_broken_line_and_missing_fields_fail_alone(tmp_path):
    out = tmp_path / "out"
    result = run("summarize", str(CORPUS / "broken-line.jsonl"),
                 str(CORPUS / "missing-field.jsonl"), "-f", "json", "-o", str(out))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["good-1.json", "good-2.json",
                                                     "good-3.json"]
    err = result.stderr
    assert "broken-line.jsonl:2: not valid JSON" in err
    assert 'missing-field.jsonl:1: needs a "text", "html" or "url" field' in err
    assert 'missing-field.jsonl:2: needs a "text"' in err  # "text": null
    assert "missing-field.jsonl:3: empty 'text'" in err
    assert "missing-field.jsonl:4: expected a JSON object" in err
    assert "5 of 8 inputs failed" in err and "Traceback" not in result.output


def test_jsonl_published_values_that_are_not_dates_are_left_out_with_a_note(tmp_path):
    out = tmp_path / "out"
    result = run("summarize", str(CORPUS / "published-junk.jsonl"), "-f", "json",
                 "-o", str(out))
    assert result.exit_code == 0, result.output
    published = {p.stem: Briefing.model_validate_json(p.read_text(encoding="utf-8"))
                 .article.published for p in out.glob("*.json")}
    assert published == {"pub-1": None, "pub-2": None, "pub-3": None, "pub-4": None,
                         "pub-5": None, "pub-6": "2024-03-05",
                         "pub-7": "2024-03-05T10:00:00+00:00"}
    docs = list(iter_documents([str(CORPUS / "published-junk.jsonl")]))
    notes = [d.meta.get("notes") for d in docs if isinstance(d, RawDocument)]
    assert notes == ["published 'issue 7' is not a date; left out",
                     "published 'None' is not a date; left out", None,
                     "published 'yesterday-ish' is not a date; left out", None, None, None]


# --- URLs on a local server ---------------------------------------------------------------

PAGE = (CORPUS / "injection-baseline.html").read_bytes()
SPELLINGS = {  # redirect targets that are not public, however they are written
    "/to-link-local-decimal": "http://2852039166/latest/meta-data/",
    "/to-link-local-octal": "http://0251.0376.0251.0376/",
    "/to-link-local-mapped": "http://[::ffff:169.254.169.254]/",
    "/to-private-decimal": "http://167772161/",
    "/to-private-hex": "http://0xa.0.0.1/",
    "/to-private-mapped": "http://[::ffff:a00:1]/",
}


class Hostile(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def send(self, code: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
             **headers: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers.items():
            self.send_header(k.replace("_", "-"), v)
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        if path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            return self.send(302, Location=f"/chain/{n - 1}") if n else self.send(200, PAGE)
        if path in SPELLINGS:
            return self.send(302, Location=SPELLINGS[path])
        if path == "/bomb":
            return self.send(200, gzip.compress(b"<p>" + b"a" * 30_000_000),
                             Content_Encoding="gzip")
        if path == "/pdf.html":
            return self.send(200, b"%PDF-1.4\n", "application/pdf")
        if path == "/png":
            return self.send(200, (CORPUS / "png-renamed.html").read_bytes(), "image/png")
        if path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            with contextlib.suppress(OSError):
                while True:  # a byte at a time, forever: only the client's deadline ends it
                    self.wfile.write(b"<p>a")
                    self.wfile.flush()
                    time.sleep(0.05)
        return self.send(404)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that hangs up on /endless or /bomb is the point, not a failure


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Hostile)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch(url: str, *extra: str) -> Any:
    return run("summarize", url, "--allow-private", "--timeout", "1", *extra)


def test_redirect_chain_within_the_cap_is_briefed_from_the_final_url(hostile_server):
    b = briefed(fetch(hostile_server + "/chain/5", "-f", "json"))
    assert b.article.url == hostile_server + "/chain/0"
    one_error(fetch(hostile_server + "/chain/6"), 1, "more than 5 redirects")


@pytest.mark.parametrize("path", sorted(SPELLINGS))
def test_redirects_to_private_and_link_local_spellings_are_refused(hostile_server, path):
    # httpx itself refuses to parse an octal address; every other spelling reaches our check
    needle = "Invalid IPv4 address" if "octal" in path else "not a public address"
    one_error(fetch(hostile_server + path), 1, needle)


@pytest.mark.parametrize("url", ["http://2130706433/", "http://0177.0.0.1/",
                                 "http://[::ffff:127.0.0.1]/", "http://127.1/"])
def test_loopback_spellings_are_refused_without_allow_private(url):
    one_error(run("summarize", url), 1, "not a public address")


@pytest.mark.parametrize("url, needles", [
    # read as octal (8.8.8.8) by inet_aton, as decimal (10.8.8.8) by others: refused either way
    ("http://010.8.8.8/story", ("'http://010.8.8.8/story'", "reads as 10.8.8.8",
                                "not a public address")),
    ("http://01.02.03.04/", ("'http://01.02.03.04/'", "invalid IPv4 address '01.02.03.04'",
                             "leading zeros")),
    ("http://999.1.1.1/", ("'http://999.1.1.1/'", "invalid IPv4 address")),
    ("http://[::1", ("'http://[::1'", "not a valid URL")),
    ("http://[::1/story", ("not a valid URL",)),
    ("http://[fe80::zz]/", ("'http://[fe80::zz]/'",)),
    ("http://a b/", ("'http://a b/'", "invalid host name 'a b'")),
    ("http://example..com/", ("invalid host name",)),
    ("http:///story", ("'http:///story'", "has no host")),
    ("http://:80/", ("has no host",)),
    ("https://", ("has no host",)),
    ("http://example.com:99999/", ("not a valid URL", "Port out of range")),
    ("http://example.com:port/", ("not a valid URL",)),
])
def test_malformed_urls_are_one_clear_error(url, needles):
    # They are refused before any DNS lookup: the run stays offline.
    one_error(run("summarize", url), 1, "refused", *needles)


def test_malformed_urls_in_a_jsonl_fail_alone(tmp_path):
    out = tmp_path / "out"
    result = run("summarize", str(CORPUS / "malformed-urls.jsonl"), "-f", "json",
                 "-o", str(out))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert [p.name for p in out.iterdir()] == ["after.json"]
    errors = [x for x in result.stderr.splitlines() if x.startswith("briefing: error:")]
    assert len(errors) == 5 and not [x for x in errors if "internal error" in x]
    assert "malformed-urls.jsonl:1: refused: 'http://010.8.8.8/story'" in errors[0]
    assert "5 of 6 inputs failed" in result.stderr


def test_malformed_entry_links_in_a_feed_fail_alone(tmp_path):
    body = FEED.split("<![CDATA[", 1)[1].split("]]>", 1)[0]
    items = "".join(f"<item><title>T{n}</title><link>{link}</link></item>"
                    for n, link in enumerate(["http://010.8.8.8/a", "http://[::1",
                                              "http://a b/"], 1))
    feed = tmp_path / "links.rss"
    feed.write_text(f'<rss version="2.0"><channel>{items}<item><title>Full</title>'
                    f"<description><![CDATA[{body}]]></description></item></channel></rss>")
    out = tmp_path / "out"
    result = run("summarize", "--feed", str(feed), "-f", "json", "-o", str(out))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(list(out.glob("*.json"))) == 1
    assert "3 of 4 inputs failed" in result.stderr
    assert "internal error" not in result.stderr


def test_gzip_bomb_stops_at_the_byte_cap(hostile_server):
    start = time.monotonic()
    one_error(fetch(hostile_server + "/bomb"), 1, "body larger than")
    assert time.monotonic() - start < 3


def test_endless_slow_response_ends_at_the_deadline(hostile_server):
    start = time.monotonic()
    one_error(fetch(hostile_server + "/endless"), 1, "took longer than 1 s")
    assert time.monotonic() - start < 2.5


@pytest.mark.parametrize("path, ctype", [("/pdf.html", "application/pdf"),
                                         ("/png", "image/png")])
def test_wrong_content_type_is_refused(hostile_server, path, ctype):
    one_error(fetch(hostile_server + path), 1, ctype)


# --- batches and the per-article time limit -----------------------------------------------

class SlowEngine(FakeEngine):
    """Takes too long on articles that mention the harbour bridge's corrosion."""

    name = "slow"

    def extract(self, article, *, now):
        if "corrosion" in article.text:
            time.sleep(0.6)
        return super().extract(article, now=now)


def test_article_time_limit_fails_one_article_and_keeps_the_batch(tmp_path):
    from briefing.engines import register_engine

    register_engine("slow", lambda settings: SlowEngine())
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CORPUS / "utf8-bom.txt", src / "slow.txt")
    shutil.copy(CORPUS / "latin1.txt", src / "quick.txt")
    result = run("batch", str(src), "-o", str(tmp_path / "out"), "--model", "slow",
                 "--no-cache", "-q", env={"BRIEFING_ARTICLE_TIMEOUT": "0.3"})
    assert result.exit_code == 1
    lines = [json.loads(x) for x in (tmp_path / "out" / "manifest.jsonl").read_text(
        encoding="utf-8").splitlines()]
    status = {Path(x["input"]).name: (x["status"], x["reason"]) for x in lines}
    assert status["quick.txt"] == ("ok", None)
    assert status["slow.txt"][0] == "failed"
    assert "took longer than 0.3 s" in status["slow.txt"][1]


def test_batch_over_the_whole_corpus_finishes_with_a_line_per_input(large, tmp_path):
    src = tmp_path / "corpus"
    shutil.copytree(CORPUS, src)
    for path in large.values():
        (src / path.name).symlink_to(path)
    out = tmp_path / "out"
    feeds = [arg for name in ("billion-laughs.xml", "external-entity.xml", "feed-is-html.xml")
             for arg in ("--feed", str(src / name))]
    start = time.monotonic()
    result = run("batch", str(src), *feeds, "-o", str(out), "-f", "json,html", "--no-cache",
                 "-q")
    elapsed = time.monotonic() - start
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert elapsed < 30
    manifest = [json.loads(x) for x in (out / "manifest.jsonl").read_text(
        encoding="utf-8").splitlines()]
    files = [p for p in src.iterdir() if p.suffix in (".txt", ".html", ".jsonl", ".xml")]
    jsonl_lines = sum(len(p.read_bytes().splitlines()) - 1 for p in files if p.suffix == ".jsonl")
    feed_entries = {"feed-file.xml": 2}  # a feed file is read as its entries
    more = jsonl_lines + sum(n - 1 for n in feed_entries.values())
    assert len(manifest) == len(files) + more + 3  # a line per file, JSONL line, entry, feed
    status = {x["input"].replace(str(src) + "/", ""): x["status"] for x in manifest}
    assert not [x for x in manifest if "internal error" in (x["reason"] or "")]
    should_brief = ["utf8-bom.txt", "utf16le-bom.txt", "utf16be-bom.txt", "latin1.txt",
                    "cp1252-smart-quotes.txt", "mixed-utf8-latin1.txt", "invalid-bytes.txt",
                    "nul-byte.txt", "xss-page.html", "injection-body.txt",
                    "injection-baseline.html", "injection-hidden.html",
                    "injection-title.jsonl:1", "broken-line.jsonl:1", "broken-line.jsonl:3",
                    "missing-field.jsonl:5", "long-5mb-line.jsonl:1", "long-5mb-line.jsonl:3",
                    "utf16le-nobom.txt", "utf16be-nobom.txt", "meta-gb2312.html",
                    "meta-windows-1252.html", "http-equiv-latin1.html",
                    "noscript-unbalanced.html", "invalid-char-refs.html", "feed-file.xml#1",
                    "feed-file.xml#2", "malformed-urls.jsonl:6",
                    *(f"published-junk.jsonl:{n}" for n in range(1, 8))]
    assert {n: status[n] for n in should_brief} == dict.fromkeys(should_brief, "ok")
    for page in (out / "articles").glob("*.html"):
        assert_inert(page.read_text(encoding="utf-8"))
