"""People named in a bulletin: one row per person, with honorific, role and affiliation.

A person is an honorific followed by a capitalised name ("Ms. Jane Roe"), or a PERSON
entity of the model that looks like a name and is not a place. Roles and affiliations
come from the phrases bulletins put around a name: "UNDP Director, Ms. X",
"UNDP's Adviser, Mr. Y", "Mr. Y, Chief, ABC", "the President of Ruritania, Mr. Z",
"Ms. X, Minister of Health of Ruritania", "President Z", "the Board, whose Chair,
Ms. X". A later mention by surname ("Mr. Roe") is the same person.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from spacy.tokens import Doc

from pipeline.core.datafiles import load_data
from pipeline.core.ids import normalise_name, stable_id
from pipeline.core.records import Mention, Organisation, Person, Section
from pipeline.extract.acronyms import is_acronym_token
from pipeline.extract.context import DocumentContext, Extracted, make_mention
from pipeline.extract.organisations import is_head_word, long_form_kind, name_head
from pipeline.extract.reference.organisations import OrgReference, load_org_reference, match_key
from pipeline.extract.reference.place_names import is_city_name, is_demonym, is_place_name
from pipeline.extract.words import (
    CONNECTORS,
    DETERMINERS,
    POSSESSIVE_MARKS,
    VERB_TAGS,
    Word,
    doc_words,
    is_cap_word,
    model_place_names,
)

MAX_NAME_WORDS = 6
MAX_TITLE_WORDS = 14
MAX_ROLE_PHRASE_WORDS = 4
# Words that open the complement of a title: "Minister *of* Health", "Adviser *at* UNDP".
TITLE_LINKS = frozenset({"of", "at", "for", "in", "to", "with"})


# --------------------------------------------------------------------------- lexicon


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


# --------------------------------------------------------------------------- names


def honorific_at(words: Sequence[Word], i: int, text: str, lexicon: PeopleLexicon) -> tuple[str, int] | None:
    """(canonical honorific, index of the word after it) if an honorific starts at word ``i``."""
    start = words[i].char_start
    # Only forms that start with the word's first character can match; checked longest first.
    candidates = lexicon.honorifics_by_initial.get(text[start : start + 1], ())
    for form in candidates:
        if not text.startswith(form, start):
            continue
        end = start + len(form)
        for j in range(i, min(i + 4, len(words))):
            if words[j].char_end == end:
                return lexicon.honorifics[form], j + 1
            if words[j].char_end > end:
                break
    return None


def is_name_word(text: str, lexicon: PeopleLexicon) -> bool:
    """A word that can be part of a person's name ("Asante-Boadu", "al-Shaibani", "O'Neill")."""
    core = text.replace("-", "").replace("'", "").replace("\u2019", "")
    prefix, _, rest = text.partition("-")
    if prefix in lexicon.particles and rest[:1].isupper():
        return core.isalpha()
    if not core.isalpha() or not text[0].isupper():
        return False
    if text.lower() in lexicon.never_in_name or lexicon.is_role(text) or text in lexicon.honorifics:
        return False
    # "DESA", "UNDP": an acronym is an organisation, not a name (short capitals like "WU" pass).
    return not (is_acronym_token(text) and text.isupper() and len(text) > 2)


def _is_initial(text: str) -> bool:
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def name_end(words: Sequence[Word], i: int, lexicon: PeopleLexicon) -> int:
    """End (exclusive) of the name starting at word ``i``; ``i`` when there is none."""
    end = i
    j = i
    while j < len(words) and j - i < MAX_NAME_WORDS:
        t = words[j].text
        if is_name_word(t, lexicon) or _is_initial(t):
            j += 1
            end = j
        elif (
            t in lexicon.particles
            and j > i
            and j + 1 < len(words)
            and is_name_word(words[j + 1].text, lexicon)
        ):
            j += 1
        else:
            break
    # A name does not end on an initial ("Mr. J." is a truncated name).
    while end > i and _is_initial(words[end - 1].text):
        end -= 1
    return end


