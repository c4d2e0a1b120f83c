"""Names with a coordination inside: "Science and Technology Agency", "Peace, Truth and Healing
Commission", "Ministry of Science, Energy and Technology", "Government of Antigua and Barbuda".

"And" and commas join the parts of one name as often as they join two names ("UNDP and World
Bank"); the words alone cannot tell which. The evidence is the model's: an ORG entity over the
whole, the parse (a conjunct that modifies the name, or is coordinated with its words), and the
bulletin's own usage (a conjunct made of words it also writes in lower case is no name of its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.extract.acronyms import is_acronym_token
from pipeline.extract.organisations.heads import is_head_word, is_role_phrase
from pipeline.extract.reference.organisations import OrgReference
from pipeline.extract.reference.place_names import is_demonym, is_place_name
from pipeline.extract.words import POSSESSIVE_MARKS, Word, is_cap_word

LIST_LINKS = frozenset({"and", "&"})
# Words after which a name is the complement of another name ("Ministry *of* Health and ...").
_OPENS_COMPLEMENT = frozenset({"of", "for", "on"})
# Entities that are names of their own, whatever sits around them.
_NAME_LABELS = frozenset({"ORG", "PERSON"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
# Not the object of a preposition inside a name: "Ministry of Health [in Kenya]", "[in May]".
_SETTING_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC", "DATE", "TIME", "EVENT"})
_COMMON_NOUN_TAGS = frozenset({"NN", "NNS"})
# Arcs that join a conjunct to the rest of a coordination ("Truth, [Dignity ... Commission]" is
# parsed either way).
_COORDINATION_DEPS = frozenset({"conj", "appos"})


@dataclass(frozen=True)
class ModelEvidence:
    """The model's reading of a section, asked about spans of words; empty on a blank pipeline."""

    doc: Doc | None = None
    vocabulary: frozenset[str] = frozenset()  # words the bulletin also writes in lower case

    def in_one_org(self, words: Sequence[Word], a: int, b: int) -> bool:
        """Words ``a``..``b-1`` lie inside one model ORG entity."""
        doc = self.doc
        if doc is None or b <= a:
            return False
        first, last = words[a].start, words[b - 1].end
        if doc[first].ent_type_ != "ORG":
            return False
        return all(doc[t].ent_iob_ == "I" and doc[t].ent_type_ == "ORG" for t in range(first + 1, last))

    def separate_name(
        self, words: Sequence[Word], a: int, b: int, outer: tuple[int, int], *, orgs: bool = True
    ) -> bool:
        """A model entity inside words ``a``..``b-1`` names something of its own: a person, an
        organisation that does not span the whole name (words ``outer``; unless not ``orgs``),
        or a known place."""
        doc = self.doc
        if doc is None:
            return False
        first, last = words[a].start, words[b - 1].end
        whole = (words[outer[0]].start, words[outer[1] - 1].end)
        labels = _NAME_LABELS if orgs else _NAME_LABELS - {"ORG"}
        for ent in doc.ents:
            if ent.end <= first or ent.start >= last:
                continue
            if ent.label_ in labels and not (ent.start <= whole[0] and whole[1] <= ent.end):
                return True
            if ent.label_ in _PLACE_LABELS and (is_place_name(ent.text) or is_demonym(ent.text)):
                return True
        return False

    def org_ends_before(self, words: Sequence[Word], head: int, link: int) -> bool:
        """A model ORG entity holds the word ``head`` and ends right before the word ``link``
        ("[the University of the West Indies] and Transparency Horizons")."""
        doc = self.doc
        if doc is None:
            return False
        token = doc[words[head].start]
        if token.ent_type_ != "ORG":
            return False
        ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        return ent is not None and ent.end == words[link].start

    def listed_after_org(self, words: Sequence[Word], left: int) -> bool:
        """The name starting at word ``left`` follows a model ORG entity and a comma: it is an
        item of a list of bodies ("the Kenya School of Government, [the University of ...]")."""
        doc = self.doc
        p = left - 1
        if p >= 0 and words[p].text.lower() == "the":
            p -= 1
        if doc is None or p < 1 or words[p].text != ",":
            return False
        return doc[words[p - 1].end - 1].ent_type_ == "ORG"

    def conj_linked(self, words: Sequence[Word], a: int, b: int, c: int, d: int) -> bool:
        """A coordination (or apposition) arc joins a token of words ``a``..``b-1`` and one of words
        ``c``..``d-1``."""
        doc = self.doc
        if doc is None:
            return False
        one = range(words[a].start, words[b - 1].end)
        other = range(words[c].start, words[d - 1].end)
        for t in (*one, *other):
            token = doc[t]
            if token.dep_ not in _COORDINATION_DEPS:
                continue
            if (t in one and token.head.i in other) or (t in other and token.head.i in one):
                return True
        return False

    def modifies(self, words: Sequence[Word], a: int, b: int, c: int, d: int) -> bool:
        """The tokens of words ``a``..``b-1`` hang from a token of words ``c``..``d-1``."""
        doc = self.doc
        if doc is None:
            return False
        inside = range(words[a].start, words[b - 1].end)
        target = range(words[c].start, words[d - 1].end)
        return any(doc[t].head.i in target for t in inside if doc[t].head.i not in inside)

    def ordinary(self, words: Sequence[Word], a: int, b: int) -> bool:
        """Every word of ``a``..``b-1`` is an ordinary word: written in lower case elsewhere in the
        bulletin, or tagged a common noun."""
        doc = self.doc
        return all(
            w.text.lower() in self.vocabulary or (doc is not None and doc[w.start].tag_ in _COMMON_NOUN_TAGS)
            for w in words[a:b]
        )


