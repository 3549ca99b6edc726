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
              Block("Another story headline about the harbour", "item", link_ratio=1.0)]
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


@pytest.mark.parametrize("line", [
    "(Reporting by Greg Roumeliotis; editing by Martin Howell.)",
    "Additional reporting by Joseph Hudak",
    "Keith Bradsher contributed reporting from Hong Kong.",
    "Associated Press writers Alan Fram and Zeke Miller contributed to this report.",
])
def test_contributor_credits_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Updated at 1:23 p.m.",
    "UPDATED: Tue., Nov. 19, 2019",
    "Published 18 November 2019",
    "5:45 AM PST 11/19/2019 by Patrick Shanley",
    "기사입력 :[ 2018-08-25 15:24 ]",
    "Aktualisiert am 19.11.2019",
    "5 min read",
    "Tempo de leitura: 2 minutos",
])
def test_timestamps_and_reading_times_on_their_own_line_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "4:14 p.m.",  # heads an entry of a live blog
    "Nov. 19, 2019",
    "29 November 2018 | 20 January 2019",  # an exhibition's dates
    "Updated Police Identify Man, Woman Found Dead in Plano Apartment",
    "The vote was held on Nov. 19, 2019 at 10:30 a.m., officials said.",
    "Reporting by the newspaper found that the mayor had lied about the budget.",
    "The hospital contributed to this report, which the ministry published on Monday.",
])
def test_dates_times_and_sentences_about_reporting_stay(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Follow The New York Times Opinion section on Facebook, Twitter (@NYTopinion) and "
    "Instagram.",
    "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
    "Write to Al Root at allen.root@example.com",
    "Reach the reporters on Twitter at http://twitter.com/example",
    "Follow AP's full coverage of Brexit and British politics at https://example.com/Brexit",
    "Listen: http://po.st/TP_615",
    "Subscribe to 9to5Mac on YouTube for more Apple news:",
    "Sign Up: Stay on top of the latest breaking film and TV news!",
])
def test_follow_contact_and_subscribe_lines_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Related post: Pickled Brussels Sprouts Recipe",
    "[Related: Salesforce Dreamforce Keynote: AI, Integration, Alicia Keys And Protestors]",
    "Most read in world news",
    "Popular on IndieWire",
    "China furious at Macron for Hong Kong protest jibe [INSIGHT]|",
    "(Leggi anche su: I Cavalieri dello Zodiaco: ecco gli attori –FOTO)",
    "Lesen Sie auch: Die Bahn erhöht die Preise",
    "Leia também: Governo anuncia novo programa",
    "Filed under: Politics |",
    "SOURCE: Al Jazeera News",
    "If you buy something through this post, we may get a share of the sale.",
])
def test_related_links_tags_sources_and_affiliate_notices_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "[CNBC]",  # the source of a quotation
    "The committee read also the letter from the governor before it voted on the bill.",
    "Popular support for the plan has fallen since the summer, a poll found.",
    "The source: a leaked memo that the ministry never denied, the paper said.",
])
def test_short_citations_and_sentences_that_start_alike_stay(line):
    assert not is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Copyright ⓒ Entermedia.co.kr. 무단전재 및 재배포 금지",
    "copyright Inexhibit 2019 - ISSN: 2283-5474",
    "© Le Monde. Tous droits réservés.",
    "Alle Rechte vorbehalten.",
])
def test_copyright_notices_in_any_language_are_boilerplate(line):
    assert is_boilerplate(line)


def test_boilerplate_lines_inside_one_block_go_and_the_rest_stays():
    body = Block("The council voted to close the harbour bridge for repairs next week, "
                 "the mayor said.", "p")
    teasers = Block("Don't miss\nPlague fears grow as third case confirmed [INSIGHT]\n"
                    "Ferry service to run every hour while the bridge is shut", "p")
    kept = filter_blocks([body, teasers], None)
    assert [b.text for b in kept] == [body.text,
                                      "Ferry service to run every hour while the bridge is shut"]


@pytest.mark.parametrize("line", [
    "sexta-feira, 22 de outubro de 2010 às 20:13",
    "Publicado em 22 de outubro de 2010",
    "Mardi 19 novembre 2019 à 10h30",
])
def test_timestamps_in_other_languages_are_boilerplate(line):
    assert is_boilerplate(line)


def test_a_sharing_label_glued_to_a_sentence_goes_and_the_sentence_stays():
    blocks = [Block("Every online business exists in the space-time continuum.Click To Tweet")]
    assert [b.text for b in filter_blocks(blocks, None)] == [
        "Every online business exists in the space-time continuum."]


@pytest.mark.parametrize("text", [
    "Read the council's full report on the harbour bridge.",  # a linked sentence
    "http://www.example.com/2013/02/report.html",  # a cited address
    "Performance Energize",  # a product named in a recipe
])
def test_linked_sentences_addresses_and_names_are_not_teasers(text):
    body = Block("The council voted to close the harbour bridge for repairs next week.")
    kept = filter_blocks([body, Block(text, "p", link_ratio=1.0)], None)
    assert [b.text for b in kept] == [body.text, text]


@pytest.mark.parametrize("line", [
    "Get Motor Cycle Monthly delivered every month. 12 issues for £11.99. Click here for more.",
    "There's plenty more where that came from. Sign up for The Water Coolest today to get the "
    "free daily newsletter delivered to your inbox.",
    "The core stage of the rocket after its four engines were installed. (credit: NASA/J. Doe)",
    "Monday, November 18, 2019",
])
def test_promotions_caption_credits_and_datelines_are_boilerplate(line):
    assert is_boilerplate(line)


def test_a_sentence_ending_in_a_credit_keeps_the_sentence_without_it():
    blocks = [Block("The council voted to close the harbour bridge for repairs next week, the "
                    "mayor said on Tuesday in a statement (credit: Jane Doe) and left.")]
    assert [b.text for b in filter_blocks(blocks, None)] == [
        "The council voted to close the harbour bridge for repairs next week, the mayor said "
        "on Tuesday in a statement and left."]


@pytest.mark.parametrize("line", [
    "Like many people on social media, she was shocked by the news from the harbour.",
    "More than 100 people signed the petition at www.example.org, organisers said.",
])
def test_sentences_that_start_like_follow_or_more_lines_stay(line):
    assert not is_boilerplate(line)


def test_a_linked_heading_of_a_list_article_stays():
    blocks = [Block("Satechi 72W USB-C Power Delivery Car Charger", "head", link_ratio=1.0),
              Block("It charges a laptop and a phone at once, and it costs less than most.")]
    assert [b.text for b in filter_blocks(blocks, None)] == [b.text for b in blocks]


def test_a_paywall_notice_is_left_for_the_quality_gate_to_name():
    assert not is_boilerplate("Subscribe to continue reading this story.")
    assert is_boilerplate("Subscribe to 9to5Mac on YouTube for more Apple news:")
