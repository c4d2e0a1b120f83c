"""Helpers of the French rule tests: the organisation names read head first in a blank parse."""

from __future__ import annotations

from spacy.language import Language

from pipeline.extract.organisations.head_first import head_first_names
from pipeline.extract.reference.organisations import language_reference, load_org_reference
from pipeline.extract.words import doc_words

FR_REFERENCE = language_reference(load_org_reference(), "fr")


def head_first_texts(nlp: Language, text: str) -> list[str]:
    """The names ``head_first_names`` reads in ``text``, as written."""
    words = doc_words(nlp(text))
    return [
        text[words[a].char_start : words[b - 1].char_end] for a, b in head_first_names(words, FR_REFERENCE)
    ]
