"""The organisation reference: known bodies and the word lists that classify names.

``data/organisations.yaml``, with an analyst's file of the same shape merged over it,
and the roles and honorifics of ``data/people.yaml`` (titles are not organisations).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pipeline.core.datafiles import language_data_exists, load_data, load_language_data, load_yaml
from pipeline.core.ids import normalise_name
from pipeline.extract.acronyms import (
    is_acronym_token,
)


@dataclass(frozen=True)
class ReferenceOrg:
    """One body of the reference file."""

    name: str
    acronym: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def acronyms(self) -> tuple[str, ...]:
        extra = tuple(a for a in self.aliases if _is_acronym_alias(a))
        return ((self.acronym,) if self.acronym else ()) + extra

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *(a for a in self.aliases if not _is_acronym_alias(a)))


def _is_acronym_alias(alias: str) -> bool:
    """ "UN DESA", "UNESCAP" are acronyms; "World Bank", "Norad" are names."""
    return all(is_acronym_token(w) for w in alias.split())


@dataclass(frozen=True)
class OrgReference:
    """What the extractor knows: reference bodies and the word lists that classify names."""

    organisations: tuple[ReferenceOrg, ...]
    head_words: frozenset[str]
    place_heads: frozenset[str]
    event_words: frozenset[str]
    non_org_words: frozenset[str]
    non_org_acronyms: frozenset[str]
    role_words: frozenset[str]  # lower case
    role_acronyms: frozenset[str]  # as written
    person_words: frozenset[str] = frozenset()  # honorifics, lower case, without the dot
    name_prepositions: frozenset[str] = frozenset()  # "Commission of Inquiry *into* ..."
    generic_modifiers: frozenset[str] = frozenset()  # "*Executive* Board", "*Steering* Committee"
    epithet_endings: tuple[str, ...] = ()  # Latin endings of species names: "thaps*us*"
    company_suffixes: frozenset[str] = frozenset()  # "Inc.", "Ltd", lower case
    heads_without_topic: frozenset[str] = frozenset()  # "Trust", "Bank": no "on ..." in their names
    kind_nouns: frozenset[str] = frozenset()  # "X, a *charity* based in Y": X is a body
    taxon_words: frozenset[str] = frozenset()  # "grass", "orchid": heads of plants' and animals' names
    source_labels: frozenset[str] = frozenset()  # "Source: MSPP": the body a figure comes from
    acronym_articles: frozenset[str] = frozenset()  # "l'", "d'": "à l'UCL" names a body
    # "ces", "un": before a word in capitals, a common noun or a kind ("ces IRIS", "un grand MERCI")
    common_noun_determiners: frozenset[str] = frozenset()
    inner_links: frozenset[str] = frozenset()  # "of", "in": "Gift *of* the Givers" (``linked``)
    eponym_titles: frozenset[str] = frozenset()  # "*King* George V Trust": a title the name keeps
    # Languages that write names head first, running on in lower case ("Agence des services
    # numériques"): the links a name runs on with ("de la", "pour le"), the lower-case words
    # that end it on a blank pipeline, and the articles before it ("l'Agence").
    head_first: bool = False
    name_links: frozenset[str] = frozenset()
    name_stop_words: frozenset[str] = frozenset()
    name_articles: frozenset[str] = frozenset()
    # Heads such a name may open with in lower case: "l'association Amicale des Randonneurs",
    # "la mairie de Saint-Pierre-les-Bois".
    lower_case_heads: frozenset[str] = frozenset()
    # Surnames written in capitals ("Andogoly GUINDO"): a word in capitals inside a person's
    # name is no acronym (the people data's ``surnames_in_capitals``).
    surnames_in_capitals: bool = False
    by_name: Mapping[str, ReferenceOrg] = field(default_factory=dict, compare=False, repr=False)
    by_acronym: Mapping[str, ReferenceOrg] = field(default_factory=dict, compare=False, repr=False)
    # Every reference name as a word sequence of its own, longest first.
    name_pattern: re.Pattern[str] = field(default=re.compile("(?!)"), compare=False, repr=False)

    def lookup_name(self, name: str) -> ReferenceOrg | None:
        return self.by_name.get(match_key(name))

    def lookup_acronym(self, acronym: str) -> ReferenceOrg | None:
        return self.by_acronym.get(acronym) or self.by_acronym.get(acronym.upper())


def match_key(name: str) -> str:
    """Key for comparing two spellings of a name ("Organization"/"Organisation", "&"/"and")."""
    words = normalise_name(name.replace("&", " and ")).split()
    spelling = {
        "organization": "organisation",
        "program": "programme",
        "center": "centre",
        "labor": "labour",
        "cooperation": "co operation",
    }
    return " ".join(spelling.get(w, w) for w in words if w not in {"and", "the"})


def make_reference(
    organisations: Iterable[ReferenceOrg],
    lists: Mapping[str, Any],
    roles: Iterable[str],
    honorifics: Iterable[str] = (),
) -> OrgReference:
    """Build the lookup tables of a reference from its entries and word lists."""
    orgs = tuple(organisations)
    short_forms = [(str(f["long"]), str(f["short"])) for f in lists.get("name_short_forms", ())]
    by_name: dict[str, ReferenceOrg] = {}
    by_acronym: dict[str, ReferenceOrg] = {}
    for org in orgs:
        for name in written_forms(org.names, short_forms):
            by_name.setdefault(match_key(name), org)
        for acronym in org.acronyms:
            by_acronym.setdefault(acronym, org)
    role_list = list(roles)

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in lists.get(key, ()))

    return OrgReference(
        organisations=orgs,
        head_words=words("head_words"),
        place_heads=words("place_heads"),
        event_words=words("event_words"),
        non_org_words=words("non_organisation_words"),
        non_org_acronyms=frozenset(str(a) for a in lists.get("non_organisation_acronyms", ())),
        role_words=frozenset(
            form for r in role_list if not r.isupper() for form in (r.lower(), r.lower().replace("-", " "))
        ),
        role_acronyms=frozenset(r for r in role_list if r.isupper()),
        person_words=frozenset(h.lower().rstrip(".") for h in honorifics),
        name_prepositions=words("name_prepositions"),
        generic_modifiers=words("generic_modifiers"),
        company_suffixes=words("company_suffixes"),
        heads_without_topic=words("heads_without_topic"),
        kind_nouns=words("kind_nouns"),
        head_first=bool(lists.get("names_head_first")),
        name_links=words("name_links"),
        lower_case_heads=words("heads_in_lower_case"),
        name_stop_words=words("name_stop_words"),
        name_articles=words("name_articles"),
        epithet_endings=tuple(sorted(words("species_epithet_endings"))),
        taxon_words=words("taxon_words"),
        source_labels=words("source_labels"),
        acronym_articles=words("acronym_articles"),
        common_noun_determiners=words("common_noun_determiners"),
        inner_links=words("inner_links"),
        eponym_titles=words("eponym_titles"),
        by_name=MappingProxyType(by_name),
        by_acronym=MappingProxyType(by_acronym),
        name_pattern=_names_pattern(written_forms((n for org in orgs for n in org.names), short_forms)),
    )


def written_forms(names: Iterable[str], short_forms: Sequence[tuple[str, str]]) -> list[str]:
    """``names``, and each one whose opening words have a short form written in their place
    ("United Nations Children's Fund" -> "UN Children's Fund")."""
    out: list[str] = []
    for name in names:
        out.append(name)
        out.extend(short + name[len(long) :] for long, short in short_forms if name.startswith(long + " "))
    return out


def _names_pattern(names: Iterable[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + (alternatives or "(?!)") + r")(?![\w-])")


def _entries(data: Mapping[str, Any]) -> list[ReferenceOrg]:
    out = []
    for raw in data.get("organisations") or ():
        acronym = raw.get("acronym")
        out.append(
            ReferenceOrg(
                name=str(raw.get("name") or acronym),
                acronym=str(acronym) if acronym else None,
                aliases=tuple(str(a) for a in raw.get("aliases") or ()),
            )
        )
    return out


def merge_entries(base: Sequence[ReferenceOrg], extra: Sequence[ReferenceOrg]) -> list[ReferenceOrg]:
    """``extra`` over ``base``: an entry with the same acronym (or name) replaces the packaged one."""

    def key(org: ReferenceOrg) -> str:
        return org.acronym or match_key(org.name)

    replaced = {key(o) for o in extra}
    return [o for o in base if key(o) not in replaced] + list(extra)


def load_org_reference(extra: Path | None = None) -> OrgReference:
    """The packaged reference, with an analyst's file of the same shape merged over it."""
    data: Mapping[str, Any] = load_data("organisations.yaml")
    entries = _entries(data)
    lists: dict[str, list[str]] = {k: list(v or ()) for k, v in data.items() if k != "organisations"}
    if extra is not None:
        more = load_yaml(extra) or {}
        entries = merge_entries(entries, _entries(more))
        for k, v in more.items():
            if k != "organisations":
                lists[k] = lists.get(k, []) + list(v or ())
    # Titles and honorifics are not organisations: they are listed once, with the people data.
    people = load_data("people.yaml")
    roles = [str(r) for r in people.get("roles") or ()]
    honorifics = [
        str(f) for canonical, forms in (people.get("honorifics") or {}).items() for f in [canonical, *forms]
    ]
    # So are plants and animals ("African Love Grass"): their heads are listed with the people data.
    lists.setdefault("taxon_words", list(people.get("taxon_words") or ()))
    return make_reference(entries, lists, roles, honorifics)


