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

from .api import invalidate_api_cache, invalidate_notice_cache


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


def notice_slugs(page) -> set[str]:
    """Every slug under which ``page`` or one of its translations was ever served."""
    from wagtail.models import Page

    from .versions import NoticeVersion

    slugs = {page.slug}
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
    """Forget the notice's cached responses now and again after the commit (a
    reader may cache the old state meanwhile); purge the front cache after it."""
    slugs = notice_slugs(page)
    invalidate_notice_cache(slugs)
    transaction.on_commit(lambda: invalidate_notice_cache(slugs))
    transaction.on_commit(lambda: purge_front_cache(page))


def _changed_everything(page=None) -> None:
    invalidate_api_cache()
    transaction.on_commit(invalidate_api_cache)
    if page is not None:
        transaction.on_commit(lambda: purge_front_cache(page))


def is_untranslated_alias(page, revision=None) -> bool:
    """Is ``page`` an alias of a page in another language?

    Such an alias (wagtail-localize's "convert to alias", a synchronised page tree)
    shows the source text under another language's address: it was neither
    translated nor reviewed, so its publication records no version and readers
    do not get it. The source is ``alias_of``, or the page whose revision was
    published (wagtail-localize signals before it sets ``alias_of``).
    """
    from wagtail.models import Page

    sources = {page.alias_of_id}
    if revision is not None:
        sources.add(int(revision.object_id))
    sources -= {None, page.pk}
    return (
        Page.objects.filter(pk__in=sources).exclude(locale_id=page.locale_id).exists()
    )


def withhold_unreviewed_publication(page) -> None:
    """Undo a publication that went around the review, in the page row.

    A copy "kept live" by Wagtail has no version of its own: it becomes a draft
    that goes through review like any new notice. A page that already has a
    version in force keeps that version as its live revision.
    """
    from .versions import NoticeVersion

    current = (
        NoticeVersion.objects.current()
        .filter(page_id=page.pk, revision__isnull=False)
        .first()
    )
    if current is not None:
        changes = {"live_revision_id": current.revision_id}
    else:
        changes = {"live": False, "live_revision_id": None}
    type(page).objects.filter(pk=page.pk).update(
        has_unpublished_changes=True, **changes
    )
    for name, value in {"has_unpublished_changes": True, **changes}.items():
        setattr(page, name, value)


def on_page_published(sender, instance, revision=None, **kwargs):
    from .versions import publishing_revision, record_version
    from .workflows import publication_allowed

    if not instance.live:
        # Wagtail sends the signal when it only schedules a never-live page: the
        # version is recorded when the page goes live, not before.
        return

    came_through_gate = (
        revision is not None and publishing_revision.get() == revision.pk
    )
    if not came_through_gate and not publication_allowed(instance, revision, None):
        # Published around PrivacyNoticePage.publish (Wagtail's "copy and keep
        # live" sends the signal itself): no version, so readers see nothing
        # until a legal reviewer approves it, and the admin must not show it as
        # live either.
        if not kwargs.get("alias"):
            withhold_unreviewed_publication(instance)
        _changed(instance)
        return

    if kwargs.get("alias") and is_untranslated_alias(instance, revision):
        return
    record_version(instance, revision, change_summary=instance.change_summary)
    _changed(instance)


def on_page_unpublished(sender, instance, **kwargs):
    from .versions import withdraw_versions

    withdraw_versions(instance)
    _changed(instance)


def on_page_moved(sender, instance, **kwargs):
    # Moving any page can change the addresses of notices below it.
    _changed_everything(instance)


def on_view_restriction_changed(sender, instance, **kwargs):
    _changed_everything()


def on_notice_deleted(sender, instance, **kwargs):
    _changed_everything()


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
