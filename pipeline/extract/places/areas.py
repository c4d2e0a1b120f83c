"""Administrative areas and camps: "Unity State", "Saptari district", "Kakuma refugee camp".

No gazetteer lists every district, county or camp, but their form says what they are: a
capitalised name before an area word or a camp head (``area_words``, ``camp_heads`` in
``data/places.yaml``). The name locates the area when it is a town of the gazetteer or an
ISO 3166-2 subdivision of one country ("Kisumu East district" is in Kenya); otherwise the
area is in the bulletin's country. A name that goes on past the area word ("Kisumu County
Government") or that the words say is no place ("Member State", "School District") is not
an area; words that also end the names of offices ("Finance Department", "Africa Region")
need the name to be a place of the gazetteer, the subdivisions or the model.

A town written right before an area and a comma is in that area: "Bentiu, Unity State".
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Span, Token

from pipeline.core.ids import normalise_name
from pipeline.extract.places.candidates import PLACE_LABELS, Candidate, hyphen_joins, leading_word
from pipeline.extract.places.local import LOCAL_KIND, OTHER_ENTITY_LABELS, name_start, world_place
from pipeline.extract.reference.gazetteer import Gazetteer, PlaceMatch
from pipeline.extract.reference.place_names import LocalWords, is_demonym, local_words
from pipeline.extract.sentences import parser_sentence_bounds

AREA_KIND = "region"
# The evidence of a subdivision written alone: a place only in the bulletin's country.
SUBDIVISION = "subdivision"
# Words of an area's name before its area word ("Northern Bahr el Ghazal" is written with
# its lower-case particles and is found by the gazetteer's subdivisions instead).
MAX_AREA_NAME_WORDS = 3
# Words that link the names of a list, and the most tokens between two listed subdivisions.
_LIST_LINKS = frozenset({"and", "or", "&", "et", "ou"})
_MAX_LIST_GAP = 3
# The model's labels of a name that is no town though it is listed with one ("Jean Dupont,
# Paul Martin et Kribi"): English and French labels.
_LISTED_NOT_TOWN_LABELS = frozenset({"PERSON", "PER", "ORG"})


def area_candidates(
    doc: Doc,
    gazetteer: Gazetteer,
    taken: Sequence[tuple[int, int]] = (),
    words: LocalWords | None = None,
) -> list[Candidate]:
    """Administrative areas, camps and the towns named before an area in a Doc, outside the
    character spans ``taken`` unless one of them is exactly the area (an organisation's
    mention of "Unity State" does not make it a body)."""
    words = words or local_words()
    texts = [t.text for t in doc]
    out = _named_after_kind(doc, texts, gazetteer, words) + _listed_areas(doc, texts, gazetteer, words, taken)
    triggers = words.camp_heads | words.area_words | words.supported_area_words
    for i in [i for i, text in enumerate(texts) if text in triggers]:
        token = doc[i]
        camp = token.text in words.camp_heads
        if i + 1 < len(doc) and _capitalised(doc[i + 1]) and not doc[i + 1].is_sent_start:
            continue  # the name goes on: "Kisumu County Government", "Zaatari Camp Committee"
        end = _before_prefix(doc, i)
        while camp and end > 0 and doc[end - 1].text in words.camp_kinds:
            end -= 1
        has_kind = end < i
        first = name_start(doc, end, gazetteer.honorifics, words, max_words=MAX_AREA_NAME_WORDS)
        if first is None:
            continue
        name = doc[first:end]
        span = doc[first : i + 1]
        if _not_an_area_name(name, words):
            continue
        if _covered(span.start_char, span.end_char, taken) or _inside_model_org(doc, first, i):
            continue
        if world_place(name.text, gazetteer):
            continue  # "Asia-Pacific region", "Kenya Region": the gazetteer's place
        country, known, firm = area_country(name.text, gazetteer)
        supported = known or any(t.ent_type_ in PLACE_LABELS for t in name)
        if camp and token.text[:1].isupper() and not (supported or has_kind):
            continue  # "Summer Camp", "Science Camp": an event
        if token.text in words.supported_area_words and not supported:
            continue
        kind = LOCAL_KIND if camp else AREA_KIND
        match = PlaceMatch(span.text, span.text, kind, country)
        out.append(_area(doc, span, match, "camp" if camp else "area", firm=firm))
        if not camp:
            out += _towns_before(doc, first, gazetteer, words, country, firm)
    return out


def _before_prefix(doc: Doc, i: int) -> int:
    """Where the name ends before area word ``i``: before a prefix glued to it by a hyphen
    ("Ndhiwa sub-county", "Kalehe Sub-Prefecture"), else right before it."""
    glued = i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_
    return i - 2 if glued and doc[i - 2].is_alpha and len(doc[i - 2]) <= 5 else i


def _not_an_area_name(name: Span, words: LocalWords) -> bool:
    """ "Member", "School", "Kenyan", "Islamic": words that make a name before an area word
    no area. (The model's labels are not trusted here: it calls "Migori" a product and
    "Ituri" a nationality.)"""
    return any(t.lower_ in words.area_exclusions for t in name) or (len(name) == 1 and is_demonym(name.text))


def _listed_areas(
    doc: Doc, texts: Sequence[str], gazetteer: Gazetteer, words: LocalWords, taken: Sequence[tuple[int, int]]
) -> list[Candidate]:
    """ "Saptari and Siraha districts": each name of a list before a plural area word."""
    out = []
    plurals = words.area_plurals | words.supported_area_plurals
    for i in [i for i, text in enumerate(texts) if text in plurals]:
        token = doc[i]
        if i + 1 < len(doc) and _capitalised(doc[i + 1]) and not doc[i + 1].is_sent_start:
            continue
        names: list[Span] = []
        end = i
        while (
            first := name_start(doc, end, gazetteer.honorifics, words, max_words=MAX_AREA_NAME_WORDS)
        ) is not None:
            names.append(doc[first:end])
            end = first
            while end > 0 and (doc[end - 1].text == "," or doc[end - 1].lower_ in {"and", "&"}):
                end -= 1
            if end == first:
                break
        if len(names) < 2:
            continue
        for name in names:
            if _not_an_area_name(name, words):
                continue
            if _covered(name.start_char, name.end_char, taken) or world_place(name.text, gazetteer):
                continue
            country, known, firm = area_country(name.text, gazetteer)
            supported = known or any(t.ent_type_ in PLACE_LABELS for t in name)
            if token.text in words.supported_area_plurals and not supported:
                continue
            match = PlaceMatch(name.text, name.text, AREA_KIND, country)
            out.append(_area(doc, name, match, "listed area", firm=firm))
    return out


def _area(
    doc: Doc, span: Span, match: PlaceMatch, evidence: str, *, accepted: bool = True, firm: bool = False
) -> Candidate:
    sent_start, sent_end = parser_sentence_bounds(doc, span.start)
    return Candidate(
        span.start_char,
        span.end_char,
        span.text,
        match,
        accepted=accepted,
        evidence=evidence,
        sentence_start=sent_start,
        sentence_end=sent_end,
        in_bulletin_country=not firm,
    )


def subdivision_names(doc: Doc, gazetteer: Gazetteer, words: LocalWords | None = None) -> list[Candidate]:
    """ISO 3166-2 subdivisions written alone after a word only a place follows or tagged a
    place by the model ("fighting in Jonglei"): not accepted here, a place only when the
    bulletin's country has one of that name (``bulletin.py``)."""
    words = words or local_words()
    # A token's first word ("Sud" of "Sud-Kivu", which the French model keeps one token), as
    # the names are keyed; a word in capitals ("NORD-KIVU" in a heading) as the name writes it.
    keys = [_area_word(t.text) for t in doc]
    if not any(k in gazetteer.area_by_first_word for k in keys):
        return []
    # Each token's end offset -> its index, from the doc's arrays (not a Python pass over its tokens).
    bounds = doc.to_array([IDX, LENGTH])
    ends = dict(zip((bounds[:, 0] + bounds[:, 1]).tolist(), range(len(doc)), strict=True))
    out: list[Candidate] = []
    i, previous = 0, -1
    while i < len(doc):
        if keys[i] not in gazetteer.area_by_first_word:
            i += 1
            continue
        token = doc[i]
        hit = next(
            (
                n
                for n in gazetteer.area_by_first_word.get(keys[i] or "", ())
                if token.idx + len(n) in ends and _written_as(doc[i : ends[token.idx + len(n)] + 1].text, n)
            ),
            None,
        )
        if hit is None:
            i += 1
            continue
        last = ends[token.idx + len(hit)]
        span = doc[i : last + 1]
        after = doc[last + 1] if last + 1 < len(doc) else None
        complete = after is None or not (
            _capitalised(after)
            and not after.is_sent_start
            and not (span.text.isupper() and after.lower_ in words.stopwords | _LIST_LINKS)
        )
        evidence = (
            _after_place_word(doc, i, gazetteer, words)
            or all(t.ent_type_ in PLACE_LABELS for t in span)
            or _listed_after(doc, i, previous)
        )
        if complete and evidence and not world_place(hit, gazetteer):
            out.append(
                _area(
                    doc, span, PlaceMatch(hit, hit, AREA_KIND, None), SUBDIVISION, accepted=False, firm=True
                )
            )
            previous = last
        i = last + 1
    return out


