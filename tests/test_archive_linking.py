"""Linking across the archive (pipeline/archive), on hand-made rows: no model, no run."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pipeline.archive.entities import gazetteer_id, link_entities
from pipeline.archive.events import link_events
from pipeline.archive.names import event_name_key, initials, load_words, organisation_key, place_key
from pipeline.archive.records import Bulletin, EntityRow, EventRow
from pipeline.archive.status import event_status

WORDS = load_words()


def _bulletins(*specs: tuple[str, date, str]) -> dict[str, Bulletin]:
    return {doc: Bulletin(doc, f"{doc}.txt", issued, series) for doc, issued, series in specs}


B = _bulletins(
    ("b1", date(2021, 1, 1), "park care"),
    ("b2", date(2021, 2, 1), "park care"),
    ("b3", date(2021, 3, 1), "park care"),
    ("x1", date(2021, 2, 1), "other newsletter"),
)


def person(doc: str, name: str, prior: str | None = None) -> EntityRow:
    return EntityRow(doc, "person", f"p-{name}", name, prior_id=prior)


def org(doc: str, name: str, acronym: str | None = None, prior: str | None = None) -> EntityRow:
    return EntityRow(doc, "organisation", f"o-{name}", name, acronym=acronym, prior_id=prior)


def _groups(rows: list[EntityRow], prior: bool = False) -> tuple[dict[tuple[str, str, str], str], list]:
    return link_entities(B, rows, WORDS)


def _same(ids: dict, a: EntityRow, b: EntityRow) -> bool:
    return ids[a.key] == ids[b.key]


# ---------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Cooleman Ridge Park Care Group", "CRPCG"),
        ("Parks and Conservation Service", "PCS"),
        ("Southern ACT Catchment Group", "SACTCG"),
        ("Canberra Institute of Technology", "CIT"),
        ("Greenpeace", None),
    ],
)
def test_initials_read_as_an_acronym(name: str, expected: str | None) -> None:
    assert initials(name, WORDS) == expected


def test_spelling_variants_and_abbreviations_give_one_key() -> None:
    assert organisation_key("The World Health Organization", WORDS) == organisation_key(
        "World Health Organisation", WORDS
    )
    assert organisation_key("Regional Co-operation Centre", WORDS) == organisation_key(
        "Regional Cooperation Center", WORDS
    )
    assert place_key("Kathner St", WORDS) == place_key("Kathner Street", WORDS)
    assert event_name_key("Next Meeting", WORDS) == event_name_key("previous meeting", WORDS) == "meeting"


# ---------------------------------------------------------------------------- people


def test_honorifics_hyphens_and_accents_do_not_split_a_person() -> None:
    rows = [
        person("b1", "Dr. Kwabena Osei-Mensah"),
        person("x1", "Kwabena Osei Mensah"),
        person("b2", "Gösta Lyngå"),
    ]
    rows.append(person("b3", "Gosta Lynga"))
    ids, _ = _groups(rows)
    assert _same(ids, rows[0], rows[1])
    assert _same(ids, rows[2], rows[3])
    assert not _same(ids, rows[0], rows[2])


def test_first_name_after_the_full_name_in_the_series() -> None:
    full, later, other_series = person("b1", "Ann Carter"), person("b2", "Ann"), person("x1", "Ann")
    ids, _ = _groups([full, later, other_series])
    assert _same(ids, full, later)
    assert not _same(ids, full, other_series)  # another series: not the same Ann


def test_first_name_before_the_full_name_stays_apart() -> None:
    early, full = person("b1", "Ann"), person("b2", "Ann Carter")
    ids, _ = _groups([early, full])
    assert not _same(ids, early, full)


def test_first_name_shared_by_two_people_is_not_linked() -> None:
    rows = [person("b1", "Chris Oates"), person("b1", "Chris Holder"), person("b2", "Chris")]
    ids, _ = _groups(rows)
    assert len({ids[r.key] for r in rows}) == 3


def test_initial_and_short_first_name() -> None:
    rows = [person("b1", "Michael Pearson"), person("b2", "M. Pearson"), person("b3", "Mike Pearson")]
    ids, _ = _groups(rows)
    assert len({ids[r.key] for r in rows}) == 1


def test_a_name_of_one_word_is_one_person_only_within_a_series() -> None:
    rows = [person("b1", "Reet"), person("b2", "Reet"), person("x1", "Reet")]
    ids, _ = _groups(rows)
    assert _same(ids, rows[0], rows[1])
    assert not _same(ids, rows[0], rows[2])


def test_a_person_tagged_as_an_organisation_joins_the_person() -> None:
    rows = [
        person("b1", "Rohan Thomas"),
        org("b1", "Rohan"),
        org("b2", "Paul Sheils"),
        person("b3", "Paul Sheils"),
    ]
    rows.append(org("b2", "Euphorbia"))
    ids, _ = _groups(rows)
    assert _same(ids, rows[0], rows[1])
    assert _same(ids, rows[2], rows[3])
    assert not _same(ids, rows[4], rows[0])


# ---------------------------------------------------------------------------- organisations


def test_acronym_and_full_name_across_bulletins() -> None:
    rows = [org("b1", "PCS"), org("b2", "Parks and Conservation Service"), org("b3", "PCS")]
    ids, changes = _groups(rows)
    assert len({ids[r.key] for r in rows}) == 1
    assert not changes


def test_a_stated_acronym_merges_two_known_entities_and_the_merge_is_recorded() -> None:
    name = "Organisation for Economic Co-operation and Development"  # initials OECOD, not OECD
    short, full = org("b1", "OECD"), org("b2", name)
    first, _ = _groups([short, full])
    assert not _same(first, short, full)
    stated = org("b3", name, acronym="OECD")
    rows = [
        org("b1", "OECD", prior=first[short.key]),
        org("b2", name, prior=first[full.key]),
        stated,
    ]
    ids, changes = _groups(rows)
    assert len({ids[r.key] for r in rows}) == 1
    assert ids[stated.key] == first[short.key]  # the entity seen first keeps its id
    [change] = changes
    assert (change.change, change.old_id, change.new_id, change.source_file) == (
        "merged",
        first[full.key],
        first[short.key],
        "b3.txt",
    )


def test_the_division_is_the_one_division_of_the_bulletin() -> None:
    rows = [org("b1", "Division for Public Institutions and Digital Government"), org("b1", "Division")]
    ids, _ = _groups(rows)
    assert _same(ids, rows[0], rows[1])
    two = [*rows, org("b1", "Statistics Division")]
    ids, _ = _groups(two)
    assert not _same(ids, two[0], two[1])  # two divisions: "the Division" is left alone


def test_different_acronyms_are_not_merged_by_similar_names() -> None:
    rows = [org("b1", "Public Service Commission"), org("b2", "Public Services Commission"), org("b3", "PSC")]
    rows.append(org("x1", "Pacific Studies Centre"))
    ids, _ = _groups(rows)
    assert _same(ids, rows[0], rows[1])  # a spelling variant (rapidfuzz ratio)
    assert not _same(ids, rows[0], rows[3])


# ---------------------------------------------------------------------------- places


def test_places_resolve_to_gazetteer_ids() -> None:
    canberra = EntityRow(
        "b1", "place", "c", "Canberra", place_kind="city", country_code="AU", lat=-35.28346, lon=149.12807
    )
    australia = EntityRow("b1", "place", "a", "Australia", place_kind="country", country_code="AU")
    assert gazetteer_id(canberra) == "geonames:2172517"
    assert gazetteer_id(australia) == "iso:AU"
    street = EntityRow("b1", "place", "k", "Kathner St", place_kind="local", country_code="AU")
    street_2 = EntityRow("b2", "place", "k2", "Kathner Street", place_kind="local", country_code="AU")
    elsewhere = EntityRow("x1", "place", "k3", "Kathner Street", place_kind="local", country_code="NZ")
    ids, _ = _groups([canberra, australia, street, street_2, elsewhere])
    assert _same(ids, street, street_2)
    assert not _same(ids, street, elsewhere)


# ---------------------------------------------------------------------------- stable ids


def test_ids_stay_when_a_bulletin_is_added() -> None:
    rows = [person("b1", "Ann Carter"), org("b1", "PCS"), person("b2", "Bill Handke")]
    first, _ = _groups(rows)
    kept = [EntityRow(r.doc_id, r.kind, r.row_id, r.name, prior_id=first[r.key]) for r in rows]
    added = [person("b3", "Ann"), org("b3", "Parks and Conservation Service"), person("b3", "New Person")]
    ids, changes = _groups([*kept, *added])
    assert all(ids[r.key] == first[r.key] for r in kept)
    assert ids[added[0].key] == first[rows[0].key]
    assert ids[added[1].key] == first[rows[1].key]
    assert ids[added[2].key] not in first.values()
    assert not changes


# ---------------------------------------------------------------------------- events


def event(
    doc: str, name: str, day: date | None, city: str | None = None, kind: str | None = "meeting"
) -> EventRow:
    return EventRow(doc, f"e-{doc}-{name}-{day}", name, kind, day, day, city, "AU", (), "unknown")


def test_announced_then_held_is_one_event() -> None:
    rows = [
        event("b1", "Next meeting", date(2021, 3, 9), "Hilltop Road"),
        event("b2", "Previous meeting", date(2021, 3, 9), "Hilltop Road"),
        event("b2", "Next meeting", date(2021, 4, 13), "Hilltop Road"),
        event("b2", "Sunday meeting", date(2021, 4, 13)),  # named twice in one bulletin
        event("x1", "Board meeting", date(2021, 3, 9), "Darwin"),  # another series, another place
    ]
    ids = link_events(B, rows, WORDS)
    key = [(r.doc_id, r.event_id) for r in rows]
    assert ids[key[0]] == ids[key[1]]
    assert ids[key[2]] == ids[key[3]]
    assert ids[key[0]] != ids[key[2]]
    assert ids[key[4]] not in {ids[key[0]], ids[key[2]]}


def test_a_kept_event_keeps_its_id_and_a_later_summary_joins_it() -> None:
    first = event("b1", "Regional workshop on e-government", date(2021, 1, 20), None, "workshop")
    ids = link_events(B, [first], WORDS)
    kept = replace(first, prior_id=ids[(first.doc_id, first.event_id)])
    summary = event("x1", "regional workshop on e-government", date(2021, 1, 20), "Nairobi", "workshop")
    again = link_events(B, [kept, summary], WORDS)
    assert again[(summary.doc_id, summary.event_id)] == ids[(first.doc_id, first.event_id)]


@pytest.mark.parametrize(
    ("sentence", "title", "status"),
    [
        ("The workshop will be held in Nairobi on 3 May.", None, "announced"),
        ("Next meeting: Sunday 9 March, Hilltop Road.", None, "announced"),
        ("The workshop, held in Nairobi on 3 May, brought together 40 officials.", None, "held"),
        ("Previous meeting, 9 March, Hilltop Road: we removed 200 briars.", None, "held"),
        ("The March work party was cancelled (total fire ban).", None, "cancelled"),
        ("The work party was called off because of rain.", None, "cancelled"),
        ("Sunday 9 March, Hilltop Road, 9 am.", "Next meeting", "announced"),
        ("A forum on public service.", None, "unknown"),
        # one pattern per status: each phrase whole ("*" one word), none inside a word
        ("The hearing was finally held at the town hall.", None, "held"),
        ("The orchard party was rained out again.", None, "cancelled"),
        ("Rewelded gates and a thresheld sign.", None, "unknown"),
        ("Upcomingly, a new gate.", None, "unknown"),
    ],
)
def test_status_from_the_words_of_the_sentence_then_the_section(
    sentence: str, title: str | None, status: str
) -> None:
    assert event_status(sentence, title, WORDS) == status


def test_a_first_name_shared_by_a_newcomer_is_split_off_and_the_split_recorded() -> None:
    full, short = person("b1", "Ann Carter"), person("b3", "Ann")
    first, _ = _groups([full, short])
    assert _same(first, full, short)
    kept = [EntityRow(r.doc_id, r.kind, r.row_id, r.name, prior_id=first[r.key]) for r in (full, short)]
    other = person("b2", "Ann Smith")  # an issue between the two, added now
    ids, changes = _groups([*kept, other])
    assert ids[kept[0].key] == first[full.key]  # Ann Carter keeps her id
    assert ids[kept[1].key] not in {ids[kept[0].key], ids[other.key]}
    [change] = changes
    assert (change.change, change.old_id, change.new_id, change.source_file) == (
        "split",
        first[full.key],
        ids[kept[1].key],
        "b2.txt",
    )
