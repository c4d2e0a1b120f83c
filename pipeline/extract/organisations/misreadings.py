"""Capitalised names that look like a body and are not one: a person the model took for an
organisation, a town after "in" or "at" or in a list of places, a plant or animal genus before
its species or a common name beside its scientific one, a heading on a line of its own, a kind
of body ("Swiss Societies") or a generic organ standing alone ("Executive Board", "Steering
Committee"). The model's labels and parse are the evidence, with the bulletin's own usage and
the word lists of the reference file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import IS_ALPHA, IS_LOWER, IS_TITLE, ORTH
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from pipeline.core.ids import normalise_name
from pipeline.extract.organisations.heads import is_head_word
from pipeline.extract.reference.organisations import OrgReference
from pipeline.extract.reference.place_names import is_city_name, is_demonym
from pipeline.extract.words import Word

_LIST_LINKS = frozenset({",", "and", "&"})
# Prepositions that put what follows them in a place: "arriving at [Malakal]".
_LOCATIVE = frozenset({"in", "at", "to", "from", "near", "around", "towards", "toward", "via"})


@dataclass(frozen=True)
class BulletinClues:
    """What the whole bulletin says about some words."""

    # First and last words of the model's PERSON names, and one-word names it calls a person
    # at least as often as a body.
    person_parts: frozenset[str] = frozenset()
    epithets: frozenset[str] = frozenset()  # lower-case words that only follow a capitalised one
    genera: frozenset[str] = frozenset()  # the capitalised words before them, in lower case


# The subject of a verb that the model gives no entity label: a proper noun written alone.
_SUBJECT_PATTERN = [{"TAG": "NNP", "DEP": "nsubj", "ENT_TYPE": "", "IS_TITLE": True, "IS_ALPHA": True}]
# Tags of a word before a name that make it a common noun ("The Convention entered into force").
_NOT_BEFORE_NAMES = frozenset({"DT", "PRP$", "WP$"})
_SUBJECT_HEADS = frozenset({"VERB", "AUX"})


@lru_cache(maxsize=8)
def _subject_matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    matcher.add("UNLABELLED_SUBJECT", [_SUBJECT_PATTERN])
    return matcher


def unlabelled_subjects(doc: Doc) -> list[Token]:
    """Proper nouns in Title Case, of one word, that are the active subject of a verb on the same
    line and that the model labels as no entity at all: how newsletters name their members by
    first name ("Reet acted as returning officer", "Bess was in town for a week"); not after an
    article ("The Convention entered ..."), nor before a number ("Sun 16": a day). Not yet a
    person: the callers test the word against places, bodies and the bulletin's ordinary words."""
    out: list[Token] = []
    if not (doc.has_annotation("TAG") and doc.has_annotation("DEP")):
        return out
    for _, start, _ in _subject_matcher(doc.vocab)(doc):
        token, head = doc[start], doc[start].head
        if head.pos_ not in _SUBJECT_HEADS or head.i == start:
            continue
        if any(c.dep_ == "compound" and c.i == start - 1 for c in token.children):
            continue  # a name of several words: the model's to read
        if (start > 0 and doc[start - 1].tag_ in _NOT_BEFORE_NAMES) or (
            start + 1 < len(doc) and doc[start + 1].like_num
        ):
            continue
        a, b = sorted((token.i, head.i))
        if "\n" not in doc[a : b + 1].text:  # a verb on another line is a parse across the layout
            out.append(token)
    return out


