"""Stories are events: grouping, the lead, the summary, who, ranking and day over day."""

import hashlib
import math
from datetime import datetime, timezone
from email import message_from_string

from briefing.daily import build_daily
from briefing.daily.stories import cluster, time_factor
from briefing.render import render_daily
from briefing.schema import (
    Article,
    Briefing,
    Provenance,
    Source,
    Uncertainty,
    Where,
    Who,
)

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)


def art(headline: str, text: str, published: str | None, outlet: str, *,
        who: tuple[tuple[str, str], ...] = (), where: tuple[str, ...] = (),
        summary: str | None = None, official: bool = False) -> Briefing:
    """A briefing as an engine would give it, built by hand so that each test says what
    matters: the headline, text, time, outlet, people and places."""
    body = f"{headline}\n\n{text}"
    return Briefing(
        headline=headline, summary=summary or text.split(". ")[0] + ".",
        who=[Who(name=n, kind=k) for n, k in who],  # type: ignore[arg-type]
        where=[Where(name=p, kind="city") for p in where],
        sources=[Source(name="police", kind="official")] if official else [],
        uncertainty=Uncertainty(confidence="moderate", single_source=True),
        article=Article(text=body, title=headline, published=published, publisher=outlet,
                        url=f"https://{outlet.lower().replace(' ', '')}.example/"
                            f"{hashlib.sha1(body.encode()).hexdigest()[:8]}",
                        content_sha256=hashlib.sha256(body.encode()).hexdigest()),
        provenance=Provenance(engine="test", created_at=NOW.isoformat()))


CLEARED = [
    art("FBI clears Clinton in email review two days before the election",
        "The FBI said on Sunday that its review of newly found emails had not changed its "
        "conclusion that Hillary Clinton should face no criminal charges. James Comey told "
        "Congress in a letter that investigators had worked around the clock. Republicans "
        "questioned how agents could read so many emails in eight days.",
        "2016-11-06T21:00:00", "Wire One"),
    art("Comey says new emails do not change conclusion on Clinton",
        "FBI director James Comey said the bureau found no evidence of wrongdoing in the "
        "additional emails and stands by its decision not to recommend charges against "
        "Hillary Clinton. The review ended two days before voters go to the polls. Donald "
        "Trump called the process rigged at a rally in Michigan.",
        "2016-11-07T02:30:00", "Daily Two"),
    art("Clinton in the clear as FBI ends email review",
        "Hillary Clinton received a boost on Sunday when the FBI announced that a review of "
        "emails found on a laptop had turned up nothing new. Comey's letter to Congress said "
        "the conclusion reached in July still stood. Clinton's campaign welcomed the news.",
        "2016-11-07T11:00:00", "Post Three"),
]
BLAMES = [
    art("Clinton blames Comey letters for her election defeat",
        "Hillary Clinton told donors on a conference call on Saturday that FBI director James "
        "Comey's letters stopped her momentum and cost her the presidency. She said the "
        "second letter energised Trump voters in the final days of the campaign.",
        "2016-11-12T20:00:00", "Wire One"),
    art("Hillary Clinton says Comey cost her the White House",
        "In a call with her top fundraisers, Hillary Clinton blamed her loss to Donald Trump "
        "on the FBI director, saying his late intervention halted her campaign's momentum. "
        "Donors on the call said she sounded defeated but determined.",
        "2016-11-13T01:00:00", "Daily Two"),
    art("Clinton points finger at FBI chief for defeat",
        "Hillary Clinton has blamed James Comey for her defeat, telling supporters on a "
        "Saturday call that the FBI letters turned voters away in swing states. Aides said "
        "the defeat was hard to accept.",
        "2016-11-13T08:00:00", "Post Three"),
]


def test_distinct_events_with_the_same_people_stay_apart_and_each_event_together():
    briefings = CLEARED + BLAMES
    assert sorted(cluster(briefings)) == [[0, 1, 2], [3, 4, 5]]
    # The same words a day apart instead of a week still part: the words differ.
    soon = [b.model_copy(update={"article": b.article.model_copy(update={
        "published": b.article.published.replace("-12T", "-08T").replace("-13T", "-09T")})})
        for b in BLAMES]
    assert sorted(cluster(CLEARED + soon)) == [[0, 1, 2], [3, 4, 5]]


