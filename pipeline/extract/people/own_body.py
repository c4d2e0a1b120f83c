"""The bulletin's own body: the organisation its masthead names ("Reef Care Group Newsletter",
"Lettre du Réseau X"), where the offices a bulletin lists without naming a body are held
("Treasurer: Jane Roe", "Chief Investigator Ann Roe")."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.core.records import Organisation, Section
from pipeline.extract.people.lexicon import PeopleLexicon
from pipeline.extract.words import is_cap_word

# The masthead: the first lines of the bulletin that hold text.
MASTHEAD_LINES = 3
# A line this short is a title or a caption; in a longer one (a first paragraph) a body named
# once is a partner or a venue, and only a body the bulletin names again is its own.
SHORT_LINE_WORDS = 12
# The most characters between an acronym and its long form written beside it ("EMS (Equipe
# mondiale du service)"): mentions this close are one naming of the body.
ONE_NAMING_CHARS = 100


def _masthead_lines(sections: Sequence[Section]) -> list[tuple[int, int, bool]]:
    """Document offsets (start, end) of the first lines with text, and whether each is short."""
    lines: list[tuple[int, int, bool]] = []
    for section in sections:
        offset = section.char_start
        for line in section.text.splitlines(keepends=True):
            if line.strip():
                end = offset + len(line.rstrip())
                lines.append((offset, end, len(line.split()) <= SHORT_LINE_WORDS))
                if len(lines) == MASTHEAD_LINES:
                    return lines
            offset += len(line)
    return lines


def own_body(
    sections: Sequence[Section],
    organisations: Sequence[Organisation],
    mentions: Sequence[tuple[int, str]],
) -> Organisation | None:
    """The first organisation named in the bulletin's first lines: on a short line (a title),
    or, in a paragraph, one the bulletin names more than once; None if there is none.
    ``mentions`` are the document offset and ``org_id`` of each mention of an organisation."""
    by_id = {o.org_id: o for o in organisations}
    lines = _masthead_lines(sections)
    for offset, org_id in sorted(mentions):
        org = by_id.get(org_id)
        short = next((short for a, b, short in lines if a <= offset < b), None)
        if org is None or short is None:
            continue
        # Named again: not "the WST (World Service Team)", an acronym and its long form being
        # two mentions of one naming.
        again = any(i == org_id and abs(o - offset) > ONE_NAMING_CHARS for o, i in mentions)
        if short or again:
            return org
    return None


def masthead_body(sections: Sequence[Section], heads: frozenset[str]) -> str | None:
    """A body the masthead names by its head word alone, where no organisation was read there:
    "Council Update, February 2031" -> "Council", "Town Council News" -> "Town Council". The
    capitalised words up to the first head word of a short masthead line; None if there is none."""
    for a, b, short in _masthead_lines(sections):
        if not short:
            continue
        words = _document_text(sections, a, b).split()
        for k, word in enumerate(words):
            if not is_cap_word(word):
                continue
            if word.lower() in heads:
                first = k
                while first > 0 and is_cap_word(words[first - 1]) and words[first - 1].lower() not in heads:
                    first -= 1
                return " ".join(words[first : k + 1])
    return None


def _document_text(sections: Sequence[Section], start: int, end: int) -> str:
    section = next(s for s in sections if s.char_start <= start < s.char_end)
    return section.text[start - section.char_start : end - section.char_start]


def meeting_host(sections: Sequence[Section], lexicon: PeopleLexicon) -> str | None:
    """The body whose meeting a short masthead line records: "Minutes of the AGM of the Kestrel
    Bowls Club", "Compte rendu de l'Assemblée générale de Rando Val" -> the capitalised words
    after the meeting's name and "of"/"de" (the last such on the line); None if no line is so."""
    if not lexicon.meeting_titles:
        return None
    for a, b, short in _masthead_lines(sections):
        if not short:
            continue
        words = [_unelided(w, lexicon) for w in _document_text(sections, a, b).replace("\u2019", "'").split()]
        lowered = [w.lower().strip(",.:;") for w in words]
        host = None
        for k in range(len(words)):
            size = next((n for n in (3, 2, 1) if " ".join(lowered[k : k + n]) in lexicon.meeting_titles), 0)
            if size:
                host = _host_after(words[k + size :], lexicon) or host
        if host:
            return host
    return None


def _unelided(word: str, lexicon: PeopleLexicon) -> str:
    """ "l'Assemblée" -> "Assemblée"."""
    for elision in lexicon.meeting_elisions:
        if word.lower().startswith(elision) and len(word) > len(elision):
            return word[len(elision) :]
    return word


def _host_after(words: Sequence[str], lexicon: PeopleLexicon) -> str | None:
    """ "of the Kestrel Bowls Club" -> "Kestrel Bowls Club"; "de Rando Val" -> "Rando Val"."""
    if not words or words[0].lower() not in lexicon.meeting_links:
        return None
    rest = list(words[1:])
    while rest and rest[0].lower() in lexicon.link_articles:
        rest = rest[1:]
    inner = lexicon.meeting_links | lexicon.link_articles | {"and", "et", "&"}
    run: list[str] = []
    for w in rest:
        core = w.strip(",.:;")
        if not (is_cap_word(core) or (run and core.lower() in inner)):
            break
        run.append(core)
        if core != w:
            break
    while run and not is_cap_word(run[-1]):
        run.pop()
    if run and " ".join(run).lower() in lexicon.meeting_titles:
        return None
    return " ".join(run) or None
