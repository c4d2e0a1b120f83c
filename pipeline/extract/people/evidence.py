"""Evidence that a capitalised name the model calls a person names something else: a local
place ("Mt Arawang", "down from Cooleman Trig"), a plant or an animal ("Angel Hair Grass",
"Tiger Orchid Diuris sulphurea", "Crimson Rosellas (Platycercus elegans)"), or the person an
organisation or a venue is named after ("the Jane Roe Foundation", "la salle Jean Gazagne").
The words behind each rule are data (``data/people.yaml``, ``data/places.yaml``); the rules
read the bulletin's own usage as evidence."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from pipeline.core.ids import normalise_name
from pipeline.extract.organisations.misreadings import beside_species
from pipeline.extract.organisations.names import is_head_word
from pipeline.extract.people.lexicon import PeopleLexicon
from pipeline.extract.reference.place_names import LocalWords
from pipeline.extract.words import DETERMINERS, Word

# Capitalised words read after a spatial preposition ("on Cooleman Ridge", "at Mt Arawang").
MAX_PLACE_WORDS = 5
# Tags of a verb after a name that no Latin epithet gets: the French model's (UPOS) and the
# English past and modal ("Paul Roy dira"); not the English present "-s", which the English
# model also gives an epithet ("Inula graveolens").
CLAUSE_VERB_TAGS = frozenset({"VBD", "MD", "VERB", "AUX"})
# Capitalised words read back from a name to the determiner that opens their phrase.
MAX_WORDS_BEFORE_NAME = 3


def spatial_names(sections: Sequence[Sequence[Word]], lexicon: PeopleLexicon) -> frozenset[str]:
    """Normalised capitalised names (and their leading parts) the bulletin writes after a
    preposition of space: "down from Cooleman Trig" gives "cooleman trig" and "cooleman"."""
    out: set[str] = set()
    for words in sections:
        for k, w in enumerate(words[:-1]):
            if w.text.lower() not in lexicon.spatial_prepositions:
                continue
            j = k + 1
            while j < len(words) and words[j].text.lower() in DETERMINERS:
                j += 1
            run: list[str] = []
            while j < len(words) and len(run) < MAX_PLACE_WORDS and words[j].text[:1].isupper():
                run.append(words[j].text)
                out.add(normalise_name(" ".join(run)))
                j += 1
    return frozenset(out)


def taxon_names(
    sections: Sequence[Sequence[Word]], lexicon: PeopleLexicon, vocabulary: frozenset[str]
) -> frozenset[str]:
    """Normalised common names of plants and animals in the bulletin, with their beginnings of
    two words or more ("fox tail grass", "fox tail"): capitalised runs ending in a kind of
    plant or animal that the bulletin also writes in lower case."""
    out: set[str] = set()
    for words in sections:
        run: list[str] = []
        for w in [*words, None]:
            if w is not None and w.text[:1].isupper() and w.text.replace("-", "").isalpha():
                run.append(w.text)
                continue
            if len(run) > 1 and run[-1].lower() in lexicon.taxon_words and run[-1].lower() in vocabulary:
                for start in range(len(run) - 1):
                    name = run[start:]
                    out.update(normalise_name(" ".join(name[:k])) for k in range(2, len(name) + 1))
            run = []
    return frozenset(out)


def free_words(sections: Sequence[Sequence[Word]]) -> frozenset[str]:
    """Lower-case words the bulletin writes other than right after a capitalised word: ordinary
    words, where a species epithet is only ever written after its genus."""
    out: set[str] = set()
    for words in sections:
        for k, w in enumerate(words):
            if w.text.islower() and not (k and words[k - 1].text[:1].isupper()):
                out.add(w.text)
    return frozenset(out)


class NameEvidence:
    """What the bulletin says about its capitalised names; each reading of the bulletin's
    words is made once, and only when a name needs it."""

    def __init__(
        self,
        lexicon: PeopleLexicon,
        local: LocalWords,
        vocabulary: frozenset[str],
        section_words: Sequence[Sequence[Word]],
        head_words: frozenset[str],
        places: frozenset[str] = frozenset(),
    ) -> None:
        self.lexicon = lexicon
        self.local = local
        self.vocabulary = vocabulary  # words the bulletin also writes in lower case
        self.section_words = section_words
        self.head_words = head_words  # organisation head words ("Foundation", "University")
        self.places = places  # normalised names of the places found

    @cached_property
    def spatial(self) -> frozenset[str]:
        return spatial_names(self.section_words, self.lexicon)

    @cached_property
    def taxa(self) -> frozenset[str]:
        return taxon_names(self.section_words, self.lexicon, self.vocabulary)

    @cached_property
    def free(self) -> frozenset[str]:
        return free_words(self.section_words)

    def local_place(self, name_words: Sequence[str]) -> bool:
        """A local place's form, confirmed: "Mt Arawang" always; "Cooleman Trig" when the
        bulletin writes it after a preposition of space, or names another place "Cooleman ..."
        (a person "Jane Hill" is neither)."""
        if not self.local.names_a_place(name_words):
            return False
        key = normalise_name(" ".join(name_words))
        if name_words[0] in self.local.prefixes or key in self.spatial:
            return True
        # "Cooleman Trig" beside the place "Cooleman Ridge": one more feature of a named area.
        first = key.split()[0]
        return any(p != key and p.split()[0] == first and len(p.split()) > 1 for p in self.places)

    def taxon(self, name_words: Sequence[str]) -> bool:
        """A plant's or an animal's common name, or its beginning: ``taxon_names`` ("Angel Hair
        Grass" beside "grass", and "Angel Hair")."""
        if len(name_words) < 2 or not self.lexicon.taxon_words & self.vocabulary:
            return False
        return normalise_name(" ".join(name_words)) in self.taxa

    def genus(self, words: Sequence[Word], end: int) -> bool:
        """The name ends in a genus: a Latin epithet follows it ("Diuris sulphurea")."""
        if end >= len(words) or words[end].tag in CLAUSE_VERB_TAGS:
            return False  # "Paul Roy dira", "Anna Berg presenta": a verb, not an epithet
        text = words[end].text
        return self.lexicon.is_epithet(text) and text not in self.free

    @cached_property
    def genera(self) -> frozenset[str]:
        """Capitalised words the bulletin writes before a species epithet, in lower case."""
        return frozenset(
            words[k - 1].text.lower()
            for words in self.section_words
            for k in range(1, len(words))
            if words[k - 1].text[:1].isupper() and self._epithet(words[k].text)
        )

    def _epithet(self, text: str) -> bool:
        return self.lexicon.is_epithet(text) and text not in self.free

    def species(self, words: Sequence[Word], start: int, end: int) -> bool:
        """A common name written beside a scientific one: "Crimson Rosellas (Platycercus
        elegans)", "Rosa (Sweet Briar)", "Pyracantha, Cotoneaster and Rosa rubiginosa"."""
        near = words[max(0, start - 2) : end + 2]
        if not any(w.text == "(" or w.text.lower() in {",", "and", "&"} for w in near):
            return False  # cheap test first: most names stand alone
        return beside_species(words, start, end, self._epithet, self.genera)

    def names_a_body(self, words: Sequence[Word], end: int) -> bool:
        """The name goes on with an organisation's head word: "Jane Roe Foundation"."""
        return (
            end < len(words)
            and words[end].text[:1].isupper()
            and is_head_word(words[end].text, self.head_words)
        )

    def named_after(self, words: Sequence[Word], start: int) -> bool:
        """A place or venue named after the person follows its noun in lower case: "la salle
        Jean Gazagne", "la salle culturelle Jean Gazagne", "rue Victor Hugo"."""
        places = self.lexicon.named_after_places
        if start > 0 and words[start - 1].text in places:
            return True
        # One adjective between the noun and the name: "la salle *culturelle* Jean Gazagne".
        return (
            start > 1
            and words[start - 1].text.isalpha()
            and words[start - 1].text.islower()
            and (words[start - 2].text in places)
        )

    def opened_by_determiner(self, words: Sequence[Word], start: int) -> bool:
        """A determiner opens the capitalised run the name ends: "our Fall Grant Cycle", "the
        Fossil Fuel program". A person's name takes none, unless a title or an honorific comes
        between ("our President Jane Roe")."""
        for k in range(start - 1, max(-1, start - 1 - MAX_WORDS_BEFORE_NAME), -1):
            text = words[k].text
            if text.lower() in self.lexicon.thing_determiners:
                return True
            if not (text[:1].isupper() and text.isalpha()) or self.lexicon.is_role(text):
                return False
            if text in self.lexicon.honorifics:
                return False
        return False

    def not_a_person(self, words: Sequence[Word], start: int, end: int) -> bool:
        name_words = [w.text for w in words[start:end]]
        return (
            self.opened_by_determiner(words, start)
            or self.named_after(words, start)
            or self.local_place(name_words)
            or self.taxon(name_words)
            or self.genus(words, end)
            or self.species(words, start, end)
            or self.names_a_body(words, end)
        )
