"""The published versions the notice API may show, and the one in force."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction

from ..documents import iso_utc
from ..models import NoticeVersion, RecordErasure
from .errors import APIError


def _unrestricted(versions):
    restricted = PageViewRestriction.objects.filter(
        StartsWith(OuterRef("page__path"), F("page__path"))
    )
    return versions.exclude(Exists(restricted))


def public_versions():
    """Versions of notices that are live and not behind a view restriction."""
    return _unrestricted(NoticeVersion.objects.filter(page__live=True))


def record_versions():
    """Versions whose history is public: of live notices, and of withdrawn ones
    whose record no administrator erased (docs/notice-model.md#withdrawal)."""
    erased = RecordErasure.objects.filter(page_id=OuterRef("page_id"))
    return _unrestricted(NoticeVersion.objects.exclude(Exists(erased)))


class Withdrawn(Exception):
    """The notice at this address was withdrawn: ``version`` is its newest."""

    def __init__(self, version):
        super().__init__(version)
        self.version = version


def not_found_for(slug: str, locale: str, *, withdrawn: bool = False) -> Exception:
    """404 for a slug with no public version in ``locale``, naming what exists;
    with ``withdrawn``, :class:`Withdrawn` when the notice there was withdrawn."""
    rows = set(
        record_versions()
        .filter(slug=slug)
        .values_list("locale__language_code", "page__live", "is_current")
    )
    if withdrawn and any(code == locale and not live for code, live, _ in rows):
        version = withdrawn_version(slug, locale)
        if version is not None:
            return Withdrawn(version)
    locales = sorted({code for code, live, current in rows if live and current})
    if not locales:
        return APIError(404, _("No published notice has this address."), "not_found")
    return APIError(
        404,
        _(
            "This notice is not published in the locale “%(locale)s”. Available locales: %(locales)s."
        )
        % {"locale": locale, "locales": ", ".join(locales)},
        "locale_not_available",
        available_locales=locales,
    )


def withdrawn_version(slug: str, locale: str, fields=None):
    """The newest version of a withdrawn notice with this address, or ``None``."""
    versions = record_versions().filter(
        slug=slug, locale__language_code=locale, page__live=False
    )
    if fields:
        versions = versions.only(*fields)
    return versions.order_by("-published_at", "-number").first()


def record_head(slug: str, locale: str, fields=None):
    """The newest version of the notice with this address whose history is
    public (live or withdrawn); 404 when there is none."""
    versions = public_versions().filter(
        slug=slug, locale__language_code=locale, is_current=True
    )
    if fields:
        versions = versions.only(*fields)
    version = versions.first()
    if version is None:
        version = withdrawn_version(slug, locale, fields)
    if version is None:
        raise not_found_for(slug, locale)
    return version


def gone(version, request_locale: str, versions_url: str, html_url: str) -> APIError:
    """410 for a withdrawn notice: when, and where its history is."""
    return APIError(
        410,
        _(
            "This notice was withdrawn on %(date)s. Its versions remain public in "
            "its history."
        )
        % {"date": date_format(timezone.localtime(version.effective_to), "j.n.Y")}
        if version.effective_to
        else _("This notice was withdrawn. Its versions remain public in its history."),
        "withdrawn",
        withdrawn_at=iso_utc(version.effective_to),
        versions_url=versions_url,
        history_url=(html_url.rstrip("/") + "/history/") if html_url else None,
        locale=request_locale,
    )


def current_version(
    slug: str, locale: str, *, as_of: datetime | None = None, fields=None
):
    """The version in force now or at ``as_of`` (by the versions' periods).

    Now: the newest published version, unless it takes effect later; then the
    one still in force (a first version announced in advance is shown as it is).
    """
    if fields:
        fields = [*fields, "effective_from", "effective_to", "page_id"]
    if as_of is None:
        versions = public_versions().filter(
            slug=slug, locale__language_code=locale, is_current=True
        )
        if fields:
            versions = versions.only(*fields)
        version = versions.first()
        if version is None:
            raise not_found_for(slug, locale, withdrawn=True)
        if version.effective_from > timezone.now():
            in_force = NoticeVersion.objects.filter(page_id=version.page_id).in_force()
            if fields:
                in_force = in_force.only(*fields)
            version = in_force.order_by("-number").first() or version
        return version
    # One query when the notice is live; the others only for a withdrawn one or
    # an answer of "not in force".
    live_pages = public_versions().filter(
        slug=slug, locale__language_code=locale, is_current=True
    )
    versions = NoticeVersion.objects.in_force(as_of)
    if fields:
        versions = versions.only(*fields)
    version = (
        versions.filter(page_id__in=live_pages.values("page_id"))
        .order_by("-number")
        .first()
    )
    if version is None:
        head = record_head(slug, locale, fields=["id", "page_id"])
        version = versions.filter(page_id=head.page_id).order_by("-number").first()
    if version is None:
        raise APIError(
            404,
            _("The notice was not in force at %(as_of)s.")
            % {"as_of": as_of.isoformat()},
            "not_in_force",
        )
    return version
