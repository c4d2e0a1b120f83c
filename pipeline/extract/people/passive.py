"""An office named by a participle and "by" before a name: "the Harbour Trust, chaired by Ann
Lee" (Ann Lee, chair of the Harbour Trust), "l'association X, présidée par Henri Colin"."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.extract.people.affiliation_lookup import Affiliations, affiliation, known_body
from pipeline.extract.people.names import Name
from pipeline.extract.people.title_words import MAX_TITLE_WORDS, run_back
from pipeline.extract.words import Word


def passive_office(
    name: Name, words: Sequence[Word], text: str, taken: set[int], known: Affiliations
) -> tuple[str | None, str | None]:
    """ "the Harbour Trust, chaired by Ann Lee": the office the participle before "by" names,
    held in the body named before it (none after a common noun: "the panel was chaired by X")."""
    lexicon = known.lexicon
    h = name.honorific_start
    if h < 2 or words[h - 1].text.lower() not in lexicon.agent_links:
        return None, None
    role = lexicon.passive_offices.get(words[h - 2].text.lower())
    if role is None:
        return None, None
    p = h - 3
    if p >= 0 and words[p].text == ",":
        p -= 1
    run = run_back(words, p, taken, lexicon) if p >= 0 else []
    owner = affiliation(run, text, known) if run else None
    if owner is None:
        # A name with words in lower case ("le Comité des fêtes"): the body the organisations
        # stage read nearest before the participle, in the same clause.
        k = p
        while owner is None and k >= 0 and p - k < MAX_TITLE_WORDS and words[k].text[:1].isalpha():
            body = known.named_at(words[k].char_start)
            owner = (body.acronym or body.name) if body else None
            k -= 1
    return role or None, (owner if owner and known_body(owner, known) else None)
