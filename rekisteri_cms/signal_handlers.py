"""Keep versions and caches in step with publishing.

Connected in ``RekisteriCmsConfig.ready()``. Publishing a notice records its next
version; unpublishing, moving, deleting or restricting one hides it. Each of these
forgets the cached API responses and purges the front cache where one is set up.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .api import invalidate_api_cache


def _notice_model():
    return apps.get_model("rekisteri_cms", "PrivacyNoticePage")


def public_urls(page) -> list[str]:
    """The URLs a front cache may hold for ``page``: its page and its API views."""
    from .api import notice_api_url

    page_url = page.get_full_url()
    if not page_url:  # a page outside every site has no public URL
        return []
    return [
        page_url,
        notice_api_url("notice-detail", page),
        notice_api_url("notice-versions", page),
    ]


def purge_front_cache(page) -> None:
    if "wagtail.contrib.frontend_cache" not in settings.INSTALLED_APPS:
        return
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(public_urls(page))


def _changed(page) -> None:
    """Forget cached responses now and purge the front cache after the commit."""
    invalidate_api_cache()
    transaction.on_commit(invalidate_api_cache)
    transaction.on_commit(lambda: purge_front_cache(page))


def on_page_published(sender, instance, revision=None, **kwargs):
    from .versions import record_version

    record_version(instance, revision, change_summary=instance.change_summary)
    _changed(instance)


def on_page_unpublished(sender, instance, **kwargs):
    from .versions import withdraw_versions

    withdraw_versions(instance)
    _changed(instance)


def on_page_moved(sender, instance, **kwargs):
    if isinstance(instance.specific, _notice_model()):
        _changed(instance)


def on_view_restriction_changed(sender, instance, **kwargs):
    invalidate_api_cache()
    transaction.on_commit(invalidate_api_cache)


def on_notice_deleted(sender, instance, **kwargs):
    invalidate_api_cache()


def connect() -> None:
    from wagtail.models import PageViewRestriction

    notice = _notice_model()
    page_published.connect(on_page_published, sender=notice)
    page_unpublished.connect(on_page_unpublished, sender=notice)
    post_page_move.connect(on_page_moved)
    post_save.connect(on_view_restriction_changed, sender=PageViewRestriction)
    post_delete.connect(on_view_restriction_changed, sender=PageViewRestriction)
    post_delete.connect(on_notice_deleted, sender=notice)
    post_save.connect(
        on_index_created,
        sender=apps.get_model("rekisteri_cms", "PrivacyNoticeIndexPage"),
    )


def on_index_created(sender, instance, created, raw=False, **kwargs):
    """Every new notices index gets the Legal review workflow."""
    if created and not raw:
        from .workflows import assign_legal_review

        assign_legal_review(instance)
