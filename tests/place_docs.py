"""Helpers of the places tests: blank parses with the model's labels set by hand, and the
places ``find_places`` reads in them."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from pipeline.core.records import Section
from pipeline.extract.places import find_places
from pipeline.extract.reference.gazetteer import Gazetteer, language_gazetteer
from pipeline.extract.reference.place_names import local_words


def places_of(
    gazetteer: Gazetteer,
    *docs: Doc,
    language: str = "en",
    organisations: tuple[tuple[int, int], ...] = (),
) -> dict[str, str | None]:
    """{name: country} of the places ``find_places`` reads in ``docs`` (one section each)."""
    sections, start = [], 0
    for doc in docs:
        sections.append(Section("d", f"d-s{start}", 1, None, doc.text, start, start + len(doc.text), 0, 1, 1))
        start += len(doc.text) + 2
    places, _ = find_places(
        "d",
        sections,
        list(docs),
        language_gazetteer(gazetteer, language),
        organisation_spans=organisations,
        local=local_words(language),
    )
    return {p.name: p.country_code for p in places}


def labelled(nlp: spacy.language.Language, text: str, **labels: str) -> Doc:
    """A blank parse with the model's entity labels set by hand: name=LABEL."""
    doc = nlp(text)
    spans = []
    for name, label in labels.items():
        start = text.index(name.replace("_", " "))
        spans.append(doc.char_span(start, start + len(name.replace("_", " ")), label=label))
    doc.ents = spans
    return doc
