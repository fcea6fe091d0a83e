"""Immutable published versions of notices (docs/notice-model.md#versions).

Every publish of a notice in a locale creates a :class:`NoticeVersion` holding the
rendered API document (:mod:`rekisteri_cms.publishing` records it), so that the API
and the public pages serve what was approved and published, never the page row
(which holds the draft of a non-live page).
"""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.db import DatabaseError, models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..documents import (
    body_renderer,
    canonical_json,
    render_body,
    with_whole_document,
)
from ..links import marked_document_json

logger = logging.getLogger(__name__)

#: The large parts of a document, left out of :attr:`NoticeVersion.summary`.
BULKY_KEYS = ("sections", "html", "text")


def view_restrictions_of(path_field: str):
    """The view restrictions on the page whose tree path is the outer query's
    ``path_field``, or on one of its ancestors (for ``Exists``)."""
    from wagtail.models import PageViewRestriction

    return PageViewRestriction.objects.filter(
        StartsWith(OuterRef(path_field), F("page__path"))
    )


class NoticeVersionQuerySet(models.QuerySet):
    def keep(self, **values) -> None:
        """Store ``values`` derived on a read (texts, a rendered page, an assembled
        response) in these versions. If the database refuses the write (read-only,
        locked), the reader is still answered: the work is done again another time.
        """
        try:
            with transaction.atomic():
                self.update(**values)
        except DatabaseError:
            logger.warning("Could not keep %s of notice versions", ", ".join(values))

    def current(self):
        """The newest published version of each live notice and locale.

        It may not be in force yet (:meth:`upcoming`); what readers get now is
        :meth:`in_force`.
        """
        return self.filter(is_current=True)

    def in_force(self, at=None):
        """Versions in force at ``at`` (now): their period covers it
        (docs/notice-model.md#effective-dates)."""
        at = at or timezone.now()
        return self.filter(effective_from__lte=at).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gt=at)
        )

    def unrestricted(self):
        """Versions of pages not behind a view restriction (theirs or an ancestor's)."""
        return self.exclude(Exists(view_restrictions_of("page__path")))

    def upcoming(self, at=None):
        """Approved and published versions that take effect after ``at`` (now)."""
        at = at or timezone.now()
        return self.filter(effective_from__gt=at, effective_to__isnull=True)


