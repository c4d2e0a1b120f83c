"""Events stage: one row per activity a section reports (conference, meeting, visit...).

An event is anchored on a date of an activity: a date in a sentence that names an
activity with a trigger noun ("workshop", "7th Internet Governance Forum") or verb
("met with"). The date goes to the trigger nearest before it in the sentence (else the
first after it); a date that names several separate days gives a row per day. A section
with no dated activity still gives a row for an activity named with a place.

The name is the section title when the title names the activity ("Capacity Building
Workshop on X" over a body that says "a capacity building workshop"), else the trigger's
noun phrase with its modifiers, acronym and complement ("meeting of X"); "the conference"
takes the name of the conference named before. The place comes from the reporting
sentence, else the section title, else the section's other sentences.

Domain words (triggers, cue phrases) are in ``pipeline/data/events.yaml``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any

from spacy.tokens import Doc, Token

from pipeline.core.datafiles import load_data
from pipeline.core.ids import normalise_name, stable_id
from pipeline.core.records import (
    DateMention,
    Event,
    Mention,
    Organisation,
    Person,
    Place,
    Section,
)
from pipeline.extract.context import DocumentContext, Extracted
from pipeline.extract.sentences import sentence_bounds

Words = tuple[str, ...]

_WORD = re.compile(r"\w+|[^\w\s]")
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_HYPHENS = frozenset({"-", "–", "‐"})
_ORDINAL_WORD = re.compile(r"(first|second|third|[a-z]th)$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_OPEN_QUOTES = frozenset({'"', "“", "‘", "'", "«"})
_CLOSE_QUOTES = frozenset({'"', "”", "’", "'", "»"})
_CLAUSE_PUNCT = frozenset({",", ";", ":", ".", "!", "?"})
_RELATIVES = frozenset({"which", "that", "who", "whom", "whose", "where", "when", "while"})
_OTHER_PREPS = frozenset(
    {
        "in", "at", "from", "to", "by", "during", "under", "through", "into", "within",
        "across", "since", "until", "after", "before", "as", "via", "like", "per", "over",
        "upon", "without", "beyond", "near", "around", "including", "throughout", "following",
    }
)  # fmt: skip
_TITLE_CONTINUE_PREPS = frozenset({"for", "on", "of", "and", "&"})
_ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those", "said", "same"})
_WHERE_WORDS = frozenset({"in", "at", "to", "visited", "visit", "visiting", "near"})
_ORIGIN_WORDS = frozenset({"of", "from"})
_TITLE_LEAD_PREPS = frozenset({"at", "during", "for", "to", "in", "from"})
_OTHER_INSTANCE = frozenset({"next", "last", "previous", "upcoming", "forthcoming", "another"})
_BE_FORMS = frozenset({"be", "been", "being", "is", "are", "was", "were", "'s", "'re"})
_MODAL_WORDS = frozenset({"to", "will", "would", "shall", "can", "could", "may", "might", "must", "'ll"})
_ORGANISER_STOPS = frozenset(
    {"held", "in", "at", "from", "on", "which", "that", "to", "during", "for", "under", "who", "where"}
)
_NAME_TRIM = frozenset({"and", "&", "of", "the", "a", "an", "-", "(", "/", ","})
_MAX_LEFT = 10
_MAX_COMPLEMENT = 14
_MAX_QUOTE = 25
_MAX_GATHERING = 30  # tokens between "met" and "for a workshop"
_MONTH_DISTANCE = 60  # characters between a month-only date and its trigger
_DEADLINE_WINDOW = 8  # words before a date searched for "deadline"


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class EventLexicon:
    """The words of ``events.yaml`` as word tuples (lower case, hyphens as words)."""

    triggers: Mapping[Words, str]  # singular and plural forms -> event_type
    plurals: frozenset[Words]
    verb_triggers: Mapping[str, str]
    verb_names: Mapping[str, str]
    not_event_before: frozenset[str]
    idioms: tuple[Words, ...]
    determiners: frozenset[str]
    complement_preps: frozenset[str]
    title_intros: frozenset[str]
    organiser_cues: tuple[Words, ...]
    organiser_verbs: frozenset[str]
    participation_cues: tuple[Words, ...]
    event_verbs: tuple[Words, ...]
    deadline_cues: tuple[Words, ...]
    deadline_words: tuple[Words, ...]
    host_cues: tuple[Words, ...]
    title_clause_words: frozenset[str]
    trigger_first_words: frozenset[str]  # the first word of every trigger
    max_trigger_words: int = field(default=1)


def words_of(phrase: str) -> Words:
    """Lower-case words of a phrase as the tokenizer splits them ("co-organized" -> co, -, organized)."""
    return tuple(_WORD.findall(phrase.lower()))


def plural(word: str) -> str:
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def lexicon_from_mapping(data: Mapping[str, Any]) -> EventLexicon:
    """Build the lexicon from the parsed ``events.yaml`` (or a test's own mapping)."""
    triggers: dict[Words, str] = {}
    plurals: set[Words] = set()
    for phrase, event_type in data.get("triggers", {}).items():
        words = words_of(str(phrase))
        triggers.setdefault(words, str(event_type))
        if words and not words[-1].endswith("s"):
            plural_words = (*words[:-1], plural(words[-1]))
            triggers.setdefault(plural_words, str(event_type))
            plurals.add(plural_words)

    def phrases(key: str) -> tuple[Words, ...]:
        found = (words_of(str(p)) for p in data.get(key, []))
        return tuple(sorted({w for w in found if w}, key=len, reverse=True))

    def word_set(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key, []))

    for key, value in data.items():
        entries = list(value.items()) if isinstance(value, dict) else list(value or [])
        flat = [x for entry in entries for x in (entry if isinstance(entry, tuple) else (entry,))]
        odd = [x for x in flat if not isinstance(x, str)]
        if odd:  # YAML reads a bare on/off/yes/no as a boolean: quote it
            raise ValueError(f"events data: {key} has non-text entries {odd!r}")

    return EventLexicon(
        triggers=triggers,
        plurals=frozenset(plurals),
        verb_triggers={str(k).lower(): str(v) for k, v in data.get("verb_triggers", {}).items()},
        verb_names={str(k): str(v) for k, v in data.get("verb_names", {}).items()},
        not_event_before=word_set("not_event_before"),
        idioms=phrases("idioms"),
        determiners=word_set("determiners"),
        complement_preps=word_set("complement_preps"),
        title_intros=word_set("title_intros"),
        organiser_cues=phrases("organiser_cues"),
        organiser_verbs=word_set("organiser_verbs"),
        participation_cues=phrases("participation_cues"),
        event_verbs=phrases("event_verbs"),
        deadline_cues=phrases("deadline_cues"),
        deadline_words=phrases("deadline_words"),
        host_cues=phrases("host_cues"),
        title_clause_words=word_set("title_clause_words"),
        max_trigger_words=max((len(w) for w in triggers), default=1),
        trigger_first_words=frozenset(w[0] for w in triggers if w),
    )