def _area_word(text: str) -> str | None:
    """The key of ``Gazetteer.area_by_first_word`` a token's text may open a name under:
    its first word, capitalised when the token is in capitals (4 letters or more)."""
    word = leading_word(text)
    if word is not None and len(text) >= 4 and text.isupper():
        return word.capitalize()
    return word


def _written_as(text: str, name: str) -> bool:
    """The text is the name, or the name in capitals (4 letters or more): "NORD-KIVU"."""
    return text == name or (len(text) >= 4 and text.isupper() and text == name.upper())


def _after_place_word(doc: Doc, i: int, gazetteer: Gazetteer, words: LocalWords) -> bool:
    """Token ``i`` follows a word only a place follows ("in Jonglei", "à Mopti"), an area's
    locative ("au Sud-Kivu", "en Ituri"), or one of them and an article ("dans le Haut-Uele",
    "in the Ouaka")."""
    j = _word_before(doc, i)
    if j is not None and doc[j].lower_.replace("\u2019", "'") in words.locative_articles:
        j = _word_before(doc, j)
    return j is not None and (
        doc[j].lower_ in gazetteer.small_town_locative_words or doc[j].lower_ in words.area_locatives
    )


def _word_before(doc: Doc, i: int) -> int | None:
    """The index of the token before token ``i`` that is not white space (a wrapped line)."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return j if j >= 0 else None


def _listed_after(doc: Doc, i: int, previous: int) -> bool:
    """Token ``i`` closes or continues a list that a subdivision found at token ``previous``
    opens: "Penama, Tafea and Malampa" (one other name at most between them)."""
    between = doc[previous + 1 : i]
    if previous < 0 or not 0 < len(between) <= _MAX_LIST_GAP:
        return False
    return (between[-1].text == "," or between[-1].lower_ in _LIST_LINKS) and all(
        t.text == "," or t.lower_ in _LIST_LINKS or _capitalised(t) for t in between
    )


def area_key(cand: Candidate, gazetteer: Gazetteer, words: LocalWords) -> str | None:
    """ "Tafea Province" and "Tafea": one place in a bulletin, when the name before the area
    word is an ISO 3166-2 subdivision; None for other names."""
    if cand.match.kind != AREA_KIND:
        return None
    name = cand.text.rsplit(" ", 1)
    if len(name) < 2 or name[1] not in words.area_words or name[0] not in gazetteer.area_countries:
        return None
    return normalise_name(name[0])


def _named_after_kind(
    doc: Doc, texts: Sequence[str], gazetteer: Gazetteer, words: LocalWords
) -> list[Candidate]:
    """ "the suburb of Fraser", "the town of Warren", "the Mayor of Sparta": a capitalised name
    after a kind of place or a town's office and "of" is a place, located by its name or else
    in the bulletin's country."""
    out = []
    # The kind in lower case: "City of Cape Town" is often a body, its government.
    nouns = words.place_nouns | words.titled_place_nouns | words.town_offices
    kinds = [i for i in range(len(texts) - 2) if texts[i] in nouns]
    kinds += [k for k in (_kind_phrase_end(texts, i, words) for i in range(len(texts) - 2)) if k is not None]
    for i in sorted(kinds):
        # A wrapped line's break may stand anywhere in the phrase ("la forêt de\nSambissa").
        words_after = [j for j in range(i + 1, min(len(doc), i + 7)) if not doc[j].is_space][:4]
        after = [texts[j].replace("\u2019", "'") for j in words_after]
        link = next((len(lk) for lk in words.place_noun_links if tuple(after[: len(lk)]) == lk), 0)
        if not link or link >= len(words_after):
            continue
        start = end = words_after[link]
        count = link - 1
        while end < len(doc) and count < MAX_AREA_NAME_WORDS and _name_token(doc[end], gazetteer, words):
            if end > start and doc[end].ent_iob_ == "B" and doc[end].ent_type_ == "PERSON":
                break  # the person after the town: "the Mayor of Sparta Jane Carter"
            end += 1
            count += 1
            # "Agnéby-Tiassa" in three tokens: one word of the name
            if hyphen_joins(doc, end) and _capitalised(doc[end + 1]):
                end += 2
        if end == start or (
            end < len(doc)
            and _capitalised(doc[end])
            and doc[end].ent_type_ != "PERSON"
            and doc[end].text not in gazetteer.honorifics  # "de Coutances Monsieur X"
        ):
            continue
        span = doc[start:end]
        if any(t.ent_type_ in OTHER_ENTITY_LABELS for t in span):
            continue
        country, _, firm = area_country(span.text, gazetteer)
        match = PlaceMatch(span.text, span.text, "city", country)
        out.append(_area(doc, span, match, "named after its kind", firm=firm))
        if texts[i] in words.titled_place_nouns:  # "Nwa (Région du Nord-Ouest)"
            out += _towns_before(doc, i, gazetteer, words, country, firm)
    return out


