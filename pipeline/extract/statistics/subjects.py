"""What a number counts, read from the dependency parse.

The counted noun phrase, a set named before, the noun an amount measures, or what a number
standing alone as subject did: the part that leans on the parse, apart from the text rules.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipeline.extract.model_rules import lemma as lemma_of
from pipeline.extract.sentences import is_paragraph_break, sentence_span
from pipeline.extract.statistics.measures import is_dimension, predicated_noun, price_of, sized_noun
from pipeline.extract.statistics.modifiers import (
    active_tail,
    is_clean,
    narrows,
    passive_tail,
    phrase_end,
    says_when,
)
from pipeline.extract.statistics.numbers import HYPHENS, token_at
from pipeline.extract.statistics.rules import StatisticsRules
from pipeline.extract.statistics.subjects_ud import ud_subject
from pipeline.extract.statistics.surface import Group

# Dependency labels by which a number (or its unit) modifies the noun it counts.
_MODIFIER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "predet", "det"})
_SUBJECT_EDGE_DEPS = frozenset({"det", "predet", "punct", "cc", "case", "nummod", "quantmod"})
_RELATIVE_WORDS = frozenset({"who", "whom", "whose", "which", "that", "where"})
_OPENING_BRACKETS = frozenset({"(", "["})
_QUANTITY_COMPARATIVES = frozenset({"more", "less", "fewer"})
_PREDICATE_DEPS = frozenset(
    {"dobj", "attr", "acomp", "prt", "advmod", "oprd", "dative", "prep", "xcomp", "ccomp"}
)
# Written between a subject and its verb, and part of what the subject did: "had not revised".
_VERB_GROUP_DEPS = frozenset({"aux", "auxpass", "neg"})


class Name(Exception):
    """The number is part of a proper name ("Two UN Plaza")."""


def group_tokens(doc: Doc, group: Group) -> set[int]:
    first = token_at(doc, group.char_start)
    last = token_at(doc, group.char_end - 1, first)
    return set(range(first, last + 1))


def _trim(doc: Doc, left: int, right: int, blocked: set[int]) -> str | None:
    """Text of tokens [left, right] without edge determiners, punctuation or numbers."""
    while left <= right and (
        doc[left].dep_ in _SUBJECT_EDGE_DEPS or doc[left].pos_ in ("DET", "PUNCT", "NUM") or left in blocked
    ):
        left += 1
    while right >= left and (
        doc[right].is_punct or doc[right].is_space or doc[right].pos_ in ("CCONJ", "DET")
    ):
        right -= 1
    return doc[left : right + 1].text if left <= right else None


def _clean_subtree(token: Token, blocked: set[int]) -> bool:
    return not any(t.i in blocked for t in token.subtree)


def _noun_phrase(doc: Doc, noun: Token, left_limit: int, blocked: set[int], rules: StatisticsRules) -> str:
    """The noun with its modifiers after ``left_limit``, its from/of complement and relative clause."""
    left = max(left_limit, noun.left_edge.i)
    right = noun.i
    while (
        right + 2 < len(doc)
        and doc[right + 1].text in HYPHENS
        and not doc[right].whitespace_
        and not doc[right + 1].whitespace_
    ):
        right += 2  # "vice-chairs" split by the tokenizer
    for child in noun.rights:
        relative = child.dep_ == "relcl" and child.left_edge.lower_ in _RELATIVE_WORDS
        complement = child.dep_ == "prep" and child.lower_ in rules.subject_prepositions
        narrowing = not (relative or complement) and child.left_edge.i == right + 1 and narrows(child, rules)
        if not (relative or complement or narrowing):
            continue
        if any(i in blocked for i in range(right, child.right_edge.i + 1)):
            break  # "four sessions and 12 workshops": the next count is not part of this one
        if not narrowing:
            right = child.right_edge.i
            continue
        end = phrase_end(doc, child, blocked, rules)  # "families with children [affected by ...]"
        right = max(right, end)
        if end < child.right_edge.i:
            break
    following = doc[right + 1] if right + 1 < len(doc) else None
    if (
        right == noun.i
        and following is not None
        and following.lower_ == "from"
        and following.head.i == noun.head.i
        and _clean_subtree(following, blocked)
    ):
        right = following.right_edge.i  # "gathered 64 delegates from unions": "from" parsed on the verb
    return _trim(doc, left, right, blocked) or noun.text


def _pobj_phrase(doc: Doc, prep: Token, blocked: set[int], rules: StatisticsRules) -> str | None:
    objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN", "ADJ")]
    if not objects:
        return None
    return _noun_phrase(doc, objects[0], prep.i + 1, blocked, rules)


def _list_phrase(doc: Doc, noun: Token, before: int, blocked: set[int]) -> str | None:
    """A noun and the nouns listed with it ("mayors, governors and officials"), up to ``before``."""
    left = noun.left_edge.i
    for i in range(left, noun.i):
        if is_paragraph_break(doc[i]):
            left = i + 1  # the parse may run on past a blank line
    right = noun.i
    for child in noun.rights:
        if child.dep_ == "conj" and child.right_edge.i < before:
            right = max(right, child.right_edge.i)
    return _trim(doc, left, right, blocked)


def _words_until_break(doc: Doc, start: int, blocked: set[int], limit: int = 6) -> list[str]:
    """Words from ``start`` up to punctuation, a conjunction, another number or ``limit`` words."""
    words: list[Token] = []
    for token in doc[start : start + limit]:
        if (
            token.is_punct
            or token.is_space
            or token.pos_ == "CCONJ"
            or token.i in blocked
            or "\n" in token.text
        ):
            break
        words.append(token)
    while words and words[-1].pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "PART"):
        words.pop()  # "1,500 in 2016": a dangling preposition
    return [t.text for t in words]


def _counted_object(verb: Token) -> Token | None:
    """ "trained 300 officials in 2012 and 450 in 2013": the counted object of the verb."""
    if verb.pos_ != "VERB":
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in child.children):
            return child
    return None


def _shared_noun(token: Token) -> Token | None:
    """In a list "429 X representatives, ..., 541 from Y", the counted noun of a neighbour item."""
    candidates: list[Token] = []
    head = token
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
        candidates.append(head)
    candidates.extend(c for c in token.children if c.dep_ == "conj")
    for item in candidates:
        if item.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in item.children):
            return item
    return None


def counted_noun(doc: Doc, inside: set[int], skip: set[int]) -> Token | None:
    """The noun after the phrase that the number (or its unit) modifies."""
    for i in sorted(inside - skip, reverse=True):
        token = doc[i]
        head = token.head
        if is_dimension(token, inside):
            return head.head  # "a flat three metre wide road": the road is measured
        if head.i in inside or token.dep_ not in _MODIFIER_DEPS or head.i <= max(inside):
            continue
        between = doc[max(inside) + 1 : head.i]
        if any(t.text in _OPENING_BRACKETS or is_paragraph_break(t) for t in between):
            continue  # "$15 (half price)": an aside in brackets; past a blank line, another text
        if head.pos_ == "PROPN" and head.tag_ == "NNP" and not head.text.endswith("s"):
            raise Name
        if head.text[:1].isdigit():
            continue  # "21 950species": digits glued to a word by the text layer are no noun
        if head.pos_ in ("NOUN", "PROPN"):
            while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
                head = head.head  # "3 case studies": the number hangs on the first noun
            return head
    return None


def _plural_noun_after(doc: Doc, index: int) -> Token | None:
    """ "a dozen Latin American agencies": the plural noun written next, when the parse missed it."""
    while index < len(doc) and doc[index].pos_ in ("ADJ", "NOUN", "PROPN") and not doc[index].is_space:
        if doc[index].tag_ in ("NNS", "NNPS") and not doc[index].text[:1].isdigit():
            return doc[index]
        index += 1
    return None


def _of_tail(doc: Doc, noun: Token, blocked: set[int], rules: StatisticsRules) -> str | None:
    """ "share of infants with records" -> "infants with records" (what a count noun counts)."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            right = noun.right_edge.i
            for i in range(child.i + 1, right + 1):
                if i in blocked:
                    right = i - 1
                    break
            return _trim(doc, child.i + 1, right, blocked)
    return None


