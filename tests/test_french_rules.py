"""French rules of the people, organisations, places, events and statistics stages: the words of
pipeline/data/fr/*.yaml and the mechanisms that read head-first French names. Every sentence
here is written for the test; rules run on ``spacy.blank("fr")`` where they need no parse, and a
bulletin written for the test runs through the whole pipeline with the French model."""

from __future__ import annotations

import pytest
from french_docs import head_first_texts

from pipeline.extract.events.lexicon import load_lexicon
from pipeline.extract.organisations.classification import long_form_kind, strip_article
from pipeline.extract.organisations.head_first import bracketed_definitions
from pipeline.extract.people.lexicon import load_people_lexicon
from pipeline.extract.reference.gazetteer import language_gazetteer, load_gazetteer
from pipeline.extract.reference.organisations import language_reference, load_org_reference
from pipeline.extract.statistics.numbers import _read_core, parse_number
from pipeline.extract.statistics.rules import default_rules, language_rules
from pipeline.extract.words import doc_words

FR_REFERENCE = language_reference(load_org_reference(), "fr")


# --------------------------------------------------------------------------- organisations (blank)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Le Ministère de l'Agriculture et de l'Élevage a publié un arrêté.",
            ["Ministère de l'Agriculture et de l'Élevage"],
        ),
        ("avec l'Office national des forêts et la mairie", ["Office national des forêts"]),
        ("la Direction générale des douanes, qui", ["Direction générale des douanes"]),
        (
            "le Programme des Nations Unies pour l'environnement a lancé",
            ["Programme des Nations Unies pour l'environnement"],
        ),
        # a list of complements joined by commas and "et"
        (
            "le Ministère de la Culture, de la Jeunesse et des Sports à Lomé",
            ["Ministère de la Culture, de la Jeunesse et des Sports"],
        ),
        # a bare head refers back; a lower-case head names nothing
        ("Le Comité a décidé de reporter la séance.", []),
        ("une agence de voyage", []),
    ],
)
def test_head_first_names_run_on_with_their_links(blank_fr, text: str, names: list[str]) -> None:
    assert head_first_texts(blank_fr, text) == names


def test_an_acronym_in_brackets_after_a_head_first_name_is_its_acronym(blank_fr) -> None:
    text = "Il a rencontré l'École supérieure d'hydraulique de Kaya (ESHK) et le Fonds routier (CNRT)."
    words = doc_words(blank_fr(text))
    found = {(d.short, d.long) for d in bracketed_definitions(words, text, FR_REFERENCE)}
    # CNRT does not start with the name's initial, and no reference knows it
    assert found == {("ESHK", "École supérieure d'hydraulique de Kaya")}


@pytest.mark.parametrize(
    ("long", "kind"),
    [
        ("l'Agence des routes rurales", "org"),
        ("Institut national de la statistique", "org"),
        ("le Réseau", "other"),  # a head alone refers back
        ("Atelier de validation du plan", "event"),
        ("Plan national de développement", "other"),
        ("Burkina Faso", "other"),
    ],
)
def test_what_a_french_long_form_names(long: str, kind: str) -> None:
    assert long_form_kind(long, FR_REFERENCE) == kind


def test_the_article_before_a_french_name_is_no_part_of_it() -> None:
    assert strip_article("l'Agence des routes rurales", FR_REFERENCE) == "Agence des routes rurales"
    assert strip_article("La Poste", FR_REFERENCE) == "Poste"
    assert strip_article("the Agency", load_org_reference()) == "the Agency"


def test_english_documents_keep_the_english_reference() -> None:
    english = load_org_reference()
    assert language_reference(english, "en") is english
    assert not english.head_first and "ministère" not in english.head_words
    assert FR_REFERENCE.head_first and {"ministère", "agence", "direction"} <= FR_REFERENCE.head_words
    assert english.head_words <= FR_REFERENCE.head_words


# --------------------------------------------------------------------------- places (gazetteer)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Tchad", "TD"),
        ("Sénégal", "SN"),
        ("Senegal", "SN"),
        ("République dominicaine", "DO"),
        ("République Dominicaine", "DO"),
        ("Côte d'Ivoire", "CI"),
        ("Royaume-Uni", "GB"),
        ("Russie", "RU"),  # "Russie, Fédération de": the part before the comma
        ("Corée du Sud", "KR"),  # data/fr/places.yaml
        ("Mali", "ML"),
    ],
)
def test_french_country_names_resolve_to_their_iso_code(name: str, code: str) -> None:
    match = language_gazetteer(load_gazetteer(), "fr").fixed[name]
    assert (match.kind, match.country_code) == ("country", code)


