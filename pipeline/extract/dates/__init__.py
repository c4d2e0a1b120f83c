"""Dates stage: expressions naming a day, a range, a month or a year, as date ranges.

Three layers, each usable alone:

* ``find_date_expressions(text)``: a grammar over plain text (words from
  ``data/dates.yaml``; ``build_grammar`` also takes dateparser's languages and day
  order) that finds "On 5 November 2012", "from 6-9 November", "on 6, 15 and 27
  November 2012" (three days), "from 30 June to 4 July 2014", "March 3-5, 2014",
  "8 - 10 Oct. 14", "by March 2013", "By 2025", "late in February", "from 22 to 25"
  (no month) and numeric dates ("2012-11-05", "5/11/2012", read by dateparser).
  Parts the text does not say stay ``None``.
* ``resolve(expression, issue_date, tense)``: fills the missing parts from the issue
  date and the tense and returns one ``ResolvedDate`` per row, flagging what was inferred.
* ``find_dates(doc_id, sections, docs, issue_date)``: the extractor; tense comes from
  the parse of the sentence holding each expression.

Scope decisions:

* A bare month or year needs a cue ("in", "by", "for", "since", a portion word, ...);
  a year after any other word is part of a name ("ICEGOV 2012", "Awards 2013",
  "Post 2015", "post-2015"). A bare year that the parse shows counting a following
  common noun ("for 2013 participants") is dropped too.
* Missing parts (``resolve``): a year comes from the issue month and the tense of the
  clause (past: on or before the issue month; future, incl. "to be held", "scheduled",
  "must": on or after it; present: the nearest); a missing month is the issue month
  (a guess, flagged in ``inferred_parts``; it keeps the year right). Without an issue
  date, ``find_dates`` uses the first month and year the document states; a Doc with
  no parse counts as present tense.
* Portions narrow a month or year but keep its granularity: early = days 1-10 of a
  month or January-June of a year, mid = 11-20 (April-September), late = 21-last
  (July-December); the beginning/end of a month are days 1-10/21-last, but of a year its
  first/last month ("by the end of 2018" = December 2018); "the first week of June" = 1-7
  June; halves and quarters of a year.
* A list of days is one row per day ("on 6, 15 and 27 November"), except that
  consecutive days ("on 11 and 12 February", "between 14 and 16 May") are one range.
* "Month NN" is American order (day NN); a two-digit year is read only after days and
  an abbreviated month ("8-10 Oct. 14") or with an apostrophe ("Nov. '12").
* Out of scope: relative expressions ("this year", "next month", "yesterday"),
  seasons, decades, times of day, weekdays without a date.
"""

from pipeline.extract.dates.stage import extract, find_dates

__all__ = ["extract", "find_dates"]
