"""Role and affiliation written around one mention of a person: "UNDP Director, Ms. X",
"Mr. Y, Chief, ABC", "the President of Ruritania, Mr. Z"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.extract.acronyms import is_acronym_token
from pipeline.extract.organisations.names import CALENDAR_WORDS
from pipeline.extract.people.affiliation_lookup import (
    Affiliations,
    affiliation,
    known_body,
    org_with_complement,
    strip_the,
    words_text,
)
from pipeline.extract.people.columns import column_role
from pipeline.extract.people.head_first_titles import (
    FIRST_CONJUNCTIONS,
    head_first_title,
    head_first_title_back,
    is_article,
    phrase_is_role,
)
from pipeline.extract.people.labels import label_role
from pipeline.extract.people.lexicon import PeopleLexicon
from pipeline.extract.people.names import Name
from pipeline.extract.people.passive import passive_office
from pipeline.extract.people.register import register_body, register_role
from pipeline.extract.people.surroundings import (
    DASHES,
    between_names,
    body_label,
    body_line_above,
    bracket_owner,
    dash_before_role,
    next_register_name,
    role_before_dash,
    sentence_body,
    to_group_body,
    wrapped,
)
from pipeline.extract.people.title_words import (
    MAX_TITLE_WORDS,
    TITLE_LINKS,
    from_title,
    is_ordinal,
    is_plural_title,
    is_role_word,
    list_end,
    list_start,
    lower_title_back,
    previous_apposition,
    role_spans,
    role_with_complement,
    run_back,
    singular_role,
)
from pipeline.extract.reference.organisations import match_key
from pipeline.extract.reference.place_names import is_place_name
from pipeline.extract.words import CONNECTORS, DETERMINERS, POSSESSIVE_MARKS, VERB_TAGS, Word, is_cap_word

# Of those, the ones after which a proper name is the body a person works for ("Economist *at*
# Quantix"), where "of" and "for" may still open the title's field ("Head of Programmes").
BODY_LINKS = frozenset({"at", "with"})


@dataclass(frozen=True)
class Title:
    role: str | None
    organisation: str | None
    # A body the person is on that any body written beside a later mention outweighs: the one
    # whose meeting lists them present ("Present: Cllr Ann Roe").
    fallback: str | None = None


def parse_title(words: Sequence[Word], text: str, known: Affiliations) -> Title:
    """Role and affiliation in a title phrase: "UNDP's Senior Adviser", "Minister of Health of X"."""
    words = strip_the(words)
    lexicon = known.lexicon
    while len(words) > 1 and lexicon.roles_run_on and is_article(words[0].text, lexicon):
        words = words[1:]  # "Le Représentant résident du PNUD"
    spans = role_spans(words, lexicon)
    inside = {k for a, b in spans for k in range(a, b)}
    # The title proper ends at the first "of/at/for/in" that is not inside a role phrase.
    cut = next(
        (k for k, w in enumerate(words) if w.text.lower() in lexicon.title_links and k not in inside),
        len(words),
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
    # Words before the title that name the body: "UNDP Resident Representative" (a known
    # body: the unknown acronym of "HR Director", "CDBG Coordinator" is part of the role).
    for m in range(spans[0][0], first, -1):
        named = affiliation(words[first:m], text, known)
        if named and known_body(named, known):
            org = org or named
            # A noun in lower case stays in the title: "the group leader", "our club secretary";
            # so does a body of one word, as the title is written ("CDBG Coordinator", "Shire
            # President"): it is the organisation as well.
            first = m if words[first].text[:1].isupper() and m - first > 1 else first
            break
    last = spans[-1][1]
    if last < cut:
        # "Director General Organisation for the ...": the body follows the title.
        named = affiliation(words[last:], text, known)
        if named:
            return Title(words_text(text, words[first:last]), org or named)
    role = list(words[first:cut])
    rest = list(words[cut:])
    while len(rest) >= 2 and rest[0].text.lower() in lexicon.title_links:
        nxt = next((k for k in range(1, len(rest)) if rest[k].text.lower() in lexicon.title_links), len(rest))
        if (
            nxt < len(rest)
            and rest[nxt].text.lower() in BODY_LINKS
            and match_key(words_text(text, rest[1:nxt])) not in known.by_key
        ):
            # "Head of Partnerships at Northwind Energy": the field, then the body after "at".
            role.extend(rest[:nxt])
            rest = rest[nxt:]
            continue
        named = affiliation(rest[1:], text, known) or affiliation(rest[1:nxt], text, known)
        if named:
            org = org or named
            break
        if (
            nxt == len(rest)
            and rest[0].text.lower() in BODY_LINKS
            and all(is_cap_word(w.text) for w in rest[1:])
        ):
            # "head of programmes at Quantix": a proper name after "at" is where the person works.
            org = org or words_text(text, rest[1:])
            break
        role.extend(rest[:nxt])
        rest = rest[nxt:]
    links = [k for k, w in enumerate(role) if w.text.lower() in lexicon.title_links]
    if links and (org is None or is_place_name(org)):
        # "Under-Secretary-General for Economic and Social Affairs" heads the bulletin's
        # "Department of Economic and Social Affairs".
        org = org_with_complement(words_text(text, role[links[0] + 1 :]), known) or org
    if org is None:
        # "présidente de l'association Les Amis du Fleuve": a body the organisations stage read
        # inside the title is its organisation, and the title ends before it.
        for k in range(1, len(role)):
            body = known.named_at(role[k].char_start)
            if body is not None and body.name.startswith(role[k].text):
                before = words_text(text, role[:k]).rstrip(" '\u2019")
                return Title(before or None, body.acronym or body.name)
    return Title(words_text(text, role) or None, org)


def _run_forward(words: Sequence[Word], start: int, taken: set[int], lexicon: PeopleLexicon) -> list[Word]:
    """A title phrase starting at word ``start``: capitalised words, links and "the"."""
    if lexicon.roles_run_on:
        run = head_first_title(words, start, taken, lexicon)
        if run:
            return run
        if start < len(words) and words[start].text.lower() in FIRST_CONJUNCTIONS:
            return []  # "John Ging, et l'Expert indépendant ...": the next person's title
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
        links = CONNECTORS | lexicon.title_links
        if (low in links or low in lexicon.link_articles) and (
            is_cap_word(nxt) or nxt.lower().replace("\u2019", "'") in lexicon.link_articles
        ):
            k += 1
            continue
        if lexicon.roles_run_on and any(
            phrase_is_role(words[a : k + 1], lexicon) for a in range(max(start, k - 3), k)
        ):
            k += 1  # a role written on in lower case: "Directrice *générale*", "Représentant *résident*"
            continue
        break
    run = list(words[start:k])
    while run and run[-1].text.lower() in CONNECTORS | lexicon.title_links | lexicon.link_articles:
        run = run[:-1]
    # "a senior fellow at X": only a determiner is no title; the lower-case reading follows.
    return run if any(w.text.lower() not in DETERMINERS for w in run) else []


def _clause_forward(words: Sequence[Word], start: int, taken: set[int], lexicon: PeopleLexicon) -> list[Word]:
    """A lower-case title up to the next punctuation ("caretaker Minister of X", "director of Y")."""
    if lexicon.roles_run_on and start < len(words) and words[start].text.lower() in FIRST_CONJUNCTIONS:
        return []
    k = start
    while k < len(words) and k - start < MAX_TITLE_WORDS and k not in taken:
        w = words[k]
        if w.text in POSSESSIVE_MARKS and k > start:
            k += 1  # "the foundation's finance officer"
            continue
        if not w.text[:1].isalpha() or w.tag in VERB_TAGS or w.tag.startswith("W") or w.tag in {"PRP", "MD"}:
            break
        k += 1
    run = list(words[start:k])
    if not any(lexicon.is_role(w.text) or lexicon.is_plural_role(w.text) for w in run):
        return []
    while run and run[-1].text.lower() in CONNECTORS | TITLE_LINKS:
        run = run[:-1]
    return run


# Words that open a title after a copula or "as": "X is *our* new treasurer", "as *its* editor".
TITLE_OPENERS = frozenset({"a", "an", "the", "our", "their", "its", "his", "her", "my", "your"})
# Words between a verb of ``as_verbs`` and its "as": "joined the Trust on 26 May as ...".
MAX_BEFORE_AS = 8
ADVERB_TAGS = frozenset({"RB", "RBR", "RBS", "ADV"})
ADVERBS_OF_TIME = frozenset({"now", "currently", "also", "still", "formerly", "previously"})
MAX_SIGNATURE_LINES = 3


def _opens_title(words: Sequence[Word], k: int, lexicon: PeopleLexicon, *, second: bool = False) -> bool:
    """A comma or bracket before a title, "and" before a second one ("Chair and Founder of X"),
    a dash before the second part ("Director – Harbour Trust"), or before a first part that
    opens with a title ("Ann Lee – treasurer")."""
    t = words[k].text
    if t in {",", "("} or (t in DASHES and (second or dash_before_role(words, k, lexicon))):
        return True
    return t.lower() in {"and", "&"} and k + 1 < len(words) and lexicon.is_role(words[k + 1].text)


def _title_below(words: Sequence[Word], q: int, text: str, taken: set[int], known: Affiliations) -> Title:
    """A signature: the lines under a name that fills its own line give its role and body
    ("Prof. J. Roe / Laboratory of Botany / University of Ghent")."""
    role: str | None = None
    org: str | None = None
    k = q
    for _ in range(MAX_SIGNATURE_LINES):
        while k < len(words) and words[k].text.isspace():
            k += 1
        line_end = next((j for j in range(k, len(words)) if words[j].text.startswith("\n")), len(words))
        line = list(words[k:line_end])
        if not line or any(j in taken for j in range(k, line_end)):
            break
        title = parse_title(line, text, known)
        role, org = role or title.role, org or title.organisation
        k = line_end
    return Title(role, org)


def _titles_after(
    words: Sequence[Word], q: int, text: str, taken: set[int], known: Affiliations, *, own_line: bool = False
) -> Title:
    """ "Mr. Y, Chief, ABC", "Ms. X, Minister of Health", "Ms. X (Adviser, UNDP)"."""
    closing = None
    if words[q].text == "(":
        closing = ")"
    elif words[q].text.startswith("\n"):
        return _title_below(words, q, text, taken, known) if own_line else Title(None, None)
    elif words[q].text.lower() in known.lexicon.copulas:
        return _after_copula(words, q + 1, text, taken, known)
    elif (after := _as_of(words, _past_auxiliaries(words, q), taken, known.lexicon)) is not None:
        # "X joined us as ...", "X has recently joined the Trust as its treasurer".
        return _after_as(words, after, text, taken, known)
    elif words[q].text.lower() in known.lexicon.workplace_verbs:
        return _workplace(words, q + 1, text, taken, known)  # "Kim Tan teaches at Y"
    elif words[q].text.lower() == "to":
        return Title(None, to_group_body(words, q, known))  # "The X Trust named Ann Lee to its board"
    elif words[q].tag == "VBZ" and words[q].text.lower() in known.lexicon.role_verbs:
        # "Ana Ruiz chairs the board of X": an office in the present, as after "who".
        return _relative_clause(words, q, text, taken, known)
    elif words[q].text != "," and not (
        words[q].text in DASHES and dash_before_role(words, q, known.lexicon)
    ):
        # A signature or a list: "Jane Roe Director General, Agency for X".
        if known.lexicon.is_role(words[q].text) and is_cap_word(words[q].text):
            return parse_title(_run_forward(words, q, taken, known.lexicon), text, known)
        if known.lexicon.roles_run_on and words[q].text[:1].islower():
            # "Paul Roy président du Club des Aînés": French press style puts a title in
            # lower case right after the name, with no comma.
            run = head_first_title(words, q, taken, known.lexicon)
            if run:
                return parse_title(run, text, known)
        if is_acronym_token(words[q].text) and known_body(words[q].text, known):
            # A caption: "Jane Roe ACME Director": the body's acronym, then the title.
            title = parse_title(_run_forward(words, q, taken, known.lexicon), text, known)
            if title.role and title.organisation:
                return title
        # "Prof. Jane Roe of Keio University", "Mr. John Doe from UNDP".
        if words[q].text.lower() in known.lexicon.affiliation_links:
            return _body_after_link(words, q + 1, text, taken, known)
        if words[q].text.lower() in BODY_LINKS:
            # "Dr Lisa Grant at Monash University": a body the bulletin names (not a place or a
            # venue: "we met Ann Lee at Cooleman Ridge").
            body = _body_after_link(words, q + 1, text, taken, known).organisation
            named = body is not None and match_key(body) in known.by_key and not is_place_name(body)
            return Title(None, body if named else None)
        return Title(None, None)
    if q + 1 < len(words) and words[q + 1].text.lower() == "who":
        return _relative_clause(words, q + 2, text, taken, known)
    linked = q + 1 < len(words) and words[q + 1].text.lower() in known.lexicon.affiliation_links
    if closing is None and linked:
        # "Ana Ruiz, for the Refugee Agency (UNHCR), said": the body she speaks for.
        found = _body_after_link(words, q + 2, text, taken, known)
        if found.organisation:
            return found
    parts: list[Title] = []
    written: list[tuple[str, str]] = []  # the word opening each part, and the part as written
    k = q
    while len(parts) < 2 and k < len(words) and _opens_title(words, k, known.lexicon, second=bool(parts)):
        ordinal = k + 2 < len(words) and k + 1 not in taken and is_ordinal(words[k + 1].text)
        run = _run_forward(words, k + 1 + ordinal, taken, known.lexicon)
        if ordinal and run:
            run = [words[k + 1], *run]  # "Claude Roy, 1er Adjoint": the ordinal is the title's
        part = parse_title(run, text, known) if run else Title(None, None)
        if not part.role:
            # "X, our Tacoma office manager": the capitalised words open a lower-case title.
            clause = _clause_forward(words, k + 1, taken, known.lexicon)
            found = parse_title(clause, text, known) if len(clause) > len(run) else Title(None, None)
            if found.role or not run:
                run, part = clause, found
        if not run or next_register_name(words, k + 1, known.lexicon):
            break  # "M. ROY Paul, LEROY Anne": the next name of the list, not a body
        parts.append(part)
        written.append((words[k].text, words_text(text, run)))
        k = k + 1 + len(run)
        while k < len(words) and words[k].text.lower() in DETERMINERS:
            k += 1
        if closing and k < len(words) and words[k].text == closing:
            break
    if not parts or not (parts[0].role or parts[0].organisation):
        return Title(None, None)
    role, org = parts[0].role, parts[0].organisation
    if len(parts) == 2:
        second = parts[1]
        bare = org is None and role == written[0][1]  # no complement: "Chair", not "Dean of X"
        if role and second.role and bare and written[1][0].lower() in {"and", "&"}:
            role = f"{role} {written[1][0]} {second.role}"  # "Chair and Founder of X": one title
        elif second.organisation and not second.role and (org is None or org not in written[0][1]):
            # "X, professor of biology, Berry College": the body written after the title, not
            # one its field was matched to ("Division of Biology").
            org = second.organisation
        role, org = role or second.role, org or second.organisation
    return Title(role, org)


def _body_after_link(words: Sequence[Word], k: int, text: str, taken: set[int], known: Affiliations) -> Title:
    """The body named after "of", "from" or "for" at word ``k``: "(of) the Rowing Club"; in
    French, after "de": the first body the organisations stage read before the next punctuation
    ("Jean Roux, de l'association Les Amis du Marais", "Léa Roy, du Secours populaire")."""
    if known.lexicon.roles_run_on:
        end, last = k, min(len(words), k + MAX_TITLE_WORDS)
        while end < last and end not in taken and words[end].text[:1].isalpha():
            end += 1
        body = next((b for w in words[k:end] if (b := known.named_at(w.char_start)) is not None), None)
        return Title(None, (body.acronym or body.name) if body else None)
    run = _run_forward(words, k, taken, known.lexicon)
    return Title(None, affiliation(run, text, known) if run else None)


def _as_of(words: Sequence[Word], q: int, taken: set[int], lexicon: PeopleLexicon) -> int | None:
    """The word after the "as" that gives the title of a name ending before word ``q``: right
    after the name ("the appointment of X as General Manager"), or after a verb of ``as_verbs``
    and its object in the same clause ("X joined the Trust on 26 May as its treasurer")."""
    if q + 1 >= len(words):
        return None
    if words[q].text.lower() == "as":
        return q + 1 if words[q + 1].tag not in ADVERB_TAGS else None  # not "as well as"

    if words[q].text.lower() not in lexicon.as_verbs:
        return None
    for k in range(q + 1, min(len(words) - 1, q + 1 + MAX_BEFORE_AS)):
        if k in taken or not words[k].text[:1].isalnum() or words[k].tag in VERB_TAGS:
            return None  # the clause ends, or another person's name comes first
        if words[k].text.lower() == "as":
            return k + 1 if words[k + 1].tag not in ADVERB_TAGS else None
    return None


def _after_as(words: Sequence[Word], k: int, text: str, taken: set[int], known: Affiliations) -> Title:
    """The title after "acted as": the longest role phrase there ("returning officer", whose
    first word the model tags as a verb), else a title as after "is"; after "as its", held in
    the body the sentence names first ("The X Trust named Ann Lee as its chair")."""
    title = _title_after_as(words, k, text, taken, known)
    pronoun = k < len(words) and words[k].text.lower() in known.lexicon.body_pronouns
    if title.role and not title.organisation and pronoun:
        return Title(title.role, sentence_body(words, k, known))
    return title


def _title_after_as(words: Sequence[Word], k: int, text: str, taken: set[int], known: Affiliations) -> Title:
    k += k < len(words) and words[k].text.lower() in TITLE_OPENERS
    end = k
    while end < len(words) and end - k < MAX_TITLE_WORDS and end not in taken and words[end].text.isalpha():
        end += 1
    for stop in range(end, k, -1):
        phrase = words_text(text, words[k:stop])
        if known.lexicon.is_role(phrase):
            return Title(" ".join(phrase.split()), None)
    run = _clause_forward(words, k, taken, known.lexicon)
    return parse_title(run, text, known) if run else Title(None, None)


def _after_copula(words: Sequence[Word], k: int, text: str, taken: set[int], known: Affiliations) -> Title:
    """The title after "is" or "was": "Dr. X is a professor with the Institute for Public Affairs"."""
    while k < len(words) and words[k].text.lower() in ADVERBS_OF_TIME:
        k += 1
    opens = k < len(words) and words[k].text.lower() in TITLE_OPENERS
    if opens or (k < len(words) and words[k].text.islower() and known.lexicon.is_role(words[k].text)):
        # "X is a professor at Y", and with no article: "X, who is currently dean of Y".
        run = _clause_forward(words, k, taken, known.lexicon)
        return parse_title(run, text, known) if run else Title(None, None)
    if (after := _as_of(words, k, taken, known.lexicon)) is not None:
        return _after_as(words, after, text, taken, known)  # "X was appointed as director"
    lexicon = known.lexicon
    p = k
    while p < len(words) and words[p].text.lower() in lexicon.copula_participles:
        p += 1
    if k < p < len(words) and words[p].text.islower() and lexicon.is_role(words[p].text):
        # "X est désignée secrétaire de séance", "X was named treasurer": a title, no article,
        # up to a preposition of place or time ("named treasurer *at* the meeting").
        run = _clause_forward(words, p, taken, lexicon)
        places = lexicon.spatial_prepositions
        run = run[: next((i for i, w in enumerate(run) if i and w.text.lower() in places), None)]
        return parse_title(run, text, known) if run else Title(None, None)
    return Title(None, None)


def _workplace(words: Sequence[Word], k: int, text: str, taken: set[int], known: Affiliations) -> Title:
    """The body after a verb of ``workplace_verbs`` and "at", "for" or "with" (word ``k``):
    "works *at* the Coastal Institute"; none where no body is named there ("works at home")."""
    while k < len(words) and words[k].tag in ADVERB_TAGS:
        k += 1  # "works closely with"
    if k >= len(words) or words[k].text.lower() not in BODY_LINKS | {"for"}:
        return Title(None, None)
    run = _run_forward(words, k + 1, taken, known.lexicon)
    body = affiliation(run, text, known) if run else None
    return Title(None, body if body and known_body(body, known) else None)


def _past_auxiliaries(words: Sequence[Word], q: int) -> int:
    """The first word at or after ``q`` that is no auxiliary or adverb of time ("has recently")."""
    while q < len(words) and words[q].text.lower() in AUXILIARIES | ADVERBS_OF_TIME | {"recently", "been"}:
        q += 1
    return q


# Auxiliaries between "who" and its verb ("who has led", "who will chair").
AUXILIARIES = frozenset({"has", "had", "have", "will", "now", "also", "currently"})


def _relative_clause(words: Sequence[Word], k: int, text: str, taken: set[int], known: Affiliations) -> Title:
    """The title a relative clause after a name gives: "X, who is director of Y" (a copula), or a
    verb of office and what it governs: "X, who heads the Budget Unit of the OECD" (role
    "heads", the unit), "X, who chairs the board of Y" ("chairs the board", Y), "X, who leads
    the module on statistics"."""
    while k < len(words) and words[k].text.lower() in AUXILIARIES:
        k += 1
    if k >= len(words) or k in taken:
        return Title(None, None)
    verb = words[k].text.lower()
    if verb in known.lexicon.copulas:
        return _after_copula(words, k + 1, text, taken, known)
    if (after := _as_of(words, k, taken, known.lexicon)) is not None:
        return _after_as(words, after, text, taken, known)  # "X, who joined the Trust as ..."
    if verb in known.lexicon.workplace_verbs:
        return _workplace(words, k + 1, text, taken, known)  # "X, who works at the Y Institute"
    if verb not in known.lexicon.role_verbs:
        return Title(None, None)
    end = k + 1
    while end < len(words) and end - k < MAX_TITLE_WORDS and end not in taken:
        w = words[end]
        if not w.text[:1].isalnum() and w.text not in POSSESSIVE_MARKS and w.text.strip(" ") != "\n":
            break  # punctuation, or a blank line (a line break inside a paragraph is no end)
        nxt = words[end + 1].text.lower() if end + 1 < len(words) else ""
        topic = w.text.lower() == "on" and nxt not in CALENDAR_WORDS
        if (
            (w.tag in VERB_TAGS and w.tag != "VBG")  # a gerund modifies: "the learning programme"
            or w.tag.startswith("W")
            or (w.tag == "IN" and w.text.lower() not in TITLE_LINKS and not topic)  # "the module on X"
        ):
            break
        end += 1
    # The body is the first capitalised phrase of the object that names one.
    for a in range(k + 1, end):
        if not is_cap_word(words[a].text) or (a > k + 1 and is_cap_word(words[a - 1].text)):
            continue
        b = a
        while b < end and (is_cap_word(words[b].text) or words[b].text.lower() in CONNECTORS | TITLE_LINKS):
            b += 1
        org = affiliation(words[a:b], text, known)
        if org and b < end and words[b].text in POSSESSIVE_MARKS and b + 1 < end:
            # "who has led the Network's learning programme": the verb and what follows.
            return Title(" ".join(f"{words[k].text} {words_text(text, words[b + 1 : end])}".split()), org)
        if org:
            role = list(words[k:a])
            while len(role) > 1 and role[-1].text.lower() in DETERMINERS | CONNECTORS | TITLE_LINKS:
                role.pop()
            if len(role) > 1 and role[-1].text in POSSESSIVE_MARKS:
                role.pop()
            return Title(" ".join(words_text(text, role).split()), org)
    role = list(words[k:end])
    while len(role) > 1 and role[-1].text.lower() in CONNECTORS | TITLE_LINKS:
        role.pop()
    return Title(" ".join(words_text(text, role).split()), None)


