"""Activity mentions: trigger nouns with the name around them, and activity verbs.

A trigger word alone is too weak ("Conference Room", "to visit the site"), so each match
is grown into a noun phrase (modifiers, acronym, complement, quoted title) or rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Token

from pipeline.extract.events.lexicon import EventLexicon
from pipeline.extract.events.tokens import SectionText, ends_with, match

_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
_HYPHENS = frozenset({"-", "–", "‐"})
_ORDINAL_WORD = re.compile(r"(first|second|third|[a-z]th)$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_OPEN_QUOTES = frozenset({'"', "“", "‘", "'", "«"})
_CLOSE_QUOTES = frozenset({'"', "”", "’", "'", "»"})
_CLAUSE_PUNCT = frozenset({",", ";", ":", ".", "!", "?"})
_WH_WORDS = frozenset({"how", "what", "whether", "why"})
_RELATIVES = frozenset({"which", "that", "who", "whom", "whose", "where", "when", "while"})
OTHER_PREPS = frozenset(
    {
        "in", "at", "from", "to", "by", "during", "under", "through", "into", "within",
        "across", "since", "until", "after", "before", "as", "via", "like", "per", "over",
        "upon", "without", "beyond", "near", "around", "including", "throughout", "following",
    }
)  # fmt: skip
_VENUE_PREPS = frozenset({"at", "in"})
_TOPIC_PREPS = frozenset({"on", "about"})
_MAX_VENUE = 8  # tokens of "at the Westfield Community Centre"
_MAX_ASIDES = 2  # a venue and an organiser between an activity and its topic
_PREDICATIVE = frozenset({"acomp", "conj", "advmod", "oprd"})
_TITLE_CONTINUE_PREPS = frozenset({"for", "on", "of", "and", "&"})
_CLAUSES = frozenset({"advcl", "acl"})  # dependencies of a participle that opens a clause
_ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those", "said", "same"})
_BE_FORMS = frozenset({"be", "been", "being", "is", "are", "was", "were", "'s", "'re"})
_HAVE_FORMS = frozenset({"has", "have", "had", "'s", "'ve", "having"})
_MODAL_WORDS = frozenset({"to", "will", "would", "shall", "can", "could", "may", "might", "must", "'ll"})
_NAME_TRIM = frozenset({"and", "&", "of", "the", "a", "an", "-", "(", "/", ",", ":", ";"})
_MAX_LEFT = 10
_MAX_COMPLEMENT = 14
_MAX_QUOTE = 25
_MAX_GATHERING = 30  # tokens between "met" and "for a workshop"


@dataclass(frozen=True)
class Phrase:
    """A mention of an activity: a trigger noun with its name, or an activity verb."""

    start: int  # token index of the name's first token
    end: int  # token index after the name
    head: int  # the trigger's last token
    event_type: str
    sentence: int
    name: str
    anaphoric: bool  # "the workshop": refers to an activity named before
    modified: bool  # has modifiers, an acronym or a complement beyond the trigger
    specific: bool  # has a proper-name word, a number or a complement ("7th IGF", "meeting of X")
    plural: bool
    verb: bool
    host: bool  # named after a host cue ("at the margins of ...")
    in_org: bool  # inside an organisation's name
    det: str = ""  # the word before the name ("the", "a", "next"...)
    argument: bool = False  # a verb's subject or object named as the activity ("a trial took place")
    weak: bool = False  # a trigger with other senses ("competition", "rally"): dated only when tied


def named_activity(
    start: int,
    end: int,
    head: int,
    event_type: str,
    sentence: int,
    name: str,
    *,
    plural: bool = False,
    det: str = "",
) -> Phrase:
    """An activity named by words that are not a trigger noun (a verb's argument, a line of a
    listing): specific and modified by being named, never anaphoric, a verb, a host or a body."""
    return Phrase(
        start=start,
        end=end,
        head=head,
        event_type=event_type,
        sentence=sentence,
        name=name,
        anaphoric=False,
        modified=True,
        specific=True,
        plural=plural,
        verb=False,
        host=False,
        in_org=False,
        det=det,
        argument=True,
    )


def _is_number(st: SectionText, k: int) -> bool:
    """A digit, year or ordinal ("2015", "7th", "Thirty-Third"): it makes a name specific."""
    low = st.lower[k]
    return st.tokens[k].is_digit or bool(
        _ORDINAL.match(low) or (st.tokens[k].like_num and _ORDINAL_WORD.search(low))
    )


def _is_left_modifier(st: SectionText, k: int, lex: EventLexicon) -> bool:
    token, low = st.tokens[k], st.lower[k]
    if low in lex.determiners or low in _MODAL_WORDS:
        return False
    if low in {"-", "–"}:
        return k > 0 and st.tokens[k - 1].is_alpha
    if _ORDINAL.match(low) or token.like_num:
        return token.is_digit or bool(_ORDINAL.match(low) or _ORDINAL_WORD.search(low))
    if not (token.is_alpha or re.match(r"^[\w&.]+$", token.text)):
        return False
    hyphened = (k + 1 < len(st.tokens) and st.lower[k + 1] == "-") or (k > 0 and st.lower[k - 1] == "-")
    if st.tagged and not st.in_heading(k):
        if token.pos_ in {"ADJ", "NOUN", "PROPN", "NUM", "X"}:
            return not (token.is_lower and token.is_stop)
        return hyphened and token.pos_ == "VERB"
    if token.is_stop and not token.is_title:
        return False
    if token.is_title or token.is_upper or hyphened:
        return low not in lex.title_clause_words or not st.in_heading(k)
    return not low.endswith("ed")


def _closing(st: SectionText, i: int, closers: frozenset[str], limit: int) -> int | None:
    """Index of the first closer after token ``i`` in the same sentence, within ``limit`` tokens."""
    sentence = st.sentence_of[i]
    for j in range(i + 1, min(len(st.tokens), i + 1 + limit)):
        if st.sentence_of[j] != sentence:
            return None
        if st.lower[j] in closers:
            return j
    return None


def _infinitive(token: Token) -> bool:
    return "Inf" in token.morph.get("VerbForm", [])


def _complement_end(st: SectionText, p: int, blocked: frozenset[int], lex: EventLexicon) -> int:
    """End of a prepositional complement starting with the preposition at ``p`` (exclusive)."""
    sentence = st.sentence_of[p]
    q = p + 1
    count = 0
    while q < len(st.tokens) and st.sentence_of[q] == sentence and count < _MAX_COMPLEMENT:
        token, low = st.tokens[q], st.lower[q]
        nxt = st.tokens[q + 1] if q + 1 < len(st.tokens) else None
        if q in blocked or low in _CLAUSE_PUNCT or low in _RELATIVES or low in lex.relatives:
            break
        if low in lex.name_stops:
            break  # "a visit to the port *today*"
        if low == "(" or (low in _OPEN_QUOTES and q == p + 1):
            # An aside in brackets; a quoted topic ("a panel on *"careers in science"*").
            closers, limit = (frozenset({")"}), 8) if low == "(" else (_CLOSE_QUOTES, _MAX_QUOTE)
            close = _closing(st, q, closers, limit)
            if close is None or (low != "(" and any(k in blocked for k in range(q, close))):
                break
            count += close - q
            q = close + 1
            continue
        question = low in _WH_WORDS and q + 2 < len(st.tokens) and st.lower[q + 1] == "to"
        if question and _infinitive_after(st, q + 2):
            count += 3
            q += 3  # "a session on *how to generate* impact": the topic is a question
            continue
        if low in lex.complement_preps or low in OTHER_PREPS or low in lex.other_preps or low in {"and", "&"}:
            continues = low in _TITLE_CONTINUE_PREPS and nxt is not None and (nxt.is_title or nxt.is_upper)
            if low in lex.of_words or continues:
                pass
            elif low in {"and", "&"}:
                if (
                    nxt is None
                    or nxt.lower_ in lex.determiners
                    or (st.tagged and nxt.pos_ in {"VERB", "AUX"})
                ):
                    break
            else:
                break
        elif st.tagged and token.pos_ == "PRON" and nxt is not None and nxt.pos_ in {"VERB", "AUX"}:
            break  # a clitic opens the clause: "la réunion du comité *s'*est tenue"
        elif st.lower[q - 1] in lex.purpose_preps and token.pos_ == "VERB" and _infinitive(token):
            pass  # the activity's purpose: "un atelier *pour identifier* les besoins"
        elif st.tagged and token.pos_ in {"VERB", "AUX"} and not st.in_heading(q):
            hyphened = st.lower[q - 1] == "-" or (nxt is not None and nxt.lower_ == "-")
            # "a webinar on data sharing": a gerund that is the preposition's object is a noun
            nominal = token.tag_ == "VBG" and token.dep_ in {"pobj", "compound"} and st.parsed
            if not (hyphened or nominal):
                break
        elif not st.tagged and token.is_lower and low.endswith("ed") and len(low) > 4:
            break
        q += 1
        count += 1
    return q


def _quoted_end(st: SectionText, q: int, lex: EventLexicon) -> int | None:
    """End of ``, titled "X"`` or ``"X"`` starting at token ``q``, if there is one."""
    n = len(st.tokens)
    r = q
    if r < n and st.lower[r] == ",":
        r += 1
    if r < n and st.lower[r] in lex.title_intros:
        r += 1
        if r < n and st.lower[r] in {":", ","}:
            r += 1
    elif r != q:
        return None  # a comma with no "titled" after it ends the name
    if r < n and st.sentence_of[r] == st.sentence_of[q] and st.tokens[r].text in _OPEN_QUOTES:
        close = _closing(st, r, _CLOSE_QUOTES, _MAX_QUOTE)
        if close is not None:
            return close + 1
    return None


def _right_end(
    st: SectionText, j: int, blocked: frozenset[int], lex: EventLexicon, event_type: str = ""
) -> int:
    """End of the name to the right of the trigger group ending before ``j``."""
    n = len(st.tokens)
    sentence = st.sentence_of[j - 1]
    end = j
    while lex.adjectives_after and end < n and end not in blocked and st.sentence_of[end] == sentence:
        # An elided word is none, whatever the tagger says ("passation de pouvoir *s’*est tenue").
        if st.tagged and st.tokens[end].pos_ == "ADJ" and not st.lower[end].endswith(("'", "\u2019")):
            end += 1  # "Séminaire régional", "réunion mensuelle": French puts adjectives after the noun
            continue
        # A phrase that qualifies the activity as an adjective does: "formation *en ligne*".
        after = next((len(p) for p in lex.adjective_phrases if match(st.lower, end, p)), 0)
        if not after or any(k in blocked or st.sentence_of[k] != sentence for k in range(end, end + after)):
            break
        end += after
    if end < n and end not in blocked and _YEAR.match(st.lower[end]) and st.sentence_of[end] == sentence:
        end += 1  # "Summit 2015": a year in a name is not a date
    if end < n and st.lower[end] == "(":
        close = _closing(st, end, frozenset({")"}), 8)
        if close is not None and not any(k in blocked for k in range(end, close)):
            end = close + 1
    if (
        end + 1 < n
        and st.lower[end] == ":"
        and st.sentence_of[end + 1] == sentence
        and st.tokens[end + 1].is_title
    ):
        q = end + 1
        while q < n and st.sentence_of[q] == sentence and q - end <= _MAX_COMPLEMENT:
            if q in blocked or st.lower[q] in {",", ";", ".", "("}:
                break
            q += 1
        end = q
    preps = lex.complement_preps | lex.type_complement_preps.get(event_type, frozenset())
    if end < n and st.sentence_of[end] == sentence and st.lower[end] in preps:
        end = _complement_end(st, end, blocked, lex)
    if end < n and st.sentence_of[end] == sentence:
        quoted = _quoted_end(st, end, lex)
        if quoted is not None:
            end = quoted
    # "Repas des aînés *ce* jeudi 19 novembre": an article left before a date is no part of it
    while end > j and st.lower[end - 1] in _NAME_TRIM | lex.complement_preps | lex.determiners:
        end -= 1
    return end


def _past_name(st: SectionText, k: int, start: int, blocked: frozenset[int], lex: EventLexicon) -> int:
    """After the determiners, the capitalised words of a name from token ``k`` (the venue or
    the organiser of "at the Westfield Centre", "given by the County Trust"); ``k`` if none."""
    n = len(st.tokens)
    while k < n and k - start <= _MAX_VENUE and st.lower[k] in lex.determiners | {"the"}:
        k += 1
    first = k
    while k < n and k - start <= _MAX_VENUE and k not in blocked and (
        st.tokens[k].text[:1].isupper() or (k > first and st.lower[k] in {"of", "&", "and"})
    ):
        k += 1
    return k if k > first else start


def venue_end(st: SectionText, j: int, blocked: frozenset[int], lex: EventLexicon) -> int:
    """End of "at Hilltop School" right after token ``j - 1`` (the venue of an activity named
    in a list), else ``j``."""
    if j >= len(st.tokens) or st.lower[j] not in _VENUE_PREPS or st.sentence_of[j] != st.sentence_of[j - 1]:
        return j
    end = _past_name(st, j + 1, j, blocked, lex)
    return end if end > j + 1 else j


def _topic_after_venue(
    st: SectionText, j: int, blocked: frozenset[int], lex: EventLexicon
) -> tuple[int, int] | None:
    """The topic of an activity named after its venue or the organisation that gave it ("a
    public workshop at the Westfield Centre on the new skate parks", "a training at the
    Grand Hotel given by the County Trust on liability claims": on ...), as token bounds."""
    n = len(st.tokens)
    if j >= n or st.sentence_of[j] != st.sentence_of[j - 1]:
        return None
    k = j
    for _ in range(_MAX_ASIDES):
        if k < n and st.lower[k] in _VENUE_PREPS:
            after = _past_name(st, k + 1, k, blocked, lex)
        else:
            cue = next((c for c in lex.organiser_cues if match(st.lower, k, c)), None)
            after = _past_name(st, k + len(cue), k, blocked, lex) if cue else k
        if after == k:
            break
        k = after
    if k == j or k >= n or st.lower[k] not in _TOPIC_PREPS or k in blocked:
        return None
    if any(match(st.lower, k, cue) for cue in lex.host_cues):
        return None  # "in Geneva on the margins of the Forum"
    end = _complement_end(st, k, blocked, lex)
    while end > k + 1 and st.lower[end - 1] in _NAME_TRIM | lex.complement_preps:
        end -= 1
    return (k, end) if end > k + 1 else None


def _trigger_at(st: SectionText, i: int, lex: EventLexicon) -> tuple[int, str] | None:
    """Length and type of the longest trigger starting at token ``i``."""
    if st.lower[i] not in lex.trigger_first_words:
        return None  # most words start no trigger
    for size in range(min(lex.max_trigger_words, len(st.tokens) - i), 0, -1):
        words = tuple(st.lower[i : i + size])
        if words in lex.triggers and len({st.sentence_of[k] for k in range(i, i + size)}) == 1:
            return size, lex.triggers[words]
    return None


def _in_idiom(st: SectionText, i: int, size: int, lex: EventLexicon) -> bool:
    for idiom in lex.idioms:
        for start in range(max(0, i - len(idiom) + 1), i + size):
            if match(st.lower, start, idiom) and start <= i < start + len(idiom):
                return True
    return False


def _host_before(st: SectionText, start: int, lex: EventLexicon) -> bool:
    k = start
    while k > 0 and st.lower[k - 1] in lex.determiners:
        k -= 1
    return any(ends_with(st.lower, k, cue) for cue in lex.host_cues)


def _determiner_before(st: SectionText, start: int, blocked: frozenset[int]) -> str:
    """The word before a name, over a date written between it and the trigger ("the June 12
    event", "the 3-5 May workshop": the date says which one, the article that it was named
    before)."""
    sentence = st.sentence_of[start]
    k = start - 1
    while k >= 0 and k in blocked and st.sentence_of[k] == sentence:
        k -= 1
    if k < start - 1 and (k < 0 or st.lower[k] not in _ANAPHORIC_DETS):
        k = start - 1  # a date alone before the trigger: the word before is the date's
    return st.lower[k] if k >= 0 and st.sentence_of[k] == sentence else ""


def _noun_phrase(
    st: SectionText, i: int, size: int, event_type: str, blocked: frozenset[int], lex: EventLexicon
) -> Phrase | None:
    n = len(st.tokens)
    j = i + size
    head = j - 1
    sentence = st.sentence_of[i]
    # A trigger that modifies a following noun names no activity ("Conference Room").
    if j < n and st.sentence_of[j] == sentence:
        nxt = st.tokens[j]
        if st.tokens[head].whitespace_ == "" and st.lower[j] in _HYPHENS:
            return None  # the first part of a hyphenated word ("training-of-trainers course")
        if st.lower[j] in lex.not_event_before:
            return None
        if _trigger_at(st, j, lex) is not None:
            return None  # part of a longer run ("Round Table Conference"): the last one is the head
        if st.tagged and not st.in_heading(j) and nxt.pos_ == "NOUN" and nxt.is_lower:
            return None
    if _in_idiom(st, i, size, lex):
        return None
    predicative = st.tokens[head].pos_ == "ADJ" and st.tokens[head].dep_ in _PREDICATIVE
    if st.tagged and not st.in_heading(head) and predicative:
        return None  # "the elections were free and fair"
    if st.tagged and not st.in_heading(head) and st.tokens[head].pos_ in {"VERB", "AUX"}:
        previous = st.tokens[i - 1] if i > 0 and st.sentence_of[i - 1] == sentence else None
        if previous is None or previous.pos_ not in {"DET", "ADJ", "NUM", "NOUN", "PROPN", "PUNCT"}:
            return None  # a verb, not a noun: "to visit the site", "aimed at meeting the needs"
        if previous.lower_ == "," and st.tokens[head].tag_ == "VBG" and st.tokens[head].dep_ in _CLAUSES:
            return None  # a participle's clause: "next one is on Sunday, meeting at the car park"
    start = i
    k = i - 1
    while k >= 0 and st.sentence_of[k] == sentence and i - k <= _MAX_LEFT and k not in blocked:
        if st.in_heading(k) and st.start(k) < st.title_start:
            break
        if st.lower[k] == ")":
            opening = next(
                (
                    m
                    for m in range(k - 1, max(-1, k - 8), -1)
                    if st.lower[m] == "(" and st.sentence_of[m] == sentence
                ),
                None,
            )
            if opening is None or opening == 0 or not _is_left_modifier(st, opening - 1, lex):
                break
            k = opening - 1
            continue
        # Parts of one hyphenated word stay together ("three-part", "training-of-trainers").
        glued = st.tokens[k].whitespace_ == "" and (st.lower[k] in _HYPHENS or st.lower[k + 1] in _HYPHENS)
        if not glued and not _is_left_modifier(st, k, lex):
            break
        start = k
        k -= 1
    while start < i and (
        st.lower[start] in {"-", "–", "&"}
        or not (st.tokens[start].is_alpha or st.tokens[start].like_num or _ORDINAL.match(st.lower[start]))
    ):
        start += 1
    end = _right_end(st, j, blocked, lex)
    # A destination completes the name of a mission or a visit ("mission to Ghana") without
    # making it a particular one: "a working visit to the Headquarters" is the title's visit.
    destination = _right_end(st, j, blocked, lex, event_type) if end == j else end
    topic = _topic_after_venue(st, end, blocked, lex) if end == j else None
    det = _determiner_before(st, start, blocked)
    modified = start < i or max(end, destination) > j or topic is not None
    specific = (
        end > j
        or topic is not None
        or any(
            _is_number(st, k)
            or (
                st.tokens[k].text[:1].isupper()
                and not st.in_heading(k)
                and k > 0
                and st.sentence_of[k - 1] == sentence
            )
            for k in range(start, i)
        )
    )
    return Phrase(
        start=start,
        end=max(end, destination),
        head=head,
        event_type=event_type,
        sentence=sentence,
        name=st.span_text(start, max(end, destination)) + (f" {st.span_text(*topic)}" if topic else ""),
        anaphoric=not modified and det in _ANAPHORIC_DETS,
        modified=modified,
        specific=specific,
        plural=tuple(st.lower[i:j]) in lex.plurals,
        verb=False,
        host=_host_before(st, start, lex),
        in_org=False,
        det=det,
        weak=tuple(st.lower[i:j]) in lex.weak_triggers,
    )


def _verb_phrase(st: SectionText, i: int, blocked: frozenset[int], lex: EventLexicon) -> Phrase | None:
    token = st.tokens[i]
    if st.in_heading(i) or (st.tagged and token.pos_ not in {"VERB", "AUX"}):
        return None
    event_type = lex.verb_triggers[st.lower[i]]
    sentence = st.sentence_of[i]
    if _gathers_for_activity(st, i, lex):
        return None
    infinitive = st.parsed and i > 0 and st.lower[i - 1] == "to" and token.tag_ == "VB"
    if infinitive and token.head.i != token.i and token.head.lower_ in lex.verb_triggers:
        return None  # "visited the field office to meet partners": the purpose of the visit
    # Passive: "targets are rarely met".
    k = i - 1
    while k >= 0 and st.sentence_of[k] == sentence and st.tokens[k].pos_ == "ADV":
        k -= 1
    progressive = st.tagged and token.tag_ == "VBG"  # "is visiting Accra" is no passive
    if k >= 0 and st.lower[k] in _BE_FORMS and not progressive:
        return None
    if st.tagged and token.tag_ == "VBN" and not (k >= 0 and st.lower[k] in _HAVE_FORMS):
        return None  # "the sites visited during the mission": a passive with no "be"
    q = i + 1
    if q < len(st.tokens) and st.lower[q] in {"with", "to"}:
        q += 1
    end = q
    purpose = st.parsed and q < len(st.tokens) and st.lower[q - 1] == "to" and _infinitive_after(st, q)
    if q < len(st.tokens) and st.sentence_of[q] == sentence and q not in blocked and not purpose:
        end = _complement_end(st, q - 1, blocked, lex)
    while end > q and st.lower[end - 1] in _NAME_TRIM | lex.complement_preps:
        end -= 1
    obj = st.span_text(q, end) if end > q else ""
    prefix = lex.verb_names.get(event_type, event_type)
    return Phrase(
        start=i,
        end=max(end, i + 1),
        head=i,
        event_type=event_type,
        sentence=sentence,
        name=f"{prefix} {obj}".strip() if obj else event_type,
        anaphoric=False,
        modified=bool(obj),
        specific=bool(obj),
        plural=False,
        verb=True,
        host=False,
        in_org=False,
    )


def _infinitive_after(st: SectionText, q: int) -> bool:
    """ "met to discuss the budget": "to" opens the meeting's purpose, not whom it was with."""
    return st.tokens[q].pos_ in {"VERB", "AUX"} and st.tokens[q].tag_ == "VB"


def _gathers_for_activity(st: SectionText, i: int, lex: EventLexicon) -> bool:
    """Does the verb at ``i`` only report people gathering for a named activity
    ("officials met in Suva on 1 May for a workshop on ...")?"""
    sentence = st.sentence_of[i]
    for k in range(i + 1, min(len(st.tokens), i + _MAX_GATHERING)):
        if st.sentence_of[k] != sentence:
            return False
        if st.lower[k] == "for":
            m = k + 1
            while m < len(st.tokens) and st.lower[m] in lex.determiners:
                m += 1
            while m < len(st.tokens) and m - k < 6 and _trigger_at(st, m, lex) is None:
                if not _is_left_modifier(st, m, lex):
                    break
                m += 1
            if m < len(st.tokens) and _trigger_at(st, m, lex) is not None:
                return True
    return False


def find_phrases(
    st: SectionText,
    lex: EventLexicon,
    blocked: frozenset[int] = frozenset(),
    org_tokens: frozenset[int] = frozenset(),
) -> list[Phrase]:
    """Activity mentions of a section in text order (trigger nouns and activity verbs)."""
    phrases: list[Phrase] = []
    i = 0
    while i < len(st.tokens):
        if i in blocked or (st.in_heading(i) and st.start(i) < st.title_start):
            i += 1
            continue
        found = _trigger_at(st, i, lex)
        phrase: Phrase | None = None
        if found is not None:
            size, event_type = found
            phrase = _noun_phrase(st, i, size, event_type, blocked, lex)
            step = size
        elif st.lower[i] in lex.verb_triggers:
            phrase = _verb_phrase(st, i, blocked, lex)
            step = 1
        else:
            step = 1
        if phrase is not None:
            # A trigger inside an organisation's name ("Internet Governance Forum" as a
            # body) is an activity only with an ordinal or a year ("7th", "2013").
            in_org = phrase.head in org_tokens and not any(
                _is_number(st, k) for k in range(phrase.start, phrase.head)
            )
            if in_org:
                phrase = replace(phrase, in_org=True)
            phrases.append(phrase)
        i += step
    return phrases
