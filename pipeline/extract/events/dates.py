"""When an event happens: which date of a section goes with which activity.

Dates that are deadlines, months that only sum up days, and activities dated by the
title or by a host activity are decided here, so the stage only turns anchors into rows.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import replace

from spacy.tokens import Token

from pipeline.core.records import DateMention
from pipeline.extract.events.agenda import (
    agenda_label,
    heading_above,
    in_day_list,
    item_after_comma,
    opens_list_item,
)
from pipeline.extract.events.lexicon import EventLexicon, Words, words_of
from pipeline.extract.events.names import TitleActivity
from pipeline.extract.events.phrases import Phrase
from pipeline.extract.events.records import Anchor
from pipeline.extract.events.syntax import (
    argument_link,
    chain,
    clean_link,
    distance,
    governing_verb,
    phrase_top,
    span_root,
)
from pipeline.extract.events.tokens import SectionText, _find_phrases, ends_with, has_any, match
from pipeline.extract.model_rules import lemma as lemma_of

_MONTH_DISTANCE = 60  # characters between a month-only date and its trigger
_DEADLINE_WINDOW = 8  # words before a date searched for "deadline"
_LIST_REACH = 300  # characters between an activity and the list of its days below it
# Subjects that hold an activity rather than name one (the English and the French labels).
_AGENTS = frozenset({"ORG", "PERSON", "PER", "NORP", "GPE", "LOC"})


def _sentence_at(st: SectionText, offset: int) -> int:
    starts = [b[0] for b in st.sentences]
    return max(0, bisect.bisect_right(starts, offset) - 1)


def _own_subject(st: SectionText, sentence: int, lex: EventLexicon) -> bool:
    """Does a verb saying that something takes place have a subject of its own, a noun that is
    no activity word ("a flu vaccination clinic will run at the centre on 14 May")? The
    sentence is then about that thing, not the activity named before it ("It was held on ...")."""
    if not st.parsed:
        return False
    indices = [k for k in range(len(st.tokens)) if st.sentence_of[k] == sentence]
    if not indices:
        return False
    for k, _ in _find_phrases(st.lower, lex.event_verbs, indices[0], indices[-1] + 1):
        subjects = [c for c in st.tokens[k].children if c.dep_ in _SUBJECT_DEPS]
        if any(_other_thing(c, lex) for c in subjects):
            return True
    return False


def _we_gather(st: SectionText, sentence: int, lex: EventLexicon) -> bool:
    """Does the sentence say that the group comes together, with no activity named ("This
    year, we're meeting on Monday 12 April")? A verb of gathering whose subject is a pronoun
    or absent; a noun subject is a group of its own ("the book club meets on 3 May")."""
    for k in range(len(st.tokens)):
        if st.sentence_of[k] != sentence or st.lower[k] not in lex.gathering_verbs:
            continue
        token = st.tokens[k]
        if st.tagged and token.pos_ not in {"VERB", "AUX"}:
            continue
        subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS] if st.parsed else []
        if all(c.pos_ == "PRON" for c in subjects):
            return True
    return False


def _verbless_item(st: SectionText, start: int, end: int) -> tuple[int, int] | None:
    """Character bounds of the item, between semicolons, of a list that holds a date, where the
    item has no verb ("newsletter mailing; June 6th, National Trails Day (trail work); booth
    help"): the date is of what the item names, never of another item's activity."""
    sentence_start, sentence_end = st.sentences[_sentence_at(st, start)]
    text = st.section.text
    lo, hi = text.rfind(";", sentence_start, start), text.find(";", end, sentence_end)
    if lo < 0 and hi < 0:
        return None
    lo = sentence_start if lo < 0 else lo + 1
    hi = sentence_end if hi < 0 else hi
    if not st.tagged:
        return None
    in_item = [t for k, t in enumerate(st.tokens) if lo <= st.start(k) < hi]
    if any(t.pos_ in {"VERB", "AUX"} for t in in_item):
        return None
    return lo, hi


def _other_thing(subject: Token, lex: EventLexicon) -> bool:
    """Does a subject name a thing of its own: a noun that is no agent (a body or a person holds
    an activity), no activity word and no trigger?"""
    word = subject.lower_
    return (
        subject.pos_ in {"NOUN", "PROPN"}
        and subject.ent_type_ not in _AGENTS
        and word not in lex.activity_words
        and (word,) not in lex.triggers
    )


def _said_of_an_entry(st: SectionText, start: int, end: int, lex: EventLexicon) -> bool:
    """Does the date hang on a verb that opens or closes the entry to an activity, the entry
    its subject ("Registration for the Summit opens on 20 September"), not on the activity?
    ("Nominations were screened on 14 May" is an activity of its own.)"""
    if not st.parsed or not lex.entry_words:
        return False
    root = span_root(st, start, end)
    for token in chain(root) if root is not None else ():
        # the nearest word above the date with a subject: a verb, or the adjective the parser
        # may take "open" for ("Bookings for the Forum open on 2 March")
        subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            opens = lemma_of(token).lower() in lex.entry_verbs or token.lower_ in lex.entry_verbs
            return opens and any(c.lower_ in lex.entry_words for c in subjects)
    return False


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
    if any(match(near, k, cue) for cue in lex.deadline_words for k in range(len(near))):
        return True
    if _said_of_an_entry(st, start, mention.char_end - st.section.char_start, lex):
        return True
    # A label: "- 1 June: Deadline for course applications"
    end = mention.char_end - st.section.char_start
    sentence_end = st.sentences[_sentence_at(st, start)][1] if st.sentences else len(st.section.text)
    after = [w for w in words_of(st.section.text[end : min(sentence_end, end + 40)]) if w.isalnum()]
    return any(tuple(after[: len(cue)]) == cue for cue in lex.deadline_words)


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
        lo <= t.idx < hi
        and t.pos_ == "VERB"
        and t.lower_ not in allowed
        and lemma_of(t).lower() not in allowed
        for t in st.tokens
    )


def _is_contribution(st: SectionText, phrase: Phrase, lex: EventLexicon) -> bool:
    """Is the trigger part of a participation cue ("made a presentation"): a contribution to
    another activity rather than an activity of its own?"""
    if phrase.verb:
        return False
    lo = max(0, phrase.head - 4)
    return any(
        lo <= s <= phrase.head < e
        for s, e in _find_phrases(st.lower, lex.participation_cues, lo, phrase.head + 1)
    )


def _coarse(mention: DateMention) -> bool:
    """A month, a season or a part of a year: it dates an activity only when tied to it."""
    return mention.granularity not in {"day", "year"}


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "nsubj:pass"})
_RELATIVE_CLAUSES = frozenset({"relcl", "acl:relcl"})
# "Spring Fair – Saturday 4 May", "sa visite à Kolofata le 12 mai", "Repas des aînés ce jeudi 19"
_BETWEEN_NAME_AND_DAY = " \t\n,:-–—"
# "gave a speech at a reception", "hosted the pupils for a nature walk"
_WEAK_PREPS = frozenset({"at", "during", "with", "for"})