@cache
def load_lexicon() -> EventLexicon:
    return lexicon_from_mapping(load_data("events.yaml"))


# --------------------------------------------------------------------------- section text


@dataclass(frozen=True)
class SectionText:
    """A section's non-space tokens with their sentence numbers.

    Sentence 0 is the heading when the section has one; offsets are relative to
    ``section.text``.
    """

    section: Section
    tokens: tuple[Token, ...]
    lower: tuple[str, ...]
    sentence_of: tuple[int, ...]
    sentences: tuple[tuple[int, int], ...]  # character bounds of each sentence
    tagged: bool
    has_heading: bool
    title_start: int  # first character of the title in the heading (after "3. ")

    def start(self, i: int) -> int:
        return int(self.tokens[i].idx)

    def end(self, i: int) -> int:
        token = self.tokens[i]
        return int(token.idx + len(token.text))

    def span_text(self, start: int, end: int) -> str:
        """Text of tokens [start, end) with white space collapsed."""
        if start >= end:
            return ""
        return _SPACES.sub(" ", self.section.text[self.start(start) : self.end(end - 1)]).strip()

    def in_heading(self, i: int) -> bool:
        return self.has_heading and self.sentence_of[i] == 0




def section_text(section: Section, doc: Doc) -> SectionText:
    bounds = sentence_bounds(section, doc)
    starts = [b[0] for b in bounds]
    tokens = tuple(t for t in doc if not t.is_space)
    sentence_of = tuple(max(0, bisect.bisect_right(starts, t.idx) - 1) for t in tokens)
    heading = section.text[: section.heading_end]
    title_start = 0
    if section.title and section.title in heading:
        title_start = heading.index(section.title)
    return SectionText(
        section=section,
        tokens=tokens,
        lower=tuple(t.lower_ for t in tokens),
        sentence_of=sentence_of,
        sentences=tuple(bounds),
        tagged=doc.has_annotation("TAG") or doc.has_annotation("POS"),
        has_heading=section.heading_end > 0 and bool(bounds) and bounds[0][1] <= section.heading_end,
        title_start=title_start,
    )


def _match(lower: Sequence[str], i: int, words: Words) -> bool:
    return tuple(lower[i : i + len(words)]) == words


def _ends_with(lower: Sequence[str], end: int, words: Words) -> bool:
    """Do the words just before token ``end`` spell ``words``?"""
    start = end - len(words)
    return start >= 0 and tuple(lower[start:end]) == words


@lru_cache(maxsize=64)
def _phrases_by_first_word(
    phrases: tuple[Words, ...],
) -> tuple[Mapping[str, tuple[Words, ...]], tuple[Words, ...]]:
    """First word -> the phrases that can match there, in their given order; an empty
    phrase matches anywhere, so it is kept in every list (and alone in the default)."""
    firsts = dict.fromkeys(words[0] for words in phrases if words)
    by_first = {
        first: tuple(words for words in phrases if not words or words[0] == first) for first in firsts
    }
    return MappingProxyType(by_first), tuple(words for words in phrases if not words)


def _find_phrases(
    lower: Sequence[str], phrases: Iterable[Words], start: int, end: int
) -> list[tuple[int, int]]:
    """Token spans [i, j) within [start, end) where one of ``phrases`` occurs."""
    by_first, empty_only = _phrases_by_first_word(tuple(phrases))
    found = []
    for i in range(start, end):
        # Only the phrases that begin with this token can match here (in their given order).
        for words in by_first.get(lower[i], empty_only):
            if i + len(words) <= end and _match(lower, i, words):
                found.append((i, i + len(words)))
                break
    return found


