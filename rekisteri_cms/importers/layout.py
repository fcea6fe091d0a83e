"""Headings by layout, and the evidence of a section's body.

A heading is found by how it stands, not by its words: a short line set apart
from the text, numbered, ending in a colon or a question mark, marked as a
heading or bold by its format, or in capitals, with body text after it. The
vocabulary then decides its key (:mod:`.matching`); a heading it does not know
becomes a section of its own, never part of the one above.

Three questions the parser asks here:

- :func:`heading_shape`: is a line shaped like a heading, whatever its words?
- :func:`is_lead_in`: is a line ending in a colon a sentence that introduces a
  list ("Keräämme seuraavat tiedot:") rather than a heading?
- :func:`body_supports`: does the text under an ambiguous heading ("Rekisteri:",
  "Rekisterin tiedot:") read as the section its heading may name?

and one about nesting, :func:`nests_in`: a label inside a section about a topic
the section's heading already names ("Käsittelyn tarkoitus:" under "Oikeusperuste
ja käsittelyn tarkoitus") stays inside it.
"""

from __future__ import annotations

import re

from .text import _unmark
from .vocabulary import AMBIGUOUS_HEADINGS

#: A heading found by its layout alone has at most this many words.
LAYOUT_HEADING_MAX_WORDS = 8
LAYOUT_HEADING_MAX_CHARS = 80

# Words that make a line ending in a colon a sentence introducing what follows:
# a verb in the first person plural or the passive, "the following", "such as".
_LEAD_IN_RE = re.compile(
    r"\w+(?:mme|taan|tään|daan|dään|llaan|llään|naan|nään|rraan|rrään)\b"
    r"|\b(?:seuraav\w*|esim\w*|kuten|mm|muun muassa|vi|följande|t\.ex|såsom"
    r"|bland annat|we|following|such as|include|includes|are|is|on|ovat|är)\b",
    re.IGNORECASE,
)
_CAPS_RE = re.compile(r"^[^a-zåäöü]*[A-ZÅÄÖÜ]{2}[^a-zåäöü]*$")
# Items of personal data: the evidence that a paragraph lists a register's contents.
_DATA_ITEM_RE = re.compile(
    r"\b(?:nimi|nimet|osoite|osoitteet|puhelin\w*|sähköpost\w*|syntymä\w*"
    r"|henkilötunnus|ikä|sukupuoli|laskutus\w*|tilaus\w*|ostohistoria|namn|adress"
    r"\w*|telefon\w*|e-post\w*|födelse\w*|personbeteckning|kön|ålder|faktur\w*"
    r"|name|address|phone|e-?mail|date of birth)\b",
    re.IGNORECASE,
)
_LIST_ITEM_RE = re.compile(r"^(?:[-–—*+•‣◦▪●]\s*|\d{1,2}[.)]\s+)\S")


def heading_shape(clean: str, *, marked: bool) -> bool:
    """Whether a line is shaped like a heading whatever its words: short, starting
    with a capital, no digits, addresses or sentence end, and marked, ending in a
    colon or a question mark, or in capitals."""
    title = _unmark(clean)
    words = title.split()
    if not (
        0 < len(words) <= LAYOUT_HEADING_MAX_WORDS
        and len(title) <= LAYOUT_HEADING_MAX_CHARS
        and title[:1].isupper()
        and not re.search(r"[.,;!]$", title)
        and not re.search(r"\d{3,}|@|www\.|https?:", title, re.IGNORECASE)
    ):
        return False
    if title.endswith(":") and is_lead_in(title):
        return False
    return marked or title.endswith((":", "?")) or bool(_CAPS_RE.match(title))


def is_caps(clean: str) -> bool:
    """Whether a line is written in capitals ("REKISTERIN TIEDOT")."""
    return bool(_CAPS_RE.match(_unmark(clean)))


# Question words: a short line that opens with one asks the question its section
# answers ("Keistä tietoja on:", "Vilka uppgifter sparas:"), whatever its verb.
_QUESTION_WORD_RE = re.compile(
    r"^(?:mi(?:tä|ssä|stä|hin|ksi|llä|lloin|kä|ten|nkä)|ke(?:istä|neltä|nestä|nen"
    r"|nelle|lle|ille|itä|tä|hen)|kuka|ketkä|kuinka|kauanko|vad|vem|vilka|vilken"
    r"|vilket|varför|var|varifrån|hur|när|what|who|whom|whose|why|how|where|when"
    r"|which)\b",
    re.IGNORECASE,
)


