"""Which organisation (or country) a phrase around a name refers to, looked up among the
bulletin's organisations and the reference."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from pipeline.core.records import Organisation
from pipeline.extract.acronyms import is_acronym_token
from pipeline.extract.organisations.classification import long_form_kind
from pipeline.extract.organisations.names import is_head_word, name_head
from pipeline.extract.people.lexicon import PeopleLexicon
from pipeline.extract.reference.organisations import OrgReference, match_key
from pipeline.extract.reference.place_names import is_place_name
from pipeline.extract.words import DETERMINERS, POSSESSIVE_MARKS, Word

# The longest common noun phrase that refers back to a body ("the new local club").
MAX_COMMON_NOUN_WORDS = 3
# Words after which a phrase names a second body or a place: "the Institute *at* the University".
BODY_BREAKS = frozenset({"at", "in", ",", "and", "("})


@dataclass(frozen=True)
class Affiliations:
    """What a written affiliation can refer to: the bulletin's organisations, and the reference."""

    by_key: Mapping[str, Organisation]  # match_key of name or acronym
    by_head: Mapping[str, Organisation]  # head word -> most mentioned organisation with that head
    issuer: Organisation | None  # first organisation named, when only its acronym is known
    reference: OrgReference
    lexicon: PeopleLexicon
    # Every mention of an organisation: its document offset, in order, and the organisation.
    offsets: tuple[int, ...] = ()
    named: tuple[Organisation, ...] = ()
    base: int = 0  # document offset of the section a phrase is read in

    def in_section(self, base: int) -> Affiliations:
        """The same, reading phrases of the section that starts at document offset ``base``."""
        return replace(self, base=base)

    def named_before(self, offset: int, head: str | None = None) -> Organisation | None:
        """The organisation named last before ``offset`` (in the section), with ``head`` among the
        words of its name when given: what "its", "the Ministry" or "the Network's" refers to."""
        before = self.named[: bisect_left(self.offsets, self.base + offset)]
        if head is None:
            return before[-1] if before else None
        # Its head first ("the Network": the "... Network"), then its last word ("Secretariat
        # of the X Network"), then any word of it.
        for fits in (
            lambda words: name_head(words) == head,
            lambda words: words[-1].lower() == head,
            lambda words: head in {w.lower() for w in words},
        ):
            for org in reversed(before):
                if fits(org.name.split()):
                    return org
        return None

    def named_before_all(self, offset: int) -> tuple[Organisation, ...]:
        """Every mention of an organisation in the document before ``offset`` (in the section),
        in order."""
        return self.named[: bisect_left(self.offsets, self.base + offset)]

    def named_at(self, offset: int) -> Organisation | None:
        """The organisation a mention starting at ``offset`` (in the section) names."""
        k = bisect_left(self.offsets, self.base + offset)
        return self.named[k] if k < len(self.offsets) and self.offsets[k] == self.base + offset else None

    def first_named_between(self, start: int, end: int) -> Organisation | None:
        """The first organisation named from ``start`` to before ``end`` (offsets in the
        section): the subject of a sentence that refers back to it ("The X Trust has named Ann
        Lee as its chair")."""
        a = bisect_left(self.offsets, self.base + start)
        b = bisect_left(self.offsets, self.base + end)
        return self.named[a] if a < b else None

    def named_most_before(self, offset: int) -> Organisation | None:
        """The organisation the section names most often before ``offset`` (the latest of a
        tie): what "its" refers to."""
        a = bisect_left(self.offsets, self.base)
        b = bisect_left(self.offsets, self.base + offset)
        counts: dict[str, int] = {}
        for org in self.named[a:b]:
            counts[org.org_id] = counts.get(org.org_id, 0) + 1
        best = None
        for org in self.named[a:b]:
            if best is None or counts[org.org_id] >= counts[best.org_id]:
                best = org
        return best


def affiliations(
    organisations: Sequence[Organisation],
    reference: OrgReference,
    lexicon: PeopleLexicon,
    mentions: Sequence[tuple[int, str]] = (),
) -> Affiliations:
    """Index the bulletin's organisations (in order of first mention) for affiliations;
    ``mentions`` are the document offset and ``org_id`` of each of their mentions."""
    first = organisations[0] if organisations else None
    issuer = first if first is not None and first.name == first.acronym else None
    orgs = sorted(organisations, key=lambda o: -o.n_mentions)
    by_key: dict[str, Organisation] = {}
    by_head: dict[str, Organisation] = {}
    for o in orgs:
        for value in (o.name, o.acronym):
            if value:
                by_key.setdefault(match_key(value), o)
        # French names put their head first ("Comité de pilotage du Réseau" is a Comité).
        head = o.name.split()[0].lower() if reference.head_first else name_head(o.name.split())
        if is_head_word(head, reference.head_words):
            by_head.setdefault(head, o)
    by_id = {o.org_id: o for o in organisations}
    located = sorted(((o, by_id[i]) for o, i in mentions if i in by_id), key=lambda pair: pair[0])
    return Affiliations(
        MappingProxyType(by_key),
        MappingProxyType(by_head),
        issuer,
        reference,
        lexicon,
        tuple(offset for offset, _ in located),
        tuple(org for _, org in located),
    )