# --------------------------------------------------------------------------- trigger phrases


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


def _blocked_tokens(st: SectionText, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Token indices inside any of the character spans (relative to the section)."""
    starts = [t.idx for t in st.tokens]
    blocked = set()
    for start, end in spans:
        i = bisect.bisect_left(starts, start)
        while i < len(st.tokens) and st.tokens[i].idx < end:
            blocked.add(i)
            i += 1
    return frozenset(blocked)


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


def _complement_end(st: SectionText, p: int, blocked: frozenset[int], lex: EventLexicon) -> int:
    """End of a prepositional complement starting with the preposition at ``p`` (exclusive)."""
    sentence = st.sentence_of[p]
    q = p + 1
    count = 0
    while q < len(st.tokens) and st.sentence_of[q] == sentence and count < _MAX_COMPLEMENT:
        token, low = st.tokens[q], st.lower[q]
        nxt = st.tokens[q + 1] if q + 1 < len(st.tokens) else None
        if q in blocked or low in _CLAUSE_PUNCT or low in _RELATIVES:
            break
        if low == "(":
            close = _closing(st, q, frozenset({")"}), 8)
            if close is None:
                break
            count += close - q
            q = close + 1
            continue
        if low in lex.complement_preps or low in _OTHER_PREPS or low in {"and", "&"}:
            continues = low in _TITLE_CONTINUE_PREPS and nxt is not None and (nxt.is_title or nxt.is_upper)
            if low == "of" or continues:
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
        elif st.tagged and token.pos_ in {"VERB", "AUX"} and not st.in_heading(q):
            hyphened = st.lower[q - 1] == "-" or (nxt is not None and nxt.lower_ == "-")
            if not hyphened:
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


def _right_end(st: SectionText, j: int, blocked: frozenset[int], lex: EventLexicon) -> int:
    """End of the name to the right of the trigger group ending before ``j``."""
    n = len(st.tokens)
    sentence = st.sentence_of[j - 1]
    end = j
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
    if end < n and st.sentence_of[end] == sentence and st.lower[end] in lex.complement_preps:
        end = _complement_end(st, end, blocked, lex)
    if end < n and st.sentence_of[end] == sentence:
        quoted = _quoted_end(st, end, lex)
        if quoted is not None:
            end = quoted
    while end > j and st.lower[end - 1] in _NAME_TRIM | lex.complement_preps:
        end -= 1
    return end


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
            if _match(st.lower, start, idiom) and start <= i < start + len(idiom):
                return True
    return False


def _host_before(st: SectionText, start: int, lex: EventLexicon) -> bool:
    k = start
    while k > 0 and st.lower[k - 1] in lex.determiners:
        k -= 1
    return any(_ends_with(st.lower, k, cue) for cue in lex.host_cues)


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
    if st.tagged and not st.in_heading(head) and st.tokens[head].pos_ in {"VERB", "AUX"}:
        previous = st.tokens[i - 1] if i > 0 and st.sentence_of[i - 1] == sentence else None
        if previous is None or previous.pos_ not in {"DET", "ADJ", "NUM", "NOUN", "PROPN", "PUNCT"}:
            return None  # a verb, not a noun: "to visit the site", "aimed at meeting the needs"
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
    det = st.lower[start - 1] if start > 0 and st.sentence_of[start - 1] == sentence else ""
    modified = start < i or end > j
    specific = end > j or any(
        _is_number(st, k)
        or (
            st.tokens[k].text[:1].isupper()
            and not st.in_heading(k)
            and k > 0
            and st.sentence_of[k - 1] == sentence
        )
        for k in range(start, i)
    )
    return Phrase(
        start=start,
        end=end,
        head=head,
        event_type=event_type,
        sentence=sentence,
        name=st.span_text(start, end),
        anaphoric=not modified and det in _ANAPHORIC_DETS,
        modified=modified,
        specific=specific,
        plural=tuple(st.lower[i:j]) in lex.plurals,
        verb=False,
        host=_host_before(st, start, lex),
        in_org=False,
        det=det,
    )


def _verb_phrase(st: SectionText, i: int, blocked: frozenset[int], lex: EventLexicon) -> Phrase | None:
    token = st.tokens[i]
    if st.in_heading(i) or (st.tagged and token.pos_ not in {"VERB", "AUX"}):
        return None
    event_type = lex.verb_triggers[st.lower[i]]
    sentence = st.sentence_of[i]
    if _gathers_for_activity(st, i, lex):
        return None
    # Passive: "targets are rarely met".
    k = i - 1
    while k >= 0 and st.sentence_of[k] == sentence and st.tokens[k].pos_ == "ADV":
        k -= 1
    if k >= 0 and st.lower[k] in _BE_FORMS:
        return None
    q = i + 1
    if q < len(st.tokens) and st.lower[q] in {"with", "to"}:
        q += 1
    end = q
    if q < len(st.tokens) and st.sentence_of[q] == sentence and q not in blocked:
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


# --------------------------------------------------------------------------- title


@dataclass(frozen=True)
class TitleActivity:
    """The activity a section title names, when it names one."""

    name: str
    event_type: str
    phrase: Phrase


def title_activity(
    st: SectionText,
    phrases: Sequence[Phrase],
    lex: EventLexicon,
    date_spans: Sequence[tuple[int, int]] = (),
) -> TitleActivity | None:
    """The title's activity when the title is the activity's name ("Workshop on X in Y"),
    not a sentence about it ("X and Y Strengthen Collaboration by Organising Summit") nor
    a heading over several ("Forthcoming Events").

    ``date_spans``: day or month dates of the section (relative offsets); one that ends
    the title is left out of the name.
    """
    title = st.section.title
    if not st.has_heading or not title:
        return None
    for phrase in phrases:
        if phrase.sentence != 0 or phrase.verb:
            continue
        if phrase.plural and not phrase.modified:
            return None
        before = [
            k
            for k in range(len(st.tokens))
            if st.sentence_of[k] == 0 and st.title_start <= st.start(k) < st.start(phrase.start)
        ]
        separators = [k for k in before if st.lower[k] in {":", "|", "–", "—"}]
        for k in before:
            if k < (separators[-1] if separators else -1):
                continue  # "Upcoming: Global Forum on X"
            if st.lower[k] in lex.title_clause_words:
                return None
            # A participle before a preposition: "Municipalities Honoured at Award Ceremony".
            if st.lower[k].endswith("ed") and k + 1 < len(st.tokens) and st.lower[k + 1] in _OTHER_PREPS:
                return None
        name = title.strip()
        # "Partnership Members at the Sustainable Development Summit": the name is what
        # follows the preposition.
        words = [k for k in before if st.lower[k] not in lex.determiners]
        if (words and st.lower[words[-1]] in _TITLE_LEAD_PREPS and words[-1] > before[0]) or separators:
            name = section_title_from(st, phrase.start)
        # A date at the end of a title ("Workshop on X, 5-6 May") is not part of the name.
        for start, end in sorted(date_spans, reverse=True):
            offset, end_offset = start - st.title_start, end - st.title_start
            if 0 < offset < len(name) and not name[end_offset:].strip(" ,.;:–-"):
                name = name[:offset].rstrip(" ,;:–-")
        return TitleActivity(name=name or title, event_type=phrase.event_type, phrase=phrase)
    return None


def section_title_from(st: SectionText, k: int) -> str:
    """The section title from token ``k`` to its end."""
    title = (st.section.title or "").strip()
    offset = st.start(k) - st.title_start
    return title[offset:] if 0 <= offset < len(title) else title


def _content_words(text: str, lex: EventLexicon) -> set[str]:
    stop = {"a", "an", "and", "of", "the", "for", "on", "in", "to", "at", "with", "by"}
    trigger_words = {w for key in lex.triggers for w in key}
    return {
        w for w in re.findall(r"[^\W_]+", normalise_name(text)) if w not in stop and w not in trigger_words
    }


def resolve_name(
    phrase: Phrase, phrases: Sequence[Phrase], title: TitleActivity | None, lex: EventLexicon
) -> tuple[str, str]:
    """Name and type of the event a phrase stands for (see the module docstring)."""
    if phrase.det in _OTHER_INSTANCE:
        return f"{phrase.det} {_strip_determiner(phrase.name, lex)}", phrase.event_type
    if title is not None and _is_title_activity(phrase, phrases, title, lex):
        return title.name, title.event_type
    if phrase.anaphoric:
        same = [
            p
            for p in phrases
            if p is not phrase
            and not p.anaphoric
            and not p.verb
            and p.modified
            and (p.event_type == phrase.event_type or phrase.event_type == "event")
        ]
        before = [p for p in same if p.start < phrase.start]
        antecedent = before[-1] if before else (same[0] if same else None)
        if antecedent is not None:
            if title is not None and antecedent is title.phrase:
                return title.name, title.event_type
            return _strip_determiner(antecedent.name, lex), antecedent.event_type
    return _strip_determiner(phrase.name, lex), phrase.event_type


def _is_title_activity(
    phrase: Phrase, phrases: Sequence[Phrase], title: TitleActivity, lex: EventLexicon
) -> bool:
    if phrase is title.phrase:
        return True
    if phrase.verb:
        # "met with X" in a section titled "Visit of X to Y", unless the body names a visit.
        return phrase.event_type == title.event_type or not any(
            p.event_type == title.event_type for p in phrases if p.sentence > 0
        )
    if phrase.event_type not in {title.event_type, "event"}:
        return False
    if phrase.anaphoric or not phrase.specific:
        return True  # "the workshop", "a capacity building workshop", "a working visit"
    own = _content_words(phrase.name, lex)
    return not own or len(own & _content_words(title.name, lex)) * 2 >= len(own)


def _strip_determiner(name: str, lex: EventLexicon) -> str:
    parts = name.split(" ", 1)
    if len(parts) == 2 and parts[0].lower() in lex.determiners:
        return parts[1]
    return name


# --------------------------------------------------------------------------- places


@dataclass(frozen=True)
class PlaceHit:
    start: int  # relative to the section
    end: int
    place: Place
    in_org: bool
    previous_word: str


def _place_kind(place: Place) -> str | None:
    kind = (place.kind or "").lower()
    if kind == "country":
        return "country" if place.country_code else None
    if kind == "city":
        return "city"
    if kind in {"region", "continent"}:
        return "area" if place.country_code else None
    return "other" if place.country_code else None


def place_hits(
    section: Section,
    places: Sequence[Place],
    mentions: Sequence[Mention],
    org_spans: Sequence[tuple[int, int]],
) -> list[PlaceHit]:
    """Places named in a section: its place mentions, then other occurrences of the
    places' names (a place inside an organisation's name: "hosted by the City of X")."""
    by_id = {p.place_id: p for p in places}
    spans: list[tuple[int, int, Place]] = []
    for m in mentions:
        place = by_id.get(m.entity_id or "")
        if place is None or not (section.char_start <= m.char_start < section.char_end):
            continue
        spans.append((m.char_start - section.char_start, m.char_end - section.char_start, place))
    for place in sorted(places, key=lambda p: -len(p.name)):
        # The substring test first: most places are not named in most sections.
        if len(place.name) < 2 or place.name not in section.text:
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(place.name)}(?![\w-])", section.text):
            if not any(s < match.end() and match.start() < e for s, e, _ in spans):
                spans.append((match.start(), match.end(), place))
    hits = []
    for start, end, place in sorted(spans, key=lambda s: s[0]):
        words = re.findall(r"[\w-]+", section.text[max(0, start - 30) : start])
        hits.append(
            PlaceHit(
                start=start,
                end=end,
                place=place,
                in_org=any(s <= start and end <= e for s, e in org_spans),
                previous_word=words[-1].lower() if words else "",
            )
        )
    return hits


def _best(hits: Sequence[PlaceHit], anchor: int) -> PlaceHit:
    """The place where something happens: "in X", "at X", "visited X" before a place that
    only qualifies someone ("officials of X", "delegates from X"), then the nearest."""

    def rank(h: PlaceHit) -> tuple[bool, int, int]:
        where = 0 if h.previous_word in _WHERE_WORDS else 2 if h.previous_word in _ORIGIN_WORDS else 1
        return (h.in_org, where, abs(h.start - anchor))

    return min(hits, key=rank)


def choose_place(hit_groups: Sequence[Sequence[PlaceHit]], anchor: int) -> tuple[str | None, str | None]:
    """City and country code from the first group that names a place.

    A city gives its own country. A group naming only a country gives the country, and a
    city of that country from a later group, if one names it.
    """
    country: str | None = None
    for hits in hit_groups:
        cities = [h for h in hits if _place_kind(h.place) in {"city", "other", "area"}]
        if country is not None:
            cities = [h for h in cities if h.place.country_code == country]
        if cities:
            ranked = sorted(
                cities, key=lambda h: {"city": 0, "other": 1, "area": 2}[_place_kind(h.place) or "area"]
            )
            best_kind = _place_kind(ranked[0].place)
            city = _best([h for h in cities if _place_kind(h.place) == best_kind], anchor)
            return city.place.name, city.place.country_code or country
        if country is None:
            countries = [h for h in hits if _place_kind(h.place) == "country"]
            if countries:
                country = _best(countries, anchor).place.country_code
    return None, country


# --------------------------------------------------------------------------- dates


def _sentence_at(st: SectionText, offset: int) -> int:
    starts = [b[0] for b in st.sentences]
    return max(0, bisect.bisect_right(starts, offset) - 1)


def is_deadline(st: SectionText, mention: DateMention, lex: EventLexicon) -> bool:
    """A date after "by", "before", "until"...: a deadline or a span, not an activity's day."""
    text_words = words_of(mention.text)
    if any(text_words[: len(cue)] == cue for cue in lex.deadline_cues):
        return True
    start = mention.char_start - st.section.char_start
    sentence_start = st.sentences[_sentence_at(st, start)][0] if st.sentences else 0
    before = words_of(st.section.text[max(sentence_start, start - 60) : start])
    if any(before[-len(cue) :] == cue for cue in lex.deadline_cues if len(before) >= len(cue)):
        return True
    # "the deadline for applications to the course is 5 May"
    near = before[-_DEADLINE_WINDOW:]
    return any(_match(near, k, cue) for cue in lex.deadline_words for k in range(len(near)))


