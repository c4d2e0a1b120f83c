"""Lines that look like headings but head nothing: captions, credits, contacts, bylines, calls
to action, a letter's salutation, date lines and a web page's navigation. Their words are data
(``data/headings.yaml``, ``data/<language>/headings.yaml``), read once per language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.core.datafiles import load_language_data
from pipeline.core.ids import without_accents

# A heading of at most this many words may stand alone on a line; a salutation is as short.
MAX_LINE_HEADING_WORDS = 12
# A contact block's line (an address, an e-mail, a site) is at most this long: a longer line
# citing a site is a paragraph of the text ("... lists its programmes at www.x.org").
MAX_CONTACT_LINE_WORDS = 24
# A person's name as a field's value: at most this many words; an office's label, at most this many.
MAX_NAME_WORDS = 5
MAX_OFFICE_WORDS = 4
# A label qualified by a word before it ("Cover photo:", "Main image:") has at most this many.
MAX_QUALIFIED_LABEL_WORDS = 2

CONTACT = re.compile(r"@|https?://|\bwww\.|\.(?:com|org|net)\b")
# A site's name written as its domain, alone on its line ("Riverside-news.fr", "harbour.co.uk").
_DOMAIN = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,4}", re.IGNORECASE)
# A link's arrow after its words ("View all events >>", "More news →").
_LINK_ARROW = re.compile(r"\w.*\s(?:>>|→)$")
CLOSING_QUOTES = "\"'”’»"
OPENING_QUOTES = "“‘«"
LABEL = re.compile(r"^([^:]{1,40}?)\s*:\s*(\S.*)$")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_NAV_SEPARATOR = re.compile(r"\s*[|·•›»/]\s*")
# A menu: at least this many links of at most this many words, set apart by bars or arrows.
_MENU_SEPARATOR = re.compile(r"\s*[|›]\s*")
MIN_MENU_LINKS = 3
_NUMERIC_DATE = re.compile(r"\d{1,2}([/.-])\d{1,2}\1\d{2,4}")
MAX_MENU_LINK_WORDS = 4


@dataclass(frozen=True)
class HeadingWords:
    """The words of ``data/headings.yaml`` for one language, case-folded."""

    labels: frozenset[str]
    calls_to_action: re.Pattern[str]  # matches a folded line that opens with one
    bylines: re.Pattern[str]  # matches a folded line's byline word and the space after it
    salutations: re.Pattern[str]  # matches a folded line that opens with one
    contents: re.Pattern[str]  # matches a folded line's words announcing a list of contents
    sentence_openers: frozenset[str]
    navigation: frozenset[str]
    date_words: frozenset[str]  # month and weekday names
    month_words: frozenset[str]
    datelines: re.Pattern[str]  # matches a folded line's dateline words ("posted on") and what follows
    address: re.Pattern[str]  # finds a street address in a line
    articles: re.Pattern[str]  # matches a folded phrase that opens with an article ("the ", "l'")
    offices: re.Pattern[str]  # matches a folded line that is an office, maybe with its body ("chair of ...")
    greetings: re.Pattern[str]  # matches a folded line that opens with a greeting ("welcome")
    attendance: frozenset[str]  # folded, without accents
    honorifics: re.Pattern[str]  # matches a value that opens with an honorific, as written
    unfinished_endings: re.Pattern[str]  # finds a last word no title ends on, and the word before
    subject_pronouns: frozenset[str]


def fold(word: str) -> str:
    return word.casefold().replace("’", "'")


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True))


def _articles_pattern(articles: list[str]) -> re.Pattern[str]:
    """A folded phrase's opening article: a word and its space, or an elided form ("l'")."""
    forms = [re.escape(fold(a)) if fold(a).endswith("'") else rf"{re.escape(fold(a))} " for a in articles]
    return re.compile("|".join(forms))


def _offices_pattern(roles: list[str], links: list[str]) -> re.Pattern[str]:
    """A folded line that is an office alone, or one followed by its body ("president of the
    ...", "chair, ...", "président de l'association ..."): the roles and affiliation links of
    ``data/people.yaml``. "Volunteer news" or "Member benefits" is no office."""
    folded = [fold(w) for w in links]
    link = "|".join(re.escape(w) if w.endswith("'") else rf"{re.escape(w)}\b" for w in folded)
    return re.compile(rf"(?:{_alternatives(roles)})(?:$|\s*[,:–-]|\s+(?:{link}))")


