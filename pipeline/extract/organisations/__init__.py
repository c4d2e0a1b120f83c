"""Organisations named in a bulletin: one row per organisation, and every mention of it.

Where organisations come from, most trusted first:
1. acronym definitions ("Long Form (LF)", see ``pipeline.extract.acronyms``) whose long form
   names an organisation, and every later use of the acronym;
2. the reference file (``data/organisations.yaml``): known acronyms and names;
3. name patterns around a head word ("Ministry of ...", "... Secretariat",
   "Government of X", "X's Office"), and names an apposition calls a body ("Medtronix, a
   company based in Oslo");
4. the model's ORG entities, filtered hard: they are noisy (countries, programmes,
   events, roles, Title-Case headings and quoted titles all come out as ORG; so do people
   in a list, towns after "at", administrative areas that the places rules read by their
   form ("in Kivara state", "Pendle and Tiverton counties"), genera before their species,
   plants and animals beside their scientific names, members called by first name: see
   ``misreadings``);
5. the newsletter's own group, named by its masthead in capitals (``masthead``); an acronym
   nothing else expands that spells the initials of a name in the bulletin is that name.

Where a name with "and", commas or a preposition inside starts and ends ("Peace, Truth and
Healing Commission", "Ministry of Science, Energy and Technology") is decided in
``coordination``, from the model's entities and parse and the bulletin's own usage.

A name the bulletin writes with "of" and with "for" ("School for/of Social Sciences") is one
organisation; so is a name written with and without its country ("Vanuatu Police Force",
"Police Force"); so is a bare head and the one name it opens ("the Friends", "Friends of Larkin
Woods"). An unknown acronym alone after "Source:" names the body a figure comes from.
An acronym and its expansion are one organisation; its ``org_id`` is the hash of the
normalised full name, so the same body gets the same id in every bulletin.
"""

from pipeline.extract.organisations.stage import extract, find_organisations

__all__ = ["extract", "find_organisations"]
