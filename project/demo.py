"""Demo content: the five seed notices, a lawful GDPR example, one user per role
and Swedish and English translations of the index and of one seed.

Everything here is idempotent: running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import polib
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test.utils import override_settings
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.struct_block import StructValue
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from rekisteri_cms.importers import import_notice_files, publish_through_review
from rekisteri_cms.models import Controller, PrivacyNoticeIndexPage, PrivacyNoticePage
from rekisteri_cms.roles import EDITORS, LEGAL_REVIEWERS

SEEDS_DIR = Path(__file__).resolve().parent / "demo_content" / "seeds"
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "demo_content" / "translations"
INDEX_SLUG = "tietosuojaselosteet"
EXAMPLE_SLUG = "esimerkki-verkkokauppa-tietosuojaseloste"


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str
    groups: tuple[str, ...] = ()
    superuser: bool = False
    #: A full name: Wagtail's account settings require both names to save a change
    #: (the admin language, for instance).
    first_name: str = ""
    last_name: str = ""


DEMO_USERS = (
    DemoUser("editor", "editor-demo-2026", "editor (Editors)", (EDITORS,),
             first_name="Eeva", last_name="Toimittaja"),
    DemoUser(
        "reviewer", "reviewer-demo-2026", "legal reviewer (Legal reviewers)",
        (LEGAL_REVIEWERS,), first_name="Lauri", last_name="Juristi",
    ),
    DemoUser("admin", "admin-demo-2026", "administrator (superuser)", superuser=True,
             first_name="Aino", last_name="Ylläpitäjä"),
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
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "is_superuser": demo.superuser,
                "is_staff": demo.superuser,
            },
        )
        if not created and not (user.first_name and user.last_name):
            # Demo databases made before the users had full names.
            user.first_name = user.first_name or demo.first_name
            user.last_name = user.last_name or demo.last_name
            user.save(update_fields=["first_name", "last_name"])
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
    """A lawful GDPR notice of a fictional web shop, written with the structured
    fields: every GDPR 13/14 information item is given without a reviewer's
    override (tests/test_demo_legal.py checks it)."""

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
            "purposes": [],
            "purposes_detailed": [
                {"purpose": "Tilausten käsittely, toimittaminen ja laskutus sekä asiakaspalvelu",
                 "legal_basis": "b", "legitimate_interest": "",
                 "retention": "Asiakassuhteen ajan ja 2 vuotta asiakassuhteen päättymisestä"},
                {"purpose": "Kirjanpito ja kirjanpitoaineiston säilyttäminen",
                 "legal_basis": "c", "legitimate_interest": "",
                 "retention": "Tositteet 6 vuotta ja kirjanpitokirjat 10 vuotta (kirjanpitolaki 2 luku 10 §)"},
                {"purpose": "Uutiskirje ja muu sähköinen suoramarkkinointi",
                 "legal_basis": "a", "legitimate_interest": "",
                 "retention": "Kunnes peruutat suostumuksesi"},
                {"purpose": "Verkkokaupan käytön analysointi sekä maksupetosten ja muiden väärinkäytösten estäminen",
                 "legal_basis": "f",
                 "legitimate_interest": "Oikeutettu etumme on pitää verkkokauppa toimivana ja turvallisena: kehitämme palvelua sen käytöstä kootun tiedon perusteella ja suojaamme asiakkaitamme ja itseämme maksupetoksilta.",
                 "retention": "Käyttö- ja lokitiedot 12 kuukautta"},
            ],
            "body": _p("Käsittelemme henkilötietoja vain näihin tarkoituksiin."),
        }},
        {"type": "legal_basis", "value": {
            "bases": ["a", "b", "c", "f"],
            "legitimate_interests": "Oikeutettu etumme on pitää verkkokauppa toimivana ja turvallisena: kehitämme palvelua sen käytöstä kootun tiedon perusteella ja suojaamme asiakkaitamme ja itseämme maksupetoksilta.",
            "requirement": "contract_entry",
            "requirement_consequences": "Tilaustietojen (nimi, toimitusosoite, yhteystiedot ja maksutiedot) antaminen on edellytys kauppasopimuksen tekemiselle. Ilman niitä emme voi ottaa tilausta vastaan emmekä toimittaa sitä. Uutiskirjeen tilaaminen on vapaaehtoista.",
            "special_categories": False,
            "special_categories_condition": [],
            "body": _p(
                "Tilausten käsittely perustuu sopimukseen (tietosuoja-asetuksen 6 artiklan 1 kohdan b alakohta), kirjanpito lakisääteiseen velvoitteeseen (c alakohta, kirjanpitolaki), uutiskirje suostumukseesi (a alakohta) ja analytiikka sekä väärinkäytösten estäminen oikeutettuun etuumme (f alakohta).",
            ),
        }},
        {"type": "data_subjects", "value": {"groups": ([
            "Verkkokaupan asiakkaat", "Uutiskirjeen tilaajat",
        ])}},
        {"type": "data_content", "value": {"categories": ([
            {"category": "Perustiedot", "items": "Nimi, osoite, puhelinnumero, sähköpostiosoite", "special_category": False},
            {"category": "Tilaustiedot", "items": "Tilatut tuotteet, maksu- ja toimitustiedot, maksun tila", "special_category": False},
            {"category": "Markkinointiluvat", "items": "Suostumukset ja kiellot", "special_category": False},
            {"category": "Käyttötiedot", "items": "IP-osoite, selaimen tiedot, sivukäynnit ja ostoskorin tapahtumat", "special_category": False},
        ])}},
        {"type": "data_sources", "value": {
            "collected_from": "both",
            "sources": [],
            "sources_detailed": [
                {"kind": "data_subject", "description": "Asiakas itse tilauksen, rekisteröitymisen ja uutiskirjeen tilaamisen yhteydessä"},
                {"kind": "controller", "description": "Maksunvälittäjä: tieto maksun onnistumisesta"},
            ],
        }},
        {"type": "disclosures", "value": {
            "no_regular_disclosures": False,
            "recipients": ([
                {"recipient": "Maksunvälittäjä", "purpose": "Maksujen käsittely", "country": "Suomi", "role": "controller"},
                {"recipient": "Kuljetusyhtiöt", "purpose": "Tilausten toimittaminen", "country": "Suomi", "role": "controller"},
                {"recipient": "Sähköpostipalvelun tarjoaja", "purpose": "Tilausvahvistusten ja uutiskirjeen lähettäminen", "country": "Yhdysvallat", "role": "processor"},
                {"recipient": "Analytiikkapalvelun tarjoaja", "purpose": "Verkkokaupan käytön analysointi", "country": "Yhdysvallat", "role": "processor"},
            ]),
            "body": _p("Käsittelijät käsittelevät tietoja vain lukuumme ja ohjeidemme mukaisesti."),
        }},
        {"type": "transfers_outside_eea", "value": {
            "transfers": "yes",
            "destinations": [
                {"country": "Yhdysvallat", "recipient": "Sähköpostipalvelun tarjoaja",
                 "mechanism": "adequacy", "derogation_point": "", "copy_info": "", "copy_url": ""},
                {"country": "Yhdysvallat", "recipient": "Analytiikkapalvelun tarjoaja",
                 "mechanism": "scc", "derogation_point": "",
                 "copy_info": "Kopion vakiosopimuslausekkeista saat pyytämällä osoitteesta tietosuoja@esimerkkikauppa.invalid.",
                 "copy_url": ""},
            ],
            "countries": [], "safeguard": "",
            "body": _p("Sähköpostipalvelumme tarjoaja on sitoutunut EU:n ja Yhdysvaltojen väliseen tietosuojakehykseen (Data Privacy Framework), jonka perusteella komissio on todennut tietosuojan tason riittäväksi. Analytiikkapalvelun tarjoajalle siirto perustuu komission vakiosopimuslausekkeisiin."),
        }},
        {"type": "retention", "value": {"periods": ([
            {"data": "Asiakastiedot ja tilaushistoria", "period": "Asiakassuhteen ajan ja 2 vuotta sen päättymisestä; asiakassuhde päättyy, kun asiakastili suljetaan tai viimeisestä tilauksesta on kulunut 2 vuotta"},
            {"data": "Kirjanpitotositteet (laskut, kuitit)", "period": "6 vuotta sen vuoden lopusta, jonka aikana tilikausi päättyi (kirjanpitolaki 2 luku 10 §)"},
            {"data": "Kirjanpitokirjat", "period": "10 vuotta tilikauden päättymisestä (kirjanpitolaki 2 luku 10 §)"},
            {"data": "Markkinointisuostumus", "period": "Kunnes peruutat suostumuksesi"},
            {"data": "Käyttö- ja lokitiedot", "period": "12 kuukautta"},
        ])}},
        {"type": "security", "value": {
            "manual_material": "Paperiset asiakirjat säilytetään lukitussa tilassa.",
            "electronic_data": "Tiedot ovat salatussa tietokannassa, johon pääsee vain henkilökohtaisilla tunnuksilla.",
        }},
        {"type": "data_subject_rights", "value": {
            "rights": [
                "access", "rectification", "erasure", "restriction", "portability",
                "object", "withdraw_consent", "automated_decisions",
            ],
            "request_channel": {
                "email": "tietosuoja@esimerkkikauppa.invalid",
                "form_url": "",
                "postal_address": "Esimerkkikauppa Oy, Tietosuoja, Mannerheimintie 1 A, 00100 Helsinki",
            },
            "identity_check": "Varmistamme pyytäjän henkilöllisyyden ennen kuin vastaamme pyyntöön, esimerkiksi pyytämällä vahvistuksen asiakastiliin liitetystä sähköpostiosoitteesta.",
            "response_time": "Vastaamme pyyntöön viipymättä ja viimeistään kuukauden kuluessa sen saapumisesta. Jos pyyntöjä on monta tai ne ovat monimutkaisia, aikaa voidaan jatkaa enintään kahdella kuukaudella; kerromme jatkamisesta kuukauden kuluessa.",
            "objection_statement": "Voit milloin tahansa henkilökohtaiseen erityiseen tilanteeseesi liittyvällä perusteella vastustaa henkilötietojesi käsittelyä, joka perustuu oikeutettuun etuumme (analytiikka ja väärinkäytösten estäminen; tietosuoja-asetuksen 21 artiklan 1 kohta). Lopetamme silloin käsittelyn, ellemme voi osoittaa huomattavan tärkeää ja perusteltua syytä, joka syrjäyttää etusi, tai ellei käsittely ole tarpeen oikeusvaateen laatimiseksi, esittämiseksi tai puolustamiseksi. Voit myös milloin tahansa ja syytä ilmoittamatta vastustaa tietojesi käsittelyä suoramarkkinointia varten (21 artiklan 2 kohta); silloin emme enää käsittele tietojasi tähän tarkoitukseen.",
            "body": _p(
                "Sinulla on oikeus saada pääsy tietoihisi, oikaista virheelliset tiedot, pyytää tietojesi poistamista, rajoittaa niiden käsittelyä ja siirtää antamasi tiedot järjestelmästä toiseen.",
                "Voit peruuttaa suostumuksesi milloin tahansa uutiskirjeen peruutuslinkistä tai ilmoittamalla meille. Peruuttaminen ei vaikuta ennen peruuttamista suostumuksen perusteella tehdyn käsittelyn lainmukaisuuteen.",
            ),
        }},
        {"type": "complaint", "value": {
            "authority": "Tietosuojavaltuutetun toimisto",
            "authority_url": "https://tietosuoja.fi",
            "body": _p(
                "Jos katsot, että henkilötietojesi käsittelyssä rikotaan tietosuoja-asetusta, sinulla on oikeus tehdä valitus valvontaviranomaiselle.",
                "Tietosuojavaltuutetun toimisto, PL 800, 00531 Helsinki; käyntiosoite Lintulahdenkuja 4, 00530 Helsinki; puhelin 029 566 6700; sähköposti tietosuoja@om.fi.",
            ),
        }},
        {"type": "automated_decisions", "value": {
            "used": "no",
            "body": _p("Emme tee yksinomaan automaattiseen käsittelyyn perustuvia päätöksiä emmekä profilointia, jolla olisi sinuun oikeusvaikutuksia tai vastaava merkittävä vaikutus."),
        }},
        {"type": "cookies", "value": {"body": _p("Käytämme välttämättömiä evästeitä ostoskorin toimintaan ja suostumuksellasi analytiikkaevästeitä.")}},
        {"type": "changes", "value": {"body": _p("Ilmoitamme olennaisista muutoksista verkkosivuillamme.")}},
        {"type": "date", "value": {"date": "2026-11-01"}},
        {"type": "other", "value": {"heading": "Yhteydenotot", "body": _p("Tietosuojaa koskevat pyynnöt voit lähettää sähköpostitse osoitteeseen tietosuoja@esimerkkikauppa.invalid.")}},
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
    # Cleaning stores the text fields the example leaves out as "" (as the admin
    # form does) rather than ``None``, which wagtail-localize cannot translate.
    page.body = page.body.stream_block.clean(page.body)
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


# Translations ------------------------------------------------------------------
#
# The demo's translations are PO files written by hand (no machine translation):
# ``<name>.<language>.po`` in ``demo_content/translations``. They are imported
# the way a translator's work is: wagtail-localize exports the strings of the
# translation, the demo fills them in from its file and imports the result.

#: The seed translated into the other languages, and the name of its PO files.
TRANSLATED_SEED_TITLE = "Kokemuskauppa Oy:n asiakasrekisteri"
TRANSLATED_SEED_PO = "kokemuskauppa"
#: The name of the GDPR example's PO files.
EXAMPLE_PO = "esimerkkikauppa"


class DemoTranslationError(RuntimeError):
    """A demo PO file does not (or no longer) translate the text it is meant for."""


def other_locales(locale: Locale) -> list[Locale]:
    """The content locales other than ``locale``, in the order of ``LANGUAGES``."""
    by_code = {loc.language_code: loc for loc in Locale.objects.exclude(pk=locale.pk)}
    return [by_code[code] for code, _name in settings.LANGUAGES if code in by_code]


def stable_context(path: str, block_names: dict[str, str]) -> str:
    """A segment path with each StreamField block id replaced by the block's name.

    Block ids are made anew whenever the seeds are imported; the section keys are
    not (a notice holds each at most once), so the PO files use them.
    """
    return ".".join(block_names.get(part, part) for part in path.split("."))


def _block_names(instance) -> dict[str, str]:
    """Block ids by a stable name: a section's key, a list item's position."""
    names: dict[str, str] = {}
    for field in instance._meta.get_fields():
        if isinstance(field, StreamField):
            for block in getattr(instance, field.name):
                names[str(block.id)] = block.block_type
                _list_item_names(block.value, names)
    return names


def _list_item_names(value, names: dict[str, str]) -> None:
    """The ids of the items of every list inside ``value``, named by position."""
    if isinstance(value, ListValue):
        for position, item in enumerate(value.bound_blocks):
            names[str(item.id)] = str(position)
            _list_item_names(item.value, names)
    elif isinstance(value, StructValue):
        for child in value.values():
            _list_item_names(child, names)


def filled_po(translation: Translation, name: str) -> polib.POFile:
    """The strings of ``translation`` as wagtail-localize exports them, filled in
    from the demo's PO file ``<name>.<language>.po``.

    Raises :class:`DemoTranslationError` naming every string the file does not
    translate: a legal text is not published half in the source language.
    """
    path = TRANSLATIONS_DIR / f"{name}.{translation.target_locale.language_code}.po"
    written = {
        (entry.msgctxt or "", entry.msgid): entry.msgstr
        for entry in polib.pofile(str(path))
        if entry.translated()
    }
    names = _block_names(translation.source.as_instance())
    po = translation.export_po()
    untranslated = []
    for entry in po:
        if entry.obsolete:
            continue
        msgstr = written.get((stable_context(entry.msgctxt, names), entry.msgid))
        if msgstr is None:
            untranslated.append(f"{entry.msgctxt}: {entry.msgid!r}")
        else:
            entry.msgstr = msgstr
    if untranslated:
        raise DemoTranslationError(
            f"{path.name} does not translate these strings: " + "; ".join(untranslated)
        )
    return po


def translate_from_po(instance, locale: Locale, name: str, user) -> Translation:
    """The wagtail-localize translation of ``instance`` into ``locale``, with its
    strings imported from the demo's PO file ``name``."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    warnings = translation.import_po(filled_po(translation, name), user=user)
    if warnings:
        raise DemoTranslationError(
            f"{name}.{locale.language_code}.po: "
            + "; ".join(str(warning) for warning in warnings)
        )
    return translation


