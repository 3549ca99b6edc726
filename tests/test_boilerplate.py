"""Line filters: drop promotions and credits, never body sentences."""

from __future__ import annotations

import pytest

from briefing.clean.boilerplate import Block, filter_blocks, is_boilerplate, is_title_line


@pytest.mark.parametrize("line", [
    "Download The FreeDom News app For Iphone and Android – Share the Apps with Friends and "
    "Family.",
    "Sign up for our daily newsletter",
    "Thanks for signing up!",
    "Follow us on Twitter",
    "Share this article",
    "READ MORE: China plague outbreak confirmed",
    "Photo: Jane Doe/Getty Images",
    "(AP Photo/John Smith)",
    "We use cookies to improve your experience. By continuing you agree.",
    "Copyright ©2019 Dow Jones & Company, Inc. All Rights Reserved",
    "Advertisement",
])
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Apple released the update for the iPhone last week, the company said.",
    "The story was first reported by Reuters.",
    "Video shows the moment the bridge collapsed into the river.",
    "The site uses cookies to track readers, the regulator found.",
    "Read the full report, officials urged, before the vote on Tuesday.",
    "He said users could download the app for free until the end of the month, which many did.",
])
def test_body_sentences_are_kept(line: str) -> None:
    assert not is_boilerplate(line)


def test_title_line_variants() -> None:
    title = "Several Russian soldiers were arrested for refusing to fight"
    assert is_title_line(f"{title}  - The Freedom News", title)
    assert is_title_line(title, title)
    assert is_title_line("Headline here", "Headline here | Site name")
    assert not is_title_line("Storm hits the coast today.", "Storm hits")


def test_link_lists_and_trailing_headings_dropped() -> None:
    blocks = [Block("Body sentence one is long enough to be a paragraph of text.", "p"),
              Block("You may also like", "head"),
              Block("Another story headline", "item", link_ratio=1.0)]
    assert [b.text for b in filter_blocks(blocks, None)] == [blocks[0].text]


@pytest.mark.parametrize("line", [
    "Image copyright EPA Image caption The massive blast ripped through the port",
    "Media caption Footage shows the moment the bridge collapsed",
    "The best TV of the week | Rebecca Nicholson Read more",
    "Lakers vs Nets: NBA make final decision on game amid China turmoil [VIDEO]",
    "Storm Ciara: the clean-up begins across the north [PICS]",
])
def test_captions_and_related_links_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "He said he would read more about the plan before deciding, the mayor added.",
    "The video, which was shared widely, showed the bridge collapsing into the river.",
    "Image rights lawyers said the case could take years.",
])
def test_sentences_that_mention_captions_or_reading_stay(line):
    assert not is_boilerplate(line)


def test_inline_photo_credits_are_removed_from_both_text_and_html():
    from briefing.clean import clean_html, clean_text

    body = ("Crowds gathered outside the court on Monday. (Photo: AP) The judge arrived at "
            "noon and the hearing began an hour later, the court said. ") * 3
    assert "(Photo: AP)" not in clean_text(body).text
    page = f"<html><body><article><p>{body}</p></article></body></html>"
    text = clean_html(page).text
    assert "(Photo: AP)" not in text and "The judge arrived at noon" in text
