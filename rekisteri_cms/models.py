"""Page types and the controller snippet of rekisteri-cms."""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from .blocks import NoticeStreamBlock, plain_text
from .forms import PrivacyNoticePageForm
from .sections import FRAMEWORK_CHOICES, GDPR, SECTIONS_BY_KEY
from .validators import (
    CompletenessReport,
    check_completeness,
    normalize_business_id,
    normalize_phone,
    validate_business_id,
    validate_phone,
    validate_postal_code,
)


class IncompleteNoticeError(ValidationError):
    """Raised when a ``gdpr`` notice that lacks required sections is published."""


def missing_sections_message(keys, language: str | None = None) -> str:
    """A sentence naming the missing sections by their canonical headings."""
    headings = ", ".join(SECTIONS_BY_KEY[key].heading(language) for key in keys)
    return str(
        _("The notice lacks these required sections: %(sections)s.")
        % {"sections": headings}
    )


class Controller(TranslatableMixin, index.Indexed, models.Model):
    """The controller (rekisterinpitäjä) of a register. GDPR 13(1)(a); HTL 10 § 1.

    Identifiers (Y-tunnus, phone, e-mail, address) are the same in every language:
    wagtail-localize synchronises them instead of offering them for translation.
    """

    name = models.CharField(_("name"), max_length=255)
    business_id = models.CharField(
        _("business ID (Y-tunnus)"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_(
            "Optional: associations, foreign firms and public bodies may not have one. "
            "Stored as 1234567-8."
        ),
    )
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=5, blank=True, validators=[validate_postal_code]
    )
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="FI")
    phone = models.CharField(
        _("phone"),
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text=_("Stored in international form, for example +358401234567."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    has_dpo = models.BooleanField(
        _("has a data protection officer"),
        default=False,
        help_text=_("GDPR 37: when ticked, the notice must name the DPO."),
    )
    dpo_name = models.CharField(_("DPO name"), max_length=255, blank=True)
    dpo_email = models.EmailField(_("DPO e-mail"), blank=True)
    dpo_phone = models.CharField(
        _("DPO phone"), max_length=32, blank=True, validators=[validate_phone]
    )
    representative_name = models.CharField(
        _("representative's name"),
        max_length=255,
        blank=True,
        help_text=_(
            "GDPR 27: a controller established outside the EU that offers goods or "
            "services to people in the EU or monitors their behaviour designates a "
            "representative in the EU. Leave empty otherwise."
        ),
    )
    representative_address = models.TextField(
        _("representative's postal address"), blank=True
    )
    representative_email = models.EmailField(_("representative's e-mail"), blank=True)
    representative_phone = models.CharField(
        _("representative's phone"),
        max_length=32,
        blank=True,
        validators=[validate_phone],
    )
    joint_controllers = models.TextField(
        _("joint controllers"),
        blank=True,
        help_text=_(
            "GDPR 26: the other controllers that determine the purposes and means of "
            "the processing together with this one, with their contact details."
        ),
    )
    joint_arrangement = models.TextField(
        _("essence of the joint controllers' arrangement"),
        blank=True,
        help_text=_(
            "GDPR 26(2): the essence of the arrangement, made available to the data "
            "subjects: who provides the information, and to whom they turn to "
            "exercise their rights."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("business_id"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("locality")]),
                FieldPanel("country"),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("has_dpo"),
                FieldPanel("dpo_name"),
                FieldPanel("dpo_email"),
                FieldPanel("dpo_phone"),
            ],
            heading=_("Data protection officer"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("representative_name"),
                FieldPanel("representative_address"),
                FieldRowPanel(
                    [
                        FieldPanel("representative_email"),
                        FieldPanel("representative_phone"),
                    ]
                ),
            ],
            heading=_("Representative in the EU (GDPR 27)"),
        ),
        MultiFieldPanel(
            [FieldPanel("joint_controllers"), FieldPanel("joint_arrangement")],
            heading=_("Joint controllers (GDPR 26)"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.FilterField("business_id"),
        index.AutocompleteField("name"),
    ]
    #: Identifiers and contact details are the same in every language:
    #: wagtail-localize copies them from the source instead of translating them.
    #: A translator may override only what has a name in another language: the
    #: street and locality (Mannerheimvägen, Helsingfors) and the website.
    override_translatable_fields = [
        *(
            SynchronizedField(name, overridable=False)
            for name in (
                "business_id",
                "postal_code",
                "country",
                "phone",
                "email",
                "has_dpo",
                "dpo_email",
                "dpo_phone",
                "representative_email",
                "representative_phone",
            )
        ),
        *(
            SynchronizedField(name)
            for name in (
                "street_address",
                "locality",
                "website",
                "representative_address",
            )
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("controller")
        verbose_name_plural = _("controllers")
        ordering = ["name"]

    def __str__(self):
        if self.business_id:
            return f"{self.name} ({self.business_id})"
        return self.name

    def clean(self):
        super().clean()
        # Store identifiers in one canonical form; invalid values have already been
        # reported on their fields by the validators.
        for field, normalize in (
            ("business_id", normalize_business_id),
            ("phone", normalize_phone),
            ("dpo_phone", normalize_phone),
            ("representative_phone", normalize_phone),
        ):
            value = getattr(self, field).strip()
            if value:
                with contextlib.suppress(ValidationError):
                    setattr(self, field, normalize(value))
        if self.has_dpo and not (self.dpo_email or self.dpo_phone):
            raise ValidationError(
                {
                    "dpo_email": _(
                        "Give the data protection officer's e-mail or phone number "
                        "(GDPR 13(1)(b))."
                    )
                }
            )
        representative_contact = (
            self.representative_address.strip()
            or self.representative_email
            or self.representative_phone
        )
        if self.representative_name.strip() and not representative_contact:
            raise ValidationError(
                {
                    "representative_email": _(
                        "Give the representative's postal address, e-mail or phone "
                        "number (GDPR 13(1)(a))."
                    )
                }
            )
        if representative_contact and not self.representative_name.strip():
            raise ValidationError(
                {"representative_name": _("Give the representative's name.")}
            )
        if self.joint_controllers.strip() and not self.joint_arrangement.strip():
            raise ValidationError(
                {
                    "joint_arrangement": _(
                        "Describe the essence of the arrangement between the joint "
                        "controllers (GDPR 26(2))."
                    )
                }
            )

    def as_api_dict(self) -> dict[str, str | None]:
        """The controller as the notice API and the importer describe it."""
        return {
            "name": self.name,
            "business_id": self.business_id or None,
            "street_address": self.street_address or None,
            "postal_code": self.postal_code or None,
            "locality": self.locality or None,
            "country": self.country or None,
            "phone": self.phone or None,
            "email": self.email or None,
            "website": self.website or None,
        }

    def representative_api_dict(self) -> dict[str, str | None] | None:
        """The representative in the EU (GDPR 27), or ``None`` when there is none."""
        if not self.representative_name:
            return None
        return {
            "name": self.representative_name,
            "address": self.representative_address or None,
            "email": self.representative_email or None,
            "phone": self.representative_phone or None,
        }

    def joint_controllers_api_dict(self) -> dict[str, str] | None:
        """The joint controllers and their arrangement (GDPR 26), or ``None``."""
        if not self.joint_controllers:
            return None
        return {
            "controllers": self.joint_controllers,
            "arrangement": self.joint_arrangement,
        }


class LocaleMatchMixin:
    """Serve a page only under its own language prefix.

    Wagtail falls back to the default locale's page when a translation is missing;
    for a legal text that would show Finnish under a Swedish URL, so it is a 404.
    """

    def check_language(self, request) -> None:
        if getattr(request, "is_preview", False):
            return
        active = (translation.get_language() or "").split("-")[0]
        if active and self.locale_id and active != self.locale.language_code:
            raise Http404

    def serve(self, request, *args, **kwargs):
        self.check_language(request)
        response = super().serve(request, *args, **kwargs)
        if isinstance(self, PrivacyNoticePage) and not getattr(
            request, "is_preview", False
        ):
            from .page_cache import mark_cacheable
            from .response_cache import slug_tag

            mark_cacheable(response, [slug_tag(self.slug)])
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["translations"] = self.published_translations()
        return context

    def published_translations(self) -> list:
        """Live translations (this page included) in the order of ``LANGUAGES``."""
        pages = {
            page.locale.language_code: page
            for page in self.get_translations(inclusive=True)
            .live()
            .public()
            .select_related("locale")
            .specific()
        }
        result = []
        for code, name in settings.LANGUAGES:
            page = pages.get(code)
            if page is not None and page.is_public_in_its_language():
                result.append({"code": code, "name": name, "page": page})
        return result

    def is_public_in_its_language(self) -> bool:
        return True


class ReviewPanel(Panel):
    """The draft's completeness and its changes against the version in force.

    Shown at the top of a notice's editor, so that a legal reviewer who opens the
    notice under review sees what is missing and what changed, section by section.
    """

    class BoundPanel(Panel.BoundPanel):
        template_name = "rekisteri_cms/admin/review_panel.html"

        def get_context_data(self, parent_context=None):
            from .views import review_context

            context = super().get_context_data(parent_context)
            context.update(review_context(self.instance, self.request))
            return context


class PrivacyNoticeIndexPage(LocaleMatchMixin, Page):
    """Lists the live notices below it; the notices' workflow is assigned here."""

    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    subpage_types = ["rekisteri_cms.PrivacyNoticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("privacy notice index")
        verbose_name_plural = _("privacy notice indexes")

    def permissions_for_user(self, user):
        from .workflows import NoticeIndexPermissionTester

        return NoticeIndexPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The versions in force, not the page rows: a page can be live without a
        # version (an alias in another language, a copy not yet reviewed), and the
        # row's title may be a newer, unapproved one.
        context["notices"] = (
            NoticeVersion.objects.current()
            .filter(page__in=PrivacyNoticePage.objects.child_of(self).live().public())
            .select_related("page")
            .order_by("title")
        )
        return context


class PrivacyNoticePage(LocaleMatchMixin, RoutablePageMixin, Page):
    """A privacy notice (tietosuojaseloste) or legacy register description.

    GDPR Art. 13–14; Personal Data Act 523/1999 10 § for the ``htl`` framework.
    """

    framework = models.CharField(
        _("framework"),
        max_length=8,
        choices=FRAMEWORK_CHOICES,
        default=GDPR,
        help_text=_(
            "GDPR notices must contain every required section before they can be "
            "published; legacy register descriptions are published as written."
        ),
    )
    body = StreamField(
        NoticeStreamBlock(),
        blank=True,
        verbose_name=_("sections"),
        help_text=_("One block per legal item; numbering follows the order here."),
    )

    change_summary = models.CharField(
        _("change summary"),
        max_length=255,
        blank=True,
        help_text=_(
            "A short summary of this change for the public version history, "
            "for example “Lisätty säilytysajat”."
        ),
    )

    content_panels = [
        ReviewPanel(heading=_("Legal review")),
        *Page.content_panels,
        FieldPanel("framework"),
        FieldPanel("body"),
        FieldPanel("change_summary"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    api_fields = [
        APIField("framework"),
        APIField("body"),
    ]

    parent_page_types = ["rekisteri_cms.PrivacyNoticeIndexPage"]
    subpage_types = []
    base_form_class = PrivacyNoticePageForm

    class Meta:
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")

    @property
    def language(self) -> str:
        return self.locale.language_code if self.locale_id else "fi"

    def numbered_sections(self) -> list[dict]:
        """The sections in order with their derived numbers and headings."""
        language = self.language
        return [
            {
                "key": block.block_type,
                "number": number,
                "heading": block.value.heading_text(language),
                "block": block,
            }
            for number, block in enumerate(self.body, start=1)
        ]

    @cached_property
    def controller(self) -> Controller | None:
        for block in self.body:
            if block.block_type == "controller":
                return block.value.get("controller")
        return None

    def completeness(self) -> CompletenessReport:
        """The completeness report of this notice for its framework."""
        return completeness_of(self.framework, self.body, self.controller)

    def permissions_for_user(self, user):
        from .workflows import NoticePermissionTester

        return NoticePermissionTester(user, self)

    def publish(self, revision, user=None, *args, **kwargs):
        """Publish ``revision`` only if it is complete and a legal reviewer approved it.

        Every publishing path (admin, bulk action, workflow approval, scheduled
        publishing, reverting, code) goes through here, so neither rule can be
        bypassed: a ``gdpr`` revision that lacks required sections is refused, and
        under a review workflow so is a revision nobody approved (administrators
        keep an emergency publication, recorded as such on the version).
        """
        from .versions import publishing_revision, publishing_user
        from .workflows import UnapprovedRevisionError, publication_allowed

        notice = revision.as_object()
        report = notice.completeness()
        if report.blocks_publishing:
            raise IncompleteNoticeError(
                missing_sections_message(report.missing, notice.language),
                code="incomplete_notice",
            )
        if not publication_allowed(self, revision, user):
            raise UnapprovedRevisionError(
                _("A legal reviewer must approve this revision before it is published.")
            )
        token = publishing_user.set(user)
        revision_token = publishing_revision.set(revision.pk)
        try:
            # The page row, its version and the caches change together or not at all.
            with transaction.atomic():
                return super().publish(revision, user, *args, **kwargs)
        finally:
            publishing_revision.reset(revision_token)
            publishing_user.reset(token)

    def is_public_in_its_language(self) -> bool:
        return self.versions.filter(is_current=True).exists()

    def get_sitemap_urls(self, request=None):
        version = self.current_version()
        if version is None:
            return []  # live but never published through a version: not public
        return [
            {"location": self.get_full_url(request), "lastmod": version.published_at}
        ]

    def with_content_json(self, content):
        """Wagtail's copy of the page with a revision's content, keeping its live revision.

        Wagtail keeps the page's ``live`` flag but takes ``live_revision`` from the
        revision's content: a revision saved before the first publication (reverted
        to later) carries none, and scheduling it would take the live notice offline
        until its go-live time, as if it had never been published.
        """
        obj = super().with_content_json(content)
        obj.live_revision_id = self.live_revision_id
        return obj

    def current_version(self):
        """The version in force, or ``None`` (never published or withdrawn)."""
        return self.versions.filter(is_current=True).first()

    def public_notice(self, request=None) -> dict:
        """What the public page shows: the current version, or in a preview the draft.

        The page row of a live page may differ from its newest version only in ways
        that were never published (a changed controller snippet, for instance); the
        version is what was approved, so it is what readers get.
        """
        from .versions import render_sections

        version = (
            None if getattr(request, "is_preview", False) else self.current_version()
        )
        if version is not None:
            document = version.document
            return {
                **document,
                "published_at": version.published_at,
                "sections": document["sections"],
            }
        controller = self.controller
        return {
            "title": self.title,
            "locale": self.language,
            "framework": self.framework,
            "controller": controller.as_api_dict() if controller else None,
            "sections": render_sections(self),
            "completeness": self.completeness().as_dict(),
            "published_at": self.last_published_at,
            "version": None,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if "notice" not in context:
            context["notice"] = self.public_notice(request)
        return context

    # Public version history (notice-model §5): what changed, when, and how.

    def _public_versions(self):
        if self.current_version() is None:
            raise Http404
        return self.versions.order_by("-number")

    @path("")
    def current(self, request):
        if not getattr(request, "is_preview", False) and self.current_version() is None:
            # Live but never published through a version (a copy, say): nothing
            # approved to show.
            raise Http404
        return self.render(request)

    @path("history/", name="history")
    def history(self, request):
        versions = list(self._public_versions())
        return self.render(
            request,
            template="rekisteri_cms/notice_history.html",
            context_overrides={
                "versions": versions,
                "notice": versions[0].document
                | {"published_at": versions[0].published_at},
            },
        )

    @path("history/<int:number>/", name="version")
    def version(self, request, number: int):
        version = self._public_versions().filter(number=number).first()
        if version is None:
            raise Http404
        return self.render(
            request,
            template="rekisteri_cms/notice_version.html",
            context_overrides={
                "version": version,
                "notice": version.document | {"published_at": version.published_at},
            },
        )

    @path("history/diff/", name="diff")
    def diff(self, request):
        from .diff import diff_documents

        versions = {v.number: v for v in self._public_versions()}
        newest = max(versions)
        try:
            old = int(request.GET.get("from", newest - 1))
            new = int(request.GET.get("to", newest))
        except ValueError as error:
            raise Http404 from error
        if old not in versions or new not in versions:
            raise Http404
        current = versions[newest]
        return self.render(
            request,
            template="rekisteri_cms/notice_diff.html",
            context_overrides={
                "versions": sorted(versions.values(), key=lambda v: -v.number),
                "old": versions[old],
                "new": versions[new],
                "diff": diff_documents(versions[old].document, versions[new].document),
                "notice": current.document | {"published_at": current.published_at},
            },
        )

    def section_texts(self) -> list[tuple[str, str]]:
        """``(key, plain text)`` of each section, for search and comparison."""
        context = {"fragment": True, "language": self.language}
        return [
            (block.block_type, plain_text(block.render(context=context)))
            for block in self.body
        ]


def completeness_of(framework: str, body, controller=None) -> CompletenessReport:
    """Run the completeness check on a StreamField value."""
    sections = [
        (block.block_type, block.value.covered_keys())
        for block in body
        if block.value.has_content()
    ]
    return check_completeness(
        framework, sections, has_dpo=bool(controller and controller.has_dpo)
    )


# Versions live in their own module with the publishing logic; Django finds the
# model here.
from .versions import NoticeVersion  # noqa: E402
from .workflows import LegalReviewTask  # noqa: E402, F401
