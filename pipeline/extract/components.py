"""The spaCy components of the pipeline, registered in this one place.

Each is a thin shell around a stage's pure functions, for use in a user's own spaCy
pipeline (``import pipeline.extract.components`` then ``nlp.add_pipe("bulletin_places_v1")``).
The pipeline itself does not run them: it calls the functions over all the sections of
a bulletin at once, so that acronyms, people and places link across sections.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.core.records import Section
from pipeline.extract.acronyms import find_definitions
from pipeline.extract.organisations import find_organisations
from pipeline.extract.people import find_people
from pipeline.extract.people.lexicon import PeopleLexicon, load_people_lexicon
from pipeline.extract.places.candidates import accepted_place_spans
from pipeline.extract.reference.gazetteer import Gazetteer, load_gazetteer
from pipeline.extract.reference.organisations import OrgReference, load_org_reference


def _whole_doc(doc: Doc) -> Section:
    """A Doc read as a bulletin of one section."""
    return Section("doc", "doc-s00", None, None, doc.text, 0, len(doc.text), 0, 1, 1)


@Language.factory("bulletin_acronyms_v1")
def make_acronym_detector(nlp: Language, name: str) -> AcronymDetector:
    return AcronymDetector()


class AcronymDetector:
    """Stores ``find_definitions(doc)`` on ``doc._.acronyms``."""

    def __init__(self) -> None:
        if not Doc.has_extension("acronyms"):
            Doc.set_extension("acronyms", default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.acronyms = tuple(find_definitions(doc))
        return doc


@Language.factory("bulletin_organisations_v1", default_config={"reference_file": None})
def make_organisation_finder(nlp: Language, name: str, reference_file: str | None) -> OrganisationFinder:
    return OrganisationFinder(load_org_reference(Path(reference_file) if reference_file else None))


class OrganisationFinder:
    """Marks the organisation mentions of a Doc in ``doc.spans["organisations"]``."""

    def __init__(self, reference: OrgReference) -> None:
        self.reference = reference

    def __call__(self, doc: Doc) -> Doc:
        _, mentions = find_organisations("doc", [_whole_doc(doc)], [doc], self.reference)
        spans = [
            doc.char_span(m.char_start, m.char_end, label="ORG", alignment_mode="expand") for m in mentions
        ]
        doc.spans["organisations"] = [s for s in spans if s is not None]
        return doc


@Language.factory("bulletin_people_v1")
def make_people_finder(nlp: Language, name: str) -> PeopleFinder:
    return PeopleFinder(load_people_lexicon(), load_org_reference())


class PeopleFinder:
    """Marks the person mentions of a Doc in ``doc.spans["people"]``."""

    def __init__(self, lexicon: PeopleLexicon, reference: OrgReference) -> None:
        self.lexicon = lexicon
        self.reference = reference

    def __call__(self, doc: Doc) -> Doc:
        _, mentions = find_people(
            "doc", [_whole_doc(doc)], [doc], (), lexicon=self.lexicon, reference=self.reference
        )
        spans = [
            doc.char_span(m.char_start, m.char_end, label="PERSON", alignment_mode="expand") for m in mentions
        ]
        doc.spans["people"] = [s for s in spans if s is not None]
        return doc


@Language.factory("bulletin_places_v1", default_config={"data_file": None})
def make_place_finder(nlp: Language, name: str, data_file: str | None) -> PlaceFinder:
    return PlaceFinder(load_gazetteer(Path(data_file) if data_file else None))


class PlaceFinder:
    """Puts the places of a doc in ``doc.spans["places"]`` (label = kind, kb_id = country).

    Add it after "ner".
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["places"] = accepted_place_spans(doc, self.gazetteer)
        return doc
