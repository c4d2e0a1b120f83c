"""Towns named in several words joined by hyphens around a link word: "Juigné-sur-Sarthe",
"Orry-la-Ville", "Cap-aux-Meules", "Pas-de-Calais", "Villeneuve-d'Ascq", "Walton-on-Thames".

Few gazetteers list the small ones, but the form is a town's or an area's: capitalised words
joined by hyphens with a lower-case link word of the language between two of them
(`compound_town_links` in ``data/places.yaml`` and ``data/<language>/places.yaml``). A given
name joined by hyphens ("Jean-Pierre") has no link word. Such a name is no place inside a
longer one that an organisation's mention covers ("Lycée Jean-de-la-Fontaine" names a school
after a person). The model's labels are no evidence: the small French model calls many of
these towns persons. Its country is the one its name has in the gazetteer, else the
bulletin's (``bulletin.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc

from pipeline.extract.places.areas import area_country
from pipeline.extract.places.candidates import Candidate
from pipeline.extract.reference.gazetteer import Gazetteer, PlaceMatch
from pipeline.extract.sentences import parser_sentence_bounds

COMPOUND = "compound name"
# A capitalised word (letters only, any case after the first: "HALATTE" in a heading).
_WORD = r"[^\W\d_a-zß-ÿ][^\W\d_]*"


@lru_cache(maxsize=8)
def compound_pattern(links: tuple[str, ...]) -> re.Pattern[str] | None:
    """Capitalised words joined by hyphens with one or more ``links`` between two of them
    ("Saint-Rémy-lès-Chevreuse"); a link ending in an apostrophe is glued to the next word
    ("Côte-d'Or")."""
    if not links:
        return None
    hyphened = "|".join(re.escape(w) for w in sorted(links, key=len, reverse=True) if not w.endswith("'"))
    glued = "|".join(re.escape(w[:-1]) for w in links if w.endswith("'"))
    joints = [rf"-(?:(?i:{hyphened})-)+"] if hyphened else []
    joints += [rf"-(?:(?i:{hyphened})-)*(?i:{glued})['’]"] if glued else []
    joint = "|".join(joints)
    return re.compile(rf"(?<![\w-]){_WORD}(?:-{_WORD})*(?:{joint}){_WORD}(?:-{_WORD})*(?![\w'’-])")


@lru_cache(maxsize=8)
def spaced_pattern(heads: tuple[str, ...], links: tuple[str, ...]) -> re.Pattern[str] | None:
    """A town's name written with spaces where the hyphens would be, opening with one of
    ``heads`` (any case, "St." too) and with one or more ``links`` between two capitalised
    words: "Saint Denis lès Bourg", "SAINT VINCENT DE DURFORT", "St Priest de Gimel"."""
    spaced = [w for w in links if not w.endswith("'")]
    if not heads or not spaced:
        return None
    head = "|".join(re.escape(w) for w in sorted(heads, key=len, reverse=True))
    link = "|".join(re.escape(w) for w in sorted(spaced, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w-])(?i:{head})\.? {_WORD}(?:-{_WORD})*(?: (?i:{link}))+ {_WORD}(?:-{_WORD})*(?![\w'’-])"
    )


def compound_towns(
    doc: Doc,
    gazetteer: Gazetteer,
    links: tuple[str, ...],
    taken: Sequence[tuple[int, int]] = (),
    *,
    spaced_heads: tuple[str, ...] = (),
    spaced_links: tuple[str, ...] = (),
) -> list[Candidate]:
    """The hyphenated names with a link word in ``doc`` that are towns or areas, and those
    written with spaces after one of ``spaced_heads`` around one of ``spaced_links``,
    outside the character spans ``taken`` (organisations' mentions) unless one is exactly
    the name."""
    patterns = [p for p in (compound_pattern(links), spaced_pattern(spaced_heads, spaced_links)) if p]
    hits = sorted((h for p in patterns for h in p.finditer(doc.text)), key=lambda h: h.start())
    out = []
    for hit in hits:
        start, end = hit.span()
        if any(a < end and start < b and (a, b) != (start, end) for a, b in taken):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        country, _, firm = _compound_country(hit.group(), gazetteer)
        fixed = gazetteer.fixed.get(hit.group())
        kind = fixed.kind if fixed is not None else "city"
        sent_start, sent_end = parser_sentence_bounds(doc, span.start)
        out.append(
            Candidate(
                start,
                end,
                hit.group(),
                PlaceMatch(hit.group(), hit.group(), kind, country),
                accepted=True,
                evidence=COMPOUND,
                sentence_start=sent_start,
                sentence_end=sent_end,
                in_bulletin_country=not firm,
            )
        )
    return out


def _compound_country(name: str, gazetteer: Gazetteer) -> tuple[str | None, bool, bool]:
    """``area_country`` of a compound name; written with spaces, the words that open it may
    be another town's name ("Saint Denis"): only the whole name locates it."""
    if " " in name and name not in gazetteer.fixed and name not in gazetteer.cities:
        return None, False, False
    return area_country(name, gazetteer)