def _predicate(doc: Doc, verb: Token, blocked: set[int]) -> str | None:
    """ "followed the sessions online": what a number that is a subject did or was."""
    if lemma_of(verb) == "be":
        for child in verb.children:
            if child.dep_ == "attr" and child.pos_ in ("NOUN", "PROPN"):
                return _trim(doc, child.left_edge.i, child.i, blocked)  # "18 of whom were women"
    left = min([verb.i] + [c.i for c in verb.lefts if c.dep_ in _VERB_GROUP_DEPS and c.i not in blocked])
    right = verb.i
    for child in verb.rights:
        if child.dep_ not in _PREDICATE_DEPS or not _clean_subtree(child, blocked):
            break
        right = max(right, child.right_edge.i)
    return _trim(doc, left, right, blocked)


def _clause_subject(verb: Token, kinds: tuple[str, ...] = ("NOUN",)) -> Token | None:
    """The verb's subject, or that of the verb it completes ("expected to cost", "removed ... and saved")."""
    for clause in (verb, verb.head if verb.dep_ in ("xcomp", "conj") else None):
        if clause is None:
            continue
        for child in clause.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in kinds:
                return child
    return None


def _until_blocked(doc: Doc, left: int, right: int, blocked: set[int]) -> str | None:
    """Tokens [left, right] up to the first other number, without a dangling end word."""
    for i in range(left, right + 1):
        if i in blocked:
            right = i - 1
            break
    while right >= left and (doc[right].is_punct or doc[right].pos_ in ("ADP", "CCONJ", "DET", "SPACE")):
        right -= 1
    return _trim(doc, left, right, blocked)


