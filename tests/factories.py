"""Factories for notices, their sections and controllers.

Section values are built with wagtail-factories ``StructBlockFactory`` subclasses, so a
test states only the facts it is about. ``complete_gdpr_sections`` gives every section
that a GDPR notice requires; ``PrivacyNoticePageFactory(body=...)`` takes such a list of
``(key, value)`` pairs, or the StreamFieldFactory syntax
(``body__0__purpose__purposes__0="Laskutus"``).
"""

from __future__ import annotations

import datetime

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory
from wagtail.models import Locale
from wagtail.rich_text import RichText

from rekisteri_cms import blocks
from rekisteri_cms.models import Controller, PrivacyNoticeIndexPage, PrivacyNoticePage
from rekisteri_cms.roles import EDITORS, LEGAL_REVIEWERS
from rekisteri_cms.sections import GDPR, REQUIRED, SECTIONS


def rich_text(html: str) -> RichText:
    """A rich-text body value, as the RichTextBlock stores it."""
    return RichText(html)


#: The groups of each notice role, for ``UserFactory(role=...)``.
ROLE_GROUPS = {"editor": (EDITORS,), "reviewer": (LEGAL_REVIEWERS,), "admin": ()}


class UserFactory(DjangoModelFactory):
    """A user with an e-mail address and the password ``<username>-password``.

    ``role`` makes it a notice user: ``"editor"`` (a member of "Editors"),
    ``"reviewer"`` ("Legal reviewers") or ``"admin"`` (a superuser, staff).
    ``groups`` adds it to more groups, by name (``groups=["Moderators"]``).
    """

    username = factory.Sequence(lambda n: f"kayttaja{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password(
        factory.LazyAttribute(lambda user: f"{user.username}-password")
    )
    is_superuser = factory.LazyAttribute(lambda user: user.role == "admin")
    is_staff = factory.SelfAttribute("is_superuser")

    class Params:
        role = None

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(user, create, extracted, role=None, **kwargs):
        if not create:
            return
        names = (
            [*ROLE_GROUPS[role], *(extracted or ())] if role else [*(extracted or ())]
        )
        for name in names:
            user.groups.add(Group.objects.get(name=name))

    groups__role = factory.SelfAttribute("..role")


def administrator():
    """The administrator that factories publish as."""
    return UserFactory(username="publisher", role="admin")


class ControllerFactory(DjangoModelFactory):
    """A Finnish limited company with a valid Y-tunnus and phone number."""

    name = factory.Sequence(lambda n: f"Testiyritys {n} Oy")
    business_id = "2311066-7"
    street_address = "Kauppakatu 1"
    postal_code = "60100"
    locality = "Seinäjoki"
    country = "FI"
    phone = "+358400417447"
    email = factory.Sequence(lambda n: f"tietosuoja{n}@example.com")
    website = "https://example.com"
    has_dpo = False
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Controller


class PrivacyNoticeIndexPageFactory(wagtail_factories.PageFactory):
    """A notices index; pass ``parent``."""

    title = factory.Sequence(lambda n: f"Tietosuojaselosteet {n}")
    introduction = "<p>Tietosuojaselosteemme.</p>"

    class Meta:
        model = PrivacyNoticeIndexPage


# --- Section blocks ---------------------------------------------------------------


class SectionBlockFactory(wagtail_factories.StructBlockFactory):
    """The fields common to every section: no heading override, a short body."""

    heading = ""
    body = factory.LazyFunction(lambda: rich_text("<p>Tekstiä.</p>"))
    also_covers = factory.LazyFunction(list)

    class Meta:
        abstract = True


class ControllerBlockFactory(SectionBlockFactory):
    body = factory.LazyFunction(lambda: rich_text(""))
    controller = factory.SubFactory(ControllerFactory)

    class Meta:
        model = blocks.ControllerBlock


class ContactPersonBlockFactory(SectionBlockFactory):
    body = factory.LazyFunction(lambda: rich_text(""))
    name = "Maija Meikäläinen"
    role = "Asiakaspalvelu"
    phone = "+358401234567"
    email = "asiakaspalvelu@example.com"

    class Meta:
        model = blocks.ContactPersonBlock


class DpoBlockFactory(SectionBlockFactory):
    name = "Tietosuojavastaava Matti Malli"
    phone = ""
    email = "dpo@example.com"

    class Meta:
        model = blocks.DpoBlock


