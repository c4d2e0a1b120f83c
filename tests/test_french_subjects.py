"""What a French number counts, read from the French model's parse (``subjects_ud.py``), in
sentences written for these tests: the counted noun with its participle and the phrases after
it, over a line break, with the adverb of the participle ("non enregistrés"), and when the
parse tags the counted noun as an adjective. No bulletin is quoted.
"""

from __future__ import annotations

import pytest

from pipeline.extract.statistics.rules import language_rules
from pipeline.extract.statistics.subjects_ud import ud_subject


def _subject(fr_nlp, sentence: str, number: str) -> str | None:
    doc = fr_nlp(sentence)
    inside = {t.i for t in doc if t.text == number}
    return ud_subject(doc, inside, None, set(), language_rules("fr"))


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "number", "subject"),
    [
        # a line break between the counted noun and its participle
        ("Un total de 23 415 réfugiés\ninstallés dans le camp de Bakassi à la date du 14 juin.",
         "415", "réfugiés installés dans le camp de Bakassi"),
        # the adverb of the participle stays with it
        ("Selon le rapport, il y a 7,420 personnes déplacées non enregistrées\ndans la province du Nord.",
         "7,420", "personnes déplacées non enregistrées dans la province du Nord"),
        # the parse tags the counted noun as an adjective, the number still hangs on it
        ("En outre, selon la dernière enquête (mars\n2019), il y a 5,318 réfugiés non recensés\ndans "
         "la région du Lac.", "5,318", "réfugiés non recensés dans la région du Lac"),
        ("Les services ont recensé 4 512 cas de paludisme signalés depuis le début de l'année.",
         "512", "cas de paludisme signalés depuis le début de l'année"),
    ],
)  # fmt: skip
def test_a_counted_french_noun_with_what_follows_it(fr_nlp, sentence: str, number: str, subject: str) -> None:
    found = _subject(fr_nlp, sentence, number)
    assert found is not None and " ".join(found.split()) == subject


@pytest.mark.model
def test_a_blank_line_ends_the_subject(fr_nlp) -> None:
    found = _subject(fr_nlp, "Le comité compte 36 membres\n\nactifs dans la région.", "36")
    assert found is not None and " ".join(found.split()) == "membres"