_LANGUAGE_REFERENCES: dict[tuple[int, str], tuple[OrgReference, OrgReference]] = {}


def language_reference(reference: OrgReference, language: str) -> OrgReference:
    """``reference`` read for a document in ``language``: its bodies and word lists, with the
    bodies, words, roles and honorifics of ``data/<language>/organisations.yaml`` and
    ``people.yaml`` added (the reference itself where the language has no file of its own).
    Built once per reference (by identity) and language."""
    if language == "en" or not language_data_exists("organisations.yaml", language):
        return reference
    cached = _LANGUAGE_REFERENCES.get((id(reference), language))
    if cached is None or cached[0] is not reference:
        cached = (reference, _with_language(reference, language))
        _LANGUAGE_REFERENCES[(id(reference), language)] = cached
    return cached[1]


def _with_language(reference: OrgReference, language: str) -> OrgReference:
    data: Mapping[str, Any] = load_language_data("organisations.yaml", language)
    entries = merge_entries(reference.organisations, _entries(data))
    people = load_language_data("people.yaml", language)
    honorifics = (people.get("honorifics") or {}).items()
    own = make_reference(
        entries,
        {k: v for k, v in data.items() if k != "organisations"},
        [str(r) for r in people.get("roles") or ()],
        [str(f) for canonical, forms in honorifics for f in [canonical, *forms]],
    )
    return replace(
        own,
        surnames_in_capitals=bool(people.get("surnames_in_capitals")),
        **{
            name: getattr(reference, name) | getattr(own, name)
            for name in (
                "head_words", "place_heads", "event_words", "non_org_words", "non_org_acronyms",
                "role_words", "role_acronyms", "person_words", "name_prepositions",
                "generic_modifiers", "company_suffixes", "heads_without_topic",
            )
        },
    )
