"""Activities the parse names without a trigger noun, and better names for bare triggers.

* A dated verb that says an activity happened names it by its argument: the subject of
  "took place" or of a passive ("a trial of spraying ... took place in November 1925",
  "a state of emergency was declared on 3 May"), the object of an active one ("Parks
  conducted a slow burn off on the Ridge"). The verbs are data (``argument_verbs``).
* "met" with no one met is the gathering of its subject ("The grants committee met on
  13 May": grants committee meeting); a verb whose subject is an activity reports that
  activity ("a peer-review mission is visiting Accra"): the subject is the row.
* A bare trigger hung on a verb by "at" is named by what the verb did there: the verb and
  its object, or a passive verb's subject ("presented the results of its 2020 Survey at a
  webinar": webinar presenting the results of ...; "the 2015 Award was presented at a
  ceremony": ceremony presenting the 2015 Award); one owned by "its" or "their" is named by
  the body that is the clause's subject ("the Board approved grants at its meeting").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Token

from pipeline.core.records import DateMention
from pipeline.extract.events.lexicon import EventLexicon
from pipeline.extract.events.phrases import Phrase, named_activity
from pipeline.extract.events.syntax import (
    children,
    clean_link,
    governing_verb,
    phrase_top,
    span_root,
    subject_before,
    subtree_bounds,
)
from pipeline.extract.events.tokens import SectionText
from pipeline.extract.model_rules import lemma as lemma_of

_MAX_ARGUMENT = 16  # tokens in a name made from a verb's argument
_OTHER_NAMES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "MONEY", "QUANTITY", "CARDINAL"})
_PURPOSE_PREPS = frozenset({"at", "during", "with"})
_NOT_OWNERS = frozenset({"PERSON", "GPE", "NORP"})


def verb_keys(verb: Token) -> list[str]:
    """Ways the data may name a verb: "carry out", "take place", "hold"."""
    lemma = lemma_of(verb).lower()
    keys = [f"{lemma} {c.lower_}" for c in children(verb, "prt")]
    keys += [f"{lemma} {c.lower_}" for c in children(verb, "dobj") if c.lower_ == "place"]
    return [*keys, lemma]


def _is_passive(verb: Token) -> bool:
    # English labels and Universal Dependencies ("a été déclaré": aux:pass, nsubj:pass)
    return bool(children(verb, "auxpass", "nsubjpass", "aux:pass", "nsubj:pass"))


def _argument_of(verb: Token, key: str) -> Token | None:
    if key.endswith(" place") or _is_passive(verb):
        return subject_before(verb)
    objects = children(verb, "dobj", "obj")
    return objects[0] if objects else None


def _activity_noun(token: Token, lex: EventLexicon, titled: bool = False) -> bool:
    """Could this noun name an activity (not a person, a body, a place, an amount or a pronoun)?
    The model takes many titles for bodies: a title may be an ORG to it."""
    # A word the tagger calls a verb is a noun when a determiner stands before it ("a burn").
    nominal = token.pos_ in {"NOUN", "PROPN"} or (token.left_edge.pos_ == "DET" and token.dep_ != "ROOT")
    if not nominal or token.lower_ in lex.not_activity_nouns:
        return False
    if token.ent_type_ in _OTHER_NAMES and not (titled and token.ent_type_ == "ORG"):
        return False
    return not any(c.dep_ == "nummod" or c.pos_ == "NUM" for c in token.children if c.i < token.i)


def _written_as_title(words: Iterable[Token]) -> bool:
    """A name written as a title: its content words capitalised ("First Aid Level 1")."""
    content = [t for t in words if (t.is_alpha or t.like_num) and not t.is_stop]
    return len(content) >= 2 and all(t.text[:1].isupper() or t.like_num for t in content)


def _st_span(st: SectionText, lo: int, hi: int) -> tuple[int, int] | None:
    """Positions in ``st.tokens`` of the doc tokens [lo, hi)."""
    inside = [k for k, i in enumerate(st.doc_indices) if lo <= i < hi]
    return (inside[0], inside[-1] + 1) if inside else None


def _trim(
    st: SectionText, start: int, end: int, blocked: frozenset[int], lex: EventLexicon
) -> tuple[int, int]:
    for k in range(start, end):
        if k in blocked:
            end = k
            break
    while start < end and (st.lower[start] in lex.determiners or not st.tokens[start].is_alpha):
        start += 1
    while end > start and (st.tokens[end - 1].is_punct and st.lower[end - 1] not in {")", '"', "”"}):
        end -= 1
    while end > start and st.lower[end - 1] in {"and", "or", "of", "in", "on", "at", "with", "by"}:
        end -= 1
    if end - start > _MAX_ARGUMENT:
        commas = [k for k in range(start, end) if st.lower[k] in {",", ";", "("}]
        end = commas[0] if commas else start + _MAX_ARGUMENT
    return start, end


def argument_phrases(
    st: SectionText,
    lex: EventLexicon,
    phrases: Sequence[Phrase],
    dates: Sequence[DateMention],
    blocked: frozenset[int],
) -> list[Phrase]:
    """Activities named by the argument of a dated activity verb (see the module docstring)."""
    if not st.parsed or not lex.argument_verbs:
        return []
    base = st.section.char_start
    heads = {st.doc_indices[p.head] for p in phrases}
    found: list[Phrase] = []
    for mention in dates:
        if mention.granularity == "year":
            continue
        root = span_root(st, mention.char_start - base, mention.char_end - base)
        verb = governing_verb(root) if root is not None else None
        if root is None or verb is None or not clean_link(root, verb):
            continue
        verbs = {**lex.title_argument_verbs, **lex.argument_verbs}
        key = next((k for k in verb_keys(verb) if k in verbs), None)
        argument = _argument_of(verb, key) if key else None
        if key is None or argument is None:
            continue
        lo, hi = subtree_bounds(argument)
        titled = _written_as_title(argument.doc[lo:hi])
        if not _activity_noun(argument, lex, titled) or (key not in lex.argument_verbs and not titled):
            continue  # "delivered relief items": only a title is an activity ("delivered First Aid 1")
        if any(lo <= h < hi for h in heads) or any(p.head == st.index_of(argument) for p in found):
            continue  # a trigger names it already ("held a workshop")
        span = _st_span(st, lo, hi)
        head = st.index_of(argument)
        if span is None or head is None:
            continue
        start, end = _trim(st, *span, blocked, lex)
        if not start <= head < end:
            continue
        event_type = verbs[key]
        prefix = lex.argument_names.get(event_type, "")
        text = st.span_text(start, end)
        if prefix and start > span[0] and st.lower[start - 1] in lex.determiners:
            prefix = f"{prefix} {st.lower[start - 1]}"  # "declaration of a state of emergency"
        # An elided article joins the name: "déclaration de l'état d'urgence".
        joiner = "" if prefix.endswith(("'", "\u2019")) else " "
        found.append(
            named_activity(
                start,
                end,
                head,
                event_type,
                st.sentence_of[head],
                f"{prefix}{joiner}{text}".strip(),
                plural=argument.tag_ in {"NNS", "NNPS"},
                det=st.lower[start - 1] if start > 0 else "",
            )
        )
    return found


def _subject_name(st: SectionText, verb: Token, lex: EventLexicon) -> str | None:
    """The subject of a gathering verb as the name's first words: a body ("the Town Council"),
    not a person, a pronoun or a plain plural ("officials")."""
    subjects = children(verb, "nsubj")
    if not subjects:
        return None
    subject = subjects[0]
    if subject.pos_ not in {"NOUN", "PROPN"} or subject.ent_type_ in {"PERSON", "GPE", "NORP"}:
        return None
    lo, hi = subtree_bounds(subject)
    words = [t for t in subject.doc[lo:hi] if not t.is_punct]
    if any(t.dep_ == "cc" for t in words) or any(t.ent_type_ == "PERSON" for t in words):
        return None  # "Linda and Chris met"
    if subject.tag_ in {"NNS", "NNPS"} and not any(t.pos_ == "PROPN" for t in words):
        return None
    span = _st_span(st, lo, hi)
    if span is None:
        return None
    start, end = _trim(st, *span, frozenset(), lex)
    return st.span_text(start, end) or None


def _gathering_name(subject: str, verb: Token, event_type: str, lex: EventLexicon) -> str:
    """The name of a gathering told by its subject and verb: "Town Council meeting", and where
    the language puts the noun first, "réunion du bureau" ("le bureau s'est réuni")."""
    noun = lex.subject_names.get(event_type)
    if noun is None:
        return f"{subject} {event_type}"
    articles = [c.lower_ for s in children(verb, "nsubj") for c in s.children if c.dep_ == "det"]
    body = subject
    if articles and body.lower().startswith(articles[0]):
        body = body[len(articles[0]) :].lstrip()
    joint = lex.of_articles.get(articles[0], "de") if articles else "de"
    space = "" if joint.endswith(("'", "\u2019")) else " "
    return f"{noun} {joint}{space}{body}"


def _named_right_before(st: SectionText, verb: Phrase, phrases: Sequence[Phrase]) -> bool:
    """Does an activity's name end right before the verb and its auxiliaries ("A mission of
    the Mechanism (APRM) is visiting"), whatever the parser made the subject?"""
    k = verb.head - 1
    while k >= 0 and st.tokens[k].pos_ in {"AUX", "ADV", "PART"} and st.sentence_of[k] == verb.sentence:
        k -= 1
    return any(not p.verb and p.sentence == verb.sentence and p.end == k + 1 for p in phrases)


