"""The event words an analyst edits (``pipeline/data/events.yaml``), read once into word tuples.

Matching is word by word on lower-case tokens, so every phrase is split the way the
tokenizer splits text, and trigger plurals are derived here rather than listed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pipeline.core.datafiles import load_language_data
from pipeline.core.ids import without_accents
from pipeline.extract.events.places import ORIGIN_WORDS, WHERE_WORDS

Words = tuple[str, ...]

# An elided French word keeps its apostrophe, as the tokenizer writes it ("s'", "est").
_WORD = re.compile(r"\w+['\u2019](?=\w)|\w+|[^\w\s]")


@dataclass(frozen=True)
class EventLexicon:
    """The words of ``events.yaml`` as word tuples (lower case, hyphens as words)."""

    triggers: Mapping[Words, str]  # singular and plural forms -> event_type
    plurals: frozenset[Words]
    verb_triggers: Mapping[str, str]
    verb_names: Mapping[str, str]
    not_event_before: frozenset[str]
    idioms: tuple[Words, ...]
    determiners: frozenset[str]
    complement_preps: frozenset[str]
    title_intros: frozenset[str]
    organiser_cues: tuple[Words, ...]
    organiser_verbs: frozenset[str]
    participation_cues: tuple[Words, ...]
    event_verbs: tuple[Words, ...]
    deadline_cues: tuple[Words, ...]
    deadline_words: tuple[Words, ...]
    host_cues: tuple[Words, ...]
    title_clause_words: frozenset[str]
    trigger_first_words: frozenset[str]  # the first word of every trigger
    argument_verbs: Mapping[str, str] = field(default_factory=dict)  # verb lemma -> event_type
    argument_names: Mapping[str, str] = field(default_factory=dict)  # event_type -> name prefix
    title_argument_verbs: Mapping[str, str] = field(default_factory=dict)  # lemma -> event_type
    not_activity_nouns: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    part_types: frozenset[str] = frozenset()
    weak_triggers: frozenset[Words] = frozenset()  # singular and plural forms
    type_complement_preps: Mapping[str, frozenset[str]] = field(default_factory=dict)
    reschedule_cues: tuple[Words, ...] = ()
    end_cues: tuple[Words, ...] = ()
    list_cues: tuple[Words, ...] = ()
    possessives: frozenset[str] = frozenset()
    list_gerunds: Mapping[str, str] = field(default_factory=dict)  # verb lemma -> event_type
    max_trigger_words: int = field(default=1)
    # Words of the name's grammar: the preposition a complement goes on with ("Workshop *of*
    # Experts", "Atelier *de* validation *du* plan"), the relative words and other prepositions
    # that end one, and whether adjectives follow the trigger ("Séminaire *régional*").
    of_words: frozenset[str] = frozenset({"of"})
    relatives: frozenset[str] = frozenset()
    other_preps: frozenset[str] = frozenset()
    adjectives_after: bool = False
    # The words before a place where an activity happens ("in X", "à X") and before a place
    # that only qualifies someone ("delegates from X").
    # Prepositions that open an activity's purpose with an infinitive ("atelier *pour* identifier").
    purpose_preps: frozenset[str] = frozenset()
    # Phrases that follow an activity as its adjectives do ("formation *en ligne*").
    adjective_phrases: tuple[Words, ...] = ()
    # A date after one of these ends (or starts) the week a report covers; a weekday named after
    # or before one of ``weekday_not_after`` ("every Monday", "lundi prochain") is no day of it.
    week_end_cues: tuple[Words, ...] = ()
    week_start_cues: tuple[Words, ...] = ()
    weekday_not_after: frozenset[str] = frozenset()
    # A day after one of these on its line is the day the page was published ("Published 7:40
    # am Friday, July 13, 2018"): it dates no activity, and a weekday named alone is the one
    # nearest it (before it in a clause told in the past, else after it).
    publication_cues: tuple[Words, ...] = ()
    # Bodies whose name with a day right after it is the sitting they held that day ("le
    # Conseil du 12 avril"); see sittings.py.
    sitting_bodies: tuple[Words, ...] = ()
    where_words: frozenset[str] = WHERE_WORDS
    origin_words: frozenset[str] = ORIGIN_WORDS
    # Verbs (lemmas) of going somewhere: their destination completes the name of the mission or
    # visit that is their subject ("a joint mission went to the Somali region").
    motion_verbs: frozenset[str] = frozenset()
    # Words of time that end a name on its right ("a visit to the port today").
    name_stops: frozenset[str] = frozenset()
    # Demonstratives that point back to an activity named before ("this two-day meeting",
    # "cette rencontre de deux jours"): such a mention is no new activity of its own.
    back_references: frozenset[str] = frozenset()
    # Words that may stand between an activity and its date ("a mission, planned for 3-5 May",
    # "une session prévue du 2 au 7 avril"): the date is still the activity's own.
    schedule_words: frozenset[str] = frozenset()
    # Words that join two activities sharing one date ("a workshop *and* a meeting on 3 May").
    conjunctions: frozenset[str] = frozenset()
    # Words that make an activity named after them the time of another ("just after the ACA
    # Meeting", "à la veille du Forum mondial"): a named one takes place, dated or not.
    reference_cues: tuple[Words, ...] = ()
    # Labels of a line that gives an activity's days ("Date: 6 October 2026", "Quand : le 12 mai").
    date_labels: frozenset[str] = frozenset()
    # Nouns that stand for the activity named before, as the subject of a verb that says it
    # takes place ("The activity was organised by the volunteers on 17 October").
    activity_words: frozenset[str] = frozenset()
    # Nouns of the entry to an activity: a date on a verb they are the subject of is no day of
    # the activity ("Registration for the Summit opens on 20 September").
    entry_words: frozenset[str] = frozenset()
    # Words before an activity that follows another one on its days ("followed by a talk").
    sequel_cues: tuple[Words, ...] = ()
    # Words that stand for the activity named before, in a sentence that dates it ("Our next
    # one is on Sunday 11 March").
    back_reference_phrases: tuple[Words, ...] = ()
    entry_verbs: frozenset[str] = frozenset()  # lemmas: "open", "close", "start"
    # Verbs of a group coming together with no activity named ("This year we're meeting on
    # Monday 12 April"): with a pronoun or no subject, the day is the activity named before.
    gathering_verbs: frozenset[str] = frozenset()
    # Where a language names a gathering noun first ("réunion du bureau", not "bureau meeting"):
    # event_type -> the noun, and the article of the body -> the words that join it ("le" ->
    # "du"); "de" for a body with no such article.
    subject_names: Mapping[str, str] = field(default_factory=dict)
    # The word for one holding of a recurring activity ("la cinquième *édition* du Festival").
    holding_words: frozenset[str] = frozenset()
    of_articles: Mapping[str, str] = field(default_factory=dict)


def words_of(phrase: str) -> Words:
    """Lower-case words of a phrase as the tokenizer splits them ("co-organized" -> co, -, organized)."""
    return tuple(_WORD.findall(phrase.lower()))


# A hyphenated word kept whole, as the French tokenizer keeps it ("pique-nique", "vide-grenier").
_HYPHENATED = re.compile(r"\w+(?:-\w+)+|\w+['\u2019](?=\w)|\w+|[^\w\s]")


def word_forms(phrase: str) -> list[Words]:
    """The phrase's words as ``words_of`` splits them, and with its hyphenated words whole:
    the English tokenizer splits "pique-nique" at the hyphen, the French one does not."""
    forms = [words_of(phrase), tuple(_HYPHENATED.findall(phrase.lower()))]
    return list(dict.fromkeys(forms))


def _spellings(phrases: Any) -> list[str]:
    """Each phrase, and with a typographic apostrophe where it has a straight one ("s'est",
    "s\u2019est"): bulletins write both."""
    out = [str(p) for p in phrases or ()]
    return out + [p.replace("'", "\u2019") for p in out if "'" in p]


def unaccented(phrase: str) -> str:
    """The phrase without its accents ("réunion" -> "reunion")."""
    return unicodedata.normalize("NFC", without_accents(phrase))


def _with_unaccented(phrases: list[str]) -> list[str]:
    """Each phrase, and without its accents: headings in capitals drop them ("ASSEMBLEE
    GENERALE DU 11 AVRIL", "REUNION DU BUREAU")."""
    return list(dict.fromkeys(phrases + [unaccented(p) for p in phrases]))


def plural(word: str) -> str:
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def lexicon_from_mapping(data: Mapping[str, Any]) -> EventLexicon:
    """Build the lexicon from the parsed ``events.yaml`` (or a test's own mapping)."""
    triggers: dict[Words, str] = {}
    plurals: set[Words] = set()
    spelled = [
        (p, str(t))
        for key, t in data.get("triggers", {}).items()
        for p in _with_unaccented(_spellings([key]))
    ]
    for words, event_type in ((w, t) for phrase, t in spelled for w in word_forms(phrase)):
        triggers.setdefault(words, event_type)
        if words and not words[-1].endswith("s"):
            plural_words = (*words[:-1], plural(words[-1]))
            triggers.setdefault(plural_words, event_type)
            plurals.add(plural_words)

    def phrases(key: str) -> tuple[Words, ...]:
        spelled = _spellings(data.get(key))
        found = (words_of(p) for p in (_with_unaccented(spelled) if key == "idioms" else spelled))
        return tuple(sorted({w for w in found if w}, key=len, reverse=True))

    def mapping(key: str) -> dict[str, str]:
        return {str(k).lower(): str(v) for k, v in data.get(key, {}).items()}

    def word_set(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in _spellings(data.get(key)))

    for key, value in data.items():
        if isinstance(value, bool) and key == "adjectives_after":
            continue
        entries = list(value.items()) if isinstance(value, dict) else list(value or [])
        flat = [x for entry in entries for x in (entry if isinstance(entry, tuple) else (entry,))]
        odd = [x for x in flat if not isinstance(x, str)]
        if odd:  # YAML reads a bare on/off/yes/no as a boolean: quote it
            raise ValueError(f"events data: {key} has non-text entries {odd!r}")

    return EventLexicon(
        triggers=triggers,
        plurals=frozenset(plurals),
        verb_triggers={str(k).lower(): str(v) for k, v in data.get("verb_triggers", {}).items()},
        verb_names={str(k): str(v) for k, v in data.get("verb_names", {}).items()},
        not_event_before=word_set("not_event_before"),
        idioms=phrases("idioms"),
        determiners=word_set("determiners"),
        complement_preps=word_set("complement_preps"),
        title_intros=word_set("title_intros"),
        organiser_cues=phrases("organiser_cues"),
        organiser_verbs=word_set("organiser_verbs"),
        participation_cues=phrases("participation_cues"),
        event_verbs=phrases("event_verbs"),
        deadline_cues=phrases("deadline_cues"),
        deadline_words=phrases("deadline_words"),
        host_cues=phrases("host_cues"),
        title_clause_words=word_set("title_clause_words"),
        max_trigger_words=max((len(w) for w in triggers), default=1),
        trigger_first_words=frozenset(w[0] for w in triggers if w),
        argument_verbs=mapping("argument_verbs"),
        argument_names=mapping("argument_names"),
        title_argument_verbs=mapping("title_argument_verbs"),
        not_activity_nouns=word_set("not_activity_nouns"),
        light_verbs=word_set("light_verbs"),
        part_types=word_set("part_types"),
        type_complement_preps={k: frozenset(v.split()) for k, v in mapping("type_complement_preps").items()},
        weak_triggers=frozenset(
            form
            for phrase in _with_unaccented(_spellings(data.get("weak_triggers")))
            for words in word_forms(phrase)
            if words
            for form in (words, (*words[:-1], plural(words[-1])))
        ),
        reschedule_cues=phrases("reschedule_cues"),
        end_cues=phrases("end_cues"),
        list_cues=phrases("list_cues"),
        possessives=word_set("possessives"),
        list_gerunds=mapping("list_gerunds"),
        of_words=word_set("of_words") or frozenset({"of"}),
        relatives=word_set("relatives"),
        other_preps=word_set("other_preps"),
        adjectives_after=bool(data.get("adjectives_after")),
        adjective_phrases=phrases("adjective_phrases"),
        purpose_preps=word_set("purpose_preps"),
        week_end_cues=phrases("week_end_cues"),
        week_start_cues=phrases("week_start_cues"),
        weekday_not_after=word_set("weekday_not_after"),
        publication_cues=phrases("publication_cues"),
        sitting_bodies=phrases("sitting_bodies"),
        where_words=word_set("where_words") or WHERE_WORDS,
        origin_words=word_set("origin_words") or ORIGIN_WORDS,
        motion_verbs=word_set("motion_verbs"),
        name_stops=word_set("name_stops"),
        back_references=word_set("back_references"),
        schedule_words=word_set("schedule_words"),
        conjunctions=word_set("conjunctions"),
        reference_cues=phrases("reference_cues"),
        date_labels=word_set("date_labels"),
        activity_words=word_set("activity_words"),
        entry_words=word_set("entry_words"),
        sequel_cues=phrases("sequel_cues"),
        back_reference_phrases=phrases("back_reference_phrases"),
        entry_verbs=word_set("entry_verbs"),
        gathering_verbs=word_set("gathering_verbs"),
        subject_names=mapping("subject_names"),
        holding_words=word_set("holding_words"),
        of_articles=mapping("of_articles"),
    )


@cache
def load_lexicon(language: str = "en") -> EventLexicon:
    """The event words of ``language``: ``data/<language>/events.yaml`` over the English file."""
    return lexicon_from_mapping(load_language_data("events.yaml", language))
