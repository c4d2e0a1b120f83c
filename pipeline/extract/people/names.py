"""Where a person's name is written: after an honorific ("Ms. Jane Roe"), after a title
("Minister Jane Roe"), or as a PERSON entity of the model that looks like a name."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.core.ids import normalise_name
from pipeline.extract.acronyms import is_acronym_token
from pipeline.extract.people.lexicon import PeopleLexicon
from pipeline.extract.reference.place_names import is_city_name, is_demonym, is_place_name
from pipeline.extract.words import DETERMINERS, POSSESSIVE_MARKS, VERB_TAGS, Word, is_cap_word

MAX_NAME_WORDS = 6
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "an")
# Tags of a word that can open an item of a list of names (not "However", "Then"): the
# English model's and the Universal Dependencies tag of the French one.
_PROPER_TAGS = frozenset({"NNP", "NNPS", "PROPN"})


def honorific_at(words: Sequence[Word], i: int, text: str, lexicon: PeopleLexicon) -> tuple[str, int] | None:
    """(canonical honorific, index of the word after it) if an honorific starts at word ``i``."""
    start = words[i].char_start
    # Only forms that start with the word's first character can match; checked longest first.
    candidates = lexicon.honorifics_by_initial.get(text[start : start + 1], ())
    for form in candidates:
        if not text.startswith(form, start):
            continue
        end = start + len(form)
        for j in range(i, min(i + 4, len(words))):
            if words[j].char_end == end:
                return lexicon.honorifics[form], j + 1
            if words[j].char_end > end:
                break
    return None


def is_name_word(text: str, lexicon: PeopleLexicon) -> bool:
    """A word that can be part of a person's name ("Asante-Boadu", "al-Shaibani", "O'Neill")."""
    core = text.replace("-", "").replace("'", "").replace("\u2019", "")
    prefix, _, rest = text.partition("-")
    if prefix in lexicon.particles and rest[:1].isupper():
        return core.isalpha()
    if not core.isalpha() or not text[0].isupper():
        return False
    if text.lower() in lexicon.never_in_name or lexicon.is_role(text) or text in lexicon.honorifics:
        return False
    if text in lexicon.post_nominals:
        return False
    # "DESA", "UNDP": an acronym is an organisation, not a name (short capitals like "WU" pass).
    return not (is_acronym_token(text) and text.isupper() and len(text) > 2)


def _capital_surname(words: Sequence[Word], i: int, j: int, end: int, lexicon: PeopleLexicon) -> bool:
    """Word ``j`` is a surname in capitals right after a first name ("Andogoly *GUINDO*", "El
    Ghassim *WANE*"), where the language writes surnames so (``surnames_in_capitals``)."""
    if not lexicon.surnames_in_capitals or end == i or end != j:
        return False
    text = words[j].text
    core = text.replace("-", "")
    return (
        core.isalpha()
        and text.isupper()
        and len(core) > 1
        and not words[j - 1].text.isupper()
        and text.lower() not in lexicon.never_in_name
    )


def _is_initial(text: str) -> bool:
    return len(text) == 2 and text[0].isupper() and text[1] == "."


# A surname in capitals is at most this many words ("AIT EL HADJ – MONNERET"); the dashes that
# may join its parts.
MAX_CAPITAL_SURNAME_WORDS = 5
_NAME_DASHES = frozenset({"-", "\u2013"})

# Tags of a capitalised verb in a Title Case heading or a programme's name ("Justice *Held* in
# Nairobi", "Anna Berg *Presented*", "Parks *Goes* Wild"): it ends a name.
_PAST_TAGS = frozenset({"VBD", "VBN", "VBZ"})


def name_end(words: Sequence[Word], i: int, lexicon: PeopleLexicon) -> int:
    """End (exclusive) of the name starting at word ``i``; ``i`` when there is none."""
    end = i
    j = i
    while j < len(words) and j - i < MAX_NAME_WORDS:
        t = words[j].text
        if words[j].tag in _PAST_TAGS:
            break
        if is_name_word(t, lexicon) or _is_initial(t) or _capital_surname(words, i, j, end, lexicon):
            j += 1
            end = j
        elif (
            t in lexicon.particles
            and j > i
            and j + 1 < len(words)
            and is_name_word(words[j + 1].text, lexicon)
        ):
            j += 1
        else:
            break
    # A name does not end on an initial ("Mr. J." is a truncated name).
    while end > i and _is_initial(words[end - 1].text):
        end -= 1
    return end


