"""Line classification: what a line of a notice is before it is read as text.

The parser's view of a line (:class:`_Line`), and the tests that tell list items,
titles, preambles, site navigation, menus and footers from the notice's content.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .matching import match_heading
from .sources import EMPHASIS, SourceLine
from .text import normalize_heading, normalize_space
from .vocabulary import NORMALIZED_GENERIC_TITLES, NORMALIZED_NAVIGATION_WORDS

#: A line that names the document and the law it follows without citing a statute
#: ("Tietosuoja-asetuksen mukainen tietosuojaseloste") is a caption, not text, up
#: to this many words.
PREAMBLE_MAX_WORDS = 12


_HEADING_NUMBER_RE = re.compile(
    r"^(?:§\s*)?(?P<n>\d{1,2})(?:\.\d{1,2})*(?:[.)]|\s*§)?\s+(?=\S)"
)
# "IV. Otsikko", "IV) Otsikko", "IV Otsikko" (no mark: a capital must follow) and
# "B. Otsikko", "b) Otsikko": numbers of a form's items in Roman numerals or letters.
_ROMAN_NUMBER_RE = re.compile(r"^(?P<r>[IVXL]{1,6})(?:[.)]\s+(?=\S)|\s+(?=[A-ZÅÄÖ]))")
_LETTER_NUMBER_RE = re.compile(r"^(?P<l>[A-Ha-h])[.)]\s+(?=\S)")
_ANY_LETTER_NUMBER_RE = re.compile(r"^(?P<l>[A-Za-z])[.)]\s+(?=\S)")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
#: The kinds of heading numbers: the numbering of a document's sections is of one.
DIGITS, ROMAN, LETTERS = "digits", "roman", "letters"


def _roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral written the usual way, else ``None``."""
    total = 0
    for index, letter in enumerate(numeral):
        value = _ROMAN_VALUES[letter]
        following = numeral[index + 1 : index + 2]
        if following and _ROMAN_VALUES[following] > value:
            total -= value
        else:
            total += value
    return total if _to_roman(total) == numeral else None