@dataclass(frozen=True)
class _Name:
    section: int
    start: int  # word indexes in the section's Doc
    end: int
    honorific: str | None
    honorific_start: int  # first word of the honorific (== start when there is none)
    in_heading: bool
    source: str  # honorific or model


def honorific_names(
    words: Sequence[Word], text: str, lexicon: PeopleLexicon, section: int, heading_end: int
) -> list[_Name]:
    """Every "honorific + capitalised name" of a section."""
    out: list[_Name] = []
    i = 0
    while i < len(words):
        found = honorific_at(words, i, text, lexicon)
        if found is None:
            i += 1
            continue
        canonical, j = found
        # "H.E. Mr. Jane Roe": the first honorific is kept, the others skipped.
        while j < len(words):
            again = honorific_at(words, j, text, lexicon)
            if again is None:
                break
            j = again[1]
        end = name_end(words, j, lexicon)
        if end > j:
            out.append(_Name(section, j, end, canonical, i, words[i].char_start < heading_end, "honorific"))
            i = end
        else:
            i = j
    return out


def titled_names(
    words: Sequence[Word], lexicon: PeopleLexicon, section: int, heading_end: int
) -> list[_Name]:
    """Names right after a capitalised title: "Minister Jane Roe", "Secretary-General John Doe".

    The name has two to four words and ends the run of capitalised words, so that
    "Director General Organisation for ..." is not read as a name.
    """
    out: list[_Name] = []
    for k, w in enumerate(words[:-2]):
        if not (w.text[:1].isupper() and lexicon.is_role(w.text)):
            continue
        end = name_end(words, k + 1, lexicon)
        follows = words[end].text if end < len(words) else ""
        if 2 <= end - k - 1 <= 4 and not is_cap_word(follows):
            out.append(
                _Name(section, k + 1, end, None, k + 1, words[k + 1].char_start < heading_end, "title")
            )
    return out


def model_names(
    doc: Doc,
    words: Sequence[Word],
    lexicon: PeopleLexicon,
    section: int,
    heading_end: int,
    places: frozenset[str],
    doc_text: str,
) -> list[_Name]:
    """The model's PERSON entities that look like names (a country or a slogan does not).

    ``doc_text`` is ``doc.text``, which spaCy would rebuild from the tokens on each access.
    """
    word_at = {t: k for k, w in enumerate(words) for t in range(w.start, w.end)}
    out: list[_Name] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        a, b = word_at[ent.start], word_at[ent.end - 1] + 1
        honorific = None
        h_start = a
        while a < b and (found := honorific_at(words, a, doc_text, lexicon)) is not None:
            honorific = honorific or found[0]
            a = found[1]
        while a < b and (words[a].text.lower() in DETERMINERS or lexicon.is_role(words[a].text)):
            a += 1
            h_start = a
        while b > a and words[b - 1].text in POSSESSIVE_MARKS:
            b -= 1
        if b <= a or name_end(words, a, lexicon) < b:
            continue  # a word no name has ("Promoting Whole-of-Government Approaches")
        if honorific is None:
            text = doc_text[words[a].char_start : words[b - 1].char_end]
            if is_place_name(text) or is_city_name(text) or normalise_name(text) in places:
                continue
            if any(is_demonym(w.text) for w in words[a:b]) or words[a].tag in VERB_TAGS:
                continue
        out.append(_Name(section, a, b, honorific, h_start, words[a].char_start < heading_end, "model"))
    return out


# --------------------------------------------------------------------------- affiliations


@dataclass(frozen=True)
class Affiliations:
    """What a written affiliation can refer to: the bulletin's organisations, and the reference."""

    by_key: Mapping[str, Organisation]  # match_key of name or acronym
    by_head: Mapping[str, Organisation]  # head word -> most mentioned organisation with that head
    issuer: Organisation | None  # first organisation named, when only its acronym is known
    reference: OrgReference
    lexicon: PeopleLexicon


