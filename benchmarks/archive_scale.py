"""Benchmark: the end of a run (linking, checking, writing) at ten times an archive's size.

    .venv/bin/python benchmarks/archive_scale.py --archive RAW --tables OUT [--times 10] [--keep DIR]

A first run of 10,000 bulletins takes from half an hour to hours on a shared 2-CPU machine, and
processing the documents holds flat memory (batches, spilled). What grows with the archive is
the end of the run, which this measures without the model: it takes a run's tables of N bulletins
(``--tables``, of ``--archive``) and makes an archive ``--times`` as large from them (each
bulletin and its rows copied under new ids and file names: the same rows, so linking finds the
same entities, with ``--times`` as many rows each), then runs, in a fresh process for 1 x and for
``--times`` x, the end of a run that links every row anew, as a first run does: ``run()`` on the
archive with one bulletin removed, its rows read back from the tables rather than processed, the
ids last written ignored. It prints the seconds and the peak RSS of each, and the ratio against
issue 18's target for the whole run (peak at 10,000 <= 1.2 x the peak at 1,000): ok or MISSED.
It exits with 1 if the target is missed.

``--keep DIR`` keeps the larger archive and its tables (written by the code of the worktree, with
the stored index) for ``archive_increment.py --archive DIR/raw --tables DIR/out``: adding one
bulletin to them.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATIO = 1.2  # issue 18: peak RSS at N = 10,000 within 1.2 x that at N = 1,000


def replicate(raw: Path, tables: Path, times: int, raw_out: Path, tables_out: Path) -> None:
    """``times`` copies of each bulletin (``c<k>-`` before its file name) and of its rows (the
    first character of each document, section, mention, date, event and statistic id replaced
    by ``k``); the manifest says they are the tables of the code here."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from pipeline.core.settings import Settings
    from pipeline.execute.run import fingerprint
    from pipeline.tables.build import sort_table
    from pipeline.tables.schema import TABLES

    raw_out.mkdir(parents=True)
    tables_out.mkdir(parents=True)
    for k in range(times):
        for path in raw.iterdir():
            os.link(path, raw_out / f"c{k}-{path.name}")
    renamed = {"doc_id", "section_id", "mention_id", "date_id", "event_id", "stat_id"}
    rows = {}
    for name, table in TABLES.items():
        arrow = pq.read_table(tables / f"{name}.parquet")
        if "doc_id" in table.column_names or name == "failures":
            copies = []
            for k in range(times):
                copy = arrow
                for i, column in enumerate(copy.column_names):
                    if column in renamed:
                        ids = pc.utf8_slice_codeunits(copy[column], 1)
                        copy = copy.set_column(i, column, pc.binary_join_element_wise(str(k), ids, ""))
                    elif column == "source_file":
                        copy = copy.set_column(
                            i, column, pc.binary_join_element_wise(f"c{k}-", copy[column], "")
                        )
                copies.append(copy)
            arrow = sort_table(table, pa.concat_tables(copies))
        pq.write_table(arrow, tables_out / f"{name}.parquet", compression="zstd")
        rows[name] = arrow.num_rows
    manifest = json.loads((tables / "manifest.json").read_text(encoding="utf-8"))
    manifest["fingerprint"] = fingerprint(Settings())
    manifest["files"] = {f"c{k}-{f}": sha for k in range(times) for f, sha in manifest["files"].items()}
    manifest["rows"] = rows
    (tables_out / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    shutil.copy(tables / "bulletins.duckdb", tables_out / "bulletins.duckdb")


def end_of_run(raw: Path, out: Path) -> None:
    """In this process: ``run()`` on ``raw`` without its first bulletin, the ids last written
    ignored, so that every row is linked anew as in a first run."""
    import pipeline.execute.update as update
    from pipeline.archive import Previous
    from pipeline.core.settings import Settings
    from pipeline.execute.run import run

    update.read_previous = lambda out_dir, relink=False: Previous(relink=relink)
    os.unlink(sorted(raw.iterdir())[0])
    summary = run(Settings(input_dir=raw, output_dir=out, progress=False))
    if summary.processed or len(summary.removed) != 1:
        sys.exit(f"expected only one bulletin removed: {len(summary.processed)} processed")


def _measure(raw: Path, out: Path, work: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of ``end_of_run`` on copies of ``raw`` and ``out``, in a child."""
    shutil.rmtree(work, ignore_errors=True)
    (work / "raw").mkdir(parents=True)
    for path in raw.iterdir():
        os.link(path, work / "raw" / path.name)
    shutil.copytree(out, work / "out")
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "--child", str(work / "raw"), str(work / "out")])
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("the end of the run failed")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, help="an archive of bench.py's bulletins")
    parser.add_argument("--tables", type=Path, help="the tables of `bulletin run` on --archive (not changed)")
    parser.add_argument("--times", type=int, default=10, help="how many times larger the second archive is")
    parser.add_argument("--keep", type=Path, help="keep the larger archive and its tables here")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        end_of_run(*args.child)
        return 0
    if args.archive is None or args.tables is None:
        parser.error("--archive and --tables are needed")
    with tempfile.TemporaryDirectory(prefix="archive-scale-") as tmp:
        base = Path(tmp)
        figures = {}
        for times in (1, args.times):
            raw, out = base / f"raw{times}", base / f"out{times}"
            replicate(args.archive, args.tables, times, raw, out)
            figures[times] = _measure(raw, out, base / f"work{times}")
            seconds, peak = figures[times]
            n = len(list(raw.iterdir()))
            print(f"end of a run linking every row, {n} bulletins: {seconds:6.1f} s, peak {peak:.0f} MB")
        if args.keep is not None:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(base / f"work{args.times}", args.keep)
    ratio = figures[args.times][1] / figures[1][1]
    met = ratio <= TARGET_RATIO
    print(
        f"target: peak RSS of the end of a run at {args.times} x within {TARGET_RATIO} x: "
        f"{ratio:.2f} x  {'ok' if met else 'MISSED'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