def _to_roman(value: int) -> str:
    parts = []
    for number, numeral in (
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            parts.append(numeral)
            value -= number
    return "".join(parts)


def heading_number(
    clean: str, scheme: str | None = None
) -> tuple[str, int, int] | None:
    """``(kind, value, length)`` of the number a line starts with ("3.", "§ 3",
    "III", "C."), or ``None``; ``length`` is how many characters it takes.

    ``scheme`` is the kind of the document's numbering so far: in a document
    numbered with letters, "I." is the ninth letter, not the Roman one.
    """
    match = _HEADING_NUMBER_RE.match(clean)
    if match is not None:
        return DIGITS, int(match.group("n")), match.end()
    letter = (_ANY_LETTER_NUMBER_RE if scheme == LETTERS else _LETTER_NUMBER_RE).match(
        clean
    )
    if letter is not None and scheme == LETTERS:
        return LETTERS, ord(letter.group("l").upper()) - ord("A") + 1, letter.end()
    match = _ROMAN_NUMBER_RE.match(clean)
    if match is not None:
        value = _roman_value(match.group("r"))
        if value is not None:
            return ROMAN, value, match.end()
    if letter is not None:
        return LETTERS, ord(letter.group("l").upper()) - ord("A") + 1, letter.end()
    return None


def strip_heading_number(clean: str) -> str:
    """``clean`` without the number it starts with (see :func:`heading_number`)."""
    found = heading_number(clean)
    return clean[found[2] :] if found is not None else clean


_BULLET_RE = re.compile(r"^(?:[-–—*+]\s+|[•‣◦▪▫●○■□·➢►✓✔]\s*)(?P<item>\S.*)$")
_ORDERED_RE = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?P<item>\S.*)$")
_RUN_IN_RE = re.compile(r":\s")
_FILE_NAME_RE = re.compile(
    r"^[\w\-. ()]+\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|rtf|txt|jpe?g|png|gif|zip)$",
    re.IGNORECASE,
)
_BREADCRUMB_RE = re.compile(r"\s+(?:/|>|»|›|\||→)\s+")
_PREAMBLE_DOC_RE = re.compile(r"seloste|beskrivning|notice", re.IGNORECASE)
_PREAMBLE_LAW_RE = re.compile(
    r"mukai|enligt|§|/\d{4}|henkilötietola|personuppgiftslag|asetu|förordning",
    re.IGNORECASE,
)
# A citation: "(523/1999)" (Finnish statute), "(2016/679)" or "(EU) 2016/679" (EU
# regulation), or a section sign.
_STATUTE_RE = re.compile(
    r"\(\s*\d{1,4}\s*/\s*(?:19|20)\d{2}\s*\)|\(\s*(?:19|20)\d{2}\s*/\s*\d{1,4}\s*\)"
    r"|\(EU\)\s*(?:19|20)\d{2}\s*/\s*\d{1,4}|§"
)
# Site chrome after the notice: copyright lines, cookie banners, a footer of
# "|"-separated parts.
_FOOTER_RE = re.compile(
    r"©|\bcopyright\b|\(c\)\s*(?:19|20)\d{2}|kaikki oikeudet pidätetään"
    r"|alla rättigheter förbehållna|all rights reserved",
    re.IGNORECASE,
)
_COOKIE_BANNER_RE = re.compile(
    r"(?:eväst|kakor|cookie).*\b(?:hyväksy\w*|accept\w*|godkänn\w*|ok)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK_RE = re.compile(r"[.!?]\s+\S")
_COMPANY_SUFFIX_RE = re.compile(
    r"\b(?:oy|oyj|ab|abp|ky|ay|ry|rf|tmi|ltd|inc|gmbh)\.?$", re.IGNORECASE
)
_CONTACT_HINT_RE = re.compile(r"@|\bwww\.|https?://", re.IGNORECASE)
_DATE_HINT_RE = re.compile(r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\b|\b\d{4}-\d{2}-\d{2}\b")


@dataclass
class _Line:
    number: int
    raw: str
    clean: str
    indent: int
    level: int | None = None  # 1-6: a heading level the format marks; EMPHASIS
    joinable: bool = True  # see SourceLine.joinable

    @property
    def blank(self) -> bool:
        return not self.clean

    @property
    def explicit(self) -> bool:
        """The format marks this line as a heading (``<h2>``, "Heading 2", ``##``)."""
        return self.level is not None and self.level < EMPHASIS


# A line drawn with one character ("-----", "=====", "_____"): a heading's
# underline or a rule between sections, never text.
_RULE_RE = re.compile(r"^([=\-_~*─━—–])\1{2,}$")


def _split_lines(text: str) -> list[_Line]:
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        expanded = raw.replace("\t", "    ")
        stripped = expanded.lstrip(" \u00a0\u2007\u202f\ufeff")
        clean = normalize_space(raw)
        if _RULE_RE.match(clean.replace(" ", "")):
            clean = ""  # a rule separates, like a blank line
        lines.append(_Line(number, raw, clean, len(expanded) - len(stripped)))
    return lines


def _is_list_item(clean: str) -> bool:
    return bool(_BULLET_RE.match(clean))


def _is_generic_title(clean: str) -> bool:
    return normalize_heading(clean) in NORMALIZED_GENERIC_TITLES


def names_document(clean: str) -> bool:
    """Whether a line is a title that names the kind of document and what it is
    for: "Tietosuojaseloste: opiskelijarekisteri", "Registerbeskrivning för
    medlemsregistret", "Asiakasrekisterin tietosuojaseloste"."""
    norm = normalize_heading(clean)
    for title in NORMALIZED_GENERIC_TITLES:
        if norm.startswith(title) and re.match(
            r"\s*(?::|-|–|,|\bför\b|\bfor\b|\bof\b)\s*\S", norm[len(title) :]
        ):
            return True
        if norm.endswith(" " + title) and len(norm.split()) <= PREAMBLE_MAX_WORDS:
            return True
    return False


def _is_preamble(clean: str) -> bool:
    # "Henkilötietolain (523/1999) 10 §:n mukainen rekisteriseloste.": a line that
    # cites a statute, or names the document and what it is made under. A line
    # that also says something else (a date, a second sentence) is content.
    if len(clean.split()) > 30 or _DATE_HINT_RE.search(clean):
        return False
    if re.match(r"§\s*\d", clean):
        return False  # "§ 1 Rekisterinpitäjä": a numbered heading
    if _SENTENCE_BREAK_RE.search(clean):
        return False
    if _STATUTE_RE.search(clean):
        return True
    # A short caption, not a sentence that tells the reader something (a clause
    # after a comma: "Tässä selosteessa kerrotaan, miten …").
    return (
        len(clean.split()) <= PREAMBLE_MAX_WORDS
        and "," not in clean
        and bool(_PREAMBLE_DOC_RE.search(clean))
        and bool(_PREAMBLE_LAW_RE.search(clean))
    )


def _is_navigation(clean: str) -> bool:
    if normalize_heading(clean) in NORMALIZED_NAVIGATION_WORDS:
        return True
    segments = _BREADCRUMB_RE.split(clean)
    if len(segments) < 2 or any(len(s.split()) > 4 for s in segments):
        return False
    if re.search(r"[.!?:;]$", clean):
        return False
    return len(segments) > 2 or any(
        normalize_heading(s) in NORMALIZED_NAVIGATION_WORDS
        or normalize_heading(s) in NORMALIZED_GENERIC_TITLES
        for s in segments
    )


def _is_footer(clean: str) -> bool:
    if _FOOTER_RE.search(clean) and len(clean.split()) <= 15:
        return True
    if _COOKIE_BANNER_RE.search(clean) and len(clean.split()) <= 25:
        return True
    segments = [s for s in re.split(r"\s+[|·•]\s+", clean) if s.strip()]
    return len(segments) >= 3 and all(len(s.split()) <= 5 for s in segments)


def _is_menu_item(clean: str) -> bool:
    """A line a site menu is made of: a link text of a word or three."""
    text = _BULLET_RE.sub(r"\g<item>", clean).strip()
    return (
        0 < len(text.split()) <= 3
        and len(text) <= 30
        and not re.search(r"[\d.,:;!?@/()]", text)
        and not _COMPANY_SUFFIX_RE.search(text)
        and match_heading(text) is None
    )


def _is_title_candidate(clean: str) -> bool:
    words = clean.split()
    return (
        0 < len(words) <= 15
        and len(clean) <= 150
        and bool(re.search(r"[^\W\d_]", clean))
        and not re.search(r"[.,;:!]$", clean)
        and not _DATE_HINT_RE.search(clean)
        and not _CONTACT_HINT_RE.search(clean)
        and not _is_list_item(clean)
    )


def _lines_from_source(lines: list[SourceLine]) -> list[_Line]:
    result = []
    number = 0
    for index, line in enumerate(lines, start=1):
        text = unicodedata.normalize("NFC", line.text.replace("\n", " "))
        expanded = text.replace("\t", "    ")
        stripped = expanded.lstrip(" \u00a0\u2007\u202f\ufeff")
        clean = normalize_space(text)
        number = line.number or number or index
        result.append(
            _Line(
                number,
                text,
                clean,
                len(expanded) - len(stripped),
                line.level if clean else None,
                line.joinable,
            )
        )
    return result