def test_a_common_french_word_is_no_place_without_its_article() -> None:
    french = language_gazetteer(load_gazetteer(), "fr")
    assert "Réunion" not in french.fixed and french.fixed["La Réunion"].country_code == "RE"
    assert "à" in french.locative_words and "Pr" in french.honorifics


def test_english_documents_keep_the_english_gazetteer() -> None:
    english = load_gazetteer()
    assert language_gazetteer(english, "en") is english
    assert "Tchad" not in english.fixed


# --------------------------------------------------------------------------- people (lexicon)


def test_french_honorifics_are_stored_as_french_writes_them() -> None:
    # Spelling variants of one form take its canonical spelling; another word is kept as written.
    honorifics = load_people_lexicon("fr").honorifics
    forms = ["M.", "Mme", "Mme.", "Mlle", "Dr", "Pr", "S.E.", "S. E.", "Son Excellence", "Madame"]
    assert [honorifics[h] for h in forms] == [
        "M.",
        "Mme",
        "Mme",
        "Mlle",
        "Dr",
        "Pr",
        "S.E.",
        "S.E.",
        "Son Excellence",
        "Madame",
    ]
    english = load_people_lexicon("en").honorifics
    assert [english[h] for h in ["Dr", "MR.", "Professor", "Her Excellency"]] == [
        "Dr.",
        "Mr.",
        "Professor",
        "Her Excellency",
    ]


@pytest.mark.parametrize(
    "role",
    ["Ministre", "Directeur général", "Directrice générale", "Représentant résident",
     "Coordonnateur humanitaire", "Secrétaire exécutif", "Porte-parole", "Vice-présidente"],
)  # fmt: skip
def test_french_role_phrases(role: str) -> None:
    lexicon = load_people_lexicon("fr")
    assert lexicon.is_role(role) and lexicon.roles_run_on
    assert {"de", "du", "auprès"} <= lexicon.title_links


def test_english_roles_do_not_run_on() -> None:
    lexicon = load_people_lexicon("en")
    assert not lexicon.roles_run_on and not lexicon.is_role("Ministre")
    assert lexicon.title_links == frozenset({"of", "at", "for", "in", "to", "with"})


# --------------------------------------------------------------------------- statistics (blank)


@pytest.mark.parametrize(
    ("text", "value"), [("12,5", 12.5), ("0,75", 0.75), ("1\u202f630", 1630), ("3 millions", 3_000_000)]
)
def test_french_numbers(text: str, value: float) -> None:
    assert parse_number(text, language_rules("fr")) == value


def test_english_numbers_keep_the_decimal_point() -> None:
    assert parse_number("12,5", default_rules()) is None
    assert parse_number("12.5", default_rules()) == 12.5


@pytest.mark.parametrize(
    ("text", "start", "value"),
    [
        ("soit 1\u202f630 demandes", 1, 1630),
        ("plus de 10\u00a0000 ménages", 2, 10000),
        ("soit 45 000 agents", 1, 45000),
    ],
)
def test_thousands_set_apart_by_a_no_break_space(blank_fr, text: str, start: int, value: float) -> None:
    core = _read_core(blank_fr(text), start, language_rules("fr"))
    assert core is not None and core.value == value


def test_french_qualifiers_and_currencies() -> None:
    rules = language_rules("fr")
    assert {rules.qualifiers_before[q] for q in ["plus de", "près de", "environ", "au moins"]} == {
        "plus de",
        "près de",
        "environ",
        "au moins",
    }
    assert rules.currency_after["fcfa"] == "XOF" and rules.currency_after["de dollars"] == "USD"
    assert "plus de" not in default_rules().qualifiers_before


# --------------------------------------------------------------------------- events (lexicon)


def test_french_event_triggers() -> None:
    lexicon = load_lexicon("fr")
    for word, kind in [("atelier", "workshop"), ("séminaire", "seminar"), ("réunion", "meeting"),
                       ("conférence", "conference"), ("mission", "mission"), ("visite", "visit"),
                       ("formation", "training"), ("forum", "forum"), ("lancement", "launch"),
                       ("session", "session")]:  # fmt: skip
        assert lexicon.triggers[(word,)] == kind
    assert lexicon.adjectives_after and {"de", "du", "des"} <= lexicon.of_words
    english = load_lexicon("en")
    assert ("atelier",) not in english.triggers and not english.adjectives_after


# --------------------------------------------------------------------------- a French bulletin (model)