def _has_any(st: SectionText, sentence: int, phrases: Sequence[Words]) -> bool:
    indices = [k for k in range(len(st.tokens)) if st.sentence_of[k] == sentence]
    if not indices:
        return False
    return bool(_find_phrases(st.lower, phrases, indices[0], indices[-1] + 1))


# --------------------------------------------------------------------------- assembly


@dataclass(frozen=True)
class _Anchor:
    phrase: Phrase
    mention: DateMention | None
    sentence: int
    position: int  # character offset (relative) used to pick places


@dataclass(frozen=True)
class _Context:
    doc_id: str
    st: SectionText
    lex: EventLexicon
    phrases: tuple[Phrase, ...]
    title: TitleActivity | None
    hits: tuple[PlaceHit, ...]
    mentions: tuple[Mention, ...]  # this section's mentions
    org_names: Mapping[str, Organisation]
    person_names: Mapping[str, Person]


def _phrase_start(st: SectionText, phrase: Phrase) -> int:
    return st.start(phrase.start)


def _phrase_end(st: SectionText, phrase: Phrase) -> int:
    return st.end(phrase.end - 1)


def _other_verb_between(st: SectionText, lo: int, hi: int, lex: EventLexicon) -> bool:
    """Is there a verb between the offsets other than one saying an activity takes place?"""
    if not st.tagged:
        return False
    allowed = {w for words in lex.event_verbs + lex.organiser_cues for w in words} | lex.organiser_verbs
    return any(
        lo <= t.idx < hi and t.pos_ == "VERB" and t.lower_ not in allowed and t.lemma_.lower() not in allowed
        for t in st.tokens
    )