def _money_subject(doc: Doc, top: Token, verb: Token, blocked: set[int], rules: StatisticsRules) -> str:
    """Who gives or gets an amount, the verb, and what it is for: "European Union announced to test them"."""
    parts: list[str] = []
    giver = _clause_subject(verb, ("NOUN", "PROPN"))
    if giver is not None:
        parts.append(_until_blocked(doc, giver.left_edge.i, giver.right_edge.i, blocked) or giver.text)
    parts.append(verb.text)
    for child in verb.rights:
        if child.i <= top.i:
            continue
        purpose = (
            (child.dep_ == "prep" and child.lower_ in rules.unit_subject_prepositions)
            or (
                child.dep_ in ("advcl", "xcomp")
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            )
            or (
                # "invest FJD 2 million in a programme", "lent USD 5,000 to small firms"
                child.dep_ in ("prep", "dative")
                and child.lower_ in rules.amount_target_prepositions
                and any(c.dep_ == "pobj" and c.pos_ == "NOUN" for c in child.children)
            )
        )
        tail = _until_blocked(doc, child.left_edge.i, child.right_edge.i, blocked) if purpose else None
        if tail:
            parts.append(tail)
            return " ".join(parts)
    for child in verb.children:
        if child.i < top.i and _is_recipient(child, rules) and is_clean(child, blocked):
            # "sold it to any member for $15": whom the amount was asked of or given to.
            parts.append(doc[child.left_edge.i : child.right_edge.i + 1].text)
            break
    return " ".join(parts)


