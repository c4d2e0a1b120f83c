"""Faster stand-ins for two rule components of the spaCy models, giving the same annotations.

- ``bulletin_attribute_rules_v1`` applies the patterns of the model's own ``attribute_ruler``
  (tag to part of speech and morphology, pronoun and auxiliary exceptions) without the
  ``Matcher``: the attributes a token gets depend only on a few of its own features and,
  for the few two-token patterns, on a neighbour's, so they are worked out once per kind of
  token and then looked up. The ``Matcher`` tries every pattern at every token, which cost
  as much as the tagger and parser together (benchmarks/README.md).
- ``lemma(token)`` gives the lemma the model's rule lemmatizer would have given, on demand:
  the extractors read the lemmas of a few verbs and nouns per section, so the lemmatizer does
  not run over every token. ``load_model`` (``pipeline.extract.nlp``) registers the model's
  lemmatizer here, its lookup tables read as plain hashed dicts (``lemmatizer_from_disk``).

Patterns the stand-in cannot read (another attribute, another operator) leave the model's own
``attribute_ruler`` in place: ``compile_rules`` returns None.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any, cast

import numpy as np
import spacy
import srsly
from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import normalize_token_attrs, set_token_attrs
from spacy.util import load_config
from spacy.vocab import Vocab

# The token features a pattern may test, in the order of ``Doc.to_array``'s columns.
FEATURES = ("TAG", "POS", "LOWER", "DEP", "IS_SPACE")
_COLUMNS = [TAG, POS, LOWER, DEP, IS_SPACE]
_STRING_FEATURES = frozenset({"TAG", "POS", "LOWER", "DEP"})

Values = Mapping[str, str | bool]  # one token's features by name
Test = Callable[[Values], bool]


def _value_test(feature: str, expected: Any) -> Callable[[str | bool], bool] | None:
    """The test of one feature's value by a pattern, as the ``Matcher`` reads it; None when the
    stand-in does not know the operator."""
    if feature == "IS_SPACE":
        return (lambda v: v is expected) if isinstance(expected, bool) else None
    if isinstance(expected, str):
        return lambda v: v == expected
    if not isinstance(expected, dict) or len(expected) != 1:
        return None
    ((operator, argument),) = expected.items()
    if operator == "IN":
        allowed = frozenset(argument)
        return lambda v: v in allowed
    if operator == "NOT_IN":
        refused = frozenset(argument)
        return lambda v: v not in refused
    if operator == "REGEX":
        pattern = re.compile(argument)
        return lambda v: isinstance(v, str) and pattern.search(v) is not None
    return None


def token_test(spec: Mapping[str, Any]) -> Test | None:
    """One token of a pattern as a test of a token's features; None when it tests anything else."""
    equal: dict[str, str] = {}  # features tested for one value: compared in one step
    tests: list[tuple[str, Callable[[str | bool], bool]]] = []
    for feature, expected in spec.items():
        test = _value_test(feature, expected) if feature in FEATURES else None
        if test is None:
            return None
        if feature != "IS_SPACE" and isinstance(expected, str):
            equal[feature] = expected
        else:
            tests.append((feature, test))
    if len(tests) == 1 and not equal:
        ((feature, test),) = tests
        return lambda values: test(values[feature])
    if not equal:
        return lambda values: all(test(values[f]) for f, test in tests)
    # itemgetter of one key gives the value, of several a tuple: compare with the same shape
    get = itemgetter(*equal)
    wanted: Any = tuple(equal.values()) if len(equal) > 1 else next(iter(equal.values()))
    if not tests:
        return lambda values: get(values) == wanted
    return lambda values: get(values) == wanted and all(test(values[f]) for f, test in tests)


@dataclass(frozen=True)
class Rule:
    """One pattern of the attribute ruler: the tokens it tests, which one gets ``attrs``, and
    the rule's place (later rules win)."""

    order: int
    tokens: tuple[Test, ...]
    target: int  # index in ``tokens``
    attrs: Mapping[Any, Any]  # normalised as ``set_token_attrs`` takes them


@dataclass(frozen=True)
class CompiledRules:
    single: tuple[Rule, ...]  # one-token patterns
    multi: tuple[Rule, ...]  # patterns over several tokens


