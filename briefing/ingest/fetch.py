"""Fetch article pages safely over http(s) with our own httpx client.

Every hop of a redirect chain is checked before any connection is made: the URL must be well
formed (a malformed one, or a host written with leading zeros such as ``010.8.8.8``, which some
software reads as octal and some as decimal, is refused before any DNS lookup), the scheme must
be http or https, and every address the host resolves to must be global (no loopback, private,
link-local, reserved or multicast address, in any spelling: decimal, octal, IPv4-mapped IPv6).
``allow_private`` admits loopback only, for local testing. Bodies are capped after
decompression (a gzip bomb stops at the cap), the whole fetch has a deadline, only HTML (or, for
feeds, XML) content types are accepted, TLS is always verified, and robots.txt is honoured.

Known limit: the address is checked when the name is resolved, and httpx resolves it again when
it connects; a DNS server that changes its answer in between (DNS rebinding) is not caught.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
import socket
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from .. import __version__
from ..errors import FetchError
from .decode import decode

if TYPE_CHECKING:
    import httpx

USER_AGENT = f"briefing/{__version__} (news briefing tool; respects robots.txt)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml", "application/feed+json")


@dataclass(frozen=True)
class FetchLimits:
    """Limits a user can raise; the defaults suit news pages."""

    timeout: float = 20.0  # seconds for the whole fetch, redirects included
    max_bytes: int = 5 * 1024 * 1024  # after decompression
    max_redirects: int = 5
    allow_private: bool = False
    respect_robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Page:
    url: str  # the final URL after redirects
    content: str
    content_type: str
    redirects: list[str] = field(default_factory=list)


def check_address(ip: str, *, allow_private: bool = False) -> None:
    """Refuse any address that is not globally routable (loopback only with allow_private)."""
    addr = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    if allow_private and addr.is_loopback:
        return
    if not addr.is_global or addr.is_multicast:
        raise FetchError(f"refused: {ip} is not a public address"
                         f"{_private_hint(ip, allow_private)}")


def _private_hint(ip: str, allow_private: bool) -> str:
    """What lets a loopback address through, for the refusal's message."""
    try:
        loopback = ipaddress.ip_address(ip.split("%", 1)[0]).is_loopback
    except ValueError:
        return ""
    return (" (--allow-private admits loopback addresses, for local testing)"
            if loopback and not allow_private else "")


_DOTTED = re.compile(r"[0-9]+(?:\.[0-9]+){3}")
_HOST_CHARS = re.compile(r"[A-Za-z0-9_-]+")


def _legacy_ipv4(host: str) -> list[str]:
    """The addresses a four-part decimal host that is not canonical (``010.8.8.8``: leading
    zeros, or a part over 255) may stand for: octal to inet_aton, decimal to others."""
    readings: list[str] = []
    with contextlib.suppress(OSError):
        readings.append(socket.inet_ntoa(socket.inet_aton(host)))
    parts = [int(p, 10) for p in host.split(".")]
    if all(p <= 255 for p in parts):
        readings.append(".".join(map(str, parts)))
    return readings


