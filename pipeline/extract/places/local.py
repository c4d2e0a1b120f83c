"""Local places: streets, tracks, hills, waters, reserves, and state abbreviations in running text.

No gazetteer lists "Kathner St" or "Fence Post Hill", but their form says what they are: a
capitalised name ending in a feature word, or opening with "Mt" or "Lake", or a street
written as one word before a house number ("Laarbeeklaan 103"). The words are data
(`local_suffixes`, `local_prefixes`, `street_word_endings` in ``data/places.yaml``). Such a
name is not a place when it is part of a longer capitalised name (an organisation, a
school: "Mount Stromlo Observatory"), when a person's honorific or an organisation's
mention covers it, when it is only a feature word, or when its name is a region of the
world used as a modifier ("Pacific Island countries"). Prepositions written with a capital
in a heading ("Above Chauvel Circle") are not part of a name. Their country is decided for
the whole bulletin (``context_country``).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from pipeline.extract.places.candidates import OPENS_A_NAME, Candidate
from pipeline.extract.reference.gazetteer import Gazetteer, PlaceMatch, city_match
from pipeline.extract.reference.place_names import LocalWords, local_words
from pipeline.extract.sentences import parser_sentence_bounds

LOCAL_KIND = "local"
# Words of a local name before its feature word ("Bicentennial National Horse Trail").
MAX_NAME_WORDS = 4
_TOWN_LABELS = frozenset({"GPE", "LOC"})
# Words of a town's name after a postcode.
MAX_AREA_WORDS = 3
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "our", "their", "its", "every", "each"})
_CALENDAR_WORDS = frozenset(
    w.lower() for w in (*calendar.day_name, *calendar.month_name, *calendar.day_abbr) if w
)
_FUNCTION_TAGS = frozenset({"ADP", "CCONJ", "SCONJ", "DET", "PRON", "AUX", "PART"})
_POSSESSIVES = frozenset({"'s", "\u2019s"})
# The model's labels for names that are not places: a name it gives one of these to is a
# work's, a law's or a group's, not a street's. (ORG is not among them: the small model
# gives it to many local names, "Lincoln Place", "Western Ledge".)
OTHER_ENTITY_LABELS = frozenset({"NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"})


def name_word(token: Token, honorifics: frozenset[str], stopwords: frozenset[str] = frozenset()) -> bool:
    """A word of a local name: capitalised, and not a function word, a month or day, a
    title or a preposition written with a capital in a heading ("On Cooleman Ridge",
    "December Cooleman Trig", "Mr Hill", "Above Chauvel Circle")."""
    text = token.text
    return (
        text[:1].isupper()
        and any(ch.isalpha() for ch in text)
        and token.lower_ not in _DETERMINERS
        and token.lower_ not in _CALENDAR_WORDS
        and token.lower_ not in stopwords
        and token.pos_ not in _FUNCTION_TAGS
        and text not in honorifics
    )


def name_start(
    doc: Doc,
    end: int,
    honorifics: frozenset[str],
    words: LocalWords,
    *,
    max_words: int = MAX_NAME_WORDS,
    possessive: bool = False,
) -> int | None:
    """First token of the run of name words that ends right before token ``end`` (at most
    ``max_words``, words joined by a hyphen counting as one: "Nord-Ouest"; with
    ``possessive``, a word glued to its "'s" too: "Carter's Trail"); None if none."""
    first, count = end, 0
    while first > 0 and count < max_words:
        prev = doc[first - 1]
        if (
            prev.text == "-"
            and first < end
            and first >= 2
            and not prev.whitespace_
            and not doc[first - 2].whitespace_
            and name_word(doc[first - 2], honorifics, words.stopwords)
        ):
            first -= 1  # the hyphen; the word before it is taken next
            count -= 1
        elif (
            possessive
            and prev.text in _POSSESSIVES
            and first >= 2
            and not doc[first - 2].whitespace_
            and name_word(doc[first - 2], honorifics, words.stopwords)
        ):
            first -= 1  # the "'s"; the word before it is taken next, as a word of the name
        elif first < end and _particle_before(doc, first, honorifics, words.stopwords):
            first -= 3  # "-e-" of "Sar-e-Pul": the word before it is taken next
            count -= 1
        elif not name_word(prev, honorifics, words.stopwords):
            break
        first -= 1
        count += 1
        if doc[first].is_sent_start:
            break
    return first if count > 0 else None


def _particle_before(doc: Doc, first: int, honorifics: frozenset[str], stopwords: frozenset[str]) -> bool:
    """A particle in lower case glued by hyphens between name words ends before token ``first``:
    "Sar-e-Pul", "Bahr-el-Ghazal" (a word of three letters at most)."""
    if first < 4:
        return False
    hyphen, particle, other, word = doc[first - 1], doc[first - 2], doc[first - 3], doc[first - 4]
    return (
        hyphen.text == "-"
        and other.text == "-"
        and particle.is_alpha
        and particle.is_lower
        and len(particle) <= 3
        and not (hyphen.whitespace_ or particle.whitespace_ or other.whitespace_ or word.whitespace_)
        and name_word(word, honorifics, stopwords)
    )


def _modifier_name(name: str, feature: str, gazetteer: Gazetteer) -> bool:
    """Before a feature word in lower case: an acronym ("the ACT reserve") or, with the
    feature word, a name the gazetteer knows written in capitals ("Solomon Islands")."""
    return name.isupper() or f"{name} {feature.capitalize()}" in gazetteer.fixed


def local_candidates(
    doc: Doc,
    gazetteer: Gazetteer,
    taken: Sequence[tuple[int, int]],
    words: LocalWords | None = None,
    org_heads: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Local place names of a Doc outside the character spans ``taken`` (places already
    found, organisation and person mentions), with no country yet. ``org_heads`` (lower
    case) end organisations' names: "Mount Stromlo Observatory" is a body, not a hill."""
    words = words or local_words()
    honorifics, stopwords = gazetteer.honorifics, words.stopwords
    found: list[tuple[int, int]] = []
    n = len(doc)
    texts = [t.text for t in doc]
    venues = {
        venue
        for i, text in enumerate(texts)
        if text in words.venue_suffixes and (venue := _venue(doc, i, words, gazetteer)) is not None
    }
    found += venues
    for i, text in enumerate(texts):
        if text not in words.suffixes and text not in words.prefixes and not _street_form(text, words):
            continue
        token = doc[i]
        if token.text in words.suffixes and i > 0:
            first = name_start(doc, i, honorifics, words, possessive=True)
            if first is None:
                continue
            first = after_place_possessive(doc, first, i, gazetteer)
            if first == i:
                continue  # "Hobart's Track": no name of its own after the town's
            if i + 1 < n and doc[i + 1].text[:1].isupper() and not doc[i + 1].is_sent_start:
                continue  # the name goes on: "Weston Park Primary School"
            if world_place(doc[first:i].text, gazetteer):
                continue  # "Pacific Island countries": the region, the feature a modifier
            if text.islower() and (
                _modifier_name(doc[first:i].text, text, gazetteer) or texts[i - 1] in words.suffixes
            ):
                continue  # "the ACT reserve", "the Solomon islands", "the Kathner St dam":
                # not a feature's own name (the street is the place)
            found.append((first, i + 1))
        elif token.text in words.prefixes and i + 1 < n and name_word(doc[i + 1], honorifics, stopwords):
            last = i + 1
            while last + 1 < n and name_word(doc[last + 1], honorifics, stopwords):
                if doc[last + 1].is_sent_start:
                    break
                last += 1
            if last - i >= MAX_NAME_WORDS or any(t.lower_ in org_heads for t in doc[i + 1 : last + 1]):
                continue  # "Lake Victoria Basin Commission", "Mount Stromlo Observatory"
            found.append((i, last + 1))
        elif _street_word(doc, i, words, gazetteer):
            found.append((i, i + 1))
    if words.lead_words or words.common_venues:
        found += lead_word_names(doc, texts, words, gazetteer)
    candidates = []
    for first, end in _longest_first(found):
        span = doc[first:end]
        start_char, end_char = span.start_char, span.end_char
        # A building is a place where a body of the same name is mentioned too.
        if any(
            a < end_char
            and start_char < b
            and not ((first, end) in venues and (a, b) == (start_char, end_char))
            for a, b in taken
        ):
            continue
        if first > 0 and doc[first - 1].text in honorifics:
            continue
        if any(t.ent_type_ in OTHER_ENTITY_LABELS for t in span):
            continue
        if _person_named(doc, first, end):
            continue  # "Mary Field; Pinkie Hamilton": a person whose surname is a feature word
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
                in_bulletin_country=True,
            )
        )
    return candidates


