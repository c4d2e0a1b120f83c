"""Statistics stage: numbers that count or measure something, with qualifier, unit and subject.

A statistic is a number written in digits or words ("3,300", "fifty", "2.5 million", "half")
together with what surrounds it on the page: a qualifier before or after it ("more than",
"nearly", "or more"), a currency ("USD", "$", "euros") or unit ("per cent", "km", "days") and
the thing counted, read from the dependency parse ("1630 onsite participants" -> "onsite
participants"; "75 per cent of people" -> "people"; "541 from the civil society" in a list
of "N representatives from X" -> "representatives from the civil society").

Not statistics: dates and years, ordinals ("7th", "eleventh": no number grammar reads them;
"9 th" with its ending split off),
list and section numbers ("1.", "(3)"), numbers in headings, names, codes, rooms, times,
telephone numbers and URLs ("A/RES/67/195", "Room DC2 – 1725", "ICEGOV 2012", "+41 22 555
0148"), and a bare number whose subject cannot be found and that has no unit (nothing says
what it counts). A number in a name or code may sit inside what another number counts
("8 hold ISO 14001 certification"); any other number ends the counted phrase.

Subjects beyond the counted noun: a part of a set named before ("37 per cent of them" -> the
nearest plural noun before it that is counted, measured or a clause subject), the noun an
amount measures ("contracts worth USD 4 billion", "grants of up to EUR 900"), where an amount
goes ("invest FJD 2 million in a programme"), the whole subject of a verb of change
("complaints about delays had grown by 27 per cent"), a unit described by a clause ("the 10
days recommended in the guidelines"), the noun a comparative counts ("2.4 million views, 18
per cent more than ..."), a count that leaves its noun unsaid ("85 delegates in the room and
240 following online") and, for a number standing alone as subject, its verb with
auxiliaries, negation and complement ("had not revised theirs", "undertook to pilot ...").

What narrows the counted noun is kept with it, one level deep (``modifiers``): a participle,
an adjective or a prepositional phrase written right after it ("two volunteers with long
experience", "48 species endemic to the island", "12 projects funded by the lottery"), and
the participle of a passive verb whose subject is counted ("4,500 households have been
reached with clean water" -> "households reached with clean water"); not a phrase that says
when, nor the argument of the verb whose object is counted ("paired 220 students with
mentors"). A measure or price may be of a thing (``measures``): "a two metre wide path" ->
"wide path", "a shrub to 4 m" -> "shrub", "$25 a copy" -> "a copy". Figures set out on lines
of their own take their labels from the lines (``layout``): a column of key figures followed
by as many label lines, or a short label and a dash or colon before a figure.

"$" and "dollars" alone are the dollar of the bulletin's country, the country of most of the
places the places stage found (AUD in an Australian newsletter), else USD.

Thousands may be set apart by a space ("15 000"). Ranges run upwards ("between 20 and 30
participants", "20-30 participants", "from 20 to 30 per cent"; not "USD 5,000 to three
schools") and give one row per bound, both with the qualifier "between" (``range_qualifier``)
and the same unit and subject: each row's ``text`` and offsets are those of its own bound
("between 20", "30"), so ids stay distinct and a reader sees both ends. This is how
analysts write ranges in golden files (value 20 and value 30). "from X to Y" after a verb
of change ("rose from 20 to 30 per cent") is also two rows, without the range qualifier.

The word "one" alone is not read as a count ("one of the priorities", "one day"), only
inside a larger number ("one hundred", "twenty-one", "one million").

Qualifiers, units, currencies, number words and context words live in
``pipeline/data/statistics.yaml``.

The package reads in that order: ``rules`` (the data file), ``numbers`` (number grammar and
the numbers of a parse), ``surface`` (qualifier, currency, unit), ``exclusions`` (what is not
a statistic), ``modifiers`` and ``measures`` (what narrows a counted noun; what a measure or
price is of), ``subjects`` (what is counted), ``layout`` (figures on lines of their own) and
``stage`` (the stage itself).
"""

from pipeline.extract.statistics.stage import extract, find_statistics

__all__ = ["extract", "find_statistics"]