def conjunct_ok(words: Sequence[Word], a: int, b: int, ref: OrgReference) -> bool:
    """Words ``a``..``b-1`` may be one conjunct inside a name: capitalised words that are not
    an acronym, a body of their own (a head word), a title, a person or a place."""
    texts = [w.text for w in words[a:b]]
    if not texts or not all(is_cap_word(t) for t in texts):
        return False
    if any(is_acronym_token(t) or is_head_word(t, ref.head_words) or t in POSSESSIVE_MARKS for t in texts):
        return False
    if any(any(c.isdigit() for c in t) or t.lower().rstrip(".") in ref.person_words for t in texts):
        return False
    text = " ".join(texts)
    if is_role_phrase(texts, ref) or is_place_name(text) or all(is_demonym(t) for t in texts):
        return False
    return ref.lookup_name(text) is None


def _conjunct_before(words: Sequence[Word], end: int) -> int:
    """Start of the capitalised words that end at ``end``."""
    start = end
    while start > 0 and is_cap_word(words[start - 1].text):
        start -= 1
    return start


def coordinated_left(
    words: Sequence[Word], left: int, head: int, ref: OrgReference, ev: ModelEvidence
) -> int:
    """Where a name starts when the words before ``left`` are coordinated with its first words:
    "[Science and] Technology Agency", "[Peace, Truth and] Healing Commission"."""
    if ev.doc is None:
        return left
    start = left
    i = left - 1  # the link before the name's first word
    first = True
    # A bare head after "and" shares the words before it: "Broadway Gallery and [Museum]" is
    # one body even where the model calls "Broadway Gallery" one of its own.
    bare = left == head
    while i >= 1:
        link = words[i].text.lower()
        end = i
        if first:
            if link not in LIST_LINKS:
                break
            if words[i - 1].text == ",":
                end = i - 1  # "A, B, and C Agency"
        elif link != ",":
            break
        q = _conjunct_before(words, end)
        if q == end or not conjunct_ok(words, q, end, ref):
            break
        # The model's entity over a conjunct of ordinary words is no name of its own ("Justice").
        shares = bare and first and ev.conj_linked(words, q, end, start, head + 1)
        if ev.separate_name(words, q, end, (q, head + 1), orgs=not shares) and not ev.ordinary(words, q, end):
            break
        covered = ev.in_one_org(words, q, head + 1)
        # Single words listed with commas before a head ("Peace, Truth and Healing Commission")
        # are its modifiers, however the parse hangs them, when it coordinates them at all.
        in_list = not first or (q >= 2 and words[q - 1].text == "," and is_cap_word(words[q - 2].text))
        coordinated = ev.conj_linked(words, q, end, start, head + 1) and (
            (in_list and end - q == 1)
            or ev.modifies(words, q, end, start, head + 1)
            or ev.ordinary(words, q, end)
        )
        if not (covered or coordinated or shares):
            break
        start, first, i = q, False, q - 1
    # "Ministry of [Health and] Education Agency": a conjunct in another name's complement.
    if start < left and start > 0 and words[start - 1].text.lower() in _OPENS_COMPLEMENT:
        return left
    return start


