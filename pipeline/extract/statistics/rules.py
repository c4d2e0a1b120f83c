"""The editable vocabulary of ``statistics.yaml``, read once into one frozen rules object.

Words change more often than the grammar: analysts edit the data file, every other module
only reads the rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from types import MappingProxyType
from typing import Any

from pipeline.core.datafiles import load_data, load_language_data

DATA_FILE = "statistics.yaml"


@dataclass(frozen=True)
class StatisticsRules:
    """The editable vocabulary of ``statistics.yaml``, ready for matching."""

    qualifiers_before: Mapping[str, str]
    qualifiers_after: Mapping[str, str]
    range_qualifier: str
    range_openers: frozenset[str]
    range_joiners: frozenset[str]
    units_after: Mapping[str, str]
    currency_before: Mapping[str, str]
    currency_after: Mapping[str, str]
    currency_codes: frozenset[str]
    number_words: Mapping[str, int]
    scale_words: Mapping[str, int]
    scale_suffixes: Mapping[str, int]
    fractions: Mapping[str, float]
    name_context_before: frozenset[str]
    time_markers_after: tuple[str, ...]
    months: frozenset[str]
    weekdays: frozenset[str]
    year_context_before: frozenset[str]
    count_nouns: frozenset[str]
    count_verbs: frozenset[str]
    subject_prepositions: frozenset[str]
    unit_subject_prepositions: frozenset[str]
    anaphoric_before: frozenset[str]
    pronouns_of_set: frozenset[str]
    measure_links: frozenset[str]
    amount_target_prepositions: frozenset[str]
    duration_units: frozenset[str]
    measure_units: frozenset[str]
    ordinal_suffixes: frozenset[str]
    rate_words: frozenset[str]
    size_links: frozenset[str]
    verb_argument_prepositions: frozenset[str]
    holding_verbs: frozenset[str]
    shared_count_prepositions: frozenset[str]
    # "$" and "dollars" alone: the currency of the bulletin's country (country code -> ISO 4217).
    local_dollar_forms: frozenset[str]
    local_dollar: Mapping[str, str]
    # Currency signs and codes that may be glued to a number ("US$2.5m"), longest first, each
    # with its case-folded form.
    code_prefixes: tuple[tuple[str, str], ...]
    # French and most of Europe write a decimal comma ("12,5 %") and group thousands with a
    # space ("1 630").
    decimal_comma: bool = False
    # The dependency labels of the language's model: "clear" (English: prep, pobj, dobj) or "ud"
    # (French: nmod, case, obj), which subjects_ud.py reads.
    dependency_scheme: str = "clear"
    share_units: frozenset[str] = frozenset()
    # Nouns that measure another ("d'un *montant* de 3 000 euros"), lower-case lemmas.
    measure_nouns: frozenset[str] = frozenset()
    # A line that opens with one of these names where a figure comes from ("Source: DTM"),
    # never what it counts.
    source_words: frozenset[str] = frozenset()
    # Words that end a line whose label goes on to the next ("Nb. de décès *dus*" / "au choléra").
    label_links: frozenset[str] = frozenset()
    # Capitalised words a number after which names a group or a place, not a count ("Year 5",
    # "Camp 4", "Category 3"); lower-case, they may end a phrase before a count ("over the
    # past year 300 volunteers"), so they are matched with their capital only.
    capitalised_labels: frozenset[str] = frozenset()

    def is_currency(self, word: str) -> bool:
        """A currency sign or code written as a word of its own ("$", "USD", "€")."""
        return key(word) in self.currency_before or word in self.currency_codes


def key(phrase: str) -> str:
    return " ".join(phrase.split()).casefold()


def _lower_map(raw: Mapping[str, Any]) -> Mapping[str, str]:
    return MappingProxyType({key(str(k)): str(v) for k, v in raw.items()})


def rules_from_mapping(raw: Mapping[str, Any]) -> StatisticsRules:
    """Build the rules from the parsed data file (or a test's own mapping)."""
    currency_before = _lower_map(raw["currency_before"])
    currency_codes = frozenset(
        [str(c) for c in raw["currency_codes"]]
        + [str(c) for c in raw["currency_before"].values()]
        + [str(c) for c in raw["currency_after"].values()]
    )
    prefixes = sorted({*currency_before, *currency_codes}, key=len, reverse=True)
    return StatisticsRules(
        qualifiers_before=_lower_map(raw["qualifiers_before"]),
        qualifiers_after=_lower_map(raw["qualifiers_after"]),
        range_qualifier=str(raw["range_qualifier"]),
        range_openers=frozenset(key(w) for w in raw["range_openers"]),
        range_joiners=frozenset(key(w) for w in raw["range_joiners"]),
        units_after=_lower_map(raw["units_after"]),
        currency_before=currency_before,
        currency_after=_lower_map(raw["currency_after"]),
        currency_codes=currency_codes,
        number_words=MappingProxyType({key(k): int(v) for k, v in raw["number_words"].items()}),
        scale_words=MappingProxyType({key(k): int(v) for k, v in raw["scale_words"].items()}),
        scale_suffixes=MappingProxyType({key(k): int(v) for k, v in raw["scale_suffixes"].items()}),
        fractions=MappingProxyType({key(k): float(v) for k, v in raw["fractions"].items()}),
        name_context_before=frozenset(key(str(w)) for w in raw["name_context_before"]),
        time_markers_after=tuple(key(str(w)) for w in raw["time_markers_after"]),
        months=frozenset(str(m) for m in raw["months"]),
        weekdays=frozenset(str(d) for d in raw["weekdays"]),
        year_context_before=frozenset(key(str(w)) for w in raw["year_context_before"]),
        count_nouns=frozenset(key(w) for w in raw["count_nouns"]),
        count_verbs=frozenset(key(w) for w in raw["count_verbs"]),
        subject_prepositions=frozenset(key(w) for w in raw["subject_prepositions"]),
        unit_subject_prepositions=frozenset(key(w) for w in raw["unit_subject_prepositions"]),
        anaphoric_before=frozenset(key(w) for w in raw["anaphoric_before"]),
        pronouns_of_set=frozenset(key(w) for w in raw["pronouns_of_set"]),
        measure_links=frozenset(key(w) for w in raw["measure_links"]),
        amount_target_prepositions=frozenset(key(w) for w in raw["amount_target_prepositions"]),
        duration_units=frozenset(str(w) for w in raw["duration_units"]),
        measure_units=frozenset(str(v) for v in raw["units_after"].values())
        - {str(w) for w in raw["share_units"]},
        ordinal_suffixes=frozenset(key(str(w)) for w in raw["ordinal_suffixes"]),
        rate_words=frozenset(key(str(w)) for w in raw["rate_words"]),
        size_links=frozenset(key(str(w)) for w in raw["size_links"]),
        verb_argument_prepositions=frozenset(key(str(w)) for w in raw["verb_argument_prepositions"]),
        holding_verbs=frozenset(key(str(w)) for w in raw["holding_verbs"]),
        shared_count_prepositions=frozenset(key(str(w)) for w in raw["shared_count_prepositions"]),
        local_dollar_forms=frozenset(key(str(w)) for w in raw["local_dollar_forms"]),
        local_dollar=MappingProxyType({str(k): str(v) for k, v in raw["local_dollar"].items()}),
        code_prefixes=tuple((prefix, prefix.casefold()) for prefix in prefixes),
        decimal_comma=bool(raw.get("decimal_comma")),
        dependency_scheme=str(raw.get("dependency_scheme") or "clear"),
        share_units=frozenset(str(w) for w in raw["share_units"]),
        measure_nouns=frozenset(key(str(w)) for w in raw.get("measure_nouns") or ()),
        source_words=frozenset(key(str(w)) for w in raw.get("source_words") or ()),
        label_links=frozenset(key(str(w)) for w in raw.get("label_links") or ()),
        capitalised_labels=frozenset(key(str(w)) for w in raw.get("capitalised_labels") or ()),
    )


def for_country(rules: StatisticsRules, country: str | None) -> StatisticsRules:
    """The rules of a bulletin of ``country``: its "$" and "dollars" are that country's dollar."""
    local = rules.local_dollar.get(country) if country else None
    if local is None:
        return rules

    def localised(currencies: Mapping[str, str]) -> Mapping[str, str]:
        return MappingProxyType(
            {form: local if form in rules.local_dollar_forms else code for form, code in currencies.items()}
        )

    return replace(
        rules,
        currency_before=localised(rules.currency_before),
        currency_after=localised(rules.currency_after),
    )


@cache
def default_rules() -> StatisticsRules:
    """The rules of the packaged ``statistics.yaml`` (read once)."""
    return rules_from_mapping(load_data(DATA_FILE))


@cache
def language_rules(language: str) -> StatisticsRules:
    """The rules of ``language``: ``data/<language>/statistics.yaml`` over the English file."""
    if language == "en":
        return default_rules()
    return rules_from_mapping(load_language_data(DATA_FILE, language))
