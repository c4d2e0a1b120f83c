"""Officers listed under a role label: "Treasurer: Ann Roe", "Vice-présidents : Paul Roy\\nLuc
Hardy, Anne Vidal", "Trésoriers adjoints :\\nMarc Lenoir\\nEric Dumas".

A board, an editorial team or a press office is often set out as a role, a colon, and the
names that hold it, on the label's line and on the lines below, until the next label. The
label is the role of every name of its list; the names themselves are read by their form,
since the model often takes the label and the first name together for something else.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.extract.people.lexicon import PeopleLexicon
from pipeline.extract.people.names import Name, honorific_at, name_end
from pipeline.extract.words import Word

# A label is a few words at the start of a line: "Correspondante au Sénégal :".
MAX_LABEL_WORDS = 5
MAX_ROLE_WORDS = 3
MAX_LISTED_NAME_WORDS = 4


def _blank(word: Word) -> bool:
    return not word.text.strip()


def _label_role(words: Sequence[Word], colon: int, lexicon: PeopleLexicon) -> tuple[int, bool] | None:
    """(first word, whether the role is plural) of the role label ending at the colon at
    ``colon``: the words of the colon's line before it, opened by a role ("Vice-présidents",
    "Trésoriers adjoints", "Correspondante au Sénégal"); None if there is none."""
    a = colon
    while a > 0 and colon - a < MAX_LABEL_WORDS and words[a - 1].text[:1].isalpha():
        a -= 1
    if a == colon or (a > 0 and "\n" not in words[a - 1].text and words[a - 1].text[:1].isalnum()):
        return None  # a label starts its line: not "we thank our editor: Ann Roe"
    if not words[a].text[:1].isupper():
        return None
    for b in range(min(colon, a + MAX_ROLE_WORDS), a, -1):
        phrase = " ".join(w.text for w in words[a:b])
        if lexicon.is_role(phrase):
            return a, False
        if lexicon.is_plural_role(phrase):
            return a, True
    return None


def label_names(
    words: Sequence[Word], text: str, lexicon: PeopleLexicon, section: int, heading_end: int
) -> list[Name]:
    """The names listed after each role label of a section, up to the first word that is no
    part of the list (a new label, a sentence)."""
    out: list[Name] = []
    for colon, word in enumerate(words):
        if word.text != ":" or _label_role(words, colon, lexicon) is None:
            continue
        k = colon + 1
        while k < len(words):
            if _blank(words[k]) or words[k].text.lower() in lexicon.list_links:
                k += 1
                continue
            start = k
            honorific = honorific_at(words, k, text, lexicon)
            if honorific is not None:
                start = honorific[1]
            end = name_end(words, start, lexicon)
            if not 2 <= end - start <= MAX_LISTED_NAME_WORDS:
                break
            h = honorific[0] if honorific else None
            out.append(Name(section, start, end, h, k, words[k].char_start < heading_end, "label"))
            k = end
    return out


def label_role(
    words: Sequence[Word], start: int, text: str, taken: set[int], lexicon: PeopleLexicon
) -> str | None:
    """The role label whose list holds the name whose first word (or honorific) is ``start``:
    back over the names before it on the list, to a colon after a role. A name further down
    a list than the first takes the label only when the label is plural ("Secrétaires")."""
    k = start - 1
    crossed = False
    while k >= 0:
        if _blank(words[k]) or words[k].text.lower() in lexicon.list_links:
            k -= 1
        elif k in taken:
            crossed = True
            while k >= 0 and k in taken:
                k -= 1
        else:
            break
    if k < 0 or words[k].text != ":":
        return None
    found = _label_role(words, k, lexicon)
    if found is None or (crossed and not found[1]):
        return None
    return " ".join(text[words[found[0]].char_start : words[k - 1].char_end].split())