def affiliations(
    organisations: Sequence[Organisation], reference: OrgReference, lexicon: PeopleLexicon
) -> Affiliations:
    """Index the bulletin's organisations (in order of first mention) for affiliations."""
    first = organisations[0] if organisations else None
    issuer = first if first is not None and first.name == first.acronym else None
    orgs = sorted(organisations, key=lambda o: -o.n_mentions)
    by_key: dict[str, Organisation] = {}
    by_head: dict[str, Organisation] = {}
    for o in orgs:
        for value in (o.name, o.acronym):
            if value:
                by_key.setdefault(match_key(value), o)
        head = name_head(o.name.split())
        if is_head_word(head, reference.head_words):
            by_head.setdefault(head, o)
    return Affiliations(MappingProxyType(by_key), MappingProxyType(by_head), issuer, reference, lexicon)


def _strip_the(words: Sequence[Word]) -> list[Word]:
    words = list(words)
    while words and words[0].text.lower() in DETERMINERS:
        words = words[1:]
    return words


def _text(text: str, words: Sequence[Word]) -> str:
    return text[words[0].char_start : words[-1].char_end] if words else ""


def affiliation(words: Sequence[Word], text: str, known: Affiliations) -> str | None:
    """The organisation (or country) a phrase names, as written; None if it names none."""
    words = _strip_the(words)
    marks = [k for k, w in enumerate(words) if w.text in POSSESSIVE_MARKS]
    if marks and all(is_head_word(w.text, known.reference.head_words) for w in words[: marks[0]]):
        words = _strip_the(words[marks[0] + 1 :])  # "the Ministry's Department of X" -> "Department of X"
    phrase = _text(text, words)
    if not phrase:
        return None
    if match_key(phrase) in known.by_key or is_place_name(phrase):
        return phrase
    if len(words) == 1 and is_head_word(phrase, known.reference.head_words):
        # "the Division's Director": the division the bulletin names, or else the body
        # named first (the issuer in the masthead) when only its acronym is known.
        org = known.by_head.get(phrase.lower()) or known.issuer
        return (org.acronym or org.name) if org else None
    if is_acronym_token(phrase) and not known.lexicon.is_role(phrase):
        return phrase
    if long_form_kind(phrase, known.reference) == "org" and not all(
        is_head_word(w.text, known.reference.head_words) for w in words
    ):
        return phrase
    return None


def _names_body(name: str, known: Affiliations) -> bool:
    words = name.split()
    return match_key(name) in known.by_key or is_head_word(words[-1], known.reference.head_words)


def _org_with_complement(complement: str, known: Affiliations) -> str | None:
    """ "Minister of Health" -> the bulletin's "Ministry of Health", if it names one."""
    key = match_key(complement)
    if not key:
        return None
    for org in known.by_key.values():
        for link in (" of ", " for "):
            if link not in org.name:
                continue
            # "Department of Health of the Philippines" has the complement "Health".
            other = match_key(org.name.split(link, 1)[1])
            if other == key or other.startswith(key + " of "):
                return org.acronym or org.name
    return None


# --------------------------------------------------------------------------- titles


@dataclass(frozen=True)
class Title:
    role: str | None
    organisation: str | None


def role_spans(words: Sequence[Word], lexicon: PeopleLexicon) -> list[tuple[int, int]]:
    """Role words and phrases in ``words``: the longest match at each start, left to right."""
    spans: list[tuple[int, int]] = []
    a = 0
    while a < len(words):
        best = None
        for b in range(min(len(words), a + MAX_ROLE_PHRASE_WORDS), a, -1):
            if lexicon.is_role(" ".join(w.text for w in words[a:b])):
                best = b
                break
        if best is None:
            a += 1
        else:
            spans.append((a, best))
            a = best
    return spans


