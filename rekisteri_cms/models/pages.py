"""The page types: the notices index and the privacy notice."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from ..blocks import NoticeStreamBlock, plain_text
from ..cache.tags import mark_cacheable, slug_tag
from ..completeness import (
    CompletenessReport,
    IncompleteNoticeError,
    check_fingerprint,
    completeness_of,
)
from ..diff import diff_documents
from ..documents import draft_notice, version_notice
from ..permissions import NoticeIndexPermissionTester, NoticePermissionTester
from ..prepared import PreparedValues, instance_from_row
from ..sections import FRAMEWORK_CHOICES, GDPR, HTL
from ..validators import validate_single_script_slug
from .controller import Controller
from .overrides import ItemOverride
from .public_record import provenance_of, public_record_context
from .records import RecordErasure
from .versions import NoticeVersion, view_restrictions_of
from .workflows import (
    UnapprovedRevisionError,
    publication_allowed,
    publishing_revision,
    publishing_user,
    unapproved_controller_refusal,
)


class LocaleMatchMixin:
    """Serve a page only under its own language prefix.

    Wagtail falls back to the default locale's page when a translation is missing;
    for a legal text that would show Finnish under a Swedish URL, so it is a 404.
    """

    def clean(self):
        super().clean()
        try:
            validate_single_script_slug(self.slug)
        except ValidationError as error:
            raise ValidationError({"slug": error}) from error

    def check_language(self, request) -> None:
        if getattr(request, "is_preview", False):
            return
        active = (translation.get_language() or "").split("-")[0]
        if active and self.locale_id and active != self.locale.language_code:
            raise Http404

    def serve(self, request, *args, **kwargs):
        self.check_language(request)
        response = super().serve(request, *args, **kwargs)
        if (
            isinstance(self, PrivacyNoticePage)
            and not getattr(request, "is_preview", False)
            and not self.changes_by_itself()
        ):
            mark_cacheable(response, [slug_tag(self.slug)])
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["translations"] = self.published_translations(request)
        return context

    def published_translations(self, request=None) -> list:
        """Live translations (this page included) in the order of ``LANGUAGES``:
        each its language's ``code`` and ``name``, its ``page``, and the page's
        ``url`` and ``full_url``."""
        pages = {
            page.locale.language_code: page
            for page in self.get_translations(inclusive=True)
            .live()
            .public()
            .select_related("locale")
            .specific()
        }
        return translation_links(
            {
                code: page
                for code, page in pages.items()
                if page.is_public_in_its_language()
            },
            request,
        )

    def is_public_in_its_language(self) -> bool:
        return True


def translation_links(pages: dict, request=None) -> list:
    """``pages`` (language code → page) as the language switcher lists them, in the
    order of ``LANGUAGES``; the site's root paths are read once per request."""
    links = []
    for code, name in settings.LANGUAGES:
        page = pages.get(code)
        if page is not None:
            links.append(
                {
                    "code": code,
                    "name": name,
                    "page": page,
                    "url": page.get_url(request),
                    "full_url": page.get_full_url(request),
                }
            )
    return links


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
        return NoticeIndexPermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The versions in force, not the page rows: a page can be live without a
        # version (an alias in another language, a copy not yet reviewed), and the
        # row's title may be a newer, unapproved one.
        notices = list(
            NoticeVersion.objects.in_force()
            .filter(page__in=PrivacyNoticePage.objects.child_of(self).live().public())
            .select_related("page")
            .order_by("title", "-number")
        )
        seen = set()
        notices = [v for v in notices if not (v.page_id in seen or seen.add(v.page_id))]
        # Register descriptions under the repealed Personal Data Act are archived
        # documents: listed apart from the privacy notices.
        context["notices"] = [v for v in notices if v.framework != HTL]
        context["legacy_notices"] = [v for v in notices if v.framework == HTL]
        return context


