"""Organisation names found from their head words ("Ministry of ...", "... Secretariat",
"X's Office") inside runs of capitalised words: where each name starts and ends."""

from __future__ import annotations

import calendar
from collections.abc import Sequence

from pipeline.extract.acronyms import is_acronym_token
from pipeline.extract.organisations.coordination import (
    ModelEvidence,
    coordinated_left,
    listed_complement_end,
    prepositional_end,
)

# ``is_head_word`` and ``name_head`` are also read from here by the people stage.
from pipeline.extract.organisations.heads import is_head_word as is_head_word
from pipeline.extract.organisations.heads import is_role_phrase
from pipeline.extract.organisations.heads import name_head as name_head
from pipeline.extract.reference.organisations import OrgReference
from pipeline.extract.reference.place_names import is_demonym, is_place_name, place_words
from pipeline.extract.words import CONNECTORS, POSSESSIVE_MARKS, Word, is_cap_word

# "Commission on Monday", "Council in March": a date follows the name, it is not part of it.
CALENDAR_WORDS = frozenset(w.lower() for w in (*calendar.day_name, *calendar.month_name) if w)
# Tags of a verb that has a subject: "[Friends of the Park] Needs YOU", "[Council of Elders] Meets".
FINITE_VERB_TAGS = frozenset({"VBZ", "VBD"})
# Words that open the complement of a head: "Ministry *of* ...", "Association *for* ...".
COMPLEMENT_WORDS = frozenset({"of", "for", "on"})


# A line this long that breaks between two capitalised words is a paragraph wrapped inside a
# name ("... representatives from Vanuatu\nPolice Force"), not a heading over a line.
WRAPPED_LINE_CHARS = 60


def wrapped_at(words: Sequence[Word], j: int) -> bool:
    """Word ``j`` is the line break of a paragraph wrapped between two capitalised words."""
    t = words[j].text
    if t.strip() or t.count("\n") != 1 or j == 0 or j + 1 >= len(words):
        return False
    if not (is_cap_word(words[j - 1].text) and is_cap_word(words[j + 1].text)):
        return False
    k = j - 1
    while k > 0 and "\n" not in words[k].text:
        k -= 1
    line_start = words[k].char_end if "\n" in words[k].text else words[0].char_start
    return words[j].char_start - line_start >= WRAPPED_LINE_CHARS


def run_end(words: Sequence[Word], i: int) -> int:
    """End (exclusive) of the run of capitalised words that goes on at ``i``."""
    n = len(words)
    j = i
    while j < n:
        t = words[j].text
        if is_cap_word(t) or t in POSSESSIVE_MARKS or wrapped_at(words, j):
            j += 1
            continue
        k = j
        while k < n and words[k].text.lower() in CONNECTORS:
            k += 1
        if k > j and k < n and is_cap_word(words[k].text):
            j = k + 1
            continue
        break
    return j


def title_runs(words: Sequence[Word]) -> list[tuple[int, int]]:
    """Maximal stretches of capitalised words, with connectors and possessives inside."""
    runs: list[tuple[int, int]] = []
    i = 0
    n = len(words)
    while i < n:
        if not is_cap_word(words[i].text):
            i += 1
            continue
        j = run_end(words, i + 1)
        runs.append((i, j))
        i = j
    return runs


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
    if is_role_phrase(words, ref):
        return True
    if is_place_name(text) or any(is_demonym(w) for w in words):
        return False
    if any(is_acronym_token(w) for w in words) or ref.lookup_name(text):
        return False
    # "the Ministry's Department of ...": a word referring back to another body.
    return not all(is_head_word(w, ref.head_words) for w in words)