def _person_named(doc: Doc, first: int, end: int) -> bool:
    """Tokens ``first``..``end`` are all in a name the model calls a person, listed next to
    another person's name ("Paula Burns; Mary Field; Pinkie Hamilton"): a surname that is a
    feature word, no place ("Lydiard Street and Sturt St", listed with a street, is one)."""
    if not all(t.ent_type_ == "PERSON" for t in doc[first:end]):
        return False
    before = first - 2 if first >= 2 and doc[first - 1].lower_ in _PERSON_LIST_LINKS else None
    after = end + 1 if end + 1 < len(doc) and doc[end].lower_ in _PERSON_LIST_LINKS else None
    return any(k is not None and doc[k].ent_type_ == "PERSON" for k in (before, after))


_PERSON_LIST_LINKS = frozenset({",", ";", "and", "&"})


def _venue(doc: Doc, i: int, words: LocalWords, gazetteer: Gazetteer) -> tuple[int, int] | None:
    """Token span of a building's name ending in the venue word at token ``i`` ("at the
    Westwoods Centre", "at St. Luke's Church"): after a word only a place follows (and an
    article), with no complement or bracket after it; None otherwise."""
    first = name_start(doc, i, gazetteer.honorifics, words, possessive=True)
    if first is None:
        return None
    if after_place_possessive(doc, first, i, gazetteer) != first:
        return None  # "at Hobart's Town Hall": the town's building, named by its town
    after = doc[i + 1] if i + 1 < len(doc) else None
    if after is not None and (
        after.lower_ in words.venue_blockers or (after.text[:1].isupper() and not after.is_sent_start)
    ):
        return None
    k = first - 1
    if k >= 0 and doc[k].lower_ in words.locative_articles:
        k -= 1
    if k < 0 or doc[k].lower_ not in words.venue_locatives:
        return None
    return first, i + 1