def kind_word_spans(doc: Doc, words: LocalWords) -> list[tuple[int, int]]:
    """Character spans of the kinds of place written with a capital before their link and
    name ("Canton de Kiskra", "Cercle de Bandiagara"): the kind, not a town of the gazetteer that
    has its name ("Canton")."""
    out = []
    for i, token in enumerate(doc[:-2]):
        if token.text not in words.titled_place_nouns:
            continue
        after = tuple(t.text.lower().replace("\u2019", "'") for t in doc[i + 1 : i + 4])
        link = next((len(lk) for lk in words.place_noun_links if after[: len(lk)] == lk), 0)
        if link and i + link + 1 < len(doc) and _capitalised(doc[i + link + 1]):
            out.append((token.idx, token.idx + len(token.text)))
    return out


def _kind_phrase_end(texts: Sequence[str], i: int, words: LocalWords) -> int | None:
    """The last token of a kind of place written in several words that starts at token ``i``
    ("le centre de transit de Gourou", "le site de déplacés de Kalo"), if one does."""
    for phrase in words.place_noun_phrases:
        if texts[i] == phrase[0] and tuple(t.lower() for t in texts[i : i + len(phrase)]) == phrase:
            return i + len(phrase) - 1
    return None


def _name_token(token: Token, gazetteer: Gazetteer, words: LocalWords) -> bool:
    return (
        _capitalised(token) and token.lower_ not in words.stopwords and token.text not in gazetteer.honorifics
    )


