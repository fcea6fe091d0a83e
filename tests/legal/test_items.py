"""The item table: the public codes, their articles, texts, conditions and terms."""

from __future__ import annotations

import pytest

from rekisteri_cms.legal import ITEM_CODES, ITEMS
from rekisteri_cms.legal.items import CONDITIONS
from rekisteri_cms.legal.vocabulary import vocabulary
from rekisteri_cms.sections import SECTION_KEYS

#: The codes are a public API contract: this order and spelling.
CONTRACT = (
    "identity", "dpo_contact", "purposes", "legal_basis", "legitimate_interests",
    "data_categories", "recipients", "transfers", "retention", "right_access",
    "right_rectification", "right_erasure", "right_restriction", "right_portability",
    "right_object", "withdraw_consent", "complaint", "requirement", "sources",
    "automated_decisions", "special_categories_condition",
)  # fmt: skip


def test_codes_are_the_contract():
    assert ITEM_CODES == CONTRACT


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.code)
def test_every_row_is_complete(item):
    for lang in ("fi", "sv", "en"):
        assert item.name(lang).strip()
        assert item.what_to_add(lang).strip().endswith((".", ")"))
    assert item.art13 or item.art14
    assert item.condition is None or item.condition in CONDITIONS
    assert set(item.home) <= set(SECTION_KEYS)


@pytest.mark.parametrize(
    ("code", "which", "article"),
    [
        ("identity", "13", "13(1)(a)"),
        ("identity", "14", "14(1)(a)"),
        ("identity", "both", "13(1)(a), 14(1)(a)"),
        ("legitimate_interests", "14", "14(2)(b)"),
        ("requirement", "both", "13(2)(e)"),
        ("sources", "both", "14(2)(f)"),
        ("data_categories", "13", "14(1)(d)"),
        ("special_categories_condition", "both", "9(2)"),
        ("withdraw_consent", "both", "13(2)(c), 14(2)(d)"),
        ("complaint", "14", "14(2)(e)"),
        ("automated_decisions", "both", "13(2)(f), 14(2)(g)"),
    ],
)
def test_articles(code, which, article):
    item = next(i for i in ITEMS if i.code == code)
    assert item.article(which) == article


def test_conditions_of_the_law():
    conditions = {i.code: i.condition for i in ITEMS}
    assert conditions["requirement"] == "art13"  # Art. 13 only
    assert conditions["data_categories"] == conditions["sources"] == "art14"
    assert conditions["withdraw_consent"] == "consent"
    assert conditions["right_portability"] == "portability"
    assert conditions["right_object"] == "objection"
    assert conditions["dpo_contact"] == "dpo"
    assert conditions["legitimate_interests"] == "legitimate_interest"
    assert conditions["special_categories_condition"] == "special"
    always = {c for c, cond in conditions.items() if cond is None}
    assert {"identity", "purposes", "legal_basis", "recipients", "transfers", "retention",
            "right_access", "right_rectification", "right_erasure", "right_restriction",
            "complaint", "automated_decisions"} == always  # fmt: skip


def test_unknown_language_falls_back_to_finnish():
    item = ITEMS[0]
    assert item.name("de") == item.fi
    assert item.what_to_add(None) == item.add_fi


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_term_lists_cover_every_item(lang):
    vocab = vocabulary(lang)
    assert set(vocab.items) == set(ITEM_CODES)
    for code, terms in vocab.items.items():
        if code in ("legal_basis",):  # decided by the bases lists
            continue
        assert terms.state or terms.home_state, (lang, code)
    for basis in "abcdef":
        assert vocab.bases_named[basis], (lang, basis)
    for name in ("subject", "elsewhere", "dpo", "special", "direct_marketing"):
        assert vocab.conditions[name], (lang, name)


def test_warm_up_loads_the_languages():
    from rekisteri_cms.legal import warm_up
    from rekisteri_cms.legal.vocabulary import vocabulary as cached

    warm_up(("sv",))
    assert cached.cache_info().currsize >= 1
