"""The archive tables of the samples: consistent with the rows, and checked before any write."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from pipeline.tables.store import ValidationError, validate

pytestmark = pytest.mark.model


def test_every_row_has_its_archive_id(sample_tables: dict[str, pa.Table]) -> None:
    for name in ("people", "organisations", "places"):
        assert sample_tables[name]["entity_id"].null_count == 0, name
    assert sample_tables["events"]["archive_event_id"].null_count == 0
    assert sample_tables["events"]["status"].null_count == 0
    mentions = sample_tables["mentions"]
    entity_labels = pc.is_in(mentions["label"], value_set=pa.array(["PERSON", "ORG", "PLACE"]))
    linked = pc.and_(entity_labels, pc.is_valid(mentions["entity_id"]))
    assert pc.all(pc.is_valid(pc.filter(mentions["archive_entity_id"], linked))).as_py()


def test_twins_of_one_issue_name_the_same_entities_and_events(sample_tables: dict[str, pa.Table]) -> None:
    """The samples hold each text bulletin and a twin in another format: the archive links them."""
    documents = sample_tables["documents"].to_pylist()
    by_file = {d["source_file"]: d["doc_id"] for d in documents}
    text, pdf = by_file["pgd-monthly-2013-03.txt"], by_file["pgd-monthly-2013-03.pdf"]
    people = sample_tables["people"].to_pylist()
    ids = {doc: {p["entity_id"] for p in people if p["doc_id"] == doc} for doc in (text, pdf)}
    assert ids[text] and ids[text] == ids[pdf]
    archive_events = sample_tables["archive_events"]
    assert pc.min(archive_events["n_reports"]).as_py() >= 1
    assert pc.max(archive_events["n_reports"]).as_py() >= 2


@pytest.mark.parametrize(
    ("table", "change", "problem"),
    [
        ("entities", lambda t: t.slice(1), "not in entities.entity_id"),
        ("archive_events", lambda t: t.slice(1), "not in archive_events.archive_event_id"),
        ("people", lambda t: t.slice(0, 0), "no row of people, organisations or places names"),
        (
            "events",
            lambda t: t.set_column(
                t.schema.get_field_index("status"), "status", pa.array(["maybe"] * t.num_rows, pa.string())
            ),
            "events: unknown status",
        ),
    ],
)
def test_validation_covers_the_archive_tables(
    sample_tables: dict[str, pa.Table], table, change, problem
) -> None:
    validate(sample_tables)
    broken = {**sample_tables, table: change(sample_tables[table])}
    with pytest.raises(ValidationError, match=problem):
        validate(broken)
