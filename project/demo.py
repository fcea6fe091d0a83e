"""Demo content: the five seed notices, a complete GDPR example and one user per role.

Everything here is idempotent: running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Locale, Page, Site

from rekisteri_cms.importers import import_notice_files, publish_through_review
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
    base = urlsplit(
        getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://localhost"
    )
    hostname = base.hostname or "localhost"
    port = base.port or (443 if base.scheme == "https" else 80)
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=index,
            is_default_site=True,
            site_name=str(settings.WAGTAIL_SITE_NAME),
        )
    if site is not None and (site.hostname, site.port) == ("localhost", 80):
        # Wagtail's placeholder site: give it the address the site is served at, so
        # that the URLs in API documents work.
        site.hostname, site.port = hostname, port
        site.save()
    if site is not None and site.root_page_id != index.pk:
        old_root = site.root_page
        site.root_page = index
        site.save()
        # Wagtail's placeholder "Welcome" page has no content worth keeping.
        if type(old_root.specific) is Page and not old_root.get_children().exists():
            old_root.delete()
    return index


def ensure_users() -> dict[str, object]:
    """One user per role. They author and approve the demo content; only with
    development settings do they get their demo passwords (else none at all)."""
    User = get_user_model()
    users = {}
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "email": f"{demo.username}@example.com",
                "first_name": demo.username.capitalize(),
                "is_superuser": demo.superuser,
                "is_staff": demo.superuser,
            },
        )
        if created:
            if demo_passwords_allowed():
                user.set_password(demo.password)
            else:
                user.set_unusable_password()
            user.save()
        for name in demo.groups:
            user.groups.add(Group.objects.get(name=name))
        users[demo.username] = user
    return users


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


def ensure_example(
    index: PrivacyNoticeIndexPage, locale: Locale, users: dict
) -> PrivacyNoticePage:
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
        change_summary="Ensimmäinen versio",
    )
    index.add_child(instance=page)
    revision = page.save_revision(user=users["editor"], log_action=True)
    publish_through_review(page, revision, users["editor"], users["reviewer"])
    return page


def ensure_seeds(index: PrivacyNoticeIndexPage, users: dict) -> list[PrivacyNoticePage]:
    paths = sorted(SEEDS_DIR.glob("*.txt"))
    results = import_notice_files(
        paths,
        parent=index,
        locale="fi",
        publish=True,
        user=users["editor"],
        approver=users["reviewer"],
        skip_existing=True,
    )
    return [result.page for result in results]


#: The seed that gets a second version, so the history and diff have content.
REVISED_SEED_TITLE = "Komiat Hetket Oy:n asiakastietokanta"
REVISED_SUMMARY = "Lisätty säilytysajat ja tietosuojavaltuutetun yhteystiedot"


def ensure_second_version(index: PrivacyNoticeIndexPage, users: dict) -> None:
    """Give one seed a second, reviewed version with a change summary."""
    page = (
        PrivacyNoticePage.objects.child_of(index)
        .filter(title=REVISED_SEED_TITLE)
        .first()
    )
    if page is None or page.versions.count() >= 2:
        return
    draft = page.get_latest_revision_as_object()
    draft.body.append(
        (
            "retention",
            {
                "heading": "",
                "body": "<p>Asiakastietoja säilytetään asiakassuhteen ajan ja kaksi "
                "vuotta sen päättymisen jälkeen. Kirjanpitoon kuuluvat tiedot "
                "säilytetään kirjanpitolain mukaisesti kymmenen vuotta.</p>",
                "periods": [
                    {
                        "data": "Asiakastiedot",
                        "period": "2 vuotta asiakassuhteen päätyttyä",
                    },
                    {"data": "Kirjanpitoaineisto", "period": "10 vuotta"},
                ],
            },
        )
    )
    draft.body.append(("complaint", {"heading": "", "body": ""}))
    draft.change_summary = REVISED_SUMMARY
    revision = draft.save_revision(user=users["editor"], log_action=True)
    publish_through_review(draft, revision, users["editor"], users["reviewer"])


@transaction.atomic
@override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
def load_demo() -> dict:
    """Load the demo content; returns what exists afterwards.

    The review workflow's notification e-mails of the demo's own approvals are
    not sent: they would only bury the start-up messages.
    """
    locale = ensure_locales()
    users = ensure_users()
    index = ensure_index(locale)
    seeds = ensure_seeds(index, users)
    example = ensure_example(index, locale, users)
    ensure_second_version(index, users)
    return {
        "index": index,
        "notices": [*seeds, example],
        "users": users if demo_passwords_allowed() else {},
    }