def _assign_dates(
    st: SectionText,
    phrases: Sequence[Phrase],
    dates: Sequence[DateMention],
    title: TitleActivity | None,
    lex: EventLexicon,
) -> list[_Anchor]:
    anchors: list[_Anchor] = []
    base = st.section.char_start
    dated: dict[int, list[DateMention]] = {}  # phrase index -> dates
    index = {id(p): n for n, p in enumerate(phrases)}
    for mention in dates:
        if mention.granularity == "year" or is_deadline(st, mention, lex):
            continue
        start, end = mention.char_start - base, mention.char_end - base
        sentence = _sentence_at(st, start)
        in_sentence = [p for p in phrases if p.sentence == sentence]
        candidates = [p for p in in_sentence if not p.in_org] or in_sentence
        before = [p for p in candidates if _phrase_end(st, p) <= start]
        after = [p for p in candidates if _phrase_start(st, p) >= end]
        chosen = before[-1] if before else (after[0] if after else None)
        if chosen is not None and mention.granularity == "month":
            # A month is an activity's date only close to it, with no other action between
            # ("the workshop reviewed the survey of March 2013" dates the survey).
            lo, hi = (
                (_phrase_end(st, chosen), start) if chosen in before else (end, _phrase_start(st, chosen))
            )
            if hi - lo > _MONTH_DISTANCE or _other_verb_between(st, lo, hi, lex):
                chosen = None
        if chosen is None:
            if mention.granularity != "day" or not _has_any(st, sentence, lex.event_verbs):
                continue
            earlier = [p for p in phrases if p.sentence < sentence and not p.plural and not p.verb]
            if title is not None:
                anchors.append(_Anchor(title.phrase, mention, sentence, start))
            elif earlier:
                anchors.append(_Anchor(earlier[-1], mention, sentence, start))
            continue
        dated.setdefault(index[id(chosen)], []).append(mention)
        anchors.append(_Anchor(chosen, mention, sentence, start))
    # An activity held at another ("a workshop on the occasion of the Conference ... from
    # 12 to 16 May") shares the host's dates when it has none of its own.
    for n, host in enumerate(phrases):
        if not host.host or n not in dated:
            continue
        for m, main in enumerate(phrases[:n]):
            if main.sentence == host.sentence and not main.host and m not in dated and not main.verb:
                for mention in dated[n]:
                    anchors.append(_Anchor(main, mention, main.sentence, mention.char_start - base))
                dated[m] = list(dated[n])
    return anchors


