"""Numbers in a story, compared as an editor would: bounds, rising tolls, real disputes."""

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.daily.facts import compare_facts, reports_of, same_figure
from briefing.schema import Article, Briefing, Provenance, Uncertainty


def art(text: str, published: str | None = None, outlet: str = "Outlet") -> Briefing:
    """A briefing around an article: only the text, the time and the outlet matter here."""
    return Briefing(headline=text.split(".")[0], summary=text,
                    uncertainty=Uncertainty(confidence="moderate", single_source=True),
                    article=Article(text=text, published=published, publisher=outlet,
                                    content_sha256=str(abs(hash((text, published, outlet))))),
                    provenance=Provenance(engine="test", created_at="2026-11-24T09:00:00"))


def compare(*items: Briefing):
    return compare_facts(list(items), {i: b.article.publisher or "" for i, b in
                                       enumerate(items)}, [f"a{i}" for i in range(len(items))])


def values(facts) -> list[str]:
    return [f.value for f in facts]


def test_lower_bounds_that_one_figure_satisfies_are_no_conflict():
    out = compare(art("A bomb killed at least two people in the city on Friday.",
                      "2026-11-20T10:00:00", "North"),
                  art("At least two people were killed by the bomb, police said.",
                      "2026-11-20T10:00:00", "South"),
                  art("The bomb attack left 4 people dead, officials said.",
                      "2026-11-20T10:00:00", "East"))
    assert out.conflicts == [] and out.progressions == []
    (killed,) = out.corroborated
    assert killed.subject == "killed" and killed.value == "4"  # the figure the bounds allow
    assert killed.reported_by == ["East", "North", "South"]


def test_a_toll_that_grows_between_publication_times_is_a_progression():
    out = compare(art("Two people were killed in the attack, police said.",
                      "2026-11-10T20:00:00", "Early Wire"),
                  art("At least four people were killed in the attack, officials said.",
                      "2026-11-11T09:00:00", "Morning Post"),
                  art("The death toll from the attack rose to at least six on Friday.",
                      "2026-11-11T11:00:00", "Noon News"),
                  art("The attack killed at least six people, the ministry said.",
                      "2026-11-11T12:30:00", "Evening Star"))
    assert out.conflicts == []
    (progression,) = out.progressions
    assert progression.subject == "killed"
    assert values(progression.values) == ["2", "at least 4", "at least 6"]
    assert [f.first_reported for f in progression.values] == [
        "2026-11-10T20:00:00", "2026-11-11T09:00:00", "2026-11-11T11:00:00"]
    # Only the latest figure is corroborated, by the two outlets that gave it.
    assert [(f.value, f.reported_by) for f in out.corroborated] == [
        ("at least 6", ["Noon News", "Evening Star"])]


def test_a_toll_that_falls_after_a_higher_figure_is_a_conflict_with_who_and_when():
    out = compare(art("Seven people were killed in the crash, police said.",
                      "2026-11-10T08:00:00", "First"),
                  art("Seven people were killed in the crash, the fire service said.",
                      "2026-11-10T09:00:00", "Second"),
                  art("Three people were killed in the crash, the council said.",
                      "2026-11-10T18:00:00", "Third"))
    (conflict,) = out.conflicts
    reported = {f.value: (f.reported_by, f.first_reported, f.articles) for f in conflict.values}
    assert reported == {"7": (["First", "Second"], "2026-11-10T08:00:00", ["a0", "a1"]),
                        "3": (["Third"], "2026-11-10T18:00:00", ["a2"])}
    assert out.corroborated == []  # no value both corroborated and disputed
    assert out.progressions == []


def test_same_day_without_a_time_of_day_can_be_either_order():
    out = compare(art("Forty people were injured, police said.", "2026-11-09", "Day Paper"),
                  art("More than 50 people were injured in the derailment.",
                      "2026-11-09T18:50:00", "Evening"))
    assert out.conflicts == []
    assert values(out.progressions[0].values) == ["40", "more than 50"]


def test_undated_reports_that_disagree_are_a_conflict():
    out = compare(art("Twelve people were injured, the fire service said.", None, "One"),
                  art("Hospitals treated 20 people who were injured, a spokesman said.",
                      None, "Two"))
    assert [c.subject for c in out.conflicts] == ["injured"]