def bulletin_clues(docs: Iterable[Doc], ref: OrgReference) -> BulletinClues:
    """The first and last words of every PERSON entity, and the species epithets of the bulletin:
    lower-case words with a Latin ending that never follow anything but a capitalised word
    ("Verbascum *thapsus*", "Digitaria *brownii*"). A one-word name the bulletin also writes,
    with no entity label, as the subject of a verb ("Reet acted ...") is a person's too."""
    parts: set[str] = set()
    pairs: set[tuple[str, str]] = set()  # a capitalised word and the lower-case word after it
    elsewhere: set[str] = set()
    # One-word entities: a name the model calls a person at least as often as a body is a
    # person called by one name ("welcome newcomer [Natasha]", "introduced [Natasha] to ...").
    alone: dict[str, list[int]] = {}
    for doc in docs:
        parts.update(
            normalise_name(t.text)
            for t in unlabelled_subjects(doc)
            if not is_head_word(t.text, ref.head_words)
        )
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                parts.update({normalise_name(ent[0].text), normalise_name(ent[-1].text)})
            elif ent.label_ in {"PERSON", "ORG"} and len(ent) == 1:
                alone.setdefault(normalise_name(ent.text), [0, 0])[ent.label_ == "ORG"] += 1
        if not ref.epithet_endings:
            continue
        rows = doc.to_array([IS_ALPHA, IS_LOWER, IS_TITLE, ORTH]).tolist()
        previous = 0  # the capitalised word just before, if any
        strings = doc.vocab.strings
        for alpha, lower, title, orth in rows:
            if alpha and lower:
                if previous:
                    pairs.add((strings[previous], strings[orth]))
                else:
                    elsewhere.add(strings[orth])
            previous = orth if alpha and title else 0
    parts.update(name for name, (person, body) in alone.items() if person >= body)
    endings = tuple(ref.epithet_endings)
    epithets = {w for _, w in pairs if len(w) > 4 and w.endswith(endings)} - elsewhere
    genera = {g.lower() for g, w in pairs if w in epithets}
    return BulletinClues(frozenset(parts), frozenset(epithets), frozenset(genera))


def listed_with_people(doc: Doc, first: int, last: int) -> bool:
    """The tokens ``first``..``last - 1`` sit in a list of people ("Paul Sheils, Brigitte
    Brickwood, Helen Govey"): a neighbour across a comma or "and" is a PERSON entity."""
    for k, step in ((first - 1, -1), (last, 1)):
        if 0 <= k < len(doc) and doc[k].lower_ in _LIST_LINKS:
            k += step
            if 0 <= k < len(doc) and doc[k].lower_ in _LIST_LINKS:
                k += step  # ", and"
            if 0 <= k < len(doc) and doc[k].ent_type_ == "PERSON":
                return True
    return False


# What separates the places of a list: "Kano, Jigawa and Yobe", "le Sahel, le Centre Nord et l'Est".
_PLACE_LIST_LINKS = _LIST_LINKS | frozenset({"et", "or", "ou"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})


def listed_with_places(doc: Doc, first: int, last: int, articles: frozenset[str]) -> bool:
    """The tokens ``first``..``last - 1`` sit in a list of places ("Araria, Kishanganj, Supaul",
    "le Sahel, le Centre Nord et l'Est"): a neighbour across a comma or "and" (and an article
    of ``articles``) is a place entity of the model or a town of the gazetteer, past the area
    written in brackets after a town ("Tambura (Gbudwe), [Nzara] and [Yambio] (Maridi)"); or
    they are that area, in brackets right after a town ("Yambio ([Maridi])")."""
    bracketed = first >= 2 and doc[first - 1].text == "(" and last < len(doc) and doc[last].text == ")"
    if bracketed and _place_at(doc, first - 2, -1):
        return True
    for k, step in ((first - 1, -1), (_past_brackets(doc, last), 1)):
        links = 0
        while 0 <= k < len(doc) and links < 3 and doc[k].lower_ in _PLACE_LIST_LINKS | articles:
            links += doc[k].lower_ in _PLACE_LIST_LINKS
            k += step
        if step < 0 and 0 <= k < len(doc) and doc[k].text == ")":
            k = _before_brackets(doc, k)
        if links and _place_at(doc, k, step):
            return True
    return False


# Tokens inside the brackets after a town: "(Upper Nile State)".
_MAX_BRACKETED = 4


def _past_brackets(doc: Doc, k: int) -> int:
    """Token ``k``, or the token after the brackets that open at ``k``."""
    if k < len(doc) and doc[k].text == "(":
        for j in range(k + 1, min(len(doc), k + 2 + _MAX_BRACKETED)):
            if doc[j].text == ")":
                return j + 1
    return k


