"""Every GDPR 13/14 information item, in Finnish and Swedish, on real notice
bodies (StreamField values through the blocks): given by a structured field,
given by a sentence of a section's text, and missing; and each condition that
makes an item not applicable.

Each case starts from a body that gives every item by its fields
(:func:`base`), takes away what gives the item (``strip``) and, for the
sentence case, writes one sentence into a section's text.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import pytest

from rekisteri_cms.legal import ITEM_CODES, MISSING, NOT_APPLICABLE, PRESENT
from tests.factories import ControllerFactory
from tests.legal_fixtures import p, report_of

pytestmark = pytest.mark.django_db

LANGUAGES = ("fi", "sv")

TEXT = {
    "fi": {
        "interest": "Oikeutettu etumme on estää maksupetokset ja kehittää verkkokauppaa käyttötietojen perusteella.",
        "consequences": "Ilman tilaustietoja emme voi toimittaa tilausta.",
        "recipient": "Kuljetusyhtiöt",
        "data": "Asiakastiedot",
        "period": "2 vuotta asiakassuhteen päättymisestä",
        "objection": "Voit vastustaa tietojesi käsittelyä ja suoramarkkinointia milloin tahansa.",
    },
    "sv": {
        "interest": "Vårt berättigade intresse är att förhindra betalningsbedrägerier och utveckla webbutiken utifrån användningsuppgifter.",
        "consequences": "Utan beställningsuppgifterna kan vi inte leverera beställningen.",
        "recipient": "Transportföretag",
        "data": "Kunduppgifter",
        "period": "2 år efter att kundförhållandet upphört",
        "objection": "Du kan invända mot behandlingen och mot direktmarknadsföring när som helst.",
    },
}  # fmt: skip

ALL_RIGHTS = [
    "access", "rectification", "erasure", "restriction", "portability", "object",
    "withdraw_consent",
]  # fmt: skip


def base(language: str, controller) -> dict[str, dict]:
    """Sections that give every item by a structured field (retention and the
    legitimate interests, which have no such field, by their typed text)."""
    t = TEXT[language]
    return {
        "controller": {"controller": controller.pk},
        "purpose": {"purposes_detailed": [
            {"purpose": "Tilaukset", "legal_basis": "b"},
            {"purpose": "Uutiskirje", "legal_basis": "a"},
            {"purpose": "Analytiikka", "legal_basis": "f", "legitimate_interest": t["interest"]},
        ]},
        "legal_basis": {
            "bases": ["a", "b", "f"],
            "legitimate_interests": t["interest"],
            "requirement": "contract_entry",
            "requirement_consequences": t["consequences"],
            "special_categories": True,
            "special_categories_condition": ["a"],
        },
        "data_content": {"categories": [
            {"category": "Perustiedot", "items": "Nimi", "special_category": False},
        ]},
        "data_sources": {"collected_from": "both", "sources_detailed": [
            {"kind": "data_subject"}, {"kind": "authority", "description": "VTJ"},
        ]},
        "disclosures": {"recipients": [{"recipient": t["recipient"], "role": "processor"}]},
        "transfers_outside_eea": {"transfers": "none"},
        "retention": {"periods": [{"data": t["data"], "period": t["period"]}]},
        "data_subject_rights": {
            "rights": list(ALL_RIGHTS),
            "request_channel": {"email": "tietosuoja@example.com"},
            "objection_statement": t["objection"],
        },
        "complaint": {"authority": "Tietosuojavaltuutetun toimisto"},
        "automated_decisions": {"used": "no"},
    }  # fmt: skip


@dataclass(frozen=True)
class Case:
    """How an item is taken away, and a sentence (fi, sv) that gives it back."""

    item: str
    section: str
    fi: str
    sv: str
    strip: dict[str, dict] = field(default_factory=dict)
    #: The item has a structured field that states it.
    by_field: bool = True
    controller: dict = field(default_factory=dict)
    #: What is taken away for the sentence case, when not ``strip``.
    sentence_strip: dict[str, dict] | None = None

    def sentence(self, language: str) -> str:
        return getattr(self, language)


def without_right(right: str, **more) -> dict[str, dict]:
    value = {
        "rights": [r for r in ALL_RIGHTS if r != right],
        "request_channel": {"email": "tietosuoja@example.com"},
        "objection_statement": "",
        # Not GDPR 12(3)'s default text, which is read too.
        "response_time": "30 päivää.",
    }
    if right != "object":
        value["objection_statement"] = "Voit vastustaa käsittelyä."
    return {"data_subject_rights": value | more}


CASES = [
    Case("identity", "controller",
         "Esimerkki Oy, Kauppakatu 1, 00100 Helsinki, tietosuoja@esimerkki.fi",
         "Exempel Ab, Handelsgatan 1, 00100 Helsingfors, dataskydd@exempel.fi",
         strip={"controller": {}}),
    Case("dpo_contact", "dpo",
         "Tietosuojavastaavamme tavoittaa osoitteesta dpo@esimerkki.fi.",
         "Vårt dataskyddsombud nås på dpo@exempel.fi.",
         controller={"has_dpo": True, "dpo_email": "", "dpo_phone": ""}),
    Case("purposes", "purpose",
         "Käsittelemme tietoja tilausten toimittamiseen ja laskutukseen.",
         "Vi behandlar uppgifterna för att leverera och fakturera beställningar.",
         strip={"purpose": {}}),
    Case("legal_basis", "legal_basis",
         "Käsittely perustuu sopimukseen.",
         "Behandlingen grundar sig på avtal.",
         strip={"purpose": {"purposes": ["Tilaukset"]},
                "legal_basis": {},
                "data_subject_rights": without_right("withdraw_consent")["data_subject_rights"]}),
    Case("legitimate_interests", "legal_basis",
         "Oikeutettu etumme on estää maksupetokset ja kehittää verkkokauppaa.",
         "Vårt berättigade intresse är att förhindra bedrägerier och utveckla webbutiken.",
         strip={"purpose": {"purposes_detailed": [
                    {"purpose": "Analytiikka", "legal_basis": "f"}]},
                "legal_basis": {"bases": ["f"], "requirement": "voluntary"}},
         by_field=False),
    Case("data_categories", "data_content",
         "Käsittelemme asiakkaan nimeä, osoitetta ja puhelinnumeroa.",
         "Vi behandlar kundens namn, adress och telefonnummer.",
         strip={"data_content": {}}),
    Case("recipients", "disclosures",
         "Tietoja luovutetaan kuljetusyhtiöille tilausten toimittamiseksi.",
         "Uppgifterna lämnas ut till transportföretag för att leverera beställningar.",
         strip={"disclosures": {}}),
    Case("transfers", "transfers_outside_eea",
         "Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle.",
         "Uppgifterna överförs inte utanför EU eller EES.",
         strip={"transfers_outside_eea": {}}),
    Case("retention", "retention",
         "Tietoja säilytetään 2 vuotta asiakassuhteen päättymisestä.",
         "Uppgifterna lagras i 2 år efter att kundförhållandet upphört.",
         strip={"retention": {}}, by_field=False),
    Case("right_access", "data_subject_rights",
         "Sinulla on oikeus tarkastaa tietosi.",
         "Du har rätt att få tillgång till dina uppgifter.",
         strip=without_right("access")),
    Case("right_rectification", "data_subject_rights",
         "Sinulla on oikeus vaatia virheellisten tietojen oikaisemista.",
         "Du har rätt att få felaktiga uppgifter rättade.",
         strip=without_right("rectification")),
    Case("right_erasure", "data_subject_rights",
         "Sinulla on oikeus pyytää tietojesi poistamista.",
         "Du har rätt att begära att dina uppgifter raderas.",
         strip=without_right("erasure")),
    Case("right_restriction", "data_subject_rights",
         "Sinulla on oikeus vaatia tietojesi käsittelyn rajoittamista.",
         "Du har rätt att begära begränsning av behandlingen.",
         strip=without_right("restriction")),
    Case("right_portability", "data_subject_rights",
         "Sinulla on oikeus siirtää tietosi järjestelmästä toiseen.",
         "Du har rätt till dataportabilitet.",
         strip=without_right("portability")),
    Case("right_object", "data_subject_rights",
         "Sinulla on oikeus vastustaa tietojesi käsittelyä.",
         "Du har rätt att invända mot behandlingen.",
         strip=without_right("object")),
    Case("withdraw_consent", "data_subject_rights",
         "Voit peruuttaa suostumuksesi milloin tahansa.",
         "Du kan när som helst återkalla ditt samtycke.",
         strip=without_right("withdraw_consent")),
    # A complaint section with any text shows the default authority, so the
    # sentence is written elsewhere, with its full wording.
    Case("complaint", "other",
         "Sinulla on oikeus tehdä valitus tietosuojavaltuutetulle.",
         "Du har rätt att lämna in klagomål till dataombudsmannen.",
         strip={"complaint": {}},
         sentence_strip={"complaint": None, "other": {"heading": "Muuta"}}),
    Case("requirement", "legal_basis",
         "Tietojen antaminen on edellytys sopimuksen tekemiselle, eikä tilausta voi toimittaa ilman niitä.",
         "Att lämna uppgifterna är ett krav för att ingå avtalet och utan dem kan beställningen inte levereras.",
         strip={"legal_basis": {"bases": ["a", "b", "f"], "special_categories": True,
                                "special_categories_condition": ["a"]}}),
    Case("sources", "data_sources",
         "Osoitetiedot päivitetään väestötietojärjestelmästä.",
         "Adressuppgifterna uppdateras från befolkningsdatasystemet.",
         strip={"data_sources": {"collected_from": "both",
                                 "sources_detailed": [{"kind": "data_subject"}]}},
         sentence_strip={"data_sources": {}}),
    Case("automated_decisions", "automated_decisions",
         "Emme tee automaattisia päätöksiä.",
         "Vi fattar inga automatiserade beslut.",
         strip={"automated_decisions": {}}),
    Case("special_categories_condition", "legal_basis",
         "Terveystietoja käsitellään nimenomaisen suostumuksesi perusteella (9 artiklan 2 kohdan a alakohta).",
         "Hälsouppgifter behandlas med ditt uttryckliga samtycke (artikel 9.2 a).",
         strip={"legal_basis": {"bases": ["a", "b", "f"], "requirement": "voluntary",
                                "special_categories": True}}),
]  # fmt: skip
CASES_BY_ITEM = {case.item: case for case in CASES}


def test_every_item_has_a_case():
    assert list(CASES_BY_ITEM) == list(ITEM_CODES)


def sections_of(sections: dict[str, dict]) -> list[tuple[str, dict]]:
    return list(sections.items())


def controller_for(case: Case | None, language: str):
    fields = {"name": "Esimerkki Oy" if language == "fi" else "Exempel Ab"}
    fields.update(case.controller if case else {})
    return ControllerFactory(**fields)


def build(case: Case, language: str, *, sentence: bool):
    controller = controller_for(case, language)
    sections = base(language, controller)
    strip = case.sentence_strip if sentence and case.sentence_strip else case.strip
    for key, value in strip.items():
        if value is None:
            sections.pop(key, None)
        else:
            sections[key] = copy.deepcopy(value)
    if case.item == "identity":
        controller = None  # the snippet's address is not shown: the text says it
    if sentence:
        value = sections.setdefault(case.section, {})
        value["body"] = p(case.sentence(language))
        if case.section == "other":
            value.setdefault("heading", "Muuta")
    return report_of(sections_of(sections), controller, language=language)


ITEM_PARAMS = [
    pytest.param(case, language, id=f"{case.item}-{language}")
    for case in CASES
    for language in LANGUAGES
]


@pytest.mark.parametrize(("case", "language"), ITEM_PARAMS)
def test_item_present_by_field(case, language):
    controller = controller_for(None, language)
    if case.item == "dpo_contact":
        controller = ControllerFactory(has_dpo=True, dpo_email="dpo@example.com")
    report = report_of(
        sections_of(base(language, controller)), controller, language=language
    )
    result = report.items.result(case.item)
    if case.item == "dpo_contact" or case.item in {c.item for c in CASES if c.by_field}:
        assert (result.status, result.evidence_kind) == (PRESENT, "field"), result
    else:
        # No field states it: the typed text is read like any sentence.
        assert (result.status, result.evidence_kind) == (PRESENT, "sentence"), result


@pytest.mark.parametrize(("case", "language"), ITEM_PARAMS)
def test_item_present_by_sentence(case, language):
    result = build(case, language, sentence=True).items.result(case.item)
    assert (result.status, result.evidence_kind) == (PRESENT, "sentence"), result
    assert result.section_key == case.section
    assert case.sentence(language).rstrip(".") in result.evidence


@pytest.mark.parametrize(("case", "language"), ITEM_PARAMS)
def test_item_missing(case, language):
    result = build(case, language, sentence=False).items.result(case.item)
    assert result.status == MISSING, result
    assert result.evidence_kind is None
    assert result.note


# Conditions: not applicable ----------------------------------------------------------------


def not_applicable(language, controller=None, **changes) -> set[str]:
    controller = controller or controller_for(None, language)
    sections = base(language, controller)
    for key, value in changes.items():
        sections[key] = value
    report = report_of(sections_of(sections), controller, language=language)
    return {r.code for r in report.items.items if r.status == NOT_APPLICABLE}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_dpo_makes_the_dpo_contact_not_applicable(language):
    controller = ControllerFactory(has_dpo=False)
    assert "dpo_contact" in not_applicable(language, controller)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_consent_makes_withdrawal_not_applicable(language):
    t = TEXT[language]
    codes = not_applicable(
        language,
        purpose={"purposes_detailed": [{"purpose": "Tilaukset", "legal_basis": "b"}]},
        legal_basis={"bases": ["b"], "requirement": "contract_entry",
                     "requirement_consequences": t["consequences"]},
        data_subject_rights={"rights": ["access", "rectification", "erasure",
                                        "restriction", "portability"],
                             "request_channel": {"email": "tietosuoja@example.com"}},
    )  # fmt: skip
    assert {"withdraw_consent", "legitimate_interests"} <= codes


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_legitimate_interest_makes_the_interests_not_applicable(language):
    codes = not_applicable(
        language,
        purpose={"purposes_detailed": [{"purpose": "Tilaukset", "legal_basis": "b"}]},
        legal_basis={"bases": ["a", "b"], "requirement": "voluntary"},
    )
    assert "legitimate_interests" in codes
    assert "withdraw_consent" not in codes


@pytest.mark.parametrize("language", LANGUAGES)
def test_data_only_from_the_data_subject_make_sources_not_applicable(language):
    codes = not_applicable(
        language,
        data_sources={"collected_from": "data_subject",
                      "sources_detailed": [{"kind": "data_subject"}]},
    )  # fmt: skip
    assert {"sources", "data_categories"} <= codes
    assert "requirement" not in codes


@pytest.mark.parametrize("language", LANGUAGES)
def test_data_only_from_elsewhere_make_the_requirement_not_applicable(language):
    codes = not_applicable(
        language,
        data_sources={"collected_from": "elsewhere",
                      "sources_detailed": [{"kind": "authority", "description": "VTJ"}]},
    )  # fmt: skip
    assert "requirement" in codes
    assert not {"sources", "data_categories"} & codes


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_special_categories_make_the_condition_not_applicable(language):
    codes = not_applicable(
        language,
        legal_basis={"bases": ["a", "b", "f"], "legitimate_interests": TEXT[language]["interest"],
                     "requirement": "voluntary"},
    )  # fmt: skip
    assert "special_categories_condition" in codes


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_base_body_gives_every_item(language):
    controller = ControllerFactory(has_dpo=True, dpo_email="dpo@example.com")
    report = report_of(
        sections_of(base(language, controller)), controller, language=language
    )
    assert report.items.missing == []
    assert report.missing == []


# Wording outside the editor's text is not read as an item -------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_voluntary_requirement_label_names_no_basis(language):
    """ "Velvollisuus antaa tiedot: Vapaaehtoinen …" (the 13(2)(e) field's label
    and choice, generated by the template) names no basis."""
    controller = controller_for(None, language)
    sections = base(language, controller)
    sections["purpose"] = {"purposes": ["Tilaukset"]}
    sections["legal_basis"] = {"requirement": "voluntary"}
    sections["data_subject_rights"] = without_right("withdraw_consent")[
        "data_subject_rights"
    ]
    report = report_of(sections_of(sections), controller, language=language)
    assert report.items.status("legal_basis") == MISSING


def test_an_objection_statement_does_not_describe_the_interest():
    """ "Voit vastustaa käsittelyä, joka perustuu oikeutettuun etuumme …" (21(1))
    names the basis the right applies to, not what the interest is."""
    controller = controller_for(None, "fi")
    sections = base("fi", controller)
    sections["purpose"] = {
        "purposes_detailed": [{"purpose": "Analytiikka", "legal_basis": "f"}]
    }
    sections["legal_basis"] = {"bases": ["f"], "requirement": "voluntary"}
    sections["data_subject_rights"]["objection_statement"] = (
        "Voit vastustaa käsittelyä, joka perustuu oikeutettuun etuumme, ja "
        "suoramarkkinointia milloin tahansa."
    )
    report = report_of(sections_of(sections), controller, language="fi")
    assert report.items.status("legitimate_interests") == MISSING


def test_the_default_response_time_states_no_right_of_access():
    """GDPR 12(3)'s text, shown when the editor gives no response time, is not
    read: in Swedish ("… begäran …") it would pass for the right of access."""
    controller = controller_for(None, "sv")
    sections = base("sv", controller)
    rights = without_right("access")["data_subject_rights"]
    rights["response_time"] = ""
    sections["data_subject_rights"] = rights
    report = report_of(sections_of(sections), controller, language="sv")
    assert report.items.status("right_access") == MISSING
