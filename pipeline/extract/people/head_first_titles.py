"""French titles, written head first with their complements after the role word ("Directrice
générale de l'Agence des services numériques", "le directeur des Opérations d'OCHA, John Ging")."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.extract.people.lexicon import PeopleLexicon
from pipeline.extract.words import Word

# The longest role phrase looked up, in words ("représentant spécial adjoint").
MAX_ROLE_PHRASE_WORDS = 4


def phrase_is_role(words: Sequence[Word], lexicon: PeopleLexicon) -> bool:
    return lexicon.is_role(" ".join(w.text for w in words))


def is_article(text: str, lexicon: PeopleLexicon) -> bool:
    return text.lower().replace("\u2019", "'") in lexicon.link_articles


# A French title with its complements, commas and articles as words ("Ministre de l'Artisanat,
# de la Culture, de l'Industrie hôtelière et du Tourisme").
MAX_HEAD_FIRST_TITLE_WORDS = 24
# A conjunction after the comma that follows a name opens the next person, not a title.
FIRST_CONJUNCTIONS = frozenset({"et", "ou", "ainsi", "mais"})

# Parts of speech (UPOS) that end a French title written on in lower case: a verb, a pronoun,
# an adverb, a conjunction, a number ("Coordonnateur des programmes de formation, *précise*").
TITLE_END_TAGS = frozenset({"VERB", "AUX", "PRON", "ADV", "SCONJ", "CCONJ", "NUM", "PUNCT", "SYM", "DET"})


def head_first_title_back(
    words: Sequence[Word], end: int, taken: set[int], lexicon: PeopleLexicon
) -> list[Word]:
    """A French title ending at word ``end``, before the comma of the name it introduces: the
    nearest role phrase whose head-first title runs to ``end`` ("le directeur des Opérations
    d'OCHA, John Ging"); [] if none."""
    end = _before_acronym(words, end)
    for k in range(end, max(-1, end - MAX_HEAD_FIRST_TITLE_WORDS), -1):
        w = words[k]
        inside = w.text[:1].isalpha() or w.text.isspace() or w.text in {",", "'", "\u2019"}
        if k in taken or not inside:
            break
        in_role = any(
            phrase_is_role(words[j : k + 1], lexicon) and words[j].text[:1].isalpha()
            for j in range(max(0, k - 3), k)
        )
        if w.tag in {"VERB", "AUX", "PRON"} and not in_role:
            break  # not "Vice-Présidente *déléguée*", a participle of the role phrase
        run = head_first_title(words, k, taken, lexicon)
        if run and words.index(run[-1]) == end:
            # "Vice-Présidente déléguée à X" before "déléguée à X", "porte-parole adjoint du
            # secrétaire général" before "adjoint du ...": the longest role phrase.
            for j in range(k - 1, max(-1, k - MAX_ROLE_PHRASE_WORDS), -1):
                if j in taken or not words[j].text[:1].isalpha():
                    break
                longer = head_first_title(words, j, taken, lexicon)
                if longer and words.index(longer[-1]) == end:
                    run = longer
            return run
    return []


# Words of the bracketed acronym that may close a title ("... pour le développement (PNUD)").
MAX_BRACKET_WORDS = 3


def _before_acronym(words: Sequence[Word], end: int) -> int:
    """The last word before a bracketed acronym that ends at word ``end`` (``end`` if none)."""
    if words[end].text != ")":
        return end
    for k in range(end - 1, max(-1, end - 2 - MAX_BRACKET_WORDS), -1):
        if words[k].text == "(":
            return k - 1 if k > 0 else end
    return end


def head_first_title(
    words: Sequence[Word], start: int, taken: set[int], lexicon: PeopleLexicon
) -> list[Word]:
    """A title as French writes it: a role phrase, then its complements after de/du/des/auprès
    de..., capitalised or not, up to punctuation or a verb ("Directrice générale de l'Agence des
    services numériques", "Coordonnateur des programmes de formation"); [] if no role opens it."""
    longest = range(min(len(words), start + MAX_ROLE_PHRASE_WORDS), start, -1)
    end = next((b for b in longest if phrase_is_role(words[start:b], lexicon)), None)
    if end is None:
        return []
    j = end
    while j < len(words) and j - start < MAX_HEAD_FIRST_TITLE_WORDS and j not in taken:
        w = words[j]
        low = w.text.lower().replace("\u2019", "'")
        nxt = words[j + 1].text.lower() if j + 1 < len(words) else ""
        linked = low == "et" and nxt in lexicon.title_links  # "et de la Solidarité nationale"
        wrapped = w.text.isspace() and w.text.count("\n") <= 1  # a title wrapped at a line's end
        # "Ministre de l'Artisanat, de la Culture et du Tourisme": a list of complements.
        listed = low == "," and nxt in lexicon.title_links
        if low in lexicon.title_links or is_article(low, lexicon) or linked or wrapped or listed:
            j += 1
            continue
        if w.text[:1].isalpha() and w.tag not in TITLE_END_TAGS:
            j += 1
            end = j
            continue
        break
    return list(words[start:end])