def _title_before(
    name: Name, words: Sequence[Word], text: str, taken: set[int], known: Affiliations
) -> Title:
    """ "UNDP Director, Ms. X", "the President of Ruritania, Mr. Z", "President Z",
    "our ranger, X", "rangers X, Y and Z"."""
    lexicon = known.lexicon
    start = name.honorific_start
    first = list_start(words, start, taken, lexicon.list_links)
    for s0 in dict.fromkeys((start, first)):
        p = s0 - 1
        while p >= 1 and wrapped(words[p].text) and words[p - 1].text == ",":
            p -= 1  # "the Independent Expert,\nMr. X": a line wrapped after the comma
        if name.honorific and p >= 1 and is_article(words[p].text, lexicon) and words[p - 1].text == ",":
            p -= 1  # "le Directeur du Bureau, le Docteur X": the article of the honorific
        comma = p >= 0 and (words[p].text in {",", ":"} or role_before_dash(words, p, text, taken, lexicon))
        if comma:
            p -= 1
        if p < 0:
            continue
        title = Title(None, None)
        lower: list[Word] = []
        run = run_back(words, p, taken, lexicon)
        # "Chief Investigators Ann Roe, Kim Tan and Ed Lee": a plural title before a list.
        plural = bool(run) and not comma and lexicon.is_plural_role(run[-1].text)
        # "Special Envoy for Yemen Hans Grundberg": a title and its complement, no comma.
        led = s0 == start and role_with_complement(run, lexicon)
        if led:
            run = from_title(run, lexicon)  # not "April with the Minister of X"
        if run and s0 != start and body_label(words, p, run, text, known):
            # "CRPCG: Ann Roe, Kim Tan, Ed Lee": a body's name labels a list of its people.
            return Title(None, parse_title(run, text, known).organisation)
        if run and ((s0 == start and (comma or lexicon.is_role(run[-1].text))) or plural or led):
            title = parse_title(run, text, known)
            if not title.role and words_text(text, run).lower() in lexicon.label_words:
                title = Title(None, None)  # "L-R: Ann Roe (Chair)": a caption's label
            if plural and title.role:
                title = Title(singular_role(title.role, lexicon), title.organisation)
            r0 = words.index(run[0])
            whose = r0 >= 2 and words[r0 - 1].text.lower() == "whose" and words[r0 - 2].text == ","
            if title.role and not title.organisation and whose:
                # "the Board on Ethics, whose Chair, Ms. X": the body named before "whose".
                title = Title(title.role, affiliation(run_back(words, r0 - 3, taken), text, known))
        if not title.role and lexicon.roles_run_on and (comma or s0 == start):
            back = head_first_title_back(words, p, taken, lexicon)
            # With no comma, only a title its article opens: "l'adjointe aux sports Léa Roy",
            # "le maire lyonnais Paul Roy" (not the end of a clause before a name).
            opened = comma or (bool(back) and _after_article(words, back[0], lexicon))
            if back and opened and not previous_apposition(words, back[0], taken, lexicon):
                found = parse_title(back, text, known)
                if s0 == start:
                    title = Title(found.role, found.organisation or title.organisation)
                elif found.role and is_plural_title(found.role, lexicon):
                    # "les conseillères, Léa Roy et Awa Sy": a plural title before a list is each
                    # one's; a singular one is its first name's only ("notre trésorière, Léa
                    # Roy, et Paul Roy").
                    body = found.organisation or title.organisation
                    title = Title(singular_role(found.role, lexicon), body)
        if not title.role:
            lower = lower_title_back(words, p, taken, lexicon)
            if lower and lexicon.roles_run_on and previous_apposition(words, lower[0], taken, lexicon):
                lower = []  # "Léa Roy, secrétaire, Paul Roy": Léa Roy's title
            if lower and (comma or is_role_word(lower[-1].text, lexicon)):
                found = parse_title(lower, text, known)
                if found.role and (s0 == start or is_plural_title(found.role, lexicon)):
                    title = Title(
                        singular_role(found.role, lexicon), found.organisation or title.organisation
                    )
        if title.role and not title.organisation:
            title = Title(title.role, _body_referred(words, lower or run, text, taken, known))
        if not (title.role or title.organisation) and s0 == start and not comma:
            # "UNICEF's Ravi Menon": a body's possessive right before the name is where he works.
            title = _owner_before(run, text, known)
        if title.role or title.organisation:
            return title
    bracket = bracket_owner(name, words, text, taken, known)
    if bracket:
        return Title(None, bracket)
    h = name.honorific_start
    if name.honorific and h >= 3 and words[h - 1].text.lower() == "whose" and words[h - 2].text == ",":
        # "the Lagoon Institute, whose Professor Ana Ruiz leads ...": the body before "whose".
        owner = run_back(words, h - 3, taken)
        return Title(None, affiliation(owner, text, known) if owner else None)
    return Title(None, None)


