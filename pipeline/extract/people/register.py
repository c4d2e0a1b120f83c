"""The register of a meeting: the people a record lists as present, absent or excused
("Étaient présents : M. Paul Roy, Maire, Léa Petit ...", "Present: Cllr Ann Roe, Cllr Tom
Lee", "Apologies: Kim Tan") sit on the body whose meeting it records: the council, committee
or board the record named before the list ("Séance du Conseil municipal", "Minutes of the
Parish Council meeting")."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.extract.organisations.names import is_head_word, name_head
from pipeline.extract.people.affiliation_lookup import Affiliations
from pipeline.extract.people.lexicon import PeopleLexicon, role_key
from pipeline.extract.people.names import Name, honorific_at
from pipeline.extract.words import Word

# Words that end the list: a sentence's end.
LIST_ENDS = frozenset({".", "!", "?", ";"})
# A register label is a short line: "Étaient absents et excusés :", "In attendance:".
MAX_LABEL_WORDS = 10
# Words read back from a name to its list's label (a council's roll runs to some twenty names,
# each with a title).
MAX_LIST_WORDS = 200


def _paragraph_break(word: Word) -> bool:
    return word.text.isspace() and word.text.count("\n") > 1


def register_label(
    words: Sequence[Word], colon: int, registers: frozenset[str], *, nested: bool = True
) -> bool:
    """The line before the colon at word ``colon`` is a register's label: a short line with a
    word of attendance ("présents", "excusés", "present", "apologies"), or (``nested``) a label
    right under one ("Present:\nMembers of the Board:")."""
    k = colon - 1
    line: list[str] = []
    while k >= 0 and "\n" not in words[k].text:
        if not words[k].text.isspace():
            line.append(words[k].text)
        k -= 1
    if not line or len(line) > MAX_LABEL_WORDS:
        return False
    keys = role_key(" ".join(reversed(line))).split()
    pairs = (" ".join(keys[i : i + 2]) for i in range(len(keys) - 1))
    if any(w in registers for w in keys) or any(p in registers for p in pairs):
        return True
    while k >= 0 and words[k].text.isspace():
        k -= 1
    return nested and k > 0 and words[k].text == ":" and register_label(words, k, registers, nested=False)


def _listed_word(word: Word, lexicon: PeopleLexicon) -> bool:
    """A word a register's list holds besides its names: punctuation, a list link, a title
    ("Maire", "1er Adjoint"), a capitalised form of address ("Mesdames, Messieurs")."""
    text = word.text
    if not text[:1].isalpha():
        return True
    if text.lower() in lexicon.list_links or lexicon.is_role(text):
        return True
    return text[:1].isupper() or any(c.isdigit() for c in text)


def list_label(name: Name, words: Sequence[Word], taken: set[int], lexicon: PeopleLexicon) -> int | None:
    """The colon of the register label whose list holds ``name``: back over the names, titles,
    commas and brackets before it ("(proxy to Ann Roe)") to a colon; not over a word of a
    sentence, nor a blank line (but the one right after the label). None if the name is on no
    register's list."""
    k = name.honorific_start - 1
    depth = 0  # brackets open after word k, read backwards: anything goes inside them
    while k >= 0 and name.honorific_start - k <= MAX_LIST_WORDS:
        word = words[k]
        if k in taken:
            k -= 1
            continue
        if word.text == ")":
            depth += 1
        elif word.text == "(":
            depth = max(depth - 1, 0)
        elif depth == 0:
            if word.text == ":":
                return k if register_label(words, k, lexicon.register_words) else None
            if word.text in LIST_ENDS or not _listed_word(word, lexicon):
                return None
            if _paragraph_break(word) and not (k > 0 and words[k - 1].text == ":"):
                return None
        k -= 1
    return None


def meeting_body(offset: int, known: Affiliations, bodies: frozenset[str]) -> str | None:
    """The first body the record names before ``offset`` (in the section) whose head word is a
    deliberative body's ("conseil", "council", "committee"): the body that meets."""
    for org in known.named_before_all(offset):
        words = org.name.split()
        head = words[0].lower() if known.reference.head_first else name_head(words)
        if is_head_word(head, bodies):
            return org.acronym or org.name
    return None


MAX_ROLE_WORDS = 3