def _before_brackets(doc: Doc, k: int) -> int:
    """The token before the brackets that close at token ``k`` (-1 where none opens)."""
    for j in range(k - 1, max(-1, k - 2 - _MAX_BRACKETED), -1):
        if doc[j].text == "(":
            return j - 1
    return -1


def _place_at(doc: Doc, k: int, step: int) -> bool:
    """The word at token ``k`` (a hyphenated word read towards ``step``) is a place entity of
    the model or a town of the gazetteer."""
    if not 0 <= k < len(doc):
        return False
    if doc[k].ent_type_ in _PLACE_LABELS:
        return True
    a = b = k
    while step < 0 and a > 0 and not doc[a - 1].whitespace_ and doc[a - 1].text not in _BRACKETS_AND_LINKS:
        a -= 1
    while (
        step > 0
        and b + 1 < len(doc)
        and not doc[b].whitespace_
        and doc[b + 1].text not in _BRACKETS_AND_LINKS
    ):
        b += 1
    word = doc[a : b + 1].text
    return word[:1].isupper() and is_city_name(word)


_BRACKETS_AND_LINKS = frozenset({"(", ")", ",", ";", ":", "."})


def genus(doc: Doc, first: int, last: int, clues: BulletinClues) -> bool:
    """The name ends on a genus: the word after it is a species epithet ("Hypericum perforatum"),
    or it is one word that the bulletin writes before an epithet elsewhere."""
    if last < len(doc) and doc[last].text in clues.epithets:
        return True
    return last - first == 1 and doc[first].lower_ in clues.genera


def town_after_preposition(doc: Doc, first: int, text: str) -> bool:
    """A town of the gazetteer after "in", "at", "to" ... ("barges arrived at Malakal")."""
    return first > 0 and doc[first - 1].lower_ in _LOCATIVE and is_city_name(text)


def alone_on_line(text: str, start: int, end: int) -> bool:
    """The name is all there is on its line, perhaps in brackets: a heading, a title or a byline
    ("[Jane Roe]" under an article), not a mention."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return line.strip(" \t\u00a0:.[]()") == text[start:end]


def _in_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def in_capitals_heading(text: str, start: int, end: int) -> bool:
    """The word in capitals at ``start``..``end`` stands alone on its line ("OPERATIONS") or
    beside another word in capitals on it ("COTE D'IVOIRE", "POMPIERS D UN JOUR"): a heading
    written in capitals, which the model may label an organisation, not an acronym."""
    if alone_on_line(text, start, end):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    before = text[line_start:start].split()[-1:]
    after = text[end : line_end if line_end >= 0 else len(text)].split()[:1]
    return any(_in_capitals(w) for w in before + after)


def kind_of_body(texts: Sequence[str], ref: OrgReference) -> bool:
    """A plural head after place adjectives names a kind of body: "Swiss Societies", "African
    Governments"."""
    if len(texts) < 2 or not is_head_word(texts[-1], ref.head_words) or texts[-1].lower() in ref.head_words:
        return False
    return all(is_demonym(t) for t in texts[:-1])


def generic_organ(texts: Sequence[str], ref: OrgReference) -> bool:
    """A generic organ or sector standing alone, no one body's name: "Executive Board",
    "Steering Committee", "Civil Service", "Local Government"."""
    if len(texts) < 2:
        return False
    if ref.head_first and is_head_word(texts[0], ref.head_words):
        # Head first: "Conseil d'administration", "Comité de pilotage", "Conseil scientifique".
        rest = [t for t in texts[1:] if t.lower().replace("\u2019", "'") not in ref.name_links]
        return bool(rest) and all(t.lower() in ref.generic_modifiers for t in rest)
    return all(t.lower() in ref.generic_modifiers for t in texts[:-1])


