"""Who organised and who took part: organisation and people mentions around an activity.

Organisers are found through cue words tied to the nearest activity, participants through
participation cues, so that names of other activities' organisers are not attached.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.core.records import Mention, Organisation
from pipeline.extract.events.phrases import Phrase
from pipeline.extract.events.records import Anchor, Context
from pipeline.extract.events.tokens import SectionText, _find_phrases, has_any

_ORGANISER_STOPS = frozenset(
    {"held", "in", "at", "from", "on", "which", "that", "to", "during", "for", "under", "who", "where"}
)


def _org_display(mention: Mention, org: Organisation) -> str:
    if org.acronym and mention.text.strip() == org.acronym:
        return org.acronym
    return org.name


def _names_in(ctx: Context, lo: int, hi: int, kinds: set[str]) -> list[str]:
    """People and/or organisations mentioned between relative offsets lo and hi."""
    base = ctx.st.section.char_start
    names: list[str] = []
    for m in ctx.mentions:
        if not (lo <= m.char_start - base < hi):
            continue
        key = m.entity_id or ""
        if "ORG" in kinds and key in ctx.org_names:
            names.append(_org_display(m, ctx.org_names[key]))
        elif "PERSON" in kinds and key in ctx.person_names:
            names.append(ctx.person_names[key].name)
    return list(dict.fromkeys(names))


def _token_range(st: SectionText, sentence: int) -> tuple[int, int]:
    indices = [k for k in range(len(st.tokens)) if st.sentence_of[k] == sentence]
    return (indices[0], indices[-1] + 1) if indices else (0, 0)


def _organisers_after(ctx: Context, cue_end: int, hi: int, others: Sequence[Phrase]) -> list[str]:
    """Organisations named after an organiser cue, up to the end of their list."""
    st = ctx.st
    org_spans = [(m.char_start, m.char_end) for m in ctx.mentions if (m.entity_id or "") in ctx.org_names]
    stop = cue_end
    while stop < hi:
        offset = st.section.char_start + st.start(stop)
        inside = any(s <= offset < e for s, e in org_spans)
        if not inside and (st.lower[stop] in _ORGANISER_STOPS or st.lower[stop] in {";", ".", ":"}):
            break
        if not inside and any(p.start == stop for p in others):
            break
        stop += 1
    if stop == cue_end:
        return []
    return _names_in(ctx, st.start(cue_end), st.start(stop - 1) + 1, {"ORG"})


def organisers_of(ctx: Context, phrase: Phrase) -> list[str]:
    """Organisations a sentence says organised or hosted the activity a phrase names."""
    st, lex = ctx.st, ctx.lex
    lo, hi = _token_range(st, phrase.sentence)
    others = [p for p in ctx.phrases if p.sentence == phrase.sentence and p is not phrase]
    found: list[str] = []
    for cue_start, cue_end in _find_phrases(st.lower, lex.organiser_cues, lo, hi):
        # A cue belongs to the nearest activity named before it.
        if cue_start < phrase.end or any(phrase.end <= p.start < cue_start for p in others):
            continue
        found += _organisers_after(ctx, cue_end, hi, others)
    for k in range(lo, phrase.start):
        if st.lower[k] in lex.organiser_verbs and not (k + 1 < hi and st.lower[k + 1] == "by"):
            if any(k < p.start < phrase.start for p in others):
                continue
            found += _names_in(ctx, st.sentences[phrase.sentence][0], st.start(k), {"ORG"})
    return list(dict.fromkeys(found))


def unattached_organisers(ctx: Context) -> list[str]:
    """Organisers named in sentences that name no activity ("It was jointly organized with X")."""
    found: list[str] = []
    with_phrases = {p.sentence for p in ctx.phrases}
    first = 1 if ctx.st.has_heading else 0
    for sentence in range(first, len(ctx.st.sentences)):
        if sentence in with_phrases:
            continue
        lo, hi = _token_range(ctx.st, sentence)
        for _start, cue_end in _find_phrases(ctx.st.lower, ctx.lex.organiser_cues, lo, hi):
            found += _organisers_after(ctx, cue_end, hi, ())
    return found


def participants_of(
    ctx: Context,
    anchor: Anchor,
    same_event: Sequence[Phrase],
    only_activity: bool,
    organisers: Sequence[str],
) -> list[str]:
    st, lex = ctx.st, ctx.lex
    sentences = {anchor.sentence} | {p.sentence for p in same_event}
    if only_activity:
        sentences |= set(range(len(st.sentences)))
    names: list[str] = []
    for sentence in sorted(sentences):
        if sentence == 0 and st.has_heading:
            continue
        verb_event = anchor.phrase.verb and anchor.phrase.sentence == sentence
        if not verb_event and not has_any(st, sentence, lex.participation_cues):
            continue
        lo, hi = st.sentences[sentence]
        names += _names_in(ctx, lo, hi, {"PERSON", "ORG"})
    return [n for n in dict.fromkeys(names) if n not in organisers]