BULLETIN = (
    "Bulletin de liaison de l'Observatoire des politiques publiques\nNuméro 7 | Juin 2022\n\n"
    "1. Atelier régional sur la gestion des archives à Niamey\n\n"
    "Du 8 au 10 juin 2022, l'Observatoire a organisé à Niamey, au Niger, un atelier régional sur la "
    "gestion des archives publiques, avec l'appui du Fonds des Nations Unies pour la population (UNFPA). "
    "Près de 85 archivistes venus de 11 pays y ont pris part. M. Issoufou Garba, Directeur général des "
    "Archives nationales, a ouvert les travaux.\n\n"
    "2. Mission d'appui au Tchad\n\n"
    "Une mission d'appui s'est rendue à N'Djamena, au Tchad, du 20 au 24 juin 2022. Mme Hadjé Mahamat, "
    "Secrétaire générale du Ministère de la Santé publique et de la Solidarité nationale (MSPSN), a reçu "
    "la délégation. Le budget du programme s'élève à 3 500 000 FCFA, dont 12,5 % pour la formation des "
    "agents.\n"
)


@pytest.fixture(scope="module")
def bulletin_tables(run_text) -> dict[str, list[dict]]:
    return run_text("observatoire-2022-06.txt", BULLETIN)


@pytest.mark.model
def test_french_organisations_with_their_acronyms(bulletin_tables) -> None:
    found = {(r["name"], r["acronym"]) for r in bulletin_tables["organisations"]}
    assert {
        ("Fonds des Nations Unies pour la population", "UNFPA"),
        ("Ministère de la Santé publique et de la Solidarité nationale", "MSPSN"),
        ("Observatoire des politiques publiques", None),
    } <= found
    assert not any(name.lower().startswith(("l'", "le ", "la ")) for name, _ in found)


@pytest.mark.model
def test_french_places_with_their_countries(bulletin_tables) -> None:
    found = {(r["name"], r["country_code"]) for r in bulletin_tables["places"]}
    assert {("Niamey", "NE"), ("Niger", "NE"), ("N'Djamena", "TD"), ("Tchad", "TD")} <= found


@pytest.mark.model
def test_french_people_with_honorifics_and_roles(bulletin_tables) -> None:
    people = {r["name"]: r for r in bulletin_tables["people"]}
    assert people["Issoufou Garba"]["honorific"] == "M."
    assert people["Issoufou Garba"]["role"].startswith("Directeur général")
    assert people["Hadjé Mahamat"]["honorific"] == "Mme"
    assert people["Hadjé Mahamat"]["role"].startswith("Secrétaire générale")
    assert people["Hadjé Mahamat"]["organisation"] in {
        "MSPSN",
        "Ministère de la Santé publique et de la Solidarité nationale",
    }


@pytest.mark.model
def test_french_statistics(bulletin_tables) -> None:
    found = {(r["value"], r["qualifier"], r["unit"]) for r in bulletin_tables["statistics"]}
    assert {
        (85.0, "près de", None),
        (11.0, None, None),
        (3_500_000.0, None, "XOF"),
        (12.5, None, "percent"),
    } <= found


@pytest.mark.model
def test_french_events_named_head_first(bulletin_tables) -> None:
    events = {str(r["start_date"]): r for r in bulletin_tables["events"]}
    workshop = events["2022-06-08"]
    assert workshop["name"].startswith("Atelier régional sur la gestion des archives")
    assert (workshop["city"], workshop["country_code"]) == ("Niamey", "NE")
    mission = events["2022-06-20"]
    assert mission["name"].lower().startswith("mission d'appui") and mission["city"] == "N'Djamena"


# --------------------------------------------------------------------------- more French forms


def test_a_head_first_name_wraps_at_the_end_of_a_line(blank_fr) -> None:
    assert head_first_texts(blank_fr, "5 000 € accordés par le Ministère des\nAffaires étrangères.") == [
        "Ministère des\nAffaires étrangères"
    ]
    assert head_first_texts(blank_fr, "organisées par l'Agence\nFrançaise de Développement (AFD)") == [
        "Agence\nFrançaise de Développement"
    ]
    # a new line after a whole name starts something else
    found = head_first_texts(blank_fr, "le Ministère de la Santé\nAtelier de validation")
    assert found == ["Ministère de la Santé"]


@pytest.mark.parametrize(
    ("long", "kind"), [("Assemblée générale", "event"), ("Assemblée nationale", "unknown")]
)
def test_an_event_named_by_two_words(long: str, kind: str) -> None:
    assert long_form_kind(long, FR_REFERENCE) == kind