def _tied(
    st: SectionText, root: Token | None, phrase: Phrase, start: int, end: int, lex: EventLexicon
) -> bool:
    name_end = _phrase_end(st, phrase)
    between = st.section.text[name_end:start].strip(_BETWEEN_NAME_AND_DAY).lower().split()
    if name_end <= start and all(w in lex.determiners or w in lex.schedule_words for w in between):
        # the date right after the name ("sa visite à Boukoula le 23 mai"), or after the word
        # that schedules it ("une session de mobilisation, prévue du 2 au 7 avril")
        return True
    if root is None:  # no parse: near it in the text
        lo, hi = (
            (_phrase_end(st, phrase), start)
            if _phrase_end(st, phrase) <= start
            else (end, _phrase_start(st, phrase))
        )
        return hi - lo <= _MONTH_DISTANCE
    verbs = frozenset(key.split()[0] for key in lex.argument_verbs)
    head = st.tokens[phrase.head]
    while head.dep_ == "conj" and phrase.start <= head.head.i < head.i:
        head = head.head  # "a show and tell": the parse hangs the name on its first noun
    if argument_link(root, head, _WEAK_PREPS, verbs):
        return True
    # The activity is the subject of the verb the date hangs on, however the parser hung the
    # date below it ("a joint mission went to the region on 19 July").
    verb = governing_verb(root)
    if verb is None:
        return False
    top = phrase_top(head)
    return top.head.i == verb.i and top.dep_ in _SUBJECT_DEPS