def ensure_index_translations(
    index: PrivacyNoticeIndexPage, users: dict
) -> list[PrivacyNoticeIndexPage]:
    """Published translations of the notices index (the site's root page).

    The index is not under review: an administrator publishes it directly.
    """
    pages = []
    for locale in other_locales(index.locale):
        page = index.get_translation_or_none(locale)
        if page is None:
            translation = translate_from_po(index, locale, INDEX_SLUG, users["admin"])
            translation.save_target(user=users["admin"], publish=False)
            page = index.get_translation(locale)
            page.get_latest_revision().publish(user=users["admin"])
            page.refresh_from_db()
        pages.append(page)
    return pages


def ensure_controller_translation(
    controller: Controller, locale: Locale, user, po_name: str = TRANSLATED_SEED_PO
) -> Controller:
    """The controller snippet in ``locale``; wagtail-localize copies its identifiers.

    A notice's translation points to the translated controller, so the controller
    is translated first.
    """
    existing = controller.get_translation_or_none(locale)
    if existing is not None:
        return existing
    translation = translate_from_po(controller, locale, f"{po_name}-controller", user)
    translation.save_target(user=user)  # a snippet without drafts: saved as it is
    return controller.get_translation(locale)


def _translation_source_instance(page: PrivacyNoticePage) -> PrivacyNoticePage:
    """``page`` with the text values it leaves unset as empty text.

    An imported section keeps the text fields it does not use (a contact
    person's role, say) as ``None``, which wagtail-localize cannot segment;
    cleaning gives the empty strings that the admin form would store.
    """
    page = PrivacyNoticePage.objects.get(pk=page.pk)
    page.body = page.body.stream_block.clean(page.body)
    return page


