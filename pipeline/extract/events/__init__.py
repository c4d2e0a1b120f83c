"""Events stage: one row per activity a section reports (conference, meeting, visit...).

An event is anchored on a date of an activity: a date in a sentence that names an
activity with a trigger noun ("workshop", "7th Internet Governance Forum") or verb
("met with"). The date goes to the trigger nearest before it in the sentence (else the
first after it); a date that names several separate days gives a row per day. A day alone on
the line under a heading dates the heading's activity; the days of a bulleted list date the
activity named before the list. A trigger with other senses ("visit", "mission") takes a date
written right after its name or hung on the verb it is the subject of. A section with no dated
activity still gives a row for an activity named with a place. An activity dated by a month and
again by a day of it, under its initials or its name ("AGM: July" ... "the Annual General
Meeting was held on 27 July"), is one row on that day.

The name is the section title when the title names the activity ("Capacity Building
Workshop on X" over a body that says "a capacity building workshop"), else the trigger's
noun phrase with its modifiers, acronym and complement ("meeting of X"); "the conference"
takes the name of the conference named before. The place comes from the reporting
sentence, else the section title, else the section's other sentences; an activity whose section
names no place takes the country the bulletin's places almost all name, if they do.

Domain words (triggers, cue phrases) are in ``pipeline/data/events.yaml``.
"""

from pipeline.extract.events.assemble import extract, find_events

__all__ = ["extract", "find_events"]
