"""Reference data kept between runs (``pipeline.core.cache``): the gazetteer and the language
detector read back from the cache are the ones built from their sources."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import numpy as np

from pipeline.core.cache import cached_json, source_key, write_cache
from pipeline.extract.reference.gazetteer import load_gazetteer
from pipeline.extract.reference.gazetteer_cache import KIND, cached_gazetteer, decode, encode, gazetteer_key
from pipeline.structure import language

PLACES = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "places.yaml"


def _same_gazetteer(a, b) -> None:
    assert a == b
    for f in fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        assert type(x) is type(y), f.name
        if hasattr(x, "items"):  # the same order, and keys of the same types (YAML's True)
            assert [(type(k), k, v) for k, v in x.items()] == [(type(k), k, v) for k, v in y.items()]


def test_the_gazetteer_survives_its_file_format() -> None:
    built = load_gazetteer()
    read = decode(encode(built))
    _same_gazetteer(built, read)
    # A city listed under several names ("Saint Paul", "St. Paul") stays one object.
    for names in read.cities.values():
        for city in names:
            assert read.cities[city.name][0] is city or city in read.cities[city.name]


def test_a_cached_gazetteer_is_read_back_and_a_broken_file_is_rebuilt(tmp_path: Path) -> None:
    built = load_gazetteer()
    calls: list[int] = []

    def build():
        calls.append(1)
        return built

    first = cached_gazetteer(PLACES, tmp_path, build)
    (path,) = tmp_path.glob(f"{KIND}-*.json")
    second = cached_gazetteer(PLACES, tmp_path, build)
    assert calls == [1] and first is built and second is not built
    _same_gazetteer(built, second)
    path.write_text('["not a gazetteer"', encoding="utf-8")
    assert cached_gazetteer(PLACES, tmp_path, build) is built and calls == [1, 1]


def test_a_changed_source_names_another_file_and_the_old_one_goes(tmp_path: Path) -> None:
    data = tmp_path / "places.yaml"
    data.write_text("regions: [Sahel]\n", encoding="utf-8")
    before = gazetteer_key(data)
    data.write_text("regions: [Sahel, Horn of Africa]\n", encoding="utf-8")
    assert gazetteer_key(data) != before
    cache = tmp_path / "cache"
    def empty(out) -> None:
        out.write(b"{}")

    assert write_cache(cache / f"{KIND}-{before}.json", KIND, empty)
    assert write_cache(cache / f"{KIND}-{gazetteer_key(data)}.json", KIND, empty)
    assert [p.name for p in cache.iterdir()] == [f"{KIND}-{gazetteer_key(data)}.json"]
    assert source_key("a", b"b") != source_key("ab")


def test_the_cached_language_detector_classifies_as_the_packaged_one(tmp_path: Path) -> None:
    languages = language.detected_languages()
    packaged = language._load_identifier(languages, None)
    language._load_identifier(languages, tmp_path)  # builds and writes
    (path,) = tmp_path.glob("language-detector-*.npz")
    with np.load(path, allow_pickle=False) as data:  # arrays only: reading it runs no code
        assert set(data.files) == {"ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat"}
    cached = language._load_identifier(languages, tmp_path)
    texts = [
        "The volunteers planted four hundred seedlings along the creek last Saturday.",
        "Les bénévoles ont planté quatre cents arbres au bord du ruisseau samedi dernier.",
        "RAPPORT ANNUEL 2019",
        "12 / 14",
    ]
    for text in texts:
        assert cached.classify(text) == packaged.classify(text)


def test_a_json_cache_is_read_back_and_a_broken_file_is_built_again(tmp_path: Path) -> None:
    built: list[int] = []

    def build() -> dict[str, list[str]]:
        built.append(1)
        return {"words": ["Accra", "Nairobi"]}

    assert cached_json(tmp_path, "words", "k1", build) == {"words": ["Accra", "Nairobi"]}
    assert cached_json(tmp_path, "words", "k1", build) == {"words": ["Accra", "Nairobi"]}
    assert len(built) == 1
    (tmp_path / "words-k1.json").write_text("{broken", encoding="utf-8")
    assert cached_json(tmp_path, "words", "k1", build) == {"words": ["Accra", "Nairobi"]}
    assert len(built) == 2
    assert cached_json(None, "words", "k1", build) and len(built) == 3  # no folder: built each time


def test_the_cached_place_vocabulary_and_city_index_are_the_built_ones(tmp_path: Path) -> None:
    from pipeline.archive import entities
    from pipeline.extract.reference import place_names

    vocabulary = {name: get() for name, get in place_names._VOCABULARY.items()}
    cities, names = entities.city_ids(), entities.gazetteer_names()
    for module_state in (place_names._loaded, entities._city_index):
        module_state.clear()
    try:
        place_names.load_place_vocabulary(tmp_path)  # built and kept
        entities.load_city_index(tmp_path)
        assert {p.name.split("-")[0] for p in tmp_path.iterdir()} == {"place", "city"}
        for module_state in (place_names._loaded, entities._city_index):
            module_state.clear()
        place_names.load_place_vocabulary(tmp_path)  # read back
        entities.load_city_index(tmp_path)
        assert {name: frozenset(words) for name, words in place_names._loaded.items()} == vocabulary
        assert entities._build_city_index() == entities._city_index
        stored_cities = {(cc, lat, lon): i for cc, lat, lon, i in entities._city_index["cities"]}
        assert stored_cities == cities
        assert dict(entities._city_index["names"]) == names
    finally:
        for module_state in (place_names._loaded, entities._city_index):
            module_state.clear()