def test_time_factor_is_one_within_a_day_and_decays_after():
    t = datetime(2026, 11, 10, 12, tzinfo=timezone.utc)
    assert time_factor(t, t.replace(hour=23)) == 1.0
    assert math.isclose(time_factor(t, t.replace(day=14)), math.exp(-1.0))
    assert time_factor(t, None) == 1.0
    assert time_factor(t, t.replace(day=30)) < 0.01


def test_a_story_leads_with_its_latest_article_and_summarises_it_without_furniture():
    share = ("Click to share on WhatsApp (Opens in new window) Click to share on Facebook "
             "(Opens in new window)")
    latest = art("Boy found dead in well after four-day search",
                 "Rescuers in Hebei province found the boy dead at the bottom of the well on "
                 "Friday after a four-day search. More than 500 rescuers had dug beside the "
                 "well since Sunday.", "2026-11-11T03:00:00", "North Wire",
                 summary=f"Rescuers in Hebei province found the boy dead at the bottom of the "
                         f"well after a four-day search in the village {share}")
    earlier = art("Race to reach boy trapped in well in Hebei",
                  "Dozens of rescuers in Hebei province are trying to reach a boy who fell "
                  "into a well on Sunday. Diggers have been brought to the village.",
                  "2026-11-08T12:00:00", "South Daily")
    undated = art("Hebei well rescue continues for trapped boy",
                  "Rescuers in Hebei province kept digging beside the well where a boy fell "
                  "on Sunday. The boy has not been reached.", None, "East Post")
    daily = build_daily([earlier, undated, latest], ["e", "u", "l"], date="2026-11-11",
                        now=NOW)
    (story,) = daily.stories
    assert [a.id for a in story.articles] == ["l", "e", "u"]  # latest first, undated last
    assert story.title == latest.headline
    assert story.summary.startswith("Rescuers in Hebei province found the boy dead")
    assert "WhatsApp" not in story.summary and "Click to share" not in story.summary


def test_who_holds_the_story_people_not_furniture_or_descriptions():
    text = ("Felipe Massa crashed out of his last home race, and Christian Horner praised Max "
            "Verstappen. Massa left the circuit in tears as Verstappen finished third. "
            "Horner said Verstappen had been special.")
    a = art("Massa crashes out of his last Brazilian Grand Prix", text, "2026-11-13T19:00:00",
            "One", who=(("Invalid Email Christian Horner", "person"), ("WhatsApp", "organization"),
                        ("At least seven people", "group"), ("FELIPE MASSA", "person")),
            where=("Interlagos",))
    b = art("Verstappen stuns Brazil as Massa bids farewell",
            "Felipe Massa said goodbye to Interlagos while Max Verstappen drove to third "
            "place. Massa was cheered by rival teams.", "2026-11-13T21:00:00",
            "Two", who=(("Felipe Massa", "person"), ("GETTY Max Verstappen", "person")),
            where=("Interlagos",))
    (story,) = build_daily([a, b], ["a", "b"], date="2026-11-13", now=NOW).stories
    assert story.who[:3] == ["Felipe Massa", "Max Verstappen", "Christian Horner"]
    assert not {"WhatsApp", "At least seven people"} & set(story.who)
    assert story.where == ["Interlagos"]


def _event(topic: str, words: str, day: int, outlets: list[str], *, dead: bool = False):
    return [art(f"{topic} {'kills three' if dead else 'announced'} in {o} report",
                f"{words} {'Three people were killed, police said. ' if dead else ''}"
                f"The news was reported by {o} on the day.", f"2026-11-{day:02d}T10:00:00", o,
                official=dead) for o in outlets]


def test_ranking_weighs_deaths_and_recency_over_volume():
    crash = _event("Lisbon tram crash", "A tram overturned in Lisbon on Monday morning.", 20,
                   ["A", "B"], dead=True)
    sweets = _event("Zurich chocolate shape change", "A chocolate maker in Zurich changed "
                    "the shape of its bar on Monday.", 20, ["A", "B", "C"])
    old = _event("Chicago baseball title win", "Chicago won the baseball title in a long "
                 "final game.", 10, ["A", "B", "C", "D", "E"])
    briefings = crash + sweets + old
    daily = build_daily(briefings, [f"x{i}" for i in range(len(briefings))],
                        date="2026-11-20", now=NOW)
    assert [s.title.split(" in ")[0] for s in daily.stories] == [
        "Lisbon tram crash kills three", "Zurich chocolate shape change announced",
        "Chicago baseball title win announced"]


