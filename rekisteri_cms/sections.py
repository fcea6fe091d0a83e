"""The canonical notice sections: keys, headings, legal sources and requirement levels.

This module is the single source of truth for the section table of the notice model
(keys are a public API contract). Blocks, the completeness check, the importer and the
API all read it, so that adding a section is one edit here plus its block.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

GDPR = "gdpr"
HTL = "htl"
FRAMEWORKS = (GDPR, HTL)
FRAMEWORK_CHOICES = [
    (GDPR, _("GDPR privacy notice (tietosuojaseloste)")),
    (
        HTL,
        _("Legacy register description, Personal Data Act 523/1999 (rekisteriseloste)"),
    ),
]

REQUIRED = "req"
RECOMMENDED = "rec"
OPTIONAL = "opt"
CONDITIONAL = "cond"
PART_OF_RIGHTS = "rights"
NOT_APPLICABLE = None

LANGUAGES = ("fi", "sv", "en")


@dataclass(frozen=True)
class Section:
    """One canonical section of a notice."""

    key: str
    fi: str
    sv: str
    en: str
    source: str
    gdpr: str | None
    htl: str | None

    def heading(self, language: str | None) -> str:
        """The canonical heading in ``language`` (fi, sv or en; Finnish otherwise)."""
        lang = (language or "fi").split("-")[0].lower()
        return getattr(self, lang) if lang in LANGUAGES else self.fi


SECTIONS: tuple[Section, ...] = (
    Section("controller", "Rekisterinpitäjä", "Personuppgiftsansvarig", "Controller",
            "GDPR 13(1)(a); HTL 10 §:n 1 kohta", REQUIRED, REQUIRED),
    Section("contact_person", "Yhteyshenkilö rekisteriä koskevissa asioissa",
            "Kontaktperson i registerärenden", "Contact person", "form field 2",
            RECOMMENDED, RECOMMENDED),
    Section("dpo", "Tietosuojavastaava", "Dataskyddsombud", "Data protection officer",
            "GDPR 13(1)(b)", CONDITIONAL, NOT_APPLICABLE),
    Section("register_name", "Rekisterin nimi", "Registrets namn", "Name of the register",
            "form field 3", RECOMMENDED, RECOMMENDED),
    Section("purpose", "Henkilötietojen käsittelyn tarkoitus",
            "Ändamålet med behandlingen av personuppgifter", "Purpose of processing",
            "GDPR 13(1)(c); HTL 10 §:n 2 kohta", REQUIRED, REQUIRED),
    Section("legal_basis", "Käsittelyn oikeusperuste", "Rättslig grund för behandlingen",
            "Legal basis", "GDPR 13(1)(c),(d), 13(2)(e)", REQUIRED, RECOMMENDED),
    Section("data_subjects", "Rekisteröityjen ryhmät", "Kategorier av registrerade",
            "Categories of data subjects", "HTL 10 §:n 3 kohta", RECOMMENDED, REQUIRED),
    Section("data_content", "Rekisterin tietosisältö", "Registrets datainnehåll",
            "Personal data processed", "GDPR 14(1)(d); HTL 10 §:n 3 kohta", REQUIRED, REQUIRED),
    Section("data_sources", "Säännönmukaiset tietolähteet", "Regelmässiga uppgiftskällor",
            "Sources of personal data", "GDPR 14(2)(f)", REQUIRED, RECOMMENDED),
    Section("disclosures", "Tietojen säännönmukaiset luovutukset",
            "Regelmässigt utlämnande av uppgifter", "Recipients and disclosures",
            "GDPR 13(1)(e); HTL 10 §:n 4 kohta", REQUIRED, REQUIRED),
    Section("transfers_outside_eea", "Tietojen siirto EU:n tai ETA:n ulkopuolelle",
            "Överföring av uppgifter utanför EU eller EES", "Transfers outside the EU/EEA",
            "GDPR 13(1)(f); HTL 10 §:n 4 kohta", REQUIRED, REQUIRED),
    Section("retention", "Henkilötietojen säilytysaika", "Lagringstid för personuppgifterna",
            "Retention period", "GDPR 13(2)(a)", REQUIRED, NOT_APPLICABLE),
    Section("security", "Rekisterin suojauksen periaatteet", "Principer för skydd av registret",
            "Security principles", "HTL 10 §:n 5 kohta; GDPR 32", RECOMMENDED, REQUIRED),
    Section("right_of_access", "Tarkastusoikeus", "Rätt till insyn", "Right of access",
            "HTL 26 §; GDPR 15", PART_OF_RIGHTS, RECOMMENDED),
    Section("rectification_erasure", "Oikeus vaatia tiedon korjaamista tai poistamista",
            "Rätt till rättelse och radering", "Rectification and erasure",
            "HTL 29 §; GDPR 16–17", PART_OF_RIGHTS, RECOMMENDED),
    Section("right_to_object", "Kielto-oikeus / Oikeus vastustaa käsittelyä",
            "Rätt att invända", "Right to object", "HTL 30 §; GDPR 21",
            PART_OF_RIGHTS, RECOMMENDED),
    Section("data_subject_rights", "Rekisteröidyn oikeudet",
            "Den registrerades rättigheter", "Your rights", "GDPR 13(2)(b),(c)",
            REQUIRED, NOT_APPLICABLE),
    Section("complaint", "Oikeus tehdä valitus valvontaviranomaiselle",
            "Rätt att lämna in klagomål till tillsynsmyndigheten",
            "Right to lodge a complaint", "GDPR 13(2)(d)", REQUIRED, NOT_APPLICABLE),
    Section("automated_decisions", "Automaattinen päätöksenteko ja profilointi",
            "Automatiserat beslutsfattande och profilering",
            "Automated decision-making and profiling", "GDPR 13(2)(f)",
            REQUIRED, NOT_APPLICABLE),
    Section("cookies", "Evästeet", "Kakor", "Cookies", "ePrivacy; laki sähköisen viestinnän palveluista (917/2014) 205 §",
            OPTIONAL, OPTIONAL),
    Section("changes", "Selosteen muutokset", "Ändringar i beskrivningen",
            "Changes to this notice", "good practice", OPTIONAL, OPTIONAL),
    Section("date", "Päiväys", "Datum", "Date", "form “Laatimispvm”",
            RECOMMENDED, RECOMMENDED),
    Section("other", "Muut tiedot", "Övrig information", "Other information", "",
            OPTIONAL, OPTIONAL),
)  # fmt: skip

SECTIONS_BY_KEY: dict[str, Section] = {s.key: s for s in SECTIONS}
SECTION_KEYS: tuple[str, ...] = tuple(SECTIONS_BY_KEY)
REPEATABLE_KEYS = frozenset({"other"})
RIGHTS_PARTS = ("right_of_access", "rectification_erasure", "right_to_object")


#: Headings that follow the notice's framework: a legacy register description
#: keeps the Personal Data Act's terms, a GDPR notice the Regulation's (its
#: Finnish and Swedish texts: Art. 15 "oikeus saada pääsy tietoihin" / "rätt
#: till tillgång", where "rätt till insyn" is the old PuL term).
FRAMEWORK_HEADINGS: dict[tuple[str, str], dict[str, str]] = {
    (GDPR, "right_of_access"): {
        "fi": "Oikeus saada pääsy tietoihin",
        "sv": "Rätt till tillgång",
        "en": "Right of access",
    },
    (HTL, "right_of_access"): {
        "fi": "Tarkastusoikeus",
        "sv": "Rätt till insyn",
        "en": "Right of access",
    },
    (GDPR, "right_to_object"): {
        "fi": "Oikeus vastustaa käsittelyä",
        "sv": "Rätt att invända",
        "en": "Right to object",
    },
    (HTL, "right_to_object"): {
        "fi": "Kielto-oikeus",
        "sv": "Förbudsrätt",
        "en": "Right to prohibit processing",
    },
}


def canonical_heading(
    key: str, language: str | None = "fi", framework: str | None = None
) -> str:
    """The canonical heading of section ``key`` in ``language``, in the terms of
    ``framework`` where they differ (:data:`FRAMEWORK_HEADINGS`)."""
    own = FRAMEWORK_HEADINGS.get((framework, key))
    if own is not None:
        lang = (language or "fi").split("-")[0].lower()
        return own.get(lang, own["fi"])
    return SECTIONS_BY_KEY[key].heading(language)


def _active_heading(key: str) -> str:
    # Without an active language (management commands such as makemigrations run
    # with translations off) the English name stands in, as a msgid would.
    language = get_language()
    return (
        SECTIONS_BY_KEY[key].heading(language) if language else SECTIONS_BY_KEY[key].en
    )


#: The canonical heading of a section key in the active language, evaluated when it
#: is shown: the admin's block labels and choices follow the admin user's language.
section_name_lazy = lazy(_active_heading, str)


def section_headings(keys, language: str | None = None) -> list[dict[str, str]]:
    """``key`` and canonical heading in ``language`` of each of ``keys``."""
    return [{"key": key, "heading": canonical_heading(key, language)} for key in keys]


def headings_text(keys, language: str | None = None) -> str:
    """The canonical headings of section ``keys`` in ``language``, comma-separated."""
    return ", ".join(canonical_heading(key, language) for key in keys)


#: The Finnish supervisory authority: the default of the ``complaint`` section.
COMPLAINT_AUTHORITY = {
    "fi": "Tietosuojavaltuutetun toimisto",
    "sv": "Dataombudsmannens byrå",
    "en": "Office of the Data Protection Ombudsman",
}
COMPLAINT_AUTHORITY_URL = "https://tietosuoja.fi"
