"""The dates stage: a document's date mentions with their offsets, one row per day of a list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from spacy.tokens import Doc, Span

from pipeline.core.ids import stable_id
from pipeline.core.records import DateMention, Section
from pipeline.extract.context import DocumentContext, Extracted
from pipeline.extract.dates.expressions import find_date_expressions
from pipeline.extract.dates.grammar import DateGrammar, TenseWords, default_grammar
from pipeline.extract.dates.records import PRESENT, DateExpression
from pipeline.extract.dates.resolution import resolve
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


def _reference_date(expressions: Iterable[DateExpression]) -> date | None:
    """Without an issue date: the first month and year the document states."""
    for expression in expressions:
        for span in expression.spans:
            if span.start.month is not None and span.start.year is not None:
                return date(span.start.year, span.start.month, 1)
    return None


def _tense_of(doc: Doc, start: int, end: int, words: TenseWords) -> str:
    if not doc.has_annotation("DEP"):
        return PRESENT
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return PRESENT
    return expression_tense(span, words)


def extract(context: DocumentContext) -> Extracted:
    """The dates stage: ``find_dates`` over a document context, relative to the issue date."""
    return Extracted(tuple(find_dates(context.doc_id, context.sections, context.docs, context.issue_date)))


def find_dates(
    doc_id: str,
    sections: Sequence[Section],
    docs: Sequence[Doc],
    issue_date: date | None,
    *,
    grammar: DateGrammar | None = None,
) -> list[DateMention]:
    """Date mentions of a document, one row per day of a list; offsets in the document."""
    grammar = grammar or default_grammar()
    per_section = [find_date_expressions(section.text, grammar=grammar) for section in sections]
    reference = issue_date or _reference_date(e for found in per_section for e in found)
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
            for resolved in resolve(expression, reference, tense):
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
