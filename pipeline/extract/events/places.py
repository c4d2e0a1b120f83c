"""Where an event happens: the places named in a section and the city and country chosen.

A section names places that only qualify people ("delegates from X") beside the place of
the activity, so hits keep the word before them and whether they sit in an organisation's name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pipeline.core.records import Mention, Place, Section
from pipeline.extract.places.local import LOCAL_KIND

# The words before a place that say something happens there ("in X", "visited X") or that
# the place only qualifies someone ("delegates from X"); a language's own are in its events data.
WHERE_WORDS = frozenset({"in", "at", "to", "visited", "visit", "visiting", "near"})
ORIGIN_WORDS = frozenset({"of", "from"})


@dataclass(frozen=True)
class PlaceHit:
    start: int  # relative to the section
    end: int
    place: Place
    in_org: bool
    previous_word: str
    where: int = 1  # 0 after a word of place ("in X"), 2 after a word of origin ("from X"), else 1


def place_kind(place: Place) -> str | None:
    """How a place can locate an activity: a "city" (or town), a "country", an "area" (a
    region of a country) or "other"; a local place (a street, a track, a reserve) names no
    city: like a country, it gives only its country."""
    kind = (place.kind or "").lower()
    if kind in {"country", LOCAL_KIND}:
        return "country" if place.country_code else None
    if kind == "city":
        return "city"
    if kind in {"region", "continent"}:
        return "area" if place.country_code else None
    return "other" if place.country_code else None


def place_hits(
    section: Section,
    places: Sequence[Place],
    mentions: Sequence[Mention],
    org_spans: Sequence[tuple[int, int]],
    where_words: frozenset[str] = WHERE_WORDS,
    origin_words: frozenset[str] = ORIGIN_WORDS,
) -> list[PlaceHit]:
    """Places named in a section: its place mentions, then other occurrences of the
    places' names (a place inside an organisation's name: "hosted by the City of X")."""
    by_id = {p.place_id: p for p in places}
    spans: list[tuple[int, int, Place]] = []
    for m in mentions:
        place = by_id.get(m.entity_id or "")
        if place is None or not (section.char_start <= m.char_start < section.char_end):
            continue
        spans.append((m.char_start - section.char_start, m.char_end - section.char_start, place))
    for place in sorted(places, key=lambda p: -len(p.name)):
        # The substring test first: most places are not named in most sections.
        if len(place.name) < 2 or place.name not in section.text:
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(place.name)}(?![\w-])", section.text):
            if not any(s < match.end() and match.start() < e for s, e, _ in spans):
                spans.append((match.start(), match.end(), place))
    hits = []
    for start, end, place in sorted(spans, key=lambda s: s[0]):
        words = re.findall(r"[\w-]+", section.text[max(0, start - 30) : start])
        previous = words[-1].lower() if words else ""
        hits.append(
            PlaceHit(
                start=start,
                end=end,
                place=place,
                in_org=any(s <= start and end <= e for s, e in org_spans),
                previous_word=previous,
                where=0 if previous in where_words else 2 if previous in origin_words else 1,
            )
        )
    return hits


def _best(
    hits: Sequence[PlaceHit],
    anchor: int,
    counts: Mapping[str, int] | None = None,
    anchor_end: int | None = None,
) -> PlaceHit:
    """The place where something happens: "in X", "at X", "visited X" before a place that
    only qualifies someone ("officials of X", "delegates from X"), then (with ``counts``, how
    often the section names each country) the country the section is most about ("Collaboration
    with Poland and China" over a text about Poland), then the nearest."""

    def rank(h: PlaceHit) -> tuple[bool, int, int, int]:
        often = -(counts or {}).get(h.place.country_code or "", 0)
        near = abs(h.start - anchor)
        if anchor_end is not None and h.start >= anchor:
            near = max(0, h.start - anchor_end)  # "le Festival des Arts *à Kayes*": right after the name
        return (h.in_org, h.where, often, near)

    return min(hits, key=rank)


def choose_place(
    hit_groups: Sequence[Sequence[PlaceHit]], anchor: int, anchor_end: int | None = None
) -> tuple[str | None, str | None]:
    """City and country code from the first group that names a place, the nearest to ``anchor``
    (a date's position, or the start of an undated activity's name that ends at ``anchor_end``).

    A city gives its own country; a street or a reserve only its country. A group naming only
    a country gives the country, and a city of that country from a later group, if one names it.
    """
    country: str | None = None
    counts = Counter(h.place.country_code for hits in hit_groups for h in hits if h.place.country_code)
    for hits in hit_groups:
        cities = [h for h in hits if place_kind(h.place) in {"city", "other", "area"}]
        if country is not None:
            cities = [h for h in cities if h.place.country_code == country]
        if cities:
            ranked = sorted(
                cities, key=lambda h: {"city": 0, "other": 1, "area": 2}[place_kind(h.place) or "area"]
            )
            best_kind = place_kind(ranked[0].place)
            best = [h for h in cities if place_kind(h.place) == best_kind]
            city = _best(best, anchor, anchor_end=anchor_end)
            return city.place.name, city.place.country_code or country
        if country is None:
            countries = [h for h in hits if place_kind(h.place) == "country"]
            if countries:
                country = _best(countries, anchor, counts).place.country_code
    return None, country


_HOME_MENTIONS = 3  # place mentions of one country before it is a bulletin's own country
_HOME_SHARE = 0.8  # ... and the share of the mentions of a country it must hold


def home_country(places: Sequence[Place], mentions: Sequence[Mention]) -> str | None:
    """The country a bulletin is about, when its places name one and almost only it (a parish
    newsletter names its suburbs and its city): the country of an activity whose section names
    no place."""
    by_id = {p.place_id: p for p in places}
    counts = Counter(
        place.country_code
        for m in mentions
        if (place := by_id.get(m.entity_id or "")) is not None and place.country_code
    )
    if not counts:
        return None
    country, n = counts.most_common(1)[0]
    return country if n >= _HOME_MENTIONS and n >= _HOME_SHARE * sum(counts.values()) else None