def listed_complement_end(
    words: Sequence[Word], comma: int, head: int, ref: OrgReference, ev: ModelEvidence
) -> int | None:
    """End (exclusive) of a list "A, B and C" in the complement of the head at ``head`` whose
    first comma is at ``comma`` ("Ministry of Science, Energy and Technology"), or None."""
    if ev.doc is None:
        return None
    n = len(words)
    items = [(_conjunct_before(words, comma), comma)]
    m = comma + 1
    closed = False
    while m < n:
        s = m
        while m < n and is_cap_word(words[m].text):
            m += 1
        if m == s or not conjunct_ok(words, s, m, ref):
            return None
        items.append((s, m))
        if closed:
            break
        if m < n and words[m].text == ",":
            m += 1
            if m < n and words[m].text.lower() in LIST_LINKS:
                m, closed = m + 1, True
        elif m < n and words[m].text.lower() in LIST_LINKS:
            m, closed = m + 1, True
        else:
            return None
    if not closed or len(items) < 3 or not conjunct_ok(words, *items[0], ref):
        return None
    end = items[-1][1]
    if any(ev.separate_name(words, a, b, (head, end)) for a, b in items):
        return None
    if ev.in_one_org(words, head, end):
        return end
    linked = all(ev.conj_linked(words, a, b, items[0][0], a - 1) for a, b in items[1:])
    return end if linked else None


def prepositional_end(
    words: Sequence[Word], prep: int, head: int, ref: OrgReference, ev: ModelEvidence
) -> int | None:
    """End (exclusive) of a name that goes on past the preposition at ``prep`` ("Commission of
    Inquiry into the Flood Response", "Centre for Women in Science"), or None: the parse hangs
    the preposition from the name, and its object is capitalised and no place, date or event."""
    doc = ev.doc
    if doc is None or words[prep].text.lower() not in ref.name_prepositions:
        return None
    token = doc[words[prep].start]
    if token.dep_ != "prep" or not words[head].start <= token.head.i < words[prep].start:
        return None
    s = prep + 1
    if s < len(words) and words[s].text.lower() == "the":
        s += 1
    m = s
    while m < len(words) and is_cap_word(words[m].text):
        m += 1
    if m == s:
        return None
    texts = [w.text for w in words[s:m]]
    first, last = words[s].start, words[m - 1].end
    if any(e.label_ in _SETTING_LABELS and e.start < last and first < e.end for e in doc.ents):
        return None
    if is_place_name(" ".join(texts)) or any(is_acronym_token(t) or t in POSSESSIVE_MARKS for t in texts):
        return None
    if texts[-1].lower() in ref.event_words | ref.non_org_words or is_head_word(texts[-1], ref.head_words):
        return None  # "Institute of Accountants in Public Sector Reform Week", "... in World Bank"
    return m