def test_day_over_day_new_updated_unchanged_and_no_new_reports_in_every_format():
    tram = [art("Tram crash in Croydon kills two",
                "Two people were killed when a tram overturned in Croydon on Wednesday. "
                "The driver was arrested by British Transport Police.",
                "2026-11-09T08:00:00", "Wire One"),
            art("Croydon tram derails on sharp bend",
                "A tram derailed on a sharp bend in Croydon on Wednesday morning and two "
                "people were killed, police said.", "2026-11-09T09:00:00", "Daily Two")]
    gaga = [art("Lady Gaga protests outside Trump Tower",
                "Lady Gaga stood on a truck outside Trump Tower in New York holding a sign "
                "after the election result.", "2026-11-09T03:00:00", "Wire One")]
    vote = [art("Lisbon parliament approves the budget",
                "Parliament in Lisbon approved the national budget on Friday after a long "
                "debate.", "2026-11-09T12:00:00", "Daily Two")]
    update = [art("Croydon tram crash toll rises to seven",
                  "Seven people were killed when a tram overturned in Croydon on Wednesday, "
                  "British Transport Police said on Thursday.", "2026-11-10T09:00:00",
                  "Post Three")]
    well = [art("Boy trapped in well in Hebei",
                "Rescuers in Hebei province are trying to reach a boy who fell into a well.",
                "2026-11-10T10:00:00", "North Wire")]
    day1 = build_daily(tram + gaga + vote, ["t1", "t2", "g1", "v1"], date="2026-11-09",
                       now=NOW)
    day2 = build_daily(tram + update + vote + well, ["t1", "t2", "t3", "v1", "w1"],
                       date="2026-11-10", now=NOW, previous=day1)
    by_status = {s.status: s for s in day2.stories}
    assert sorted(s.status for s in day2.stories) == ["new", "unchanged", "updated"]
    crash = by_status["updated"]
    assert crash.id == next(s.id for s in day1.stories if "tram" in s.title.lower())
    assert crash.title == "Croydon tram crash toll rises to seven"
    assert crash.changes == ["1 new article (Post Three)", "killed revised: 2 → 7"]
    assert by_status["unchanged"].title == "Lisbon parliament approves the budget"
    assert [r.title for r in day2.no_new_reports] == ["Lady Gaga protests outside Trump Tower"]
    assert day2.previous_date == "2026-11-09"

    md = render_daily(day2, "md")
    html = render_daily(day2, "html")
    eml = message_from_string(render_daily(day2, "email"))
    text = eml.get_payload()[0].get_payload(decode=True).decode()
    mail_html = eml.get_payload()[1].get_payload(decode=True).decode()
    for out in (md, html, text, mail_html):
        flat = " ".join(out.replace("\\", "").split())
        assert "killed revised: 2 → 7" in flat and "1 new article (Post Three)" in flat
        assert "Lady Gaga protests outside Trump Tower" in flat
        for status in ("new", "updated", "unchanged"):
            assert status in flat.lower()
        assert "no new reports" in flat.lower()
    assert "(unchanged)" in md and "(new)" in md and "(updated)" in md
    # The progression is shown with who reported each figure and when.
    assert "2 (Wire One, Daily Two, 2026-11-09 08:00) → 7 (Post Three, 2026-11-10 09:00)" in \
        " ".join(md.replace("\\", "").split())


def test_a_window_keeps_the_day_articles_and_notes_what_it_left_out():
    day = [art("Boy trapped in well in Hebei", "Rescuers in Hebei province are trying to "
               "reach a boy who fell into a well.", "2026-11-10T10:00:00", "North Wire"),
           art("Hebei well rescue goes on", "Rescuers in Hebei province kept digging beside "
               "the well overnight.", None, "East Post")]
    old = [art("Chicago wins the baseball title", "Chicago won the baseball title in a long "
               "final game.", "2019-10-30T02:00:00", "Sports Desk")]
    later = [art("Hebei well boy found", "Rescuers in Hebei province found the boy.",
                 "2026-11-11T03:00:00", "North Wire")]
    daily = build_daily(day + old + later, ["d", "u", "o", "l"], date="2026-11-10", now=NOW,
                        since=datetime(2026, 11, 10), until=datetime(2026, 11, 11))
    assert daily.article_count == 2
    assert sorted(a.id for s in daily.stories for a in s.articles) == ["d", "u"]
    assert daily.notes == [
        "left out 1 article published before 2026-11-10T00:00:00+00:00",
        "left out 1 article published from 2026-11-11T00:00:00+00:00 on",
        "kept 1 article with no publication time"]
    assert "left out 1 article published before" in render_daily(daily, "md")