def refine_verb_phrases(st: SectionText, phrases: Sequence[Phrase], lex: EventLexicon) -> list[Phrase]:
    """Drop a verb whose subject is an activity named already; name a gathering by its subject."""
    if not st.parsed:
        return list(phrases)
    noun_heads = {st.doc_indices[p.head] for p in phrases if not p.verb}
    out: list[Phrase] = []
    for phrase in phrases:
        if not phrase.verb:
            out.append(phrase)
            continue
        verb = st.tokens[phrase.head]
        subjects = children(verb, "nsubj", "nsubjpass")
        if any(s.i in noun_heads for s in subjects) or _named_right_before(st, phrase, phrases):
            continue  # "a peer-review mission is visiting Accra": the mission is the row
        # "met its targets"; a place visited is a visit whatever it is ("visited the field office")
        objects = [lemma_of(o).lower() for o in children(verb, "dobj")]
        if phrase.event_type != "visit" and any(o in lex.not_activity_nouns for o in objects):
            continue
        if not phrase.modified:
            subject = _subject_name(st, verb, lex)
            if subject is not None:
                phrase = replace(phrase, name=_gathering_name(subject, verb, phrase.event_type, lex))
        out.append(phrase)
    return out


def gerund(lemma: str) -> str:
    """The -ing form of a verb's lemma ("launch" -> "launching", "celebrate" -> "celebrating",
    "plan" -> "planning")."""
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")) and len(lemma) > 2:
        return lemma[:-1] + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", lemma):
        return lemma + lemma[-1] + "ing"
    return lemma + "ing"


