"""Quality gate: stubs, paywalls, error pages and link lists are refused; articles pass."""

from __future__ import annotations

from briefing.clean.article import make_article
from briefing.clean.quality import assess

ARTICLE = "\n\n".join(
    f"Officials in the city said on Tuesday that repairs to bridge number {i} would start in "
    "May and take most of the year, after inspectors found cracks in two supports."
    for i in range(5)
)


def test_real_article_passes() -> None:
    quality = assess(make_article(ARTICLE))
    assert quality.ok and quality.reasons == []


def test_too_short() -> None:
    quality = assess(make_article("The bridge will close on Monday."))
    assert not quality.ok and any("too short" in r for r in quality.reasons)


def test_paywall_stub() -> None:
    text = ("The council voted late on Tuesday to close the bridge for repairs, a decision that "
            "angered commuters and local businesses across the town.\n\n"
            "Subscribe to continue reading this article. Already a subscriber? Sign in.")
    quality = assess(make_article(text))
    assert not quality.ok and any("paywall" in r for r in quality.reasons)


def test_paywall_words_inside_long_article_are_fine() -> None:
    text = ARTICLE + "\n\nReaders who subscribe to continue reading get the full archive."
    assert assess(make_article(text)).ok


def test_error_page() -> None:
    quality = assess(make_article("404 Not Found\n\nThe page you are looking for does not exist.",
                                  title="Page not found"))
    assert not quality.ok and any("error page" in r for r in quality.reasons)


def test_feed_index_is_not_an_article() -> None:
    text = "\n".join(f"Headline number {i} about the bridge and the council" for i in range(30))
    quality = assess(make_article(text))
    assert not quality.ok and any("list of links" in r for r in quality.reasons)


def test_mostly_boilerplate() -> None:
    text = "\n".join(["Share this article", "Follow us on Twitter", "Sign up for our newsletter",
                      "Advertisement", "Thanks for signing up!"] * 6)
    quality = assess(make_article(text))
    assert not quality.ok and any("boilerplate" in r for r in quality.reasons)


def test_numbers_and_not_found_in_short_news_are_not_error_pages():
    from briefing.clean.article import clean_text
    from briefing.clean.quality import assess

    for title in ("City council approves plan number 404", "Hiker not found after storm"):
        text = title + "\n\n" + " ".join(["The search continued through the night."] * 10)
        assert assess(clean_text(text)).ok, title
    page = "Error 404\n\nThe page you are looking for does not exist. Return home."
    assert not assess(clean_text(page)).ok


def test_words_are_counted_in_scripts_written_without_spaces():
    from briefing.clean.words import word_count

    assert word_count("The council met on Monday.") == 5
    assert word_count("北京市政府周一宣布了新的交通规定。") == 8  # 16 characters, ~2 per word
    assert word_count("東京で地震 M5.2") == 3 + 2  # 5 kana/kanji, plus "M5" and "2"
    assert word_count("서울시는 월요일 발표했다") == 3  # Hangul is written with spaces


def test_a_real_article_with_a_list_or_a_recipe_passes() -> None:
    intro = ("The council published its winter plan on Monday, listing the roads it will grit "
             "first and the depots that will stay open through the holidays, officials said. "
             "Residents can check the full list below before the first frost arrives.\n\n"
             "Last year three depots ran out of salt in January, and the council said it had "
             "doubled its order after complaints from bus drivers.")
    items = "\n".join(f"Depot {i}: Mill Road" for i in range(20))
    quality = assess(make_article(intro + "\n\n" + items))
    assert quality.ok, quality.reasons


def test_a_short_wire_brief_passes() -> None:
    brief = ("Firefighters rescued two people from a burning flat in Leeds early on Tuesday, "
             "the fire service said. Both were taken to hospital with minor injuries, and the "
             "cause of the fire is being investigated.")
    assert assess(make_article(brief)).ok


def test_a_chinese_article_is_counted_and_passes() -> None:
    text = "北京市政府周一宣布了新的交通规定，以减少市中心的拥堵。" * 6
    quality = assess(make_article(text))
    assert quality.ok, quality.reasons
