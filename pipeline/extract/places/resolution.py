"""Which place a name means: the namesake of a city by the country written after it, the
countries around it or population; ``resolve_place`` for a name outside a parse."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pipeline.extract.reference.gazetteer import (
    THE_PREFIX,
    City,
    Gazetteer,
    PlaceMatch,
    city_match,
    plain_apostrophes,
)

# A country mentioned nearby picks a city of that name only if the city has at least
# 1/CONTEXT_POPULATION_RATIO of the people of the most populous namesake: "Oxford" near
# "Massachusetts" is still Oxford, England.
CONTEXT_POPULATION_RATIO = 5


_POSSESSIVE = re.compile(r"['\u2019]s?$")


_TRAILING_REGION = re.compile(r"\s+[Rr]egion$")


def clean_place_name(name: str) -> str:
    """ "the Asia Pacific region" -> "Asia Pacific"; "Korea's" -> "Korea"."""
    name = " ".join(plain_apostrophes(name).split())
    name = THE_PREFIX.sub("", name)
    name = _POSSESSIVE.sub("", name) if name.endswith(("'s", "'")) else name
    name = name.strip(" ,;:")
    # A full stop ends a sentence, not an abbreviation ("U.K.").
    return re.sub(r"(?<!\b[A-Z])\.$", "", name).strip()


def choose_city(
    candidates: Sequence[City], context_countries: Sequence[str], near: str | None
) -> City | None:
    """Pick the city meant: the state/country written after it, else one of the context
    countries (in order; only a city not dwarfed by the most populous one), else the
    most populous. None when the country written after it has no city of that name (a
    town too small for the gazetteer)."""
    if near:
        for city in candidates:
            if city.subdivision == near:
                return city
        country = near.split("-")[0]
        for city in candidates:
            if city.country_code == country:
                return city
        return None
    top = candidates[0].population
    for code in context_countries:
        country = code.split("-")[0]
        for city in candidates:
            if city.country_code == country and city.population * CONTEXT_POPULATION_RATIO >= top:
                return city
    return candidates[0]


def pick_city(
    name: str, candidates: Sequence[City], context_countries: Sequence[str], near: str | None
) -> PlaceMatch:
    """``choose_city`` as a match; a town missing from the gazetteer takes the country
    written after it, without coordinates."""
    city = choose_city(candidates, context_countries, near)
    if city is not None:
        return city_match(name, city)
    country = (near or "").split("-")[0]
    return PlaceMatch(name, name, "city", country, near if near and "-" in near else None)


def _lookup(name: str, gazetteer: Gazetteer) -> str | None:
    if name in gazetteer.fixed or name in gazetteer.cities:
        return name
    return gazetteer.folded.get(name.casefold())


def resolve_place(
    name: str,
    context_countries: Sequence[str],
    gazetteer: Gazetteer,
    *,
    near: str | None = None,
) -> PlaceMatch | None:
    """Resolve a place name: "Albany, NY" -> Albany (US-NY); "UAE" -> AE; "Africa" -> region.

    ``context_countries`` are ISO codes mentioned around the name, closest first; ``near``
    is the code of a country or state written right after it.
    """
    cleaned = clean_place_name(name)
    if not cleaned:
        return None
    key = _lookup(cleaned, gazetteer)
    if key is None:
        stripped = _TRAILING_REGION.sub("", cleaned)
        key = _lookup(stripped, gazetteer) if stripped != cleaned else None
    if key is None and ", " in cleaned:
        head, tail = cleaned.split(", ", 1)
        tail_match = gazetteer.subdivision_codes.get(tail) or resolve_place(tail, (), gazetteer)
        if tail_match is not None:
            return resolve_place(head, context_countries, gazetteer, near=tail_match.context_code)
    if key is None:
        return None
    if key in gazetteer.fixed:
        found = gazetteer.fixed[key]
        return PlaceMatch(cleaned, *_fields_after_name(found))
    return pick_city(cleaned, gazetteer.cities[key], context_countries, near)


def _fields_after_name(match: PlaceMatch) -> tuple[Any, ...]:
    return (
        match.canonical,
        match.kind,
        match.country_code,
        match.subdivision,
        match.lat,
        match.lon,
        match.population,
    )