PREVAILING_LANGUAGE_CHOICES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]


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

    takes_effect_on = models.DateField(
        _("takes effect on"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty for the version to take effect when it is published. A "
            "later date announces the change in advance: until then readers get the "
            "version in force, and this one is shown as upcoming."
        ),
    )
    prevailing_language = models.CharField(
        _("prevailing language"),
        max_length=8,
        blank=True,
        choices=PREVAILING_LANGUAGE_CHOICES,
        help_text=_(
            "The language version that prevails if the language versions differ. "
            "Empty: the language the notice was written in."
        ),
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

    # The admin puts its review panel before these and sets ``base_form_class``
    # when the app is ready, as Wagtail's admin does for ``Page``: the models do
    # not import the admin (``rekisteri_cms.admin.panels.attach_to_models``).
    content_panels = [
        *Page.content_panels,
        FieldPanel("framework"),
        FieldPanel("body"),
        FieldPanel("change_summary"),
        FieldPanel("takes_effect_on"),
        FieldPanel("prevailing_language"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    api_fields = [
        APIField("framework"),
        APIField("body"),
    ]

    parent_page_types = ["rekisteri_cms.PrivacyNoticeIndexPage"]
    subpage_types = []

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
                "heading": block.value.heading_text(language, self.framework),
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
        """The completeness report of this notice for its framework, with the
        legal reviewers' overrides made for exactly this text."""
        return completeness_of(
            self.framework,
            self.body,
            self.controller,
            language=self.language,
            overrides_for=self.item_overrides_for,
        )

    def item_overrides_for(self, fingerprint: str) -> dict[str, str]:
        """The reviewers' overrides (item → justification) made for the text whose
        digest is ``fingerprint``."""
        return {
            override.item: override.justification
            for override in self.overrides_with_fingerprint(fingerprint)
        }

    def overrides_holding_for(self, body, controller=None):
        """The ``ItemOverride`` rows made for exactly ``body``'s text, oldest first."""
        return self.overrides_with_fingerprint(
            check_fingerprint(body, controller, self.language)
        )

    def overrides_with_fingerprint(self, fingerprint: str):
        """The ``ItemOverride`` rows in force for the digest ``fingerprint``."""
        if not self.pk:
            return ItemOverride.objects.none()
        return (
            ItemOverride.objects.filter(page_id=self.pk)
            .for_fingerprint(fingerprint)
            .select_related("created_by")
            .order_by("created_at")
        )

    def permissions_for_user(self, user):
        return NoticePermissionTester(user, self)

    def publish(self, revision, user=None, *args, **kwargs):
        """Publish ``revision`` only if it is complete and a legal reviewer approved it.

        Every publishing path (admin, bulk action, workflow approval, scheduled
        publishing, reverting, code) goes through here, so neither rule can be
        bypassed: a ``gdpr`` revision that lacks required sections is refused, and
        under a review workflow so is a revision nobody approved (administrators
        keep an emergency publication, recorded as such on the version).
        """
        notice = revision.as_object()
        report = notice.completeness()
        if report.blocks_publishing:
            raise IncompleteNoticeError(report.reason(), code="incomplete_notice")
        refusal = unapproved_controller_refusal(notice)
        if refusal:
            raise UnapprovedRevisionError(refusal)
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

    def published_translations(self, request=None) -> list:
        """The translations readers can open (this page included): live, not
        restricted, with a published version; read in one query (the pages carry
        what their addresses need, the rest is deferred)."""
        pages = {
            row["locale__language_code"]: instance_from_row(PrivacyNoticePage, row)
            for row in _PUBLISHED_TRANSLATIONS(key=self.translation_key)
        }
        return translation_links(pages, request)

    def get_sitemap_urls(self, request=None):
        version = self.shown_version()
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
        """The newest published version, or ``None`` (never published or withdrawn).

        It may take effect later (:meth:`NoticeVersion.is_upcoming`): readers get
        :meth:`shown_version`.
        """
        rows = _CURRENT_VERSION(page_id=self.pk)
        if not rows:
            return None
        return instance_from_row(NoticeVersion, rows[0])

    def shown_version(self, at=None):
        """What readers get: the version in force, else (a first version announced
        in advance) the upcoming one; ``None`` when withdrawn or never published."""
        if not self.live:
            return None
        head = self.current_version()
        if head is None or head.is_in_force(at):
            return head
        return self.versions.in_force(at).order_by("-number").first() or head

    def upcoming_version(self, at=None):
        """The published version that takes effect later, if there is one."""
        if not self.live:
            return None
        return self.versions.upcoming(at).order_by("-number").first()

    def changes_by_itself(self) -> bool:
        """Whether what readers get changes at a date to come (an upcoming version):
        such pages are not kept in the response cache."""
        known = getattr(self, "_changes_by_itself", None)
        if known is not None:
            return known
        return self.versions.filter(effective_to__gt=timezone.now()).exists()

    def has_public_record(self) -> bool:
        """Whether the version history is public: the notice was published and no
        administrator erased its record (withdrawal keeps it)."""
        return (
            self.versions.exists()
            and not RecordErasure.objects.filter(page_id=self.pk).exists()
        )

    def is_withdrawn(self) -> bool:
        return not self.live and self.has_public_record()

    def withdrawal(self):
        """When the notice was withdrawn: the end of its newest version's period."""
        newest = self.versions.order_by("-number").first()
        return newest.effective_to if newest is not None else None

    def route(self, request, path_components):
        """A withdrawn notice keeps its address: the page answers 410 Gone and the
        history stays public (docs/notice-model.md#withdrawal)."""
        if not self.live and self.is_withdrawn():
            path = "/" + "".join(f"{part}/" for part in path_components)
            view, args, kwargs = self.resolve_subpage(path)
            request.routable_resolver_match = (view, args, kwargs)
            return RouteResult(self, args=(view, args, kwargs))
        return super().route(request, path_components)

    def public_notice(self, request=None) -> dict:
        """What the public page shows: the current version, or in a preview the draft.

        The page row of a live page may differ from its newest version only in ways
        that were never published (a changed controller snippet, for instance); the
        version is what was approved, so it is what readers get.
        """
        version = (
            None if getattr(request, "is_preview", False) else self.shown_version()
        )
        if version is not None:
            return version_notice(version)
        return draft_notice(self)

    def notice_context(self, request) -> dict:
        """The notice a page shows and what is said about it (period, legacy
        document, translation, upcoming version)."""
        if getattr(request, "is_preview", False):
            return {"notice": draft_notice(self)}
        version = getattr(self, "_shown_version", None) or self.shown_version()
        if version is None:
            return {"notice": None}  # nothing published to show: the views decide
        # Only a version with an end or a start to come changes by itself.
        self._changes_by_itself = (
            version.effective_to is not None or version.is_upcoming()
        )
        return {
            # What the page shows around the body, which is stored rendered.
            "notice": version.summary | {"published_at": version.published_at},
            "notice_body": version.body(),
            "upcoming": self.upcoming_version() if self._changes_by_itself else None,
            **public_record_context(self, version.summary, version),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if "notice" not in context:
            context.update(self.notice_context(request))
        return context

    # Public version history (docs/notice-model.md#versions): what changed, when, and how.

    def _public_versions(self):
        if self.live and self.current_version() is None:
            raise Http404
        if not self.has_public_record():
            raise Http404
        return self.versions.order_by("-number")

    def _record_state(self) -> dict:
        """Context of every history page: whether (and when) it was withdrawn."""
        withdrawn = not self.live
        return {
            "withdrawn_at": self.withdrawal() if withdrawn else None,
            "upcoming": None,
            "shown_version": None if withdrawn else self.shown_version(),
        }

    @path("")
    def current(self, request):
        if self.is_withdrawn() and not getattr(request, "is_preview", False):
            newest = self.versions.order_by("-number").first()
            response = self.render(
                request,
                template="rekisteri_cms/notice_withdrawn.html",
                context_overrides={
                    "notice": version_notice(newest),
                    "withdrawn_at": self.withdrawal(),
                },
            )
            response.status_code = 410
            return response
        if not getattr(request, "is_preview", False):
            # Read once for the whole view (notice_context takes it from here).
            self._shown_version = self.shown_version()
            if self._shown_version is None:
                # Live but never published through a version (a copy, say):
                # nothing approved to show.
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
                "notice": version_notice(versions[0]),
                "provenance": provenance_of(self),
                **self._record_state(),
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
                "notice": version_notice(version),
                "notice_body": version.body(),
                **public_record_context(self, version.document, version),
                **self._record_state(),
            },
        )

    @path("history/diff/", name="diff")
    def diff(self, request):
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
                "notice": version_notice(current),
                **self._record_state(),
            },
        )

    def section_texts(self) -> list[tuple[str, str]]:
        """``(key, plain text)`` of each section, for search and comparison."""
        context = {"fragment": True, "language": self.language}
        return [
            (block.block_type, plain_text(block.render(context=context)))
            for block in self.body
        ]


_VERSION_COLUMNS = tuple(f.attname for f in NoticeVersion._meta.concrete_fields)
#: :meth:`PrivacyNoticePage.current_version`: read on every page view.
_CURRENT_VERSION = PreparedValues(
    lambda page_id: (
        NoticeVersion.objects.filter(page_id=page_id, is_current=True)
        .order_by("-number")
        .values(*_VERSION_COLUMNS)[:1]
    ),
    page_id=Page._meta.pk,
)
#: :meth:`PrivacyNoticePage.published_translations`: read on every page view.
_PUBLISHED_TRANSLATIONS = PreparedValues(
    lambda key: (
        PrivacyNoticePage.objects.filter(translation_key=key, live=True)
        .filter(
            Exists(
                NoticeVersion.objects.filter(page_id=OuterRef("pk"), is_current=True)
            )
        )
        .exclude(Exists(view_restrictions_of("path")))
        .values("id", "page_ptr_id", "url_path", "locale_id", "locale__language_code")
    ),
    key=Page._meta.get_field("translation_key"),
)
