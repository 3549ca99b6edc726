"""Given names and surnames of many languages, from Faker's person providers (MIT), for
telling a person's name ("Aryavir Kumar", "Barack Obama") from a product or a heading in
title case ("Apple TV", "Basic Activities"). A known name is evidence, its absence is not:
"Keir Starmer" and "Xi Jinping" are in neither list, so such a name needs other evidence
(see ``entities._person_evidence``)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from ..cachedir import derived_table

_CACHE_FORMAT = 3  # bump when what the set holds changes
# Latin letters (with accents), apostrophes and hyphens: romanised names only.
_LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-žḀ-ỿ'’\-]+")


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _build() -> tuple[frozenset[str], frozenset[str]]:
    """Every romanised first name (about 21,000) and surname (about 22,000) of every locale
    Faker has, folded (no accents, lower case)."""
    import importlib
    import pkgutil

    import faker.providers.person as person  # lazy: ~90 locale modules

    given: set[str] = set()
    family: set[str] = set()
    for info in pkgutil.iter_modules(person.__path__):
        try:
            provider = importlib.import_module(f"{person.__name__}.{info.name}").Provider
        except (ImportError, AttributeError):
            continue
        for attr in dir(provider):
            if attr.startswith(("first_names", "first_romanized_names")):
                into = given
            elif attr.startswith(("last_names", "last_romanized_names")):
                into = family
            else:
                continue
            values = getattr(provider, attr)
            if isinstance(values, (tuple, list, set, frozenset, dict)):
                into.update(_fold(n) for n in values
                            if isinstance(n, str) and n[:1].isupper() and _LATIN.fullmatch(n))
    # "Will", "Hope", "Red", "Day": names that are also everyday English words are no
    # evidence on their own ("Red Dead Redemption", "Singles Day").
    from faker.providers.lorem.en_US import Provider as Lorem

    common = {w.lower() for w in Lorem.word_list}
    return frozenset(given - common), frozenset(family - common)


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], frozenset[str]]:
    """(given names, surnames); from the on-disk cache when it is there (Faker's modules take
    about half a second to import, the cached sets a few milliseconds). Without Faker: empty
    sets (no name is evidence; ``entities._person_evidence`` reads the article instead)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        versions = (version("faker"), str(_CACHE_FORMAT))
    except PackageNotFoundError:
        return frozenset(), frozenset()

    def load(raw: Any) -> tuple[frozenset[str], frozenset[str]]:
        given, family = raw
        return frozenset(given), frozenset(family)

    def build() -> tuple[frozenset[str], frozenset[str]]:
        try:
            return _build()
        except ImportError:  # a broken Faker install: no name is evidence
            return frozenset(), frozenset()

    return derived_table("person-names", versions, build, load,
                         lambda t: (sorted(t[0]), sorted(t[1])))


def is_given_name(word: str) -> bool:
    """"Aryavir", "Chao", "José": a first name in some language (case, accents ignored)."""
    return _fold(word) in _tables()[0]


def is_surname(word: str) -> bool:
    """"Obama", "Räikkönen", "Modi": a family name in some language."""
    return _fold(word.strip(".,’'")) in _tables()[1]
