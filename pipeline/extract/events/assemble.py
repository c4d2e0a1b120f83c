"""The events stage: one section's activities, dates, names, places and people put together as rows.

It only wires the rules of the sibling modules; this is the entry point the registry calls.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from pipeline.core.ids import normalise_name, stable_id
from pipeline.core.records import DateMention, Event, Mention, Organisation, Person, Place, Section
from pipeline.extract.context import DocumentContext, Extracted
from pipeline.extract.events.agenda import agenda_phrases, heading_day
from pipeline.extract.events.arguments import (
    argument_phrases,
    refine_verb_phrases,
    with_destination,
    with_purpose,
)
from pipeline.extract.events.dates import (
    assign_dates,
    drop_summary_months,
    extend_to_end_dates,
    rescheduled,
    title_fallback,
)
from pipeline.extract.events.lexicon import EventLexicon, load_lexicon, unaccented
from pipeline.extract.events.listings import listing_phrases
from pipeline.extract.events.names import resolve_name, title_activity
from pipeline.extract.events.participants import organisers_of, participants_of, unattached_organisers
from pipeline.extract.events.phrases import find_phrases
from pipeline.extract.events.places import choose_place, home_country, place_hits
from pipeline.extract.events.records import Anchor, Context
from pipeline.extract.events.sittings import sitting_phrases, with_its_day
from pipeline.extract.events.tokens import blocked_tokens, named_in_dates, section_text
from pipeline.extract.events.undated import undated_anchors
from pipeline.extract.events.weekdays import publication_day, report_week, weekday_dates, weekday_numbers


def _event(ctx: Context, anchor: Anchor, name: str, event_type: str, only_activity: bool) -> Event:
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
    name_end = st.end(anchor.phrase.end - 1) if anchor.mention is None else None
    city, country = choose_place(groups, anchor.position, name_end)
    same_event = [p for p in ctx.phrases if resolve_name(p, ctx.phrases, ctx.title, ctx.lex)[0] == name]
    if anchor.phrase not in same_event:
        same_event.append(anchor.phrase)
    organisers: list[str] = []
    for phrase in same_event:
        organisers += organisers_of(ctx, phrase)
    if only_activity:
        organisers += unattached_organisers(ctx)
    organisers = list(dict.fromkeys(organisers))
    participants = participants_of(ctx, anchor, same_event, only_activity, organisers)
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


def _names(anchor: Anchor, ctx: Context) -> tuple[str, str]:
    return resolve_name(anchor.phrase, ctx.phrases, ctx.title, ctx.lex)


Row = tuple[str, str, date | None, date | None, bool, str]  # name, type, start, end, plural, trigger


def _same_activity(row: Row, other: Row) -> bool:
    """One row per activity: the same name again, undated or on a day within the other's
    dates ("the Forum (3-5 May) ... on 4 May, the Forum adopted"), or the same kind of
    activity on the same dates, or an activity on the same dates whose trigger is a word of
    the other's name ("a joint assessment" on the days of "the Inter-Agency Assessment
    Mission"). Activities named in the plural ("live tutorials were held on 3 and 10 July"
    during a course) are several, each on its own day."""
    name, event_type, start, end, plural, trigger = row
    other_name, other_type, other_start, other_end, _, other_trigger = other
    if start is not None and (start, end) == (other_start, other_end):
        if event_type == other_type:
            return True
        if trigger in other_name.split() or other_trigger in name.split():
            return True
    if name != other_name:
        return False
    if start is None or other_start is None:
        return True
    return not plural and other_start <= start and (end or start) <= (other_end or other_start)


_NAME_LINKS = frozenset(
    {"of", "the", "and", "for", "on", "de", "du", "des", "d", "l", "la", "le", "les", "et"}
)


def _initials(name: str) -> str:
    words = unaccented(normalise_name(name)).split()
    return "".join(w[0] for w in words if w not in _NAME_LINKS)


def same_name(name: str, other: str) -> bool:
    """Do two names call one activity: the same words, or one opens with the initials of the
    other ("AGM" and "Annual General Meeting", "AG du comité" and "Assemblée générale")?"""
    a, b = unaccented(normalise_name(name)), unaccented(normalise_name(other))
    if a == b:
        return True
    for short, long_name in ((name, other), (other, name)):
        first = short.split()[0] if short.split() else ""
        letters = unaccented(normalise_name(first))
        if first.isupper() and 2 <= len(letters) <= 6 and letters == _initials(long_name):
            return True
    return False


def drop_months_of_days(named: Sequence[tuple[Anchor, str, str]]) -> list[tuple[Anchor, str, str]]:
    """A month that an activity is dated by once ("AGM: July 2020") and a day of that month
    it is dated by again ("the Annual General Meeting was held on 27 July"): one activity,
    on its day."""

    def within(anchor: Anchor, name: str, event_type: str) -> bool:
        month = anchor.mention
        if month is None or month.granularity in {"day", "year"}:
            return False
        return any(
            other.mention is not None
            and other.mention.granularity == "day"
            and month.start_date <= other.mention.start_date <= month.end_date
            and other_type == event_type
            and same_name(name, other_name)
            for other, other_name, other_type in named
        )

    return [(a, n, t) for a, n, t in named if not within(a, n, t)]


def _fuller(name: str, other: str) -> bool:
    """Does ``name`` say more than ``other``: all its words and some more?"""
    words, other_words = set(normalise_name(name).split()), set(normalise_name(other).split())
    return bool(other_words) and other_words < words


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
    week: tuple[date, date] | date | None = None,
    weekdays: Mapping[str, int] | None = None,
    published: DateMention | None = None,
) -> list[Event]:
    """Events of one section (inputs may cover the whole document); in a weekly report
    (``week``), a weekday named alone dates an activity as that day of the week; on a page
    that says the day it was published (``week``, one day), as the nearest such day. The day
    ``published`` dates no activity."""
    st = section_text(section, doc)
    lo, hi = section.char_start, section.char_end
    own_dates = [d for d in dates if lo <= d.char_start < hi]
    if week is not None and weekdays:
        written = [(d.char_start - lo, d.char_end - lo) for d in own_dates]
        own_dates += weekday_dates(st, week, written, lex, weekdays)
    own_dates = [d for d in own_dates if d is not published]
    own_dates.sort(key=lambda d: (d.char_start, d.start_date))
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
    blocked = blocked_tokens(
        st, [(a, b) for (a, b), d in zip(date_spans, own_dates, strict=True) if d.granularity != "year"]
    )
    blocked -= named_in_dates(st, blocked, lex.triggers)
    hits = tuple(place_hits(section, places, own_mentions, org_spans, lex.where_words, lex.origin_words))
    found = refine_verb_phrases(st, find_phrases(st, lex, blocked, blocked_tokens(st, org_spans)), lex)
    found += argument_phrases(st, lex, found, own_dates, blocked)
    name_spans = [(a, b) for a, b in org_spans] + [
        (m.char_start - lo, m.char_end - lo) for m in own_mentions if m.label == "PERSON"
    ]
    found += listing_phrases(st, lex, found, own_dates, hits, blocked, blocked_tokens(st, name_spans))
    found += agenda_phrases(st, lex, found, own_dates, blocked)
    found += sitting_phrases(st, lex, found, own_dates)
    phrases = tuple(
        with_destination(st, with_purpose(st, p, lex), lex)
        for p in sorted(found, key=lambda p: (p.start, p.head))
    )
    title_dates = [(d.char_start - lo, d.char_end - lo) for d in own_dates if d.granularity != "year"]
    title = title_activity(st, phrases, lex, title_dates)
    ctx = Context(
        doc_id=doc_id,
        st=st,
        lex=lex,
        phrases=phrases,
        title=title,
        hits=hits,
        mentions=own_mentions,
        org_names=org_by_id,
        person_names=person_by_id,
    )
    anchors = assign_dates(st, phrases, own_dates, title, lex)
    anchors = extend_to_end_dates(st, rescheduled(st, anchors, lex), own_dates, lex)
    if title is not None and not any(_names(a, ctx)[0] == title.name for a in anchors):
        used = {(d.mention.char_start, d.mention.start_date) for d in anchors if d.mention}
        free = [d for d in own_dates if (d.char_start, d.start_date) not in used]
        anchors += title_fallback(st, free, title, lex)
    anchors = drop_summary_months(anchors)
    if not anchors and (entry := heading_day(st, phrases, own_dates)) is not None:
        anchors.append(entry)
    anchors.sort(key=lambda a: (a.sentence, a.position, a.phrase.start))
    anchors += undated_anchors(ctx, anchors)
    named = drop_months_of_days([(a, *_names(a, ctx)) for a in anchors])
    only_activity = len({(n, a.mention.start_date if a.mention else None) for a, n, _ in named}) == 1
    events: list[Event] = []
    kept: list[Row] = []
    for anchor, name, event_type in named:
        start, end = (anchor.mention.start_date, anchor.mention.end_date) if anchor.mention else (None, None)
        trigger = normalise_name(st.lower[anchor.phrase.head])
        row = (normalise_name(name), event_type, start, end, anchor.phrase.plural, trigger)
        same = next((n for n, other in enumerate(kept) if _same_activity(row, other)), None)
        if same is None:
            kept.append(row)
            events.append(_event(ctx, anchor, with_its_day(st, anchor, name, lex), event_type, only_activity))
        elif _fuller(name, events[same].name):
            # "Leadership Conference Postponed" over "the fourth Pacific Leadership Conference
            # ... has been postponed": the fuller name of the same activity wins.
            event = events[same]
            event_id = stable_id(ctx.doc_id, section.section_id, name, start.isoformat() if start else None)
            events[same] = replace(event, name=name, event_id=event_id)
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
        load_lexicon(context.language),
        context.language,
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
    language: str = "en",
) -> list[Event]:
    """Every event of a document, section by section, in text order."""
    lex = lexicon or load_lexicon(language)
    week: tuple[date, date] | date | None = report_week(sections, dates, lex)
    published = publication_day(sections, dates, lex)
    if published is not None:
        week = week or published.start_date
    weekdays = weekday_numbers(language) if week is not None else None
    events: list[Event] = []
    for section, doc in zip(sections, docs, strict=True):
        events += section_events(
            doc_id, section, doc, dates, places, mentions, organisations, people, lex,
            week, weekdays, published,
        )  # fmt: skip
    home = home_country(places, mentions)
    return [replace(e, country_code=home) if e.country_code is None and home else e for e in events]
