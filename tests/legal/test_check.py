"""check_items: every item present by field, present by sentence and missing, in
Finnish and in Swedish; every condition's not_applicable; the known traps."""

from __future__ import annotations

import pytest

from rekisteri_cms.legal import (
    ITEM_CODES,
    MISSING,
    NOT_APPLICABLE,
    PRESENT,
    Facts,
    SectionInput,
    check_items,
)
from tests.legal.examples import load_examples

# Facts under which each item's condition holds (and nothing else is assumed).
APPLIES = {
    "dpo_contact": {"dpo_appointed": True},
    "legitimate_interests": {"bases": frozenset("f")},
    "data_categories": {"collection": "elsewhere"},
    "right_portability": {"bases": frozenset("b")},
    "right_object": {"bases": frozenset("f")},
    "withdraw_consent": {"bases": frozenset("a")},
    "requirement": {"collection": "subject"},
    "sources": {"collection": "elsewhere"},
    "special_categories_condition": {"special_categories": True},
}

# Per language and item: (section key, text) that states the item, and one that
# is about the same topic but does not state it (or says nothing).
CASES: dict[str, dict[str, tuple[tuple[str, str], tuple[str, str]]]] = {
    "fi": {
        "identity": (("controller", "Kahvila Papu Oy\nKatu 1, 00100 Helsinki\nposti@papu.fi"),
                     ("controller", "Kahvila Papu Oy")),
        "dpo_contact": (("dpo", "Tietosuojavastaavan tavoittaa osoitteesta dpo@papu.fi."),
                        ("dpo", "Olemme nimittäneet tietosuojavastaavan.")),
        "purposes": (("purpose", "Käytämme tietoja tilausten toimittamiseen ja laskutukseen."),
                     ("purpose", "")),
        "legal_basis": (("legal_basis", "Käsittely perustuu asiakkaan kanssa tehtyyn sopimukseen."),
                        ("legal_basis", "Asiakassuhde.")),
        "legitimate_interests": (("legal_basis", "Oikeutettu etumme on asiakassuhteen ylläpito ja palvelujen kehittäminen."),
                                 ("legal_basis", "Käsittely perustuu rekisterinpitäjän oikeutettuun etuun.")),
        "data_categories": (("data_content", "Nimi, sähköpostiosoite ja puhelinnumero."),
                            ("data_content", "")),
        "recipients": (("disclosures", "Tietoja luovutetaan tilitoimistolle kirjanpitoa varten."),
                       ("disclosures", "Tietoja voidaan luovuttaa lain sallimissa rajoissa.")),
        "transfers": (("transfers_outside_eea", "Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle."),
                      ("transfers_outside_eea", "Uutiskirjetyökalumme tallentaa tiedot Yhdysvaltoihin.")),
        "retention": (("retention", "Tiedot säilytetään kolme vuotta asiakassuhteen päättymisestä."),
                      ("retention", "Tarpeen mukaan.")),
        "right_access": (("data_subject_rights", "Sinulla on oikeus tarkastaa sinusta tallennetut tiedot."),
                         ("data_subject_rights", "Ks. henkilötietolaki.")),
        "right_rectification": (("data_subject_rights", "Voit vaatia virheellisten tietojen oikaisemista."),
                                ("data_subject_rights", "Sinulla on oikeus tarkastaa tietosi.")),
        "right_erasure": (("data_subject_rights", "Sinulla on oikeus pyytää tietojesi poistamista."),
                          ("retention", "Tiedot poistetaan vuoden kuluttua.")),
        "right_restriction": (("data_subject_rights", "Voit vaatia tietojesi käsittelyn rajoittamista."),
                              ("security", "Pääsy rekisteriin on rajoitettu henkilökuntaan.")),
        "right_portability": (("data_subject_rights", "Sinulla on oikeus siirtää tietosi järjestelmästä toiseen."),
                              ("data_subject_rights", "Sinulla on oikeus tarkastaa tietosi.")),
        "right_object": (("data_subject_rights", "Sinulla on oikeus vastustaa tietojesi käsittelyä."),
                         ("data_subject_rights", "Sinulla on oikeus tarkastaa tietosi.")),
        "withdraw_consent": (("data_subject_rights", "Voit peruuttaa suostumuksesi milloin tahansa."),
                             ("legal_basis", "Käsittely perustuu suostumukseesi.")),
        "complaint": (("complaint", "Voit tehdä valituksen Tietosuojavaltuutetun toimistolle."),
                      ("complaint", "")),
        "requirement": (("other", "Tietojen antaminen on sopimuksen edellytys; ilman tietoja emme voi toimittaa tilausta."),
                        ("other", "Tiedot annetaan lomakkeella.")),
        "sources": (("data_sources", "Tiedot saadaan väestötietojärjestelmästä."),
                    ("data_sources", "")),
        "automated_decisions": (("automated_decisions", "Emme tee automaattisia päätöksiä emmekä profiloi."),
                                ("automated_decisions", "")),
        "special_categories_condition": (("legal_basis", "Terveystietoja käsitellään nimenomaisen suostumuksesi perusteella."),
                                         ("legal_basis", "Käsittely perustuu sopimukseen.")),
    },
    "sv": {
        "identity": (("controller", "Kafé Bönan Ab\nGatan 1, 65100 Vasa\npost@bonan.fi"),
                     ("controller", "Kafé Bönan Ab")),
        "dpo_contact": (("dpo", "Dataskyddsombudet nås på dso@bonan.fi."),
                        ("dpo", "Vi har utsett ett dataskyddsombud.")),
        "purposes": (("purpose", "Vi använder uppgifterna för att leverera beställningar och fakturera."),
                     ("purpose", "")),
        "legal_basis": (("legal_basis", "Behandlingen grundar sig på avtalet med kunden."),
                        ("legal_basis", "Kundförhållande.")),
        "legitimate_interests": (("legal_basis", "Vårt berättigade intresse är att sköta kundrelationen och utveckla våra tjänster."),
                                 ("legal_basis", "Behandlingen grundar sig på berättigat intresse.")),
        "data_categories": (("data_content", "Namn, e-postadress och telefonnummer."),
                            ("data_content", "")),
        "recipients": (("disclosures", "Uppgifter lämnas ut till vår bokföringsbyrå."),
                       ("disclosures", "Uppgifter kan lämnas ut inom de gränser lagen tillåter.")),
        "transfers": (("transfers_outside_eea", "Uppgifter överförs inte utanför EU eller EES."),
                      ("transfers_outside_eea", "Vårt nyhetsbrevsverktyg lagrar uppgifterna i USA.")),
        "retention": (("retention", "Uppgifterna sparas i tre år efter att kundförhållandet upphört."),
                      ("retention", "Så länge det behövs.")),
        "right_access": (("data_subject_rights", "Du har rätt att granska de uppgifter som finns om dig."),
                         ("data_subject_rights", "Se personuppgiftslagen.")),
        "right_rectification": (("data_subject_rights", "Du har rätt att få felaktiga uppgifter rättade."),
                                ("data_subject_rights", "Du har rätt att granska dina uppgifter.")),
        "right_erasure": (("data_subject_rights", "Du har rätt att begära att dina uppgifter raderas."),
                          ("retention", "Uppgifterna raderas efter ett år.")),
        "right_restriction": (("data_subject_rights", "Du har rätt att begära begränsning av behandlingen."),
                              ("data_subject_rights", "Du har rätt att granska dina uppgifter.")),
        "right_portability": (("data_subject_rights", "Du har rätt till dataportabilitet."),
                              ("data_subject_rights", "Du har rätt att granska dina uppgifter.")),
        "right_object": (("data_subject_rights", "Du har rätt att invända mot behandlingen."),
                         ("data_subject_rights", "Du har rätt att granska dina uppgifter.")),
        "withdraw_consent": (("data_subject_rights", "Du kan när som helst återkalla ditt samtycke."),
                             ("legal_basis", "Behandlingen grundar sig på ditt samtycke.")),
        "complaint": (("complaint", "Du kan lämna in klagomål till Dataombudsmannens byrå."),
                      ("complaint", "")),
        "requirement": (("other", "Det är frivilligt att lämna uppgifterna, men utan dem kan vi inte leverera."),
                        ("other", "Uppgifterna lämnas på en blankett.")),
        "sources": (("data_sources", "Uppgifterna hämtas från befolkningsdatasystemet."),
                    ("data_sources", "")),
        "automated_decisions": (("automated_decisions", "Vi fattar inga automatiserade beslut."),
                                ("automated_decisions", "")),
        "special_categories_condition": (("legal_basis", "Hälsouppgifter behandlas med ditt uttryckliga samtycke."),
                                         ("legal_basis", "Behandlingen grundar sig på avtal.")),
    },
}  # fmt: skip

