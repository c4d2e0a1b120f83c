"""Dates stage: expressions naming a day, a range, a month or a year, as date ranges.

Three layers, each usable alone:

* ``find_date_expressions(text)``: a grammar over plain text (words from
  ``data/dates.yaml``; ``build_grammar`` also takes dateparser's languages and day
  order) that finds "On 5 November 2012", "from 6-9 November", "on 6, 15 and 27
  November 2012" (three days), "from 30 June to 4 July 2014", "March 3-5, 2014",
  "8 - 10 Oct. 14", "by March 2013", "By 2025", "late in February", "from 22 to 25"
  (no month), "on Sunday 18th" and "on the 11th" (no month), numeric dates and ranges
  ("2012-11-05", "5/11/2012", "9/12/05", "10/05/2017 - 12/05/2017", read by dateparser), lists of
  months ("during June and July", "April or May 2016"), seasons with a year ("Spring
  2013"), units counted from the issue ("last year", "next month", "this fall", "last
  July"), "2021/22", and forms PDF extraction breaks ("3 rd", "16thJanuary", a masthead's
  month and year on lines apart). Parts the text does not say stay ``None``. With
  ``parse_checked`` it also returns candidates only a parse can confirm: a month modifying
  a noun ("The July meeting") and a year with no cue ("founded 1987").
* ``resolve(expression, issue_date, tense, hemisphere)``: fills the missing parts from the
  issue date and the tense and returns one ``ResolvedDate`` per row, flagging what was
  inferred.
* ``find_dates(doc_id, sections, docs, issue_date, hemisphere=...)``: the extractor; tense
  comes from the parse of the sentence holding each expression, which also confirms or
  drops the parse-checked candidates (a Doc with no parse drops them). ``extract`` takes
  the hemisphere from the places stage: the country most place mentions are in.

Scope decisions:

* A bare month or year needs a cue ("in", "by", "for", "since", a portion word, ...);
  a year after a capitalised word, a number, or before a capitalised word is part of a
  name or a reference ("ICEGOV 2012", "Awards 2013", "Jones (1996)", "the 2012
  e-Government Report"). A year with no cue after a lower-case word or at a sentence start
  ("founded 1987", "1987 was dry") is a date only where the model labels it DATE and does
  not count a following common noun ("for 2013 participants", "2013 volunteers").
* A month with no cue is a date where the parse attaches it to the common noun after it
  ("The July meeting", "our May outing"), or heads an activity followed by a weekday and
  day ("April meeting: Sun 18"). Two or more months joined by "and"/"or" need a cue or a
  year; consecutive ones are one range ("during June and July", "April or May 2016"),
  others a row each (as lists of days are).
* Seasons (with a year or a relative word only: "flowers in spring" names no date) are
  meteorological, in the hemisphere of the bulletin's main country (north when none is
  known); a season crossing the new year is named by the year of its January ("winter
  2013" in the north = December 2012 to February 2013).
* "this/last/next year|month|season|<Month>" count from the issue month ("the last year"
  and "the next month" are spans of time, not units); "2021/22" is one financial or
  academic year written over two (a range of two years).
* Missing parts (``resolve``): a year comes from the issue month and the tense of the
  clause (past: on or before the issue month; future, incl. "to be held", "scheduled",
  "must": on or after it; present: the nearest); a missing month is the issue month
  (a guess, flagged in ``inferred_parts``; it keeps the year right). Without an issue
  date, ``find_dates`` uses the first month and year the document states; without
  those either, a month named without a year takes the latest year the document states
  (where a weekday is written with the day, the nearest year in which that day is that
  weekday: "Sunday, Dec. 3" after "since 2015" is 2017). A bulletin stating no year at all
  takes the latest year up to ``undated_latest_year`` (``dates.yaml``) in which most of its
  days written with a weekday fall on it ("Jeudi 26 septembre"); with none, such dates give
  no row. With an issue date, a weekday written with a day and month moves the year the
  tense infers to the neighbouring one it fits in ("this Sunday, February 9" in a December
  issue). A Doc with no parse counts as present tense. A day with a weekday and no month ("on Sunday 18th")
  takes the month around the issue in which that day is that weekday. A date in figures
  whose day and month could be either way round ("9/12/05", "5/11/2012") takes the reading
  nearest the issue date (the language's order on a tie, and without an issue date).
* Portions narrow a month or year but keep its granularity: early = days 1-10 of a
  month or January-June of a year, mid = 11-20 (April-September), late = 21-last
  (July-December); the beginning/end of a month are days 1-10/21-last, but of a year its
  first/last month ("by the end of 2018" = December 2018); "the first week of June" = 1-7
  June; halves and quarters of a year.
* A list of days is one row per day ("on 6, 15 and 27 November"), except that
  consecutive days ("on 11 and 12 February", "between 14 and 16 May") are one range.
* "Month NN" is American order (day NN); a two-digit year is read only after days and
  an abbreviated month ("8-10 Oct. 14") or with an apostrophe ("Nov. '12").
* A two-digit year in figures is read after slashes ("9/12/05") or after a two-digit day
  and month with dots ("05.03.10"); "4.2.12" is more often a clause number.
* Out of scope: days relative to an unknown day ("yesterday", "on Monday", "last week"),
  six-digit log codes ("041006"), decades, times of day, weekdays without a day number.
"""

from pipeline.extract.dates.stage import extract, find_dates

__all__ = ["extract", "find_dates"]