def _complement_end(
    words: Sequence[Word],
    k: int,
    end: int,
    place_head: bool,
    ref: OrgReference,
    ev: ModelEvidence,
    *,
    in_list: bool = False,
) -> int:
    """End (exclusive) of "of the Government of Dubai" after a head at ``k``; ``k + 1`` if none.

    ``in_list``: the name follows another in a list ("A, B and C"), whose "and" may close it.
    """
    j = k + 1
    if j >= end or words[j].text.lower() not in COMPLEMENT_WORDS:
        return k + 1
    if words[j].text.lower() == "on" and words[k].text.lower() in ref.heads_without_topic:
        return k + 1  # "a training by the Harbour Trust [on Liability Issues]": the topic of something else
    last = k + 1
    i = j
    while i < end:
        t = words[i].text
        low = t.lower()
        if low in {"and", "&"}:
            if not _and_continues(words, i, end, place_head, ref, j):
                break
            if (
                in_list
                and ev.org_ends_before(words, k, i)
                and not ev.ordinary(words, i + 1, run_end(words, i + 1))
            ):
                break  # "the X School, the University of the West Indies and Transparency Horizons"
        elif (
            place_head
            and low == "of"
            and i > j
            and words[i - 1].text.lower() not in {"republic", "kingdom", "state", "states"}
        ):
            break
        if low in CALENDAR_WORDS or t in POSSESSIVE_MARKS:
            break  # "... of the Ministry's Department": a possessive starts another name
        if words[i].tag in FINITE_VERB_TAGS:
            break  # "Friends of the Park Needs YOU": a heading's verb ends the name
        if is_cap_word(t):
            last = i + 1
        elif low not in CONNECTORS and not wrapped_at(words, i):
            break
        i += 1
        if i == end and i < len(words) and words[i].text == "," and not place_head:
            # "Ministry of Science, Energy and Technology": a list inside the complement.
            items_end = listed_complement_end(words, i, k, ref, ev)
            if items_end is not None:
                last, i, end = items_end, items_end, run_end(words, items_end)
        elif i == end and i < len(words) and not place_head:
            # "Commission of Inquiry into the Flood Response": a preposition inside the name.
            further = prepositional_end(words, i, k, ref, ev)
            if further is not None:
                last, i, end = further, further, run_end(words, further)
    # "Permanent Missions on the E-Government Survey": the complement names a work. A plural
    # after "of" or "for" is a field ("Institute for Development Studies").
    work = words[last - 1].text.lower()
    if work in ref.non_org_words and (words[j].text.lower() == "on" or not work.endswith("s")):
        return k + 1
    return last


def _and_continues(
    words: Sequence[Word],
    i: int,
    end: int,
    place_head: bool,
    ref: OrgReference,
    opening: int,
) -> bool:
    """Whether "and" at ``i`` joins two parts of one name ("Public Administration and Security").

    ``opening`` is the index of the "of"/"for"/"on" that opens the complement.
    """
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
    # "for Asia and the Pacific", "of Trinidad and Tobago", "of Antigua and Barbuda": one place name.
    first = opening + 1 + (words[opening + 1].text.lower() == "the")
    whole = " ".join(w.text for w in words[first:m])
    if is_place_name(whole) or (
        is_place_name(" ".join(tail)) and (is_place_name(previous) or previous.lower() in place_words())
    ):
        return True
    if place_head or words[i + 1].text.lower() == "the":
        return False
    # "... and European Commission", "... and Chair of the jury": something else starts.
    return not any(is_head_word(w, ref.head_words) for w in tail) and not is_role_phrase(tail[:1], ref)


