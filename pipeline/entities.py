"""Mentions of the model's own entities that no domain extractor claims (NORP, EVENT, LAW...)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Doc

from pipeline.ids import stable_id
from pipeline.records import Mention, Section

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
            start = section.char_start + ent.start_char
            end = section.char_start + ent.end_char
            mentions.append(
                Mention(
                    doc_id=doc_id,
                    section_id=section.section_id,
                    mention_id=stable_id(doc_id, start, end, ent.label_),
                    label=ent.label_,
                    text=ent.text,
                    char_start=start,
                    char_end=end,
                    entity_id=None,
                    page=section.page_start,
                )
            )
    return mentions