LANGS = ("fi", "sv")


def _check(lang: str, code: str, key: str, text: str, **facts):
    kwargs = {"language": lang, **APPLIES.get(code, {}), **facts}
    section = SectionInput(key, key.replace("_", " ").title(), text, anchor=f"s-{key}")
    return check_items([section], Facts(**kwargs))


def test_cases_cover_every_item():
    for lang in LANGS:
        assert set(CASES[lang]) == set(ITEM_CODES)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", ITEM_CODES)
def test_present_by_sentence(lang, code):
    (key, text), _ = CASES[lang][code]
    result = _check(lang, code, key, text).result(code)
    assert result.status == PRESENT, result
    assert result.evidence_kind == "sentence"
    assert result.evidence  # the quoted sentence
    assert result.section_key == key
    assert result.section_anchor == f"s-{key}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", ITEM_CODES)
def test_missing(lang, code):
    _, (key, text) = CASES[lang][code]
    result = _check(lang, code, key, text).result(code)
    assert result.status == MISSING, result
    assert result.evidence_kind is None
    assert result.note  # tells the editor what to add


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", ITEM_CODES)
def test_present_by_field(lang, code):
    _, (key, text) = CASES[lang][code]  # the text alone does not state it
    description = f"Field for {code}"
    report = _check(lang, code, key, text, present_by_field={code: description})
    result = report.result(code)
    assert result.status == PRESENT
    assert result.evidence_kind == "field"
    assert result.evidence == description
    assert report.as_dicts()[ITEM_CODES.index(code)]["evidence"] == description


