"""The email HTML in a real engine: headless Chromium screenshots and layout measurements.

Skipped when Chromium is absent. `BRIEFING_UPDATE_EXAMPLES=1` also rewrites the example
screenshot in examples/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from conftest import EXAMPLE, NOW, ROOT

from briefing.api import brief_article, load_article
from briefing.render import render_briefing

CHROMIUM = next((p for p in (os.environ.get("BRIEFING_CHROMIUM"), shutil.which("chromium"),
                             shutil.which("chromium-browser"), shutil.which("google-chrome"))
                 if p), None)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed "
                                "(Debian: apt-get install chromium; or set BRIEFING_CHROMIUM)")
EXAMPLE_PNG = ROOT / "examples" / "harbour-fire-email.png"
BACKGROUND = (0xEE, 0xF1, 0xF4)  # .outer in EMAIL_CSS
# Measures the layout from inside the page; only ever added to a test copy, never to output.
PROBE = """<script>document.title = JSON.stringify({
  scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
  height: document.documentElement.scrollHeight,
  box: document.querySelector('table.container').getBoundingClientRect().toJSON()});</script>"""


def chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic",
               f"--user-data-dir={profile}", "--hide-scrollbars", *args, page.as_uri()]
    result = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def measure(tmp_path: Path, html: str, width: int) -> dict:
    page = tmp_path / f"probe-{width}.html"
    page.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = chromium(tmp_path, page, f"--window-size={width},900", "--dump-dom").stdout
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert title, dom[:500]
    return json.loads(title.group(1).replace("&quot;", '"'))


def screenshot(tmp_path: Path, html: str, name: str, *args: str) -> Path:
    page, png = tmp_path / f"{name}.html", tmp_path / f"{name}.png"
    page.write_text(html, encoding="utf-8")
    chromium(tmp_path, page, f"--screenshot={png}", *args)
    return png


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """A minimal PNG decoder (8-bit RGB/RGBA, not interlaced): width, height, RGB rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
    assert depth == 8 and ctype in (2, 6) and interlace == 0
    bpp = 3 if ctype == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    prev, rows = bytearray(stride), []
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev, strict=True))
        elif kind:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                up, corner = prev[i], prev[i - bpp] if i >= bpp else 0
                if kind == 1:
                    line[i] = (line[i] + left) & 255
                elif kind == 3:
                    line[i] = (line[i] + (left + up) // 2) & 255
                else:
                    p = left + up - corner
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                    pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                    line[i] = (line[i] + pred) & 255
        prev = line
        rows.append(bytes(b for i, b in enumerate(line) if i % bpp < 3))
    return width, height, rows


@pytest.fixture(scope="module")
def html() -> str:
    briefing = brief_article(load_article(EXAMPLE), now=NOW)
    return render_briefing(briefing, "email-html")


def test_screenshot_is_not_blank_and_keeps_a_600px_column(tmp_path, html):
    # 900 CSS px wide at half scale: a 450 px wide image, quick to decode.
    png = screenshot(tmp_path, html, "wide", "--window-size=900,1000",
                     "--force-device-scale-factor=0.5")
    width, height, rows = read_png(png.read_bytes())
    assert (width, height) == (450, 500)
    pixels = [tuple(row[i:i + 3]) for row in rows for i in range(0, len(row), 3)]
    ink = sum(1 for p in pixels if sum(p) < 3 * 128)
    assert ink > 0.01 * len(pixels), "the screenshot is (almost) blank"
    assert len(set(pixels)) > 20
    # Outside the centred 600 px column (150..750 CSS px) there is only the background.
    for row in rows:
        for x in list(range(0, 73)) + list(range(377, 450)):
            assert tuple(row[3 * x:3 * x + 3]) == BACKGROUND, x
    centre = [tuple(row[3 * 225:3 * 225 + 3]) for row in rows]
    assert centre.count((255, 255, 255)) > 0.5 * len(centre)  # the white card


@pytest.mark.parametrize("width", [600, 500])  # 500: headless Chromium's narrowest window
def test_no_horizontal_scrolling(tmp_path, html, width):
    """Even a long unbroken link wraps instead of widening the page."""
    long_link = html.replace("</h1>", "</h1><p><a href=\"https://example.org/"
                             + "averylongpathsegmentwithoutbreaks" * 6 + "\">https://example.org/"
                             + "averylongpathsegmentwithoutbreaks" * 6 + "</a></p>", 1)
    box = measure(tmp_path, long_link, width)
    assert box["scroll"] <= box["client"] == width, box
    assert box["box"]["width"] <= 600 and box["box"]["right"] <= width, box


def test_example_screenshot(tmp_path, html):
    """The example at 600 px, full height; saved to examples/ on request."""
    height = measure(tmp_path, html, 600)["height"]
    png = screenshot(tmp_path, html, "example", f"--window-size=600,{height}")
    data = png.read_bytes()
    assert struct.unpack(">II", data[16:24]) == (600, height)
    assert len(data) > 20_000  # a page of text, not an empty canvas
    if os.environ.get("BRIEFING_UPDATE_EXAMPLES"):
        EXAMPLE_PNG.write_bytes(data)