def is_lead_in(clean: str) -> bool:
    """Whether a line ending in a colon introduces a list or a sentence; a short
    question ("Keistä tietoja on:") does not, it heads its answer."""
    title = _unmark(clean).rstrip(":").strip()
    if len(title.split()) > 6:
        return True
    if _QUESTION_WORD_RE.match(title):
        return False
    return bool(_LEAD_IN_RE.search(title))


def is_list_line(clean: str) -> bool:
    return bool(_LIST_ITEM_RE.match(clean))


def body_supports(key: str, body: list[str]) -> bool:
    """Whether the first lines of a section's body read as section ``key``.

    ``register_name``: a short name, not a sentence. ``data_content``: a list, or
    items of personal data. Other keys need no evidence.
    """
    lines = [line for line in body if line.strip()]
    if not lines:
        return False
    if key == "register_name":
        first = lines[0].strip()
        return len(first.split()) <= 10 and not re.search(r"[.!?]$", first)
    if key == "data_content":
        listed = sum(1 for line in lines if is_list_line(line))
        items = len(_DATA_ITEM_RE.findall(" ".join(lines)))
        return listed >= 2 or items >= 2
    return True


# A heading about removing data that names no right or correction: the text says
# whether it is about how long data are kept or about erasure on request.
_DELETION_HEADING_RE = re.compile(
    r"\b(?:poist\w*|hävit\w*|radera\w*|radering\w*|avför\w*|gallr\w*"
    r"|delet\w*|eras\w*)",
    re.IGNORECASE,
)
_RIGHT_WORDS_RE = re.compile(
    r"\b(?:oikeu\w*|rätt\w*|right\w*|korja\w*|oikai\w*|rättel\w*|vaati\w*"
    r"|kräva|pyy\w*|begär\w*|request)",
    re.IGNORECASE,
)
_PERIOD_RE = re.compile(
    r"\b(?:\d+|yksi|kaksi|kolme|neljä|viisi|kuusi|seitsemän|kahdeksan|yhdeksän"
    r"|kymmenen|ett|en|två|tre|fyra|fem|sex|sju|åtta|nio|tio|one|two|three|four"
    r"|five|six|ten)\s+(?:vuo\w*|kuukau\w*|viiko\w*|päiv\w*|år\w*|månad\w*"
    r"|veck\w*|dag\w*|years?|months?|weeks?|days?)"
    r"|\b(?:päätty\w*|päätyt\w*|upphör\w*|upphört|ends?|ended)\b"
    # "raderas när barnet slutar i skolan", "poistetaan, kun jäsenyys loppuu":
    # an event that ends the keeping.
    r"|\b(?:när|då|kun|kunnes|tills|when|once|until)\b",
    re.IGNORECASE,
)


def deletion_is_retention(heading: str, body: list[str]) -> bool:
    """Whether a heading about removing data ("Avförande av uppgifter",
    "Milloin tiedot poistetaan?") is about how long data are kept: it names no
    right or request, and its text gives a period or an end ("two years after
    the membership ends", "when the child leaves the school") rather than a
    request."""
    if not _DELETION_HEADING_RE.search(heading) or _RIGHT_WORDS_RE.search(heading):
        return False
    text = " ".join(body[:3])
    return bool(_PERIOD_RE.search(text)) and not _RIGHT_WORDS_RE.search(text)


# What the text under a heading the vocabulary does not know says it is about
# (``body_topic``): how long data are kept (a keeping or deleting verb and a span
# of time), how they are protected, to whom they are given, and a request to have
# them deleted.
_KEEP_OR_DELETE_RE = re.compile(
    r"\b(?:säilyt\w*|säilö\w*|poist(?:et|amme|uu|uvat)\w*|hävit\w*|tuho(?:t|amme)\w*"
    r"|pyyhi\w*|pyyhkiy\w*|ylikirjoit\w*|sparas|sparar|lagras|lagrar|bevaras"
    r"|förvaras|raderas|raderar|gallras|förstörs|skrivs över|kept|stored|retained"
    r"|deleted|erased|destroyed|overwritten)",
    re.IGNORECASE,
)
_TIME_SPAN_RE = re.compile(
    r"\b(?:vuorokau\w*|kuukau\w*|vuo(?:si|den|tta|deksi|sien)\b|viik\w*|päivä(?:n|ä)\b"
    r"|dygn\w*|månad\w*|år(?:et|s)?\b|veck\w*|dagar\b|days?\b|months?\b|years?\b"
    r"|weeks?\b)",
    re.IGNORECASE,
)
# The reader asking for something: "pyydät poistoa", "begär radering".
_REQUEST_RE = re.compile(
    r"\b(?:pyy(?:d|n|t)\w*|begär\w*|request\w*|ask\w*)", re.IGNORECASE
)
_PROTECTION_RE = re.compile(
    r"\b(?:salasan\w*|lukit\w*|lukossa|lukollis\w*|palomuur\w*|käyttöoikeu\w*"
    r"|salat(?:tu|aan|taan|ulla)\w*|suojat\w*|suojaamme|tietoturv\w*|kulunvalvon\w*"
    r"|lösenord\w*|låst\w*|brandvägg\w*|krypter\w*|behörighet\w*|skyddas|skyddade?"
    r"|password\w*|encrypt\w*|firewall\w*|locked|protected)",
    re.IGNORECASE,
)
_HANDING_OVER_RE = re.compile(
    r"\b(?:luovut(?:e|a|amme|etaan)\w*|luovuttaa|lämna[rs]? (?:inte |aldrig )?ut"
    r"|lämnas vidare"
    r"|överlåt\w*|disclos\w*|shared? with|passed on|handed over)",
    re.IGNORECASE,
)


