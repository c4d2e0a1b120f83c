"""Activities named by their title alone in a dated line of a list.

Programmes and notices list activities by title, with no word such as "workshop":
"- 4 May: Safe Food Handling, Gulu" or "First Aid Level 1 – 11 May, Lira". A line with one
date of a day, no verb and a name written as a title (its content words capitalised) names
an activity; the name is the title, less the date and the places of the line.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.core.records import DateMention
from pipeline.extract.events.dates import is_deadline
from pipeline.extract.events.lexicon import EventLexicon
from pipeline.extract.events.phrases import Phrase, named_activity
from pipeline.extract.events.places import PlaceHit
from pipeline.extract.events.tokens import SectionText, has_any

_SEPARATORS = frozenset({",", ":", ";", "–", "—", "-", "(", ")", "|", "•", "*"})
_BULLETS = frozenset("-•*–")
_LABEL_MARKS = frozenset({":", "–", "—"})
_MIN_WORDS, _MAX_WORDS = 2, 12
_FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "&", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
)


def _title_cased(st: SectionText, run: Sequence[int]) -> bool:
    words = [k for k in run if st.tokens[k].is_alpha or st.tokens[k].like_num]
    content = [k for k in words if st.lower[k] not in _FUNCTION_WORDS]
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS or len(content) < _MIN_WORDS:
        return False
    if st.lower[run[0]] in _FUNCTION_WORDS or st.lower[run[-1]] in _FUNCTION_WORDS:
        return False
    return all(st.tokens[k].text[:1].isupper() or st.tokens[k].like_num for k in content)


def listing_phrases(
    st: SectionText,
    lex: EventLexicon,
    phrases: Sequence[Phrase],
    dates: Sequence[DateMention],
    hits: Sequence[PlaceHit],
    blocked: frozenset[int],
    names: frozenset[int] = frozenset(),
) -> list[Phrase]:
    """Activities of dated list lines that name them by title (see the module docstring).

    ``names``: tokens of people's and organisations' names, which are no activity's title
    ("EMS Secretariat, June 18, 2002"). The line must be an item of a list (it opens with a
    bullet) or join the title to its day with a colon or a dash; a month is no item's date
    ("Digital Government Bulletin, September 2015" is a masthead), and neither is the first
    line of the document ("Network News: Week of 05.03.10": the bulletin's name and issue).
    """
    base = st.section.char_start
    with_phrase = {p.sentence for p in phrases}
    found: list[Phrase] = []
    for sentence, (lo, hi) in enumerate(st.sentences):
        if sentence in with_phrase or (sentence == 0 and st.has_heading):
            continue
        if base + lo == 0:
            continue  # the masthead's first line
        own = [d for d in dates if lo <= d.char_start - base < hi and d.granularity != "year"]
        days = {(d.char_start, d.char_end) for d in own}
        if len(days) != 1 or any(d.granularity != "day" or is_deadline(st, d, lex) for d in own):
            continue
        if has_any(st, sentence, lex.deadline_words):
            continue
        tokens = [k for k in range(len(st.tokens)) if st.sentence_of[k] == sentence]
        if st.tagged and any(st.tokens[k].pos_ in {"VERB", "AUX"} for k in tokens if k not in blocked):
            continue  # a sentence, not a line of a list
        placed = {k for k in tokens for h in hits if h.start <= st.start(k) < h.end}
        runs: list[list[int]] = [[]]
        for k in tokens:
            if k in blocked or k in placed or st.lower[k] in _SEPARATORS:
                runs.append([])
            else:
                runs[-1].append(k)
        titles = [run for run in runs if run and _title_cased(st, run) and not names.intersection(run)]
        bulleted = st.section.text[lo] in _BULLETS
        if len(titles) != 1 or not (bulleted or any(st.lower[k] in _LABEL_MARKS for k in tokens)):
            continue
        run = titles[0]
        found.append(
            named_activity(run[0], run[-1] + 1, run[-1], "event", sentence, st.span_text(run[0], run[-1] + 1))
        )
    return found
