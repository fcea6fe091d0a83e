"""Webhook endpoints, the events sent to them, deliveries and their attempts."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..conf import get_setting
from ..validators import validate_business_id
from .addresses import validate_webhook_url
from .signing import new_secret

NOTICE_PUBLISHED = "notice.published"
NOTICE_WITHDRAWN = "notice.withdrawn"
NOTICE_TRANSLATION_PUBLISHED = "notice.translation_published"
TEST_EVENT = "webhook.test"

EVENT_CHOICES = [
    (NOTICE_PUBLISHED, _("A notice was published")),
    (NOTICE_TRANSLATION_PUBLISHED, _("A translation of a notice was published")),
    (NOTICE_WITHDRAWN, _("A notice was withdrawn")),
]
EVENT_TYPES = [value for value, _label in EVENT_CHOICES]


def default_events() -> list[str]:
    return list(EVENT_TYPES)


class WebhookEndpoint(models.Model):
    """A storefront's address that is told of changes to notices."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(
        _("URL"),
        max_length=500,
        validators=[validate_webhook_url],
        help_text=_("The receiver's https:// address."),
    )
    events = models.JSONField(_("events"), default=default_events)
    controller_business_id = models.CharField(
        _("controller's business ID"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Only notices of this controller (Y-tunnus); empty for all."),
    )
    locale = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_("Only notices in this language; empty for all."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    secret = models.CharField(_("secret"), max_length=100, default=new_secret)
    previous_secret = models.CharField(_("previous secret"), max_length=100, blank=True)
    previous_secret_expires_at = models.DateTimeField(
        _("previous secret valid until"), null=True, blank=True
    )
    consecutive_failures = models.PositiveIntegerField(
        _("consecutive failed deliveries"), default=0
    )
    disabled_at = models.DateTimeField(
        _("switched off after failures at"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def signing_secrets(self, now=None) -> list[str]:
        """The current secret, and the previous one while its overlap lasts."""
        now = now or timezone.now()
        found = [self.secret]
        if (
            self.previous_secret
            and self.previous_secret_expires_at is not None
            and self.previous_secret_expires_at > now
        ):
            found.append(self.previous_secret)
        return found

    def rotate_secret(self, overlap: float | None = None) -> str:
        """A new secret; the old one still signs for ``overlap`` seconds."""
        if overlap is None:
            overlap = get_setting("REKISTERI_CMS_WEBHOOK_SECRET_OVERLAP")
        self.previous_secret = self.secret
        self.previous_secret_expires_at = timezone.now() + timedelta(seconds=overlap)
        self.secret = new_secret()
        self.save(
            update_fields=[
                "secret",
                "previous_secret",
                "previous_secret_expires_at",
                "updated_at",
            ]
        )
        return self.secret

    def wants(self, event_type: str, business_id: str, locale: str) -> bool:
        if event_type not in (self.events or []):
            return False
        if self.controller_business_id and self.controller_business_id != business_id:
            return False
        return not (self.locale and self.locale != locale)


class WebhookEvent(models.Model):
    """Something that happened to a notice, as every receiver gets it."""

    type = models.CharField(_("event"), max_length=64, db_index=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    translation_key = models.UUIDField(_("notice"), null=True, blank=True)
    data = models.JSONField(_("data"))

    class Meta:
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.type} {self.created_at:%Y-%m-%d %H:%M:%S}"


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


class WebhookDelivery(models.Model):
    """One event to one endpoint: the same ``webhook-id`` on every attempt."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(
        WebhookEvent,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("event"),
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    message_id = models.CharField(
        _("webhook-id"), max_length=64, unique=True, default=new_message_id
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    attempt_count = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_status_code = models.PositiveIntegerField(
        _("last status code"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "endpoint"], name="one_delivery_per_endpoint_and_event"
            )
        ]

    def __str__(self):
        return f"{self.event.type} → {self.endpoint}"


class WebhookAttempt(models.Model):
    """One HTTP request of a delivery."""

    delivery = models.ForeignKey(
        WebhookDelivery,
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("delivery"),
    )
    number = models.PositiveIntegerField(_("attempt"))
    started_at = models.DateTimeField(_("time"))
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    status_code = models.PositiveIntegerField(_("status code"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    response_excerpt = models.TextField(_("response"), blank=True)

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["delivery", "number"]

    def __str__(self):
        return f"{self.delivery} #{self.number}"
