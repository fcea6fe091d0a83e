"""Keep versions and caches in step with publishing.

Connected in ``RekisteriCmsConfig.ready()``. Publishing a notice records its next
version; unpublishing, moving, deleting or restricting one hides it. Each of these
forgets the cached API responses and purges the front cache where one is set up.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .api.views import keep_details
from .cache.tags import invalidate_api_cache, invalidate_notice_cache
from .conf import get_setting
from .links import public_urls, remember_public_base_url
from .models import (
    NoticeVersion,
    PrivacyNoticeIndexPage,
    PrivacyNoticePage,
    RecordErasure,
)
from .publishing import record_publication, withdraw_versions
from .roles import assign_legal_review, sync_editor_upload_permissions

logger = logging.getLogger(__name__)


def purge_front_cache(page) -> None:
    """Queue the purge of ``page``'s URLs (Wagtail's purge task); a front cache
    that fails is logged and never fails the publication."""
    if "wagtail.contrib.frontend_cache" not in settings.INSTALLED_APPS:
        return
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(public_urls(page))
    except Exception:
        logger.exception("Could not purge the front cache of page %s", page.pk)


def notice_slugs(page) -> set[str]:
    """Every slug under which ``page`` or one of its translations was ever served."""
    slugs = {page.slug, str(page.translation_key)}  # its id addresses it too
    slugs.update(
        Page.objects.filter(translation_key=page.translation_key).values_list(
            "slug", flat=True
        )
    )
    slugs.update(
        NoticeVersion.objects.filter(translation_key=page.translation_key)
        .values_list("slug", flat=True)
        .distinct()
    )
    return slugs


def _changed(page) -> None:
    """Forget the notice's cached responses, in the publishing transaction (the
    record is in the database: a cache that is down meanwhile cannot lose it, see
    :mod:`rekisteri_cms.cache.tags`), with the notice's API details assembled for
    its first readers; purge the front cache after the commit."""
    invalidate_notice_cache(notice_slugs(page))
    keep_details(page.translation_key)
    transaction.on_commit(lambda: purge_front_cache(page))


def _changed_everything(page=None) -> None:
    invalidate_api_cache()
    if page is not None:
        transaction.on_commit(lambda: purge_front_cache(page))


def on_page_published(sender, instance, revision=None, **kwargs):
    if not instance.live:
        # Wagtail sends the signal when it only schedules a never-live page: the
        # version is recorded when the page goes live, not before.
        return
    if record_publication(instance, revision, alias=bool(kwargs.get("alias"))):
        _changed(instance)


def on_page_unpublished(sender, instance, **kwargs):
    withdraw_versions(instance)
    _changed(instance)


def on_page_moved(sender, instance, **kwargs):
    # Moving any page can change the addresses of notices below it.
    _changed_everything(instance)


def on_view_restriction_changed(sender, instance, **kwargs):
    _changed_everything()


def on_notice_deleted(sender, instance, **kwargs):
    _changed_everything()


def on_site_changed(sender, instance, **kwargs):
    """Absolute links follow the default site's root URL (unless the setting
    ``REKISTERI_CMS_PUBLIC_BASE_URL`` names one): read it again, forget every
    response."""
    remember_public_base_url()
    _changed_everything()
    transaction.on_commit(remember_public_base_url)


def on_record_erased(sender, instance, raw=False, **kwargs):
    """An erased record's history must leave the caches too."""
    if not raw:
        _changed(instance.page)


def on_index_created(sender, instance, created, raw=False, **kwargs):
    """Every new notices index gets the Legal review workflow."""
    if created and not raw:
        assign_legal_review(instance)


def on_post_migrate(sender, **kwargs):
    """Editors' upload rights follow ``REKISTERI_CMS_EDITOR_UPLOADS`` after every
    ``migrate`` (the permissions exist only once the apps have migrated)."""
    if sender.label == "rekisteri_cms":
        sync_editor_upload_permissions(
            allow_uploads=bool(get_setting("REKISTERI_CMS_EDITOR_UPLOADS"))
        )


def connect() -> None:
    post_migrate.connect(on_post_migrate)
    page_published.connect(on_page_published, sender=PrivacyNoticePage)
    page_unpublished.connect(on_page_unpublished, sender=PrivacyNoticePage)
    post_page_move.connect(on_page_moved)
    post_save.connect(on_view_restriction_changed, sender=PageViewRestriction)
    post_delete.connect(on_view_restriction_changed, sender=PageViewRestriction)
    post_delete.connect(on_notice_deleted, sender=PrivacyNoticePage)
    post_save.connect(on_index_created, sender=PrivacyNoticeIndexPage)
    post_save.connect(on_site_changed, sender=Site)
    post_delete.connect(on_site_changed, sender=Site)
    post_save.connect(on_record_erased, sender=RecordErasure)
