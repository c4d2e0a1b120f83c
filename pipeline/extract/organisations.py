"""Organisations named in a bulletin: one row per organisation, and every mention of it.

Where organisations come from, most trusted first:
1. acronym definitions ("Long Form (LF)", see ``pipeline.extract.acronyms``) whose long form
   names an organisation, and every later use of the acronym;
2. the reference file (``data/organisations.yaml``): known acronyms and names;
3. name patterns around a head word ("Ministry of ...", "... Secretariat",
   "Government of X", "X's Office");
4. the model's ORG entities, filtered hard: they are noisy (countries, programmes,
   events, roles, Title-Case headings and quoted titles all come out as ORG).

An acronym and its expansion are one organisation; its ``org_id`` is the hash of the
normalised full name, so the same body gets the same id in every bulletin.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import pycountry
from spacy.tokens import Doc

from pipeline.core.ids import normalise_name, stable_id
from pipeline.core.records import Mention, Organisation, Section
from pipeline.extract.acronyms import (
    LINK_WORDS,
    AcronymDefinition,
    acronym_pattern,
    find_definitions_in_text,
    is_acronym_token,
)
from pipeline.extract.context import DocumentContext, Extracted, make_mention
from pipeline.extract.reference.organisations import (
    OrgReference,
    match_key,
)
from pipeline.extract.reference.place_names import (
    is_demonym,
    is_place_name,
    place_words,
)
from pipeline.extract.words import (
    CONNECTORS,
    DETERMINERS,
    POSSESSIVE_MARKS,
    VERB_TAGS,
    Word,
    doc_words,
    is_cap_word,
    lowercase_vocabulary,
    model_place_names,
)

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
# "Commission on Monday", "Council in March": a date follows the name, it is not part of it.
CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.day_name, *calendar.month_name) if w)
# Words that open the complement of a head: "Ministry *of* ...", "Association *for* ...".
COMPLEMENT_WORDS = frozenset({"of", "for", "on"})

_ACRONYM_WORD = re.compile(r"(?<![\w-])[A-Za-z0-9]+(?:[-&][A-Za-z0-9]+)*(?![\w])")
_QUOTED = re.compile(r"\u201c[^\u201d\n]{1,300}\u201d|\"[^\"\n]{1,300}\"")


# --------------------------------------------------------------------------- reference




















# --------------------------------------------------------------------------- places


















# --------------------------------------------------------------------------- words and runs








def title_runs(words: Sequence[Word]) -> list[tuple[int, int]]:
    """Maximal stretches of capitalised words, with connectors and possessives inside."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(words)
    while i < n:
        if not is_cap_word(words[i].text):
            i += 1
            continue
        j = i + 1
        while j < n:
            t = words[j].text
            if is_cap_word(t) or t in POSSESSIVE_MARKS:
                j += 1
                continue
            k = j
            while k < n and words[k].text.lower() in CONNECTORS:
                k += 1
            if k > j and k < n and is_cap_word(words[k].text):
                j = k + 1
                continue
            break
        runs.append((i, j))
        i = j
    return runs


def is_head_word(word: str, heads: frozenset[str]) -> bool:
    """``word`` is one of ``heads``, or its plural ("Governments", "Ministries")."""
    w = word.lower().rstrip("'\u2019")
    if w in heads:
        return True
    if w.endswith("ies") and w[:-3] + "y" in heads:
        return True
    return w.endswith("s") and w[:-1] in heads


def name_head(words: Sequence[str]) -> str:
    """The head word of a name: the last word before "of/for/on/in/at/to", else the last."""
    head = words[-1] if words else ""
    for w in words:
        if w.lower() in {"of", "for", "on", "in", "at", "to"}:
            break
        head = w
    return head.rstrip("'\u2019").lower()


def _is_role_phrase(words: Sequence[str], ref: OrgReference) -> bool:
    if not words:
        return False
    last = words[-1]
    if last in ref.role_acronyms or last.lower() in ref.role_words:
        return True
    return len(words) > 1 and f"{words[-2]} {last}".lower() in ref.role_words