def _opening(body: list[str]) -> str:
    """The first lines of a section's text, as one string: its topic's evidence."""
    return " ".join(line for line in body[:3] if line.strip())


_TOPIC_CUES = {
    "security": _PROTECTION_RE,
    "disclosures": _HANDING_OVER_RE,
    "retention": _KEEP_OR_DELETE_RE,
    "rectification_erasure": _KEEP_OR_DELETE_RE,
}


def body_keys_heading(heading: str, body: list[str], key: str) -> bool:
    """Whether the text's topic ``key`` may key a heading the vocabulary does not
    know: the heading says the same in its own words ("Lukot ja salasanat" over
    passwords), or the text is not a description of the thing the heading names.
    Under "Kameravalvonta" the text "Pihalla on tallentava kameravalvonta, jonka
    tallenteita säilytetään kaksi viikkoa" is about the camera surveillance, a
    section of its own that also says how long recordings are kept."""
    from .lemmas import heading_lemmas  # the lemmatizer loads on first use

    cue = _TOPIC_CUES.get(key)
    if cue is not None and cue.search(heading):
        return True
    text = _opening(body)
    first_sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    said = set().union(*heading_lemmas(first_sentence.casefold()) or [set()])
    for part in re.split(r"\s+/\s+", heading):
        words = heading_lemmas(_unmark(part).casefold().rstrip(":?"))
        if words and words[-1] & said:
            return False
    return True


#: A paragraph that names at least this many items of personal data ("nimi,
#: osoite ja puhelinnumero") lists the register's contents.
DATA_ITEMS_MIN = 3


def body_topic(body: list[str]) -> str | None:
    """The one topic the first lines of a section say they are about, or
    ``None`` when they name none or more than one: for a heading the vocabulary
    does not know ("Tallenteiden elinkaari", "Lukot ja salasanat"), whose text
    is the evidence of its key. Deleting on the reader's request is
    ``rectification_erasure``; keeping or deleting for a span of time
    ``retention``; locks, passwords and encryption ``security``; handing data to
    others ``disclosures``; a list of items of personal data ``data_content``."""
    text = _opening(body)
    if not text:
        return None
    topics: set[str] = set()
    if _KEEP_OR_DELETE_RE.search(text):
        if _REQUEST_RE.search(text):
            topics.add("rectification_erasure")
        elif _TIME_SPAN_RE.search(text) or _PERIOD_RE.search(text):
            topics.add("retention")
    if _PROTECTION_RE.search(text):
        topics.add("security")
    if _HANDING_OVER_RE.search(text):
        topics.add("disclosures")
    if len({item.casefold() for item in _DATA_ITEM_RE.findall(text)}) >= DATA_ITEMS_MIN:
        topics.add("data_content")
    return topics.pop() if len(topics) == 1 else None


def ambiguous_key(norm: str) -> str | None:
    """The key an ambiguous heading names when its body supports it (see
    ``[ambiguous]`` in the vocabulary data file), else ``None``."""
    return AMBIGUOUS_HEADINGS.get(norm)


def nests_in(topics: set[str], current_keys: set[str]) -> bool:
    """Whether a label naming ``topics`` belongs inside a section covering
    ``current_keys``: it names that section's own topic."""
    return bool(topics & current_keys)


__all__ = [
    "LAYOUT_HEADING_MAX_CHARS",
    "LAYOUT_HEADING_MAX_WORDS",
    "ambiguous_key",
    "body_supports",
    "body_keys_heading",
    "body_topic",
    "deletion_is_retention",
    "heading_shape",
    "is_caps",
    "is_lead_in",
    "is_list_line",
    "nests_in",
]
