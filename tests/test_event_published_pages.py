"""Events of pages that say the day they were published, in sentences written for these tests
(no page is quoted): the publication day dates no activity, and a weekday the text names alone
is the one nearest that day, on or before it in a clause told in the past, on or after it
otherwise ("on Sunday", "the fair that opened Tuesday").
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from event_bulletins import DOC, Bulletin, day, events_of

from pipeline.core.records import DateMention, Section
from pipeline.extract.events.lexicon import load_lexicon
from pipeline.extract.events.tokens import section_text
from pipeline.extract.events.weekdays import _near, publication_day, weekday_dates, weekday_numbers


def _section(text: str) -> Section:
    return Section(DOC, f"{DOC}-s01", None, None, text, 0, len(text), 0, 1, 1)


def _mention(text: str, piece: str, iso: str) -> DateMention:
    at = text.index(piece)
    when = date.fromisoformat(iso)
    return DateMention(DOC, f"{DOC}-s01", "d0", piece, when, when, "day", False, None, at, at + len(piece))


@pytest.mark.parametrize(
    ("text", "piece", "iso", "found"),
    [
        ("Orchard trust seeks pickers\nPosted 9:15 pm Wednesday, May 6, 2026\nPickers are wanted.",
         "Wednesday, May 6, 2026", "2026-05-06", True),
        ("Harbour news\nPublished on 6 May 2026\nThe harbour reopens.", "6 May 2026", "2026-05-06", True),
        ("Nouvelles du port\nPublié le 6 mai 2026\nLe port rouvre.", "6 mai 2026", "2026-05-06", True),
        # a report published inside a sentence is no page's publication day
        ("The trust's plan was published on 6 May 2026 after a long wait.", "6 May 2026",
         "2026-05-06", False),
        ("Board minutes of 6 May 2026.", "6 May 2026", "2026-05-06", False),
    ],
)  # fmt: skip
def test_the_day_a_page_says_it_was_published(text: str, piece: str, iso: str, found: bool) -> None:
    language = "fr" if "Publié" in text else "en"
    mention = _mention(text, piece, iso)
    got = publication_day([_section(text)], [mention], load_lexicon(language))
    assert (got is mention) is found


def test_a_weekday_is_the_nearest_one_before_or_after_the_day() -> None:
    wednesday = date(2026, 5, 6)
    assert _near(wednesday, 6, past=False) == date(2026, 5, 10)  # the Sunday after
    assert _near(wednesday, 1, past=True) == date(2026, 5, 5)  # the Tuesday before
    assert _near(wednesday, 2, past=True) == wednesday


def test_weekdays_named_alone_on_a_page_without_a_parse_look_ahead() -> None:
    text = "Pickers meet on Sunday at the gate."
    st = section_text(_section(text), spacy.blank("en")(text))
    found = weekday_dates(st, date(2026, 5, 6), [], load_lexicon(), weekday_numbers("en"))
    assert [(d.text, d.start_date) for d in found] == [("Sunday", date(2026, 5, 10))]


PAGE = (
    "Volunteers sought for orchard work\n"
    "Posted 9:15 pm Wednesday, May 6, 2026\n"
    "Pickers are wanted on Sunday for the Millbrook Orchard Trust's annual tree planting. "
    "Last season the planting drew forty pickers."
)


def test_a_page_dates_its_activity_from_its_publication_day(nlp) -> None:
    bulletin = Bulletin(PAGE, title=None, dates=[day("Wednesday, May 6, 2026", "2026-05-06")])
    events = events_of(nlp, bulletin)
    starts = {e.start_date for e in events}
    assert date(2026, 5, 6) not in starts  # the day the page came out dates nothing
    assert date(2026, 5, 10) in starts  # "on Sunday": the Sunday after it


def test_a_page_without_a_publication_cue_leaves_weekdays_alone() -> None:
    body = "Wednesday, May 6, 2026\nPickers are wanted on Sunday for the orchard's annual tree planting."
    bulletin = Bulletin(body, title=None, dates=[day("Wednesday, May 6, 2026", "2026-05-06")])
    starts = {e.start_date for e in events_of(spacy.blank("en"), bulletin)}
    assert date(2026, 5, 10) not in starts