def _capitals_surname_word(text: str, lexicon: PeopleLexicon) -> bool:
    core = text.replace("-", "").replace("'", "").replace("\u2019", "")
    return core.isalpha() and text.isupper() and len(core) > 1 and text.lower() not in lexicon.never_in_name


def _surname_alone(words: Sequence[Word], j: int, lexicon: PeopleLexicon) -> int:
    """End of a surname in capitals after an honorific ("M. PIOT", "Mme LEBRUN", "Mme AIT EL
    HADJ – MONNERET"), where the language writes surnames so; ``j`` if there is none (the first
    names a register writes after it are ``_first_names_after``'s). Elsewhere a word in capitals
    is an acronym, and ``is_name_word`` refuses it."""
    if not lexicon.surnames_in_capitals:
        return j
    k = j
    while k < len(words) and k - j < MAX_CAPITAL_SURNAME_WORDS:
        if _capitals_surname_word(words[k].text, lexicon) or (
            words[k].text in _NAME_DASHES
            and k > j
            and k + 1 < len(words)
            and _capitals_surname_word(words[k + 1].text, lexicon)
        ):
            k += 1
        else:
            break
    return k


# First names read after a surname in capitals ("M. ROY Jean Paul").
MAX_FIRST_NAMES_AFTER = 2


def _first_names_after(words: Sequence[Word], end: int, lexicon: PeopleLexicon) -> int:
    """End of the name after the first names that follow a surname in capitals ending at word
    ``end``, as registers of those present write them ("M. BOURGOIN Marcel", "Mme ROY
    Marie-Laure"): words in Title Case, not in capitals, on the same line."""
    k = end
    while k < len(words) and k - end < MAX_FIRST_NAMES_AFTER:
        text = words[k].text
        if text.isupper() or not is_name_word(text, lexicon) or text.lower() in lexicon.never_in_name:
            break
        k += 1
    return k


@dataclass(frozen=True)
class Name:
    section: int
    start: int  # word indexes in the section's Doc
    end: int
    honorific: str | None
    honorific_start: int  # first word of the honorific (== start when there is none)
    in_heading: bool
    source: str  # honorific or model


def honorific_names(
    words: Sequence[Word], text: str, lexicon: PeopleLexicon, section: int, heading_end: int
) -> list[Name]:
    """Every "honorific + capitalised name" of a section."""
    out: list[Name] = []
    i = 0
    while i < len(words):
        found = honorific_at(words, i, text, lexicon)
        if found is None:
            i += 1
            continue
        canonical, j = found
        # "H.E. Mr. Jane Roe": the first honorific is kept, the others skipped.
        while j < len(words):
            again = honorific_at(words, j, text, lexicon)
            if again is None:
                break
            j = again[1]
        end = name_end(words, j, lexicon)
        if end == j:
            end = _surname_alone(words, j, lexicon)
            end = _first_names_after(words, end, lexicon) if end > j else end
        if end > j:
            out.append(Name(section, j, end, canonical, i, words[i].char_start < heading_end, "honorific"))
            i = end
        else:
            i = j
    return out


def surname_names(
    words: Sequence[Word], lexicon: PeopleLexicon, section: int, heading_end: int
) -> list[Name]:
    """Names whose surname is written in capitals after the first name ("Andogoly GUINDO", "El
    Ghassim WANE"), where the language writes surnames so: the form itself says it is a name."""
    out: list[Name] = []
    if not lexicon.surnames_in_capitals:
        return out
    k = 0
    while k < len(words):
        text = words[k].text
        first = is_name_word(text, lexicon) and not text.isupper()
        if not first or (k > 0 and is_name_word(words[k - 1].text, lexicon)):
            k += 1
            continue
        end = name_end(words, k, lexicon)
        if end - k >= 2 and words[end - 1].text.isupper():
            out.append(Name(section, k, end, None, k, words[k].char_start < heading_end, "surname"))
            k = end
        else:
            k += 1
    return out