def compile_rules(ruler: AttributeRuler) -> CompiledRules | None:
    """The ruler's patterns as tests of token features, in the ruler's order; None when a
    pattern uses something the stand-in does not read."""
    single: list[Rule] = []
    multi: list[Rule] = []
    for order, rule in enumerate(ruler.patterns):
        attrs = normalize_token_attrs(ruler.vocab, dict(cast(dict[str, Any], rule["attrs"])))
        if "_" in attrs:
            return None
        index = cast(int, rule["index"])
        for pattern in cast(list[list[dict[str, Any]]], rule["patterns"]):
            tokens = [token_test(spec) for spec in pattern]
            target = index + len(pattern) if index < 0 else index
            if not pattern or not 0 <= target < len(pattern) or any(t is None for t in tokens):
                return None
            compiled = Rule(order, tuple(t for t in tokens if t is not None), target, attrs)
            (single if len(pattern) == 1 else multi).append(compiled)
    return CompiledRules(tuple(single), tuple(multi))


def _values(vocab: Vocab, row: Sequence[int]) -> dict[str, str | bool]:
    strings = vocab.strings
    values: dict[str, str | bool] = {
        f: strings[row[k]] if row[k] else "" for k, f in enumerate(FEATURES) if f in _STRING_FEATURES
    }
    values["IS_SPACE"] = bool(row[4])
    return values


def _merged(rules: Sequence[Rule]) -> dict[Any, Any]:
    merged: dict[Any, Any] = {}
    for rule in sorted(rules, key=lambda r: r.order):
        merged.update(rule.attrs)  # a later rule's value wins, as when set one after the other
    return merged


# The attributes of a kind of token's one-token rules, merged; those rules; and the longer
# rules whose test of the token it passes (the neighbours are tested token by token).
_Own = tuple[dict[Any, Any], tuple[Rule, ...], tuple[Rule, ...]]


class AttributeRules:
    """``bulletin_attribute_rules_v1``: the attribute ruler's annotations, looked up per kind of token."""

    def __init__(self, vocab: Vocab, rules: CompiledRules) -> None:
        self.vocab = vocab
        self.rules = rules
        # features of a token -> what its own features decide (``_Own``)
        self._cache: dict[tuple[int, ...], _Own] = {}
        # features of a token -> their values by name, for the neighbours' tests
        self._named: dict[tuple[int, ...], dict[str, str | bool]] = {}

    def _own(self, row: tuple[int, ...]) -> _Own:
        values = _values(self.vocab, row)
        single = tuple(r for r in self.rules.single if r.tokens[0](values))
        candidates = tuple(r for r in self.rules.multi if r.tokens[r.target](values))
        return _merged(single), single, candidates

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows: list[tuple[int, ...]] = [tuple(r) for r in np.asarray(doc.to_array(_COLUMNS)).tolist()]
        cache = self._cache
        for i, row in enumerate(rows):
            own = cache.get(row)
            if own is None:
                own = cache[row] = self._own(row)
            attrs, single, candidates = own
            if candidates:
                longer = [r for r in candidates if self._matches_around(r, rows, i)]
                if longer:
                    attrs = _merged([*single, *longer])
            if attrs:
                set_token_attrs(doc[i], attrs)
        return doc

    def _matches_around(self, rule: Rule, rows: list[tuple[int, ...]], i: int) -> bool:
        """The tokens around ``i`` pass the tests of ``rule``, whose target is ``i``."""
        start = i - rule.target
        if start < 0 or start + len(rule.tokens) > len(rows):
            return False
        named = self._named
        for k, test in enumerate(rule.tokens):
            if k == rule.target:
                continue
            row = rows[start + k]
            values = named.get(row)
            if values is None:
                values = named[row] = _values(self.vocab, row)
            if not test(values):
                return False
        return True


