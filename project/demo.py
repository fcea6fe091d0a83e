"""Demo content: the five seed notices, a complete GDPR example and one user per role.

Everything here is idempotent: running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Locale, Page, Site

from rekisteri_cms.models import Controller, PrivacyNoticeIndexPage, PrivacyNoticePage
from rekisteri_cms.roles import EDITORS, LEGAL_REVIEWERS

SEEDS_DIR = Path(__file__).resolve().parent / "demo_content" / "seeds"
INDEX_SLUG = "tietosuojaselosteet"
EXAMPLE_SLUG = "esimerkki-verkkokauppa-tietosuojaseloste"


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    groups: tuple[str, ...] = ()
    superuser: bool = False


DEMO_USERS = (
    DemoUser("editor", "editor-demo-2026", "editor (Editors)", (EDITORS,)),
    DemoUser(
        "reviewer", "reviewer-demo-2026", "legal reviewer (Legal reviewers)",
        (LEGAL_REVIEWERS,),
    ),
    DemoUser("admin", "admin-demo-2026", "administrator (superuser)", superuser=True),
)  # fmt: skip


def demo_passwords_allowed() -> bool:
    """Demo passwords exist only with development settings."""
    return bool(getattr(settings, "REKISTERI_CMS_DEMO_PASSWORDS", False))


def ensure_locales() -> Locale:
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    return Locale.objects.get(language_code="fi")


def ensure_index(locale: Locale) -> PrivacyNoticeIndexPage:
    """The notices index, made the root page of the default site."""
    index = PrivacyNoticeIndexPage.objects.filter(
        slug=INDEX_SLUG, locale=locale
    ).first()
    site = Site.objects.filter(is_default_site=True).first()
    if index is None:
        root = Page.get_first_root_node()
        index = PrivacyNoticeIndexPage(
            title="Tietosuojaselosteet",
            slug=INDEX_SLUG,
            locale=locale,
            introduction=(
                "<p>Rekisteriselosteet ja tietosuojaselosteet: mitä henkilötietoja "
                "käsittelemme, miksi ja kuinka kauan.</p>"
            ),
        )
        root.add_child(instance=index)
        index.save_revision().publish()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=index, is_default_site=True
        )
    elif site.root_page_id != index.pk:
        old_root = site.root_page
        site.root_page = index
        site.save()
        # Wagtail's placeholder "Welcome" page has no content worth keeping.
        if type(old_root.specific) is Page and not old_root.get_children().exists():
            old_root.delete()
    return index


def ensure_users(stdout=None) -> list[DemoUser]:
    if not demo_passwords_allowed():
        return []
    User = get_user_model()
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "email": f"{demo.username}@example.com",
                "is_superuser": demo.superuser,
                "is_staff": demo.superuser,
            },
        )
        if created:
            user.set_password(demo.password)
            user.save()
        for name in demo.groups:
            user.groups.add(Group.objects.get(name=name))
    return list(DEMO_USERS)


def example_controller(locale: Locale) -> Controller:
    controller, _created = Controller.objects.get_or_create(
        business_id="1234567-1",
        locale=locale,
        defaults={
            "name": "Esimerkkikauppa Oy",
            "street_address": "Mannerheimintie 1 A",
            "postal_code": "00100",
            "locality": "Helsinki",
            "phone": "+358401234567",
            "email": "tietosuoja@esimerkkikauppa.invalid",
            "website": "https://esimerkkikauppa.invalid",
            "has_dpo": True,
            "dpo_name": "Tietosuojavastaava Maija Malli",
            "dpo_email": "dpo@esimerkkikauppa.invalid",
        },
    )
    return controller


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def example_body(controller: Controller) -> list[dict]:
    """A complete GDPR notice of a fictional web shop that uses every block type."""

    return [
        {"type": "controller", "value": {"controller": controller.pk, "body": ""}},
        {"type": "contact_person", "value": {
            "name": "Asiakaspalvelu", "role": "Tietosuoja-asiat",
            "phone": "+358401234567", "email": "asiakaspalvelu@esimerkkikauppa.invalid",
        }},
        {"type": "dpo", "value": {
            "name": "Maija Malli", "email": "dpo@esimerkkikauppa.invalid",
            "body": _p("Tietosuojavastaavaan voit ottaa yhteyttä kaikissa henkilötietojesi käsittelyä koskevissa kysymyksissä."),
        }},
        {"type": "register_name", "value": {"name": "Esimerkkikaupan asiakasrekisteri"}},
        {"type": "purpose", "value": {
            "purposes": ([
                "Tilausten toimittaminen ja laskutus",
                "Asiakaspalvelu ja asiakassuhteen hoitaminen",
                "Suoramarkkinointi asiakkaan suostumuksella",
            ]),
            "body": _p("Käsittelemme henkilötietoja vain näihin tarkoituksiin."),
        }},
        {"type": "legal_basis", "value": {
            "bases": ["a", "b", "c", "f"],
            "legitimate_interests": "Asiakassuhteen hoitaminen ja palvelun kehittäminen.",
            "body": _p("Tilaukset käsitellään sopimuksen perusteella, kirjanpito lakisääteisen velvoitteen perusteella ja markkinointi suostumuksella."),
        }},
        {"type": "data_subjects", "value": {"groups": ([
            "Verkkokaupan asiakkaat", "Uutiskirjeen tilaajat",
        ])}},
        {"type": "data_content", "value": {"categories": ([
            {"category": "Perustiedot", "items": "Nimi, osoite, puhelinnumero, sähköpostiosoite", "special_category": False},
            {"category": "Tilaustiedot", "items": "Tilatut tuotteet, maksu- ja toimitustiedot", "special_category": False},
            {"category": "Markkinointiluvat", "items": "Suostumukset ja kiellot", "special_category": False},
        ])}},
        {"type": "data_sources", "value": {"sources": ([
            "Asiakkaalta itseltään tilauksen ja rekisteröitymisen yhteydessä",
            "Maksunvälittäjältä maksun tila",
        ])}},
        {"type": "disclosures", "value": {
            "no_regular_disclosures": False,
            "recipients": ([
                {"recipient": "Kuljetusyhtiöt", "purpose": "Tilausten toimittaminen", "country": "Suomi"},
                {"recipient": "Maksunvälittäjä", "purpose": "Maksujen käsittely", "country": "Suomi"},
            ]),
        }},
        {"type": "transfers_outside_eea", "value": {
            "transfers": "yes", "countries": (["Yhdysvallat"]), "safeguard": "scc",
            "body": _p("Sähköpostipalvelumme toimittaja voi käsitellä tietoja Yhdysvalloissa."),
        }},
        {"type": "retention", "value": {"periods": ([
            {"data": "Asiakastiedot", "period": "Asiakkuuden ajan ja 2 vuotta viimeisestä tilauksesta"},
            {"data": "Kirjanpitoaineisto", "period": "10 vuotta tilikauden päättymisestä (kirjanpitolaki)"},
        ])}},
        {"type": "security", "value": {
            "manual_material": "Paperiset asiakirjat säilytetään lukitussa tilassa.",
            "electronic_data": "Tiedot ovat salatussa tietokannassa, johon pääsee vain henkilökohtaisilla tunnuksilla.",
        }},
        {"type": "right_of_access", "value": {"body": _p("Sinulla on oikeus tarkastaa, mitä tietoja sinusta on tallennettu.")}},
        {"type": "rectification_erasure", "value": {"body": _p("Voit vaatia virheellisen tiedon korjaamista tai tietojesi poistamista.")}},
        {"type": "right_to_object", "value": {"body": _p("Voit vastustaa tietojesi käsittelyä suoramarkkinointia varten milloin tahansa.")}},
        {"type": "data_subject_rights", "value": {"body": _p(
            "Sinulla on oikeus saada pääsy tietoihisi, oikaista ja poistaa ne, rajoittaa niiden käsittelyä, vastustaa käsittelyä sekä siirtää tiedot järjestelmästä toiseen.",
            "Voit peruuttaa suostumuksesi milloin tahansa.",
        )}},
        {"type": "complaint", "value": {"authority": "", "authority_url": "", "body": _p(
            "Jos katsot, että henkilötietojesi käsittelyssä rikotaan tietosuoja-asetusta, voit tehdä valituksen valvontaviranomaiselle."
        )}},
        {"type": "automated_decisions", "value": {"used": "no"}},
        {"type": "cookies", "value": {"body": _p("Käytämme välttämättömiä evästeitä ostoskorin toimintaan ja suostumuksellasi analytiikkaevästeitä.")}},
        {"type": "changes", "value": {"body": _p("Ilmoitamme olennaisista muutoksista verkkosivuillamme.")}},
        {"type": "date", "value": {"date": "2026-11-01"}},
        {"type": "other", "value": {"heading": "Yhteydenotot", "body": _p("Tietosuojaa koskevat pyynnöt voit lähettää sähköpostitse.")}},
    ]  # fmt: skip


def ensure_example(index: PrivacyNoticeIndexPage, locale: Locale) -> PrivacyNoticePage:
    page = PrivacyNoticePage.objects.filter(slug=EXAMPLE_SLUG, locale=locale).first()
    if page is not None:
        return page
    controller = example_controller(locale)
    page = PrivacyNoticePage(
        title="Esimerkkikauppa Oy:n tietosuojaseloste",
        slug=EXAMPLE_SLUG,
        locale=locale,
        framework="gdpr",
        body=example_body(controller),
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_seeds(index: PrivacyNoticeIndexPage) -> list[PrivacyNoticePage]:
    from rekisteri_cms.importers import import_notice_files

    paths = sorted(SEEDS_DIR.glob("*.txt"))
    return import_notice_files(
        paths, parent=index, locale="fi", publish=True, skip_existing=True
    )


@transaction.atomic
def load_demo() -> dict:
    """Load the demo content; returns what exists afterwards."""
    locale = ensure_locales()
    index = ensure_index(locale)
    seeds = ensure_seeds(index)
    example = ensure_example(index, locale)
    users = ensure_users()
    return {"index": index, "notices": [*seeds, example], "users": users}