# --- conditions ----------------------------------------------------------------------

NOT_APPLICABLE_FACTS = {
    "dpo_contact": {"dpo_appointed": False},
    "legitimate_interests": {"bases": frozenset("b")},
    "data_categories": {"collection": "subject"},
    "sources": {"collection": "subject"},
    "requirement": {"collection": "elsewhere"},
    "right_portability": {"bases": frozenset("cf")},
    "right_object": {"bases": frozenset("ab"), "direct_marketing": False},
    "withdraw_consent": {"bases": frozenset("bc")},
    "special_categories_condition": {"special_categories": False},
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", sorted(NOT_APPLICABLE_FACTS))
def test_condition_not_holding_by_facts(lang, code):
    # Even the sentence that would state the item does not make it applicable.
    (key, text), _ = CASES[lang][code]
    facts = {"language": lang, **NOT_APPLICABLE_FACTS[code]}
    report = check_items([SectionInput(key, "", text)], Facts(**facts))
    assert report.status(code) == NOT_APPLICABLE


@pytest.mark.parametrize(
    ("code", "lang", "without", "with_condition"),
    [
        ("dpo_contact", "fi", "Rekisterinpitäjä: Papu Oy.", "Tietosuojavastaavamme on Maija Mallikas."),
        ("dpo_contact", "sv", "Personuppgiftsansvarig: Bönan Ab.", "Vårt dataskyddsombud är Maja Modig."),
        ("withdraw_consent", "fi", "Käsittely perustuu sopimukseen.", "Käsittely perustuu suostumukseen."),
        ("withdraw_consent", "sv", "Behandlingen grundar sig på avtal.", "Behandlingen grundar sig på samtycke."),
        ("legitimate_interests", "fi", "Käsittely perustuu sopimukseen.", "Käsittely perustuu oikeutettuun etuun."),
        ("legitimate_interests", "sv", "Behandlingen grundar sig på avtal.", "Behandlingen grundar sig på berättigat intresse."),
        ("right_object", "fi", "Käsittely perustuu sopimukseen.", "Tietoja käytetään suoramarkkinointiin."),
        ("right_object", "sv", "Behandlingen grundar sig på avtal.", "Uppgifterna används för direktmarknadsföring."),
        ("right_portability", "fi", "Käsittely perustuu lakisääteiseen velvoitteeseen.", "Käsittely perustuu sopimukseen."),
        ("right_portability", "sv", "Behandlingen grundar sig på en rättslig förpliktelse.", "Behandlingen grundar sig på avtal."),
        ("special_categories_condition", "fi", "Käsittelemme nimeä ja osoitetta.", "Käsittelemme terveydentilaa koskevia tietoja."),
        ("special_categories_condition", "sv", "Vi behandlar namn och adress.", "Vi behandlar uppgifter om hälsotillstånd."),
        ("sources", "fi", "Tiedot saadaan asiakkaalta itseltään.", "Tiedot saadaan väestötietojärjestelmästä."),
        ("sources", "sv", "Uppgifterna fås av kunden själv.", "Uppgifterna hämtas från befolkningsdatasystemet."),
        ("data_categories", "fi", "Tiedot saadaan asiakkaalta itseltään.", "Tiedot ostetaan osoitelähteeltä ja julkisista lähteistä."),
    ],
)  # fmt: skip
def test_condition_from_text(code, lang, without, with_condition):
    key = (
        "legal_basis"
        if code != "sources" and code != "data_categories"
        else "data_sources"
    )
    if code == "dpo_contact":
        key = "other"
    if code == "special_categories_condition":
        key = "data_content"
    off = check_items([SectionInput(key, "", without)], Facts(language=lang))
    on = check_items([SectionInput(key, "", with_condition)], Facts(language=lang))
    assert off.status(code) == NOT_APPLICABLE
    assert on.status(code) != NOT_APPLICABLE


def test_negated_dpo_and_special_categories_do_not_apply():
    report = check_items(
        [
            SectionInput(
                "dpo", "Tietosuojavastaava", "Emme ole nimittäneet tietosuojavastaavaa."
            ),
            SectionInput("data_content", "", "Emme käsittele terveystietoja."),
        ],
        Facts(language="fi"),
    )
    assert report.status("dpo_contact") == NOT_APPLICABLE
    assert report.status("special_categories_condition") == NOT_APPLICABLE


def test_article_judged_from_sources():
    def article(text, lang="fi"):
        return check_items(
            [SectionInput("data_sources", "", text)], Facts(language=lang)
        ).article

    assert article("Tiedot saadaan asiakkaalta itseltään.") == "13"
    assert article("Tiedot saadaan väestötietojärjestelmästä.") == "14"
    assert (
        article("Tiedot saadaan asiakkaalta itseltään ja väestötietojärjestelmästä.")
        == "both"
    )
    assert (
        article("Tietoja ei kerätä muista lähteistä kuin asiakkaalta itseltään.")
        == "13"
    )
    assert article("Uppgifterna hämtas från befolkningsdatasystemet.", "sv") == "14"


def test_article_strings_follow_the_judged_article():
    both = check_items([], Facts(collection="both", language="fi"))
    assert both.result("retention").article == "13(2)(a), 14(2)(a)"
    assert both.result("sources").article == "14(2)(f)"
    only13 = check_items([], Facts(collection="subject", language="fi"))
    assert only13.result("retention").article == "13(2)(a)"
    assert only13.article == "13"


# --- the traps -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "text", "code"),
    [
        ("legal_basis", "Asiakassuhde.", "legal_basis"),
        ("retention", "Tarpeen mukaan.", "retention"),
        ("data_subject_rights", "Ks. henkilötietolaki.", "right_access"),
        ("data_subject_rights", "Ks. henkilötietolaki.", "right_rectification"),
        ("data_subject_rights", "Ks. henkilötietolaki.", "right_erasure"),
        (
            "data_subject_rights",
            "Rekisteröidyllä on henkilötietolain mukaiset oikeudet.",
            "right_access",
        ),
        ("complaint", "", "complaint"),
        (
            "retention",
            "Tietoja säilytetään niin kauan kuin on tarpeellista.",
            "retention",
        ),
        (
            "transfers_outside_eea",
            "Tietoja voidaan siirtää henkilötietolain mukaisesti EU:n ulkopuolelle.",
            "transfers",
        ),
        (
            "disclosures",
            "Käytämme uutiskirjetyökalua, joka tallentaa tiedot Yhdysvaltoihin.",
            "transfers",
        ),
    ],
)
def test_reported_missing(key, text, code):
    report = check_items([SectionInput(key, "", text)], Facts(language="fi"))
    assert report.status(code) == MISSING
    assert code in report.missing