class NoticeVersion(models.Model):
    """One published version of a notice in one locale; never edited afterwards."""

    page = models.ForeignKey(
        "rekisteri_cms.PrivacyNoticePage",
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("notice"),
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("locale"),
    )
    translation_key = models.UUIDField(_("translation key"), db_index=True)
    number = models.PositiveIntegerField(_("version number"))
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revision"),
    )
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=True)
    title = models.CharField(_("title"), max_length=255)
    framework = models.CharField(_("framework"), max_length=8)
    controller_business_id = models.CharField(
        _("controller's business ID"), max_length=9, blank=True, db_index=True
    )
    published_at = models.DateTimeField(_("published at"), db_index=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approval_step = models.CharField(_("approval step"), max_length=255, blank=True)
    change_summary = models.CharField(_("change summary"), max_length=500, blank=True)
    superseded_at = models.DateTimeField(
        _("superseded at"),
        null=True,
        blank=True,
        help_text=_(
            "When a newer version replaced this one or the notice was withdrawn."
        ),
    )
    is_current = models.BooleanField(_("current"), default=False)
    effective_from = models.DateTimeField(
        _("in force from"),
        db_index=True,
        help_text=_(
            "When this version takes effect: its publication, or a later date the "
            "editor announced in advance."
        ),
    )
    effective_to = models.DateTimeField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_(
            "When the next version took effect or the notice was withdrawn; empty "
            "while nothing has replaced it."
        ),
    )
    source_version = models.PositiveIntegerField(
        _("source version"),
        null=True,
        blank=True,
        help_text=_(
            "For a translation: the version of the source-language notice it was "
            "translated from."
        ),
    )
    controller_name = models.CharField(_("controller"), max_length=255, blank=True)
    html_url = models.URLField(_("page URL"), max_length=500, blank=True)
    #: The legal reviewers' overrides that held for the published text: each an
    #: ``ItemOverride.as_record()`` (item, justification, by, at). Admin only.
    item_overrides = models.JSONField(
        _("information items marked present"),
        default=list,
        blank=True,
        help_text=_(
            "Information items the check did not find that a legal reviewer marked "
            "present, with the reviewer's justification."
        ),
    )
    #: The API document in canonical JSON, served as stored (docs/api.md).
    document_json = models.TextField(_("document"))
    content_hash = models.CharField(_("content hash"), max_length=80)
    #: Texts derived from the document at publication, served as stored so that an
    #: uncached read costs little (docs/operations.md#performance): the page's body
    #: (contents and sections), the API's document with its site-relative links
    #: marked for the base URL, and what the API adds for a version whose document
    #: predates ``legacy``. ``rendered_by`` says what derived them
    #: (:func:`~rekisteri_cms.documents.body_renderer`).
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)
    #: The document without its sections and whole text: what a page shows around
    #: the body, read without parsing the whole document (:attr:`summary`).
    summary_json = models.TextField(_("summary"), blank=True, editable=False)
    api_json = models.TextField(_("API document"), blank=True, editable=False)
    api_legacy_json = models.TextField(
        _("API legacy facts"), blank=True, editable=False
    )
    rendered_by = models.CharField(
        _("rendered by"), max_length=64, blank=True, editable=False
    )
    #: The public page as last rendered while this version was current, and a digest
    #: of what else it was rendered from (``rekisteri_cms.views``): served again while
    #: that is unchanged.
    page_html = models.TextField(_("rendered page"), blank=True, editable=False)
    page_key = models.CharField(
        _("rendered page key"), max_length=64, blank=True, editable=False
    )
    #: The notice API's detail response body as last assembled while this version
    #: was in force, and a digest of what else it was assembled from
    #: (``rekisteri_cms.api.views.kept_detail``): served again while that is unchanged.
    api_detail = models.BinaryField(
        _("assembled API detail"), blank=True, default=b"", editable=False
    )
    api_detail_key = models.CharField(
        _("assembled API detail key"), max_length=64, blank=True, editable=False
    )
    api_detail_etag = models.CharField(
        _("assembled API detail ETag"), max_length=120, blank=True, editable=False
    )

    objects = NoticeVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice version")
        verbose_name_plural = _("notice versions")
        ordering = ["page", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "number"], name="unique_notice_version_number"
            ),
        ]
        indexes = [
            models.Index(
                fields=["slug", "is_current"], name="notice_version_current_slug"
            ),
            # The versions in force in a language (the notice list), answered from
            # the index: SQLite keeps these columns after the large stored texts.
            models.Index(
                fields=["locale", "effective_from", "effective_to", "page"],
                name="notice_version_in_force",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.locale_id}) v{self.number}"

    @cached_property
    def document(self) -> dict:
        return json.loads(self.document_json)

    def render(self) -> None:
        """Derive the stored texts from the document (into the unsaved fields)."""
        from .public_record import legacy_facts_of

        self.body_html = render_body(self.document)
        self.summary_json = canonical_json(
            {k: v for k, v in self.document.items() if k not in BULKY_KEYS}
        )
        self.api_json = marked_document_json(
            with_whole_document(self.document_json, self.document)
        )
        self.api_legacy_json = (
            ""
            if "legacy" in self.document
            else canonical_json(legacy_facts_of(self.page, self.number, self.document))
        )
        self.rendered_by = body_renderer()

    #: What :meth:`render` derives.
    RENDERED_FIELDS = (
        "body_html",
        "summary_json",
        "api_json",
        "api_legacy_json",
        "rendered_by",
    )

    def rendered(self, *, store: bool = True) -> NoticeVersion:
        """This version with its derived texts current, as stored at publication.

        A version stored before they were kept, or by a release whose templates,
        wording or API format differ, is rendered now and (unless ``store`` is
        false: the caller keeps them with its own fields) stored again: the texts
        depend on the immutable document and the renderer only.
        """
        if self.rendered_by != body_renderer():
            self.render()
            if store:
                self.keep(*self.RENDERED_FIELDS)
        return self

    def keep(self, *fields: str) -> None:
        """Store ``fields`` of this version, derived from it on a read
        (:meth:`NoticeVersionQuerySet.keep`)."""
        if self.pk:
            NoticeVersion.objects.filter(pk=self.pk).keep(
                **{name: getattr(self, name) for name in fields}
            )

    @cached_property
    def summary(self) -> dict:
        """The document without ``sections``, ``html`` and ``text``."""
        return json.loads(self.rendered().summary_json)

    def body(self) -> str:
        """The page body (contents and sections), as stored at publication."""
        return mark_safe(self.rendered().body_html)  # noqa: S308 - our template's

    def is_in_force(self, at=None) -> bool:
        at = at or timezone.now()
        return self.effective_from <= at and (
            self.effective_to is None or self.effective_to > at
        )

    def is_upcoming(self, at=None) -> bool:
        return self.effective_to is None and self.effective_from > (
            at or timezone.now()
        )

    def never_in_force(self) -> bool:
        """Replaced or withdrawn before the date it was to take effect."""
        return (
            self.effective_to is not None and self.effective_to <= self.effective_from
        )

    def approval_step_label(self, language: str | None = None) -> str:
        """The approving step's name in ``language`` (the active one)."""
        from django.utils.translation import get_language

        from .public_record import approval_step_label

        return (
            approval_step_label(self.approval_step, language or get_language() or "fi")
            or ""
        )

    @property
    def language(self) -> str:
        return self.document.get("locale", "fi")

    @property
    def sections(self) -> list[dict]:
        return self.document.get("sections", [])
