"""Sentences, tokens and lemmas of notice text (pure functions, cached).

A section's text is split into sentences: every line is its own unit (list items,
address lines, table rows) and within a line sentences end at ``.``, ``!`` or
``?`` before a capital or a digit, except after an abbreviation ("esim.",
"t.ex.") or inside a date. A line ending in a colon is a lead-in ("Sinulla on
oikeus:"): the list items that follow are matched with it, so that "tarkastaa
tietosi" under it states the right of access.

Each sentence is tokenised (lower case, ``EU:n`` → ``eu``, hyphenated words split)
and every token lemmatised with simplemma for the notice's language. Patterns are
matched on two strings: the surface forms and the lemmas, tokens separated by
single spaces (see :mod:`rekisteri_cms.legal.terms`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import simplemma

LANGUAGES = ("fi", "sv", "en")

_ABBREVIATIONS = frozenset(
    [
        "esim",
        "mm",
        "ks",
        "vrt",
        "puh",
        "p",
        "tel",
        "nro",
        "nr",
        "ns",
        "n",
        "noin",
        "yms",
        "jne",
        "tms",
        "ym",
        "klo",
        "s",
        "os",
        "oy",
        "ab",
        "t.ex",
        "bl.a",
        "s.k",
        "dvs",
        "mfl",
        "m.fl",
        "resp",
        "st",
        "kl",
        "e.g",
        "i.e",
        "etc",
        "incl",
        "approx",
        "no",
        "vs",
        "art",
        "kpl",
        "mom",
        "tfn",
    ]
)
_LINE_SPLIT_RE = re.compile(r"\n+")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[\"”'(\[]?[A-ZÅÄÖ0-9])")
_TOKEN_RE = re.compile(r"\w+(?:[:'’]\w+)?", re.UNICODE)
_BULLET_RE = re.compile(r"^\s*(?:[-–—•*·▪]|\d{1,2}[.)]|[a-z][.)])\s+")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Sentence:
    """One sentence (or list item, or line) of a section.

    ``text`` is what is quoted as evidence; ``lead`` the lead-in line it belongs
    to ("" when none); ``surface`` and ``lemmas`` the token strings matched (the
    lead-in's tokens first).
    """

    text: str
    lead: str
    surface: str
    lemmas: str
    own_surface: str
    negated: bool
    #: Surface forms and lemmas in one string, two spaces apart (a phrase never
    #: spans the gap), so that one search tries both.
    both: str = ""

    @property
    def quote(self) -> str:
        text = f"{self.lead} {self.text}" if self.lead else self.text
        return text if len(text) <= 400 else text[:397].rstrip() + "…"

    @property
    def word_count(self) -> int:
        return len(_WORD_RE.findall(self.text))


def normalize(text: str) -> str:
    """NFC, typographic quotes and dashes made plain, spaces collapsed per line."""
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\u00ad", "").replace("\u00a0", " ").replace("\u202f", " ")
    text = re.sub(r"[‐‑‒–—]", "-", text)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return text.strip()


def split_lines_into_sentences(line: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(line):
        before = line[start : match.start()]
        last = before.rsplit(None, 1)[-1] if before.split() else ""
        word = last.rstrip(".!?").lower().lstrip("(")
        if last.endswith(".") and (
            word in _ABBREVIATIONS
            or len(word) == 1
            or re.fullmatch(
                r"\d{1,2}(\.\d{1,2})?", word
            )  # a day or an ordinal: "31." / "31.5."
        ):
            continue
        parts.append(before.strip())
        start = match.end()
    parts.append(line[start:].strip())
    return [p for p in parts if p]


def tokens(text: str) -> list[str]:
    """Lower-case tokens: ``EU:n`` → ``eu``, ``ETA-alueen`` → ``eta``, ``alueen``."""
    out: list[str] = []
    for raw in _TOKEN_RE.findall(text.lower()):
        raw = re.split(r"[:'’]", raw, maxsplit=1)[0]
        out.extend(part for part in raw.split("_") if part)
    return out


@lru_cache(maxsize=50_000)
def lemma(token: str, language: str) -> str:
    if token.isdigit() or len(token) < 2:
        return token
    try:
        return simplemma.lemmatize(token, lang=language).lower()
    except ValueError:  # an unknown language code
        return token


def token_strings(text: str, language: str) -> tuple[str, str]:
    toks = tokens(text.replace("-", " "))
    return " ".join(toks), " ".join(lemma(t, language) for t in toks)


_NEGATION = {
    "fi": re.compile(
        r"(?<![^ ])(ei|en|et|emme|ette|eivät|eikä|emmekä|eivätkä|eli ei|ilman)(?![^ ])"
    ),
    "sv": re.compile(
        r"(?<![^ ])(inte|ej|inga|ingen|inget|aldrig|nej|utan|varken)(?![^ ])"
    ),
    "en": re.compile(r"(?<![^ ])(not|no|never|none|neither|nor|without)(?![^ ])"),
}


def is_negated(surface: str, language: str) -> bool:
    return bool(_NEGATION.get(language, _NEGATION["fi"]).search(surface))


@lru_cache(maxsize=4096)
def sentences(text: str, language: str) -> tuple[Sentence, ...]:
    """The sentences of a section's text (see the module docstring)."""
    out: list[Sentence] = []
    lead = ""
    lead_tokens = ("", "")
    for raw_line in _LINE_SPLIT_RE.split(normalize_lines(text)):
        line = raw_line.strip()
        if not line:  # a blank line between a lead-in and its list keeps it
            continue
        bullet = bool(_BULLET_RE.match(line))
        clean = _BULLET_RE.sub("", line).strip() if bullet else line
        if not clean:
            continue
        # A new paragraph ends the list a lead-in introduced, unless the list was
        # written without bullets (short lines after the colon).
        if (
            lead
            and not bullet
            and not line.endswith(":")
            and (len(clean) > 120 or clean.endswith((".", "!", "?")))
        ):
            lead = ""
        for part in split_lines_into_sentences(clean):
            surface, lemmas = token_strings(part, language)
            if not surface:
                continue
            full_surface = f"{lead_tokens[0]} {surface}".strip() if lead else surface
            full_lemmas = f"{lead_tokens[1]} {lemmas}".strip() if lead else lemmas
            out.append(
                Sentence(
                    text=part,
                    lead=lead,
                    surface=full_surface,
                    lemmas=full_lemmas,
                    own_surface=surface,
                    negated=is_negated(surface, language),
                    both=f"{full_surface}  {full_lemmas}",
                )
            )
        if clean.endswith(":"):
            lead = clean
            lead_tokens = token_strings(clean, language)
    return tuple(out)


def normalize_lines(text: str) -> str:
    return "\n".join(normalize(line) for line in (text or "").splitlines())


_LANG_MARKERS = {
    "fi": frozenset(["ja", "tai", "on", "ovat", "tietoja", "tiedot", "henkilötietoja", "rekisteri", "rekisterinpitäjä", "käsittely", "ei", "oikeus", "tietosuoja"]),
    "sv": frozenset(["och", "eller", "är", "att", "av", "för", "som", "uppgifter", "personuppgifter", "behandling", "inte", "rätt", "den", "till", "med"]),
    "en": frozenset(["and", "or", "is", "are", "the", "of", "to", "data", "personal", "processing", "not", "right", "we", "you", "with"]),
}  # fmt: skip


def detect_language(text: str) -> str:
    words = tokens(text)[:3000]
    scores = {
        lang: sum(w in markers for w in words)
        for lang, markers in _LANG_MARKERS.items()
    }
    best = max(scores, key=lambda lang: (scores[lang], lang == "fi"))
    return best if scores[best] else "fi"