def _in_other_clause(head: Token, root: Token) -> bool:
    """Is the activity named inside a relative clause that leaves the date out ("a trustee,
    who chaired the 2009 Gala, passed away on 12 August": the day is the trustee's)?"""
    for token in (head, *head.ancestors):
        if token.dep_ in _RELATIVE_CLAUSES:
            return not token.left_edge.i <= root.i <= token.right_edge.i
    return False


def _choose(
    st: SectionText,
    candidates: Sequence[Phrase],
    mention: DateMention,
    lex: EventLexicon,
    taken: Mapping[int, Sequence[DateMention]],
    other_dates: Sequence[tuple[int, int]] = (),
) -> Phrase | None:
    """The activity a date belongs to: the one nearest to it on the parse tree (word order
    breaks ties and stands in when there is no parse), the trigger before it, else after it."""
    base = st.section.char_start
    start, end = mention.char_start - base, mention.char_end - base
    before = [p for p in candidates if _phrase_end(st, p) <= start]
    after = [p for p in candidates if _phrase_start(st, p) >= end]
    # The activity the date's own words name ("April meeting: Sun 18") is the date's.
    inside = [p for p in candidates if start <= _phrase_start(st, p) and _phrase_end(st, p) <= end]
    if inside:
        return inside[0]
    # A date in the aside that closes an activity's name ("the Forum (Lyon, 11-12 April), a
    # colloquium (Metz, 10-11 April)") is that activity's, not the next one's.
    around = [p for p in candidates if _phrase_start(st, p) <= start and end <= _phrase_end(st, p)]
    if around:
        return min(around, key=lambda p: _phrase_end(st, p) - _phrase_start(st, p))
    order = before[::-1] + after
    item = _verbless_item(st, start, end)
    if item is not None:
        order = [p for p in order if item[0] <= _phrase_start(st, p) and _phrase_end(st, p) <= item[1]]
    if not order:
        return None
    root = span_root(st, start, end) if st.parsed else None
    if root is not None:
        order = [p for p in order if not _in_other_clause(st.tokens[p.head], root)]
    # A trigger with other senses gets a date only through its own clause ("a careers fair
    # took place on 9 April"), not from anywhere in the sentence ("tensions rose on 5 May
    # due to competition for water").
    order = [p for p in order if not p.weak or _tied(st, root, p, start, end, lex)]
    if not order:
        return None

    def rank(item: tuple[int, Phrase]) -> tuple[bool, bool, int, int]:
        n, p = item
        far = distance(root, st.tokens[p.head]) if root is not None else None
        # An activity has one date in a sentence: a second one (not of the same list of
        # days) goes to another activity when the sentence names one.
        other = any(d.char_start != mention.char_start for d in taken.get(id(p), ()))
        # A trigger names the activity before a verb's argument does ("presented the report
        # at the Forum on 5 May": the Forum).
        weak = p.argument or _is_contribution(st, p, lex)
        return (weak, other, far if far is not None else 1000, n)

    chosen = min(enumerate(order), key=rank)[1]
    if _coarse(mention):
        # A month is an activity's date only close to it, with no other action between
        # ("the workshop reviewed the survey of March 2013" dates the survey).
        tied = root is not None and clean_link(root, st.tokens[chosen.head])
        lo, hi = (_phrase_end(st, chosen), start) if chosen in before else (end, _phrase_start(st, chosen))
        if not tied and (hi - lo > _MONTH_DISTANCE or _other_verb_between(st, lo, hi, lex)):
            return None
        if chosen not in before and any(lo <= a and b <= hi for a, b in other_dates):
            return None  # "Wine Club in June and 7 April clean-up": June is not the clean-up's
    return chosen


