"""What a name or an acronym definition names (an organisation, an event, something else),
and the one full name and acronym that a mention of an organisation stands for."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

import pycountry
from spacy.tokens import Doc

from pipeline.extract.acronyms import LINK_WORDS, AcronymDefinition
from pipeline.extract.organisations.heads import is_head_word, is_role_phrase, name_head
from pipeline.extract.reference.organisations import OrgReference, match_key
from pipeline.extract.reference.place_names import is_place_name
from pipeline.extract.words import CONNECTORS, DETERMINERS, is_cap_word

# Lower-case words inside a name that carry no initial: "Center for Technology *in*
# Government", "Mohammed *bin* Rashid School", "University *at* Albany".
NAME_LINKS = (
    CONNECTORS
    | LINK_WORDS
    | frozenset(
        [
            "with",
            "bin",
            "bint",
            "ibn",
            "al",
            "el",
            "van",
            "von",
            "der",
            "del",
            "di",
            "da",
            "y",
            "und",
            "pour",
            "para",
            "sur",
        ]
    )
)


def long_form_kind(long: str, ref: OrgReference) -> str:
    """What a name is: "org", "event", "other" (a work, a place, a common noun) or "unknown"."""
    if ref.lookup_name(long):
        return "org"
    words = [w for w in long.replace("\u2019", "'").split() if w]
    if ref.head_first:
        return _head_first_kind(words, ref)
    content = [w for w in words if w.lower() not in NAME_LINKS]
    if not content or not all(is_cap_word(w) for w in content):
        return "other"  # "information and communication technologies", "Red Cross volunteers"
    if is_place_name(long):
        return "other"
    if all(is_head_word(w, ref.head_words) or w.lower() in DETERMINERS for w in content):
        return "other"  # "the Division", "Secretariat": a word referring back, not a name
    head = name_head(words)
    if is_head_word(head, ref.head_words):
        return "org"
    if head in ref.event_words:
        return "event"
    lowered = {w.lower().strip("'\u2019") for w in words}
    if head in ref.non_org_words or lowered & (ref.non_org_words | ref.event_words):
        return "other"
    if is_role_phrase(words, ref):
        return "other"
    return "unknown"


def strip_article(name: str, ref: OrgReference) -> str:
    """``name`` without the article a head-first language writes before it ("l'Agence des
    services numériques" -> "Agence des services numériques"); ``name`` itself otherwise."""
    text = name.replace("\u2019", "'")
    for article in sorted(ref.name_articles, key=len, reverse=True):
        cut = len(article) if article.endswith("'") else len(article) + 1
        if text.lower().startswith(article if article.endswith("'") else article + " ") and len(text) > cut:
            return name[cut:]
    return name


def _head_first_kind(words: list[str], ref: OrgReference) -> str:
    """What a head-first long form names ("l'Agence des services numériques"): the first word
    after its article is its head; a head alone ("le Réseau") refers back, it is no name."""
    words = strip_article(" ".join(words), ref).split()
    if not words or not words[0][:1].isupper() or is_place_name(" ".join(words)):
        return "other"
    low = words[0].lower()
    if low in ref.event_words or " ".join(words[:2]).lower() in ref.event_words:
        return "event"  # "Atelier ...", "Assemblée générale"
    if low in ref.non_org_words:
        return "other"
    if low in ref.head_words:
        return "org" if len(words) > 1 else "other"
    return "unknown"


@dataclass(frozen=True)
class Definitions:
    """The bulletin's acronym definitions, split by what the long form names."""

    org: Mapping[str, str]  # short -> long form, for organisations
    other: frozenset[str]  # short forms of events, places, works, ...
    other_longs: frozenset[str]  # match keys of those long forms
    long_to_short: Mapping[str, str]  # match key of an org long form -> short


def classify_definitions(
    definitions: Sequence[tuple[int, AcronymDefinition]], docs: Sequence[Doc], ref: OrgReference
) -> Definitions:
    org: dict[str, str] = {}
    other: set[str] = set()
    other_longs: set[str] = set()
    for i, d in definitions:
        if d.short in org or d.short in other:
            continue
        kind = long_form_kind(d.long, ref)
        known = ref.lookup_acronym(d.short)
        parts = re.split(r"[/&]", d.short)
        if any(listed_non_org(p, ref) for p in parts):
            kind = "other"
        if kind == "unknown":
            # Capitalised but without a head word: trust the model's ORG label, or the reference.
            doc = docs[i]
            tagged = any(
                (e.label_ == "ORG" and e.start_char < d.long_end and d.long_start < e.end_char)
                or (e.label_ == "ORG" and e.text == d.short)
                for e in doc.ents
            )
            kind = "org" if tagged or known else "other"
        if kind == "org":
            org[d.short] = strip_article(d.long, ref)
        else:
            other.update({d.short, *parts})  # "(DF/DHF)" defines "DF" and "DHF" too
            other_longs.add(match_key(d.long))
    return Definitions(
        org=MappingProxyType(org),
        other=frozenset(other),
        other_longs=frozenset(other_longs),
        long_to_short=MappingProxyType({match_key(v): k for k, v in org.items()}),
    )


def with_long_forms(defs: Definitions, longer: Mapping[str, str]) -> Definitions:
    """``defs`` with the long forms of some organisation acronyms replaced by fuller ones."""
    if not longer:
        return defs
    org = {**defs.org, **{k: v for k, v in longer.items() if k in defs.org}}
    keys = {match_key(v): k for k, v in org.items()}
    # The shorter long form still names the same body.
    keys.update({match_key(v): k for k, v in defs.org.items()})
    return replace(defs, org=MappingProxyType(org), long_to_short=MappingProxyType(keys))


def with_bracketed_acronyms(defs: Definitions, pairs: Mapping[str, str]) -> Definitions:
    """``defs`` with the acronyms written in brackets after a name that they do not spell
    (``pairs``: acronym -> name), as definitions of those names."""
    new = {k: v for k, v in pairs.items() if k not in defs.org and k not in defs.other}
    if not new:
        return defs
    org = {**defs.org, **new}
    keys = {**defs.long_to_short, **{match_key(v): k for k, v in new.items()}}
    return replace(defs, org=MappingProxyType(org), long_to_short=MappingProxyType(keys))


def canonical(
    defs: Definitions, ref: OrgReference, name: str | None = None, acronym: str | None = None
) -> tuple[str, str | None]:
    """(full name, acronym) of the organisation a name or an acronym refers to."""
    if acronym is None and name is not None:
        acronym = defs.long_to_short.get(match_key(name))
        if acronym is None:
            known = ref.lookup_name(name)
            return (known.name, known.acronym) if known else (name, None)
    assert acronym is not None
    known = ref.lookup_acronym(acronym)
    if acronym in defs.org:
        long = defs.org[acronym]
        if known and match_key(long) in {match_key(n) for n in known.names}:
            return known.name, known.acronym
        return long, acronym
    if known:
        return known.name, known.acronym or acronym
    return acronym, acronym


def listed_non_org(word: str, ref: OrgReference) -> bool:
    """A listed non-organisation acronym (or its plural), a title, or a currency code."""
    singular = word[:-1] if word.endswith("s") else word
    if {word, singular} & (ref.non_org_acronyms | ref.role_acronyms):
        return True
    return len(word) == 3 and word.isupper() and pycountry.currencies.get(alpha_3=word) is not None
