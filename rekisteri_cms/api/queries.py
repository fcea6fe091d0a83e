"""The published versions the notice API may show, and the one in force.

A notice is addressed by its ``id`` (the translation key, the same in every
language) or by a slug it has in some language; a slug it had before a rename
answers ``301`` to the current address (:class:`~.errors.Moved`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, F, OuterRef, Subquery
from django.db.models.lookups import StartsWith
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction, Site

from ..links import root_url
from ..models import NoticeVersion
from .errors import APIError, Moved
from .params import Language


def public_versions():
    """Versions of notices that are live and not behind a view restriction."""
    restricted = PageViewRestriction.objects.filter(
        StartsWith(OuterRef("page__path"), F("page__path"))
    )
    return NoticeVersion.objects.filter(page__live=True).exclude(Exists(restricted))


def notice_key(ref: str) -> uuid.UUID | None:
    """The translation key ``ref`` names, if it is an id (a UUID in canonical form)."""
    try:
        key = uuid.UUID(ref)
    except ValueError:
        return None
    return key if str(key) == ref.lower() else None


@dataclass(frozen=True)
class Current:
    """A notice's version in force now in one language, and its other languages."""

    id: int
    page_id: int
    locale: str
    slug: str
    translation_key: uuid.UUID
    number: int
    html_url: str
    published_at: datetime
    source_version: int | None
    #: The notice's other languages in force now (``Current`` each).
    others: tuple
    #: The default site's root URL, read in the same query.
    site_root: str | None = None


ROW_FIELDS = (
    "site_hostname",
    "site_port",
    "id",
    "page_id",
    "locale__language_code",
    "slug",
    "translation_key",
    "number",
    "html_url",
    "published_at",
    "source_version",
)


def with_site_root(versions):
    """``versions`` with the default site's host and port (for the base URL)."""
    default = Site.objects.filter(is_default_site=True)
    return versions.annotate(
        site_hostname=Subquery(default.values("hostname")[:1]),
        site_port=Subquery(default.values("port")[:1]),
    )


def site_root_of(row: dict) -> str | None:
    return root_url(row.get("site_hostname"), row.get("site_port"))


def _rows(ref: str) -> list[dict]:
    """The current public versions, in every language, of the notice(s) ``ref``
    names: by id, or the notices that have ``ref`` as a current slug."""
    current = with_site_root(public_versions().filter(is_current=True))
    key = notice_key(ref)
    if key is not None:
        rows = list(current.filter(translation_key=key).values(*ROW_FIELDS))
        if rows:
            return rows
    keys = current.filter(slug=ref).values("translation_key")
    return list(current.filter(translation_key__in=keys).values(*ROW_FIELDS))


def _as_current(row: dict, others=()) -> Current:
    return Current(
        id=row["id"],
        page_id=row["page_id"],
        locale=row["locale__language_code"],
        slug=row["slug"],
        translation_key=row["translation_key"],
        number=row["number"],
        html_url=row["html_url"],
        published_at=row["published_at"],
        source_version=row["source_version"],
        others=tuple(others),
        site_root=site_root_of(row),
    )


def resolve(ref: str, language: Language) -> Current:
    """The version in force now of the notice ``ref`` in the language asked for
    (``locale``) or negotiated (``Accept-Language``), or an :class:`APIError`."""
    rows = _rows(ref)
    if not rows:
        raise moved_or_not_found(ref, language)
    direct = [row for row in rows if row["slug"] == ref]
    if direct and language.requested:
        for row in direct:
            if row["locale__language_code"] == language.requested:
                return _with_others(row, rows)
    # The notice: the one whose slug (or id) was given; of several notices that
    # share a slug in different languages, the one in the best language.
    if direct:
        ranked = sorted(
            direct, key=lambda row: language.rank(row["locale__language_code"])
        )
        key = ranked[0]["translation_key"]
        rows = [row for row in rows if row["translation_key"] == key]
    available = sorted({row["locale__language_code"] for row in rows})
    chosen = language.choose(available)
    if chosen is None:
        raise locale_not_available(language.requested, available)
    row = next(row for row in rows if row["locale__language_code"] == chosen)
    return _with_others(row, rows)


def _with_others(row: dict, rows: list[dict]) -> Current:
    others = sorted(
        (
            _as_current(other)
            for other in rows
            if other["translation_key"] == row["translation_key"]
            and other["id"] != row["id"]
        ),
        key=lambda other: other.locale,
    )
    return _as_current(row, others)


def locale_not_available(locale: str | None, locales: list[str]) -> APIError:
    return APIError(
        404,
        _(
            "This notice is not published in the locale “%(locale)s”. Available locales: %(locales)s."
        )
        % {"locale": locale, "locales": ", ".join(locales)},
        "locale_not_available",
        available_locales=locales,
    )


def moved_or_not_found(ref: str, language: Language) -> APIError:
    """``301`` when ``ref`` is a slug the notice had before a rename (in a version
    it published), else ``404 not_found``."""
    old = (
        public_versions()
        .filter(slug=ref)
        .order_by("-published_at")
        .values_list("translation_key", "locale__language_code")
    )
    keys = list(old[:20])
    if keys:
        keys.sort(key=lambda pair: language.rank(pair[1]))
        key, old_locale = keys[0]
        wanted = language.requested or old_locale
        rows = list(
            with_site_root(public_versions())
            .filter(is_current=True, translation_key=key)
            .values(*ROW_FIELDS)
        )
        row = next(
            (r for r in rows if r["locale__language_code"] == wanted), None
        ) or next(
            iter(sorted(rows, key=lambda r: language.rank(r["locale__language_code"]))),
            None,
        )
        if row is not None:
            return Moved(str(key), row["slug"])
    return APIError(404, _("No published notice has this address."), "not_found")


def version_in_force(current: Current, as_of: datetime) -> NoticeVersion:
    """The version of ``current``'s notice and language in force at ``as_of``."""
    version = (
        NoticeVersion.objects.filter(page_id=current.page_id)
        .filter(published_at__lte=as_of)
        .exclude(superseded_at__lte=as_of)
        .order_by("-number")
        .first()
    )
    if version is None:
        raise APIError(
            404,
            _("The notice was not in force at %(as_of)s.")
            % {"as_of": as_of.isoformat()},
            "not_in_force",
        )
    return version