def _drop_summary_months(anchors: Sequence[_Anchor]) -> list[_Anchor]:
    """A month that sums up days of the same activity ("In October three workshops were held:
    in Kigali (8 October), ...") is not a row of its own."""

    def summed_up(anchor: _Anchor) -> bool:
        month = anchor.mention
        if month is None or month.granularity != "month":
            return False
        return any(
            other.phrase is anchor.phrase
            and other.mention is not None
            and other.mention.granularity == "day"
            and month.start_date <= other.mention.start_date <= month.end_date
            for other in anchors
        )

    return [a for a in anchors if not summed_up(a)]


def _title_fallback(
    st: SectionText, dates: Sequence[DateMention], title: TitleActivity, lex: EventLexicon
) -> list[_Anchor]:
    """Dates of the activity a title names, when no sentence names it with a trigger."""
    base = st.section.char_start
    first_body = 1 if st.has_heading else 0
    for mention in dates:
        if mention.granularity != "day" or is_deadline(st, mention, lex):
            continue
        sentence = _sentence_at(st, mention.char_start - base)
        cued = _has_any(st, sentence, lex.event_verbs) or _has_any(st, sentence, lex.participation_cues)
        if cued or sentence == first_body:
            same = [d for d in dates if (d.char_start, d.char_end) == (mention.char_start, mention.char_end)]
            return [_Anchor(title.phrase, d, sentence, d.char_start - base) for d in same]
    return []


def _undated_anchor(ctx: _Context) -> _Anchor | None:
    """An activity named with a place, in a section with no dated activity."""
    st, lex = ctx.st, ctx.lex

    def sentence_hits(sentence: int) -> list[PlaceHit]:
        lo, hi = st.sentences[sentence]
        return [h for h in ctx.hits if lo <= h.start < hi and _place_kind(h.place) is not None]

    if ctx.title is not None:
        for phrase in ctx.phrases:
            if (
                phrase.sentence > 0
                and phrase.event_type == ctx.title.event_type
                and sentence_hits(phrase.sentence)
            ):
                return _Anchor(phrase, None, phrase.sentence, _phrase_start(st, phrase))
        if sentence_hits(0):
            return _Anchor(ctx.title.phrase, None, 0, 0)
        return None
    for phrase in ctx.phrases:
        if phrase.verb or phrase.plural or phrase.anaphoric or not phrase.modified:
            continue
        if sentence_hits(phrase.sentence) and _has_any(st, phrase.sentence, lex.event_verbs):
            return _Anchor(phrase, None, phrase.sentence, _phrase_start(st, phrase))
    return None


