"""Tense of the clause around a date, read from the parse: it decides whether a month named
without a year lies before or after the issue."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.extract.dates.grammar import TenseWords, default_grammar
from pipeline.extract.dates.records import FUTURE, PAST, PRESENT
from pipeline.extract.model_rules import lemma as lemma_of


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def _morphology_tense(token: Token, words: TenseWords, via_infinitive: bool) -> str | None:
    """Tense of a verb from its morphology and its auxiliaries' lemmas (Universal Dependencies:
    French "a salué", "aura lieu", "va se tenir", "prévu le 12 mars")."""
    auxiliaries = [c for c in token.children if c.dep_.startswith("aux")]
    lemmas = {lemma_of(a).lower() for a in auxiliaries}
    tenses = {t for a in [token, *auxiliaries] for t in a.morph.get("Tense", [])}
    forms = set(token.morph.get("VerbForm", []))
    if "Fut" in tenses or (lemmas & words.future_auxiliaries and "Inf" in forms):
        return FUTURE
    if lemma_of(token).lower() in words.future_verbs and (via_infinitive or "Part" in forms):
        return FUTURE
    if lemmas & words.past_auxiliaries and "Part" in forms:
        return PAST  # passé composé, and a passive in it: "ont été enregistrés"
    if "Part" in forms and not auxiliaries and token.dep_ in ("ROOT", "acl"):
        return PAST  # "un atelier organisé en mars": a done thing
    if tenses & {"Imp", "Past"} and "Fin" in forms:
        return PAST  # imparfait, passé simple
    if "Pres" in tenses and "Fin" in forms:
        return PRESENT
    return None


def _verb_tense(token: Token, words: TenseWords, via_infinitive: bool) -> str | None:
    if words.morphology:
        return _morphology_tense(token, words, via_infinitive)
    auxiliaries = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if (
        token.tag_ == "VBN"
        and "have" in auxiliaries
        and auxiliaries & words.future_auxiliaries
        and not auxiliaries & words.perfect_future_auxiliaries
    ):
        return PAST  # a modal perfect looks back: "should have happened in October"
    if auxiliaries & words.future_auxiliaries:
        return FUTURE
    if lemma_of(token).lower() in words.future_verbs and (via_infinitive or token.tag_ == "VBN"):
        return FUTURE
    if "to" in auxiliaries:
        # "to be held on ...": a passive infinitive announces what is to come.
        return FUTURE if token.tag_ == "VBN" and "be" in auxiliaries else None
    if auxiliaries & words.past_auxiliaries:
        return PAST
    if auxiliaries & words.present_auxiliaries:
        return PRESENT
    if token.tag_ == "VBD":
        return PAST
    if token.tag_ == "VBN" and token.dep_ in ("ROOT", "acl") and not auxiliaries:
        # A main verb with no auxiliary is a mistagged finite past; a bare participle
        # after a noun ("a questionnaire sent in January") reports a done thing.
        return PAST
    if token.tag_ in ("VBZ", "VBP"):
        return PRESENT
    return None


def _tense_upwards(token: Token, words: TenseWords) -> str | None:
    """Tense of the nearest clause governing ``token`` that shows one."""
    via_infinitive = False
    current = token
    for _ in range(len(token.doc)):
        if _is_verb(current):
            tense = _verb_tense(current, words, via_infinitive)
            if tense is not None:
                return tense
            via_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children) or (
                words.morphology and "Inf" in current.morph.get("VerbForm", [])
            )
        elif any(
            lemma_of(c).lower() in words.future_adjectives for c in current.children if c.dep_ == "amod"
        ):
            return FUTURE
        if current.head is current:
            return None
        current = current.head
    return None


def sentence_tense(sent: Span, words: TenseWords | None = None) -> str:
    """ "past", "future" or "present" for a parsed sentence, from its main clause."""
    words = words or default_grammar().tense
    tense = _tense_upwards(sent.root, words)
    if tense is not None:
        return tense
    if words.morphology:
        return _sentence_morphology_tense(sent)
    if any(t.tag_ == "MD" and t.lower_ in words.future_auxiliaries for t in sent):
        return FUTURE
    if any(t.tag_ == "VBD" for t in sent):
        return PAST
    return PRESENT


def _sentence_morphology_tense(sent: Span) -> str:
    tenses = {t for token in sent if token.pos_ in ("VERB", "AUX") for t in token.morph.get("Tense", [])}
    if "Fut" in tenses:
        return FUTURE
    if tenses & {"Past", "Imp"}:
        return PAST
    return PRESENT


def expression_tense(span: Span, words: TenseWords | None = None) -> str:
    """Tense of the clause a date expression belongs to ("to be held on 11 and 12 ...")."""
    words = words or default_grammar().tense
    root = span.root
    tense = _tense_upwards(root.head, words) if root.head is not root else None
    return tense or sentence_tense(span.sent, words)
