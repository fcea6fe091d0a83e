"""Receivers: a new notice version and an unpublished notice become events.

A ``NoticeVersion`` is recorded only when a reviewed revision goes live
(:mod:`rekisteri_cms.publishing`), never for a draft, a submission or a rejected
revision, so those send nothing.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from wagtail.signals import page_unpublished

from ..models import NoticeVersion, PrivacyNoticePage
from . import events


def on_version_recorded(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.is_current:
        events.notice_version_published(instance)


def on_notice_unpublished(sender, instance, **kwargs):
    """Unpublished, or deleted while live (Wagtail unpublishes it first)."""
    version = NoticeVersion.objects.filter(page=instance).order_by("-number").first()
    if version is not None:
        events.notice_withdrawn(instance, version)


def connect() -> None:
    post_save.connect(
        on_version_recorded, sender=NoticeVersion, dispatch_uid="webhooks_version"
    )
    page_unpublished.connect(
        on_notice_unpublished,
        sender=PrivacyNoticePage,
        dispatch_uid="webhooks_unpublished",
    )
