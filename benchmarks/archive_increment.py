"""Benchmark: adding one bulletin to an archive, as an operator's monthly run does.

    .venv/bin/python benchmarks/archive_increment.py [--size 40] [--repeat 3]
    .venv/bin/python benchmarks/archive_increment.py --archive RAW --tables OUT [--repeat 3]

Builds an archive of ``--size`` bulletins from the samples (``bench.build_archive``), runs
``bulletin run`` on it (or takes an archive built so and its tables: ``--archive``, ``--tables``,
for N = 10,000, whose first run takes half an hour), then adds one more bulletin and runs
again, and prints:

- the whole incremental run (``bulletin run``, start-up and the model's loading included) and
  its peak RSS, against the same bulletin run alone in an empty folder (its own processing);
- the archive linking alone on the tables after it: against the stored index as the run does
  (``pipeline.archive.link_added``), and every row again (``link_archive``, with the ids last
  written as a run reads them, ``read_previous``);
- that no id of the first run changed, and how many entities and archive events there are;
- issue 18's target, ok or MISSED: the incremental run under 5 s plus the bulletin's own time.

Wall-clock times, the best of ``--repeat`` (each repeat adds the bulletin to a copy of the
first run's output). Exits with 1 if an id changed or the target is missed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import BIN, SAMPLES, build_archive, vary_bulletin

TARGET_SECONDS = 5.0  # issue 18: adding one bulletin, beyond its own processing


def _run(raw: Path, out: Path) -> tuple[float, str, float]:
    """``bulletin run``: seconds, its output, its peak RSS in MB."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as stdout:
        child = subprocess.Popen(
            [str(BIN / "bulletin"), "run", str(raw), "--out", str(out), "--no-progress"],
            stdout=stdout,
            stderr=subprocess.STDOUT,
            text=True,
        )
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        stdout.seek(0)
        text = stdout.read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bulletin run failed:\n{text}")
    return seconds, text, usage.ru_maxrss / 1024


def _ids(out: Path) -> dict[tuple[str, str], str]:
    import pyarrow.parquet as pq

    ids = {}
    for name, column in (("people", "person_id"), ("organisations", "org_id"), ("places", "place_id")):
        table = pq.read_table(out / f"{name}.parquet", columns=["doc_id", column, "entity_id"]).to_pylist()
        ids.update({(r["doc_id"], f"{name}:{r[column]}"): r["entity_id"] for r in table})
    events = pq.read_table(out / "events.parquet", columns=["doc_id", "event_id", "archive_event_id"])
    ids.update({(r["doc_id"], f"event:{r['event_id']}"): r["archive_event_id"] for r in events.to_pylist()})
    return ids


def _same_code(tables: Path) -> None:
    """Exit unless ``tables`` were written by this code, data and models: otherwise the run
    under test would process every bulletin again, not only the added one."""
    import json

    from pipeline.core.settings import Settings
    from pipeline.execute.run import fingerprint
    from pipeline.tables.commit import MANIFEST_FILE

    written = json.loads((tables / MANIFEST_FILE).read_text(encoding="utf-8")).get("fingerprint")
    if written != fingerprint(Settings()):
        sys.exit(f"{tables}: written by other code (fingerprint {written}); run `bulletin run` on it again")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=40, help="bulletins in the archive before the new one")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the incremental run; the best counts")
    parser.add_argument("--archive", type=Path, help="an archive of bench.py's bulletins, instead of --size")
    parser.add_argument("--tables", type=Path, help="the tables of `bulletin run` on --archive (not changed)")
    args = parser.parse_args(argv)
    if (args.archive is None) != (args.tables is None):
        parser.error("--archive and --tables go together")

    from pipeline.archive import link_added, link_archive, load_index, read_previous
    from pipeline.tables.commit import MANIFEST_FILE
    from pipeline.tables.store import read_tables

    with tempfile.TemporaryDirectory(prefix="archive-increment-") as tmp:
        base = Path(tmp)
        raw, first = base / "raw", base / "first"
        if args.archive is not None:
            shutil.copytree(args.archive, raw)
            shutil.copytree(args.tables, first)
            size, first_seconds = len(list(raw.glob("*.txt"))), None
            _same_code(first)
            # As the operator's last monthly run left it: a run with nothing to do on this
            # folder, which keeps the hashes of its files (the copies are new files to it).
            _run(raw, first)
        else:
            build_archive(args.size, raw)
            size, (first_seconds, _, _) = args.size, _run(raw, first)
        before = _ids(first)
        samples = sorted(SAMPLES.glob("*.txt"))
        name = f"{samples[0].stem}-v{size:05d}.txt"
        text = vary_bulletin(samples[0].read_text(encoding="utf-8"), size)
        (raw / name).write_text(text, encoding="utf-8")
        (base / "alone").mkdir()
        (base / "alone" / name).write_text(text, encoding="utf-8")

        times, alone, peaks = [], [], []
        for k in range(args.repeat):
            alone.append(_run(base / "alone", base / f"alone-{k}")[0])
            out = base / f"incremental-{k}"
            shutil.copytree(first, out)
            seconds, stdout, peak = _run(raw, out)
            if not re.search(r"(?<!\d)1 processed", stdout):
                sys.exit(f"the incremental run did not process exactly the new bulletin:\n{stdout}")
            times.append(seconds)
            peaks.append(peak)
        after = _ids(out)
        changed = [key for key, value in before.items() if after.get(key) != value]

        # The linking alone, as the run calls it: the index or the ids of the first run, the
        # tables of the second.
        tables = read_tables(out)
        read_times, link_times, added_times = [], [], []
        link_archive(tables, read_previous(first))  # the reference data loaded before timing
        for _ in range(args.repeat):
            started = time.perf_counter()
            index = load_index(first, (first / MANIFEST_FILE).read_text(encoding="utf-8"))
            assert index is not None, "the first run stored no index"
            link_added(tables, first, index)
            added_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            previous = read_previous(first)
            read_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            linked = link_archive(tables, previous)
            link_times.append(time.perf_counter() - started)

    rows = sum(tables[name].num_rows for name in ("people", "organisations", "places"))
    n_events = tables["events"].num_rows
    print(f"archive: {size} bulletins, then 1 added ({rows} entity rows, {n_events} events)")
    if first_seconds is not None:
        print(f"first run, {size} bulletins:        {first_seconds:6.2f} s")
    best = min(times)
    print(
        f"incremental run, 1 bulletin added: {best:6.2f} s (best of {len(times)}), peak {min(peaks):.0f} MB"
    )
    print(f"the same bulletin alone:           {min(alone):6.2f} s")
    print(f"  linking against the stored index: {min(added_times):6.3f} s (reading it included)")
    print(f"  linking every row again:          {min(link_times):6.3f} s")
    print(f"    reading the ids last written:   {min(read_times):6.3f} s")
    print(f"entities: {linked['entities'].num_rows}, archive events: {linked['archive_events'].num_rows}")
    print(f"ids of the first run changed by the second: {len(changed)} of {len(before)}")
    extra = min(times) - min(alone)
    met = extra < TARGET_SECONDS
    print(
        f"target: adding one bulletin to {size} costs < {TARGET_SECONDS:.0f} s beyond its own processing: "
        f"{extra:.2f} s  {'ok' if met else 'MISSED'}"
    )
    return 1 if changed or not met else 0


if __name__ == "__main__":
    raise SystemExit(main())
