"""The people lexicon (honorifics, role words, name rules), read once from ``data/people.yaml``
so that analysts edit words, not code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from pipeline.core.datafiles import load_data


def role_key(text: str) -> str:
    """How role phrases are compared: "Director-General" == "director general"."""
    return " ".join(text.lower().replace("-", " ").split())


@dataclass(frozen=True)
class PeopleLexicon:
    """Honorifics, role words and name rules, from ``data/people.yaml``."""

    honorifics: Mapping[str, str]  # as written -> canonical ("Mister" -> "Mr.")
    roles: frozenset[str]  # role_key of role words and phrases ("director", "prime minister")
    role_acronyms: frozenset[str]  # as written ("USG", "IRA")
    never_in_name: frozenset[str]
    particles: frozenset[str]
    # First character -> the honorific forms starting with it, longest first (ties in file order).
    honorifics_by_initial: Mapping[str, tuple[str, ...]]

    def is_role(self, text: str) -> bool:
        return text in self.role_acronyms or role_key(text) in self.roles


def lexicon_from_data(data: Mapping[str, Any]) -> PeopleLexicon:
    honorifics = {
        str(form): str(canonical)
        for canonical, forms in (data.get("honorifics") or {}).items()
        for form in [canonical, *forms]
    }
    roles = [str(r) for r in data.get("roles") or ()]
    by_initial: dict[str, list[str]] = {}
    for form in sorted(honorifics, key=len, reverse=True):
        by_initial.setdefault(form[:1], []).append(form)
    return PeopleLexicon(
        honorifics=MappingProxyType(honorifics),
        roles=frozenset(role_key(r) for r in roles if not r.isupper()),
        role_acronyms=frozenset(r for r in roles if r.isupper()),
        never_in_name=frozenset(str(w).lower() for w in data.get("never_in_name") or ()),
        particles=frozenset(str(w) for w in data.get("name_particles") or ()),
        honorifics_by_initial=MappingProxyType({c: tuple(forms) for c, forms in by_initial.items()}),
    )


@lru_cache(maxsize=1)
def load_people_lexicon() -> PeopleLexicon:
    """The packaged people data file, read once."""
    return lexicon_from_data(load_data("people.yaml"))