def parse_title(words: Sequence[Word], text: str, known: Affiliations) -> Title:
    """Role and affiliation in a title phrase: "UNDP's Senior Adviser", "Minister of Health of X"."""
    words = _strip_the(words)
    lexicon = known.lexicon
    spans = role_spans(words, lexicon)
    inside = {k for a, b in spans for k in range(a, b)}
    # The title proper ends at the first "of/at/for/in" that is not inside a role phrase.
    cut = next(
        (k for k, w in enumerate(words) if w.text.lower() in TITLE_LINKS and k not in inside), len(words)
    )
    org: str | None = None
    first = 0
    marks = [k for k in range(cut) if words[k].text in POSSESSIVE_MARKS]
    if marks:
        org = affiliation(words[: marks[-1]], text, known)
        first = marks[-1] + 1
    spans = [(a, b) for a, b in spans if a >= first and b <= cut]
    if not spans:
        return Title(None, org or affiliation(words[first:], text, known))
    # Words before the title that name the body: "UNDP Resident Representative".
    for m in range(spans[0][0], first, -1):
        named = affiliation(words[first:m], text, known)
        if named:
            org = org or named
            first = m
            break
    last = spans[-1][1]
    if last < cut:
        # "Director General Organisation for the ...": the body follows the title.
        named = affiliation(words[last:], text, known)
        if named:
            return Title(_text(text, words[first:last]), org or named)
    role = list(words[first:cut])
    rest = list(words[cut:])
    while len(rest) >= 2 and rest[0].text.lower() in TITLE_LINKS:
        nxt = next((k for k in range(1, len(rest)) if rest[k].text.lower() in TITLE_LINKS), len(rest))
        named = affiliation(rest[1:], text, known) or affiliation(rest[1:nxt], text, known)
        if named:
            org = org or named
            break
        role.extend(rest[:nxt])
        rest = rest[nxt:]
    links = [k for k, w in enumerate(role) if w.text.lower() in TITLE_LINKS]
    if links and (org is None or is_place_name(org)):
        # "Under-Secretary-General for Economic and Social Affairs" heads the bulletin's
        # "Department of Economic and Social Affairs".
        org = _org_with_complement(_text(text, role[links[0] + 1 :]), known) or org
    return Title(_text(text, role) or None, org)


def _run_back(words: Sequence[Word], end: int, taken: set[int]) -> list[Word]:
    """Capitalised words (with connectors and possessives) ending at word ``end``."""
    k = end
    while k >= 0 and end - k < MAX_TITLE_WORDS and k not in taken:
        t = words[k].text
        low = t.lower()
        before = words[k - 1].text if k > 0 else ""
        # Links inside a title: "Minister *of* Health", "Chair *of the* Board" (but a "the"
        # not after a link starts the phrase: "met with *the* President").
        inner_link = (low in CONNECTORS | TITLE_LINKS and low != "the" and is_cap_word(before)) or (
            low == "the" and before.lower() in TITLE_LINKS and k > 1 and is_cap_word(words[k - 2].text)
        )
        if not (is_cap_word(t) or t in POSSESSIVE_MARKS or inner_link):
            break
        k -= 1
    run = list(words[k + 1 : end + 1])
    while run and run[0].text.lower() in CONNECTORS | TITLE_LINKS:
        run = run[1:]
    return run


def _run_forward(words: Sequence[Word], start: int, taken: set[int], lexicon: PeopleLexicon) -> list[Word]:
    """A title phrase starting at word ``start``: capitalised words, links and "the"."""
    k = start
    while k < len(words) and words[k].text.lower() in DETERMINERS:
        k += 1
    while k < len(words) and k - start < MAX_TITLE_WORDS and k not in taken:
        t = words[k].text
        low = t.lower()
        if is_cap_word(t) or t in POSSESSIVE_MARKS:
            k += 1
            continue
        nxt = words[k + 1].text if k + 1 < len(words) else ""
        if low in {"and", "&"} and lexicon.is_role(nxt):
            break  # "Dean of the School and Chair of the jury": a second title
        if (low in CONNECTORS or low in TITLE_LINKS) and (is_cap_word(nxt) or nxt.lower() == "the"):
            k += 1
            continue
        break
    run = list(words[start:k])
    while run and run[-1].text.lower() in CONNECTORS | TITLE_LINKS:
        run = run[:-1]
    return run


def _clause_forward(words: Sequence[Word], start: int, taken: set[int], lexicon: PeopleLexicon) -> list[Word]:
    """A lower-case title up to the next punctuation ("caretaker Minister of X", "director of Y")."""
    k = start
    while k < len(words) and k - start < MAX_TITLE_WORDS and k not in taken:
        w = words[k]
        if not w.text[:1].isalpha() or w.tag in VERB_TAGS or w.tag.startswith("W") or w.tag == "PRP":
            break
        k += 1
    run = list(words[start:k])
    if not any(lexicon.is_role(w.text) for w in run):
        return []
    while run and run[-1].text.lower() in CONNECTORS | TITLE_LINKS:
        run = run[:-1]
    return run