def person_written(words: Sequence[Word], a: int, b: int, ref: OrgReference) -> bool:
    """Words ``a`` to ``b`` are a person's name whose surname in capitals is a head word, where
    the language writes surnames so: a first name, or an honorific, before it ("Mme Anne
    BUREAU", "Anne BUREAU"; not "Office HCR")."""
    texts = [w.text for w in words[a:b]]
    if not ref.surnames_in_capitals or not 2 <= len(texts) <= 3:
        return False
    if not (texts[-1].isupper() and len(texts[-1]) > 1):
        return False
    given = texts[1:-1] if texts[0].lower().rstrip(".") in ref.person_words else texts[:-1]
    return bool(given) and all(
        t[:1].isupper() and t[1:].islower() and t.isalpha() and not is_head_word(t, ref.head_words)
        for t in given
    )


def after_honorific(doc: Doc, first: int, ref: OrgReference) -> bool:
    """The name follows an honorific, across at most two capitalised words: a surname ("Hon.
    Sione [Fifita-Latu]", "Dr. [Prawelska-Skrzypek]")."""
    k = first - 1
    while k >= 0 and first - k <= 3:
        word = doc[k].text
        if word == "." and k > 0:
            k -= 1
            continue
        if word.lower().rstrip(".") in ref.person_words:
            return True
        if not (word[:1].isupper() and word.isalpha()):
            return False
        k -= 1
    return False


def _binomial(words: Sequence[Word], k: int, is_epithet: Callable[[str], bool]) -> bool:
    """Words ``k`` and ``k + 1`` are a scientific name: a genus and its Latin epithet ("Turdus
    merula")."""
    if k < 0 or k + 1 >= len(words):
        return False
    genus_word = words[k].text
    return genus_word[:1].isupper() and genus_word[1:].islower() and is_epithet(words[k + 1].text)


def _cap_run_start(words: Sequence[Word], end: int) -> int:
    """First of the capitalised words that end at word ``end - 1``."""
    k = end
    while k > 0 and words[k - 1].text[:1].isupper() and words[k - 1].text.isalpha():
        k -= 1
    return k


def beside_species(
    words: Sequence[Word], start: int, end: int, is_epithet: Callable[[str], bool], genera: frozenset[str]
) -> bool:
    """The capitalised name ``words[start:end]`` is a plant's or an animal's common name, written
    beside a scientific name: followed by it in brackets ("Common Mynas (Acridotheres
    tristis)"), in brackets after a genus ("Rosa (Sweet Briar)", ``genera`` in lower case), or
    listed with one ("Pyracantha, Cotoneaster and Rosa rubiginosa")."""
    n = len(words)
    if end + 3 < n and words[end].text == "(" and _binomial(words, end + 1, is_epithet):
        return True
    if (
        start >= 2
        and words[start - 1].text == "("
        and end < n
        and words[end].text == ")"
        and words[start - 2].text.lower() in genera
    ):
        return True
    return _listed_with_binomial(words, start, end, is_epithet)


_MAX_LIST_ITEMS = 6


def _listed_with_binomial(
    words: Sequence[Word], start: int, end: int, is_epithet: Callable[[str], bool]
) -> bool:
    """A list of capitalised names ("A, B and C") that holds the name and a scientific name."""
    n = len(words)
    k = end
    for _ in range(_MAX_LIST_ITEMS):  # rightwards: ", B and Genus epithet"
        if k >= n or words[k].text.lower() not in _LIST_LINKS:
            break
        while k < n and words[k].text.lower() in _LIST_LINKS:
            k += 1
        m = k
        while m < n and words[m].text[:1].isupper() and words[m].text.isalpha():
            m += 1
        if m == k:
            break
        if _binomial(words, m - 1, is_epithet):
            return True
        k = m
    k = start - 1
    for _ in range(_MAX_LIST_ITEMS):  # leftwards: "Genus epithet, A and"
        if k < 0 or words[k].text.lower() not in _LIST_LINKS:
            break
        while k >= 0 and words[k].text.lower() in _LIST_LINKS:
            k -= 1
        if _binomial(words, k - 1, is_epithet):
            return True
        first = _cap_run_start(words, k + 1)
        if first > k:
            break
        k = first - 1
    return False
