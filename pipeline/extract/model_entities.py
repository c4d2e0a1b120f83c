"""Mentions of the model's own entities that no domain extractor claims (NORP, EVENT, LAW...)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Doc

from pipeline.core.records import Mention, Section
from pipeline.extract.context import DocumentContext, Extracted, make_mention

# Labels covered by the dates, statistics, people, organisation and place stages.
CLAIMED_LABELS = frozenset(
    {
        "DATE",
        "TIME",
        "CARDINAL",
        "ORDINAL",
        "PERCENT",
        "MONEY",
        "QUANTITY",
        "PERSON",
        "ORG",
        "GPE",
        "LOC",
        "FAC",
    }
)


def extract(context: DocumentContext) -> Extracted:
    """The model's other entities, as mentions only (no table of their own)."""
    return Extracted(mentions=tuple(model_mentions(context.doc_id, context.sections, context.docs)))


def model_mentions(
    doc_id: str,
    sections: Sequence[Section],
    docs: Sequence[Doc],
    skip_labels: Collection[str] = CLAIMED_LABELS,
) -> list[Mention]:
    mentions = []
    for section, doc in zip(sections, docs, strict=True):
        for ent in doc.ents:
            if ent.label_ in skip_labels:
                continue
            mentions.append(make_mention(doc_id, section, ent.start_char, ent.end_char, ent.label_, None))
    return mentions