def after_place_possessive(doc: Doc, first: int, end: int, gazetteer: Gazetteer) -> int:
    """Where a local name from token ``first`` to ``end`` starts once a place's possessive
    is left out ("Canberra's Molonglo River" is the Molonglo River); a person's stays
    ("Carter's Trail")."""
    for k in range(end - 1, first, -1):
        if doc[k].text in _POSSESSIVES and _gazetteer_place(doc[first:k].text, gazetteer):
            return k + 1
    return first


def lead_word_names(
    doc: Doc, texts: Sequence[str], words: LocalWords, gazetteer: Gazetteer
) -> list[tuple[int, int]]:
    """Token spans of streets and venues named after a lead word ("rue des Écoles", "place de
    la Mairie", "rue du 8 mai", "hôtel Sully") and of the common venues ("salle des fêtes")."""
    found = []
    lower = [t.lower() for t in texts]
    for i in [i for i, w in enumerate(lower) if w in words.lead_words]:
        if i > 0 and lower[i - 1] in words.lead_blockers:
            continue
        if _inside_longer_name(doc, i, words) or (i > 0 and doc[i - 1].like_num):
            continue  # "deux jardins du Nord": a count of common nouns, not one place's name
        j = i + 1
        while j < len(doc) and doc[j].is_space:
            j += 1  # "Grottes  de la ...": a doubled space
        link = next(
            (
                len(lk)
                for lk in words.place_noun_links
                if tuple(w.replace("’", "'") for w in lower[j : j + len(lk)]) == lk
            ),
            0,
        )
        # Streets are named after people as often as not ("avenue Jean Jaurès"): the model's
        # person label inside the name is no evidence against it.
        end = _street_name_end(doc, j + link, words, gazetteer.honorifics)
        if end is not None:
            found.append((i, _particle_name_end(doc, end, words, gazetteer)))
    for i, word in enumerate(lower):
        for venue in words.common_venues:
            if word == venue[0] and tuple(lower[i : i + len(venue)]) == venue:
                found.append((i, i + len(venue)))
    return found