def topic_of_event(words: Sequence[Word], left: int, ref: OrgReference) -> bool:
    """Whether the name starting at ``left`` is the topic of an event or a work.

    "World Summit on the [Information Society]", "Survey on the [Public Service]".
    """
    k = left - 1
    if k >= 0 and words[k].text.lower() == "the":
        k -= 1
    if k < 1 or words[k].text.lower() != "on":
        return False
    head = words[k - 1].text.lower()
    return head in ref.event_words or head in ref.non_org_words


def _possessor_included(words: Sequence[str], ref: OrgReference) -> bool:
    """ "Prime Minister's Office", "Women's Network" keep the possessor; "Korea's Ministry" does not."""
    text = " ".join(words)
    if _is_role_phrase(words, ref):
        return True
    if is_place_name(text) or any(is_demonym(w) for w in words):
        return False
    if any(is_acronym_token(w) for w in words) or ref.lookup_name(text):
        return False
    # "the Ministry's Department of ...": a word referring back to another body.
    return not all(is_head_word(w, ref.head_words) for w in words)


def _complement_end(words: Sequence[Word], k: int, end: int, place_head: bool, ref: OrgReference) -> int:
    """End (exclusive) of "of the Government of Dubai" after a head at ``k``; ``k + 1`` if none."""
    j = k + 1
    if j >= end or words[j].text.lower() not in COMPLEMENT_WORDS:
        return k + 1
    last = k + 1
    i = j
    while i < end:
        t = words[i].text
        low = t.lower()
        if low in {"and", "&"}:
            if not _and_continues(words, i, end, place_head, ref):
                break
        elif (
            place_head
            and low == "of"
            and i > j
            and words[i - 1].text.lower() not in {"republic", "kingdom", "state", "states"}
        ):
            break
        if low in CALENDAR_WORDS or t in POSSESSIVE_MARKS:
            break  # "... of the Ministry's Department": a possessive starts another name
        if is_cap_word(t):
            last = i + 1
        elif low not in CONNECTORS:
            break
        i += 1
    # "Permanent Missions on the E-Government Survey": the complement names a work.
    if words[last - 1].text.lower() in ref.non_org_words:
        return k + 1
    return last


def _and_continues(words: Sequence[Word], i: int, end: int, place_head: bool, ref: OrgReference) -> bool:
    """Whether "and" at ``i`` joins two parts of one name ("Public Administration and Security")."""
    tail: list[str] = []
    m = i + 1
    if m < end and words[m].text.lower() == "the":
        m += 1
    while m < end and words[m].text.lower() not in CONNECTORS:
        tail.append(words[m].text)
        m += 1
    if not tail:
        return False
    previous = words[i - 1].text
    # "for Asia and the Pacific", "of Trinidad and Tobago": one place name.
    if is_place_name(" ".join(tail)) and (is_place_name(previous) or previous.lower() in place_words()):
        return True
    if place_head or words[i + 1].text.lower() == "the":
        return False
    # "... and European Commission", "... and Chair of the jury": something else starts.
    return not any(is_head_word(w, ref.head_words) for w in tail) and not _is_role_phrase(tail[:1], ref)


