"""A legal reviewer's justified override of the item check (docs/legal-check.md).

The check reads text, and text can state an item in words it does not know. A
legal reviewer may then mark a missing item present, but only with a written
justification, and only for the text they read: the override records a digest of
what the check read (:func:`rekisteri_cms.completeness.check_fingerprint`), and
any change to that text makes the item missing again until someone looks anew.
The overrides in force when a revision is published are copied into its version's
approval record.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..legal.items import ITEMS


class ItemOverrideQuerySet(models.QuerySet):
    def for_fingerprint(self, fingerprint: str) -> ItemOverrideQuerySet:
        return self.filter(fingerprint=fingerprint, revoked_at__isnull=True)


class ItemOverride(models.Model):
    """ "Present, because …": a reviewer's judgement that the text gives an item."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="item_overrides",
        verbose_name=_("notice"),
    )
    item = models.CharField(
        _("information item"),
        max_length=40,
        choices=[(item.code, item.en) for item in ITEMS],
    )
    justification = models.TextField(
        _("justification"),
        help_text=_(
            "Why the notice gives this information although the check did not find "
            "it: quote or point to the wording."
        ),
    )
    fingerprint = models.CharField(_("text digest"), max_length=64, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ItemOverrideQuerySet.as_manager()

    class Meta:
        verbose_name = _("item override")
        verbose_name_plural = _("item overrides")
        ordering = ["page", "item", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "item", "fingerprint"],
                condition=models.Q(revoked_at__isnull=True),
                name="rekisteri_cms_one_override_per_item_and_text",
            )
        ]

    def __str__(self):
        return f"{self.item}: {self.justification[:60]}"

    def clean(self):
        super().clean()
        if not (self.justification or "").strip():
            raise ValidationError(
                {
                    "justification": _(
                        "Write why the notice gives this information: an override "
                        "without a justification is not allowed."
                    )
                },
                code="justification_required",
            )

    def as_record(self) -> dict[str, str | None]:
        """The override as a version's approval record keeps it."""
        return {
            "item": self.item,
            "justification": self.justification,
            "by": self.created_by.get_username() if self.created_by_id else None,
            "at": self.created_at.isoformat() if self.created_at else None,
        }
