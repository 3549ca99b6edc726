"""The daily brief: stories grouped, wire copy counted once, a planted conflict flagged; the
benchmark figures on the Giveme5W1H events."""

import json
from datetime import datetime, timezone

from typer.testing import CliRunner

from briefing.api import brief_article
from briefing.clean.article import clean_text
from briefing.cli import app
from briefing.daily.build import build_daily
from briefing.render import render_daily
from briefing.schema import DailyBrief

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
WIRE = ("A road bridge over the Elbe collapsed in Dresden on Tuesday morning during rush hour, "
        "and 12 people were injured, the city fire service said. Rescue teams searched the "
        "river for hours while police closed the surrounding streets. The fire service said the "
        "structure had been inspected last year and that engineers would examine the remains. "
        "Residents described a loud bang before the middle section fell into the water.")
SAXON = ("Twelve people were hurt when the Carola bridge in Dresden gave way on Tuesday, "
         "according to the fire service. Engineers from the state agency arrived in the "
         "afternoon, and the mayor visited the collapsed Elbe crossing and thanked the rescuers. "
         "Officials said it was too early to name a cause, but local residents said cracks had "
         "been reported months ago. Trams across the city were diverted for the rest of the day.")
RADIO = ("Dresden hospitals treated 20 people who were injured in Tuesday's collapse of the Elbe "
         "bridge, a hospital spokesman said, a higher count than the fire service gave earlier. "
         "Two of them are in a serious condition. Hospitals cancelled planned operations to make "
         "room. The regional government promised an inquiry into the collapse and into the "
         "inspection reports, which opposition politicians in Dresden demanded to see at once.")
VOTE = ("Parliament in Lisbon approved the national budget on Friday after a long debate, with "
        "the governing coalition winning the vote by a narrow margin. Opposition leaders said "
        "the spending plan ignored rising housing costs and promised to challenge it. The "
        "finance minister said the budget would reduce the deficit while protecting pensions. "
        "Trade unions announced a protest in Lisbon for next week against the measures.")


def brief(text: str, publisher: str, url: str):
    article = clean_text(text, publisher=publisher, url=url, title=text.split(",")[0])
    return brief_article(article, now=NOW)


def sample():
    items = [
        (WIRE, "Elbe Post", "https://elbepost.example/bridge"),
        (WIRE + " Traffic was diverted.", "Wire Reprint", "https://reprint.example/bridge"),
        (SAXON, "Saxon Daily", "https://saxon.example/bridge"),
        (RADIO, "Radio Dresden", "https://radio.example/bridge"),
        (VOTE, "Lisbon Times", "https://lisbon.example/budget"),
    ]
    briefings = [brief(*item) for item in items]
    return briefings, [f"a{i}" for i in range(len(briefings))]


def test_groups_stories_counts_wire_copy_once_and_flags_the_planted_conflict():
    briefings, ids = sample()
    daily = build_daily(briefings, ids, date="2026-11-24", now=NOW)
    assert [len(s.articles) for s in daily.stories] == [3, 1]  # the reprint is folded in
    bridge = daily.stories[0]
    assert bridge.independent_sources == 3  # four articles, one of them a reprint
    assert sum(len(a.copies) for a in bridge.articles) == 1
    (conflict,) = bridge.conflicts
    assert conflict.subject == "injured"
    reported = {f.value: f.reported_by for f in conflict.values}
    assert sorted(reported) == ["12", "20"] and reported["20"] == ["Radio Dresden"]
    # The wire copy and its reprint speak as one: one of the two names, never both.
    assert len(reported["12"]) == 2 and "Saxon Daily" in reported["12"]
    # Disputed, so not also shown as corroborated, though two sources agree on 12.
    assert bridge.corroborated == []
    assert bridge.confidence == "low" and any("disagree" in r for r in bridge.reasons)
    assert daily.stories[1].confidence in ("low", "moderate")


def test_previous_brief_keeps_ids_and_marks_status():
    briefings, ids = sample()
    first = build_daily(briefings[:3], ids[:3], date="2026-11-23", now=NOW)
    second = build_daily(briefings, ids, date="2026-11-24", now=NOW, previous=first)
    bridge, vote = second.stories
    assert bridge.id == first.stories[0].id and bridge.status == "updated"
    assert vote.status == "new"
    again = build_daily(briefings, ids, date="2026-11-24", now=NOW, previous=second)
    assert {s.status for s in again.stories} == {"unchanged"}


def test_daily_is_deterministic_and_renders_inert(tmp_path):
    briefings, ids = sample()
    briefings[4].headline = "<script>alert(1)</script> Budget"
    a = build_daily(briefings, ids, date="2026-11-24", now=NOW)
    b = build_daily(list(reversed(briefings)), list(reversed(ids)), date="2026-11-24", now=NOW)
    assert a == b
    html = render_daily(a, "html")
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "Sources disagree" in html
    md = render_daily(a, "md")
    assert md.startswith("# Daily brief — 2026-11-24") and "<script>" not in md
    assert DailyBrief.model_validate_json(render_daily(a, "json")) == a


def test_cli_daily_from_articles_and_from_saved_json(tmp_path):
    (tmp_path / "in").mkdir()
    for i, text in enumerate([WIRE, VOTE]):
        (tmp_path / "in" / f"a{i}.txt").write_text(text)
    runner = CliRunner()
    out = tmp_path / "daily.json"
    result = runner.invoke(app, ["daily", str(tmp_path / "in"), "-o", str(out), "--date",
                                 "2026-11-24", "--cache", str(tmp_path / "c.sqlite")])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["date"] == "2026-11-24" and len(data["stories"]) == 2
    result = runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "b"),
                                 "--cache", str(tmp_path / "c.sqlite"), "-q",
                                 "--daily", str(tmp_path / "d.html")])
    assert result.exit_code == 0, result.output
    assert "<h1>Daily brief" in (tmp_path / "d.html").read_text()
    result = runner.invoke(app, ["daily", str(tmp_path / "b"), "--previous", str(out)])
    assert result.exit_code == 0 and "(unchanged)" in result.stdout


def test_same_words_about_another_city_is_another_story():
    other = (WIRE.replace("Elbe", "Douro").replace("Dresden", "Porto"), "Porto News",
             "https://porto.example/bridge")
    briefings = [brief(WIRE, "Elbe Post", "https://e.example/1"), brief(*other)]
    daily = build_daily(briefings, ["dresden", "porto"], date="2026-11-24", now=NOW)
    assert len(daily.stories) == 2


def test_giveme5w1h_stories_are_events_with_real_conflicts_only(shared):
    """The benchmark's figures on the 95 labelled articles (benchmarks/daily.py)."""
    import importlib.util
    import sys
    from pathlib import Path

    bench = Path(__file__).resolve().parents[1] / "benchmarks"
    sys.path.insert(0, str(bench))
    try:
        spec = importlib.util.spec_from_file_location("daily_bench", bench / "daily.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["daily_bench"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(bench))
        sys.modules.pop("daily_bench", None)
    daily, _, result, _ = module.run()
    assert result.f1 >= module.TARGET_F1
    assert result.false_conflicts == 0
    assert result.latest_lead == result.stories
    for story in daily.stories:
        disputed = {c.subject for c in story.conflicts}
        assert not disputed & {f.subject for f in story.corroborated}
        assert "Click to share" not in story.summary and story.summary