def _address_pattern(after_name: list[str], before_name: list[str]) -> re.Pattern[str]:
    """A street address: a house number, then at most three words and a street word ("18 Willow
    Street"), or a street word and its name ("7 rue des Tilleuls"), then a separator or the end."""
    number = r"\b\d{1,5}(?:[a-z]|bis|ter)?,?\s+"
    word = r"[^\W\d_][\w'’.-]*"
    end = r"\.?(?:\s*[,–—|-]|\s*$)"
    forms = [rf"{number}(?:{word}\s+){{0,3}}?(?:{_alternatives(after_name)})\b{end}"]
    if before_name:
        forms.append(rf"{number}(?:{_alternatives(before_name)})\s+(?:{word}\s+){{0,4}}?{word}{end}")
    return re.compile("|".join(forms), re.IGNORECASE)


@cache
def heading_words(language: str = "en") -> HeadingWords:
    data = load_language_data("headings.yaml", language)
    dates = load_language_data("dates.yaml", language)
    people = load_language_data("people.yaml", language)
    month_words = {fold(w) for names in dates["months"].values() for w in names}
    date_words = set(month_words)
    date_words.update(fold(w) for w in dates.get("weekdays", []))
    return HeadingWords(
        labels=frozenset(fold(w) for w in data["labels"]),
        calls_to_action=re.compile(rf"(?:{_alternatives(data['calls_to_action'])})(?:$|[ :.])"),
        bylines=re.compile(rf"(?:{_alternatives(data['bylines'])}) +"),
        salutations=re.compile(rf"(?:{_alternatives(data['salutations'])})(?:$|[ ,!])"),
        contents=re.compile(rf"(?:{_alternatives(data['contents'])})\s*(?::|$)"),
        sentence_openers=frozenset(data["sentence_openers"]),
        navigation=frozenset(fold(w) for w in data["navigation"]),
        date_words=frozenset(date_words),
        month_words=frozenset(month_words),
        datelines=re.compile(rf"(?:{_alternatives(data['datelines'])})\b[\s:]*"),
        address=_address_pattern(data["street_words"], data["street_words_before_name"]),
        articles=_articles_pattern(data["articles"]),
        offices=_offices_pattern(people["roles"], people["affiliation_links"]),
        greetings=re.compile(rf"(?:{_alternatives(data['greetings'])})\b"),
        attendance=frozenset(_bare(w) for w in data["attendance"]),
        honorifics=re.compile(
            "|".join(rf"{re.escape(f)}(?:\s|$)" for forms in people["honorifics"].values() for f in forms)
        ),
        unfinished_endings=_endings_pattern(data["unfinished_endings"]),
        subject_pronouns=frozenset(fold(w) for w in data["subject_pronouns"]),
    )


def _bare(text: str) -> str:
    """Folded, without accents, its words set apart by single spaces ("ETAIENT PRÉSENTS" is
    "etaient presents")."""
    return " ".join(without_accents(fold(text)).split())


def _endings_pattern(endings: list[str]) -> re.Pattern[str]:
    """A line's last word or words, when one of ``endings`` (as written: in lower case), and the
    word before them."""
    forms = "|".join(re.escape(w) for w in sorted(endings, key=len, reverse=True))
    return re.compile(rf"(\S+)\s+(?:{forms})$")


def breaks_off(line: str, words: HeadingWords) -> bool:
    """A line that ends on a word no title ends on, in lower case (an article, a conjunction, a
    copula, a verb announcing a list): a sentence broken off ("The list includes:", "Two of these
    rules are"), unless a subject pronoun comes right before ("Who we are")."""
    head = line.replace("’", "'").rstrip().rstrip(":;,–—-" + CLOSING_QUOTES).rstrip()
    ending = words.unfinished_endings.search(head)
    return (
        ending is not None
        and fold(ending.group(1).lstrip(CLOSING_QUOTES + OPENING_QUOTES)) not in words.subject_pronouns
    )


def is_contact(line: str) -> bool:
    """A contact block's line: an e-mail, a web or postal address, on a line no longer than
    such a line is."""
    if _DOMAIN.fullmatch(line.strip()):
        return True
    return CONTACT.search(line) is not None and len(line.split()) <= MAX_CONTACT_LINE_WORDS


def heads_nothing(line: str, words: HeadingWords) -> bool:
    """A line that looks like a heading but is a caption, credit, contact, byline, call to
    action, a letter's salutation or a date: it never heads an article."""
    folded = fold(line)
    if is_contact(line):
        return True
    label = LABEL.match(folded)
    if label and _is_label(label.group(1), words):
        return True
    if _is_attendance(line, words) or _names_a_person(line, words):
        return True
    if words.greetings.match(folded) and line.rstrip().endswith("!"):
        return True  # "Welcome to all!"
    if folded.endswith(":") and folded[:-1].strip() in words.labels:
        return True  # "Contact:" over an address, "Crédits photos :"
    if words.calls_to_action.match(folded) or _LINK_ARROW.match(line.strip()):
        return True
    if words.salutations.match(folded) and len(folded.split()) <= MAX_LINE_HEADING_WORDS:
        return True
    byline = words.bylines.match(folded)
    if byline and line[byline.end() : byline.end() + 1].isupper():
        return True
    if words.address.search(line):
        return True
    dateline = words.datelines.match(folded)
    if dateline and dateline.end() < len(line) and _is_date_alone(line[dateline.end() :], words):
        return True
    return _is_date_alone(line, words)