def _owner_before(run: Sequence[Word], text: str, known: Affiliations) -> Title:
    """The body of a possessive ending ``run`` ("Greening Australia's"), if it names one."""
    if len(run) < 2 or run[-1].text not in POSSESSIVE_MARKS:
        return Title(None, None)
    owner = affiliation(run[:-1], text, known)
    return Title(None, owner if owner and known_body(owner, known) else None)


def _after_article(words: Sequence[Word], first: Word, lexicon: PeopleLexicon) -> bool:
    k = words.index(first)
    return k > 0 and is_article(words[k - 1].text, lexicon)


def _body_referred(
    words: Sequence[Word], phrase: Sequence[Word], text: str, taken: set[int], known: Affiliations
) -> str | None:
    """The organisation a possessive before a title names ("the Rowing Club's programme
    manager Jane Roe") or refers to: with "its", the one the section has named most before it
    ("the Bureau (TB) ... TB and UNDP ... Its Rector, Mr. X")."""
    if not phrase:
        return None
    k = words.index(phrase[0]) - 1
    if k >= 1 and words[k].text in POSSESSIVE_MARKS:
        owner = run_back(words, k - 1, taken)
        return affiliation(owner, text, known) if owner else None
    if k < 0 or words[k].text.lower() not in known.lexicon.body_pronouns:
        return None
    org = known.named_most_before(words[k].char_start)
    return (org.acronym or org.name) if org else None