def _org_display(mention: Mention, org: Organisation) -> str:
    if org.acronym and mention.text.strip() == org.acronym:
        return org.acronym
    return org.name


def _names_in(ctx: _Context, lo: int, hi: int, kinds: set[str]) -> list[str]:
    """People and/or organisations mentioned between relative offsets lo and hi."""
    base = ctx.st.section.char_start
    names: list[str] = []
    for m in ctx.mentions:
        if not (lo <= m.char_start - base < hi):
            continue
        key = m.entity_id or ""
        if "ORG" in kinds and key in ctx.org_names:
            names.append(_org_display(m, ctx.org_names[key]))
        elif "PERSON" in kinds and key in ctx.person_names:
            names.append(ctx.person_names[key].name)
    return list(dict.fromkeys(names))


def _token_range(st: SectionText, sentence: int) -> tuple[int, int]:
    indices = [k for k in range(len(st.tokens)) if st.sentence_of[k] == sentence]
    return (indices[0], indices[-1] + 1) if indices else (0, 0)


def _organisers_after(ctx: _Context, cue_end: int, hi: int, others: Sequence[Phrase]) -> list[str]:
    """Organisations named after an organiser cue, up to the end of their list."""
    st = ctx.st
    org_spans = [(m.char_start, m.char_end) for m in ctx.mentions if (m.entity_id or "") in ctx.org_names]
    stop = cue_end
    while stop < hi:
        offset = st.section.char_start + st.start(stop)
        inside = any(s <= offset < e for s, e in org_spans)
        if not inside and (st.lower[stop] in _ORGANISER_STOPS or st.lower[stop] in {";", ".", ":"}):
            break
        if not inside and any(p.start == stop for p in others):
            break
        stop += 1
    if stop == cue_end:
        return []
    return _names_in(ctx, st.start(cue_end), st.start(stop - 1) + 1, {"ORG"})


def _organisers_of(ctx: _Context, phrase: Phrase) -> list[str]:
    """Organisations a sentence says organised or hosted the activity a phrase names."""
    st, lex = ctx.st, ctx.lex
    lo, hi = _token_range(st, phrase.sentence)
    others = [p for p in ctx.phrases if p.sentence == phrase.sentence and p is not phrase]
    found: list[str] = []
    for cue_start, cue_end in _find_phrases(st.lower, lex.organiser_cues, lo, hi):
        # A cue belongs to the nearest activity named before it.
        if cue_start < phrase.end or any(phrase.end <= p.start < cue_start for p in others):
            continue
        found += _organisers_after(ctx, cue_end, hi, others)
    for k in range(lo, phrase.start):
        if st.lower[k] in lex.organiser_verbs and not (k + 1 < hi and st.lower[k + 1] == "by"):
            if any(k < p.start < phrase.start for p in others):
                continue
            found += _names_in(ctx, st.sentences[phrase.sentence][0], st.start(k), {"ORG"})
    return list(dict.fromkeys(found))


def _unattached_organisers(ctx: _Context) -> list[str]:
    """Organisers named in sentences that name no activity ("It was jointly organized with X")."""
    found: list[str] = []
    with_phrases = {p.sentence for p in ctx.phrases}
    first = 1 if ctx.st.has_heading else 0
    for sentence in range(first, len(ctx.st.sentences)):
        if sentence in with_phrases:
            continue
        lo, hi = _token_range(ctx.st, sentence)
        for _start, cue_end in _find_phrases(ctx.st.lower, ctx.lex.organiser_cues, lo, hi):
            found += _organisers_after(ctx, cue_end, hi, ())
    return found


def _participants_of(
    ctx: _Context,
    anchor: _Anchor,
    same_event: Sequence[Phrase],
    only_activity: bool,
    organisers: Sequence[str],
) -> list[str]:
    st, lex = ctx.st, ctx.lex
    sentences = {anchor.sentence} | {p.sentence for p in same_event}
    if only_activity:
        sentences |= set(range(len(st.sentences)))
    names: list[str] = []
    for sentence in sorted(sentences):
        if sentence == 0 and st.has_heading:
            continue
        verb_event = anchor.phrase.verb and anchor.phrase.sentence == sentence
        if not verb_event and not _has_any(st, sentence, lex.participation_cues):
            continue
        lo, hi = st.sentences[sentence]
        names += _names_in(ctx, lo, hi, {"PERSON", "ORG"})
    return [n for n in dict.fromkeys(names) if n not in organisers]


