"""The people lexicon (honorifics, role words, name rules), read once from ``data/people.yaml``
so that analysts edit words, not code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from pipeline.core.datafiles import load_language_data


def role_key(text: str) -> str:
    """How role phrases are compared: "Director-General" == "director general"."""
    return " ".join(text.lower().replace("-", " ").split())


def singular_key(key: str) -> str | None:
    """The singular of a plural role key ("rangers" -> "ranger", "secretaries" -> "secretary")."""
    if key.endswith("ies") and len(key) > 4:
        return key[:-3] + "y"
    if key.endswith("s") and not key.endswith("ss") and len(key) > 3:
        return key[:-1]
    return None


def word_singular(word: str) -> str:
    """One word of a plural phrase in the singular ("généraux" -> "général", "adjoints" -> "adjoint")."""
    if word.endswith("aux") and len(word) > 4:
        return word[:-3] + "al"
    return singular_key(word) or word


@dataclass(frozen=True)
class PeopleLexicon:
    """Honorifics, role words and name rules, from ``data/people.yaml``."""

    honorifics: Mapping[str, str]  # as written -> as recorded ("MR" -> "Mr.", "Professor" kept)
    roles: frozenset[str]  # role_key of role words and phrases ("director", "prime minister")
    role_acronyms: frozenset[str]  # as written ("USG", "IRA")
    never_in_name: frozenset[str]
    particles: frozenset[str]
    # First character -> the honorific forms starting with it, longest first (ties in file order).
    honorifics_by_initial: Mapping[str, tuple[str, ...]]
    post_nominals: frozenset[str] = frozenset()  # as written ("AO", "OBE")
    label_words: frozenset[str] = frozenset()  # lower case ("photo", "courtesy")
    spatial_prepositions: frozenset[str] = frozenset()
    taxon_words: frozenset[str] = frozenset()
    epithet_endings: tuple[str, ...] = ()
    body_pronouns: frozenset[str] = frozenset()  # lower case ("its")
    # Lower case: nouns of a body's group of people that one joins or is named to ("named
    # Ann Lee to its board", "added Kim Tan to its program team").
    group_nouns: frozenset[str] = frozenset()
    # Lower case: a column's heading that names its writer's office ("Letter *from the*
    # President", "Chair's *Message*", "*Mot de la* présidente"): its nouns, the links after
    # them and the articles before the office.
    column_words: frozenset[str] = frozenset()
    column_links: frozenset[str] = frozenset()
    column_articles: frozenset[str] = frozenset()
    role_verbs: frozenset[str] = frozenset()  # lower case ("heads", "chairs")
    as_verbs: frozenset[str] = frozenset()  # lower case ("serves", "joined"): "... as Treasurer"
    # Lower case: verbs of where a person works, before "at", "for" or "with" and the body
    # ("X, who works at the Y Institute", "X teaches at Y"): a body, no title.
    workplace_verbs: frozenset[str] = frozenset()
    # Lower case: words after a name and its comma that open the body the person speaks or
    # works for ("Jane Roe, for the Refugee Agency", "Ann Lee, of the Rowing Club").
    affiliation_links: frozenset[str] = frozenset()
    # Participles of an office before "by" ("the Trust, chaired by Ann Lee") -> the role each
    # gives ("" for none), and the words of "by".
    passive_offices: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    agent_links: frozenset[str] = frozenset()
    # Lower-case nouns of a place or venue named after a person ("salle Jean Gazagne").
    named_after_places: frozenset[str] = frozenset()
    # Words that open the complement of a title ("Minister *of* Health", "Ministre *de* la
    # Santé") and the articles that may follow them ("of *the* Board", "de *la* Santé").
    title_links: frozenset[str] = frozenset({"of", "at", "for", "in", "to", "with"})
    link_articles: frozenset[str] = frozenset({"the"})
    # French writes a title's adjectives after its head word ("Directrice *générale*"): a
    # capitalised title then runs on over the lower-case words of a listed role phrase.
    roles_run_on: bool = False
    # French writes a surname in capitals after the first name ("Andogoly GUINDO").
    surnames_in_capitals: bool = False
    # Words that join the items of a list of names ("Ann Roe, Kim Tan and Ed Lee").
    list_links: frozenset[str] = frozenset({",", "and", "&"})
    # role_key of offices held in a body ("treasurer", "chief investigator"), held in the
    # bulletin's own body where no other is written beside them.
    offices: frozenset[str] = frozenset()
    # Lower case: determiners that open a noun phrase whose capitalised words name a thing,
    # never a person ("our Fall Grant Cycle", "the Fossil Fuel program").
    thing_determiners: frozenset[str] = frozenset()

    # role_key of a title held in a kind of body -> that kind's head word ("councillor" ->
    # "council"): with no body written beside it, the title is held in the body of that kind
    # the bulletin names most ("Town wide Councilperson X" and the bulletin's "Town Council").
    role_bodies: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    # role_key of words that make a role of the role they open or close: "*past* president",
    # "*ancienne* présidente", "secrétaire *adjointe*", "président *sortant*".
    role_prefixes: frozenset[str] = frozenset()
    role_suffixes: frozenset[str] = frozenset()
    # role_key of the words of a meeting record's attendance labels ("present", "apologies",
    # "excusés"), and the head words of the bodies that meet ("council", "conseil"): the people
    # a register lists sit on that body (``people/register.py``).
    register_words: frozenset[str] = frozenset()
    # Lower case: verbs of "X is a professor at Y", "X became our treasurer", and the
    # participles between one and a bare title ("X was named treasurer", "X est désignée
    # secrétaire de séance").
    copulas: frozenset[str] = frozenset({"is", "was", "became", "becomes"})
    copula_participles: frozenset[str] = frozenset()
    # Lower case: names of a meeting a masthead records, and the links to the body that holds
    # it ("Minutes of the *AGM* *of* the X Club", "Compte rendu de l'*Assemblée générale* *de*
    # X"), with the elided articles of a link ("d'", "l'"): that body is the bulletin's own.
    meeting_titles: frozenset[str] = frozenset()
    meeting_links: frozenset[str] = frozenset()
    meeting_elisions: tuple[str, ...] = ()
    meeting_bodies: frozenset[str] = frozenset()

    def is_role(self, text: str) -> bool:
        return text in self.role_acronyms or self._is_role_key(role_key(text))

    def _is_role_key(self, key: str) -> bool:
        if key in self.roles:
            return True
        first, _, rest = key.partition(" ")
        if rest and first in self.role_prefixes:
            return self._is_role_key(rest)
        rest, _, last = key.rpartition(" ")
        return bool(rest) and last in self.role_suffixes and rest in self.roles

    def is_plural_role(self, text: str) -> bool:
        """A plural role word or phrase: "rangers", "new members" ("members")."""
        key = role_key(text)
        singular = singular_key(key)
        if singular is not None and self._is_role_key(singular):
            return True
        # French makes every word of a phrase plural: "trésoriers adjoints", "directeurs généraux".
        words = key.split()
        one = " ".join(word_singular(w) for w in words)
        return len(words) > 1 and one != key and self._is_role_key(one)

    def is_office(self, role: str) -> bool:
        """A role that is an office in a body, with no complement naming it or a place:
        "Treasurer", "Vice-présidents", "Shire President"; not "President of Ruritania"."""
        words = role_key(role).split()
        if not words or any(w in self.title_links for w in words):
            return False
        singular = [word_singular(w) for w in words]
        return any(" ".join(form) in self.offices for form in (words, singular, words[-1:], singular[-1:]))

    def body_kind(self, role: str) -> str | None:
        """The head word of the kind of body ``role`` is held in ("Deputy Mayor" -> "council"),
        from its title proper (before "of", "for"...); None if the lexicon names none."""
        words = role_key(role).split()
        cut = next((i for i, w in enumerate(words) if i > 0 and w in self.title_links), len(words))
        for k in range(cut):
            phrase = " ".join(words[k:cut])
            one = " ".join(word_singular(w) for w in words[k:cut])
            kind = self.role_bodies.get(phrase) or self.role_bodies.get(one)
            if kind:
                return kind
        return None

    def is_epithet(self, text: str) -> bool:
        """A lower-case word with the form of a Latin species name ("unifolia", "acuta")."""
        return text.isalpha() and text.islower() and len(text) > 3 and text.endswith(self.epithet_endings)


def _recorded_honorific(form: str, canonical: str) -> str:
    """The honorific a person's row records for ``form``: the canonical spelling where the two
    differ only in case and full stops ("MR" -> "Mr."), else the word as the bulletin writes it
    ("Professor", "His Excellency"; "madame" in a sentence as "Madame"), as the name is."""

    def letters(text: str) -> str:
        return text.replace(".", "").replace(" ", "").casefold()

    return canonical if letters(form) == letters(canonical) else form[:1].upper() + form[1:]


def lexicon_from_data(data: Mapping[str, Any]) -> PeopleLexicon:
    honorifics = {
        str(form): _recorded_honorific(str(form), str(canonical))
        for canonical, forms in (data.get("honorifics") or {}).items()
        for form in [canonical, *forms]
    }
    roles = [str(r) for r in data.get("roles") or ()]
    by_initial: dict[str, list[str]] = {}
    for form in sorted(honorifics, key=len, reverse=True):
        by_initial.setdefault(form[:1], []).append(form)

    def lower_set(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or ())

    return PeopleLexicon(
        honorifics=MappingProxyType(honorifics),
        roles=frozenset(role_key(r) for r in roles if not r.isupper()),
        role_acronyms=frozenset(r for r in roles if r.isupper()),
        never_in_name=lower_set("never_in_name"),
        particles=frozenset(str(w) for w in data.get("name_particles") or ()),
        honorifics_by_initial=MappingProxyType({c: tuple(forms) for c, forms in by_initial.items()}),
        post_nominals=frozenset(str(w) for w in data.get("post_nominals") or ()),
        label_words=lower_set("label_words"),
        spatial_prepositions=lower_set("spatial_prepositions"),
        taxon_words=lower_set("taxon_words"),
        epithet_endings=tuple(sorted({str(w).lower() for w in data.get("epithet_endings") or ()})),
        body_pronouns=lower_set("body_pronouns"),
        group_nouns=lower_set("group_nouns"),
        column_words=lower_set("column_words"),
        column_links=lower_set("column_links"),
        column_articles=lower_set("column_articles"),
        role_verbs=lower_set("role_verbs"),
        as_verbs=lower_set("as_verbs"),
        workplace_verbs=lower_set("workplace_verbs"),
        affiliation_links=lower_set("affiliation_links"),
        passive_offices=MappingProxyType(
            {str(k).lower(): str(v or "") for k, v in (data.get("passive_offices") or {}).items()}
        ),
        agent_links=lower_set("agent_links"),
        named_after_places=lower_set("named_after_places"),
        roles_run_on=bool(data.get("roles_run_on")),
        surnames_in_capitals=bool(data.get("surnames_in_capitals")),
        offices=frozenset(role_key(str(r)) for r in data.get("offices") or ()),
        role_bodies=MappingProxyType(
            {role_key(str(k)): str(v).lower() for k, v in (data.get("role_bodies") or {}).items()}
        ),
        role_prefixes=frozenset(role_key(str(r)) for r in data.get("role_prefixes") or ()),
        role_suffixes=frozenset(role_key(str(r)) for r in data.get("role_suffixes") or ()),
        thing_determiners=lower_set("thing_determiners"),
        register_words=frozenset(role_key(str(w)) for w in data.get("register_words") or ()),
        meeting_bodies=lower_set("meeting_bodies"),
        copula_participles=lower_set("copula_participles"),
        meeting_titles=lower_set("meeting_titles"),
        meeting_links=lower_set("meeting_links"),
        meeting_elisions=tuple(sorted(lower_set("meeting_elisions"))),
        **{
            key: lower_set(key)
            for key in ("title_links", "link_articles", "list_links", "copulas")
            if data.get(key)
        },
    )


@lru_cache(maxsize=8)
def load_people_lexicon(language: str = "en") -> PeopleLexicon:
    """The packaged people data file of ``language`` (``data/<language>/people.yaml`` over the
    English one), read once."""
    return lexicon_from_data(load_language_data("people.yaml", language))