def _is_attendance(line: str, words: HeadingWords) -> bool:
    """The head of a meeting's attendance list, alone or before the names ("PRESENT",
    "Apologies:", "Étaient excusés : M. Roy, Mme Lin")."""
    label = LABEL.match(line)
    head = label.group(1) if label else line.rstrip(" :")
    return _bare(head) in words.attendance


def _name_words(text: str) -> list[str] | None:
    """The words of a person's name opening ``text``, before a comma, a bracket or a dash set
    apart: at most MAX_NAME_WORDS capitalised words without figures (None when it is no name)."""
    name = re.split(r"\s*[,(]|\s+[–—-]\s+", text, maxsplit=1)[0].split()
    if 0 < len(name) <= MAX_NAME_WORDS and all(
        w[:1].isupper() and not any(c.isdigit() for c in w) for w in name
    ):
        return name
    return None


def _is_office(label: str, words: HeadingWords) -> bool:
    """An office, maybe qualified by words before it ("Secretary", "Parish Clerk")."""
    tokens = fold(label).split()
    return len(tokens) <= MAX_OFFICE_WORDS and any(
        (office := words.offices.match(" ".join(tokens[k:]))) is not None
        and office.end() == len(" ".join(tokens[k:]))
        for k in range(len(tokens))
    )


def _names_a_person(line: str, words: HeadingWords) -> bool:
    """A person named alone with an honorific ("Madame Léa ROY"), or a field whose value is a
    person: "Label: Mrs Ann Lee", or an office's label over a name ("Secretary: Ann Lee",
    "Parish Clerk: J. Hale, tel. ..."). "Message from the Chair: Looking ahead" names no one."""
    label = LABEL.match(line)
    if label is None:
        honorific = words.honorifics.match(line)
        return honorific is not None and _name_words(line[honorific.end() :]) is not None
    value = label.group(2)
    if words.honorifics.match(value):
        return True
    return _name_words(value) is not None and _is_office(label.group(1), words)


def _is_label(label: str, words: HeadingWords) -> bool:
    """A caption's, credit's or contact's label, alone or qualified ("Photo", "Cover photo",
    "Main image"): the label, or its last word, is one of the labels."""
    label = label.strip()
    return label in words.labels or (
        len(label.split()) <= MAX_QUALIFIED_LABEL_WORDS and label.split()[-1] in words.labels
    )


def is_ornament(line: str) -> bool:
    """A line of glyphs alone ("<<", "* * *"): no letter or figure."""
    return not any(c.isalnum() for c in line)


def _is_date_alone(line: str, words: HeadingWords) -> bool:
    """A date and nothing else ("Saturday, January 3, 2009", "Le 12 mai"): month and weekday
    names, numbers and short words only; a short word in capitals with no month or weekday is
    an acronym ("AG 2016", "AG du 5 mai": a meeting), not a date's particle (in a line set
    wholly in capitals, "LE 5 MAI 2022", only where no month or weekday is named)."""
    names = WORD.findall(line)
    folded = [fold(w) for w in names]
    if not names and _NUMERIC_DATE.fullmatch(line.strip()):
        return True  # "16/01/2010", "3.5.24"
    if not names or not all(w in words.date_words or len(w) <= 2 for w in folded):
        return False
    dated = [f in words.date_words for f in folded]
    acronyms = [w for w, d in zip(names, dated, strict=True) if len(w) > 1 and w.isupper() and not d]
    if acronyms and not line.isupper():
        return False  # "AG du 5 mai 2022": a meeting
    return not acronyms or any(dated)


def is_navigation(line: str, words: HeadingWords) -> bool:
    """A web page's navigation line: only navigation words, alone or set apart by separators,
    or a menu of short links set apart by bars ("All blogs | Report | Send to a friend")."""
    parts = [part.strip(" .:") for part in _NAV_SEPARATOR.split(fold(line))]
    if all(part in words.navigation for part in parts if part) and any(parts):
        return True
    links = [part.strip() for part in _MENU_SEPARATOR.split(line)]
    return len(links) >= MIN_MENU_LINKS and all(
        0 < len(link.split()) <= MAX_MENU_LINK_WORDS
        and not link.endswith(".")
        and not any(c.isdigit() for c in link)  # a masthead's issue: "Notes | May 2031 | No. 4"
        for link in links
    )
