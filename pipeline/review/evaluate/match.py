"""The README's matching rules: whether a prediction finds a gold entry, and which of the
entry's checked fields it gets right.

Kept apart from the counting, so each rule reads beside the README's scoring table.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from pipeline.review.evaluate.golden import Golden, GoldEntry
from pipeline.review.evaluate.predictions import Prediction
from pipeline.review.evaluate.text import normalise, words

VALUE_TOLERANCE = 1e-9

# Fields checked once a gold entry is found, and how: see the README's scoring table.
CHECKED_FIELDS: dict[str, dict[str, str]] = {
    "documents": {"title": "equal", "issue_date": "date"},
    "sections": {},
    "people": {"honorific": "equal", "role": "all_words", "organisation": "organisation"},
    "organisations": {"acronym": "equal"},
    "places": {"country": "equal"},
    "dates": {},
    "events": {"end": "date", "city": "equal", "country": "equal", "name": "half_words"},
    "statistics": {"qualifier": "equal", "unit": "equal", "subject": "half_words"},
}


def _pattern_matches(pattern: str, iso: str | None) -> bool:
    """``2012-XX-22`` matches ``2012-10-22``: an X stands for any digit."""
    if iso is None or len(pattern) != len(iso):
        return False
    return all(p == c or (p == "X" and c.isdigit()) for p, c in zip(pattern, iso, strict=True))


def _equal(gold: Sequence[str], predicted: str | None) -> bool:
    if predicted is None:
        return False
    norm = normalise(predicted)
    return any(normalise(g) == norm for g in gold)


def _all_words(gold: Sequence[str], predicted: str | None) -> bool:
    """Every word of a gold alternative is in the predicted text."""
    if predicted is None:
        return False
    got = words(predicted)
    for alternative in gold:
        want = words(alternative)
        if (want and want <= got) or (not want and _equal([alternative], predicted)):
            return True
    return False


def _half_words(gold: Sequence[str], predicted: str | None) -> bool:
    """At least half of a gold alternative's words are in the predicted text."""
    if predicted is None:
        return False
    got = words(predicted)
    for alternative in gold:
        want = words(alternative)
        if (want and 2 * len(want & got) >= len(want)) or (
            not want and _equal([alternative], predicted)
        ):
            return True
    return False


def _dates_match(gold: Sequence[str], predicted: str | None) -> bool:
    return any(_pattern_matches(g, predicted) for g in gold)


def organisation_aliases(golden: Golden) -> list[frozenset[str]]:
    """Normalised names and acronyms of each gold organisation (optional ones included)."""
    out = []
    for entry in (*golden.entries["organisations"], *golden.optional["organisations"]):
        names = (*entry.texts.get("name", ()), *entry.texts.get("acronym", ()))
        out.append(frozenset(normalise(n) for n in names))
    return out


def _same_organisation(
    gold: Sequence[str], predicted: str | None, aliases: Sequence[frozenset[str]]
) -> bool:
    """Equal to the gold value, or to a name or acronym of the gold organisation that has
    the gold value as its name or acronym."""
    if predicted is None:
        return False
    norm = normalise(predicted)
    for alternative in gold:
        want = normalise(alternative)
        if norm == want or any(want in names and norm in names for names in aliases):
            return True
    return False


def _section_matches(gold: GoldEntry, pred: Prediction) -> bool:
    """An entry without a section key matches in any section; null is the masthead."""
    return not gold.has_section or (pred.section_known and pred.section == gold.section)


def finds(table: str, gold: GoldEntry, pred: Prediction) -> bool:
    """Whether ``pred`` finds ``gold`` (the README's matching rule for ``table``)."""
    if not _section_matches(gold, pred):
        return False
    texts, got = gold.texts, pred.values
    if table == "sections":
        return "title" not in texts or _equal(texts["title"], got["title"])
    if table in {"people", "places"}:
        return _equal(texts["name"], got["name"])
    if table == "organisations":
        wanted = {normalise(t) for t in (*texts["name"], *texts.get("acronym", ()))}
        return bool(wanted & {normalise(v) for v in (got["name"], got["acronym"]) if v})
    if table == "dates":
        return _dates_match(texts["start"], got["start"]) and _dates_match(texts["end"], got["end"])
    if table == "events":
        if "start" in texts:
            return _dates_match(texts["start"], got["start"])
        return _half_words(texts["name"], got["name"])
    if table == "statistics":
        return (
            gold.value is not None
            and pred.value is not None
            and math.isclose(
                gold.value, pred.value, rel_tol=VALUE_TOLERANCE, abs_tol=VALUE_TOLERANCE
            )
        )
    raise AssertionError(table)


def field_results(
    table: str, gold: GoldEntry, pred: Prediction, aliases: Sequence[frozenset[str]]
) -> dict[str, bool]:
    """Right or wrong for each checked field the gold entry has."""
    out = {}
    for name, how in CHECKED_FIELDS[table].items():
        if name not in gold.texts:
            continue
        want, got = gold.texts[name], pred.values.get(name)
        if how == "organisation":
            out[name] = _same_organisation(want, got, aliases)
        else:
            out[name] = _FIELD_CHECKS[how](want, got)
    return out


_FIELD_CHECKS: dict[str, Callable[[Sequence[str], str | None], bool]] = {
    "equal": _equal,
    "all_words": _all_words,
    "half_words": _half_words,
    "date": _dates_match,
}
