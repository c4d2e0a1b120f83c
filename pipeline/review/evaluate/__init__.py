"""Score predicted tables against golden extractions (format and rules: shared/golden/README.md).

A golden file lists, for one bulletin, the facts an analyst extracted by hand. ``load_golden``
reads and validates one; ``evaluate`` matches its entries one-to-one with the rows of the
predicted tables and counts what was found, missed and wrongly predicted, per table and per
bulletin; ``format_report`` and ``evaluation_to_json`` present the result.

A golden file whose bulletin has no row in ``documents`` is listed in
``Evaluation.missing`` and its entries count as missed: a bulletin the pipeline lost lowers
recall instead of disappearing from the scores.

The submodules, in the order the data flows: ``golden`` (reading and checking golden files),
``text`` (text as the rules compare it), ``predictions`` (the predicted rows),
``match`` (whether a prediction finds a gold entry and gets its fields right), ``results``
(the records an evaluation returns), ``score`` (counting per table and bulletin) and
``output`` (the text and JSON report).
"""

from pipeline.review.evaluate.golden import load_golden, load_golden_dir
from pipeline.review.evaluate.output import evaluation_to_json, format_report
from pipeline.review.evaluate.score import evaluate

__all__ = ["evaluate", "evaluation_to_json", "format_report", "load_golden", "load_golden_dir"]
