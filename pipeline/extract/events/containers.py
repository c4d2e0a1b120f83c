"""Activities held within a dated one: they take its dates.

"The Annual Conference took place in Riga in May 2026. Among its highlights, the Network
hosted the third Data Workshop." The workshop, reported in the past right after the conference
(in its paragraph or the next) with no date of its own, was one of the conference's parts: it
takes the conference's month or days. Only an activity dated by a span (a month, several days)
holds others; a one-day activity dates only itself. An activity of the container's own kind is
another of its kind ("the previous EC meeting" after "the EC Meeting, 27-29 July"), not a part;
an activity whose own sentence dates another is timed by that one. Without a parse the tense is
unknown: no part.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pipeline.extract.events.records import Anchor
from pipeline.extract.events.syntax import told_in_past
from pipeline.extract.events.tokens import SectionText

_MAX_BREAKS = 1  # line breaks between the container's sentence and its part's: the next paragraph


def _span(anchor: Anchor) -> bool:
    mention = anchor.mention
    return mention is not None and (mention.granularity == "month" or mention.end_date > mention.start_date)


def _container(st: SectionText, part: Anchor, dated: Sequence[Anchor]) -> Anchor | None:
    """The one activity dated by a span that the part follows closely, if it is the only one
    before the part in the section."""
    if any(a.sentence == part.sentence for a in dated):
        return None  # its sentence dates another activity: "the day before the Opening Ceremony"
    before = [a for a in dated if a.sentence < part.sentence]
    spans = {(a.mention.start_date, a.mention.end_date) for a in before if a.mention is not None}
    if len(spans) != 1 or not _span(before[-1]):
        return None
    container = before[-1]
    lo = st.sentences[container.sentence][1]
    hi = st.sentences[part.sentence][0]
    if st.section.text[lo:hi].count("\n") > _MAX_BREAKS:
        return None
    return container


def with_container_dates(st: SectionText, dated: Sequence[Anchor], undated: Sequence[Anchor]) -> list[Anchor]:
    """The undated activities, each dated by the activity it was part of, where there is one."""
    found: list[Anchor] = []
    for part in undated:
        container = _container(st, part, dated) if part.mention is None else None
        past = st.parsed and told_in_past(st.tokens[part.phrase.head])
        other_kind = container is not None and container.phrase.event_type != part.phrase.event_type
        if container is not None and other_kind and past and not part.phrase.plural:
            part = replace(part, mention=container.mention)
        found.append(part)
    return found