def test_parts_of_a_toll_and_other_events_are_not_the_toll():
    text = ("Seven people were killed when the tram overturned. The other three people killed "
            "have now been named by police. Two more people were injured on Friday. In 2015 a "
            "similar crash killed 30 people.")
    reports = {r.subject: r.value for r in reports_of(art(text, "2026-11-12T10:00:00"))}
    assert reports == {"killed": "7"}
    strike = art("The Taliban said the attack was revenge for air strikes that left 32 "
                 "civilians dead. At least two people were killed in the bombing.")
    assert [(r.subject, r.value) for r in reports_of(strike)] == [("killed", "at least 2")]


def test_sizes_in_other_units_agree_and_different_depths_conflict():
    out = compare(art("The boy fell into a 40-metre-deep well on Sunday.",
                      "2026-11-08T12:00:00", "A"),
                  art("He fell into a 131-foot-deep well while picking cabbages.",
                      "2026-11-08T13:00:00", "B"))
    assert out.conflicts == []
    assert [f.subject for f in out.corroborated] == ["depth of the well"]
    out = compare(art("The boy fell into a 40-metre-deep well on Sunday.",
                      "2026-11-08T12:00:00", "A"),
                  art("The boy fell into the 80m-deep well in Hebei province.",
                      "2026-11-11T03:00:00", "C"))
    (conflict,) = out.conflicts
    assert conflict.subject == "depth of the well"
    assert values(conflict.values) == ["40 m", "80 m"]


def test_an_age_given_two_ways_is_a_conflict_but_two_people_are_not():
    out = compare(art("Rescuers are trying to reach a five-year-old boy in the well.",
                      "2026-11-08T12:00:00", "A"),
                  art("A six-year-old boy fell into the well while his father worked.",
                      "2026-11-08T17:00:00", "B"))
    assert [(c.subject, values(c.values)) for c in out.conflicts] == [
        ("age of the boy", ["5", "6"])]
    out = compare(art("A 42-year-old man, the driver, was arrested.", "2026-11-09T09:00:00",
                      "A"),
                  art("A 73-year-old man who lives nearby heard the crash.",
                      "2026-11-09T10:00:00", "B"))
    assert out.conflicts == [] and out.corroborated == []
    # "The six-year-old fell" gives no age of anyone called "fell".
    assert reports_of(art("The six-year-old fell into the well on Sunday.")) == []


def test_same_figure_is_a_change_of_wording_not_a_revision():
    assert same_figure("7", "at least 7") and same_figure("131 ft (40 m)", "40 m")
    assert not same_figure("at least 2", "at least 6")


_VALUE = st.sampled_from(["2", "3", "at least 2", "at least 3", "more than 4", "5", "about 10",
                          "nearly 6"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_VALUE, st.sampled_from(["A", "B", "C", "D"]),
                          st.one_of(st.none(), st.integers(0, 72))), min_size=1, max_size=6))
def test_no_value_is_both_corroborated_and_disputed(reports):
    items = [art(f"The storm killed {value} people, officials said.",
                 None if hour is None else f"2026-11-{10 + hour // 24:02d}T{hour % 24:02d}:05:00",
                 outlet) for value, outlet, hour in reports]
    out = compare(*items)
    disputed = {c.subject for c in out.conflicts}
    assert not disputed & {f.subject for f in out.corroborated}
    assert not disputed & {p.subject for p in out.progressions}
    for f in out.corroborated:
        assert len(set(f.reported_by)) >= 2
    for c in out.conflicts:
        assert len(c.values) >= 2 and len({f.value for f in c.values}) == len(c.values)
    for p in out.progressions:  # a toll's steps only go up, in time order
        figures = [float(f.value.split()[-1]) for f in p.values]
        assert len(p.values) >= 2 and figures == sorted(figures)
        assert all(f.first_reported for f in p.values)


def test_the_age_of_a_climber_is_read_like_a_boys():
    out = compare(art("A 25-year-old climber fell on the north face on Sunday.",
                      "2026-11-20T10:00:00", "North"),
                  art("Rescuers reached the 27-year-old climber on Monday.",
                      "2026-11-21T10:00:00", "South"))
    assert [c.subject for c in out.conflicts] == ["age of the climber"]