def head_candidates(words: Sequence[Word], run: tuple[int, int], ref: OrgReference) -> list[tuple[int, int]]:
    """Organisation names inside a run of capitalised words, found from their head words."""
    start, end = run
    found: list[tuple[int, int]] = []
    for k in range(start, end):
        low = words[k].text.lower()
        place_head = low in ref.place_heads
        if low not in ref.head_words and not place_head:
            continue
        # A head ends its name: "Network Report" is a report, "Government Summit" a summit.
        nxt = words[k + 1].text if k + 1 < end else None
        if nxt is not None and nxt.lower() not in CONNECTORS and nxt not in POSSESSIVE_MARKS:
            continue
        left = k
        while left > start and is_cap_word(words[left - 1].text):
            # "Director General Organisation for ..." (a signature): the title is not the name.
            if _is_role_phrase([w.text for w in words[max(start, left - 2) : left]], ref):
                break
            left -= 1
        if left > start + 1 and words[left - 1].text in POSSESSIVE_MARKS:
            p = left - 1
            while p > start and is_cap_word(words[p - 1].text):
                p -= 1
            possessor = [w.text for w in words[p : left - 1]]
            if possessor and _possessor_included(possessor, ref):
                left = p
        if topic_of_event(words, left, ref):
            continue
        right = _complement_end(words, k, end, place_head, ref)
        if left == k and right == k + 1:
            continue  # a bare head ("the Division") refers back, it is not a name
        if low not in ref.head_words and right == k + 1:
            continue  # "City" names an organisation only as "City of X"
        found.append((left, right))
    # Keep the longest names: "Office of the Government of Dubai" over "Government of Dubai".
    found.sort(key=lambda s: (s[0] - s[1], s[0]))
    kept: list[tuple[int, int]] = []
    for s in found:
        if not any(k[0] <= s[0] and s[1] <= k[1] for k in kept):
            kept.append(s)
    return sorted(kept)


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted titles and themes."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]






# --------------------------------------------------------------------------- classification


def long_form_kind(long: str, ref: OrgReference) -> str:
    """What a name is: "org", "event", "other" (a work, a place, a common noun) or "unknown"."""
    if ref.lookup_name(long):
        return "org"
    words = [w for w in long.replace("\u2019", "'").split() if w]
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
    if _is_role_phrase(words, ref):
        return "other"
    return "unknown"


@dataclass(frozen=True)
class _Definitions:
    """The bulletin's acronym definitions, split by what the long form names."""

    org: Mapping[str, str]  # short -> long form, for organisations
    other: frozenset[str]  # short forms of events, places, works, ...
    other_longs: frozenset[str]  # match keys of those long forms
    long_to_short: Mapping[str, str]  # match key of an org long form -> short


def classify_definitions(
    definitions: Sequence[tuple[int, AcronymDefinition]], docs: Sequence[Doc], ref: OrgReference
) -> _Definitions:
    org: dict[str, str] = {}
    other: set[str] = set()
    other_longs: set[str] = set()
    for i, d in definitions:
        if d.short in org or d.short in other:
            continue
        kind = long_form_kind(d.long, ref)
        known = ref.lookup_acronym(d.short)
        parts = re.split(r"[/&]", d.short)
        if any(_listed_non_org(p, ref) for p in parts):
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
            org[d.short] = d.long
        else:
            other.update({d.short, *parts})  # "(DF/DHF)" defines "DF" and "DHF" too
            other_longs.add(match_key(d.long))
    return _Definitions(
        org=MappingProxyType(org),
        other=frozenset(other),
        other_longs=frozenset(other_longs),
        long_to_short=MappingProxyType({match_key(v): k for k, v in org.items()}),
    )


