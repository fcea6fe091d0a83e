"""Immutable published versions of notices (notice-model §5).

Every publish of a notice in a locale creates a :class:`NoticeVersion` holding the
rendered API document, so that the API and the public pages serve what was approved
and published, never the page row (which holds the draft of a non-live page).
"""

from __future__ import annotations

import hashlib
import json
import re
from contextvars import ContextVar
from datetime import UTC, datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .blocks import plain_text

#: The user publishing the revision at hand (set by ``PrivacyNoticePage.publish``):
#: Wagtail's ``page_published`` signal does not say who published.
publishing_user: ContextVar = ContextVar("rekisteri_cms_publishing_user", default=None)
#: The revision ``PrivacyNoticePage.publish`` is publishing: a ``page_published``
#: signal for any other revision did not come through the review gate (Wagtail's
#: page copy sends the signal itself, for instance).
publishing_revision: ContextVar = ContextVar(
    "rekisteri_cms_publishing_revision", default=None
)


class NoticeVersionQuerySet(models.QuerySet):
    def current(self):
        """Versions in force now: the newest of each live notice and locale."""
        return self.filter(is_current=True)


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
    #: The API document in canonical JSON, served as stored (notice-model §6).
    document_json = models.TextField(_("document"))
    content_hash = models.CharField(_("content hash"), max_length=80)

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
        ]

    def __str__(self):
        return f"{self.title} ({self.locale_id}) v{self.number}"

    @cached_property
    def document(self) -> dict:
        return json.loads(self.document_json)

    @property
    def language(self) -> str:
        return self.document.get("locale", "fi")

    @property
    def sections(self) -> list[dict]:
        return self.document.get("sections", [])


def canonical_json(data) -> str:
    """The canonical JSON of a document: sorted keys, no spaces."""
    return json.dumps(
        data,
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        cls=DjangoJSONEncoder,
    )


def content_hash(document: dict) -> str:
    """``sha256:`` and the hex digest of the canonical JSON without the hash itself."""
    payload = {k: v for k, v in document.items() if k != "content_hash"}
    return "sha256:" + hashlib.sha256(canonical_json(payload).encode()).hexdigest()


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


#: ``href="/…"`` and ``src="/…"``: a link relative to the site (not ``//host``).
SITE_RELATIVE_URL = re.compile(r'(\b(?:href|src)=")(/(?!/))')


def absolute_links(html: str, base_url: str) -> str:
    """``html`` with its site-relative links made absolute against ``base_url``.

    Storefronts show the section HTML on their own sites, where a link to ``/fi/…``
    would point at the storefront instead of the notice's site.
    """
    if not base_url:
        return html
    base = base_url.rstrip("/")
    return SITE_RELATIVE_URL.sub(lambda m: m.group(1) + base + m.group(2), html)


def render_sections(page) -> list[dict]:
    """The sections of ``page`` rendered as the API and the HTML page serve them."""
    from .api import _base_url

    language = page.language
    base_url = _base_url(page)
    sections = []
    with translation.override(language):
        for number, block in enumerate(page.body, start=1):
            html = block.block.render(
                block.value, context={"fragment": True, "language": language}
            ).strip()
            html = absolute_links(html, base_url)
            sections.append(
                {
                    "key": block.block_type,
                    "number": number,
                    "heading": block.value.heading_text(language),
                    "html": html,
                    "text": plain_text(html),
                    "data": block.block.typed_data(
                        block.value, context={"language": language}
                    ),
                }
            )
    return sections


