"""Place-name vocabulary the organisation and people stages consult (not the places stage).

Countries, continents, regions and large cities, and the stems of demonyms, so that
"Korea's Ministry" or "Azerbaijani Government" are read as a place and a body.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import pycountry

from pipeline.core.datafiles import geonames, load_data
from pipeline.core.ids import normalise_name

BIG_CITY_POPULATION = 500_000


_DEMONYM_SUFFIXES = ("ian", "ean", "ese", "ish", "an", "i", "n")


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if not value:
                continue
            names.add(value)
            if ", " in value:  # "Korea, Republic of" -> "Republic of Korea", "Korea"
                head, tail = value.split(", ", 1)
                names.update({head, f"{tail} {head}"})
    names.update(c["name"] for c in geonames("countries").values())
    names.update(c["name"] for c in geonames("continents").values())
    for city in geonames("cities").values():
        if city["population"] >= BIG_CITY_POPULATION:
            names.add(city["name"])
            names.update(
                a
                for a in city.get("alternatenames") or ()
                if a.isascii() and a.istitle() and " " not in a and len(a) > 4
            )
    # Regions are neither countries nor cities: the data file lists them.
    names.update(str(r) for r in load_data("organisations.yaml").get("regions") or ())
    # States and provinces, and their abbreviations of three letters or more ("NSW", "QLD").
    places = load_data("places.yaml")
    for name, (_code, *abbreviations) in (places.get("subdivisions") or {}).items():
        names.add(str(name))
        names.update(str(a) for a in abbreviations if len(str(a)) >= 3 and str(a).isupper())
    return frozenset(normalise_name(n) for n in names)


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    return frozenset(w for n in _place_names() for w in n.split() if len(w) > 3)


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Words of country and continent names: the stems of demonyms."""
    names = [c.name for c in pycountry.countries]
    names += [c["name"] for c in geonames("countries").values()]
    names += [c["name"] for c in geonames("continents").values()]
    return frozenset(w for n in names for w in normalise_name(n).split() if len(w) > 3)


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    return frozenset(normalise_name(c["name"]) for c in geonames("cities").values())


def load_place_vocabulary() -> None:
    """Build the place-name sets of this module now (at load time rather than on first use)."""
    place_words()
    _country_words()
    _city_names()


def is_city_name(text: str) -> bool:
    """Any city of the gazetteer (15,000 people or more), however small."""
    return normalise_name(text) in _city_names()


def is_place_name(text: str) -> bool:
    """A country, continent, region or large city ("Brunei Darussalam", "Republic of Korea")."""
    return normalise_name(text) in _place_names()


def is_demonym(word: str) -> bool:
    """An adjective of a place: "Azerbaijani", "Korean", "Pan-European"."""
    w = normalise_name(word).replace(" ", "-")
    w = w.removeprefix("pan-")
    if not w.isalpha():
        return False
    for suffix in _DEMONYM_SUFFIXES:
        stem = w[: -len(suffix)]
        if w.endswith(suffix) and len(stem) >= 3:
            for place in _country_words():
                if place.startswith(stem) and len(place) - len(stem) <= 3:
                    return True
    return False


@dataclass(frozen=True)
class LocalWords:
    """The words that make a capitalised name a local place: "Kathner *St*", "*Mt* Arawang"."""

    suffixes: frozenset[str]
    prefixes: frozenset[str]
    code_min_letters: int

    def names_a_place(self, words: Sequence[str]) -> bool:
        """Whether a name of two or more words has the form of a local place's name."""
        return len(words) >= 2 and (words[-1] in self.suffixes or words[0] in self.prefixes)


@cache
def local_words() -> LocalWords:
    data = load_data("places.yaml")
    return LocalWords(
        suffixes=frozenset(str(w) for w in data.get("local_suffixes") or ()),
        prefixes=frozenset(str(w) for w in data.get("local_prefixes") or ()),
        code_min_letters=int(data.get("subdivision_code_min_letters") or 3),
    )