def _bare_item(st: SectionText, sentence: int, phrases: Sequence[Phrase]) -> bool:
    """A list item that names no activity and says nothing happened: a day, a time, a room."""
    if any(p.sentence == sentence for p in phrases):
        return False
    return not st.tagged or not any(
        st.tokens[k].pos_ in {"VERB", "AUX"} for k in range(len(st.tokens)) if st.sentence_of[k] == sentence
    )


def assign_dates(
    st: SectionText,
    phrases: Sequence[Phrase],
    dates: Sequence[DateMention],
    title: TitleActivity | None,
    lex: EventLexicon,
) -> list[Anchor]:
    anchors: list[Anchor] = []
    base = st.section.char_start
    dated: dict[int, list[DateMention]] = {}  # phrase index -> dates
    index = {id(p): n for n, p in enumerate(phrases)}
    taken: dict[int, list[DateMention]] = {}  # id of a phrase -> the dates it has
    spans = [(d.char_start - base, d.char_end - base) for d in dates]
    for mention in dates:
        if mention.granularity == "year" or is_deadline(st, mention, lex):
            continue
        start = mention.char_start - base
        sentence = _sentence_at(st, start)
        label = agenda_label(st, mention)
        chosen: Phrase | None = None
        if label is None:  # a heading with its day under it; an item "- 6 April, Spring Fair"
            chosen = heading_above(st, mention, phrases, dates) or item_after_comma(st, mention, phrases)
        if chosen is not None:
            pass
        elif label is not None:
            # A day that labels its line ("17 June: Prize-giving") dates what the line names.
            on_line = [p for p in phrases if label[0] <= _phrase_start(st, p) < label[1]]
            chosen = on_line[0] if on_line else None
        else:
            in_sentence = [p for p in phrases if p.sentence == sentence]
            candidates = [p for p in in_sentence if not p.in_org] or in_sentence
            chosen = _choose(st, candidates, mention, lex, taken, spans)
        if chosen is None and label is not None:
            continue
        if chosen is None and in_day_list(st, mention, dates, lex):
            # "informal forums held through the year: / - At the Library: April 16, June 18": the
            # days of the activity the title, else the text before the line, names.
            line_start = st.section.text.rfind("\n", 0, start) + 1
            before = [
                p
                for p in phrases
                if line_start - _LIST_REACH <= _phrase_end(st, p) <= line_start and not p.verb
            ]
            # A kind of activity over the word "event" ("forums ... drop-in events").
            before = [p for p in before if p.event_type != "event"] or before
            if title is not None or before:
                owner = title.phrase if title is not None else before[-1]
                anchors.append(Anchor(owner, mention, sentence, start))
            continue
        if chosen is None and opens_list_item(st, mention) and _bare_item(st, sentence, phrases):
            # "Upcoming dates: / - Tuesday, 15 November, noon to 1 pm": the days of the
            # activity the title, else the text before the list, names.
            named = [
                p for p in phrases if p.sentence < sentence and p.specific and not p.plural and not p.verb
            ]
            if title is not None or named:
                owner = title.phrase if title is not None else named[-1]
                anchors.append(Anchor(owner, mention, sentence, start))
            continue
        if chosen is None:
            # "It was held on 3 May", "Our next one is on Sunday 11 March": the activity before
            cued = (
                has_any(st, sentence, lex.event_verbs)
                or has_any(st, sentence, lex.back_reference_phrases)
                or _we_gather(st, sentence, lex)
            )
            if mention.granularity != "day" or not cued:
                continue
            earlier = [p for p in phrases if p.sentence < sentence and not p.plural and not p.verb]
            if title is not None:
                anchors.append(Anchor(title.phrase, mention, sentence, start))
            elif earlier and not _own_subject(st, sentence, lex):
                anchors.append(Anchor(earlier[-1], mention, sentence, start))
            continue
        dated.setdefault(index[id(chosen)], []).append(mention)
        taken.setdefault(id(chosen), []).append(mention)
        anchors.append(Anchor(chosen, mention, sentence, start))
    # An activity held at another ("a workshop on the occasion of the Conference ... from
    # 12 to 16 May") shares the host's dates when it has none of its own, and the host
    # shares the dates written after its name ("the workshop, held on the occasion of the
    # Conference in Arusha, from 3 to 5 June"), not those before it ("a side event on
    # 1 July, during the Forum").
    for n, host in enumerate(phrases):
        if not host.host:
            continue
        for m, main in enumerate(phrases[:n]):
            if main.sentence != host.sentence or main.host or main.verb or main.argument:
                continue
            if n in dated and m not in dated:
                giver, taker = n, m
            elif (
                m in dated
                and n not in dated
                and all(d.char_start - base >= _phrase_end(st, host) for d in dated[m])
            ):
                giver, taker = m, n
            else:
                continue
            for mention in dated[giver]:
                anchors.append(Anchor(phrases[taker], mention, main.sentence, mention.char_start - base))
            dated[taker] = list(dated[giver])
    anchors += _coordinated(st, phrases, dated, lex)
    anchors += _followed(st, phrases, dated, lex)
    return anchors


