"""The dates stage: a document's date mentions with their offsets, one row per day of a list."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from spacy.tokens import Doc, Span

from pipeline.core.ids import stable_id
from pipeline.core.records import DateMention, Place, Section
from pipeline.extract.context import DocumentContext, Extracted
from pipeline.extract.dates.expressions import find_date_expressions
from pipeline.extract.dates.grammar import DateGrammar, TenseWords, default_grammar, grammar_for
from pipeline.extract.dates.records import NORTH, PRESENT, SOUTH, DateExpression
from pipeline.extract.dates.resolution import latest_year_of_weekdays, resolve
from pipeline.extract.dates.tense import expression_tense


def _modifies_following_noun(span: Span) -> bool:
    """A bare year that counts a later common noun: "for 2013 participants".

    Only a lower-case noun on the same line: the small model also attaches "In 2012"
    to a following acronym ("In 2012 DPADM organised ...") and a heading to the next line.
    """
    year = span[-1]
    head = year.head
    return (
        year.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod")
        and head.i > year.i
        and head.pos_ == "NOUN"
        and head.text.islower()
        and "\n" not in span.doc.text[year.idx : head.idx]
    )


def _year_is_a_date(span: Span) -> bool:
    """A year with no cue ("founded 1987", "1987 was dry") is a date where the model labels it
    DATE, its entity starts no name ("Jones 1996") and it counts no noun ("2013 volunteers")."""
    year = span[-1]
    if year.ent_type_ != "DATE" or _modifies_following_noun(span):
        return False
    entity = next((e for e in span.doc.ents if e.start <= year.i < e.end), None)
    return entity is not None and not any(t.is_alpha and t.text[0].isupper() for t in entity if t.i < year.i)


def _month_modifies_noun(span: Span) -> bool:
    """ "The July meeting", "our May outing": the month is attached to the common noun just
    after it, and is not the end of a name ("Theresa May visit")."""
    month = span[-1]
    head = month.head
    if month.dep_ not in ("compound", "nmod", "amod", "npadvmod") or not 0 < head.i - month.i <= 2:
        return False
    # A noun, or a gerund the small model tags VERB in a noun's place ("our June outing drew").
    nominal = head.pos_ == "NOUN" or head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos")
    if not nominal or not head.text.islower() or "\n" in span.doc.text[month.idx : head.idx]:
        return False
    before = span.doc[month.i - 1] if month.i > month.sent.start else None
    return len(span) > 1 or before is None or not (before.is_alpha and before.text[0].isupper())


def _parse_agrees(expression: DateExpression, doc: Doc) -> bool:
    """The parse-checked candidates (``find_date_expressions(parse_checked=True)``)."""
    if expression.pattern not in ("bare_year", "month_modifier"):
        return True
    if not (doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")):
        return False
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    return _year_is_a_date(span) if expression.pattern == "bare_year" else _month_modifies_noun(span)


def hemisphere_of(places: Iterable[Place], southern_countries: frozenset[str]) -> str:
    """The hemisphere of the country most of a bulletin's place mentions are in (north when
    none is known): it decides the months of a season."""
    counts = Counter[str]()
    for place in places:
        if place.country_code:
            counts[place.country_code.upper()] += max(place.n_mentions, 1)
    if not counts:
        return NORTH
    (country, _), *rest = counts.most_common(2)
    if rest and rest[0][1] == counts[country]:
        return NORTH
    return SOUTH if country in southern_countries else NORTH


def _reference_date(expressions: Iterable[DateExpression]) -> date | None:
    """Without an issue date: the first month and year the document states."""
    for expression in expressions:
        for span in expression.spans:
            if span.start.month is not None and span.start.year is not None:
                return date(span.start.year, span.start.month, 1)
    return None


def _stated_year(expressions: Iterable[DateExpression]) -> int | None:
    """Without an issue date or a month and year stated together: the latest year the
    document states (of a range, its first: "2022-23" is 2022)."""
    years = [
        e.spans[0].start.year
        for e in expressions
        if e.relative is None and e.spans and e.spans[0].start.year is not None
    ]
    return max(years, default=None)


def _undated_year(expressions: Iterable[DateExpression], latest: int | None) -> int | None:
    """Without an issue date or any stated year: the year the weekdays written with a day and
    month fit ("Thursday 26 September", "Sunday 29 September"), the latest up to ``latest``."""
    if latest is None:
        return None
    days = [
        (span.start.month, span.start.day, span.start.weekday)
        for e in expressions
        for span in e.spans
        if span.start.month is not None and span.start.day is not None and span.start.weekday is not None
    ]
    return latest_year_of_weekdays(days, latest)


def _tense_of(doc: Doc, start: int, end: int, words: TenseWords) -> str:
    if not doc.has_annotation("DEP"):
        return PRESENT
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return PRESENT
    return expression_tense(span, words)


def extract(context: DocumentContext) -> Extracted:
    """The dates stage: ``find_dates`` over a document context, relative to the issue date, with the
    grammar of the document's language."""
    grammar = grammar_for(context.language)
    hemisphere = hemisphere_of(context.found.places, grammar.southern_countries)
    mentions = find_dates(
        context.doc_id,
        context.sections,
        context.docs,
        context.issue_date,
        grammar=grammar,
        hemisphere=hemisphere,
    )
    return Extracted(tuple(mentions))


def find_dates(
    doc_id: str,
    sections: Sequence[Section],
    docs: Sequence[Doc],
    issue_date: date | None,
    *,
    grammar: DateGrammar | None = None,
    hemisphere: str = NORTH,
) -> list[DateMention]:
    """Date mentions of a document, one row per day of a list; offsets in the document.

    Seasons take the months of ``hemisphere``.
    """
    grammar = grammar or default_grammar()
    per_section = [
        [
            e
            for e in find_date_expressions(section.text, grammar=grammar, parse_checked=True)
            if _parse_agrees(e, doc)
        ]
        for section, doc in zip(sections, docs, strict=True)
    ]
    reference = issue_date or _reference_date(e for found in per_section for e in found)
    stated_year = None if reference else _stated_year(e for found in per_section for e in found)
    if reference is None and stated_year is None:
        stated_year = _undated_year((e for found in per_section for e in found), grammar.undated_latest_year)
    mentions: list[DateMention] = []
    for section, doc, expressions in zip(sections, docs, per_section, strict=True):
        for expression in expressions:
            if expression.pattern == "year" and expression.portion is None and doc.has_annotation("DEP"):
                span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
                if span is not None and _modifies_following_noun(span):
                    continue
            tense = _tense_of(doc, expression.start, expression.end, grammar.tense)
            start = section.char_start + expression.start
            end = section.char_start + expression.end
            for resolved in resolve(expression, reference, tense, hemisphere, stated_year):
                mentions.append(
                    DateMention(
                        doc_id=doc_id,
                        section_id=section.section_id,
                        date_id=stable_id(doc_id, start, end, resolved.start),
                        text=expression.text,
                        start_date=resolved.start,
                        end_date=resolved.end,
                        granularity=resolved.granularity,
                        inferred=resolved.inferred,
                        inferred_parts=",".join(resolved.inferred_parts) or None,
                        char_start=start,
                        char_end=end,
                    )
                )
    return mentions
