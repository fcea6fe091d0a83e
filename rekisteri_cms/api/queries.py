"""The published versions the notice API may show, and the one in force."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction

from ..models import NoticeVersion
from .errors import APIError


def public_versions():
    """Versions of notices that are live and not behind a view restriction."""
    restricted = PageViewRestriction.objects.filter(
        StartsWith(OuterRef("page__path"), F("page__path"))
    )
    return NoticeVersion.objects.filter(page__live=True).exclude(Exists(restricted))


def not_found_for(slug: str, locale: str) -> APIError:
    """404 for a slug with no public version in ``locale``, naming what exists."""
    locales = sorted(
        set(
            public_versions()
            .filter(slug=slug, is_current=True)
            .values_list("locale__language_code", flat=True)
        )
    )
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


def current_version(
    slug: str, locale: str, *, as_of: datetime | None = None, fields=None
):
    versions = public_versions().filter(slug=slug, locale__language_code=locale)
    if as_of is None:
        versions = versions.filter(is_current=True)
    else:
        # The version in force at ``as_of`` of a notice that is public now.
        live = public_versions().filter(
            slug=slug, locale__language_code=locale, is_current=True
        )
        versions = (
            NoticeVersion.objects.filter(page__in=live.values("page"))
            .filter(published_at__lte=as_of)
            .exclude(superseded_at__lte=as_of)
        )
    if fields:
        versions = versions.only(*fields)
    version = versions.order_by("-number").first()
    if version is None:
        if (
            as_of is not None
            and public_versions()
            .filter(slug=slug, locale__language_code=locale, is_current=True)
            .exists()
        ):
            raise APIError(
                404,
                _("The notice was not in force at %(as_of)s.")
                % {"as_of": as_of.isoformat()},
                "not_in_force",
            )
        raise not_found_for(slug, locale)
    return version
