"""Days of the week a weekly report names ("On Monday the Council met"), as days of its week.

A report that covers one week says so beside a date ("for the week ending September 12,
2025", "week of 3 March", "semaine du 3 mars"); a weekday its text names alone ("On Tuesday
the board met") is then that day of that week. These days only date activities: the dates
table keeps the dates the text writes out.

A page that says when it was published ("Published 7:40 am Friday, July 13, 2018", at the
start of a line) names its weekdays from that day: "on Saturday" is the Saturday after it,
"the week that started Monday" (told in the past) the Monday before it. That day dates no
activity itself.

The cues are data (``week_end_cues``, ``week_start_cues``, ``publication_cues`` and
``weekday_not_after`` in ``events.yaml``); the weekday names are the dates data's
(``weekdays`` in ``dates.yaml``), whose full names are those that no other name of the
list is longer than with the same beginning ("Thurs" is short for "Thursday"), Monday first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta
from functools import cache

from pipeline.core.datafiles import load_language_data
from pipeline.core.ids import stable_id
from pipeline.core.records import DateMention, Section
from pipeline.extract.events.lexicon import EventLexicon, words_of
from pipeline.extract.events.syntax import told_in_past
from pipeline.extract.events.tokens import SectionText, ends_with

_CUE_WINDOW = 40  # characters before a date searched for "week ending"
_DAYS = 7


@cache
def weekday_numbers(language: str = "en") -> dict[str, int]:
    """Full weekday name (lower case) -> its number, Monday 0."""
    names = [str(n).lower() for n in load_language_data("dates.yaml", language).get("weekdays", [])]
    full = [n for n in names if not any(o != n and o.startswith(n) for o in names)]
    return {name: number for number, name in enumerate(full[:_DAYS])}



def _days_in_sections(
    sections: Sequence[Section], dates: Sequence[DateMention]
) -> Iterator[tuple[DateMention, Section, int]]:
    """Each day's mention with its section and its offset in the section's text."""
    for mention in dates:
        if mention.granularity != "day":
            continue
        section = next((s for s in sections if s.char_start <= mention.char_start < s.char_end), None)
        if section is not None:
            yield mention, section, mention.char_start - section.char_start

def report_week(
    sections: Sequence[Section], dates: Sequence[DateMention], lex: EventLexicon
) -> tuple[date, date] | None:
    """The first and last day of the one week the document says it reports, else None."""
    weeks: set[tuple[date, date]] = set()
    for mention, section, start in _days_in_sections(sections, dates):
        before = words_of(section.text[max(0, start - _CUE_WINDOW) : start])
        if any(ends_with(before, len(before), cue) for cue in lex.week_end_cues):
            weeks.add((mention.start_date - timedelta(days=_DAYS - 1), mention.start_date))
        elif any(ends_with(before, len(before), cue) for cue in lex.week_start_cues):
            weeks.add((mention.start_date, mention.start_date + timedelta(days=_DAYS - 1)))
    return weeks.pop() if len(weeks) == 1 else None


def publication_day(
    sections: Sequence[Section], dates: Sequence[DateMention], lex: EventLexicon
) -> DateMention | None:
    """The first day written after a publication cue that opens its line ("Published 7:40 am
    Friday, July 13, 2018", "Posted on March 3, 2021"), else None."""
    for mention, section, start in _days_in_sections(sections, dates):
        line = section.text[section.text.rfind("\n", 0, start) + 1 : start]
        words = words_of(line)
        if len(line) <= _CUE_WINDOW and any(words[: len(cue)] == cue for cue in lex.publication_cues):
            return mention
    return None


def _near(published: date, number: int, past: bool) -> date:
    """The day of weekday ``number`` nearest ``published``: on or before it if ``past``, else
    on or after it."""
    if past:
        return published - timedelta(days=(published.weekday() - number) % _DAYS)
    return published + timedelta(days=(number - published.weekday()) % _DAYS)


def weekday_dates(
    st: SectionText,
    week: tuple[date, date] | date,
    taken: Sequence[tuple[int, int]],
    lex: EventLexicon,
    numbers: Mapping[str, int],
) -> list[DateMention]:
    """The weekdays named alone in a section ("On Monday"), each as the day of ``week`` it
    names, or where ``week`` is the day the page was published, as the day nearest it (see
    the module docstring); not one inside a date the text writes out ("Monday 8 September",
    in ``taken``, relative character spans) nor one after "every" or "next"."""
    published = week if isinstance(week, date) else None
    first = week if isinstance(week, date) else week[0]
    section = st.section
    found: list[DateMention] = []
    for k, low in enumerate(st.lower):
        number = numbers.get(low)
        if number is None:
            continue
        begin, end = st.start(k), st.end(k)
        if any(a <= begin < b for a, b in taken):
            continue
        if k > 0 and st.lower[k - 1] in lex.weekday_not_after:
            continue
        if k + 1 < len(st.lower) and st.lower[k + 1] in lex.weekday_not_after:
            continue  # "lundi prochain"
        if published is not None:
            past = st.parsed and told_in_past(st.tokens[k])
            day = _near(published, number, past)
        else:
            day = first + timedelta(days=(number - first.weekday()) % _DAYS)
        found.append(
            DateMention(
                doc_id=section.doc_id,
                section_id=section.section_id,
                date_id=stable_id(section.doc_id, section.char_start + begin, day),
                text=st.tokens[k].text,
                start_date=day,
                end_date=day,
                granularity="day",
                inferred=True,
                inferred_parts="day,month,year",
                char_start=section.char_start + begin,
                char_end=section.char_start + end,
            )
        )
    return found