def area_country(name: str, gazetteer: Gazetteer) -> tuple[str | None, bool, bool]:
    """(country, known, firm) for an area's name: the country of the gazetteer place or ISO
    subdivision it is or starts with ("Kisumu East" -> KE), when there is only one; whether
    the name is a known place at all; whether that country is firm (a subdivision, a country
    or a big town, not a small town that may share its name with the area: "Ifo")."""
    words = name.split()
    for n in range(len(words), 0, -1):
        head = " ".join(words[:n])
        codes: set[str] = set()
        match = gazetteer.fixed.get(head)
        firm = match is not None and match.kind != "city"
        if match is not None and match.country_code:
            codes.add(match.country_code)
        cities = gazetteer.cities.get(head, ())
        codes.update(c.country_code for c in cities)
        firm = firm or any(c.population >= gazetteer.common_name_max_population for c in cities)
        areas = gazetteer.area_countries.get(head, ())
        codes.update(areas)
        if codes:
            # "Est", "Centre": many countries have an area of that name, not all in ISO 3166-2.
            named = bool(areas) and head not in gazetteer.generic_area_names
            return (codes.pop() if len(codes) == 1 else None), True, firm or named
    return None, False, False


def _towns_before(
    doc: Doc, area_first: int, gazetteer: Gazetteer, words: LocalWords, country: str | None, firm: bool
) -> list[Candidate]:
    """ "Bentiu, Unity State", "Isangel (Tafea Province)", "Nwa (Région du Nord-Ouest)": the
    proper name right before an area and a comma or an opening bracket; before a bracket,
    the names listed with it too ("Bankim, Tibati et Banyo (Région d'Adamaoua)")."""
    comma = area_first - 1
    if comma < 1 or doc[comma].text not in {",", "("}:
        return []
    out: list[Candidate] = []
    end, listed = comma, False
    while (town := _town_ending(doc, end, gazetteer, words, listed=listed)) is not None:
        out.append(
            _area(doc, town, PlaceMatch(town.text, town.text, "city", country), "town of an area", firm=firm)
        )
        if doc[comma].text != "(":
            break
        end = town.start
        if end == 0 or not (doc[end - 1].lower_ in _LIST_LINKS or doc[end - 1].text == ","):
            break
        end -= 1
        listed = True
    return out


