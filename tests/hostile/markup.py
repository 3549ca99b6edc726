"""Assertions that HTML output is inert: parsed, never grepped for one string."""

from __future__ import annotations

import re
from email import message_from_string
from html.parser import HTMLParser
from urllib.parse import urlsplit

from briefing.render import render_briefing
from briefing.schema import Briefing

EXECUTABLE_TAGS = {"script", "iframe", "frame", "object", "embed", "svg", "math", "applet",
                   "base", "link", "form", "img", "video", "audio", "source", "meta"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "background", "poster"}


def url_scheme(value: str) -> str:
    """The scheme a browser would see: it drops ASCII whitespace and controls first, so
    " java\tscript:" is javascript:; a relative URL has none."""
    return urlsplit(re.sub(r"[\x00-\x20]", "", value)).scheme.lower()


class MarkupAudit(HTMLParser):
    """Every tag and attribute a browser would build, and the text of <style> blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def assert_inert(html: str) -> None:
    """Parse ``html`` and assert that nothing in it can run or load: no script-like elements,
    no event handlers, no javascript:/data:/vbscript: URLs, no CSS that loads or runs anything.
    ``<meta>`` is allowed only as our own charset/viewport/colour-scheme/generator lines."""
    audit = MarkupAudit()
    audit.feed(html)
    audit.close()
    for tag, attrs in audit.tags:
        names = {k.lower() for k, _ in attrs}
        if tag == "meta":
            assert names <= {"charset", "name", "content", "http-equiv"}, attrs
            assert dict(attrs).get("http-equiv", "content-type") in (
                "content-type", "Content-Type", "X-UA-Compatible"), attrs
            continue
        assert tag not in EXECUTABLE_TAGS, (tag, attrs)
        for name, value in attrs:
            assert not name.lower().startswith("on"), (tag, name, value)
            if name.lower() in URL_ATTRS and value is not None:
                assert url_scheme(value) in ("", "http", "https", "mailto"), (tag, name, value)
            if name.lower() == "style" and value:
                assert not any(bad in value.lower() for bad in ("url(", "expression(",
                                                                "javascript:", "@import"))
    for css in audit.styles:
        assert not any(bad in css.lower() for bad in ("url(", "expression(", "javascript:",
                                                      "@import")), css


def all_html(b: Briefing) -> dict[str, str]:
    """The briefing as every HTML a reader may open: the page, the Markdown as a permissive
    viewer renders it (raw HTML allowed), and the email's HTML part when email is built."""
    from markdown_it import MarkdownIt

    out = {"html": render_briefing(b, "html"),
           "md": MarkdownIt("commonmark", {"html": True}).render(render_briefing(b, "md"))}
    try:
        from briefing.render.email import render_briefing_email
    except ImportError:
        return out
    out["email-html"] = render_briefing_email(b, "email-html")
    message = message_from_string(render_briefing_email(b, "email"))
    parts = [p for p in message.walk() if p.get_content_type() == "text/html"]
    out["email"] = parts[0].get_payload(decode=True).decode("utf-8")
    return out
