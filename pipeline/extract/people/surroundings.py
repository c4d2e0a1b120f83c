"""What the words and lines around a person's name say of the body they belong to, beyond
a title: the subject of the sentence an "its" refers to ("The X Trust named Ann Lee as its
chair", "... to its board"), a body's name before a bracket of people or a colon over a list
of them, the line of a body's name above a list of its people; and the line breaks and dashes
that set a title apart from a name ("Vice Chair – Ann Lee", "the Independent\nExpert, Mr. X")."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.extract.people.affiliation_lookup import Affiliations, affiliation, words_text
from pipeline.extract.people.lexicon import PeopleLexicon
from pipeline.extract.people.names import Name, is_name_word
from pipeline.extract.people.title_words import MAX_TITLE_WORDS, is_ordinal, list_start, run_back
from pipeline.extract.reference.organisations import match_key
from pipeline.extract.reference.place_names import is_place_name
from pipeline.extract.words import POSSESSIVE_MARKS, Word

# Words that end a sentence, or a clause that a body pronoun does not reach back over.
SENTENCE_ENDS = frozenset({".", "!", "?", ";"})


# Words read after "to its" for the noun of a group ("to its program and community team").
MAX_GROUP_WORDS = 5


# Lines of other people read up from a name to the line of the body they are listed under.
MAX_LINES_UNDER_BODY = 8


# Dashes between a title and the body it is held in ("Director – Friarsgate Park Trust").
DASHES = frozenset({"-", "\u2013", "\u2014"})


def wrapped(text: str) -> bool:
    """A line break inside a paragraph (not a blank line)."""
    return text.isspace() and text.count("\n") == 1


def role_before_dash(
    words: Sequence[Word], p: int, text: str, taken: set[int], lexicon: PeopleLexicon
) -> bool:
    """Word ``p`` is a dash after a title and nothing else: "Vice Chair – Ann Lee"."""
    if words[p].text not in DASHES or p < 1:
        return False
    run = run_back(words, p - 1, taken, lexicon)
    return bool(run) and lexicon.is_role(words_text(text, run))


def dash_before_role(words: Sequence[Word], k: int, lexicon: PeopleLexicon) -> bool:
    """Word ``k`` is a dash before a title: a role word or phrase in its first two words ("Ann
    Lee – treasurer", "Kim Tan - Vice Chair", "Tom Reid – newsletter editor")."""
    after = [w.text for w in words[k + 1 : k + 3] if w.text[:1].isalpha()]
    return any(lexicon.is_role(w) for w in after) or lexicon.is_role(" ".join(after))


def sentence_body(words: Sequence[Word], k: int, known: Affiliations) -> str | None:
    """The body a pronoun at word ``k`` ("its") refers to inside its sentence: the first one the
    sentence names before it, its subject ("The X Trust has named Ann Lee as its chair")."""
    s = k
    while s > 0 and words[s - 1].text not in SENTENCE_ENDS and words[s - 1].text.count("\n") < 2:
        s -= 1
    org = known.first_named_between(words[s].char_start, words[k].char_start)
    return (org.acronym or org.name) if org else None


def bracket_owner(
    name: Name, words: Sequence[Word], text: str, taken: set[int], known: Affiliations
) -> str | None:
    """ "the Mill Friends (Ann Lee and Bo Chen)", "l'Association des Amis du Moulin (Paul Roy
    et Léa Roy)": the body whose name the bracket of people follows."""
    first = list_start(words, name.honorific_start, taken, known.lexicon.list_links)
    if first < 2 or words[first - 1].text != "(":
        return None
    run = run_back(words, first - 2, taken, known.lexicon)
    body = affiliation(run, text, known) if run else None
    if body is None or is_place_name(body) or known.lexicon.is_role(body):
        return None
    return body if match_key(body) in known.by_key else None


def body_label(words: Sequence[Word], p: int, run: Sequence[Word], text: str, known: Affiliations) -> bool:
    """``run`` (ending at word ``p``, before a colon) opens its line and is the name of a body
    the bulletin names: a label over a list of that body's people."""
    if p + 1 >= len(words) or words[p + 1].text != ":":
        return False
    r0 = words.index(run[0])
    if r0 > 0 and not words[r0 - 1].text.startswith("\n"):
        return False
    name = words_text(text, words[r0 : p + 1])
    return match_key(name) in known.by_key and not is_place_name(name) and not known.lexicon.is_role(name)


def body_line_above(
    name: Name, words: Sequence[Word], text: str, taken: set[int], known: Affiliations
) -> str | None:
    """The body whose name fills the line above a name that opens its line, over the lines of
    other people listed under it: "Weston Bushcare Group / Helen Pratt, Coordinator / Tom
    Hughes, Secretary" (no blank line between)."""
    k = name.honorific_start - 1
    if k < 0 or not wrapped(words[k].text):
        return None
    for _ in range(MAX_LINES_UNDER_BODY):
        j = k - 1
        while j >= 0 and not words[j].text.startswith("\n"):
            j -= 1
        line = [w for w in words[j + 1 : k] if not w.text.isspace()]
        if not line:
            return None
        if any(i in taken for i in range(j + 1, k)):
            if j < 0 or not wrapped(words[j].text):
                return None
            k = j  # another person's line of the list
            continue
        phrase = words_text(text, line)
        body = known.by_key.get(match_key(phrase))
        if body is None or is_place_name(phrase):
            return None
        return body.acronym or body.name
    return None


def to_group_body(words: Sequence[Word], q: int, known: Affiliations) -> str | None:
    """ "(named Ann Lee) to its board": the body the sentence names, when "to its" (word ``q``
    is "to") opens a group of its people."""
    lexicon = known.lexicon
    if q + 2 >= len(words) or words[q + 1].text.lower() not in lexicon.body_pronouns:
        return None
    for w in words[q + 2 : q + 2 + MAX_GROUP_WORDS]:
        if not w.text[:1].isalpha():
            break
        if w.text.lower() in lexicon.group_nouns:
            return sentence_body(words, q + 1, known)
    return None


def between_names(
    words: Sequence[Word], h: int, taken: set[int], lexicon: PeopleLexicon, *, bare: bool = False
) -> bool:
    """The words before word ``h`` (a name's first) are a comma, a title and a comma after
    another name: "Tom Hardy, treasurer, Ann Lowe" (also with "and" before the name).
    ``bare``: the title opens with no link, so it is no second apposition of its own ("Ann
    Roe, and the treasurer, Tom Hardy")."""
    k = h - 1
    if k >= 0 and words[k].text.lower() in lexicon.list_links - {","}:
        k -= 1
    if k < 1 or words[k].text != ",":
        return False
    k -= 1
    start = k
    while k >= 1 and k not in taken and start - k < MAX_TITLE_WORDS and (
        words[k].text[:1].isalpha() or words[k].text in POSSESSIVE_MARKS | {"-"} or is_ordinal(words[k].text)
    ):
        k -= 1
    if not (k < start and words[k].text == "," and k - 1 in taken):
        return False
    links = lexicon.list_links | lexicon.title_links | lexicon.link_articles
    return not bare or words[k + 1].text.lower() not in links


def next_register_name(words: Sequence[Word], k: int, lexicon: PeopleLexicon) -> bool:
    """Word ``k`` opens a "SURNAME Firstname" of a register, where the language writes surnames
    in capitals ("Présents : M. ROY Paul, LEROY Anne"): a person, never a body's acronym."""
    return (
        lexicon.surnames_in_capitals
        and k + 1 < len(words)
        and words[k].text.isupper()
        and len(words[k].text) > 1
        and not words[k + 1].text.isupper()
        and is_name_word(words[k + 1].text, lexicon)
    )