def _check_host(url: str, host: str, *, allow_private: bool) -> None:
    """Refuse, before any DNS lookup, a host no client reads the same way or none can reach."""
    if ":" in host:  # an IPv6 literal: urlsplit has checked the brackets, not the address
        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            raise FetchError(f"refused: {url!r} has an invalid IPv6 address") from None
        return
    if _DOTTED.fullmatch(host):
        try:
            ipaddress.IPv4Address(host)
            return
        except ValueError:
            pass
        for ip in _legacy_ipv4(host):
            try:
                check_address(ip, allow_private=allow_private)
            except FetchError:
                raise FetchError(f"refused: {url!r}: {host} reads as {ip}, not a public "
                                 "address") from None
        raise FetchError(f"refused: {url!r} has an invalid IPv4 address {host!r} (leading "
                         "zeros, read as octal by some software, or a part over 255)")
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        raise FetchError(f"refused: {url!r} has an invalid host name {host!r}") from None
    labels = ascii_host.removesuffix(".").split(".")
    if not all(_HOST_CHARS.fullmatch(label) for label in labels):
        raise FetchError(f"refused: {url!r} has an invalid host name {host!r}")


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Check the URL's syntax, its scheme and every address its host resolves to, before
    connecting. Every problem is a FetchError naming the URL."""
    import httpx

    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError as exc:  # "Invalid IPv6 URL", a port that is not a number or too large
        raise FetchError(f"refused: {url!r} is not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused: {url!r} is not an http or https URL")
    if not host:
        raise FetchError(f"refused: {url!r} has no host")
    _check_host(url, host, allow_private=allow_private)
    try:
        httpx.URL(url)  # what our client will connect to must be what we checked
    except httpx.InvalidURL as exc:
        raise FetchError(f"refused: {url!r} is not a valid URL ({exc})") from None
    try:
        infos = socket.getaddrinfo(host, port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError) as exc:
        raise FetchError(f"cannot resolve {host!r}: {exc}") from None
    for info in infos:
        try:
            check_address(str(info[4][0]), allow_private=allow_private)
        except FetchError:
            raise FetchError(f"refused: {host} resolves to {info[4][0]}, not a public "
                             f"address{_private_hint(str(info[4][0]), allow_private)}"
                             ) from None


def _content_type(response: httpx.Response) -> str:
    value: str = response.headers.get("content-type", "")
    return value.split(";", 1)[0].strip().lower()


def _read(response: httpx.Response, limits: FetchLimits, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(f"{response.url}: body larger than {limits.max_bytes:,} bytes")
        if time.monotonic() > deadline:
            raise FetchError(f"{response.url}: took longer than {limits.timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _get(client: httpx.Client, url: str, limits: FetchLimits, accept: tuple[str, ...],
         deadline: float) -> Page:
    import httpx

    redirects: list[str] = []
    for _ in range(limits.max_redirects + 1):
        check_url(url, allow_private=limits.allow_private)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(f"{url}: took longer than {limits.timeout:g} s")
        try:
            with client.stream("GET", url, timeout=httpx.Timeout(remaining)) as response:
                if response.is_redirect:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(f"{url}: redirect without a Location header")
                    try:
                        url = urljoin(url, location)
                    except ValueError:
                        raise FetchError(f"{url}: redirect to an invalid URL {location!r}"
                                         ) from None
                    redirects.append(url)
                    continue
                if response.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {response.status_code}")
                ctype = _content_type(response)
                if ctype not in accept:
                    raise FetchError(f"{url}: content type {ctype or 'missing'!r} is not "
                                     f"one of {', '.join(accept)}")
                body = _read(response, limits, deadline)
                text = decode(body, str(response.url), declared=response.charset_encoding)
                return Page(url=str(response.url), content=text, content_type=ctype,
                            redirects=redirects)
        except httpx.TimeoutException:
            raise FetchError(f"{url}: took longer than {limits.timeout:g} s") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(f"{url}: {exc.__class__.__name__}: {exc}") from None
    raise FetchError(f"{url}: more than {limits.max_redirects} redirects")


class Fetcher:
    """One HTTP client for many fetches, with a robots.txt cache per host."""

    def __init__(self, limits: FetchLimits | None = None) -> None:
        import httpx

        self.limits = limits or FetchLimits()
        self._robots: dict[str, RobotFileParser | None] = {}
        self._client = httpx.Client(follow_redirects=False, verify=True, trust_env=False,
                                    headers={"User-Agent": self.limits.user_agent})

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _allowed_by_robots(self, url: str, deadline: float) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser: RobotFileParser | None = None
            limits = FetchLimits(timeout=min(5.0, self.limits.timeout), max_bytes=512 * 1024,
                                 max_redirects=2, allow_private=self.limits.allow_private)
            try:
                page = _get(self._client, origin + "/robots.txt", limits, ("text/plain",),
                            time.monotonic() + limits.timeout)
                parser = RobotFileParser()
                parser.parse(page.content.splitlines())
            except FetchError:
                parser = None  # no readable robots.txt: nothing is disallowed
            self._robots[origin] = parser
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(self.limits.user_agent, url)

    def fetch(self, url: str, accept: tuple[str, ...] = HTML_TYPES) -> Page:
        """Fetch ``url`` within the limits; raise FetchError with a one-line reason."""
        deadline = time.monotonic() + self.limits.timeout
        check_url(url, allow_private=self.limits.allow_private)
        if self.limits.respect_robots and not self._allowed_by_robots(url, deadline):
            raise FetchError(f"{url}: disallowed by the site's robots.txt")
        return _get(self._client, url, self.limits, accept, deadline)


def fetch_page(url: str, limits: FetchLimits | None = None,
               accept: tuple[str, ...] = HTML_TYPES) -> Page:
    """Fetch one URL with a fresh client."""
    with Fetcher(limits) as fetcher:
        return fetcher.fetch(url, accept)
