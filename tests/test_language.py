"""An article's language: declared by the page, else detected from the text."""

from __future__ import annotations

import pytest
from conftest import EXAMPLE

from briefing.api import summarize
from briefing.clean import clean_html, clean_text

FRENCH = ("Le conseil municipal de Liège a voté lundi la fermeture du pont pour des travaux de "
          "réparation qui dureront trois semaines, a annoncé le maire lors d'une conférence de "
          "presse. Les camions devront emprunter la route du nord pendant toute la durée du "
          "chantier, selon la police locale.")


@pytest.mark.parametrize(("text", "code"), [
    (EXAMPLE.read_text(encoding="utf-8"), "en"),
    (FRENCH, "fr"),
    ("北京市政府周一宣布了新的交通规定，以减少市中心的拥堵。" * 4, "zh"),
])
def test_the_language_is_detected_from_the_text(text, code):
    assert clean_text(text).language == code


def test_the_page_declaration_wins_and_is_normalised():
    page = f'<html lang="fr-BE"><body><article><p>{FRENCH}</p></article></body></html>'
    assert clean_html(page).language == "fr"


def test_a_non_english_article_says_what_the_offline_engine_does_not_read(tmp_path):
    path = tmp_path / "liege.txt"
    path.write_text("Le pont de Liège fermé\n\n" + FRENCH * 2, encoding="utf-8")
    b = summarize(path, model="extractive")
    assert b.article.language == "fr"
    assert any("is in French" in r and "reads English only" in r for r in b.uncertainty.reasons)
    assert b.not_extracted == ["who", "where", "when", "sources"]
