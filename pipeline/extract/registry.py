"""The extractors, in the order they run: the one place a new extractor is registered.

Each stage reads the records of the stages above it (``context.found``): people need the
organisations, statistics skip the dates, events use them all. To add an extractor, write
a module with ``extract(context) -> Extracted`` and add a ``Stage`` here; if a later stage
reads its records, give ``Found`` a field of the stage's name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path

from pipeline.extract import dates, events, model_entities, organisations, people, places, statistics
from pipeline.extract.context import DocumentContext, Extracted, Found, Reference
from pipeline.extract.dates.grammar import default_grammar
from pipeline.extract.reference.gazetteer import load_gazetteer
from pipeline.extract.reference.gazetteer_cache import load_cached_gazetteer
from pipeline.extract.reference.organisations import load_org_reference
from pipeline.extract.reference.place_names import load_place_vocabulary


@dataclass(frozen=True)
class Stage:
    name: str  # the stage a failure row names; the field of ``Found`` its records go to
    extract: Callable[[DocumentContext], Extracted]


EXTRACTORS: tuple[Stage, ...] = (
    Stage("organisations", organisations.extract),
    Stage("places", places.extract),
    Stage("people", people.extract),
    Stage("entities", model_entities.extract),  # the model's other labels: mentions only
    Stage("dates", dates.extract),
    Stage("statistics", statistics.extract),
    Stage("events", events.extract),
)

_FOUND_FIELDS = frozenset(f.name for f in fields(Found))


def run_stage(stage: Stage, context: DocumentContext) -> DocumentContext:
    """``context`` with what ``stage`` extracts from it added to ``context.found``."""
    extracted = stage.extract(context)
    if stage.name in _FOUND_FIELDS:
        return context.with_found(stage.name, extracted)
    if extracted.records:
        raise ValueError(f"stage {stage.name!r} returned records but Found has no field for them")
    return context.with_found(None, extracted)


def load_reference(organisations_file: Path | None = None, cache_dir: Path | None = None) -> Reference:
    """The reference data of every stage, built now rather than at the first document; the
    gazetteer kept in ``cache_dir`` between runs (``pipeline.extract.reference.gazetteer_cache``)."""
    gazetteer = load_cached_gazetteer(cache_dir) if cache_dir is not None else load_gazetteer()
    reference = Reference(gazetteer=gazetteer, organisations=load_org_reference(organisations_file))
    load_place_vocabulary(cache_dir)
    default_grammar()
    return reference
