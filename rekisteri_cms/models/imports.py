"""An upload waiting in the admin importer: read by a task, checked by its editor,
imported once (docs/operations.md#task-queue)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .records import private_storage


def import_job_path(instance, filename: str) -> str:
    return f"import-jobs/{instance.pk}/{filename}"


class ImportJob(models.Model):
    """One uploaded notice file on its way to a draft.

    The file waits in private storage (``REKISTERI_CMS_PRIVATE_ROOT``, like
    :class:`ImportedOriginal`); a task reads it and stores the dry run as JSON in
    ``result``; the editor who uploaded it checks the result and imports it once.
    """

    QUEUED = "queued"
    READING = "reading"
    READY = "ready"
    FAILED = "failed"
    IMPORTED = "imported"
    STATUS_CHOICES = [
        (QUEUED, _("queued")),
        (READING, _("reading")),
        (READY, _("ready to check")),
        (FAILED, _("failed")),
        (IMPORTED, _("imported")),
    ]
    #: The steps of a read, in order (their labels are the admin's).
    STEPS = 3

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    index = models.ForeignKey(
        "rekisteri_cms.PrivacyNoticeIndexPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("notices index"),
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=import_job_path, max_length=500
    )
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    framework = models.CharField(_("framework"), max_length=16, blank=True)
    #: The admin language of the uploader: the task's messages are in it.
    ui_language = models.CharField(max_length=16, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=STATUS_CHOICES, default=QUEUED
    )
    #: The step being done (1 to :attr:`STEPS`), 0 before the read starts.
    step = models.PositiveSmallIntegerField(_("step"), default=0)
    #: The dry run: the parsed notice as JSON (see ``admin.import_jobs``).
    result = models.JSONField(_("result"), null=True, blank=True)
    #: "unreadable" (``error`` says why), "stopped" or "error".
    error_code = models.CharField(max_length=16, blank=True)
    error = models.TextField(_("error"), blank=True)
    #: Sent back with the confirmation: a form from an older read is refused.
    token = models.CharField(max_length=32, blank=True)
    #: The django-tasks result of the read, to notice a task that failed.
    task_id = models.CharField(max_length=64, blank=True)
    page = models.ForeignKey(
        "rekisteri_cms.PrivacyNoticePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported notice"),
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    started_at = models.DateTimeField(_("reading started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice import")
        verbose_name_plural = _("notice imports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.name} ({self.status})"

    @property
    def is_pending(self) -> bool:
        """Whether the file is still waiting for, or in, its read."""
        return self.status in (self.QUEUED, self.READING)

    def read_file(self) -> bytes:
        with self.file.open("rb") as handle:
            return handle.read()

    def delete_file(self) -> None:
        if self.file:
            self.file.delete(save=False)