def test_rights_list_with_access_rectification_objection_only():
    report = check_items(
        [
            SectionInput(
                "legal_basis",
                "Oikeusperuste",
                "Sopimus ja uutiskirjeen osalta suostumus.",
            ),
            SectionInput(
                "data_subject_rights",
                "Rekisteröidyn oikeudet",
                "Sinulla on oikeus:\n- tarkastaa tietosi\n- vaatia virheellisten tietojen oikaisemista\n"
                "- vastustaa tietojesi käyttöä suoramarkkinointiin",
            ),
        ],
        Facts(language="fi"),
    )
    assert {
        c: report.status(c)
        for c in ("right_access", "right_rectification", "right_object")
    } == {
        "right_access": PRESENT,
        "right_rectification": PRESENT,
        "right_object": PRESENT,
    }
    for code in (
        "right_restriction",
        "right_portability",
        "withdraw_consent",
        "right_erasure",
    ):
        assert report.status(code) == MISSING, code


def test_negated_statements_are_statements():
    report = check_items(
        [
            SectionInput(
                "automated_decisions", "", "Emme tee automaattisia päätöksiä."
            ),
            SectionInput(
                "transfers_outside_eea",
                "",
                "Tietoja ei siirretä EU/ETA:n ulkopuolelle.",
            ),
            SectionInput("disclosures", "", "Tietoja ei luovuteta."),
        ],
        Facts(language="fi"),
    )
    assert report.status("automated_decisions") == PRESENT
    assert report.status("transfers") == PRESENT
    assert report.status("recipients") == PRESENT