def title_of(
    name: Name,
    words: Sequence[Word],
    text: str,
    taken: set[int],
    known: Affiliations,
    *,
    before_too: bool = True,
) -> Title:
    """Role and affiliation written around one mention of a person (``before_too=False``: only
    after it, for a first name that opens its clause: "... the Hilltop Group, Bess decided")."""
    before = _title_before(name, words, text, taken, known) if before_too else Title(None, None)
    role, org = before.role, before.organisation
    role = role or label_role(words, name.honorific_start, text, taken, known.lexicon)
    if name.end < len(words):
        h = name.honorific_start
        own_line = h == 0 or words[h - 1].text.startswith("\n")
        after = _titles_after(words, name.end, text, taken, known, own_line=own_line)
        last = list_end(words, name.end, taken, known.lexicon.list_links)
        if not (after.role or after.organisation) and name.end < last < len(words):
            # "Fred and Lisa, the new owners of X": a plural title after the list is each one's.
            listed = _titles_after(words, last, text, taken, known)
            if listed.role and is_plural_title(listed.role, known.lexicon):
                after = Title(singular_role(listed.role, known.lexicon), listed.organisation)
            elif listed.organisation and not listed.role:
                # "Léa Roy et Paul Roy, de l'association X", "Ann and Bo, of the Rowing Club".
                after = listed
        elif (
            after.role
            and is_plural_title(after.role, known.lexicon)
            and list_start(words, h, taken, known.lexicon.list_links) < h
        ):
            after = Title(singular_role(after.role, known.lexicon), after.organisation)  # the list's last
        if role and role.lower() in known.lexicon.label_words and after.role:
            # "Contact: Jane Roe, Programme Officer, X": the title after the name says more.
            role, org = after.role, after.organisation or org
        if before.role and between_names(
            words, name.honorific_start, taken, known.lexicon, bare=not after.role
        ):
            # "Tom Hardy, treasurer, Ann Lowe, secretary", "Tom Hardy, treasurer, Ann Lowe": the
            # title before is the last one's.
            role, org = after.role, after.organisation
        if not before.role and after.organisation:
            org = after.organisation  # "QUI : Jane Roe, Office X": a label before is no body
        role, org = role or after.role, org or after.organisation
    if before_too and not (role or org):
        # "the Trust, chaired by Ann Lee" (a title after the name says more, and comes first).
        role, org = passive_office(name, words, text, taken, known)
    role = role or column_role(words, name.honorific_start, name.end, known.lexicon)
    role = role or register_role(name, words, taken, known.lexicon)
    org = org or body_line_above(name, words, text, taken, known)
    return Title(role, org, register_body(name, words, taken, known))