def use_attribute_rules(nlp: Language) -> bool:
    """Put ``bulletin_attribute_rules_v1`` in place of ``nlp``'s attribute ruler; False (the ruler
    kept) when there is none or its patterns are beyond the stand-in."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return False
    rules = compile_rules(ruler)
    if rules is None:
        return False
    nlp.add_pipe("bulletin_attribute_rules_v1", before="attribute_ruler")
    stand_in = nlp.get_pipe("bulletin_attribute_rules_v1")
    assert isinstance(stand_in, AttributeRules)
    stand_in.rules = rules
    nlp.remove_pipe("attribute_ruler")
    return True


@Language.factory("bulletin_attribute_rules_v1")
def make_attribute_rules(nlp: Language, name: str) -> AttributeRules:
    return AttributeRules(nlp.vocab, CompiledRules((), ()))


# --------------------------------------------------------------------------- lemmas on demand

# The rule lemmatizer of each loaded model, by the id of the model's vocabulary: filled once
# per model by ``lemmas_on_demand``, read by ``lemma``. Held weakly, so that a model a run let
# go is freed with its vocabulary (a strong reference kept 120 MB after the model's last use).
_LEMMATIZERS: dict[int, weakref.ref[Lemmatizer]] = {}


def lemmas_on_demand(nlp: Language) -> bool:
    """Switch ``nlp``'s lemmatizer off and let ``lemma`` ask it for a token's lemma when an
    extractor reads one; False (left as it is) when the model has no rule lemmatizer."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer):
        return False
    key = id(nlp.vocab)

    def forget(ref: weakref.ref[Lemmatizer]) -> None:
        if _LEMMATIZERS.get(key) is ref:
            del _LEMMATIZERS[key]

    _LEMMATIZERS[key] = weakref.ref(lemmatizer, forget)
    nlp.disable_pipe("lemmatizer")
    return True


def lemma(token: Token) -> str:
    """The lemma the model's lemmatizer gives ``token`` (as when it runs over the whole ``Doc``):
    one an earlier component set (the attribute ruler's exceptions) unless the lemmatizer
    overwrites, else the lemmatizer's own."""
    ref = _LEMMATIZERS.get(id(token.vocab))
    lemmatizer = ref() if ref is not None else None
    if lemmatizer is None or lemmatizer.vocab is not token.vocab:  # the lemmatizer ran, or the model has none
        return token.lemma_
    if token.lemma and not lemmatizer.overwrite:
        return token.lemma_
    return lemmatizer.lemmatize(token)[0]


class HashedTable(dict[int, Any]):
    """One lookup table of a lemmatizer as the model stores it (the hash of each string -> its
    value), read by string or by hash as spaCy's ``Table`` is read. spaCy's ``Table`` puts every
    key through Python and a Bloom filter as it loads: 0.8 CPU-s for the French model's 216,849
    lemmas, most of that model's loading; this is the stored dict as it is."""

    def __getitem__(self, key: str | int) -> Any:
        return super().__getitem__(get_string_id(key))

    def get(self, key: str | int, default: Any = None) -> Any:
        return super().get(get_string_id(key), default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str | int) and super().__contains__(get_string_id(key))


def read_lookups(path: Path) -> Lookups:
    """The lookup tables a lemmatizer saved in ``path`` (``lookups.bin``), as ``HashedTable``."""
    lookups = Lookups()
    if path.exists():
        for name, table in srsly.msgpack_loads(path.read_bytes()).items():
            # read as spaCy's lemmatizers read a ``Table``: get, [] and ``in``, by string
            lookups.set_table(name, HashedTable(table))  # type: ignore[arg-type]
    return lookups


def lemmatizer_from_disk(nlp: Language) -> bool:
    """Add to ``nlp``, loaded from its folder without its lemmatizer (``exclude``), the model's
    lemmatizer in its place in the pipeline: a rule or lookup lemmatizer with its settings from
    the model's config and its tables by ``read_lookups``; another kind (trained) as spaCy
    loads it. False (nothing added) when the model has none."""
    if nlp.path is None or "lemmatizer" in nlp.component_names:
        return False
    config = load_config(nlp.path / "config.cfg")
    settings = dict(config["components"].get("lemmatizer", {}))
    if not settings:
        return False
    order = list(config["nlp"]["pipeline"])
    after = [name for name in order[order.index("lemmatizer") + 1 :] if name in nlp.component_names]
    before = after[0] if after else None
    if settings.pop("factory") != "lemmatizer":
        nlp.add_pipe("lemmatizer", source=spacy.load(nlp.path), before=before)
        return True
    lemmatizer = nlp.add_pipe("lemmatizer", config=settings, before=before)
    assert isinstance(lemmatizer, Lemmatizer)
    lemmatizer.lookups = read_lookups(nlp.path / "lemmatizer" / "lookups" / "lookups.bin")
    return True
