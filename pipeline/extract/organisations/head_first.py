"""Organisation names that open with their head word and run on in lower case, as French writes
them: "Ministère de la Santé publique et de la Population", "Agence des services numériques",
"Programme des Nations Unies pour le développement".

A name starts at a capitalised head word ("Ministère", "Agence", "Comité"), or at one of a
few heads written in lower case before a capitalised name (``OrgReference.lower_case_heads``:
"l'association Amicale des Randonneurs", "la mairie de Saint-Pierre-les-Bois"), and runs on over
adjectives and capitalised words, and over the links of ``OrgReference.name_links`` ("de la",
"pour le", "et de l'") when a content word follows them. It stops at a verb, a pronoun, another
preposition ("à", "en"), a number (not a short one between two capitalised words: "Université
Paris 1 Panthéon-Sorbonne") or punctuation. A head and adjectives written in Title Case ("Conseil
Municipal") take no lower-case complement ("le Conseil Municipal des actes qu'il juge"). A name
in quotes right after the head is part of the name ("le Centre social « Les Tilleuls »"). With a
parse (the French model's UPOS tags) the part of speech says what a lower-case word is; on a
blank pipeline, lower-case words that are not in ``OrgReference.name_stop_words`` count as
content words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from pipeline.extract.acronyms import AcronymDefinition, is_acronym_token
from pipeline.extract.reference.organisations import OrgReference
from pipeline.extract.words import Word, is_cap_word

MAX_NAME_WORDS = 14
# Parts of speech of a word that may go on a name after its head (UPOS; "" on a blank pipeline).
CONTENT_TAGS = frozenset({"NOUN", "PROPN", "ADJ", "X", ""})


def _content(word: Word, ref: OrgReference) -> bool:
    """A noun, adjective or name that may go on a name: "services", "numériques", "Nations"."""
    text = word.text
    if not text[:1].isalpha() or text.lower() in ref.name_stop_words:
        return False
    if text.lower().rstrip(".") in ref.person_words:
        return False  # "l'office de tourisme de Coutances [Monsieur X]": a person follows the name
    if is_cap_word(text):
        return word.tag != "VERB"
    return word.tag in CONTENT_TAGS


def _link_end(words: Sequence[Word], i: int, ref: OrgReference) -> int:
    """End of the longest link starting at word ``i`` ("de", "de la", "et de l'", ", de"), or ``i``."""
    j = i
    if j < len(words) and words[j].text == "," and j + 1 < len(words):
        # "Ministère de l'Artisanat, de la Culture et du Tourisme": a list of complements.
        if words[j + 1].text.lower() not in ref.name_links:
            return i
        j += 1
    for length in (3, 2, 1):
        phrase = " ".join(w.text.lower().replace("\u2019", "'") for w in words[j : j + length])
        if len(words[j : j + length]) == length and phrase in ref.name_links:
            j += length
            while j + 1 < len(words) and _line_break(words[j]):
                j += 1
            return j
    return i


def _line_break(word: Word) -> bool:
    """A single line break (a name wrapped at the end of a line), not a paragraph break."""
    return word.text.isspace() and word.text.count("\n") <= 1


def head_first_end(
    words: Sequence[Word], k: int, ref: OrgReference, persons: frozenset[int] = frozenset()
) -> int:
    """End (exclusive) of the head-first name whose head is word ``k``; the name may wrap at
    the end of a line after its head or a link ("l'Agence / Française de Développement", "le
    Ministère des / Affaires étrangères"). A person (``persons``: token indices of the model's
    PERSON entities) after a comma and a link, or right after a lower-case noun, is named beside
    the body ("le Comité des fêtes, de [Anne Roy]", "l'office du bénévolat [Luc Roy]"); after the
    head, a capitalised word, an adjective or a link it is in the name ("Université Denis
    Diderot", "Lycée professionnel Jean Moulin", "Association des Amis de Victor Hugo")."""
    end = k + 1
    j = k + 1
    after_comma = False
    while j < len(words) and j - k < MAX_NAME_WORDS:
        if words[j].start in persons and j > k + 1:
            before = words[j - 1]
            linked = before.text.lower().replace("\u2019", "'") in ref.name_links
            if after_comma or not (linked or is_cap_word(before.text) or before.tag == "ADJ"):
                break
        if j == k + 1 and _line_break(words[j]) and j + 1 < len(words):
            j += 1
            continue
        after = _link_end(words, j, ref)
        if after > j:
            if after < len(words) and _title_case(words[k:end]) and not is_cap_word(words[after].text):
                break  # "le Conseil Municipal [des actes qu'il juge]": a name in Title Case ends
            if after < len(words) and _content(words[after], ref):
                after_comma = words[j].text == ","
                j = after
                continue
            break
        after_comma = False
        if _content(words[j], ref) or _numbered(words, j):
            j += 1
            end = j
            continue
        break
    return end


def _title_case(name: Sequence[Word]) -> bool:
    """A head and its adjectives all capitalised ("Conseil Municipal", "Centre Social"): a name
    written in Title Case, whose complement is capitalised too where it belongs to it."""
    return len(name) > 1 and all(is_cap_word(w.text) for w in name)


def _numbered(words: Sequence[Word], j: int) -> bool:
    """Word ``j`` is a short number between two capitalised words of a name: "Université Paris
    1 Panthéon-Sorbonne" (not "l'Agence X 12 projets")."""
    return (
        words[j].text.isdigit()
        and len(words[j].text) <= 2
        and j + 1 < len(words)
        and is_cap_word(words[j - 1].text)
        and is_cap_word(words[j + 1].text)
    )


# The links that open a complement ("de", "du", "des", "d'"), not "et" or "pour".
_OF_LINKS = frozenset({"de", "du", "des", "d'", "d\u2019"})


def _acronym_head(words: Sequence[Word], k: int, ref: OrgReference) -> bool:
    """Word ``k`` is an unknown acronym in capitals that heads a name running on with a link and
    a capitalised name: the acronym of a kind of body before the place it serves ("la MRC des
    Îles-Vertes", "le SIVOM du Haut-Val"); not a known body's ("le HCR de Goma" is the HCR), nor
    an acronym of a thing (``OrgReference.non_org_acronyms``: "le PLU de Bourg")."""
    text = words[k].text
    if not (is_acronym_token(text) and text.isupper()) or text in ref.non_org_acronyms:
        return False
    if ref.lookup_acronym(text) is not None:
        return False
    if words[k + 1 : k + 2] and words[k + 1].text.lower() not in _OF_LINKS:
        return False  # "DURAND et Mme ...": a surname in a list
    after = _link_end(words, k + 1, ref)
    if not k + 1 < after < len(words):
        return False
    name = words[after].text
    # A name in Title Case after it, not a heading in capitals ("ELECTION DU BUREAU").
    return is_cap_word(name) and any(c.islower() for c in name)


# Quotation marks that open and close a name written in quotes after its head.
_QUOTES = {"\u00ab": "\u00bb", "\u201c": "\u201d", '"': '"'}
# Words of a quoted name: a longer quote is a title or a saying.
MAX_QUOTED_WORDS = 8


def quoted_name_end(words: Sequence[Word], j: int) -> int:
    """End (exclusive) of a name in quotes that opens at word ``j`` right after a head ("la
    Commission « Cadre de vie »", "l'association "Les Amis du Port""): the name is the head and
    the quote; ``j`` where no such quote opens there. The quote starts with a capitalised word
    and closes on the same line within ``MAX_QUOTED_WORDS`` words, with no sentence end inside."""
    if j >= len(words) or words[j].text not in _QUOTES or j + 1 >= len(words):
        return j
    if not is_cap_word(words[j + 1].text):
        return j
    close = _QUOTES[words[j].text]
    for m in range(j + 1, min(len(words), j + 2 + MAX_QUOTED_WORDS)):
        t = words[m].text
        if t == close:
            return m + 1 if m > j + 1 else j
        if "\n" in t or t in {".", "!", "?", ";"}:
            return j
    return j


def head_first_names(
    words: Sequence[Word], ref: OrgReference, persons: frozenset[int] = frozenset()
) -> list[tuple[int, int]]:
    """Spans (word indices, end exclusive) of head-first organisation names in ``words``
    (``persons``: token indices of the model's PERSON entities, see ``head_first_end``)."""
    found: list[tuple[int, int]] = []
    k = 0
    while k < len(words):
        text = words[k].text
        lower_case = text in ref.lower_case_heads
        head = lower_case or (text[:1].isupper() and text.lower() in ref.head_words)
        if not (head or _acronym_head(words, k, ref)):
            k += 1
            continue
        end = head_first_end(words, k, ref, persons)
        if text.lower() not in ref.non_org_words:
            end = quoted_name_end(words, end)  # "le Centre social « Au Fil de l'Eau »"
        if end == k + 1:
            k += 1  # a bare head ("le Comité") refers back to a name, it is not one
            continue
        if lower_case and (
            not any(is_cap_word(w.text) for w in words[k + 1 : end])
            or any(w.text.isspace() for w in words[k + 1 : end])
            or sum(len(w.text) > 1 and w.text.isupper() for w in words[k + 1 : end]) > 1
        ):
            # "la communauté internationale": a common noun; "du gouvernement / Epidémie de
            # choléra", "du conseil Page 2 TRAVAUX DE VOIRIE": a heading after it, no name.
            k += 1
            continue
        found.append((k, end))
        k = end
    return found


def _initial(text: str) -> str:
    return unicodedata.normalize("NFKD", text[:1])[:1].upper()


def bracketed_definitions(words: Sequence[Word], text: str, ref: OrgReference) -> list[AcronymDefinition]:
    """Head-first names followed by an acronym in brackets that starts with the name's first
    letter, or that the reference knows (a UN body's English acronym): "École nationale
    d'administration de Madagascar (ENAM)", which the acronym finder leaves out when the
    initials of the words do not spell it."""
    found = []
    for a, b in head_first_names(words, ref):
        start, end = words[a].char_start, words[b - 1].char_end
        m = re.match(r"\s*\((\w[\w-]*)\)", text[end:])
        # ... or that the reference knows: "Fonds des Nations Unies pour la population (UNFPA)".
        known = m is not None and ref.lookup_acronym(m.group(1)) is not None
        if (
            m
            and is_acronym_token(m.group(1))
            and (known or _initial(m.group(1)) == _initial(text[start:end]))
        ):
            found.append(
                AcronymDefinition(m.group(1), text[start:end], end + m.start(1), end + m.end(1), start, end)
            )
    return found
