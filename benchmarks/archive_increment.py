"""Benchmark: adding one bulletin to an archive, as an operator's monthly run does.

    .venv/bin/python benchmarks/archive_increment.py [--size 40] [--repeat 3]

Builds an archive of ``--size`` bulletins from the samples (``bench.build_archive``), runs
``bulletin run`` on it, then adds one more bulletin and runs again, and prints:

- the whole incremental run (``bulletin run``, start-up and the model's loading included);
- the archive linking alone on the tables after it (``pipeline.archive.link_archive``, with
  the ids last written as a run reads them), and its reading of those ids;
- that no id of the first run changed, and how many entities and archive events there are.

Wall-clock times, the best of ``--repeat`` (each repeat adds the bulletin to a copy of the
first run's output).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import BIN, SAMPLES, build_archive, vary_bulletin


def _run(raw: Path, out: Path) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "bulletin"), "run", str(raw), "--out", str(out), "--no-progress"],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"bulletin run failed:\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout


def _ids(out: Path) -> dict[tuple[str, str], str]:
    import pyarrow.parquet as pq

    ids = {}
    for name, column in (("people", "person_id"), ("organisations", "org_id"), ("places", "place_id")):
        table = pq.read_table(out / f"{name}.parquet", columns=["doc_id", column, "entity_id"]).to_pylist()
        ids.update({(r["doc_id"], f"{name}:{r[column]}"): r["entity_id"] for r in table})
    events = pq.read_table(out / "events.parquet", columns=["doc_id", "event_id", "archive_event_id"])
    ids.update({(r["doc_id"], f"event:{r['event_id']}"): r["archive_event_id"] for r in events.to_pylist()})
    return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=40, help="bulletins in the archive before the new one")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the incremental run; the best counts")
    args = parser.parse_args(argv)

    from pipeline.archive import link_archive, read_previous
    from pipeline.tables.store import read_tables

    with tempfile.TemporaryDirectory(prefix="archive-increment-") as tmp:
        base = Path(tmp)
        raw, first = base / "raw", base / "first"
        build_archive(args.size, raw)
        first_seconds, _ = _run(raw, first)
        before = _ids(first)
        samples = sorted(SAMPLES.glob("*.txt"))
        new = raw / f"{samples[0].stem}-v{args.size:05d}.txt"
        new.write_text(vary_bulletin(samples[0].read_text(encoding="utf-8"), args.size), encoding="utf-8")

        times = []
        for k in range(args.repeat):
            out = base / f"incremental-{k}"
            shutil.copytree(first, out)
            seconds, stdout = _run(raw, out)
            if "1 processed" not in stdout:
                sys.exit(f"the incremental run did not process exactly the new bulletin:\n{stdout}")
            times.append(seconds)
        after = _ids(out)
        changed = [key for key, value in before.items() if after.get(key) != value]

        # The linking alone, as the run calls it: the ids of the first run, the tables of the second.
        tables = read_tables(out)
        read_times, link_times = [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            previous = read_previous(first)
            read_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            linked = link_archive(tables, previous)
            link_times.append(time.perf_counter() - started)

    rows = sum(tables[name].num_rows for name in ("people", "organisations", "places"))
    n_events = tables["events"].num_rows
    print(f"archive: {args.size} bulletins, then 1 added ({rows} entity rows, {n_events} events)")
    print(f"first run, {args.size} bulletins:        {first_seconds:6.2f} s")
    print(f"incremental run, 1 bulletin added: {min(times):6.2f} s (best of {len(times)})")
    print(f"  reading the ids last written:    {min(read_times):6.3f} s")
    print(f"  linking the archive:             {min(link_times):6.3f} s")
    print(f"entities: {linked['entities'].num_rows}, archive events: {linked['archive_events'].num_rows}")
    print(f"ids of the first run changed by the second: {len(changed)} of {len(before)}")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
