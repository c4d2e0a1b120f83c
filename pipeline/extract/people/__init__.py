"""People named in a bulletin: one row per person, with honorific, role and affiliation.

A person is an honorific followed by a capitalised name ("Ms. Jane Roe"), or a PERSON
entity of the model that looks like a name and is not a place; newsletters also name members
by first name alone, beside the full name elsewhere in the bulletin ("Doug" of "Doug Tinney")
or as the subject of a verb the model labels as nothing ("Reet acted as ...": ``lone_names``).
Roles and affiliations come from the phrases bulletins put around a name: "UNDP Director, Ms. X",
"UNDP's Adviser, Mr. Y", "Mr. Y, Chief, ABC", "the President of Ruritania, Mr. Z",
"Ms. X, Minister of Health of Ruritania", "President Z", "the Board, whose Chair,
Ms. X", and in lower case: "our treasurer, X", "rangers X, Y and Z", "X, the lessee",
"X is a professor with Y", "the Club's programme manager X", or on the lines under a
signature; a relative clause of office ("X, who chairs the board of Y"); "Its Rector, Mr. X"
and "Director of the Ministry" refer back to the body the section named (``Affiliations``).
An office written with no body beside it ("Treasurer: X", "Chief Investigator X") is held in
the bulletin's own body, the one its masthead names (``own_body``); a plural title before or
after a list of names is each one's ("Chief Investigators X, Y and Z", "X and Y, the owners of Z").
A later mention by surname ("Mr. Roe", "Dr. Quispe Huamán") is the same person. Names of
local places, plants and animals (also beside their scientific names), and the people bodies
are named after, are not people (``evidence.py``).
"""

from pipeline.extract.people.stage import extract, find_people

__all__ = ["extract", "find_people"]
