"""What the words of an organisation's name are: its head word ("Ministry", "Agency"), and
whether a phrase is a title rather than a body."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.extract.reference.organisations import OrgReference


def is_head_word(word: str, heads: frozenset[str]) -> bool:
    """``word`` is one of ``heads``, or its plural ("Governments", "Ministries")."""
    w = word.lower().rstrip("'\u2019")
    if w in heads:
        return True
    if w.endswith("ies") and w[:-3] + "y" in heads:
        return True
    return w.endswith("s") and w[:-1] in heads


def name_head(words: Sequence[str]) -> str:
    """The head word of a name: the last word before "of/for/on/in/at/to", else the last."""
    head = words[-1] if words else ""
    for w in words:
        if w.lower() in {"of", "for", "on", "in", "at", "to"}:
            break
        head = w
    return head.rstrip("'\u2019").lower()


def is_role_phrase(words: Sequence[str], ref: OrgReference) -> bool:
    if not words:
        return False
    last = words[-1]
    if last in ref.role_acronyms or last.lower() in ref.role_words:
        return True
    return len(words) > 1 and f"{words[-2]} {last}".lower() in ref.role_words