def _owner(st: SectionText, phrase: Phrase, lex: EventLexicon) -> str | None:
    """Whose activity "its"/"their" names: the body that is the subject of the clause ("the
    Grants Committee approved 14 grants at its meeting": Grants Committee), without its article."""
    if phrase.det not in lex.possessives or phrase.specific or phrase.verb or phrase.argument:
        return None
    verb = governing_verb(st.tokens[phrase.head])
    subjects = children(verb, "nsubj") if verb is not None else []
    if not subjects or subjects[0].pos_ not in {"NOUN", "PROPN"} or subjects[0].ent_type_ in _NOT_OWNERS:
        return None
    subject = subjects[0]
    doc = subject.doc
    left = subject.i
    while left > 0 and doc[left - 1].dep_ == "compound" and left <= doc[left - 1].head.i <= subject.i:
        left -= 1
    opening = left == subject.sent.start or doc[left - 1].is_space or doc[left - 1].is_punct
    if not subject.text[:1].isupper() or opening:
        return None  # a body is written with a capital: "the Council", not "Volunteers" opening a sentence
    return doc[left : subject.i + 1].text


_SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
_MAX_DESTINATION = 8  # tokens of "to the Somali region"


def _destination(verb: Token, preps: frozenset[str]) -> tuple[int, int] | None:
    """Doc token bounds of the place a verb of going names ("went *to Kassala*", "s'est rendue
    *à Bouaké et Brobo*"), up to the next preposition or punctuation."""
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ == "prep" and child.lower_ in preps:  # English: went -> to -> Kassala
            first = child.i
        else:  # Universal Dependencies: rendue -> Bouaké (obl) -> à (case)
            case = [c for c in child.children if c.dep_ == "case" and c.lower_ in preps and c.i < child.i]
            if child.dep_ not in {"obl", "obl:arg", "obl:mod"} or not case:
                continue
            first = case[0].i
        last = first
        for token in verb.doc[first + 1 : first + 1 + _MAX_DESTINATION]:
            if token.is_punct or (token.pos_ == "ADP" and token.i > first + 1) or token.ent_type_ == "DATE":
                break
            last = token.i
        return (first, last + 1) if last > first else None
    return None


