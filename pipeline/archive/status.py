"""An event's status from the words that report it: announced, held, cancelled or unknown.

A small general rule, callable by the events stage as well, over the phrases of
``status_phrases``: cancelled or announced when the event's sentence says so; else what its
section's title says ("Next meeting", "Upcoming events", "Previous meeting"); else held when
the sentence says so; else unknown.
"""

from __future__ import annotations

from pipeline.archive.names import Words, fold

STATUSES = ("announced", "held", "cancelled", "unknown")


def status_in(text: str | None, words: Words, statuses: tuple[str, ...] = STATUSES) -> str | None:
    """The first of ``statuses`` (in the data file's order) that a phrase of ``text`` states, or None."""
    if not text:
        return None
    folded = " ".join(fold(text).split())
    for status, pattern in words.status_phrases:
        if status in statuses and pattern.search(folded):
            return status
    return None


def event_status(sentence: str | None, section_title: str | None, words: Words) -> str:
    """The status of an event from its sentence and its section's title."""
    return (
        status_in(sentence, words, ("cancelled", "announced"))
        or status_in(section_title, words)
        or status_in(sentence, words, ("held",))
        or "unknown"
    )
