"""Title and issue month of every sample bulletin and every bulletin of the shared corpus.

They come from the masthead, wherever it stands on the page, not from the first article.
"""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

SAMPLES = {
    "capnet-news-2016-02.txt": ("CAPNET News (Issue 9, February 2016)", date(2016, 2, 1)),
    "capnet-news-2016-02.html": ("CAPNET News (Issue 9, February 2016)", date(2016, 2, 1)),
    "dgov-bulletin-2015-09.txt": ("Digital Government Bulletin | September 2015", date(2015, 9, 1)),
    "dgov-bulletin-2015-09.docx": ("Digital Government Bulletin | September 2015", date(2015, 9, 1)),
    "pgd-monthly-2013-03.txt": ("PGD Monthly Update to CPSI Members: March 2013", date(2013, 3, 1)),
    "pgd-monthly-2013-03.pdf": ("PGD Monthly Update to CPSI Members: March 2013", date(2013, 3, 1)),
    "pgd-monthly-2014-06.txt": ("PGD Monthly Bulletin No. 14 — June 2014", date(2014, 6, 1)),
    "pgd-monthly-2014-06.eml": ("PGD Monthly Bulletin No. 14 — June 2014", date(2014, 6, 1)),
    "rfap-lettre-2024-03.txt": (
        "Lettre d'information du Réseau francophone des administrations publiques | Numéro 14 | Mars 2024",
        date(2024, 3, 1),
    ),
}
CORPUS = {
    "dpadm-monthly-2012-11.txt": ("DPADM Monthly Update to CEPA Members: November 2012", date(2012, 11, 1)),
    # A UN document: its masthead is the organ and its metadata; its title the subject line.
    "un-s-2025-185-opcw-monthly-report.pdf": (
        "Letter dated 25 March 2025 from the Secretary-General addressed to the President of the "
        "Security Council",
        date(2025, 3, 1),
    ),
    # The headline, then the series and date lines down to the date.
    "ifrc-dref-bulletin-mdrkh001-2008.pdf": (
        "Cambodia: Dengue fever outbreak DREF Bulletin no. MDRKH001 25 January 2008",
        date(2008, 1, 1),
    ),
}


def _titles(tables: dict[str, pa.Table]) -> dict[str, tuple[str, date]]:
    rows = tables["documents"].select(["source_file", "title", "issue_date"]).to_pylist()
    return {r["source_file"].rsplit("/", 1)[-1]: (r["title"], r["issue_date"]) for r in rows}


def test_every_sample_has_its_title_and_month(sample_tables) -> None:
    assert _titles(sample_tables) == SAMPLES


@pytest.mark.shared
def test_every_bulletin_of_the_shared_corpus_has_its_title_and_month(corpus_tables) -> None:
    assert _titles(corpus_tables) == CORPUS