def _titles_after(words: Sequence[Word], q: int, text: str, taken: set[int], known: Affiliations) -> Title:
    """ "Mr. Y, Chief, ABC", "Ms. X, Minister of Health", "Ms. X (Adviser, UNDP)"."""
    closing = None
    if words[q].text == "(":
        closing = ")"
    elif words[q].text != ",":
        # A signature or a list: "Jane Roe Director General, Agency for X".
        if known.lexicon.is_role(words[q].text) and is_cap_word(words[q].text):
            return parse_title(_run_forward(words, q, taken, known.lexicon), text, known)
        # "Prof. Jane Roe of Keio University", "Mr. John Doe from UNDP".
        if words[q].text.lower() in {"of", "from"}:
            run = _run_forward(words, q + 1, taken, known.lexicon)
            return Title(None, affiliation(run, text, known) if run else None)
        return Title(None, None)
    parts: list[Title] = []
    k = q
    while len(parts) < 2 and k < len(words) and words[k].text in {",", "("}:
        run = _run_forward(words, k + 1, taken, known.lexicon) or _clause_forward(
            words, k + 1, taken, known.lexicon
        )
        if not run:
            break
        parts.append(parse_title(run, text, known))
        k = k + 1 + len(run)
        while k < len(words) and words[k].text.lower() in DETERMINERS:
            k += 1
        if closing and k < len(words) and words[k].text == closing:
            break
    if not parts or not (parts[0].role or parts[0].organisation):
        return Title(None, None)
    role, org = parts[0].role, parts[0].organisation
    if len(parts) == 2:
        role, org = role or parts[1].role, org or parts[1].organisation
    return Title(role, org)


def title_of(name: _Name, words: Sequence[Word], text: str, taken: set[int], known: Affiliations) -> Title:
    """Role and affiliation written around one mention of a person."""
    role: str | None = None
    org: str | None = None
    # Before: "UNDP Director, Ms. X", "the President of Ruritania, Mr. Z", "President Z".
    p = name.honorific_start - 1
    comma = p >= 0 and words[p].text == ","
    if comma:
        p -= 1
    if p >= 0:
        run = _run_back(words, p, taken)
        if run and (comma or known.lexicon.is_role(run[-1].text)):
            title = parse_title(run, text, known)
            role, org = title.role, title.organisation
            r0 = words.index(run[0])
            whose = r0 >= 2 and words[r0 - 1].text.lower() == "whose" and words[r0 - 2].text == ","
            if role and not org and whose:
                # "the Board on Ethics, whose Chair, Ms. X": the body named before "whose".
                org = affiliation(_run_back(words, r0 - 3, taken), text, known)
    if name.end < len(words):
        after = _titles_after(words, name.end, text, taken, known)
        role, org = role or after.role, org or after.organisation
    return Title(role, org)


# --------------------------------------------------------------------------- the stage


def _name_parts(name: str) -> list[str]:
    return [normalise_name(w) for w in name.split()]


def _part_index(full: Mapping[str, list[str]]) -> dict[str, str]:
    """First and last word of each full name -> its key, where that word names one person only."""
    seen: dict[str, set[str]] = {}
    for key, parts in full.items():
        for part in {parts[0], parts[-1]}:
            seen.setdefault(part, set()).add(key)
    return {part: next(iter(keys)) for part, keys in seen.items() if len(keys) == 1}


@dataclass(frozen=True)
class _Row:
    name: str
    honorific: str | None = None
    role: str | None = None
    organisation: str | None = None
    n_mentions: int = 0

    def add(self, name: str, honorific: str | None, title: Title) -> _Row:
        row = replace(self, n_mentions=self.n_mentions + 1, honorific=self.honorific or honorific)
        if len(name.split()) > len(row.name.split()):
            row = replace(row, name=name)
        if title.role and not row.role:
            return replace(row, role=title.role, organisation=title.organisation or row.organisation)
        if title.organisation and not row.organisation:
            return replace(row, organisation=title.organisation)
        return row