def _is_recipient(child: Token, rules: StatisticsRules) -> bool:
    return (
        child.dep_ in ("prep", "dative")
        and child.lower_ in rules.amount_target_prepositions
        and any(c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN") for c in child.children)
    )


def _measured_noun(doc: Doc, top: Token, inside: set[int], rules: StatisticsRules) -> Token | None:
    """The noun an amount completes: "contracts worth USD 4 billion", "grants of up to EUR 900".

    Climbs from the number through prepositions and qualifier words to a noun written before it,
    joined by a word of ``measure_links`` ("of", "worth", "valued at", "totalling").
    """
    token = top
    for _ in range(5):
        head = token.head
        if token.lower_ in rules.measure_links and token.i > 0 and doc[token.i - 1].pos_ == "NOUN":
            return doc[token.i - 1]  # written right after the noun, whatever the parse says
        if head.i == token.i:
            return None
        if head.pos_ == "NOUN" and head.i < token.i:
            return head if token.lower_ in rules.measure_links else None
        if not (head.i in inside or head.pos_ == "ADP" or head.lower_ in rules.measure_links):
            return None
        token = head
    return None


def _is_referent(doc: Doc, token: Token, rules: StatisticsRules) -> bool:
    """A plural noun that a later "of them" can point back to: a clause subject, or a noun
    counted ("52 municipalities") or measured ("contracts worth USD 4 billion")."""
    if token.pos_ != "NOUN" or token.tag_ != "NNS":
        return False
    if token.dep_ in ("nsubj", "nsubjpass") or any(c.dep_ == "nummod" for c in token.children):
        return True
    after = doc[token.i + 1 : token.i + 6]
    return len(after) > 1 and after[0].lower_ in rules.measure_links and any(t.like_num for t in after[1:])


def _antecedent(doc: Doc, index: int, rules: StatisticsRules) -> Token | None:
    """What a pronoun at ``index`` ("37 per cent of them") refers back to.

    The nearest referent before it in its sentence or the sentence before (same paragraph);
    a referent inside the complement of another ("2,600 learners from 64 countries") gives
    way to that other.
    """
    sentence = sentence_span(doc, index)
    first = sentence.start
    if first > 0 and not is_paragraph_break(doc[first - 1]):
        first = sentence_span(doc, first - 1).start
    for i in range(index - 1, first - 1, -1):
        token = doc[i]
        if not _is_referent(doc, token, rules):
            continue
        while (
            token.dep_ == "pobj"
            and token.head.dep_ == "prep"
            and token.head.head.i < token.i
            and _is_referent(doc, token.head.head, rules)
        ):
            token = token.head.head
        return token
    return None


def _noun_with_modifiers(doc: Doc, noun: Token, blocked: set[int]) -> str:
    """ "46 municipal officials" -> "municipal officials": the noun and the words fused to it."""
    left = noun.i
    while (
        left > 0
        and doc[left - 1].dep_ in ("compound", "amod")
        and doc[left - 1].pos_ in ("NOUN", "PROPN", "ADJ", "VERB")
        and left - 1 not in blocked
    ):
        left -= 1
    return doc[left : noun.i + 1].text


def _changed_phrase(doc: Doc, subject: Token, blocked: set[int], rules: StatisticsRules) -> str:
    """The whole subject of a verb of change: "complaints about delayed decisions [had grown]".

    Cut back to the noun and its from/of complement when the subject holds another number or
    an aside between commas.
    """
    left, right = subject.left_edge.i, subject.right_edge.i
    span = range(left, right + 1)
    if any(i in blocked or doc[i].text in (",", ";", "(", ")") for i in span):
        return _noun_phrase(doc, subject, left, blocked, rules)
    return _trim(doc, left, right, blocked) or subject.text


def _verb_subject(
    doc: Doc, top: Token, group: Group, blocked: set[int], rules: StatisticsRules
) -> str | None:
    """What is counted when the number stands alone in its clause."""
    if group.unit in rules.duration_units:
        return None  # "in two years" says how long, not of what
    head = top.head
    if head.i > top.i and any(doc[k].text in _OPENING_BRACKETS for k in range(top.i + 1, head.i)):
        head = head.head  # "sell it for $15 (half price)": the noun in brackets is an aside
    verb = head.head if head.pos_ == "ADP" else head
    comparative = verb.tag_ in ("JJR", "RBR")
    degree = verb
    if comparative:
        if verb.dep_ == "amod" and verb.head.pos_ == "NOUN" and verb.head.i < top.i:
            # "2.4 million page views, 18 per cent more than last year": more of that noun.
            return _noun_with_modifiers(doc, verb.head, blocked)
        verb = verb.head  # "received 512 nominations, 40 per cent more than ..."
    if verb.pos_ not in ("VERB", "AUX") or verb.i == top.i:
        return None
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        # "the first phase, financed with USD 2.5 million": the noun the participle describes;
        # "the smallest project funded through a city grant at $89k": with the participle that
        # narrows it, up to the amount.
        owner = verb.head
        right = owner.i
        if verb.left_edge.i == owner.i + 1:
            right = verb.i
            for child in verb.rights:
                if child.left_edge.i <= top.i <= child.right_edge.i or says_when(child):
                    break
                right = max(right, phrase_end(doc, child, blocked, rules))
                if right < child.right_edge.i:
                    break
            right = next((i - 1 for i in range(owner.i + 1, right + 1) if i in blocked), right)
        return _trim(doc, owner.left_edge.i, right, blocked)
    if comparative:
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
        if objects:
            # The object nearest before the number; "resolve complaints 40% faster": how much
            # faster they are resolved, not how many more there are ("40 per cent more").
            nearest = ([c for c in objects if c.i < top.i] or objects)[-1]
            phrase = _noun_phrase(doc, nearest, nearest.left_edge.i, blocked, rules)
            faster = degree.tag_ == "RBR" and degree.lower_ not in _QUANTITY_COMPARATIVES
            return f"{phrase} {degree.text}" if faster else phrase
    if top.dep_ == "nsubj" and top.head.i == verb.i:
        return _predicate(doc, verb, blocked)
    if lemma_of(verb).casefold() in rules.count_verbs and top.dep_ == "pobj":
        for child in verb.children:
            if child.dep_ == "dobj" and child.pos_ == "NOUN":
                # "increased on-time payments by 11 per cent": what changed.
                return _noun_phrase(doc, child, child.left_edge.i, blocked, rules)
    subject = _clause_subject(verb)
    if subject is not None and lemma_of(subject).casefold() in rules.count_nouns:
        return _of_tail(doc, subject, blocked, rules) or subject.text
    if subject is not None and lemma_of(verb).casefold() in rules.count_verbs:
        return _changed_phrase(doc, subject, blocked, rules)
    if group.unit in rules.currency_codes:
        return _money_subject(doc, top, verb, blocked, rules)
    return None


def _with_passive(doc: Doc, phrase: str, subject: Token, blocked: set[int], rules: StatisticsRules) -> str:
    """ "people" + "reached with food aid", when the counted subject of a passive verb; "people"
    + "have fled to neighbouring countries", of an active one that says where or to what."""
    tail = passive_tail(doc, subject, blocked, rules) or active_tail(doc, subject, blocked, rules)
    return f"{phrase} {tail}" if tail else phrase


def _sibling_count(preposition: Token) -> Token | None:
    """The counted noun beside ``preposition`` ("ten catches [from 39]"), written before it."""
    head = preposition.head
    for token in (head, *head.children):
        if (
            token.i < preposition.i
            and token.pos_ == "NOUN"
            and any(c.dep_ == "nummod" for c in token.children)
        ):
            return token
    return None


def find_subject(doc: Doc, group: Group, blocked: set[int], rules: StatisticsRules) -> str | None:
    inside = group_tokens(doc, group)
    if rules.dependency_scheme == "ud":
        from_ud = ud_subject(doc, inside, group.unit, blocked, rules)
        if from_ud:
            return from_ud
    first_core = group.cores[0].start
    currency = {i for i in inside if rules.is_currency(doc[i].text)}
    leading = {i for i in inside if i < first_core} - currency
    body = sorted(inside - leading)
    end_limit = max(inside) + 1
    noun = counted_noun(doc, inside, leading) or _plural_noun_after(doc, end_limit)
    if noun is not None:
        phrase = _noun_phrase(doc, noun, end_limit, blocked, rules)
        return _with_passive(doc, phrase, noun, blocked, rules)
    sized = sized_noun(doc, inside, group, rules)
    if sized is not None:
        return _list_phrase(doc, sized, min(inside), blocked)
    for i in reversed(body):
        for child in doc[i].children:
            if child.dep_ != "prep" or child.i < end_limit:
                continue
            found: str | None = None
            if child.lower_ == "of" or (group.unit and child.lower_ in rules.unit_subject_prepositions):
                found = _pobj_phrase(doc, child, blocked, rules)
                if found and child.lower_ == "of":
                    found = _with_passive(doc, found, doc[i], blocked, rules)  # "four of the 29 were caught"
            elif group.unit is None and child.lower_ in rules.subject_prepositions:
                shared = _shared_noun(doc[i])
                if shared is not None:
                    tail = _trim(doc, child.i, child.right_edge.i, set())
                    return f"{shared.text} {tail}"
                found = _pobj_phrase(doc, child, blocked, rules)
            if found:
                return found
    unit_noun = doc[body[-1]]
    if group.unit in rules.measure_units and unit_noun.pos_ == "NOUN":
        for child in unit_noun.rights:
            if child.dep_ in ("acl", "relcl") and child.i >= end_limit and _clean_subtree(child, blocked):
                # "the 10 days recommended in national guidelines": the unit itself is described.
                return _trim(doc, unit_noun.i, child.right_edge.i, blocked) or unit_noun.text
    # The highest token of the number phrase (qualifier words aside) in the parse.
    top = doc[body[0]]
    for i in body:
        if doc[i].head.i not in body or doc[i].head.i == i:
            top = doc[i]
            break
    head = top.head
    if top.dep_ == "appos" and head.i < top.i and head.pos_ == "NOUN":
        return _list_phrase(doc, head, min(inside), blocked)
    if top.dep_ == "nsubj" and head.pos_ == "NOUN" and head.i > top.i:
        # "45 of them ministers": a clause without a verb.
        return _noun_phrase(doc, head, top.right_edge.i + 1, blocked, rules)
    owner = _measured_noun(doc, top, inside, rules)
    if owner is not None:
        return _trim(doc, owner.left_edge.i, owner.i, blocked | inside)
    if group.unit in rules.currency_codes:
        rate = price_of(doc, end_limit, rules)
        if rate is not None:
            return rate
    if top.dep_ == "pobj" and head.lower_ in rules.shared_count_prepositions:
        shared = _sibling_count(head)
        if shared is not None:
            # "down ten catches from 39 in May": 39 catches.
            return " ".join([shared.text, *_words_until_break(doc, end_limit, blocked)])
    if top.dep_ == "conj" and top.pos_ == "NUM":
        shared = _shared_noun(top) or _counted_object(top.head)
        if shared is not None and shared.i < top.i:
            # "85 delegates in the room and some 240 following online": the noun is not repeated.
            return " ".join([shared.text, *_words_until_break(doc, end_limit, blocked)])
    if (
        end_limit + 1 < len(doc)
        and doc[end_limit].lower_ == "of"
        and doc[end_limit + 1].lower_ in rules.pronouns_of_set
        and doc[end_limit + 1].dep_ == "pobj"  # "of these", not "of these projects"
    ):
        # "37 per cent of them": a part of a set named before.
        referent = _antecedent(doc, min(inside), rules)
        if referent is not None:
            return _noun_with_modifiers(doc, referent, blocked)
    measured = predicated_noun(doc, inside)
    if measured is not None:
        return _noun_phrase(doc, measured, measured.left_edge.i, blocked, rules)
    return _verb_subject(doc, top, group, blocked | inside, rules)
