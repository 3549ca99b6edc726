"""Shared fixtures: a fake engine (like llm's MockModel), sample articles, span checks."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from briefing.clean.article import clean_text
from briefing.engines import Engine, register_engine
from briefing.engines import registry as engine_registry
from briefing.schema import (
    Article,
    Briefing,
    KeyPoint,
    Provenance,
    Source,
    Span,
    Uncertainty,
    Who,
)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "harbour-fire.txt"
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
FABRICATED = "We will rebuild the harbour in a single night"
FILLER = ("The council met for three hours and heard from residents, business owners and "
          "officials before the vote. Several speakers asked for more time to study the "
          "plan, while others said the city had already waited too long. A final decision "
          "is expected next month, after a public consultation that will run for six weeks.")


def story(first: str) -> str:
    """An article long enough to pass the quality gate, starting with ``first``."""
    return f"{first}\n\n{FILLER}\n"

XSS_TEXT = """<script>alert('title')</script> Mayor <img src=x onerror=alert(1)> resigns

The mayor of Springfield, Ann Lee, resigned on Monday. "<script>alert('quote')</script> I am \
leaving <img src=x onerror=alert(2)> office," Lee said. The council said a vote would follow \
in <b>March</b> and [a link](javascript:alert(3)) was posted.
"""


class FakeEngine(Engine):
    """Builds a briefing from simple patterns; with ``fabricate`` it invents a quote."""

    name = "fake"

    def __init__(self, fabricate: bool = False) -> None:
        self.fabricate = fabricate
        self.calls = 0

    def extract(self, article: Article, *, now: datetime) -> Briefing:
        self.calls += 1
        text = article.text
        first = re.search(r"[^\n]+", text)
        assert first is not None
        lead = Span(quote=first.group(), start=first.start(), end=first.end())
        names = [Span(quote=m.group(), start=m.start(), end=m.end())
                 for m in re.finditer(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", text)][:3]
        quotes = [Span(quote=m.group(1), start=m.start(1), end=m.end(1))
                  for m in re.finditer(r"[\"“]([^\"”]+)[\"”]", text)]
        if self.fabricate:
            quotes.append(Span(quote=FABRICATED, start=0, end=len(FABRICATED)))
        return Briefing(
            headline=article.title or lead.quote,
            summary=lead.quote,
            key_points=[KeyPoint(text=lead.quote, evidence=[lead])],
            who=[Who(name=s.quote, kind="person", evidence=[s]) for s in names],
            sources=[Source(name=names[0].quote if names else "unnamed", kind="named",
                            quotes=quotes)],
            uncertainty=Uncertainty(confidence="moderate", single_source=True,
                                    reasons=["fake engine"]),
            article=article,
            provenance=Provenance(engine=self.name, created_at=now.isoformat()),
        )


@pytest.fixture(autouse=True)
def _restore_engine_registry():
    """Engines a test registers are gone after it."""
    before = dict(engine_registry._entries)
    yield
    engine_registry._entries.clear()
    engine_registry._entries.update(before)


@pytest.fixture
def fake_engine() -> FakeEngine:
    engine = FakeEngine()
    register_engine("fake", lambda settings: engine)
    return engine


@pytest.fixture
def lying_engine() -> FakeEngine:
    engine = FakeEngine(fabricate=True)
    register_engine("lying", lambda settings: engine)
    return engine


@pytest.fixture
def xss_article() -> Article:
    return clean_text(XSS_TEXT)


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (benchmark data) is not present next to the project")
    return SHARED


def assert_verbatim(briefing: Briefing) -> None:
    """The grounding invariant: every span is a verbatim slice of the article text."""
    text = briefing.article.text
    for span in briefing.spans():
        assert text[span.start:span.end] == span.quote, span


class Site:
    def __init__(self, root: Path, url: str) -> None:
        self.root, self.url = root, url

    def __truediv__(self, name: str) -> Path:
        return self.root / name


@pytest.fixture
def site(tmp_path):
    """A static site on 127.0.0.1 serving files written into the returned folder."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    root = tmp_path / "site"
    root.mkdir()

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(Quiet, directory=str(root)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield Site(root, f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.shutdown()
    httpd.server_close()
