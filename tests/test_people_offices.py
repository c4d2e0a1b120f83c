"""Roles and bodies of people written in lists, captions and mastheads: a plural title before or
after a list of names, the serial comma, a body's acronym and a title after a name in a caption,
and offices with no body beside them, held in the body the bulletin's masthead names.

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest
from test_people_roles_en import extract, person

from pipeline.core.records import Organisation, Section
from pipeline.extract.people.lexicon import load_people_lexicon
from pipeline.extract.people.own_body import masthead_body, own_body
from pipeline.extract.reference.organisations import load_org_reference

# --------------------------------------------------------------------------- the lexicon (no model)


@pytest.mark.parametrize(
    ("language", "role", "office"),
    [
        ("en", "Treasurer", True),
        ("en", "Chief Investigator", True),
        ("en", "Shire President", True),  # a title ending on an office
        ("en", "President of Ruritania", False),  # a complement names the body or the place
        ("en", "Secretary-General", False),
        ("en", "panellist", False),
        ("fr", "Vice-présidents", True),
        ("fr", "Trésoriers adjoints", True),
        ("fr", "Porte-parole", True),
        ("fr", "Correspondante au Niger", False),
    ],
)
def test_offices_held_in_a_body(language: str, role: str, office: bool) -> None:
    assert load_people_lexicon(language).is_office(role) is office


@pytest.mark.parametrize("role", ["Secretary-General", "Director-General", "chief executive"])
def test_a_singular_title_of_several_words_is_no_plural(role: str) -> None:
    """A regression: every word of "secretary general" is its own singular, which made the
    phrase count as a plural ("Secretary-Genera" once a list's title was made singular)."""
    assert not load_people_lexicon().is_plural_role(role)


def _section(text: str, start: int = 0) -> Section:
    return Section("doc", f"s{start}", None, None, text, start, start + len(text), 0, 1, 1)


def _org(org_id: str, name: str, n_mentions: int = 1) -> Organisation:
    return Organisation("doc", org_id, name, None, n_mentions)


def test_the_own_body_is_the_first_named_on_a_short_masthead_line() -> None:
    text = "Kestrel Valley Landcare Group\nNewsletter, June 2031\n\nThe Quarry Trust lent us tools.\n"
    orgs = [_org("a", "Kestrel Valley Landcare Group"), _org("b", "Quarry Trust")]
    mentions = [(0, "a"), (text.index("Quarry"), "b")]
    assert own_body([_section(text)], orgs, mentions).name == "Kestrel Valley Landcare Group"


def test_a_body_named_once_in_a_first_paragraph_is_not_the_own_body() -> None:
    text = (
        "Weekly notes\n\nOn Monday our parks team held a long public meeting at the Harbour View "
        "Community Centre about the new playground.\n"
    )
    orgs = [_org("a", "Harbour View Community Centre")]
    assert own_body([_section(text)], orgs, [(text.index("Harbour"), "a")]) is None
    # Named again further on, it is the bulletin's own body.
    again = [(40, "a"), (len(text) + 200, "a")]
    assert own_body([_section(text)], [_org("a", "Harbour View Community Centre", 2)], again)


def test_an_acronym_and_its_long_form_in_a_first_paragraph_are_one_naming() -> None:
    """A regression: "the WST (World Service Team)" counted as a body named twice, and the
    officers of a club listed in that paragraph were held in it."""
    text = (
        "Kim Ode hands over\n\nKim Ode will be helped by Ann Lee, secretary, Bo Tan, treasurer, "
        "and Eve Roe, head of the WST (World Service Team).\n"
    )
    orgs = [_org("w", "World Service Team", 2)]
    mentions = [(text.index("WST"), "w"), (text.index("World"), "w")]
    assert own_body([_section(text)], orgs, mentions) is None


def test_a_body_named_after_the_masthead_lines_is_not_the_own_body() -> None:
    text = "Notes\nJune 2031\nPage one\nThe Quarry Trust lent us tools.\n"
    orgs = [_org("b", "Quarry Trust")]
    assert own_body([_section(text)], orgs, [(text.index("Quarry"), "b")]) is None


# --------------------------------------------------------------------------- the stage (real model)


@pytest.mark.model
def test_a_plural_title_before_a_list_is_each_ones(nlp) -> None:
    people = extract(
        nlp,
        "The panel was led by Chief Investigator Tomas Reyes. A second panel with Chief "
        "Investigators Mara Voss, Ida Kern and Paul Nagy followed.",
    )
    for name in ("Tomas Reyes", "Mara Voss", "Ida Kern", "Paul Nagy"):
        assert person(people, name).role == "Chief Investigator"


@pytest.mark.model
def test_a_list_with_the_serial_comma_shares_its_title(nlp) -> None:
    people = extract(nlp, "It was chaired with panellists Ana Gil, Li Wei, and Sam Ortiz on stage.")
    assert [person(people, n).role for n in ("Ana Gil", "Li Wei", "Sam Ortiz")] == ["panellist"] * 3


@pytest.mark.model
def test_a_plural_title_after_a_list_is_each_ones(nlp) -> None:
    people = extract(
        nlp,
        "I thank Hamish Reid, Mele Tupou, and Sione Lata, the volunteers of the Tonga Reef Society, "
        "for their work.",
    )
    for name in ("Hamish Reid", "Mele Tupou", "Sione Lata"):
        found = person(people, name)
        assert (found.role, found.organisation) == ("volunteer", "Tonga Reef Society")


@pytest.mark.model
def test_a_caption_gives_the_bodys_acronym_then_the_title(nlp) -> None:
    people = extract(
        nlp,
        "Chair's message, May 2031\n\nHelen Marsh KORU Director\n\nThe KORU network met at Riverton "
        "this year. KORU members came from every region.\n",
    )
    found = person(people, "Helen Marsh")
    assert (found.role, found.organisation) == ("KORU Director", "KORU")


@pytest.mark.model
def test_offices_with_no_body_are_held_in_the_mastheads_body(nlp) -> None:
    people = extract(
        nlp,
        "Kestrel Valley Landcare Group\nNewsletter, June 2031\n\nTreasurer: Joan Pike\n\n"
        "Our convenor, Ravi Mehta, thanked the Quarry Trust and its manager Tom Hale for the tools. "
        "Dr. Lin Cho, President of Ruritania, visited.\n",
    )
    assert person(people, "Joan Pike").organisation == "Kestrel Valley Landcare Group"
    assert person(people, "Ravi Mehta").organisation == "Kestrel Valley Landcare Group"
    assert person(people, "Tom Hale").organisation != "Kestrel Valley Landcare Group"
    assert person(people, "Lin Cho").organisation != "Kestrel Valley Landcare Group"


# --------------------------------------------------------------------------- bodies around a name


@pytest.mark.model
def test_a_title_cut_at_a_comma_takes_the_whole_name_the_body_stage_read(nlp) -> None:
    """The title phrase stops at the comma inside "Ministry of Science, Energy and Technology";
    the organisation named at the same place is the affiliation."""
    people = extract(
        nlp,
        "Mr. Kofi Mensah, Permanent Secretary in the Ministry of Science, Energy and Technology of "
        "Ghana, added that his team would help.",
    )
    found = person(people, "Kofi Mensah")
    assert (found.role, found.organisation) == (
        "Permanent Secretary",
        "Ministry of Science, Energy and Technology of Ghana",
    )


@pytest.mark.model
def test_whose_before_an_honorific_gives_the_body_and_a_present_office_verb_the_role(nlp) -> None:
    people = extract(
        nlp,
        "The course was built with Kestrel University of Technology, whose Professor Ines Varga "
        "leads the module on open data.",
    )
    found = person(people, "Ines Varga")
    assert (found.role, found.organisation) == (
        "leads the module on open data",
        "Kestrel University of Technology",
    )


@pytest.mark.model
def test_a_past_verb_after_a_name_is_no_office(nlp) -> None:
    people = extract(nlp, "Dr. Ana Ruiz led the morning walk along the Kestrel Creek.")
    assert person(people, "Ana Ruiz").role is None


@pytest.mark.model
def test_a_french_title_holding_a_body_the_organisations_stage_read(fr_nlp) -> None:
    from pipeline.core.records import DocumentText
    from pipeline.extract.nlp import parse_sections
    from pipeline.extract.organisations import find_organisations
    from pipeline.extract.people import find_people
    from pipeline.extract.reference.organisations import language_reference, load_org_reference
    from pipeline.structure.sections import find_sections

    text = "Mme Léa Faye, présidente de l'association Les Amis de la Lagune, a ouvert la séance."
    french = language_reference(load_org_reference(), "fr")
    sections = find_sections("doc", DocumentText("b.txt", text))
    docs = parse_sections(fr_nlp, sections)
    orgs, mentions = find_organisations("doc", sections, docs, french)
    located = [(m.char_start, m.entity_id) for m in mentions]
    people = find_people(
        "doc", sections, docs, orgs, lexicon=load_people_lexicon("fr"), reference=french, org_mentions=located
    )[0]
    found = person(people, "Léa Faye")
    assert (found.role, found.organisation) == ("présidente de l'association", "Les Amis de la Lagune")


# --------------------------------------------------------------------------- a body named by its head word


@pytest.mark.parametrize(
    ("masthead", "body"),
    [
        ("Council Update\nMarch 2031\n\nRoadworks resume on Monday.\n", "Council"),
        ("Harbour Town Council News\nMarch 2031\n\nRoadworks resume.\n", "Harbour Town Council"),
        ("Rangers Report\nMarch 2031\n\nWeeds were pulled.\n", None),  # no body's head word
    ],
)
def test_a_masthead_naming_a_body_by_its_head_word(masthead: str, body: str | None) -> None:
    assert masthead_body([_section(masthead)], load_org_reference().head_words) == body


def test_an_office_is_held_in_the_body_the_masthead_names_by_its_head_word(nlp) -> None:
    text = (
        "Council Update\nMarch 2031\n\nThe sealing crews finished the eastern roads this week.\n"
        "– Cr Nadia Holt, Shire President\n"
    )
    found = person(extract(nlp, text), "Nadia Holt")
    assert (found.role, found.organisation) == ("Shire President", "Council")


def test_a_contact_label_gives_way_to_a_later_title(nlp) -> None:
    """ "Contact: X" is a label, no office: the title a later mention gives is the role."""
    text = (
        "Wattle Hill Carers Newsletter\nMay 2031\n\nWeeding is on Sunday mornings at the dam.\n"
        "Contact: Helen Marsh 6288 1234\n\nAt the May meeting, Helen Marsh, our convenor, thanked "
        "the volunteers.\n"
    )
    assert person(extract(nlp, text), "Helen Marsh").role == "convenor"


def test_a_signature_line_with_the_title_then_the_body(nlp) -> None:
    """ "Chairman, Oakley Village Hall Trust" under a name: the body without the comma."""
    text = (
        "Parish Notes\nJune 2031\n\nThe fete raised funds for the roof. Thanks to all.\n\n"
        "Yours sincerely,\nDavid Clarke\nChairman, Oakley Village Hall Trust\n"
    )
    found = person(extract(nlp, text), "David Clarke")
    assert (found.role, found.organisation) == ("Chairman", "Oakley Village Hall Trust")
