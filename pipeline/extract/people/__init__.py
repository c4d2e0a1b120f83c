"""People named in a bulletin: one row per person, with honorific, role and affiliation.

A person is an honorific followed by a capitalised name ("Ms. Jane Roe"), or a PERSON
entity of the model that looks like a name and is not a place. Roles and affiliations
come from the phrases bulletins put around a name: "UNDP Director, Ms. X",
"UNDP's Adviser, Mr. Y", "Mr. Y, Chief, ABC", "the President of Ruritania, Mr. Z",
"Ms. X, Minister of Health of Ruritania", "President Z", "the Board, whose Chair,
Ms. X". A later mention by surname ("Mr. Roe") is the same person.
"""

from pipeline.extract.people.stage import extract, find_people

__all__ = ["extract", "find_people"]