class RegisterNameBlockFactory(SectionBlockFactory):
    body = factory.LazyFunction(lambda: rich_text(""))
    name = "Asiakasrekisteri"

    class Meta:
        model = blocks.RegisterNameBlock


class PurposeDetailBlockFactory(wagtail_factories.StructBlockFactory):
    purpose = "Asiakassuhteen hoitaminen"
    legal_basis = "b"
    legitimate_interest = ""
    retention = ""

    class Meta:
        model = blocks.PurposeDetailBlock


class PurposeBlockFactory(SectionBlockFactory):
    purposes = wagtail_factories.ListBlockFactory(wagtail_factories.CharBlockFactory)
    purposes__0 = "Tilausten toimittaminen ja laskutus"
    purposes_detailed = wagtail_factories.ListBlockFactory(PurposeDetailBlockFactory)

    class Meta:
        model = blocks.PurposeBlock


class LegalBasisBlockFactory(SectionBlockFactory):
    """A contract basis; giving the data is needed to enter into the contract."""

    bases = factory.LazyFunction(lambda: ["b"])
    legitimate_interests = ""
    requirement = "contract_entry"
    requirement_consequences = (
        "Ilman nimeä, osoitetta ja puhelinnumeroa emme voi ottaa tilausta vastaan "
        "emmekä toimittaa sitä."
    )

    class Meta:
        model = blocks.LegalBasisBlock


class DataSubjectsBlockFactory(SectionBlockFactory):
    groups = wagtail_factories.ListBlockFactory(wagtail_factories.CharBlockFactory)
    groups__0 = "Verkkokaupan asiakkaat"

    class Meta:
        model = blocks.DataSubjectsBlock


class DataCategoryBlockFactory(wagtail_factories.StructBlockFactory):
    category = "Perustiedot"
    items = "Nimi, osoite, puhelinnumero"
    special_category = False

    class Meta:
        model = blocks.DataCategoryBlock


class DataContentBlockFactory(SectionBlockFactory):
    categories = wagtail_factories.ListBlockFactory(DataCategoryBlockFactory)
    categories__0__category = "Perustiedot"

    class Meta:
        model = blocks.DataContentBlock


class DataSourceBlockFactory(wagtail_factories.StructBlockFactory):
    kind = "data_subject"
    description = ""

    class Meta:
        model = blocks.DataSourceBlock


class DataSourcesBlockFactory(SectionBlockFactory):
    sources = wagtail_factories.ListBlockFactory(wagtail_factories.CharBlockFactory)
    sources__0 = "Asiakkaalta itseltään"
    sources_detailed = wagtail_factories.ListBlockFactory(DataSourceBlockFactory)

    class Meta:
        model = blocks.DataSourcesBlock


class RecipientBlockFactory(wagtail_factories.StructBlockFactory):
    recipient = "Kuljetusyhtiöt"
    purpose = "Tilausten toimittaminen"
    country = "Suomi"

    class Meta:
        model = blocks.RecipientBlock


class DisclosuresBlockFactory(SectionBlockFactory):
    no_regular_disclosures = True
    recipients = wagtail_factories.ListBlockFactory(RecipientBlockFactory)

    class Meta:
        model = blocks.DisclosuresBlock


class TransferDestinationBlockFactory(wagtail_factories.StructBlockFactory):
    country = "Yhdysvallat"
    recipient = ""
    mechanism = "adequacy"
    derogation_point = ""
    copy_info = ""
    copy_url = ""

    class Meta:
        model = blocks.TransferDestinationBlock


class TransfersBlockFactory(SectionBlockFactory):
    transfers = "none"
    destinations = wagtail_factories.ListBlockFactory(TransferDestinationBlockFactory)
    countries = wagtail_factories.ListBlockFactory(wagtail_factories.CharBlockFactory)
    safeguard = ""

    class Meta:
        model = blocks.TransfersBlock


class RetentionPeriodBlockFactory(wagtail_factories.StructBlockFactory):
    data = "Asiakastiedot"
    period = "Asiakkuuden ajan ja kaksi vuotta sen jälkeen"

    class Meta:
        model = blocks.RetentionPeriodBlock


class RetentionBlockFactory(SectionBlockFactory):
    periods = wagtail_factories.ListBlockFactory(RetentionPeriodBlockFactory)
    periods__0__data = "Asiakastiedot"

    class Meta:
        model = blocks.RetentionBlock


