"""The importer's work grows linearly with its input.

An uploaded file may be up to 2 MB, and the parser must not keep a web worker
busy for minutes on one. These tests measure work, never time: how often a line
is compared fuzzily with the heading variants, and with how many variants; and
that the fast forms of the parser's helpers give what the slow forms gave.
"""

from __future__ import annotations

import random
import re

import pytest
from rapidfuzz import fuzz, process

from rekisteri_cms.importers import contacts, matching, parse_notice_upload
from rekisteri_cms.importers import lines as importer_lines
from rekisteri_cms.importers import parser as importer_parser
from rekisteri_cms.importers.formats import markdown
from rekisteri_cms.importers.vocabulary import (
    HEADING_VARIANTS,
    KEYWORD_KEY_RULES,
    KEYWORD_RULES,
)

VARIANTS = [variant for variants in HEADING_VARIANTS.values() for variant in variants]
WORDS = [
    "henkilötietoja",
    "käsitellään",
    "asiakassuhteen",
    "hoitamiseksi",
    "ja",
    "laskutusta",
    "varten",
    "tietoja",
    "säilytetään",
    "niin",
    "kauan",
    "kuin",
    "se",
    "on",
    "tarpeen",
    "och",
    "uppgifterna",
    "behandlas",
]


def heading_like_lines(count: int, seed: int = 7) -> str:
    """``count`` short lines, most of them different: heading variants with a
    typo or a number, and garbage, as a fuzzer makes them."""
    rng = random.Random(seed)
    lines = ["Rekisterinpitäjä", ""]
    for index in range(count):
        variant = rng.choice(VARIANTS)
        kind = index % 4
        if kind == 0:
            at = rng.randrange(len(variant))
            lines.append(variant[:at] + rng.choice("aeiouk") + variant[at + 1 :])
        elif kind == 1:
            lines.append(f"{index % 20 + 1}. {variant}")
        elif kind == 2:
            letters = "".join(
                rng.choice("abcdefghijklmnopqrstuvwxyzäö ") for _ in range(24)
            )
            lines.append(letters.strip().capitalize() or "X")
        else:
            lines.append(" ".join(rng.choice(WORDS) for _ in range(4)).capitalize())
        if index % 5 == 0:
            lines.append("")
    return "\n".join(lines) + "\n"


def fuzzy_work(text: str, monkeypatch) -> tuple[int, int, int]:
    """(lines with text, fuzzy searches, variants compared) parsing ``text``."""
    calls = compared = 0
    extract_one = process.extractOne

    def counting(query, choices, **kwargs):
        nonlocal calls, compared
        calls += 1
        compared += len(choices)
        return extract_one(query, choices, **kwargs)

    monkeypatch.setattr(matching.process, "extractOne", counting)
    matching.clear_caches()
    try:
        parse_notice_upload("large.txt", text.encode("utf-8"))
    finally:
        matching.clear_caches()
    lines = sum(1 for line in text.splitlines() if line.strip())
    return lines, calls, compared


def test_each_line_is_compared_fuzzily_a_bounded_number_of_times(monkeypatch):
    lines, calls, compared = fuzzy_work(heading_like_lines(3000), monkeypatch)
    # A line is compared once however often the parser asks about it (its own
    # turn, the look-ahead of the line above), plus the parts of a combined one.
    assert calls <= 2 * lines
    # Only variants of a length that can reach the threshold are compared.
    assert compared <= calls * len(matching._VARIANTS) / 2


def test_fuzzy_work_grows_linearly(monkeypatch):
    small = fuzzy_work(heading_like_lines(2000), monkeypatch)
    large = fuzzy_work(heading_like_lines(8000), monkeypatch)
    ratio = large[0] / small[0]
    assert large[1] <= 1.2 * ratio * small[1]
    assert large[2] <= 1.2 * ratio * small[2]


def test_repeated_lines_are_compared_once(monkeypatch):
    text = "Rekisterinpitäjä\n\n" + "Rekisterinpitjä tiedot\nTekstiä.\n\n" * 2000
    _lines, calls, _compared = fuzzy_work(text, monkeypatch)
    assert calls <= 10


def test_length_prefilter_finds_the_variant_a_full_search_finds():
    rng = random.Random(17)
    queries = []
    for variant in matching._VARIANTS:
        at = rng.randrange(len(variant))
        queries += [
            variant,
            variant[:at] + variant[at + 1 :],
            variant[:at] + "xy" + variant[at:],
            variant + " " + rng.choice(WORDS),
        ]
    for query in queries:
        full = process.extractOne(
            query,
            matching._VARIANTS,
            scorer=fuzz.ratio,
            score_cutoff=matching.FUZZY_THRESHOLD,
        )
        assert matching._fuzzy_variant(query) == (full and full[:2]), query


def test_keyword_rules_per_key_find_what_the_single_rules_find():
    rng = random.Random(3)
    words = [w.casefold() for v in VARIANTS for w in v.split()] + WORDS
    texts = [
        " ".join(rng.choice(words) for _ in range(rng.randint(1, 8)))
        for _ in range(3000)
    ]
    texts += [v.casefold() for v in VARIANTS] + ["tietojen siirto", "siirto"]

    def keys(rules, text):
        hits = sorted((m.start(), k) for k, p in rules if (m := p.search(text)))
        return list(dict.fromkeys(key for _start, key in hits))

    for text in texts:
        assert keys(KEYWORD_KEY_RULES, text) == keys(KEYWORD_RULES, text), text


def test_closing_parenthesis_is_stripped_as_by_the_regex():
    rng = random.Random(11)
    for _ in range(20000):
        text = "".join(rng.choice("( )a:\t") for _ in range(rng.randint(0, 10)))
        assert contacts._strip_closing_parenthesis(text) == re.sub(
            r"\s*\(.*\)$", "", text
        ), text


@pytest.mark.parametrize(
    ("pattern", "fast", "alphabet"),
    [
        (
            r"^(\*\*|__)(?P<text>\S.*?\S|\S)\1\s*(?P<colon>:?)\s*$",
            markdown._MD_BOLD_LINE_RE,
            "*_ a:\t",
        ),
        (
            r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$",
            markdown._MD_TABLE_SEPARATOR_RE,
            "|- :a\t",
        ),
    ],
)
def test_possessive_markdown_patterns_match_as_before(pattern, fast, alphabet):
    slow = re.compile(pattern)
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        want, got = slow.match(text), fast.match(text)
        assert (want and (want.span(), want.groups())) == (
            got and (got.span(), got.groups())
        ), text


def test_nearest_lines_with_text_are_those_a_search_finds():
    rng = random.Random(13)
    for _ in range(500):
        text = "\n".join(
            rng.choice(["", " ", "a", "Rekisterinpitäjä"])
            for _ in range(rng.randint(0, 12))
        )
        lines = importer_lines._split_lines(text)
        parser = importer_parser._Parser(lines, "x")
        for index in range(len(lines)):
            following = next((ln for ln in lines[index + 1 :] if not ln.blank), None)
            previous = next(
                (ln for ln in reversed(lines[:index]) if not ln.blank), None
            )
            assert parser._next_content(index) is following
            assert parser._previous_content(index) is previous