def head_candidates(
    words: Sequence[Word], run: tuple[int, int], ref: OrgReference, ev: ModelEvidence | None = None
) -> list[tuple[int, int]]:
    """Organisation names inside a run of capitalised words, found from their head words.

    ``ev`` is the model's reading of the section, which tells where a name with "and" or
    commas inside starts and ends; without it (a blank pipeline) "and" never starts a name.
    """
    ev = ev or ModelEvidence()
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
        while left > start and (is_cap_word(words[left - 1].text) or wrapped_at(words, left - 1)):
            # "Director General Organisation for ..." (a signature): the title is not the name.
            if is_role_phrase([w.text for w in words[max(start, left - 2) : left]], ref):
                # "King George V Trust": a body named after a royal keeps the title.
                if left < k and words[left - 1].text.lower() in ref.eponym_titles:
                    left -= 1
                break
            left -= 1
        if left > start + 1 and words[left - 1].text in POSSESSIVE_MARKS:
            p = left - 1
            while p > start and is_cap_word(words[p - 1].text):
                p -= 1
            possessor = [w.text for w in words[p : left - 1]]
            if possessor and _possessor_included(possessor, ref):
                left = p
        left = coordinated_left(words, left, k, ref, ev)
        if topic_of_event(words, left, ref):
            continue
        right = _complement_end(words, k, end, place_head, ref, ev, in_list=ev.listed_after_org(words, left))
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


def company_names(words: Sequence[Word], ref: OrgReference) -> list[tuple[int, int]]:
    """Companies whose legal form follows a comma: "Global Interactions, Inc.", "Acme, Ltd."."""
    found = []
    for i in range(2, len(words)):
        if words[i].text.lower() not in ref.company_suffixes or words[i - 1].text != ",":
            continue
        left = i - 1
        while left > 0 and is_cap_word(words[left - 1].text) and not is_acronym_token(words[left - 1].text):
            left -= 1
        if left < i - 1 and not is_place_name(" ".join(w.text for w in words[left : i - 1])):
            found.append((left, i + 1))
    return found


# Words between "a" and the kind of body: "a [non-profit] organisation", "a [civil society] group".
MAX_KIND_MODIFIERS = 3
# Entities that are no body, whatever an apposition says. (The model's PERSON gives way: "Neuro
# Strategies, a consultancy" names no person; "Jane Roe, a company director" is no apposition
# of a kind of body, its head noun follows.)
_NOT_BODY_LABELS = frozenset({"NORP", "DATE", "TIME", "EVENT", "WORK_OF_ART"})
_NAME_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS", "JJ"})


def described_names(words: Sequence[Word], ref: OrgReference, ev: ModelEvidence) -> list[tuple[int, int]]:
    """Names an apposition says are bodies: "Medtronix, a company based in Oslo", "Tide Watch,
    a civil society group". The parse hangs the kind of body as an apposition; the name is the
    proper nouns before the comma, which the model calls no person, place or date."""
    doc = ev.doc
    if doc is None or not ref.kind_nouns:
        return []
    found: list[tuple[int, int]] = []
    n = len(words)
    for i in range(1, n - 2):
        if words[i].text != "," or words[i + 1].text.lower() not in {"a", "an"}:
            continue
        # The apposition's head: "a [non-profit] *organisation*", "a [civil society] *group*".
        j = i + 2
        while (
            j < n
            and j - (i + 2) < MAX_KIND_MODIFIERS
            and words[j].text[:1].islower()
            and doc[words[j].start].dep_ != "appos"
        ):
            j += 1
        if j >= n or words[j].text.lower() not in ref.kind_nouns or doc[words[j].start].dep_ != "appos":
            continue
        if j + 1 < n and (words[j + 1].tag in {"NN", "NNS"} or words[j + 1].text.lower() == "of"):
            continue  # "a company director", "a group of volunteers"
        a = i
        while a > 0 and is_cap_word(words[a - 1].text):
            a -= 1
        while a < i and words[a].tag not in _NAME_TAGS:
            a += 1  # "Yesterday Medtronix, ..."
        if a == i or any(is_acronym_token(w.text) for w in words[a:i]):
            continue  # acronyms are decided by the acronym rules
        text = " ".join(w.text for w in words[a:i])
        if is_place_name(text):
            continue
        # The model's place over an unknown name gives way to the apposition ("Medtronix").
        labels = {doc[t].ent_type_ for t in range(words[a].start, words[i - 1].end)}
        if not labels & _NOT_BODY_LABELS:
            found.append((a, i))
    return found
