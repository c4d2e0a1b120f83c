"""When an event happens: which date of a section goes with which activity.

Dates that are deadlines, months that only sum up days, and activities dated by the
title or by a host activity are decided here, so the stage only turns anchors into rows.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from pipeline.core.records import DateMention
from pipeline.extract.events.lexicon import EventLexicon, words_of
from pipeline.extract.events.names import TitleActivity
from pipeline.extract.events.phrases import Phrase
from pipeline.extract.events.places import PlaceHit, place_kind
from pipeline.extract.events.records import Anchor, Context
from pipeline.extract.events.tokens import SectionText, has_any, match

_MONTH_DISTANCE = 60  # characters between a month-only date and its trigger
_DEADLINE_WINDOW = 8  # words before a date searched for "deadline"


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
    return any(match(near, k, cue) for cue in lex.deadline_words for k in range(len(near)))


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
            if mention.granularity != "day" or not has_any(st, sentence, lex.event_verbs):
                continue
            earlier = [p for p in phrases if p.sentence < sentence and not p.plural and not p.verb]
            if title is not None:
                anchors.append(Anchor(title.phrase, mention, sentence, start))
            elif earlier:
                anchors.append(Anchor(earlier[-1], mention, sentence, start))
            continue
        dated.setdefault(index[id(chosen)], []).append(mention)
        anchors.append(Anchor(chosen, mention, sentence, start))
    # An activity held at another ("a workshop on the occasion of the Conference ... from
    # 12 to 16 May") shares the host's dates when it has none of its own.
    for n, host in enumerate(phrases):
        if not host.host or n not in dated:
            continue
        for m, main in enumerate(phrases[:n]):
            if main.sentence == host.sentence and not main.host and m not in dated and not main.verb:
                for mention in dated[n]:
                    anchors.append(Anchor(main, mention, main.sentence, mention.char_start - base))
                dated[m] = list(dated[n])
    return anchors


def drop_summary_months(anchors: Sequence[Anchor]) -> list[Anchor]:
    """A month that sums up days of the same activity ("In October three workshops were held:
    in Kigali (8 October), ...") is not a row of its own."""

    def summed_up(anchor: Anchor) -> bool:
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


def undated_anchor(ctx: Context) -> Anchor | None:
    """An activity named with a place, in a section with no dated activity."""
    st, lex = ctx.st, ctx.lex

    def sentence_hits(sentence: int) -> list[PlaceHit]:
        lo, hi = st.sentences[sentence]
        return [h for h in ctx.hits if lo <= h.start < hi and place_kind(h.place) is not None]

    if ctx.title is not None:
        for phrase in ctx.phrases:
            if (
                phrase.sentence > 0
                and phrase.event_type == ctx.title.event_type
                and sentence_hits(phrase.sentence)
            ):
                return Anchor(phrase, None, phrase.sentence, _phrase_start(st, phrase))
        if sentence_hits(0):
            return Anchor(ctx.title.phrase, None, 0, 0)
        return None
    for phrase in ctx.phrases:
        if phrase.verb or phrase.plural or phrase.anaphoric or not phrase.modified:
            continue
        if sentence_hits(phrase.sentence) and has_any(st, phrase.sentence, lex.event_verbs):
            return Anchor(phrase, None, phrase.sentence, _phrase_start(st, phrase))
    return None
