"""The statistics stage: numbers paired into ranges and changes, set aside or kept with a subject.

The one module that knows the order of the steps; the helpers below it know nothing of one
another's place in it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from pipeline.core.ids import stable_id
from pipeline.core.records import Place, Section, Statistic
from pipeline.extract.context import DocumentContext, Extracted
from pipeline.extract.model_rules import lemma as lemma_of
from pipeline.extract.sentences import sentence_span
from pipeline.extract.statistics.exclusions import (
    follows,
    in_name,
    is_anaphoric,
    is_code_context,
    is_date,
    is_ordinal,
    is_ratio,
    is_year,
    overlaps,
)
from pipeline.extract.statistics.layout import (
    bare_alone,
    figure_labels,
    label_before,
    line_label,
    scaled_count,
)
from pipeline.extract.statistics.numbers import Core, core_chars, find_cores, token_at
from pipeline.extract.statistics.rules import StatisticsRules, default_rules, for_country, language_rules
from pipeline.extract.statistics.subjects import Name, counted_noun, find_subject, group_tokens
from pipeline.extract.statistics.surface import Group, Row, Surface, surface
from pipeline.extract.statistics.tables import table_spans, table_statistics

# ---------------------------------------------------------------------------
# Numbers read together: a range ("between 20 and 30") or a change ("rose from 20 to 30")


def _token_before(doc: Doc, char: int) -> Token | None:
    index = token_at(doc, char) - 1
    return doc[index] if index >= 0 else None


def _is_change(opener: Token, rules: StatisticsRules) -> bool:
    """ "from" of a verb of change ("rose from 20 to 30"): two values, not a range."""
    head = opener.head
    return (
        opener.lower_ == "from"
        and head.pos_ in ("VERB", "AUX")
        and lemma_of(head).casefold() in rules.count_verbs
    )


def _pairing(
    doc: Doc,
    text: str,
    first: Surface,
    lower: float,
    opener: Token | None,
    following: Core | None,
    rules: StatisticsRules,
) -> tuple[str, Surface] | None:
    """("range" | "change", the second number's surface) when two numbers go together.

    A range runs upwards: in "granted USD 250,000 to three schools" the "to" is not a range.
    """
    if following is None or first.qualifier is not None:
        return None
    joiner_index = token_at(doc, first.end - 1) + 1
    if joiner_index + 1 >= len(doc):
        return None
    joiner = doc[joiner_index].lower_
    if joiner not in rules.range_joiners:
        return None
    second = surface(doc, text, following, rules)
    if second.start != doc[joiner_index + 1].idx:
        return None
    if first.unit is not None and second.unit is not None and first.unit != second.unit:
        return None
    if joiner == "and" and (opener is None or opener.lower_ != "between"):
        return None
    if opener is not None and _is_change(opener, rules):
        return "change", second
    if following.value <= lower:
        return None
    return "range", second


def _groups(doc: Doc, text: str, cores: list[Core], rules: StatisticsRules) -> list[Group]:
    groups: list[Group] = []
    index = 0
    between = rules.range_qualifier
    while index < len(cores):
        core = cores[index]
        first = surface(doc, text, core, rules, core.spans[0] if core.spans else None)
        opener = _token_before(doc, first.start)
        if opener is not None and opener.lower_ not in rules.range_openers:
            opener = None
        if core.upper is not None:  # "20–30"
            second = surface(doc, text, core, rules, core.spans[1])
            start = opener.idx if opener is not None else first.start
            rows = (
                Row(core.value, between, start, first.end),
                Row(core.upper, between, core.spans[1][0], second.end),
            )
            unit = first.unit or second.unit
            groups.append(Group((core,), rows, unit, start, second.end, first.qualifier is not None))
            index += 1
            continue
        following = cores[index + 1] if index + 1 < len(cores) else None
        paired = _pairing(doc, text, first, core.value, opener, following, rules)
        if paired is None or following is None:
            row = Row(core.value, first.qualifier, first.start, first.end)
            groups.append(
                Group((core,), (row,), first.unit, first.start, first.end, first.qualifier is not None)
            )
            index += 1
            continue
        kind, second = paired
        if kind == "range":
            start = opener.idx if opener is not None else first.start
            rows = (
                Row(core.value, between, start, first.end),
                Row(following.value, between, second.start, second.end),
            )
        else:
            start = first.start
            rows = (
                Row(core.value, first.qualifier, first.start, first.end),
                Row(following.value, second.qualifier, second.start, second.end),
            )
        unit = first.unit or second.unit
        groups.append(Group((core, following), rows, unit, start, second.end, False))
        index += 2
    return groups


# ---------------------------------------------------------------------------
# The extractor


def _statistics_in_section(
    doc_id: str,
    section: Section,
    doc: Doc,
    excluded: Sequence[tuple[int, int]],
    rules: StatisticsRules,
) -> list[Statistic]:
    cores = find_cores(doc, section.heading_end, rules)
    text = section.text  # doc.text, which spaCy rebuilds from the tokens on each access
    groups = _groups(doc, text, cores, rules)
    references: set[int] = set()  # token ends of numbers read as references ("items 3 and 4")
    outside: set[int] = set()  # indexes of groups in the heading or in an excluded span
    named: set[int] = set()  # indexes of groups that are codes, references or parts of names
    for index, group in enumerate(groups):
        start, _ = core_chars(doc, group.cores[0])
        _, end = core_chars(doc, group.cores[-1])
        if start < section.heading_end or overlaps(
            section.char_start + start, section.char_start + end, excluded
        ):
            outside.add(index)
        elif any(is_code_context(doc, text, core, rules) for core in group.cores) or follows(
            doc, group.cores[0], references
        ):
            references.update(core.end for core in group.cores)
            named.add(index)
        elif in_name(doc, group.cores[0], rules):
            named.add(index)
    # A number in a name or code ("ISO 9001", "Agenda 2030") may sit inside what another number
    # counts; any other number ends the counted phrase ("4 sessions and 12 workshops").
    numbers = {
        i
        for index, group in enumerate(groups)
        if index not in named
        for core in group.cores
        for i in range(core.start, core.end)
    }
    figures = figure_labels(text, groups, rules)  # figures alone on their lines, with label lines
    found: list[Statistic] = []
    previous: dict[tuple[int, str], str | None] = {}  # (sentence, unit) -> last subject
    for index, group in enumerate(groups):
        if index in outside or index in named:
            continue
        if (
            is_date(doc, group, rules)
            or is_anaphoric(doc, group, rules)
            or is_ratio(doc, group)
            or is_ordinal(doc, group, rules)
        ):
            continue
        own = {i for core in group.cores for i in range(core.start, core.end)}
        try:
            noun = counted_noun(doc, group_tokens(doc, group), set())
            subject = find_subject(doc, group, numbers - own, rules)
        except Name:
            continue
        if is_year(doc, group, noun is not None and noun.tag_ in ("NNS", "NNPS"), rules):
            continue
        sentence_of_group = sentence_span(doc, group.cores[0].start)
        if index in figures:
            subject = figures[index]
            group = scaled_count(group, subject, rules)
        elif (label := line_label(text, group, rules)) is not None:
            subject = label
        elif bare_alone(text, group):  # (a key figure under its label has its label)
            continue
        elif subject is None:
            subject = label_before(text, group, rules)
        if subject is None and group.unit is not None:
            # "41 per cent of vacancies, against 9 per cent in 2014": the same thing, measured again.
            subject = previous.get((sentence_of_group.start, group.unit))
        if subject is None and group.unit is None:
            continue
        if group.unit is not None:
            previous[(sentence_of_group.start, group.unit)] = subject
        sentence = sentence_of_group.text.strip()
        for row in group.rows:
            char_start = section.char_start + row.char_start
            char_end = section.char_start + row.char_end
            found.append(
                Statistic(
                    doc_id=doc_id,
                    section_id=section.section_id,
                    stat_id=stable_id(doc_id, char_start, char_end),
                    value=row.value,
                    qualifier=row.qualifier,
                    unit=group.unit,
                    subject=" ".join(subject.split()) if subject else None,
                    text=text[row.char_start : row.char_end],
                    sentence=sentence,
                    char_start=char_start,
                    char_end=char_end,
                )
            )
    return found


def bulletin_country(places: Sequence[Place]) -> str | None:
    """The country that more than half of the bulletin's place mentions are in, if one is.

    A volunteer group's newsletter names its suburbs, streets and reserves; a UN update on many
    countries has no such country.
    """
    mentions: Counter[str] = Counter()
    for place in places:
        if place.country_code:
            mentions[place.country_code] += max(place.n_mentions, 1)
    if not mentions:
        return None
    country, count = mentions.most_common(1)[0]
    return country if 2 * count > sum(mentions.values()) else None


def extract(context: DocumentContext) -> Extracted:
    """The statistics stage: numbers outside the dates the dates stage found, and the figures
    of the document's tables, in the currency of the bulletin's country where it writes "$"."""
    rules = for_country(language_rules(context.language), bulletin_country(context.found.places))
    excluded = [(d.char_start, d.char_end) for d in context.found.dates] + table_spans(context.tables)
    found = find_statistics(context.doc_id, context.sections, context.docs, excluded=excluded, rules=rules)
    found += table_statistics(context.doc_id, context.text, context.sections, context.tables, rules)
    return Extracted(tuple(sorted(found, key=lambda s: s.char_start)))


def find_statistics(
    doc_id: str,
    sections: Sequence[Section],
    docs: Sequence[Doc],
    excluded: Sequence[tuple[int, int]] = (),
    rules: StatisticsRules | None = None,
) -> list[Statistic]:
    """Every statistic of a document, in text order.

    ``excluded`` are document-offset spans already taken (dates found by the dates stage);
    a number inside one is not a statistic. ``docs[i]`` is the parse of ``sections[i].text``.
    """
    rules = rules or default_rules()
    found: list[Statistic] = []
    for section, doc in zip(sections, docs, strict=True):
        found.extend(_statistics_in_section(doc_id, section, doc, excluded, rules))
    return found