def _coordinated(
    st: SectionText, phrases: Sequence[Phrase], dated: Mapping[int, Sequence[DateMention]], lex: EventLexicon
) -> list[Anchor]:
    """Activities joined by "and" share their dates: "a Training Workshop and an Expert Group
    Meeting on 16-17 May" are both held on those days, though the date goes to one of them. A
    bare trigger joined with no article is a word of the other's name ("Day, Ceremony and
    Forum")."""
    base = st.section.char_start
    found: list[Anchor] = []
    for n, first in enumerate(phrases[:-1]):
        second = phrases[n + 1]
        pair = (n, n + 1)
        if (
            first.sentence != second.sentence
            or (n in dated) == (n + 1 in dated)
            or any(p.verb or p.argument or p.in_org or p.host for p in (first, second))
            or first.end > second.start
        ):
            continue
        between = st.lower[first.end : second.start]
        if not any(w in lex.conjunctions for w in between) or not all(
            w in lex.conjunctions or w in lex.determiners or w == "," for w in between
        ):
            continue
        giver, taker = pair if n in dated else pair[::-1]
        if not phrases[taker].modified and not any(w in lex.determiners for w in between):
            continue  # "Awards Day, Ceremony and Forum": the words of one name
        found += [
            Anchor(phrases[taker], mention, phrases[taker].sentence, mention.char_start - base)
            for mention in dated[giver]
        ]
    return found


def _followed(
    st: SectionText, phrases: Sequence[Phrase], dated: Mapping[int, Sequence[DateMention]], lex: EventLexicon
) -> list[Anchor]:
    """An activity that follows another in the same sentence ("The AGM will be held on 15 April
    at the hall, followed by a talk on frogs") is held on its days when it has none of its own."""
    if not lex.sequel_cues:
        return []
    base = st.section.char_start
    found: list[Anchor] = []
    for n, first in enumerate(phrases[:-1]):
        second = phrases[n + 1]
        if n not in dated or n + 1 in dated or first.sentence != second.sentence or second.verb:
            continue
        k = second.start
        while k > first.end and st.lower[k - 1] in lex.determiners:
            k -= 1
        if not any(ends_with(st.lower, k, cue) for cue in lex.sequel_cues):
            continue
        found += [Anchor(second, mention, second.sentence, mention.char_start - base) for mention in dated[n]]
    return found


def drop_summary_months(anchors: Sequence[Anchor]) -> list[Anchor]:
    """A month that sums up days of the same activity ("In October three workshops were held:
    in Kigali (8 October), ...") is not a row of its own."""

    def summed_up(anchor: Anchor) -> bool:
        month = anchor.mention
        if month is None or not _coarse(month):
            return False
        return any(
            other.phrase is anchor.phrase
            and other.mention is not None
            and other.mention.granularity == "day"
            and month.start_date <= other.mention.start_date <= month.end_date
            for other in anchors
        )

    return [a for a in anchors if not summed_up(a)]