def canonical(
    defs: _Definitions, ref: OrgReference, name: str | None = None, acronym: str | None = None
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


# --------------------------------------------------------------------------- candidates


@dataclass(frozen=True)
class _Candidate:
    start: int  # offsets in the section text
    end: int
    name: str | None
    acronym: str | None
    source: str  # definition, reference, pattern, acronym, model
    in_heading: bool


def _strip_name(text: str) -> tuple[int, int]:
    """Offsets of a model entity's text without "the", a possessive or a dangling bracket."""
    start, end = 0, len(text)
    m = re.match(r"(?:the|The|THE)\s+", text)
    if m:
        start = m.end()
    cut = text.find("(", start)
    if cut > start:
        end = cut
    while end > start and text[end - 1] in " ,;:.\u201d\"'":
        end -= 1
    # Trailing lower-case words the model sometimes takes along ("... PARTNERSHIP the").
    while (m := re.search(r"\s+(\S+)$", text[start:end])) and m.group(1).lower() in CONNECTORS:
        end = start + m.start()
    for mark in ("'s", "\u2019s"):
        if text[start:end].endswith(mark):
            end -= len(mark)
    return start, end


def _inside(ranges: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def _model_org_ok(
    doc: Doc,
    doc_text: str,
    words: Sequence[Word],
    start: int,
    end: int,
    ref: OrgReference,
    defs: _Definitions,
    vocabulary: frozenset[str],
    places: frozenset[str],
) -> bool:
    """Filter for a model ORG entity that no pattern, definition or reference explains.

    ``doc_text`` is ``doc.text``, which spaCy rebuilds from the tokens on every access.
    """
    text = doc_text[start:end]
    ws = [w for w in words if start <= w.char_start and w.char_end <= end]
    if not ws:
        return False
    texts = [w.text for w in ws]
    if len(ws) == 1 and is_acronym_token(texts[0]):
        return False  # acronyms are decided by the acronym rules
    if match_key(text) in defs.other_longs or normalise_name(text) in places:
        return False
    if is_place_name(text) or all(is_demonym(t) or t.lower() in CONNECTORS for t in texts):
        return False
    kind = long_form_kind(text, ref)
    if kind in {"event", "other"} or topic_of_event(words, words.index(ws[0]), ref):
        return False
    # A plural head names a kind of body ("Non-Governmental Organizations"), not one.
    if kind == "org" and name_head(texts) in ref.head_words:
        return True
    if any(not is_cap_word(t) and t.lower() not in CONNECTORS for t in texts):
        return False
    if any(c.isdigit() for c in text):
        return False  # "December-1997", "Room 4"
    if len(ws) > 1 and all(t.isupper() for t in texts):
        return False  # a heading in capitals
    if ws[0].tag in VERB_TAGS or texts[0].lower().rstrip(".") in ref.person_words:
        return False
    if any(t.lower() in ref.role_words for t in texts):
        return False
    # A fragment of a longer title: "Director of [Political Affairs]", "Meeting on ... in [Budget Processes]".
    context = {w.text.lower() for w in _context(words, ws[0], ws[-1])}
    if context & (ref.role_words | ref.event_words | ref.non_org_words):
        return False
    if len(ws) == 1 and texts[0].lower() in place_words():
        return False
    # A name has at least one word the bulletin never writes in lower case ("Huawei"),
    # so "the Public Service" and "Delivery of Public Services" are not names.
    content = [t for t in texts if t.lower() not in CONNECTORS]
    if all(t.lower() in vocabulary for t in content):
        return False
    return not (len(ws) == 1 and doc[ws[0].start].pos_ != "PROPN")


def _context(words: Sequence[Word], first: Word, last: Word) -> list[Word]:
    """Capitalised words around a span, across links ("Meeting on Citizen Engagement in ...")."""
    links = CONNECTORS | {"in", "to", "at"}
    index = {w.start: k for k, w in enumerate(words)}
    a, b = index[first.start], index[last.start]
    while a > 0 and (is_cap_word(words[a - 1].text) or words[a - 1].text.lower() in links):
        a -= 1
    while b + 1 < len(words) and (is_cap_word(words[b + 1].text) or words[b + 1].text.lower() in links):
        b += 1
    return [w for w in words[a : b + 1] if not first.start <= w.start <= last.start]


def _affiliation_context(doc: Doc, start: int, end: int, ref: OrgReference) -> bool:
    """An undefined acronym next to a title ("Chief, PACB", "PACB Director", "PACB's IRA")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False

    def is_role(i: int) -> bool:
        if not 0 <= i < len(doc):
            return False
        t = doc[i].text
        return t in ref.role_acronyms or t.lower() in ref.role_words

    before = span.start - 1
    if before >= 0 and doc[before].text in {",", "of"}:
        before -= 1
    if is_role(before):
        return True
    after = span.end
    if after < len(doc) and doc[after].text in POSSESSIVE_MARKS:
        after += 1
    j = after
    while j < len(doc) and j < after + 8 and (is_cap_word(doc[j].text) or doc[j].text in {"and", "-"}):
        if is_role(j) and not (j + 1 < len(doc) and is_cap_word(doc[j + 1].text)):
            return True
        j += 1
    # "Ms. Jane Roe (PACB)": an affiliation in brackets after a person's name.
    if span.start >= 2 and doc[span.start - 1].text == "(" and doc[span.start - 2].ent_type_ == "PERSON":
        return True
    return any(e.label_ == "ORG" and e.start_char == start and e.end_char == end for e in doc.ents)


def _shouting(text: str, offset: int) -> bool:
    """Whether the line around ``offset`` is in capitals ("WHO WE ARE" is not the WHO)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return _in_capitals(text[start : end if end >= 0 else len(text)])


@lru_cache(maxsize=4096)
def _in_capitals(line: str) -> bool:
    # Cached: a paragraph is one line, asked about for every name and acronym in it.
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 12 and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _listed_non_org(word: str, ref: OrgReference) -> bool:
    """A listed non-organisation acronym (or its plural), a title, or a currency code."""
    singular = word[:-1] if word.endswith("s") else word
    if {word, singular} & (ref.non_org_acronyms | ref.role_acronyms):
        return True
    return len(word) == 3 and word.isupper() and pycountry.currencies.get(alpha_3=word) is not None


def _unknown_acronym_ok(word: str, ref: OrgReference, defs: _Definitions, places: frozenset[str]) -> bool:
    """An acronym neither defined nor in the reference that may still name an organisation."""
    if word in defs.other or _listed_non_org(word, ref):
        return False
    if word.endswith("s") and word[:-1] in defs.other:
        return False
    return normalise_name(word) not in places and not is_place_name(word)


def bulletin_acronyms(
    docs: Sequence[Doc],
    ref: OrgReference,
    defs: _Definitions,
    places: frozenset[str],
    texts: Sequence[str],
) -> frozenset[str]:
    """Acronyms that name an organisation in this bulletin: defined, known, or used as an affiliation.

    ``texts[i]`` is ``docs[i].text``, which spaCy would rebuild from the tokens on each access.
    """
    found = set(defs.org) | {a for org in ref.organisations for a in org.acronyms}
    for doc, text in zip(docs, texts, strict=True):
        for m in _ACRONYM_WORD.finditer(text):
            word = m.group()
            if (
                word not in found
                and is_acronym_token(word)
                and _unknown_acronym_ok(word, ref, defs, places)
                and _affiliation_context(doc, m.start(), m.end(), ref)
            ):
                found.add(word)
    return frozenset(found - defs.other)


def section_candidates(
    doc: Doc,
    heading_end: int,
    ref: OrgReference,
    defs: _Definitions,
    section_defs: Sequence[AcronymDefinition],
    acronyms: re.Pattern[str],
    vocabulary: frozenset[str],
    places: frozenset[str],
    text: str,
    words: Sequence[Word],
) -> list[_Candidate]:
    """Accepted organisation mentions of one section (offsets in the section text).

    ``text`` is ``doc.text`` (which spaCy rebuilds on each access) and ``words`` is
    ``doc_words(doc)``.
    """
    quoted = quoted_ranges(text)

    def heading(start: int) -> bool:
        return start < heading_end

    names: list[_Candidate] = []
    for d in section_defs:
        if d.short in defs.org:
            names.append(
                _Candidate(d.long_start, d.long_end, d.long, d.short, "definition", heading(d.long_start))
            )
    for run in title_runs(words):
        for a, b in head_candidates(words, run, ref):
            s, e = words[a].char_start, words[b - 1].char_end
            capitals = all(w.text.isupper() for w in words[a:b]) and b - a > 1  # a heading
            if not _inside(quoted, s, e) and not _shouting(text, s) and not capitals:
                names.append(_Candidate(s, e, text[s:e], None, "pattern", heading(s)))
    for m in ref.name_pattern.finditer(text):
        names.append(_Candidate(m.start(), m.end(), m.group(), None, "reference", heading(m.start())))

    accepted: list[_Candidate] = []
    for c in sorted(names, key=lambda c: (c.start - c.end, c.start)):
        if not any(c.start < a.end and a.start < c.end for a in accepted):
            accepted.append(c)

    used = [
        _Candidate(m.start(), m.end(), None, m.group(), "acronym", heading(m.start()))
        for m in acronyms.finditer(text)
        if not _shouting(text, m.start()) or m.group() in defs.org
    ]

    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        a, b = _strip_name(ent.text)
        s, e = ent.start_char + a, ent.start_char + b
        if e <= s or _inside(quoted, s, e):
            continue
        if any(s < c.end and c.start < e for c in accepted + used):
            continue
        if _model_org_ok(doc, text, words, s, e, ref, defs, vocabulary, places):
            accepted.append(_Candidate(s, e, text[s:e], None, "model", heading(s)))
    return sorted(accepted + used, key=lambda c: c.start)


# --------------------------------------------------------------------------- the stage


def extract(context: DocumentContext) -> Extracted:
    """The organisations stage: ``find_organisations`` over a document context."""
    organisations, mentions = find_organisations(
        context.doc_id,
        context.sections,
        context.docs,
        context.reference.organisations,
        words_by_section=context.words,
    )
    return Extracted(tuple(organisations), tuple(mentions))


def find_organisations(
    doc_id: str,
    sections: Sequence[Section],
    docs: Sequence[Doc],
    reference: OrgReference,
    *,
    words_by_section: Sequence[Sequence[Word]] | None = None,
) -> tuple[list[Organisation], list[Mention]]:
    """One ``Organisation`` per distinct body named in the bulletin, and all its mentions.

    ``words_by_section[i]`` is ``doc_words(docs[i])`` when the caller has it (the people
    stage reads the same words).
    """
    texts = [section.text for section in sections]  # each doc's text (spaCy rebuilds Doc.text on access)
    definitions = [(i, d) for i, text in enumerate(texts) for d in find_definitions_in_text(text)]
    defs = classify_definitions(definitions, docs, reference)
    vocabulary = lowercase_vocabulary(docs)
    places = model_place_names(docs)
    acronyms = acronym_pattern(bulletin_acronyms(docs, reference, defs, places, texts))
    if words_by_section is None:
        words_by_section = [doc_words(doc) for doc in docs]

    found: list[tuple[int, _Candidate, str, str | None]] = []
    for i, (section, doc) in enumerate(zip(sections, docs, strict=True)):
        section_defs = [d for j, d in definitions if j == i]
        for c in section_candidates(
            doc,
            section.heading_end,
            reference,
            defs,
            section_defs,
            acronyms,
            vocabulary,
            places,
            texts[i],
            words_by_section[i],
        ):
            name, acronym = canonical(defs, reference, c.name, c.acronym)
            found.append((i, c, name, acronym))

    # Headings are Title Case: a name seen only in a heading is trusted only when the
    # reference or an acronym definition vouches for it.
    body_keys = {normalise_name(name) for _, c, name, _ in found if not c.in_heading}
    found = [
        f
        for f in found
        if not (
            f[1].source in {"model", "pattern"} and f[1].in_heading and normalise_name(f[2]) not in body_keys
        )
    ]

    rows: dict[str, tuple[str, str | None]] = {}
    counts: dict[str, int] = {}
    mentions: list[Mention] = []
    for i, c, name, acronym in found:
        section = sections[i]
        org_id = stable_id(normalise_name(name))
        if org_id not in rows:
            rows[org_id] = (name, acronym)
        elif acronym and not rows[org_id][1]:
            rows[org_id] = (rows[org_id][0], acronym)
        counts[org_id] = counts.get(org_id, 0) + 1
        mentions.append(make_mention(doc_id, section, c.start, c.end, "ORG", org_id))
    organisations = [
        Organisation(doc_id=doc_id, org_id=org_id, name=name, acronym=acronym, n_mentions=counts[org_id])
        for org_id, (name, acronym) in rows.items()
    ]
    return organisations, mentions