def with_destination(st: SectionText, phrase: Phrase, lex: EventLexicon) -> Phrase:
    """A mission or a visit that is the subject of a verb of going is named with where it went
    ("a joint mission went to the Somali region": mission to the Somali region)."""
    preps = lex.type_complement_preps.get(phrase.event_type)
    if not st.parsed or not preps or not lex.motion_verbs or phrase.verb:
        return phrase
    if any(st.lower[k] in preps | lex.complement_preps for k in range(phrase.head + 1, phrase.end)):
        return phrase  # named already by what follows it ("mission to Malawi")
    token = phrase_top(st.tokens[phrase.head])
    verb = token.head
    if token.dep_ not in _SUBJECTS or lemma_of(verb).lower() not in lex.motion_verbs:
        return phrase
    bounds = _destination(verb, preps | lex.where_words)
    span = _st_span(st, *bounds) if bounds is not None else None
    if span is None:
        return phrase
    return replace(phrase, name=f"{phrase.name} {st.span_text(*span)}")


def with_purpose(st: SectionText, phrase: Phrase, lex: EventLexicon) -> Phrase:
    """A bare trigger hung on a verb by "at" is named by what the verb did there ("launched
    a payroll system at a ceremony": ceremony launching a payroll system; passive: "the 2015
    Award was presented at a ceremony": ceremony presenting the 2015 Award); one owned by
    "its" or "their" is named by its owner ("the Board ... at its meeting": Board meeting)."""
    if st.parsed and (owner := _owner(st, phrase, lex)) is not None:
        return replace(phrase, name=f"{owner} {phrase.name}")
    if not st.parsed or phrase.specific or phrase.verb or phrase.anaphoric or phrase.argument:
        return phrase
    if phrase.end > phrase.head + 1:
        return phrase  # named already by what follows it ("mission to Malawi")
    head = st.tokens[phrase.head]
    prep = head.head
    verb = prep.head
    if head.dep_ != "pobj" or prep.lower_ not in _PURPOSE_PREPS or verb.pos_ != "VERB":
        return phrase
    if lemma_of(verb).lower() in lex.light_verbs:
        return phrase
    if _is_passive(verb):
        subject = subject_before(verb)
        objects = [subject] if subject is not None and subject.pos_ in {"NOUN", "PROPN"} else []
    else:
        objects = [o for o in children(verb, "dobj") if o.pos_ in {"NOUN", "PROPN"}]
    if not objects or objects[0].ent_type_ in {"PERSON", "GPE", "NORP"}:
        return phrase
    lo, hi = subtree_bounds(objects[0])
    if hi - lo < 2 and objects[0].pos_ != "PROPN":
        return phrase  # "received prizes at a ceremony": nothing to name it by
    span = _st_span(st, lo, hi)
    if span is None:
        return phrase
    start, end = span
    while end > start and st.tokens[end - 1].is_punct and st.lower[end - 1] not in {")", '"', "”"}:
        end -= 1
    matter = st.span_text(start, end)
    if st.lower[start] in lex.determiners:  # "The 2015 Award was presented": the 2015 Award
        matter = st.lower[start] + matter[len(st.lower[start]) :]
    return replace(phrase, name=f"{phrase.name} {gerund(lemma_of(verb).lower())} {matter}")