def _town_ending(doc: Doc, end: int, gazetteer: Gazetteer, words: LocalWords, *, listed: bool) -> Span | None:
    """The proper name of a town that ends right before token ``end``, if one does: not a
    name the gazetteer fixes elsewhere (a country, a region) nor one the model gives
    another kind of entity (a person or a body either, for a name listed before the town)."""
    first = name_start(doc, end, gazetteer.honorifics, words, max_words=MAX_AREA_NAME_WORDS)
    # The French model tags unknown towns NOUN or VERB as often as PROPN (``town_pos``);
    # a hyphen joins the words of one name ("Mayo-Darlé").
    if first is None or any(t.pos_ not in gazetteer.town_pos and t.text != "-" for t in doc[first:end]):
        return None
    span = doc[first:end]
    if span.text in gazetteer.fixed or any(t.ent_type_ in OTHER_ENTITY_LABELS for t in span):
        return None
    if listed and any(t.ent_type_ in _LISTED_NOT_TOWN_LABELS for t in span):
        return None
    return span


def _capitalised(token: Token) -> bool:
    """A capitalised word, or words joined by hyphens as one token ("Bongor-et-Kim")."""
    text = token.text
    return text[:1].isupper() and (
        token.is_alpha or (text[-1:].isalpha() and text.replace("-", "").isalpha())
    )


def _covered(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Overlapped by a span that is not exactly this one (an organisation named after it)."""
    return any(a < end and start < b and (a, b) != (start, end) for a, b in spans)


def _inside_model_org(doc: Doc, first: int, last: int) -> bool:
    """The model's organisation that goes on past the area: "the Kisumu County Assembly"."""
    for ent in doc.ents:
        if ent.label_ == "ORG" and ent.start <= first and ent.end > last + 1:
            return any(_capitalised(t) for t in doc[last + 1 : ent.end])
    return False