def test_french_function_words_are_no_towns() -> None:
    french = language_gazetteer(load_gazetteer(), "fr")
    assert "Un" not in french.cities and "Un" not in french.fixed
    assert "Un" in load_gazetteer().cities  # a town in India, for English documents


def test_surnames_in_capitals(blank_fr) -> None:
    from pipeline.extract.people.names import surname_names

    text = "Le Ministre GUINDO a reçu Awa KONATÉ et El Hadj Omar SALL, puis le PNUD et Le FMI."
    words = doc_words(blank_fr(text))
    found = [
        " ".join(w.text for w in words[n.start : n.end])
        for n in surname_names(words, load_people_lexicon("fr"), 0, 0)
    ]
    assert found == ["Awa KONATÉ", "El Hadj Omar SALL"]
    assert surname_names(words, load_people_lexicon("en"), 0, 0) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # the surname first, in capitals, then the first name: one person
        (
            "Nouveaux membres :\nM. RIVOIRE Bastien\nMme DELMAS-PONS Aude\n",
            ["RIVOIRE Bastien", "DELMAS-PONS Aude"],
        ),
        ("Mme BEN SAÏD – LAROCHE Inès a ouvert la séance.", ["BEN SAÏD – LAROCHE Inès"]),
        (
            "Procuration : Monsieur TESSIER Marc donne pouvoir à Madame ROUX Claire.",
            ["TESSIER Marc", "ROUX Claire"],
        ),
        # a surname alone, or before a role or a verb, stays alone
        ("M. PERRIN a présenté le budget ; Mme VIDAL Présidente.", ["PERRIN", "VIDAL"]),
    ],
)
def test_a_surname_in_capitals_before_the_first_name(blank_fr, text: str, names: list[str]) -> None:
    from pipeline.extract.people.names import honorific_names

    words = doc_words(blank_fr(text))
    found = honorific_names(words, text, load_people_lexicon("fr"), 0, 0)
    assert [" ".join(w.text for w in words[n.start : n.end]) for n in found] == names


def test_a_surname_in_capitals_is_no_acronym() -> None:
    from pipeline.extract.organisations.candidates import _capital_surnames, _person_form

    texts = ["Le Ministre Issa TRAORÉ a rencontré l'ONU.", "Le Ministre TRAORÉ a salué le PNUD."]
    assert _capital_surnames(texts) == {"TRAORÉ"}
    assert _person_form("Issa TRAORÉ") and not _person_form("Fonds FMI PNUD".upper())


TITLES_BULLETIN = (
    "Lettre de la Cellule de coordination\nNuméro 3 | Avril 2021\n\n"
    "1. Rencontres à Lomé\n\n"
    "Le 6 avril, le directeur des programmes du Bureau régional, Koami Agbeko, et la "
    "représentante de la société civile, Mme Ama Kpodar, ont rencontré le Ministre de l'Eau, "
    "de l'Assainissement et de l'Hydraulique villageoise, Kossi ADJOVI, à Lomé.\n"
)


@pytest.fixture(scope="module")
def titles_tables(run_text) -> dict[str, list[dict]]:
    return run_text("cellule-2021-04.txt", TITLES_BULLETIN)


@pytest.mark.model
def test_french_titles_written_before_the_name(titles_tables) -> None:
    people = {r["name"]: r for r in titles_tables["people"]}
    # a lower-case title before the name, ending in its body
    assert people["Koami Agbeko"]["role"].lower().startswith("directeur des programmes")
    # "et la représentante ...": the next person's title, not this one's
    assert "représentante" not in (people["Koami Agbeko"]["role"] or "").lower()
    # a title whose complements are listed with commas, before a surname in capitals
    assert people["Kossi ADJOVI"]["role"].startswith("Ministre de l'Eau, de l'Assainissement")


def test_french_place_words_before_a_name(blank_fr) -> None:
    from pipeline.extract.places.areas import area_candidates
    from pipeline.extract.reference.place_names import local_words

    text = (
        "Les pluies ont touché la région de Kayes, le département de l'Artibonite et le cercle de Bandiagara."
    )
    french = language_gazetteer(load_gazetteer(), "fr")
    found = {c.text for c in area_candidates(blank_fr(text), french, [], words=local_words("fr"))}
    assert found == {"Kayes", "Artibonite", "Bandiagara"}
    # English reads "the town of ..." only
    assert not area_candidates(blank_fr(text), load_gazetteer(), [], words=local_words("en"))
    assert local_words("en").place_noun_links == (("of",),)