def test_transfer_with_safeguard_is_present_and_quotes_it():
    report = check_items(
        [
            SectionInput(
                "transfers_outside_eea",
                "",
                "Uutiskirjepalvelu sijaitsee Yhdysvalloissa. Siirto perustuu komission vakiosopimuslausekkeisiin.",
            )
        ],
        Facts(language="fi"),
    )
    result = report.result("transfers")
    assert result.status == PRESENT
    assert "vakiosopimuslausekkeisiin" in result.evidence


def test_positive_automated_decision_needs_its_logic():
    bare = check_items(
        [
            SectionInput(
                "automated_decisions",
                "",
                "Käytämme profilointia tarjousten kohdentamiseen.",
            )
        ],
        Facts(language="fi"),
    )
    assert bare.status("automated_decisions") == MISSING
    explained = check_items(
        [
            SectionInput(
                "automated_decisions",
                "",
                "Luottopäätökset tehdään automaattisesti. Päätös perustuu maksuhäiriötietoihin, "
                "ja kielteinen päätös estää osamaksun.",
            )
        ],
        Facts(language="fi"),
    )
    assert explained.status("automated_decisions") == PRESENT


def test_report_shape():
    report = check_items([SectionInput("purpose", "", "Asiakassuhteen hoitaminen.")])
    assert [r.code for r in report.items] == list(ITEM_CODES)
    assert report.language == "fi"  # detected
    rows = report.as_dicts()
    assert set(rows[0]) == {"item", "status", "article", "evidence", "evidence_section"}
    assert report.missing == [r["item"] for r in rows if r["status"] == MISSING]
    purposes = report.result("purposes")
    assert purposes.status == PRESENT and purposes.section_key == "purpose"


def test_facts_are_validated():
    with pytest.raises(ValueError):
        Facts(collection="somewhere")
    with pytest.raises(ValueError):
        Facts(bases=frozenset({"g"}))
    with pytest.raises(ValueError):
        Facts(present_by_field={"no_such_item": "x"})


@pytest.mark.parametrize("example", load_examples(), ids=lambda e: e.name)
def test_dev_examples(example):
    report = check_items(example.sections, example.facts)
    got = {code: report.status(code) for code in example.expected}
    assert got == example.expected