def translation_source_of(page) -> tuple[str, int | None] | None:
    """``(source locale, source version)`` of a translated ``page``, else ``None``.

    The source version is the one in force when wagtail-localize last synced the
    translation's source, i.e. the text the translation was made from.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail_localize.models import TranslationSource

    source = (
        TranslationSource.objects.filter(
            object_id=page.translation_key,
            specific_content_type=ContentType.objects.get_for_model(
                page.specific_class
            ),
        )
        .exclude(locale_id=page.locale_id)
        .select_related("locale")
        .order_by("-last_updated_at")
        .first()
    )
    if source is None:
        return None
    source_page = page.get_translation_or_none(source.locale)
    if source_page is None:
        return source.locale.language_code, None
    number = (
        NoticeVersion.objects.filter(
            page=source_page, published_at__lte=source.last_updated_at
        )
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    return source.locale.language_code, number


def build_document(page, *, number: int, published_at, approval=None) -> dict:
    """The API document of ``page`` as version ``number`` (notice-model §6)."""
    from .api import notice_html_url, notice_versions_url

    controller = page.controller
    approval = approval or {}
    document = {
        "slug": page.slug,
        "locale": page.language,
        "title": page.title,
        "framework": page.framework,
        "controller": controller.as_api_dict() if controller else None,
        "sections": render_sections(page),
        "completeness": page.completeness().as_dict(),
        "version": number,
        "published_at": _iso(published_at),
        "approved_at": _iso(approval.get("approved_at")),
        "approval_step": approval.get("approval_step") or None,
        "change_summary": approval.get("change_summary") or "",
        "html_url": notice_html_url(page),
        "versions_url": notice_versions_url(page),
        "source_locale": None,
        "source_version": None,
    }
    source = translation_source_of(page)
    if source is not None:
        document["source_locale"], document["source_version"] = source
    document["content_hash"] = content_hash(document)
    return document


def _in_language(language: str, message: str) -> str:
    with translation.override(language):
        return str(_(message))


def approval_of(revision, language: str = "fi") -> dict:
    """Who approved ``revision`` and when, from Wagtail's workflow task states.

    The step of an administrator's publication is written in the notice's
    ``language``: it is public text, not the admin user's interface language.
    """
    if revision is None:
        return {}
    from .workflows import approved_task_state

    state = approved_task_state(revision)
    if state is None:
        user = publishing_user.get()
        if user is not None and user.is_superuser:
            return {
                "approved_by": user,
                "approval_step": _in_language(
                    language, gettext_noop("Published by an administrator")
                ),
            }
        return {}
    return {
        "approved_at": state.finished_at,
        "approved_by": state.finished_by,
        "approval_step": state.task.name,
    }


def record_version(page, revision, *, change_summary: str = "") -> NoticeVersion:
    """Create the next version of a just-published ``page`` from ``revision``."""
    approval = approval_of(revision, page.language)
    summary = (change_summary or "").strip()
    for _attempt in range(3):
        try:
            with transaction.atomic():
                now = page.last_published_at or timezone.now()
                versions = NoticeVersion.objects.select_for_update().filter(page=page)
                previous = versions.order_by("-number").first()
                number = previous.number + 1 if previous else 1
                if previous and summary == previous.change_summary:
                    summary = ""  # the summary of an earlier change, left in the form
                document = build_document(
                    page,
                    number=number,
                    published_at=now,
                    approval={**approval, "change_summary": summary},
                )
                versions.filter(is_current=True).update(
                    is_current=False, superseded_at=now
                )
                controller = page.controller
                return NoticeVersion.objects.create(
                    page=page,
                    locale_id=page.locale_id,
                    translation_key=page.translation_key,
                    number=number,
                    revision=revision,
                    slug=page.slug,
                    title=page.title,
                    framework=page.framework,
                    controller_business_id=(
                        controller.business_id if controller else ""
                    ),
                    published_at=now,
                    approved_at=approval.get("approved_at"),
                    approved_by=approval.get("approved_by"),
                    approval_step=approval.get("approval_step", ""),
                    change_summary=summary[:500],
                    is_current=True,
                    source_version=document["source_version"],
                    controller_name=controller.name if controller else "",
                    html_url=document["html_url"],
                    document_json=canonical_json(document),
                    content_hash=document["content_hash"],
                )
        except IntegrityError:
            continue  # another publish took the number: read again and retry
    raise RuntimeError(f"could not record a version of page {page.pk}")


def withdraw_versions(page) -> int:
    """Hide ``page``'s versions from the public (unpublishing keeps the history)."""
    return NoticeVersion.objects.filter(page=page, is_current=True).update(
        is_current=False, superseded_at=timezone.now()
    )
