"""The ``bulletin`` command: run the pipeline, evaluate against golden files, print the schema."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

import pipeline
from pipeline.core.errors import InputError, ModelNotInstalled, PipelineError
from pipeline.core.records import Failure
from pipeline.core.settings import DEFAULT_LANGUAGE, DEFAULT_MODELS, Limits, OcrSettings, Settings
from pipeline.execute.execution import EXECUTORS, Execution

MODEL_ENV = "BULLETIN_MODEL"  # the English model; BULLETIN_MODEL_FR and so on for another language
DEFAULT_GOLD = Path("tests/golden")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bulletin", description="Extract tables from institutional bulletins."
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {pipeline.__version__}", help="print the version"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="process new and changed bulletins into the output tables")
    run.add_argument(
        "input_dir",
        nargs="?",
        type=Path,
        default=Path("data/raw"),
        help="folder of bulletins (default: data/raw)",
    )
    run.add_argument(
        "--out", type=Path, default=Path("data/processed"), help="output folder (default: data/processed)"
    )
    run.add_argument("--force", action="store_true", help="reprocess every file, changed or not")
    run.add_argument(
        "--model",
        action="append",
        default=[],
        metavar="[LANG=]NAME",
        help=(
            "spaCy model name or path for the documents of language LANG (ISO 639-1; English "
            f"without LANG); repeat for each language; LANG= (no name) reads LANG with English "
            f"(default: ${MODEL_ENV}, ${MODEL_ENV}_FR, ... or "
            + ", ".join(f"{lang}={name}" for lang, name in DEFAULT_MODELS.items())
            + ")"
        ),
    )
    run.add_argument(
        "--no-tuned-ner",
        action="store_true",
        help="read entities with the model's own weights, not those trained on the golden files",
    )
    run.add_argument("--organisations", type=Path, help="extra organisation reference file (YAML)")
    run.add_argument("--max-bytes", type=int, default=Limits.max_bytes, help="largest input file accepted")
    run.add_argument("--max-pages", type=int, default=Limits.max_pages, help="most pages read from one PDF")
    run.add_argument(
        "--seconds-per-document", type=float, default=Limits.seconds_per_document, help="time limit per file"
    )
    run.add_argument(
        "--workers",
        type=int,
        default=1,
        help="processes that process documents (default 1: this one); the tables are the same",
    )
    run.add_argument(
        "--executor",
        choices=EXECUTORS,
        default="local",
        help="local: this machine (default); dask: a Dask cluster (needs the `dask` extra)",
    )
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler to use with --executor dask (default: a local cluster of --workers processes)",
    )
    run.add_argument(
        "--max-chars", type=int, default=Limits.max_chars, help="most characters of text in one file"
    )
    run.add_argument(
        "--no-ocr", action="store_true", help="do not read pages without a text layer by OCR (report them)"
    )
    run.add_argument(
        "--ocr-languages",
        default="+".join(OcrSettings.languages),
        help="OCR languages, tesseract codes joined by + (default: %(default)s)",
    )
    run.add_argument(
        "--ocr-dpi", type=int, default=OcrSettings.dpi, help="resolution pages are rendered at for OCR"
    )
    run.add_argument(
        "--ocr-jobs",
        type=int,
        help=(
            "OCR engines at once on this machine, shared by every worker, a document's pages spread"
            " over them (default: --workers; 1: one page at a time in each worker); the tables are the same"
        ),
    )
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    # SUPPRESS: without it the sub-command's default would undo `bulletin --debug run`.
    run.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks of errors"
    )

    evaluate = sub.add_parser("evaluate", help="score the output tables against golden files")
    evaluate.add_argument("--gold", type=Path, help="folder of *.gold.yaml files")
    evaluate.add_argument(
        "--clusters",
        type=Path,
        help="folder of *.clusters.yaml files: B-cubed scores of entities and archive events",
    )
    evaluate.add_argument(
        "--tables", type=Path, default=Path("data/processed"), help="folder of the output tables"
    )
    evaluate.add_argument("--details", action="store_true", help="list every miss and wrong prediction")
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")

    report = sub.add_parser("report", help="write the review report: a static HTML site of the tables")
    report.add_argument(
        "--tables", type=Path, default=Path("data/processed"), help="folder of the output tables"
    )
    report.add_argument(
        "--out",
        type=Path,
        default=Path("data/processed/report"),
        help="report folder (default: data/processed/report)",
    )
    report.add_argument(
        "--gold",
        type=Path,
        help=f"folder of *.gold.yaml files to compare with (default: {DEFAULT_GOLD} if it exists)",
    )
    report.add_argument("--no-gold", action="store_true", help="no comparison with golden files")

    sub.add_parser("schema", help="print the table reference (Markdown)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # soft_wrap: one message is one line of the log, however narrow the terminal.
    console = Console(stderr=True, soft_wrap=True)
    try:
        if args.command == "run":
            return _run(args, console)
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "report":
            return _report(args)
        if args.command == "schema":
            from pipeline.tables.schema import markdown_reference

            print(markdown_reference())
            return 0
    except (PipelineError, InputError, ModelNotInstalled, OSError) as exc:
        console.print(f"[red]error:[/red] {escape(_one_line(exc))}", highlight=False)
        if args.debug:
            console.print_exception()
        return 2
    except KeyboardInterrupt:
        console.print("[red]interrupted:[/red] the tables are as the last complete run left them")
        return 130
    except Exception as exc:  # a bug: one line in the log, the traceback with --debug
        message = escape(f"{type(exc).__name__}: {_one_line(exc)}")
        hint = "" if args.debug else " (--debug shows the traceback)"
        console.print(f"[red]internal error:[/red] {message}{hint}", highlight=False)
        if args.debug:
            console.print_exception()
        return 3
    return 2


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def models_setting(options: Sequence[str], environ: dict[str, str]) -> dict[str, str]:
    """The model of each language: the defaults, then ``BULLETIN_MODEL`` (English) and
    ``BULLETIN_MODEL_<LANG>``, then each ``--model [LANG=]NAME``; an empty NAME drops LANG."""
    models = dict(DEFAULT_MODELS)
    chosen = [(DEFAULT_LANGUAGE, environ[MODEL_ENV])] if environ.get(MODEL_ENV) else []
    prefix = f"{MODEL_ENV}_"
    chosen += [
        (k.removeprefix(prefix).lower(), v) for k, v in sorted(environ.items()) if k.startswith(prefix)
    ]
    for option in options:
        language, equals, name = option.partition("=")
        if equals and language.isalpha() and 2 <= len(language) <= 3:
            chosen.append((language.lower(), name.strip()))
        else:  # a name (or a path) alone: the English model
            chosen.append((DEFAULT_LANGUAGE, option.strip()))
    for language, name in chosen:
        if name:
            models[language] = name
        elif language == DEFAULT_LANGUAGE:
            raise PipelineError(
                f"the {DEFAULT_LANGUAGE!r} model cannot be dropped: every language falls back on it"
            )
        else:
            models.pop(language, None)
    return models


def _run(args: argparse.Namespace, console: Console) -> int:
    from pipeline.execute.run import run

    if not args.input_dir.is_dir():
        raise PipelineError(f"input folder {args.input_dir} does not exist")
    settings = Settings(
        input_dir=args.input_dir,
        output_dir=args.out,
        models=models_setting(args.model, dict(os.environ)),
        tuned_ner=not args.no_tuned_ner,
        force=args.force,
        debug=args.debug,
        limits=Limits(
            max_bytes=args.max_bytes,
            max_pages=args.max_pages,
            seconds_per_document=args.seconds_per_document,
            max_chars=args.max_chars,
        ),
        organisations_file=args.organisations,
        ocr=OcrSettings(
            enabled=not args.no_ocr,
            languages=tuple(code for code in args.ocr_languages.split("+") if code),
            dpi=args.ocr_dpi,
            jobs=max(1, args.ocr_jobs or args.workers),
        ),
    )

    execution = Execution(workers=args.workers, executor=args.executor, scheduler=args.scheduler)

    def report(failure: Failure, exc: BaseException | None) -> None:
        progress.console.print(
            f"[red]error:[/red] {escape(failure.source_file)}: {escape(failure.error)} ({failure.stage})",
            highlight=False,
        )
        if args.debug and exc is not None:
            from pipeline.execute.stages import format_traceback  # not on a run with nothing to do

            progress.console.print(format_traceback(exc), highlight=False, markup=False)

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=args.no_progress,
        transient=True,
    )
    with progress:
        task = progress.add_task("bulletins", total=None)

        def advance(name: str, status: str) -> None:
            progress.update(task, advance=1, description=f"{status}: {name}")

        summary = run(settings, on_file=advance, on_error=report, execution=execution)

    for warning in summary.warnings:
        console.print(
            f"[yellow]warning:[/yellow] {escape(warning.source_file)}: {escape(warning.error)}",
            highlight=False,
        )
    table = RichTable(title=f"bulletin run -> {settings.output_dir}", show_header=True)
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, rows in summary.rows.items():
        table.add_row(name, str(rows))
    out = Console()
    out.print(table)
    out.print(
        f"files: {len(summary.processed)} processed, {len(summary.skipped)} unchanged (skipped), "
        f"{len(summary.failed)} failed, {len(summary.removed)} removed",
        highlight=False,
    )
    return 1 if summary.failed else 0


def _evaluate(args: argparse.Namespace) -> int:
    from pipeline.review.evaluate import evaluate, evaluation_to_json, format_report, load_golden_dir
    from pipeline.tables.store import read_tables

    if args.gold is None and args.clusters is None:
        raise PipelineError("evaluate needs --gold DIR, --clusters DIR or both")
    tables = {name: t.to_pandas() for name, t in read_tables(args.tables).items()}
    output: dict[str, object] = {}
    if args.gold is not None:
        evaluation = evaluate(load_golden_dir(args.gold), tables)
        output["tables"] = evaluation_to_json(evaluation)
        if not args.json:
            print(format_report(evaluation, details=args.details))
    if args.clusters is not None:
        from pipeline.review.evaluate.clusters import (
            cluster_scores_to_json,
            format_cluster_scores,
            load_clusters_dir,
            score_series,
        )

        results = [score_series(gold, tables) for gold in load_clusters_dir(args.clusters)]
        output["clusters"] = cluster_scores_to_json(results)
        if not args.json:
            print(format_cluster_scores(results, details=args.details))
    if args.json:
        print(json.dumps(output if args.clusters is not None else output["tables"], indent=2, default=str))
    return 0


def _report(args: argparse.Namespace) -> int:
    from pipeline.review.report import write_report

    gold = None if args.no_gold else args.gold or (DEFAULT_GOLD if DEFAULT_GOLD.is_dir() else None)
    index = write_report(args.tables, args.out, gold)
    print(f"report: {index.resolve().as_uri()}" + (f" (compared with {gold})" if gold else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