def register_role(name: Name, words: Sequence[Word], taken: set[int], lexicon: PeopleLexicon) -> str | None:
    """The plural title a register's label gives all its list ("Étaient présents les
    Conseillers municipaux :", "Present, Councillors:"); None if it gives none."""
    if not lexicon.register_words:
        return None
    colon = list_label(name, words, taken, lexicon)
    if colon is None:
        return None
    k = colon - 1
    while k >= 0 and "\n" not in words[k].text:
        k -= 1
    line = [w.text for w in words[k + 1 : colon] if w.text[:1].isalpha()]
    for size in range(MAX_ROLE_WORDS, 0, -1):
        for i in range(len(line) - size + 1):
            phrase = " ".join(line[i : i + size])
            if lexicon.is_plural_role(phrase):
                return phrase
    return None


def register_body(name: Name, words: Sequence[Word], taken: set[int], known: Affiliations) -> str | None:
    """The body that meets, for a person on its register's list; None if the name is on none."""
    lexicon = known.lexicon
    if not lexicon.register_words or not lexicon.meeting_bodies:
        return None
    colon = list_label(name, words, taken, lexicon)
    if colon is None:
        return None
    return meeting_body(words[colon].char_start, known, lexicon.meeting_bodies)


# Words that part the items of a register's list: "GAUCHER Yves, - LAMOTHE Michel", "• ROY Léa".
ITEM_MARKS = frozenset({",", "-", "\u2013", "\u2014", "\u2022", "*", "/"})
MAX_ITEM_WORDS = 4


def _name_form(text: str) -> bool:
    """A capitalised word of letters, hyphens and apostrophes inside it ("MARIE-JOSEPH"), not
    one with a mark stuck to its end ("DEBELLE-" of "DEBELLE- Paul ROY")."""
    core = text.replace("-", "").replace("'", "").replace("\u2019", "")
    return core.isalpha() and text[:1].isupper() and text[-1:].isalpha()


def _surname_item(item: Sequence[Word], lexicon: PeopleLexicon) -> bool:
    """An item of a register written "SURNAME Firstname" or "Firstname SURNAME": two to four
    capitalised words, no title, one in capitals and one not ("LAURADOUR-DUFRAISSE Yvan")."""
    texts = [w.text for w in item]
    if not 2 <= len(texts) <= MAX_ITEM_WORDS or not all(_name_form(t) for t in texts):
        return False
    if any(lexicon.is_role(t) or t in lexicon.honorifics for t in texts):
        return False
    capitals = [t.isupper() and len(t) > 1 for t in texts]
    return any(capitals) and not all(capitals)


def register_names(
    words: Sequence[Word], text: str, lexicon: PeopleLexicon, section: int, heading_end: int
) -> list[Name]:
    """The people of each register's list written with their surnames in capitals, where the
    language writes them so ("Présents : CAUDROY Pascale, DOURILLE Alain, ..."): the model
    often reads such a list as one run of organisations."""
    if not lexicon.surnames_in_capitals or not lexicon.register_words:
        return []
    out: list[Name] = []
    for colon, word in enumerate(words):
        if word.text != ":" or not register_label(words, colon, lexicon.register_words):
            continue
        out.extend(_listed_items(words, colon + 1, text, lexicon, section, heading_end))
    return out


def _listed_items(
    words: Sequence[Word], k: int, text: str, lexicon: PeopleLexicon, section: int, heading_end: int
) -> list[Name]:
    out: list[Name] = []
    item: list[int] = []
    honorific: tuple[str, int] | None = None
    depth = 0

    def close() -> None:
        nonlocal item, honorific
        chosen = [words[i] for i in item]
        if _surname_item(chosen, lexicon):
            h = honorific[0] if honorific else None
            h_start = honorific[1] if honorific else item[0]
            in_heading = words[item[0]].char_start < heading_end
            out.append(Name(section, item[0], item[-1] + 1, h, h_start, in_heading, "register"))
        item, honorific = [], None

    first = k
    while k < len(words):
        t = words[k].text
        if t == "(":
            depth += 1
        elif t == ")":
            depth = max(depth - 1, 0)
        elif depth:
            pass
        elif t.isspace():
            if _paragraph_break(words[k]) and k > first:
                break
            surname_only = all(words[i].text.isupper() for i in item)
            if "\n" in t and len(item) != 1 and not surname_only:
                close()  # one item a line; a line break inside an item after its first word,
                # or after a surname in capitals ("LE GUEN\nAurélie")
        elif t in LIST_ENDS or t == ":":
            break
        elif t in ITEM_MARKS or t.lower() in lexicon.list_links or not any(c.isalnum() for c in t):
            close()  # also a run of marks: "MARTY Josiane,- VINCENT Isabelle"
        elif not item and (found := honorific_at(words, k, text, lexicon)) is not None:
            honorific = (found[0], k)
            k = found[1]
            continue
        else:
            item.append(k)
        k += 1
    close()
    return out
