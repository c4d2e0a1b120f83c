"""Words of a parsed section, read once and shared by the organisation and people stages.

A ``Word`` is a whitespace word of a Doc (hyphenated tokens such as "e-Government" are
one word), with the word lists that tell a capitalised name from the words around it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from spacy.attrs import IS_ALPHA, IS_LOWER, ORTH
from spacy.tokens import Doc

from pipeline.core.ids import normalise_name

# Lower-case words that may sit inside a name between capitalised words.
CONNECTORS = frozenset({"of", "for", "on", "and", "&", "the", "de", "du", "des", "la", "et"})


# Capitalised at a sentence start, but never part of a name.
DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "our",
        "his",
        "her",
        "both",
        "all",
        "each",
        "every",
        "such",
        "some",
        "any",
        "other",
        "another",
        "several",
    ]
)


POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})


# Tags of words that start a clause or an activity, not a name ("Fostering Participation").
VERB_TAGS = frozenset({"VB", "VBG", "VBZ", "VBD", "VBP"})


MODEL_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})


class Word(NamedTuple):
    """A whitespace word of a Doc: hyphenated tokens ("e-Government") are one word.

    A named tuple: a section makes one per word, and a frozen dataclass is several times
    slower to create.
    """

    text: str
    start: int  # token index
    end: int  # token index, exclusive
    char_start: int  # offsets in doc.text
    char_end: int
    tag: str  # tag of its first token


def doc_words(doc: Doc) -> list[Word]:
    """The words of ``doc``, hyphen-joined tokens merged."""
    # Token attributes read in one pass: indexing a Doc creates a new Token object every time.
    texts: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []
    tags: list[str] = []
    for token in doc:
        texts.append(token.text)
        spaces.append(bool(token.whitespace_))
        starts.append(token.idx)
        tags.append(token.tag_)
    words: list[Word] = []
    i = 0
    n = len(texts)
    while i < n:
        j = i + 1
        while (
            j + 1 < n
            and texts[j] == "-"
            and not spaces[j - 1]
            and not spaces[j]
            and texts[j - 1][-1:].isalnum()
            and texts[j + 1][:1].isalnum()
        ):
            j += 2
        # Span.text is the text from the first token to the end of the last one.
        start, end = starts[i], starts[j - 1] + len(texts[j - 1])
        words.append(Word("".join(texts[i:j]), i, j, start, end, tags[i]))
        i = j
    return words


def is_cap_word(text: str) -> bool:
    """Capitalised like a name: "Ministry", "DESA", "e-Government", "Co-operation"."""
    if not text[:1].isalpha():
        return False
    if text[0].isupper():
        return text.lower() not in DETERMINERS or (text.isupper() and len(text) > 1)
    parts = text.split("-")
    return len(parts) > 1 and len(parts[0]) == 1 and parts[1][:1].isupper()


def model_place_names(docs: Iterable[Doc]) -> frozenset[str]:
    """Normalised names the model labels as places in the bulletin (GPE, LOC, NORP)."""
    return frozenset(
        normalise_name(e.text) for doc in docs for e in doc.ents if e.label_ in MODEL_PLACE_LABELS
    )


def lowercase_vocabulary(docs: Iterable[Doc]) -> frozenset[str]:
    """Words the bulletin also writes in lower case: ordinary words, not parts of a proper name.

    The tokens' ``is_alpha``, ``is_lower`` and text, read as one array per doc (making a
    Token object per word costs more than the rest of this function).
    """
    words: set[str] = set()
    for doc in docs:
        rows = doc.to_array([IS_ALPHA, IS_LOWER, ORTH]).reshape(-1, 3)
        lower = rows[(rows[:, 0] == 1) & (rows[:, 1] == 1), 2]
        words.update(doc.vocab.strings[key] for key in set(lower.tolist()))
    return frozenset(words)