def _particle_name_end(doc: Doc, end: int, words: LocalWords, gazetteer: Gazetteer) -> int:
    """Where a name that ends before token ``end`` ends once a surname's particle and the
    capitalised word after it are taken ("jardin Van de Velde", "rue Jean de La Fontaine");
    not a town after it ("rue Pasteur de Lyon" is the street of a town)."""
    while (
        end + 1 < len(doc)
        and (doc[end].lower_,) in words.place_noun_links
        and doc[end].text.islower()
        and doc[end + 1].text[:1].isupper()
        and doc[end + 1].is_alpha
        and not doc[end + 1].is_sent_start
        and doc[end + 1].text not in gazetteer.fixed
        and doc[end + 1].text not in gazetteer.cities
        and (after := _street_name_end(doc, end + 1, words, gazetteer.honorifics)) is not None
    ):
        end = after
    return end


def _inside_longer_name(doc: Doc, i: int, words: LocalWords) -> bool:
    """The lead word at token ``i`` written with a capital inside a longer capitalised name,
    after a capitalised word and perhaps a link ("Amis des Jardins du Lac", "Parcs et
    Jardins"): a body's name, not a place."""
    if not doc[i].text[:1].isupper() or doc[i].is_sent_start:
        return False
    k = i - 1
    if k > 0 and (doc[k].lower_ in words.list_links or (doc[k].lower_,) in words.place_noun_links):
        k -= 1
    return (
        k >= 0
        and doc[k].text[:1].isupper()
        and doc[k].is_alpha
        and not doc[k].is_sent_start  # "Départ du Moulin ...": a sentence's first word
        and not (k > 0 and "\n" in doc[k - 1].text + doc[k - 1].whitespace_)
        and "\n" not in doc[k].whitespace_
    )


def _street_name_end(doc: Doc, k: int, words: LocalWords, honorifics: frozenset[str]) -> int | None:
    """End of the name of a street from token ``k``: capitalised words ("Victor Hugo"), or
    a day and a month and perhaps a year ("8 mai", "14 juillet 1789"); None if none."""
    n = len(doc)
    if k + 1 < n and doc[k].like_num and doc[k].text.isdigit() and 1 <= int(doc[k].text) <= 31:
        if doc[k + 1].is_alpha and doc[k + 1].is_lower:
            year = k + 2 < n and doc[k + 2].text.isdigit() and len(doc[k + 2].text) == 4
            return k + 3 if year else k + 2
        return None
    end = k
    while end < n and end - k < MAX_NAME_WORDS and name_word(doc[end], honorifics, words.stopwords):
        # a town's hyphened name after the street's own ("chemin Principal Cap-aux-Meules")
        if end > k and (doc[end].is_sent_start or _hyphened_town(doc[end].text, words)):
            break
        end += 1
    return end if end > k else None


def _hyphened_town(text: str, words: LocalWords) -> bool:
    """A word of hyphened parts with a link word between two ("Cap-aux-Meules")."""
    parts = text.lower().replace("’", "'").split("-")
    return len(parts) > 2 and any(p in words.compound_links for p in parts[1:-1])


def postcode_towns(doc: Doc, gazetteer: Gazetteer, words: LocalWords | None = None) -> list[Candidate]:
    """The town of an address: a line opening with a postcode and ending with a capitalised
    name ("53113 Bonn", "41100 VENDÔME"); the gazetteer's town of that name, else a town in
    the bulletin's country."""
    words = words or local_words()
    out: list[Candidate] = []
    n = len(doc)
    for token in doc:
        i = token.i
        if len(token.text) not in words.postcode_digits or not token.text.isdigit():
            continue
        if not _address_start(doc, i, words):
            continue
        end = i + 1
        while end < n and end - i <= MAX_AREA_WORDS and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
        if end == i + 1 or (end < n and "\n" not in doc[end].text and doc[end].text != ","):
            continue
        if "\n" in doc[i + 1 : end - 1].text_with_ws:
            continue
        span = doc[i + 1 : end]
        known = gazetteer.folded.get(span.text.casefold())
        # A count before a word in a table ("15000 Households") is no address: the town is
        # written in capitals, as the post writes it, or is a town of the gazetteer or the model's.
        if not (
            span.text.isupper() or known in gazetteer.cities or all(t.ent_type_ in _TOWN_LABELS for t in span)
        ):
            continue
        match = PlaceMatch(span.text, span.text, "city", None)
        if known is not None and known in gazetteer.cities:
            match = replace(city_match(span.text, gazetteer.cities[known][0]), name=known)
        sent_start, sent_end = parser_sentence_bounds(doc, span.start)
        out.append(
            Candidate(
                span.start_char,
                span.end_char,
                span.text,
                match,
                accepted=True,
                evidence="postcode town",
                sentence_start=sent_start,
                sentence_end=sent_end,
                gazetteer_city=match.country_code is not None,
                in_bulletin_country=match.country_code is None,
            )
        )
    return out