def ensure_notice_translations(
    page: PrivacyNoticePage, users: dict, po_name: str = TRANSLATED_SEED_PO
) -> list[PrivacyNoticePage]:
    """The approved translations of ``page`` into the other languages.

    Each is made with wagtail-localize from the demo's PO file, saved as a draft
    by the demo editor, submitted to legal review and approved (which publishes
    it) by the demo reviewer, exactly as in the admin.
    """
    translated = []
    for locale in other_locales(page.locale):
        existing = page.get_translation_or_none(locale)
        if existing is not None:
            translated.append(existing)
            continue
        if page.controller is not None:
            ensure_controller_translation(
                page.controller, locale, users["editor"], po_name
            )
        translation = translate_from_po(
            _translation_source_instance(page), locale, po_name, users["editor"]
        )
        translation.save_target(user=users["editor"], publish=False)
        target = page.get_translation(locale)
        publish_through_review(
            target, target.get_latest_revision(), users["editor"], users["reviewer"]
        )
        translated.append(PrivacyNoticePage.objects.get(pk=target.pk))
    return translated


def ensure_translations(index: PrivacyNoticeIndexPage, users: dict) -> list:
    """The index in every language and the translated seed, approved and live."""
    index_pages = ensure_index_translations(index, users)
    seed = (
        PrivacyNoticePage.objects.child_of(index)
        .filter(title=TRANSLATED_SEED_TITLE, live=True)
        .first()
    )
    translated = list(index_pages)
    if seed is not None and seed.current_version() is not None:
        translated += ensure_notice_translations(seed, users)
    # The GDPR example too, so that /sv/ and /en/ show a current privacy notice.
    example = (
        PrivacyNoticePage.objects.child_of(index)
        .filter(slug=EXAMPLE_SLUG, live=True)
        .first()
    )
    if example is not None and example.current_version() is not None:
        translated += ensure_notice_translations(example, users, EXAMPLE_PO)
    return translated


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
    translations = ensure_translations(index, users)
    return {
        "index": index,
        "notices": [*seeds, example],
        "translations": translations,
        "users": users if demo_passwords_allowed() else {},
    }