def titled_names(words: Sequence[Word], lexicon: PeopleLexicon, section: int, heading_end: int) -> list[Name]:
    """Names right after a capitalised title: "Minister Jane Roe", "Secretary-General John Doe".

    The name has two to four words and ends the run of capitalised words, so that
    "Director General Organisation for ..." is not read as a name.
    """
    out: list[Name] = []
    for k, w in enumerate(words[:-2]):
        start = k + 1
        if not (w.text[:1].isupper() and lexicon.is_role(w.text)):
            if not _lower_title_opened(words, k, lexicon):
                continue
            if words[start].text.islower() and words[start].tag == "ADJ":
                start += 1  # "le maire *aubinois* Paul Roy"
        end = name_end(words, start, lexicon)
        follows = words[end].text if end < len(words) else ""
        if 2 <= end - start <= 4 and not is_cap_word(follows):
            out.append(Name(section, start, end, None, start, words[start].char_start < heading_end, "title"))
    return out


def _lower_title_opened(words: Sequence[Word], k: int, lexicon: PeopleLexicon) -> bool:
    """Word ``k`` is a role in lower case after an article, where titles are written head first
    ("le maire Paul Roy", "la présidente Léa Roy")."""
    text = words[k].text
    if not (lexicon.roles_run_on and text.islower() and lexicon.is_role(text)) or k == 0:
        return False
    return words[k - 1].text.lower().replace("\u2019", "'") in lexicon.link_articles


def model_names(
    doc: Doc,
    words: Sequence[Word],
    lexicon: PeopleLexicon,
    section: int,
    heading_end: int,
    places: frozenset[str],
    doc_text: str,
) -> list[Name]:
    """The model's PERSON entities that look like names (a country or a slogan does not).

    ``doc_text`` is ``doc.text``, which spaCy would rebuild from the tokens on each access.
    """
    word_at = {t: k for k, w in enumerate(words) for t in range(w.start, w.end)}
    out: list[Name] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        a, b = word_at[ent.start], word_at[ent.end - 1] + 1
        honorific = None
        h_start = a
        while a < b and (found := honorific_at(words, a, doc_text, lexicon)) is not None:
            honorific = honorific or found[0]
            a = found[1]
        # "the Ranger Nina", "Photo G. Lee": a role or a caption label before the name.
        while a < b and (
            words[a].text.lower() in DETERMINERS
            or lexicon.is_role(words[a].text)
            or words[a].text.lower() in lexicon.label_words
        ):
            a += 1
            h_start = a
        if b - a >= 3 and _ends_title_complement(words, a, lexicon):
            a += 1  # "the Minister of Fisheries and Ports Amadou Keita": "Ports" ends the title
            h_start = a
        # "Ann Roe's", "Ted Hale AO", "Linda Roe 6288" (a telephone number after the name).
        while b > a and (
            words[b - 1].text in POSSESSIVE_MARKS
            or words[b - 1].text in lexicon.post_nominals
            or not any(ch.isalpha() for ch in words[b - 1].text)
        ):
            b -= 1
        b = _cut_at_line_break(words, a, b, lexicon)
        end = name_end(words, a, lexicon)
        if a + 1 < end < b and all(_body_acronym(w.text) for w in words[end:b]):
            b = end  # "Jane Roe ACME Director": the acronym of her body follows the name
        if b <= a or end < b:
            continue  # a word no name has ("Promoting Whole-of-Government Approaches")
        if honorific is None and _place_like(words, a, b, doc_text, places):
            continue
        if honorific is None and b < len(words) and words[b].text in lexicon.post_nominals:
            honorific = words[b].text  # "Ted Hale AO"
        out.append(Name(section, a, b, honorific, h_start, words[a].char_start < heading_end, "model"))
    return out


# Words joining the last word of a title's complement to the rest ("of Fisheries *and* Ports").
_COMPLEMENT_JOINS = frozenset({"and", "&", "of", "for"})
MAX_TITLE_BACK = 8


