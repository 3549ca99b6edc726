"""URL fetching against a local server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from briefing.errors import FetchError
from briefing.ingest.fetch import FetchLimits, check_address, check_url, fetch_page

ARTICLE = b"<html><head><title>T</title></head><body><p>Hello world.</p></body></html>"
# Charsets declared only inside the page, as many older news sites do.
LIEGE = ('<html><head><meta charset="windows-1252"><title>Liège</title></head><body>'
         "<p>Le conseil de Liège a voté « oui » à 12 h, a dit Mme Müller.</p></body></html>"
         ).encode("cp1252")
BEIJING = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
           "<title>北京</title></head><body><p>北京市政府周一宣布了新的交通规定。</p></body></html>"
           ).encode("gb2312")


class Handler(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass

    def send(self, code: int, body: bytes, ctype: str = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.hits.append(self.path)
        port = self.server.server_address[1]
        routes = {
            "/article": lambda: self.send(200, ARTICLE),
            "/robots.txt": lambda: self.send(200, b"User-agent: *\nDisallow: /private\n",
                                             "text/plain"),
            "/private": lambda: self.send(200, ARTICLE),
            "/hop": lambda: self.send(302, b"", headers={"Location": "/article"}),
            "/loop": lambda: self.send(302, b"", headers={"Location": "/loop"}),
            "/to-private": lambda: self.send(302, b"", headers={
                "Location": "http://10.0.0.1/x"}),
            "/to-metadata": lambda: self.send(302, b"", headers={
                "Location": "http://169.254.169.254/latest/meta-data/"}),
            "/to-mapped": lambda: self.send(302, b"", headers={
                "Location": "http://[::ffff:10.1.2.3]/"}),
            "/to-ftp": lambda: self.send(302, b"", headers={"Location": "ftp://x/"}),
            "/absolute": lambda: self.send(301, b"", headers={
                "Location": f"http://127.0.0.1:{port}/article"}),
            "/pdf": lambda: self.send(200, b"%PDF-1.7", "application/pdf"),
            "/big": lambda: self.send(200, b"<p>" + b"a" * 300_000 + b"</p>"),
            "/bomb": self.bomb,
            "/slow": self.slow,
            "/stall": self.stall,
            "/404": lambda: self.send(404, b"nope"),
            "/liege": lambda: self.send(200, LIEGE, "text/html"),
            "/beijing": lambda: self.send(200, BEIJING, "text/html"),
            "/liege-mislabelled": lambda: self.send(200, LIEGE, "text/html; charset=utf-8"),
        }
        routes.get(self.path, lambda: self.send(404, b""))()

    def bomb(self) -> None:
        self.send(200, gzip.compress(b"<p>" + b"a" * 20_000_000), headers={
            "Content-Encoding": "gzip"})

    def slow(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(100):  # trickles a byte every 50 ms, never finishing in time
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            pass

    def stall(self) -> None:
        time.sleep(3)
        with contextlib.suppress(OSError):
            self.send(200, ARTICLE)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


LOCAL = FetchLimits(allow_private=True, timeout=5)


def test_fetches_html_and_follows_redirects(server):
    page = fetch_page(server + "/hop", LOCAL)
    assert page.content == ARTICLE.decode() and page.url.endswith("/article")
    assert page.redirects == [server + "/article"]
    assert fetch_page(server + "/absolute", LOCAL).url.endswith("/article")


def test_loopback_refused_without_allow_private(server):
    Handler.hits.clear()
    with pytest.raises(FetchError, match="not a public address"):
        fetch_page(server + "/article")
    assert Handler.hits == []  # refused before any connection


@pytest.mark.parametrize("path", ["/to-private", "/to-metadata", "/to-mapped"])
def test_redirect_to_private_address_refused(server, path):
    with pytest.raises(FetchError, match="not a public address"):
        fetch_page(server + path, LOCAL)


def test_redirect_limits_and_schemes(server):
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch_page(server + "/loop", LOCAL)
    with pytest.raises(FetchError, match="not an http or https URL"):
        fetch_page(server + "/to-ftp", LOCAL)


def test_wrong_content_type_refused(server):
    with pytest.raises(FetchError, match="application/pdf"):
        fetch_page(server + "/pdf", LOCAL)


def test_oversized_body_cut_off(server):
    with pytest.raises(FetchError, match="larger than 100,000 bytes"):
        fetch_page(server + "/big", FetchLimits(allow_private=True, max_bytes=100_000))


def test_gzip_bomb_stops_at_the_cap(server):
    with pytest.raises(FetchError, match="larger than"):
        fetch_page(server + "/bomb", FetchLimits(allow_private=True, max_bytes=1_000_000))


@pytest.mark.parametrize("path", ["/slow", "/stall"])
def test_slow_server_times_out_within_the_limit(server, path):
    start = time.monotonic()
    with pytest.raises(FetchError, match="longer than 1 s"):
        fetch_page(server + path, FetchLimits(allow_private=True, timeout=1))
    assert time.monotonic() - start < 2.5


def test_robots_txt_is_honoured(server):
    with pytest.raises(FetchError, match=r"robots\.txt"):
        fetch_page(server + "/private", LOCAL)
    page = fetch_page(server + "/private", FetchLimits(allow_private=True,
                                                       respect_robots=False))
    assert page.content == ARTICLE.decode()


def test_http_errors_are_one_line(server):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch_page(server + "/404", LOCAL)


@pytest.mark.parametrize("ip", ["127.0.0.1", "10.1.2.3", "192.168.0.1", "172.16.5.4",
                                "169.254.169.254", "::1", "::ffff:127.0.0.1", "fe80::1",
                                "0.0.0.0", "224.0.0.1", "100.64.0.1"])
def test_non_global_addresses_refused(ip):
    with pytest.raises(FetchError):
        check_address(ip)


@pytest.mark.parametrize("url", ["http://2130706433/", "http://0177.0.0.1/",
                                 "http://0x7f.1/", "http://[::ffff:7f00:1]/",
                                 "http://127.1/"])
def test_alternative_spellings_of_loopback_refused(url):
    with pytest.raises(FetchError, match="not a public address"):
        check_url(url)


def test_public_address_allowed():
    check_address("93.184.216.34")
    check_address("2606:4700:4700::1111")


@pytest.mark.parametrize(("path", "body"), [("/liege", LIEGE), ("/beijing", BEIJING)])
def test_url_page_decodes_by_its_meta_charset_like_the_same_file(server, tmp_path, path, body):
    from briefing.ingest import read_input

    saved = tmp_path / "page.html"
    saved.write_bytes(body)
    page = fetch_page(server + path, LOCAL)
    assert page.content == read_input(str(saved)).content
    assert "\ufffd" not in page.content
    assert ("Liège" in page.content) if path == "/liege" else ("北京市政府" in page.content)


def test_a_wrong_http_charset_does_not_turn_the_page_into_mojibake(server):
    # The server says UTF-8, the bytes are windows-1252: the declaration that decodes wins.
    page = fetch_page(server + "/liege-mislabelled", LOCAL)
    assert "Liège" in page.content and "Müller" in page.content
