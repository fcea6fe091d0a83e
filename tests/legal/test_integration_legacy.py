"""A legacy register description's gap report (HTL 10 § and the GDPR items), on
its public page and version page, and HTL 10 § item 4 judged by content."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from project.demo import SEEDS_DIR
from rekisteri_cms.completeness import HTL_ITEMS, gaps_of
from rekisteri_cms.legal import ITEMS_BY_CODE
from tests.factories import PrivacyNoticePageFactory, rich_text, section
from tests.legal_fixtures import KONEKESKO_SEED, import_seed, p, replace_section

pytestmark = pytest.mark.django_db

SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
ITEM4 = {"disclosures", "transfers_outside_eea"}
#: Kokemuskauppa's "Säännönmukaiset tietojen luovutukset" also says that data do
#: not go outside the EEA; Confetti's "Rekisterin tietojen luovutus" says only who
#: gets the data.
KOKEMUSKAUPPA = SEEDS_DIR / "001_bf74e576cd4ee124.txt"
CONFETTI = SEEDS_DIR / "002_07da79a8ffdee0ab.txt"


def item4_lacking(page) -> set[str]:
    return set(page.completeness().missing) & ITEM4


# HTL 10 § item 4: both parts, by content ---------------------------------------------


def test_a_seed_stating_both_parts_under_the_disclosures_heading(index, admin):
    assert item4_lacking(import_seed(KOKEMUSKAUPPA, index, admin)) == set()


def test_a_seed_stating_only_the_disclosures_lacks_the_transfers(index, admin):
    assert item4_lacking(import_seed(CONFETTI, index, admin)) == {
        "transfers_outside_eea"
    }


def test_a_transfer_without_a_safeguard_still_answers_item_4(index, admin):
    """Konekesko: "Tietoja voidaan siirtää … EU:n tai Euroopan talousalueen
    ulkopuolelle." says whether data go outside the EU/EEA (what 10 § asks),
    though the GDPR item lacks its safeguard."""
    page = import_seed(KONEKESKO_SEED, index, admin)
    report = page.completeness()
    assert item4_lacking(page) == set()
    assert report.items.status("transfers") == "missing"


def test_stating_only_the_transfers_lacks_the_disclosures(index, controller):
    page = PrivacyNoticePageFactory.build(
        framework="htl",
        body=[
            section("controller", controller=controller),
            section(
                "transfers_outside_eea",
                transfers="",
                body=rich_text(p("Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle.")),
            ),
        ],
    )
    assert item4_lacking(page) == {"disclosures"}


TRANSFER_SENTENCES = [
    "Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle.",
    "Tietoja siirretään Yhdysvaltoihin.",
]


@pytest.mark.parametrize("sentence", TRANSFER_SENTENCES)
@pytest.mark.parametrize("seed", SEEDS, ids=[path.name[:3] for path in SEEDS])
@pytest.mark.parametrize("key", ["other", "disclosures", "purpose"])
def test_the_same_transfer_sentence_counts_in_every_seed(
    index, admin, seed, key, sentence
):
    """Content, not heading: the sentence answers the transfers part wherever
    the seed says it."""
    page = import_seed(seed, index, admin)
    value = {"body": p(sentence)}
    if key == "other":
        value["heading"] = "Lisätietoja"
    else:
        existing = next((b.value for b in page.body if b.block_type == key), None)
        body = existing["body"].source if existing is not None else ""
        value["body"] = body + p(sentence)
        value["heading"] = existing["heading"] if existing is not None else ""
    replace_section(page, key, value)
    assert "transfers_outside_eea" not in page.completeness().missing


# The gap report: names and articles ------------------------------------------------------


def test_gaps_name_the_10_section_items_and_the_gdpr_items():
    completeness = {
        "framework": "htl",
        "missing": ["transfers_outside_eea", "security"],
        "recommended_missing": [],
        "gdpr_missing": ["retention"],
        "items": [
            {"item": "retention", "status": "missing", "article": "13(2)(a)",
             "evidence_section": None, "evidence_kind": None},
            {"item": "identity", "status": "present", "article": "13(1)(a)",
             "evidence_section": "controller", "evidence_kind": "sentence"},
        ],
    }  # fmt: skip
    assert gaps_of(completeness, "fi") == {
        "htl": [
            {"name": "Siirretäänkö tietoja EU:n tai ETA:n ulkopuolelle", "article": "10 §:n 4 kohta"},
            {"name": "Rekisterin suojauksen periaatteet", "article": "10 §:n 5 kohta"},
        ],
        "gdpr": [{"name": "Säilytysaika", "article": "13(2)(a)"}],
    }  # fmt: skip
    assert gaps_of(completeness, "sv")["gdpr"] == [
        {"name": "Lagringstid", "article": "13(2)(a)"}
    ]


def test_gaps_of_a_version_stored_before_the_item_check_name_the_sections():
    completeness = {"framework": "htl", "missing": [], "gdpr_missing": ["retention"]}
    assert gaps_of(completeness, "fi")["gdpr"] == [
        {"name": "Henkilötietojen säilytysaika", "article": ""}
    ]


def test_every_htl_item_has_a_name_in_each_language():
    for item in HTL_ITEMS:
        assert {item.name(lang) for lang in ("fi", "sv", "en")} == {
            item.fi,
            item.sv,
            item.en,
        }
        assert len({item.fi, item.sv, item.en}) == 3


# On the pages ------------------------------------------------------------------------------


@pytest.fixture
def konekesko_live(index, admin):
    page = import_seed(KONEKESKO_SEED, index, admin)
    page.save_revision(user=admin).publish(user=admin)
    page.refresh_from_db()
    return page


def aside_lists(html: str) -> tuple[list[str], list[str]]:
    aside = BeautifulSoup(html, "html.parser").select_one("aside.legacy-notice")
    lists = [
        [
            li.get_text(" ", strip=True)
            for li in aside.select(f"ul.legacy-gaps--{kind} li")
        ]
        for kind in ("htl", "gdpr")
    ]
    return lists[0], lists[1]


@pytest.mark.parametrize("suffix", ["", "history/1/"])
def test_page_lists_the_missing_gdpr_items_by_name_and_article(
    client, konekesko_live, suffix
):
    response = client.get(konekesko_live.url + suffix)
    assert response.status_code == 200
    htl, gdpr = aside_lists(response.content.decode())
    assert htl == []
    report = konekesko_live.completeness()
    assert gdpr == [
        f"{ITEMS_BY_CODE[code].name('fi')} (GDPR {report.items.result(code).article})"
        for code in report.items.missing
    ]
    assert "Säilytysaika (GDPR 13(2)(a), 14(2)(a))" in gdpr
    assert (
        "Oikeus tehdä valitus valvontaviranomaiselle (GDPR 13(2)(d), 14(2)(e))" in gdpr
    )
    # Not section headings any more.
    assert "Henkilötietojen säilytysaika" not in gdpr


def test_page_lists_the_missing_10_section_items(client, index, admin):
    page = import_seed(CONFETTI, index, admin)
    page.save_revision(user=admin).publish(user=admin)
    page.refresh_from_db()
    htl, _gdpr = aside_lists(client.get(page.url).content.decode())
    assert htl == ["Siirretäänkö tietoja EU:n tai ETA:n ulkopuolelle (10 §:n 4 kohta)"]
