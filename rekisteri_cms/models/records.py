"""What keeps the public record honest: where an imported notice came from, and
who erased a notice's public record and why (docs/notice-model.md#public-record).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..conf import get_setting


def private_storage() -> FileSystemStorage:
    """Where imported originals are kept: outside ``MEDIA_ROOT``, never served by
    the web server; the admin hands them to reviewers
    (``REKISTERI_CMS_PRIVATE_ROOT``)."""
    return FileSystemStorage(location=get_setting("REKISTERI_CMS_PRIVATE_ROOT"))


def original_path(instance, filename: str) -> str:
    return f"imported/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class ImportedOriginal(models.Model):
    """The file a notice was imported from, kept as it was uploaded."""

    page = models.ForeignKey(
        "rekisteri_cms.PrivacyNoticePage",
        on_delete=models.CASCADE,
        related_name="imported_originals",
        verbose_name=_("notice"),
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=original_path, max_length=500
    )
    name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    #: The digest of the imported draft's section texts
    #: (:func:`rekisteri_cms.models.public_record.sections_digest`): a version with
    #: the same text is published as written.
    text_digest = models.CharField(
        _("digest of the imported text"), max_length=64, blank=True
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )

    class Meta:
        verbose_name = _("imported original")
        verbose_name_plural = _("imported originals")
        ordering = ["page", "imported_at"]

    def __str__(self):
        return f"{self.name} ({self.sha256[:12]})"

    @staticmethod
    def digest(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()


class RecordErasure(models.Model):
    """An administrator erased a withdrawn notice's public record: its history,
    versions and ``as_of`` answers are no longer public. The reason stays."""

    page = models.OneToOneField(
        "rekisteri_cms.PrivacyNoticePage",
        on_delete=models.CASCADE,
        related_name="record_erasure",
        verbose_name=_("notice"),
    )
    reason = models.TextField(_("reason"))
    erased_at = models.DateTimeField(_("erased at"), auto_now_add=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("erased by"),
    )

    class Meta:
        verbose_name = _("erasure of a public record")
        verbose_name_plural = _("erasures of public records")

    def __str__(self):
        return f"{self.page_id}: {self.reason[:60]}"
