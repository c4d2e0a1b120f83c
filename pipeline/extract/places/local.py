"""Local places: streets, tracks, hills, waters, reserves, and state abbreviations in running text.

No gazetteer lists "Kathner St" or "Fence Post Hill", but their form says what they are: a
capitalised name ending in a feature word, or opening with "Mt" or "Lake". The words are data
(`local_suffixes`, `local_prefixes` in ``data/places.yaml``). Such a name is not a place
when it is part of a longer capitalised name (an organisation, a school), when a person's
honorific or an organisation's mention covers it, or when it is only a feature word. Their
country is decided for the whole bulletin (``context_country``).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from pipeline.extract.places.candidates import Candidate
from pipeline.extract.reference.gazetteer import Gazetteer, PlaceMatch
from pipeline.extract.reference.place_names import LocalWords, local_words
from pipeline.extract.sentences import parser_sentence_bounds

LOCAL_KIND = "local"
# Words of a local name before its feature word ("Bicentennial National Horse Trail").
MAX_NAME_WORDS = 4
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "our", "their", "its", "every", "each"})
_CALENDAR_WORDS = frozenset(
    w.lower() for w in (*calendar.day_name, *calendar.month_name, *calendar.day_abbr) if w
)
_FUNCTION_TAGS = frozenset({"ADP", "CCONJ", "SCONJ", "DET", "PRON", "AUX", "PART"})
# The model's labels for names that are not places: a name it gives one of these to is a
# work's, a law's or a group's, not a street's. (ORG is not among them: the small model
# gives it to many local names, "Lincoln Place", "Western Ledge".)
_OTHER_ENTITY_LABELS = frozenset({"NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"})


def _name_word(token: Token, honorifics: frozenset[str]) -> bool:
    """A word of a local name: capitalised, and not a function word, a month or day, or a
    title ("On Cooleman Ridge", "December Cooleman Trig", "Mr Hill")."""
    text = token.text
    return (
        text[:1].isupper()
        and any(ch.isalpha() for ch in text)
        and token.lower_ not in _DETERMINERS
        and token.lower_ not in _CALENDAR_WORDS
        and token.pos_ not in _FUNCTION_TAGS
        and text not in honorifics
    )


def local_candidates(
    doc: Doc,
    gazetteer: Gazetteer,
    taken: Sequence[tuple[int, int]],
    words: LocalWords | None = None,
) -> list[Candidate]:
    """Local place names of a Doc outside the character spans ``taken`` (places already
    found, organisation and person mentions), with no country yet."""
    words = words or local_words()
    honorifics = gazetteer.honorifics
    found: list[tuple[int, int]] = []
    n = len(doc)
    for i, token in enumerate(doc):
        if token.text in words.suffixes and i > 0:
            first = i
            while first > 0 and i - first < MAX_NAME_WORDS and _name_word(doc[first - 1], honorifics):
                first -= 1
                if doc[first].is_sent_start:
                    break
            if first == i:
                continue
            if i + 1 < n and doc[i + 1].text[:1].isupper() and not doc[i + 1].is_sent_start:
                continue  # the name goes on: "Weston Park Primary School"
            found.append((first, i + 1))
        elif token.text in words.prefixes and i + 1 < n and _name_word(doc[i + 1], honorifics):
            last = i + 1
            while last + 1 < n and last - i < MAX_NAME_WORDS - 1 and _name_word(doc[last + 1], honorifics):
                if doc[last + 1].is_sent_start:
                    break
                last += 1
            found.append((i, last + 1))
    candidates = []
    for first, end in _longest_first(found):
        span = doc[first:end]
        start_char, end_char = span.start_char, span.end_char
        if any(a < end_char and start_char < b for a, b in taken):
            continue
        if first > 0 and doc[first - 1].text in honorifics:
            continue
        if any(t.ent_type_ in _OTHER_ENTITY_LABELS for t in span):
            continue
        sent_start, sent_end = parser_sentence_bounds(doc, first)
        candidates.append(
            Candidate(
                start_char,
                end_char,
                span.text,
                PlaceMatch(span.text, span.text, LOCAL_KIND, None),
                accepted=True,
                evidence="local feature",
                sentence_start=sent_start,
                sentence_end=sent_end,
            )
        )
    return candidates


def _longest_first(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for first, end in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if not any(a < end and first < b for a, b in kept):
            kept.append((first, end))
    return sorted(kept)


def subdivision_codes(doc: Doc, gazetteer: Gazetteer, words: LocalWords | None = None) -> list[Candidate]:
    """State abbreviations standing alone after "the" or a locative word: "the ACT", "in NSW"."""
    words = words or local_words()
    found = []
    for i, token in enumerate(doc):
        match = gazetteer.subdivision_codes.get(token.text)
        if match is None or i == 0 or not token.text.isupper() or len(token.text) < words.code_min_letters:
            continue
        before = doc[i - 1].lower_
        if before != "the" and before not in gazetteer.locative_words:
            continue
        sent_start, sent_end = parser_sentence_bounds(doc, i)
        found.append(
            Candidate(
                token.idx,
                token.idx + len(token.text),
                token.text,
                match,
                accepted=True,
                evidence="state abbreviation",
                sentence_start=sent_start,
                sentence_end=sent_end,
            )
        )
    return found


def context_country(candidates: Iterable[Candidate]) -> str | None:
    """The country a bulletin's places point to: the one most of its located places are in."""
    counts = Counter(
        c.match.country_code
        for c in candidates
        if c.accepted and c.match.kind != LOCAL_KIND and c.match.country_code
    )
    return counts.most_common(1)[0][0] if counts else None