def strip_the(words: Sequence[Word]) -> list[Word]:
    words = list(words)
    while words and words[0].text.lower() in DETERMINERS:
        words = words[1:]
    return words


def words_text(text: str, words: Sequence[Word]) -> str:
    return text[words[0].char_start : words[-1].char_end] if words else ""


def affiliation(words: Sequence[Word], text: str, known: Affiliations) -> str | None:
    """The organisation (or country) a phrase names, as written; None if it names none."""
    while words and not words[0].text[:1].isalnum():
        words = words[1:]  # "Chairman, Oakley Hall Trust": the comma after the title
    words = strip_the(words)
    while len(words) > 1 and words[0].text.lower().replace("\u2019", "'") in known.reference.name_articles:
        words = words[1:]  # "l'Agence des services numériques"
    marks = [k for k, w in enumerate(words) if w.text in POSSESSIVE_MARKS]
    if marks and all(is_head_word(w.text, known.reference.head_words) for w in words[: marks[0]]):
        words = strip_the(words[marks[0] + 1 :])  # "the Ministry's Department of X" -> "Department of X"
    phrase = words_text(text, words)
    if not phrase:
        return None
    named = known.named_at(words[0].char_start)
    if (
        named is not None
        and len(named.name) > len(phrase)
        and named.name.casefold().startswith(phrase.casefold())
    ):
        # "Secretary in the Ministry of Science, Energy and Technology": the title phrase stops
        # at the comma, or at a word in lower case ("Organisation mondiale de la santé"), the
        # name the organisations stage read there does not (nor does a shorter body's name
        # that the phrase also is: "Organisation des Nations Unies pour l'alimentation").
        return named.name
    if match_key(phrase) in known.by_key:
        return phrase
    words = _without_location(words, text)
    for k in range(len(words) - 1, 0, -1):
        # "the Institute for Public Affairs *at* the X University": the body named first.
        if words[k].text.lower() in BODY_BREAKS and match_key(words_text(text, words[:k])) in known.by_key:
            return words_text(text, words[:k])
    phrase = words_text(text, words)
    if match_key(phrase) in known.by_key or is_place_name(phrase):
        return phrase
    if len(words) == 1 and is_head_word(phrase, known.reference.head_words):
        # "the Division's Director": the division the bulletin named last, or else the one it
        # names most, or else the body named first (the issuer in the masthead) when only its
        # acronym is known.
        org = known.named_before(words[0].char_start, phrase.lower())
        if org is None and phrase[:1].isupper():
            # A common noun in lower case ("the group leader") refers to no body named later.
            org = known.by_head.get(phrase.lower()) or known.issuer
        return (org.acronym or org.name) if org else None
    heads = [w for w in words if is_head_word(w.text, known.reference.head_words)]
    if 1 < len(words) <= MAX_COMMON_NOUN_WORDS and len(heads) == 1 and all(w.text.islower() for w in words):
        # "president of the new club", "président du nouveau club": a body's head word with an
        # adjective, in lower case, is the body of that kind the section named last.
        org = known.named_before(heads[0].char_start, heads[0].text.lower())
        return (org.acronym or org.name) if org else None
    if is_acronym_token(phrase) and not known.lexicon.is_role(phrase):
        return phrase
    if long_form_kind(phrase, known.reference) == "org" and not all(
        is_head_word(w.text, known.reference.head_words) for w in words
    ):
        return phrase
    return None


def known_body(name: str, known: Affiliations) -> bool:
    """A body the bulletin or the reference names, or a place; not a bare unknown acronym."""
    if match_key(name) in known.by_key or is_place_name(name):
        return True
    if known.reference.lookup_name(name) or known.reference.lookup_acronym(name):
        return True
    return not is_acronym_token(name)


def _without_location(words: Sequence[Word], text: str) -> Sequence[Word]:
    """ "X School of Social Sciences in Poland" -> "X School of Social Sciences"."""
    for k in range(len(words) - 2, 0, -1):
        if words[k].text == "in" and is_place_name(words_text(text, words[k + 1 :])):
            return words[:k]
    return words


def org_with_complement(complement: str, known: Affiliations) -> str | None:
    """ "Minister of Health" -> the bulletin's "Ministry of Health", if it names one."""
    key = match_key(complement)
    if not key:
        return None
    for org in known.by_key.values():
        for link in (" of ", " for "):
            if link not in org.name:
                continue
            # "Department of Health of the Philippines" has the complement "Health".
            other = match_key(org.name.split(link, 1)[1])
            if other == key or other.startswith(key + " of "):
                return org.acronym or org.name
    return None