def title_fallback(
    st: SectionText, dates: Sequence[DateMention], title: TitleActivity, lex: EventLexicon
) -> list[Anchor]:
    """Dates of the activity a title names, when no sentence names it with a trigger."""
    base = st.section.char_start
    first_body = 1 if st.has_heading else 0
    for mention in dates:
        if mention.granularity != "day" or is_deadline(st, mention, lex):
            continue
        sentence = _sentence_at(st, mention.char_start - base)
        cued = has_any(st, sentence, lex.event_verbs) or has_any(st, sentence, lex.participation_cues)
        if cued or sentence == first_body:
            same = [d for d in dates if (d.char_start, d.char_end) == (mention.char_start, mention.char_end)]
            return [Anchor(title.phrase, d, sentence, d.char_start - base) for d in same]
    return []


def _after_cue(st: SectionText, mention: DateMention, cues: Sequence[Words]) -> bool:
    """Is the date written right after one of the cues (within its sentence)?"""
    start = mention.char_start - st.section.char_start
    text_words = words_of(mention.text)
    if any(text_words[: len(cue)] == cue for cue in cues):
        return True
    sentence_start = st.sentences[_sentence_at(st, start)][0] if st.sentences else 0
    before = words_of(st.section.text[max(sentence_start, start - 60) : start])
    # The cue may end inside the date's text: "will close" + "on 12 August".
    lead = tuple(w for w in text_words[:2] if w.isalpha())
    heads = [before + lead[:n] for n in range(len(lead) + 1) if lead[:n] == text_words[:n]]
    return any(len(words) >= len(cue) and words[-len(cue) :] == cue for words in heads for cue in cues)


def rescheduled(st: SectionText, anchors: Sequence[Anchor], lex: EventLexicon) -> list[Anchor]:
    """An activity "postponed to March 2021" takes place then: the date it was due on, in the
    same sentence, is dropped."""
    moved = [a for a in anchors if a.mention is not None and _after_cue(st, a.mention, lex.reschedule_cues)]
    if not moved:
        return list(anchors)
    return [
        a
        for a in anchors
        if a in moved or not any(m.phrase is a.phrase and m.sentence == a.sentence for m in moved)
    ]


def extend_to_end_dates(
    st: SectionText, anchors: Sequence[Anchor], dates: Sequence[DateMention], lex: EventLexicon
) -> list[Anchor]:
    """An activity that "opened on 2 July and will close on 12 August" runs from the first
    day to the second: a later day after an end cue, in the same sentence, tied to the same
    clause on the parse (the same verb or one joined to it by "and")."""
    base = st.section.char_start
    out: list[Anchor] = []
    for anchor in anchors:
        mention = anchor.mention
        if mention is None or mention.granularity != "day" or mention.end_date != mention.start_date:
            out.append(anchor)
            continue
        ends = [
            d
            for d in dates
            if d.granularity == "day"
            and d.start_date > mention.end_date
            and _sentence_at(st, d.char_start - base) == anchor.sentence
            and d.char_start > mention.char_end
            and _after_cue(st, d, lex.end_cues)
            and _same_clause(st, mention, d)
        ]
        if ends:
            mention = replace(mention, end_date=ends[0].end_date)
            anchor = replace(anchor, mention=mention)
        out.append(anchor)
    return out


def _same_clause(st: SectionText, first: DateMention, second: DateMention) -> bool:
    if not st.parsed:
        return False
    base = st.section.char_start
    a = span_root(st, first.char_start - base, first.char_end - base)
    b = span_root(st, second.char_start - base, second.char_end - base)
    verb_a = governing_verb(a) if a is not None else None
    verb_b = governing_verb(b) if b is not None else None
    if verb_a is None or verb_b is None:
        return False
    return verb_a.i == verb_b.i or (verb_b.dep_ == "conj" and verb_b.head.i == verb_a.i)