def _event(ctx: _Context, anchor: _Anchor, name: str, event_type: str, only_activity: bool) -> Event:
    st = ctx.st
    section = st.section
    # Places: the sentence, then the title, then the other sentences nearest first.
    order = [anchor.sentence]
    if st.has_heading and anchor.sentence != 0:
        order.append(0)
    rest = [s for s in range(len(st.sentences)) if s not in order]
    order += sorted(rest, key=lambda s: (abs(s - anchor.sentence), s))
    groups = []
    for s in order:
        lo, hi = st.sentences[s]
        groups.append([h for h in ctx.hits if lo <= h.start < hi])
    city, country = choose_place(groups, anchor.position)
    same_event = [p for p in ctx.phrases if resolve_name(p, ctx.phrases, ctx.title, ctx.lex)[0] == name]
    if anchor.phrase not in same_event:
        same_event.append(anchor.phrase)
    organisers: list[str] = []
    for phrase in same_event:
        organisers += _organisers_of(ctx, phrase)
    if only_activity:
        organisers += _unattached_organisers(ctx)
    organisers = list(dict.fromkeys(organisers))
    participants = _participants_of(ctx, anchor, same_event, only_activity, organisers)
    lo, hi = st.sentences[anchor.sentence]
    mention = anchor.mention
    start_date: date | None = mention.start_date if mention else None
    return Event(
        doc_id=ctx.doc_id,
        section_id=section.section_id,
        event_id=stable_id(
            ctx.doc_id, section.section_id, name, start_date.isoformat() if start_date else None
        ),
        name=name,
        event_type=event_type,
        start_date=start_date,
        end_date=mention.end_date if mention else None,
        city=city,
        country_code=country,
        organisers=tuple(organisers),
        participants=tuple(participants),
        char_start=section.char_start + lo,
        char_end=section.char_start + hi,
    )


def section_events(
    doc_id: str,
    section: Section,
    doc: Doc,
    dates: Sequence[DateMention],
    places: Sequence[Place],
    mentions: Sequence[Mention],
    organisations: Sequence[Organisation],
    people: Sequence[Person],
    lex: EventLexicon,
) -> list[Event]:
    """Events of one section (inputs may cover the whole document)."""
    st = section_text(section, doc)
    lo, hi = section.char_start, section.char_end
    own_dates = sorted(
        (d for d in dates if lo <= d.char_start < hi), key=lambda d: (d.char_start, d.start_date)
    )
    own_mentions = tuple(sorted((m for m in mentions if lo <= m.char_start < hi), key=lambda m: m.char_start))
    org_by_id = {o.org_id: o for o in organisations}
    person_by_id = {p.person_id: p for p in people}
    org_spans = [
        (m.char_start - lo, m.char_end - lo)
        for m in own_mentions
        if (m.entity_id or "") in org_by_id or m.label == "ORG"
    ]
    date_spans = [(d.char_start - lo, d.char_end - lo) for d in own_dates]
    # A year may be part of a name ("Summit 2015"); days and months never are.
    blocked = _blocked_tokens(
        st, [(a, b) for (a, b), d in zip(date_spans, own_dates, strict=True) if d.granularity != "year"]
    )
    phrases = tuple(find_phrases(st, lex, blocked, _blocked_tokens(st, org_spans)))
    title_dates = [(d.char_start - lo, d.char_end - lo) for d in own_dates if d.granularity != "year"]
    title = title_activity(st, phrases, lex, title_dates)
    ctx = _Context(
        doc_id=doc_id,
        st=st,
        lex=lex,
        phrases=phrases,
        title=title,
        hits=tuple(place_hits(section, places, own_mentions, org_spans)),
        mentions=own_mentions,
        org_names=org_by_id,
        person_names=person_by_id,
    )
    anchors = _assign_dates(st, phrases, own_dates, title, lex)
    if not anchors and title is not None:
        anchors = _title_fallback(st, own_dates, title, lex)
    if not anchors:
        undated = _undated_anchor(ctx)
        anchors = [undated] if undated is not None else []
    anchors = _drop_summary_months(anchors)
    anchors.sort(key=lambda a: (a.sentence, a.position, a.phrase.start))
    named = [(a, *resolve_name(a.phrase, phrases, title, lex)) for a in anchors]
    only_activity = len({(n, a.mention.start_date if a.mention else None) for a, n, _ in named}) == 1
    events: list[Event] = []
    seen: set[tuple[object, ...]] = set()
    for anchor, name, event_type in named:
        when = (anchor.mention.start_date, anchor.mention.end_date) if anchor.mention else (None, None)
        keys = {(*when, normalise_name(name)), (*when, event_type)}
        if keys & seen:
            continue
        seen |= keys
        events.append(_event(ctx, anchor, name, event_type, only_activity))
    return events


def extract(context: DocumentContext) -> Extracted:
    """The events stage: activities, with the dates, places, people and organisations found before."""
    found = context.found
    events = find_events(
        context.doc_id,
        context.sections,
        context.docs,
        found.dates,
        found.places,
        found.mentions,
        found.organisations,
        found.people,
    )
    return Extracted(tuple(events))


def find_events(
    doc_id: str,
    sections: Sequence[Section],
    docs: Sequence[Doc],
    dates: Sequence[DateMention],
    places: Sequence[Place],
    mentions: Sequence[Mention],
    organisations: Sequence[Organisation],
    people: Sequence[Person],
    lexicon: EventLexicon | None = None,
) -> list[Event]:
    """Every event of a document, section by section, in text order."""
    lex = lexicon or load_lexicon()
    events: list[Event] = []
    for section, doc in zip(sections, docs, strict=True):
        events += section_events(doc_id, section, doc, dates, places, mentions, organisations, people, lex)
    return events
