"""Activities a section reports without a date: a row when the text says where or that it happens.

A bulletin names many activities in passing ("the Forum's report", "a meeting is planned");
an undated one is a row only when its sentence says it takes place ("will be held", "taking
place"), reports it with a verb ("met with a group of students"), says it was carried out
("we held a plant sale"), says who ran it ("a panel
session, led by Dr Noor"), places it ("a virtual meeting in Poland"), or lists it among the
tasks a group carried out ("busy with tasks such as hosting a school for nature lessons, a
show and tell at the school, weed control workshops"), and when its name is not that of an
activity the section dates already.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.core.ids import normalise_name
from pipeline.extract.events.arguments import verb_keys
from pipeline.extract.events.names import resolve_name
from pipeline.extract.events.phrases import Phrase, named_activity, venue_end
from pipeline.extract.events.places import PlaceHit, place_kind
from pipeline.extract.events.records import Anchor, Context
from pipeline.extract.events.syntax import distance, told_in_past
from pipeline.extract.events.tokens import _find_phrases, match
from pipeline.extract.model_rules import lemma

_PLACE_GAP = 3  # characters between an activity's name and "in X" right after it
_NEAR_VERB = 2  # edges between an activity and the verb that says it takes place
_LIST_BREAKS = frozenset({";", ":", ".", "!", "?"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_HELD = "event"  # the type of argument_verbs that say an activity was held ("carry out")
_MAX_GERUND = 14  # tokens of "hosting Riverside College for coastal ecology lessons"
# An object and a passive subject, in the English model's labels and in Universal Dependencies
# (the French model's: "nous avons organisé une sortie" is ``obj``, "un repas a été organisé"
# ``nsubj:pass``).
_OBJECT_DEPS = frozenset({"dobj", "obj"})
_HELD_DEPS = _OBJECT_DEPS | {"nsubjpass", "nsubj:pass"}
_MAX_EDITION = 6  # tokens between "organise" and the name: "la cinquième édition du"
_ORDINAL = re.compile(r"\d+(?:e|er|ère|ème|st|nd|rd|th)|\w+(?:ième|th)")


def _sentence_hits(ctx: Context, sentence: int) -> list[PlaceHit]:
    lo, hi = ctx.st.sentences[sentence]
    return [h for h in ctx.hits if lo <= h.start < hi and place_kind(h.place) is not None]


def _placed(ctx: Context, phrase: Phrase) -> bool:
    """Is the activity's name followed by where it happens ("a virtual meeting in Poland"),
    or does it end with its destination ("a scoping mission to Accra")?"""
    end = ctx.st.end(phrase.end - 1)
    text = ctx.st.section.text
    after_head = ctx.st.end(phrase.head)
    for hit in _sentence_hits(ctx, phrase.sentence):
        if after_head < hit.start < end and hit.where == 0:
            return True
        gap = text[end : hit.start].strip().lower().split()
        if (
            hit.start >= end
            and len(gap) == 1
            and gap[0] in ctx.lex.where_words
            and hit.start - end <= len(gap[0]) + _PLACE_GAP
        ):
            return True
    return False


def _start(ctx: Context, phrase: Phrase) -> int:
    return ctx.st.start(phrase.start)


def _single_activity(ctx: Context) -> Anchor | None:
    """The one activity of a section with no dated activity, when a place goes with it."""
    if ctx.title is not None:
        for phrase in ctx.phrases:
            if (
                phrase.sentence > 0
                and not phrase.argument
                and phrase.event_type == ctx.title.event_type
                and _sentence_hits(ctx, phrase.sentence)
            ):
                return Anchor(phrase, None, phrase.sentence, _start(ctx, phrase))
        if _sentence_hits(ctx, 0):
            return Anchor(ctx.title.phrase, None, 0, 0)
        return None
    for phrase in ctx.phrases:
        if phrase.verb or phrase.plural or phrase.anaphoric or not phrase.modified or phrase.argument:
            continue
        if _sentence_hits(ctx, phrase.sentence) and _said_to_happen(ctx, phrase):
            return Anchor(phrase, None, phrase.sentence, _start(ctx, phrase))
    return None


def _said_to_happen(ctx: Context, phrase: Phrase) -> bool:
    """Does the sentence say the activity takes place ("will be held", "taking place"), with
    the activity near the top of the sentence or of that verb on the parse (its subject, or
    the subject of the main verb: "Letchworth Festival was awarded £6,938 for activities
    taking place in Howard Park"), not deep in another clause ("the presence of the OPCW
    Mission, as agreed in meetings that took place")?"""
    st = ctx.st
    lo, hi = _token_range(ctx, phrase.sentence)
    spans = _find_phrases(st.lower, ctx.lex.event_verbs, lo, hi)
    if not spans:
        return False
    if not st.parsed:
        return True
    head = st.tokens[phrase.head]
    verbs = [st.tokens[a] for a, _ in spans] + [t for t in st.tokens[lo:hi] if t.dep_ == "ROOT"]
    return any((d := distance(head, verb)) is not None and d <= _NEAR_VERB for verb in verbs)


def _token_range(ctx: Context, sentence: int) -> tuple[int, int]:
    indices = [k for k in range(len(ctx.st.tokens)) if ctx.st.sentence_of[k] == sentence]
    return (indices[0], indices[-1] + 1) if indices else (0, 0)


def _reported(ctx: Context, phrase: Phrase, dated: Sequence[Anchor]) -> bool:
    """Does the sentence say the activity happens: a named activity with "held" or "taking
    place", a meeting reported with its verb, or an activity placed right after its name?

    In a section that dates an activity, an undated meeting reported with a verb and an
    unnamed activity of the same kind are parts of it, and so is any activity of a sentence
    that dates another ("Summit 2014, Tunis, 8-10 Oct.: a panel on open contracting")."""
    if phrase.argument or phrase.anaphoric or phrase.in_org or phrase.host:
        return False
    if phrase.det in ctx.lex.back_references:
        return False  # "this two-day meeting": the activity the section named before
    if not phrase.plural and _referred_to(ctx, phrase):
        return True
    if any(a.sentence == phrase.sentence for a in dated):
        return False
    if phrase.plural:
        return _several_held(ctx, phrase, dated)
    if phrase.verb:  # "met with a group of students", not "to meet the needs of ..."
        past = not ctx.st.tagged or ctx.st.tokens[phrase.head].tag_ == "VBD"
        # A meeting told in the past is no part of an activity the section announces ("...
        # met with a group of students. Plans for a virtual meeting this autumn").
        held = [a for a in dated if not ctx.st.parsed or told_in_past(ctx.st.tokens[a.phrase.head])]
        return phrase.specific and not held and past
    if not phrase.modified:
        return False
    happens = _said_to_happen(ctx, phrase) or _run_by(ctx, phrase) or _told_of(ctx, phrase)
    if phrase.specific and (happens or _organised(ctx, phrase)):
        return True
    same_kind = any(a.phrase.event_type == phrase.event_type for a in dated)
    carried_out = _placed(ctx, phrase) or _carried_out(ctx, phrase) or _run_by(ctx, phrase)
    return not phrase.specific and not same_kind and carried_out


def _referred_to(ctx: Context, phrase: Phrase) -> bool:
    """Is the activity, named with a capital and a proper-name word or a number, the time of
    another ("held on 3 May, just after the ACA Meeting", "ahead of the 21st Congress")? It
    takes place, though this sentence dates only the other."""
    st = ctx.st
    if not phrase.specific or phrase.verb or not st.tokens[phrase.head].text[:1].isupper():
        return False
    k = phrase.start - 1 if phrase.det else phrase.start
    return any(
        k >= len(cue)
        and match(st.lower, k - len(cue), cue)
        and st.sentence_of[k - len(cue)] == phrase.sentence
        for cue in ctx.lex.reference_cues
    )


def _several_held(ctx: Context, phrase: Phrase, dated: Sequence[Anchor]) -> bool:
    """Are activities named in the plural, with what they were about or whom they were with,
    the object of an organiser's verb told in the past ("our officers have been holding some
    workshops with local growers", "the centre ran three sessions for new carers")? One row
    for them, unless the section dates an activity of that kind (they are its parts)."""
    st = ctx.st
    if phrase.verb or not phrase.modified or not st.parsed:
        return False
    if any(a.phrase.event_type == phrase.event_type for a in dated):
        return False
    head = st.tokens[phrase.head]
    verb = head.head
    return (
        head.dep_ in _OBJECT_DEPS
        and verb.i != head.i
        and lemma(verb).lower() in ctx.lex.organiser_verbs
        and told_in_past(head)
    )


def _told_of(ctx: Context, phrase: Phrase) -> bool:
    """Is the activity, introduced by an article, the subject of a clause told in the past ("A
    panel session on how to measure impact, with three speakers, also stimulated much
    discussion")? It took place."""
    st = ctx.st
    if not st.parsed or not phrase.det:
        return False  # a name without an article may be a heading run into the sentence below
    head = st.tokens[phrase.head]
    if head.dep_ in {"nsubj", "nsubjpass"} and head.head.i != head.i:
        return told_in_past(head)
    # The parser may hang a heading and the sentence under it together: an activity that opens
    # its sentence is then the subject of the sentence's main verb.
    lo, hi = _token_range(ctx, phrase.sentence)
    opens = phrase.start - (1 if phrase.det else 0) == lo
    return opens and any(
        st.tokens[k].dep_ == "ROOT" and st.tokens[k].tag_ == "VBD" for k in range(phrase.end, hi)
    )


def _organised(ctx: Context, phrase: Phrase) -> bool:
    """Is the named activity, or the edition of it, what an organiser's verb names right before
    it, in any tense ("L'association organise la cinquième édition du Festival de Bougival")?
    A named activity someone organises takes place; the tense says only when. Read on the
    words, not the parse: the small models often miss the verb."""
    st, lex = ctx.st, ctx.lex
    k = phrase.start - 1
    between = lex.determiners | lex.of_words | lex.holding_words
    while k >= 0 and st.sentence_of[k] == phrase.sentence and phrase.start - k <= _MAX_EDITION:
        word = st.lower[k]
        if word in lex.organiser_verbs:
            return not st.tagged or st.tokens[k].pos_ != "NOUN"
        if not (word in between or st.tokens[k].like_num or _ORDINAL.fullmatch(word)):
            return False
        k -= 1
    return False


def _run_by(ctx: Context, phrase: Phrase) -> bool:
    """Does the text right after the activity's name say who ran it ("a panel session on
    careers, led by Dr Amal Noor", "a planning session held by the councillors"): an
    organiser cue, or the participle of an organiser's verb, after at most a comma?"""
    st = ctx.st
    k = phrase.end
    if k < len(st.tokens) and st.lower[k] == "," and st.sentence_of[k] == phrase.sentence:
        k += 1
    if k >= len(st.tokens) or st.sentence_of[k] != phrase.sentence:
        return False
    if any(match(st.lower, k, cue) for cue in ctx.lex.organiser_cues):
        return True
    participle = not st.tagged or st.tokens[k].tag_ == "VBN"
    return participle and st.lower[k] in ctx.lex.organiser_verbs and st.lower[k + 1 : k + 2] == ("by",)


def _carried_out(ctx: Context, phrase: Phrase) -> bool:
    """Is the activity the object of an organiser's verb told in the past, or the subject of
    its passive ("we held a very successful plant sale", "a fundraising dinner was held"), or of
    a verb that says an activity was held ("a seed distribution was carried out")?"""
    if not ctx.st.parsed:
        return False
    head = ctx.st.tokens[phrase.head]
    verb = head.head
    holds = verb.lower_ in ctx.lex.organiser_verbs or any(
        ctx.lex.argument_verbs.get(key) == _HELD for key in verb_keys(verb)
    )
    return head.dep_ in _HELD_DEPS and holds and verb.i != head.i and told_in_past(head)


def list_starts(ctx: Context) -> dict[int, int]:
    """Sentence -> the token where its list of activities carried out starts: after a cue of
    ``list_cues`` ("such as"), in a sentence told in the past."""
    st = ctx.st
    starts: dict[int, int] = {}
    for start, end in _find_phrases(st.lower, ctx.lex.list_cues, 0, len(st.tokens)):
        sentence = st.sentence_of[start]
        if sentence not in starts and (not st.parsed or told_in_past(st.tokens[start])):
            starts[sentence] = end
    return starts


def _in_list(ctx: Context, cue_end: int, start: int) -> bool:
    """Only list items (commas, "and", no other clause) between the cue and token ``start``."""
    st = ctx.st
    return all(
        st.lower[k] not in _LIST_BREAKS and not (st.tagged and st.tokens[k].tag_ in _FINITE_TAGS)
        for k in range(cue_end, start)
    )


def _listed(ctx: Context, phrase: Phrase, starts: dict[int, int]) -> bool:
    """Is the activity an item of a list of activities carried out ("busy with tasks such as
    hosting a school, a show and tell at the school, weed control workshops")? Only commas and
    "and" stand between the cue and the item: no other clause (a finite verb, a semicolon)."""
    if not phrase.modified or phrase.argument or phrase.verb or phrase.in_org or phrase.anaphoric:
        return False
    cue_end = starts.get(phrase.sentence)
    return cue_end is not None and cue_end <= phrase.start and _in_list(ctx, cue_end, phrase.start)


def _listed_gerunds(ctx: Context, starts: dict[int, int]) -> list[Phrase]:
    """Activities such a list names with a gerund and its object ("hosting Riverside College
    for coastal ecology lessons"): the verbs are data (``list_gerunds``)."""
    st = ctx.st
    if not st.parsed or not ctx.lex.list_gerunds:
        return []
    found: list[Phrase] = []
    for sentence, cue_end in starts.items():
        k = cue_end
        while k < len(st.tokens) and st.sentence_of[k] == sentence and _in_list(ctx, k, k + 1):
            token = st.tokens[k]
            event_type = ctx.lex.list_gerunds.get(lemma(token).lower())
            item_start = k == cue_end or st.lower[k - 1] in {",", "and"}
            has_object = any(c.dep_ == "dobj" for c in token.children)
            if token.tag_ == "VBG" and event_type and item_start and has_object:
                end = k + 1
                while (
                    end < len(st.tokens)
                    and st.sentence_of[end] == sentence
                    and st.lower[end] not in {",", ";", "."}
                    and end - k < _MAX_GERUND
                ):
                    end += 1
                name = st.section.text[st.start(k) : st.end(end - 1)]
                found.append(named_activity(k, end, k, event_type, sentence, name))
            k += 1
    return found


def undated_anchors(ctx: Context, dated: Sequence[Anchor]) -> list[Anchor]:
    """Undated activities of a section, after its dated ones (see the module docstring)."""
    found: list[Anchor] = []
    if not dated:
        single = _single_activity(ctx)
        if single is not None:
            found.append(single)
    names = {resolve_name(a.phrase, ctx.phrases, ctx.title, ctx.lex)[0] for a in [*dated, *found]}
    first_body = 1 if ctx.st.has_heading else 0
    starts = list_starts(ctx) if ctx.lex.list_cues else {}
    gerunds = _listed_gerunds(ctx, starts)
    for phrase in sorted((*ctx.phrases, *gerunds), key=lambda p: (p.start, p.head)):
        if phrase.sentence < first_body:
            continue
        listed = phrase not in gerunds and _listed(ctx, phrase, starts)
        if not (phrase in gerunds or listed or _reported(ctx, phrase, dated)):
            continue
        if listed and (end := venue_end(ctx.st, phrase.end, frozenset(), ctx.lex)) > phrase.end:
            # "a show and tell at Hilltop School": a list item says where it was, in its name.
            venue = ctx.st.section.text[ctx.st.start(phrase.end) : ctx.st.end(end - 1)]
            phrase = replace(phrase, end=end, name=f"{phrase.name} {venue}")
        name = resolve_name(phrase, ctx.phrases, ctx.title, ctx.lex)[0]
        words = set(normalise_name(name).split())
        if name in names or any(words <= set(normalise_name(other).split()) for other in names):
            continue  # "a meeting of the Council" beside "the Sixty-Sixth Meeting of the Council"
        names.add(name)
        found.append(Anchor(phrase, None, phrase.sentence, _start(ctx, phrase)))
    return found