class SecurityBlockFactory(SectionBlockFactory):
    manual_material = "Paperiset asiakirjat säilytetään lukitussa tilassa."
    electronic_data = "Tietokanta on suojattu henkilökohtaisin tunnuksin."

    class Meta:
        model = blocks.SecurityBlock


class RightOfAccessBlockFactory(SectionBlockFactory):
    body = factory.LazyFunction(lambda: rich_text("<p>Voit tarkastaa tietosi.</p>"))

    class Meta:
        model = blocks.RightOfAccessBlock


class RectificationErasureBlockFactory(SectionBlockFactory):
    body = factory.LazyFunction(lambda: rich_text("<p>Voit vaatia korjaamista.</p>"))

    class Meta:
        model = blocks.RectificationErasureBlock


class RightToObjectBlockFactory(SectionBlockFactory):
    body = factory.LazyFunction(lambda: rich_text("<p>Voit vastustaa käsittelyä.</p>"))

    class Meta:
        model = blocks.RightToObjectBlock


class RequestChannelBlockFactory(wagtail_factories.StructBlockFactory):
    email = "tietosuoja@example.com"
    form_url = ""
    postal_address = ""

    class Meta:
        model = blocks.RequestChannelBlock


class DataSubjectRightsBlockFactory(SectionBlockFactory):
    """The rights of a notice that rests on a contract (GDPR 13(2)(b)): access,
    rectification, erasure, restriction and portability, with where to ask."""

    body = factory.LazyFunction(
        lambda: rich_text("<p>Sinulla on oikeus saada pääsy tietoihisi.</p>")
    )
    rights = factory.LazyFunction(
        lambda: ["access", "rectification", "erasure", "restriction", "portability"]
    )
    request_channel = factory.SubFactory(RequestChannelBlockFactory)
    identity_check = ""
    response_time = ""
    objection_statement = ""

    class Meta:
        model = blocks.DataSubjectRightsBlock


class ComplaintBlockFactory(SectionBlockFactory):
    authority = ""
    authority_url = ""

    class Meta:
        model = blocks.ComplaintBlock


class AutomatedDecisionsBlockFactory(SectionBlockFactory):
    body = factory.LazyFunction(lambda: rich_text(""))
    used = "no"
    logic = ""

    class Meta:
        model = blocks.AutomatedDecisionsBlock


class CookiesBlockFactory(SectionBlockFactory):
    class Meta:
        model = blocks.CookiesBlock


class ChangesBlockFactory(SectionBlockFactory):
    class Meta:
        model = blocks.ChangesBlock


class DateBlockFactory(SectionBlockFactory):
    body = factory.LazyFunction(lambda: rich_text(""))
    date = datetime.date(2026, 11, 1)

    class Meta:
        model = blocks.DateBlock


class OtherBlockFactory(SectionBlockFactory):
    heading = "Yhteydenotot"

    class Meta:
        model = blocks.OtherBlock


#: One factory per section key, in the order of the section table.
SECTION_BLOCK_FACTORIES: dict[str, type[SectionBlockFactory]] = {
    "controller": ControllerBlockFactory,
    "contact_person": ContactPersonBlockFactory,
    "dpo": DpoBlockFactory,
    "register_name": RegisterNameBlockFactory,
    "purpose": PurposeBlockFactory,
    "legal_basis": LegalBasisBlockFactory,
    "data_subjects": DataSubjectsBlockFactory,
    "data_content": DataContentBlockFactory,
    "data_sources": DataSourcesBlockFactory,
    "disclosures": DisclosuresBlockFactory,
    "transfers_outside_eea": TransfersBlockFactory,
    "retention": RetentionBlockFactory,
    "security": SecurityBlockFactory,
    "right_of_access": RightOfAccessBlockFactory,
    "rectification_erasure": RectificationErasureBlockFactory,
    "right_to_object": RightToObjectBlockFactory,
    "data_subject_rights": DataSubjectRightsBlockFactory,
    "complaint": ComplaintBlockFactory,
    "automated_decisions": AutomatedDecisionsBlockFactory,
    "cookies": CookiesBlockFactory,
    "changes": ChangesBlockFactory,
    "date": DateBlockFactory,
    "other": OtherBlockFactory,
}