# Tokens back from a postcode to the street word of its address on the same line.
_MAX_ADDRESS_TOKENS = 8


def _address_start(doc: Doc, i: int, words: LocalWords) -> bool:
    """The postcode at token ``i`` opens a line, or follows its street's name on the line
    ("12, rue des Lilas 26000 VALENCE", "4 Kerkstraat, 9000 Gent")."""
    j = i - 1
    while j >= 0 and i - j <= _MAX_ADDRESS_TOKENS:
        token = doc[j]
        if "\n" in token.text or "\n" in token.whitespace_:
            return j == i - 1
        if token.lower_ in words.lead_words or token.text in words.suffixes:
            return True
        if _street_form(token.text, words):
            return True
        j -= 1
    return j < 0 and i == 0


def world_place(name: str, gazetteer: Gazetteer) -> bool:
    """A country or a region of the world: "Pacific", "Africa", "Kenya"."""
    match = gazetteer.fixed.get(name)
    return match is not None and (match.kind == "country" or match.country_code is None)


def _gazetteer_place(name: str, gazetteer: Gazetteer) -> bool:
    """A country, region or subdivision of the gazetteer, or a town big enough to be named
    without a country ("Canberra", "Ohio"); a small town's name is as often a surname
    ("Granger")."""
    if name in gazetteer.fixed or name in gazetteer.area_countries:
        return True
    towns = gazetteer.cities.get(name, ())
    return bool(towns) and towns[0].population >= gazetteer.min_population_by_context


def _street_form(text: str, words: LocalWords) -> bool:
    """A capitalised word with a street ending and more before it: "Laarbeeklaan", not "Laan"."""
    if len(text) < 6 or not text[:1].isupper() or not text.isalpha():
        return False
    lower = text.lower()
    return any(lower.endswith(e) and len(lower) >= len(e) + 2 for e in words.street_endings)


def _street_word(doc: Doc, i: int, words: LocalWords, gazetteer: Gazetteer) -> bool:
    """A street written as one word ("Laarbeeklaan 103", "in Hauptstrasse"): a capitalised
    word with a street ending, and a house number after it or a locative word before it."""
    if not _street_form(doc[i].text, words):
        return False
    if i + 1 < len(doc) and doc[i + 1].like_num:
        return True
    return i > 0 and doc[i - 1].lower_ in gazetteer.locative_words


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
    texts = [t.text for t in doc]
    for i in [i for i, text in enumerate(texts) if i > 0 and text in gazetteer.subdivision_codes]:
        token = doc[i]
        match = gazetteer.subdivision_codes[token.text]
        if not token.text.isupper() or len(token.text) < words.code_min_letters:
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


def context_country(candidates: Iterable[Candidate], prefer: str | None = None) -> str | None:
    """The country a bulletin's places point to: the one most of its located places are in;
    among countries named as often, ``prefer`` (the one of its currency or telephone
    numbers), else the first named."""
    counts = Counter(
        c.match.country_code
        for c in candidates
        if c.accepted and c.match.kind != LOCAL_KIND and not c.in_bulletin_country and c.match.country_code
    )
    if not counts:
        return None
    top = counts.most_common(1)[0]
    return prefer if prefer is not None and counts[prefer] == top[1] else top[0]


def body_name_country(candidates: Iterable[Candidate]) -> str | None:
    """Weak evidence of a bulletin's country, for one that names none and counts in no
    currency of one country: the towns that open its bodies' names ("Whangarei Heads
    School"), not a town inside one ("Westbrook Tyre Services")."""
    counts = Counter(
        c.match.country_code for c in candidates if c.evidence == OPENS_A_NAME and c.match.country_code
    )
    return counts.most_common(1)[0][0] if counts else None