def _ends_title_complement(words: Sequence[Word], a: int, lexicon: PeopleLexicon) -> bool:
    """Word ``a``, after "and/of/for", closes a capitalised title written before the name
    ("Minister of Information and *Culture* Ann Roe"): a role word opens the run it ends."""
    if a < 2 or words[a - 1].text.lower() not in _COMPLEMENT_JOINS:
        return False
    for k in range(a - 2, max(-1, a - 2 - MAX_TITLE_BACK), -1):
        t = words[k].text
        if lexicon.is_role(t) and t[:1].isupper():
            return True
        if not (is_cap_word(t) or t.lower() in _COMPLEMENT_JOINS):
            return False
    return False


def _body_acronym(text: str) -> bool:
    return is_acronym_token(text) and text.isupper() and len(text) > 2


def _cut_at_line_break(words: Sequence[Word], a: int, b: int, lexicon: PeopleLexicon) -> int:
    """The end of a model PERSON entity (words ``a`` to ``b``) that runs on over a line break
    into the next line's label ("Ann Roe\nTreasurer :", a list of officers one per line): the
    name ends at the break when what comes before it is a whole name and the next line opens
    with a role word (not "Rainfall Map\nStatus", a caption over a heading)."""
    end = name_end(words, a, lexicon)
    if not (a < end < b and "\n" in words[end].text and not words[end].text.strip()):
        return b
    following = next((w.text for w in words[end + 1 : b + 1] if w.text.strip()), "")
    return end if following and lexicon.is_role(following) else b


MAX_LISTED_NAME_WORDS = 3


def _place_like(words: Sequence[Word], a: int, b: int, doc_text: str, places: frozenset[str]) -> bool:
    """A place's name, a demonym or a verb: never a person's name without an honorific.

    ``places`` are the names the model calls places. A one-word name is tested against
    countries and large cities only: "Linda" and "Graham" are also small towns.
    """
    text = doc_text[words[a].char_start : words[b - 1].char_end]
    if is_place_name(text) or normalise_name(text) in places:
        return True
    if b - a == 1:
        return is_demonym(words[a].text) or words[a].tag in VERB_TAGS
    # "Indian Mynas": a word of the name is a people's or a place's (not "Helen", whose
    # stem is in "Saint Helena").
    return (
        is_city_name(text)
        or words[a].tag in VERB_TAGS
        or any(normalise_name(w.text) in places for w in words[a:b])
        or any(w.text.endswith(DEMONYM_ENDINGS) and is_demonym(w.text) for w in words[a:b])
    )


def listed_names(
    doc: Doc,
    words: Sequence[Word],
    lexicon: PeopleLexicon,
    section: int,
    heading_end: int,
    places: frozenset[str],
    doc_text: str,
) -> list[Name]:
    """Names in a list of people that the model misses or calls a place or a body: "Nina,
    Marty and Chris", "Paul Roe, Ann Lee, Kim Tan". An item of one to three name words,
    not a place's name, is a person when its list (items joined by commas and "and") holds
    two names the model calls people."""
    people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    if len(people) < 2:
        return []
    starts = [w.start for w in words]
    person = {bisect_right(starts, t) - 1 for ent in people for t in range(ent.start, ent.end)}
    items: list[tuple[int, int]] = []  # the items of the list being read
    out: list[Name] = []

    def close() -> None:
        if sum(1 for a, b in items if any(k in person for k in range(a, b))) >= 2:
            out.extend(
                Name(section, a, b, None, a, words[a].char_start < heading_end, "list")
                for a, b in items
                # The model's own place labels are what a list of people corrects ("Nina").
                if not any(k in person for k in range(a, b))
                and not _place_like(words, a, b, doc_text, frozenset())
            )
        items.clear()

    k = 0
    while k < len(words):
        end = name_end(words, k, lexicon) if words[k].tag in _PROPER_TAGS else k
        if end > k and (k == 0 or not is_name_word(words[k - 1].text, lexicon)):
            if items and not all(w.text.lower() in lexicon.list_links for w in words[items[-1][1] : k]):
                close()
            if end - k <= MAX_LISTED_NAME_WORDS:
                items.append((k, end))
            else:
                close()
            k = end
            continue
        if items and words[k].text.lower() not in lexicon.list_links:
            close()
        k += 1
    close()
    return out