def extract(context: DocumentContext) -> Extracted:
    """The people stage: ``find_people`` over a document context, after the organisations."""
    people, mentions = find_people(
        context.doc_id,
        context.sections,
        context.docs,
        context.found.organisations,
        reference=context.reference.organisations,
        words_by_section=context.words,
    )
    return Extracted(tuple(people), tuple(mentions))


def find_people(
    doc_id: str,
    sections: Sequence[Section],
    docs: Sequence[Doc],
    organisations: Sequence[Organisation],
    *,
    lexicon: PeopleLexicon | None = None,
    reference: OrgReference | None = None,
    words_by_section: Sequence[Sequence[Word]] | None = None,
) -> tuple[list[Person], list[Mention]]:
    """One ``Person`` per distinct person named in the bulletin, and all their mentions.

    ``words_by_section[i]`` is ``doc_words(docs[i])`` when the caller has it.
    """
    lexicon = lexicon or load_people_lexicon()
    reference = reference or load_org_reference()
    known = affiliations(organisations, reference, lexicon)
    places = model_place_names(docs)

    section_words: list[Sequence[Word]] = []
    # Each doc's text (spaCy rebuilds Doc.text from the tokens on every access).
    doc_texts = [section.text for section in sections]
    names: list[_Name] = []
    for i, (section, doc) in enumerate(zip(sections, docs, strict=True)):
        words = doc_words(doc) if words_by_section is None else words_by_section[i]
        section_words.append(words)
        found = honorific_names(words, doc_texts[i], lexicon, i, section.heading_end)
        for n in (
            *model_names(doc, words, lexicon, i, section.heading_end, places, doc_texts[i]),
            *titled_names(words, lexicon, i, section.heading_end),
        ):
            if not any(n.start < m.end and m.start < n.end for m in found):
                found.append(n)
        names.extend(sorted(found, key=lambda n: n.start))

    def name_text(n: _Name) -> str:
        return _text(doc_texts[n.section], section_words[n.section][n.start : n.end])

    # "Harvard Kennedy School" is sometimes a PERSON to the model: not if it names a body.
    names = [n for n in names if n.source == "honorific" or not _names_body(name_text(n), known)]

    # Full names first; a one-word name is the surname (or first name) of one of them.
    full: dict[str, list[str]] = {}
    for n in names:
        if n.end - n.start > 1 and (not n.in_heading or n.source == "honorific"):
            full.setdefault(normalise_name(name_text(n)), _name_parts(name_text(n)))
    by_part = _part_index(full)
    keyed: list[tuple[str, _Name]] = []
    for n in names:
        key = normalise_name(name_text(n))
        if key not in full:
            if key in by_part:
                key = by_part[key]
            elif n.honorific is None:
                continue  # a lone word with nothing to show it is a person
        keyed.append((key, n))
    # Headings are Title Case: a name the model finds only in a heading is not trusted.
    body = {k for k, n in keyed if not n.in_heading}
    keyed = [(k, n) for k, n in keyed if k in body or n.source == "honorific"]

    taken: dict[int, set[int]] = {}
    for _, n in keyed:
        taken.setdefault(n.section, set()).update(range(n.honorific_start, n.end))

    rows: dict[str, _Row] = {}
    mentions: list[Mention] = []
    for key, n in keyed:
        section = sections[n.section]
        words = section_words[n.section]
        title = title_of(n, words, doc_texts[n.section], taken[n.section], known)
        person_id = stable_id(key)
        rows[person_id] = rows.get(person_id, _Row(name_text(n))).add(name_text(n), n.honorific, title)
        start, end = words[n.start].char_start, words[n.end - 1].char_end
        mentions.append(make_mention(doc_id, section, start, end, "PERSON", person_id))
    people = [
        Person(
            doc_id=doc_id,
            person_id=pid,
            name=r.name,
            honorific=r.honorific,
            role=r.role,
            organisation=r.organisation,
            n_mentions=r.n_mentions,
        )
        for pid, r in rows.items()
    ]
    return people, mentions
