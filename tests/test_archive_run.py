"""A bulletin added to an existing archive: the archive is linked again without reprocessing
the other bulletins, and the ids it had stay."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

pytestmark = pytest.mark.model

FIRST = """Hilltop Care Group Newsletter: February 2021

1. Planting at Hilltop Road

Ms. Ann Carter, the convener of the Hilltop Care Group (HCG), led the work party on 14 February
2021 at Hilltop Road, Canberra. Ann thanked the Parks and Conservation Service for the seedlings.

2. Next meeting

Next meeting: Sunday 14 March 2021, Hilltop Road, 9 am. The meeting will be held at the gate.
"""

SECOND = """Hilltop Care Group Newsletter: March 2021

1. Previous meeting

Previous meeting, 14 March 2021, Hilltop Road: the meeting was held at the gate and we removed 300 briars.

Ann and Mr. Bill Handke led the work party.

2. Weeds

The PCS rangers sprayed the African love grass near Hilltop Road.
"""

THIRD = """Hilltop Care Group Newsletter: April 2021

1. Previous meeting

Previous meeting, 11 April 2021, Hilltop Road: Ann Carter and Bill Handke were held up by rain.
The HCG thanks the Parks and Conservation Service (PCS) for its support.
"""


def _run(raw: Path, out: Path, resources: Any) -> Any:
    from pipeline.core.settings import Settings
    from pipeline.execute.run import run

    summary = run(Settings(input_dir=raw, output_dir=out, progress=False), resources=resources)
    assert summary.ok, summary.failed
    return summary


def _ids(out: Path) -> dict[str, Any]:
    import pipeline

    tables = pipeline.load_tables(out)
    documents = dict(zip(tables["documents"]["doc_id"], tables["documents"]["source_file"], strict=True))
    entity = {}
    for name in ("people", "organisations", "places"):
        for doc_id, row_name, entity_id in tables[name][["doc_id", "name", "entity_id"]].itertuples(
            index=False
        ):
            entity[(documents[doc_id], name, row_name)] = entity_id
    events = {
        (documents[doc_id], name, str(start)): archive_id
        for doc_id, name, start, archive_id in tables["events"][
            ["doc_id", "name", "start_date", "archive_event_id"]
        ].itertuples(index=False)
    }
    return {"entity": entity, "event": events, "tables": tables}


def test_adding_a_bulletin_keeps_the_ids_and_links_the_new_one(tmp_path: Path, rule_resources: Any) -> None:
    resources = rule_resources  # what the linking does with what the model's own weights find
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "hilltop-2021-02.txt").write_text(FIRST, encoding="utf-8")
    (raw / "hilltop-2021-03.txt").write_text(SECOND, encoding="utf-8")
    _run(raw, out, resources)
    before = _ids(out)
    organisations = before["tables"]["organisations"]
    # The acronym in March is the name stated in February: one organisation.
    pcs = organisations[organisations["name"].isin(["PCS", "Parks and Conservation Service"])]["entity_id"]
    assert pcs.nunique() == 1 and len(pcs) == 2
    # The meeting announced in February and reported in March is one archive event.
    events = before["tables"]["events"]
    march = events[events["start_date"] == "2021-03-14"]
    assert march["archive_event_id"].nunique() == 1 and len(march) == 2
    assert set(march["status"]) == {"announced", "held"}
    archive_events = before["tables"]["archive_events"].set_index("archive_event_id")
    assert archive_events.loc[march["archive_event_id"].iloc[0], "status"] == "held"
    assert archive_events.loc[march["archive_event_id"].iloc[0], "n_reports"] == 2

    (raw / "hilltop-2021-04.txt").write_text(THIRD, encoding="utf-8")
    summary = _run(raw, out, resources)
    assert summary.processed == ["hilltop-2021-04.txt"]  # the others are not processed again
    after = _ids(out)
    for key, entity_id in before["entity"].items():
        assert after["entity"][key] == entity_id, key
    for key, archive_id in before["event"].items():
        assert after["event"][key] == archive_id, key
    # The new bulletin's rows join the entities it names again: Ann Carter, HCG, PCS.
    ann = before["entity"][("hilltop-2021-02.txt", "people", "Ann Carter")]
    group = before["entity"][("hilltop-2021-02.txt", "organisations", "Hilltop Care Group")]
    new = {k[2]: v for k, v in after["entity"].items() if k[0] == "hilltop-2021-04.txt"}
    assert new["Ann Carter"] == ann
    assert new["HCG"] == group
    assert new["Parks and Conservation Service"] == pcs.iloc[0]
    entities = after["tables"]["entities"].set_index("entity_id")
    assert entities.loc[ann, "n_bulletins"] == 3  # "Ann", listed beside Bill Handke in March, is her
    assert entities.loc[group, "aliases"] == ["HCG", "Hilltop Care Group"]
    assert entities.loc[group, "name"] == "Hilltop Care Group"
    assert entities.loc[group, "first_seen"] == pd.Timestamp(2021, 2, 1)


def test_a_removed_bulletin_is_recorded_in_the_history(tmp_path: Path, rule_resources: Any) -> None:
    resources = rule_resources  # what the linking does with what the model's own weights find
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "hilltop-2021-02.txt").write_text(FIRST, encoding="utf-8")
    (raw / "hilltop-2021-04.txt").write_text(THIRD, encoding="utf-8")
    _run(raw, out, resources)
    before = _ids(out)
    (raw / "hilltop-2021-04.txt").unlink()
    _run(raw, out, resources)
    after = _ids(out)
    history = after["tables"]["entity_history"]
    gone = set(before["entity"].values()) - set(after["entity"].values())
    assert gone, "the April issue names people or places the February one does not"
    removed = history[history["change"] == "removed"]
    assert gone <= set(removed["old_id"])
    assert set(removed["source_file"]) == {"hilltop-2021-04.txt"}
    assert list(history["seq"]) == list(range(1, len(history) + 1))