class NoticeStreamBlockFactory(wagtail_factories.StreamBlockFactory):
    """The notice body; one declaration per section key."""

    controller = factory.SubFactory(ControllerBlockFactory)
    contact_person = factory.SubFactory(ContactPersonBlockFactory)
    dpo = factory.SubFactory(DpoBlockFactory)
    register_name = factory.SubFactory(RegisterNameBlockFactory)
    purpose = factory.SubFactory(PurposeBlockFactory)
    legal_basis = factory.SubFactory(LegalBasisBlockFactory)
    data_subjects = factory.SubFactory(DataSubjectsBlockFactory)
    data_content = factory.SubFactory(DataContentBlockFactory)
    data_sources = factory.SubFactory(DataSourcesBlockFactory)
    disclosures = factory.SubFactory(DisclosuresBlockFactory)
    transfers_outside_eea = factory.SubFactory(TransfersBlockFactory)
    retention = factory.SubFactory(RetentionBlockFactory)
    security = factory.SubFactory(SecurityBlockFactory)
    right_of_access = factory.SubFactory(RightOfAccessBlockFactory)
    rectification_erasure = factory.SubFactory(RectificationErasureBlockFactory)
    right_to_object = factory.SubFactory(RightToObjectBlockFactory)
    data_subject_rights = factory.SubFactory(DataSubjectRightsBlockFactory)
    complaint = factory.SubFactory(ComplaintBlockFactory)
    automated_decisions = factory.SubFactory(AutomatedDecisionsBlockFactory)
    cookies = factory.SubFactory(CookiesBlockFactory)
    changes = factory.SubFactory(ChangesBlockFactory)
    date = factory.SubFactory(DateBlockFactory)
    other = factory.SubFactory(OtherBlockFactory)

    class Meta:
        model = blocks.NoticeStreamBlock


#: The keys that a GDPR notice of a controller without a DPO must have, in the order of
#: the section table.
GDPR_REQUIRED_KEYS = tuple(s.key for s in SECTIONS if s.gdpr == REQUIRED)


def section(key: str, **kwargs):
    """A ``(key, value)`` stream item built by the section's factory."""
    return (key, SECTION_BLOCK_FACTORIES[key](**kwargs))


def complete_gdpr_sections(controller: Controller | None = None, *, omit=()) -> list:
    """Every section a GDPR notice requires (less ``omit``), as stream items."""
    items = []
    for key in GDPR_REQUIRED_KEYS:
        if key in omit:
            continue
        if key == "controller" and controller is not None:
            items.append(section(key, controller=controller))
        else:
            items.append(section(key))
    return items


class PrivacyNoticePageFactory(wagtail_factories.PageFactory):
    """A notice below ``parent``, saved with a revision like the admin does.

    The page is a draft (never published) unless ``publish`` is given: ``True``
    publishes as an administrator, a user publishes as that user. Publishing goes
    through ``PrivacyNoticePage.publish``, so its completeness and review rules apply
    (an administrator's publication stands in for an approved legal review).
    """

    title = factory.Sequence(lambda n: f"Tietosuojaseloste {n}")
    framework = GDPR
    body = wagtail_factories.StreamFieldFactory(NoticeStreamBlockFactory)
    live = False
    has_unpublished_changes = True

    class Meta:
        model = PrivacyNoticePage
        # ``publish`` saves through ``save_revision``; no second save is needed.
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if not create:
            return
        revision = obj.save_revision()
        if extracted:
            user = administrator() if extracted is True else extracted
            revision.publish(user=user)
            obj.refresh_from_db()


#: The Swedish of the factories' retention period: the one fact of a complete notice
#: that the item check reads as text in the notice's language.
SWEDISH_RETENTION = "Under kundförhållandet och i två år därefter"


def swedish_copy(page, locale, **fields):
    """``page`` copied into the Swedish ``locale`` as "Translate this page" does,
    with its retention periods translated (a translator's work): a Swedish notice
    that gave its retention period in Finnish would not inform its readers, and
    the item check would refuse it. ``fields`` are set on the copy (title, slug).
    """
    copy = page.copy_for_translation(locale, copy_parents=True)
    copy = type(copy).objects.get(pk=copy.pk)
    for block in copy.body:
        if block.block_type == "retention":
            for period in block.value.get("periods") or ():
                period["data"] = "Kunduppgifter"
                period["period"] = SWEDISH_RETENTION
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy
