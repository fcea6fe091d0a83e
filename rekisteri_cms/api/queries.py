"""The published versions the notice API may show, and the one in force.

A notice is addressed by its ``id`` (the translation key, the same in every
language) or by a slug it has in some language; a slug it had before a rename
answers ``301`` to the current address (:class:`~.errors.Moved`).
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Exists, F, OuterRef, Subquery, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from ..documents import iso_utc
from ..links import root_url
from ..models import NoticeVersion, RecordErasure
from ..prepared import PreparedValues, instance_from_row
from .errors import APIError, Moved
from .params import Language


def public_versions():
    """Versions of notices that are live and not behind a view restriction."""
    return NoticeVersion.objects.filter(page__live=True).unrestricted()


def record_versions():
    """Versions whose history is public: of live notices, and of withdrawn ones
    whose record no administrator erased (docs/notice-model.md#withdrawal)."""
    erased = RecordErasure.objects.filter(page_id=OuterRef("page_id"))
    return NoticeVersion.objects.exclude(Exists(erased)).unrestricted()


class Withdrawn(Exception):
    """The notice ``ref`` names was withdrawn: ``current`` is its newest version."""

    def __init__(self, current):
        super().__init__(current)
        self.current = current


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
    #: The version's stored texts, when they were read with it (:func:`version_now`).
    texts: dict | None = None


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


def _current_rows():
    return with_site_root(public_versions().filter(is_current=True))


_FIELD = NoticeVersion._meta.get_field

#: What the notice detail answers with besides the rows: the version's kept detail
#: and what it is checked with, read in the same query for the row in the language
#: asked for (``texts_for``).
DETAIL_FIELDS = (
    "content_hash",
    "approval_step",
    "api_detail",
    "api_detail_key",
    "api_detail_etag",
    "rendered_by",
    "effective_from",
    "effective_to",
)


def _with_texts(rows, texts_for):
    """``rows`` with :data:`DETAIL_FIELDS` of the row in the language ``texts_for``
    (``texts_<field>``, empty in the others: the texts of one version are read)."""
    return rows.annotate(
        **{
            f"texts_{name}": Case(
                When(locale__language_code=texts_for, then=F(name)), default=None
            )
            for name in DETAIL_FIELDS
        }
    ).values(*ROW_FIELDS, *(f"texts_{name}" for name in DETAIL_FIELDS))


_LANGUAGE = Locale._meta.get_field("language_code")
#: The current public versions of the notice with the id ``key``.
_ROWS_BY_KEY = PreparedValues(
    lambda key, texts_for: _with_texts(
        _current_rows().filter(translation_key=key), texts_for
    ),
    key=_FIELD("translation_key"),
    texts_for=_LANGUAGE,
)
#: The current public versions of the notices that have ``slug`` as a current slug.
_ROWS_BY_SLUG = PreparedValues(
    lambda slug, texts_for: _with_texts(
        _current_rows().filter(
            translation_key__in=_current_rows()
            .filter(slug=slug)
            .values("translation_key")
        ),
        texts_for,
    ),
    slug=_FIELD("slug"),
    texts_for=_LANGUAGE,
)


def _rows(ref: str, texts_for: str = "") -> list[dict]:
    """The current public versions, in every language, of the notice(s) ``ref``
    names: by id, or the notices that have ``ref`` as a current slug; with the
    stored texts of the one in the language ``texts_for``."""
    key = notice_key(ref)
    if key is not None:
        rows = _ROWS_BY_KEY(key=key, texts_for=texts_for)
        if rows:
            return rows
    return _ROWS_BY_SLUG(slug=ref, texts_for=texts_for)


def current_languages(ref: str) -> list[str]:
    """The languages the notice(s) ``ref`` names are in force in now."""
    return sorted({row["locale__language_code"] for row in _rows(ref)})


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
        texts=(
            {name: row[f"texts_{name}"] for name in DETAIL_FIELDS}
            if row.get("texts_rendered_by")
            else None
        ),
    )


def _withdrawn_rows(ref: str) -> list[dict]:
    """The newest version, per language, of the withdrawn notice(s) ``ref`` names
    whose record is public (by id, or by a slug one of its versions had)."""
    versions = with_site_root(record_versions().filter(page__live=False))
    key = notice_key(ref)
    if key is not None:
        matching = versions.filter(translation_key=key)
    else:
        matching = versions.filter(
            translation_key__in=versions.filter(slug=ref).values("translation_key")
        )
    newest: dict[tuple, dict] = {}
    for row in matching.order_by("-published_at", "-number").values(*ROW_FIELDS):
        newest.setdefault((row["translation_key"], row["locale__language_code"]), row)
    return list(newest.values())


def resolve(ref: str, language: Language, *, record: bool = False) -> Current:
    """The version in force now of the notice ``ref`` in the language asked for
    (``locale``) or negotiated (``Accept-Language``), or an :class:`APIError`.

    A withdrawn notice whose record is public raises :class:`Withdrawn`, or, with
    ``record`` (its history: versions, one version, diffs), resolves to its
    newest version (docs/notice-model.md#withdrawal).
    """
    # The texts of the language asked for, or else of the reader's first choice
    # (the one usually chosen); another language's are read when needed.
    rows = _rows(ref, language.requested or next(iter(language.preferences), ""))
    if not rows:
        withdrawn = _withdrawn_rows(ref)
        if not withdrawn:
            raise moved_or_not_found(ref, language)
        available = sorted({row["locale__language_code"] for row in withdrawn})
        chosen = language.choose(available)
        if chosen is None:
            raise locale_not_available(language.requested, available)
        row = next(r for r in withdrawn if r["locale__language_code"] == chosen)
        current = _with_others(row, withdrawn)
        if record:
            return current
        raise Withdrawn(current)
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
    """The version of ``current``'s notice and language in force at ``as_of``, by
    the versions' periods (docs/notice-model.md#effective-dates)."""
    version = (
        NoticeVersion.objects.in_force(as_of)
        .filter(page_id=current.page_id)
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


@functools.cache
def _version_by_id(fields: tuple[str, ...]) -> PreparedValues:
    """The version with the id ``pk``, with ``fields`` only (the others deferred)."""
    return PreparedValues(
        lambda pk: NoticeVersion.objects.filter(pk=pk).values(*fields),
        pk=NoticeVersion._meta.pk,
    )


def _version(pk: int, fields: tuple[str, ...]) -> NoticeVersion:
    if not fields:
        return NoticeVersion.objects.get(pk=pk)
    wanted = ("id", "page_id", "effective_from", "effective_to", *fields)
    (row,) = _version_by_id(tuple(dict.fromkeys(wanted)))(pk=pk)
    return instance_from_row(NoticeVersion, row)


def version_now(current: Current, fields=()) -> NoticeVersion:
    """The version of ``current``'s notice in force now: the newest published one,
    unless it takes effect later; then the one still in force (a first version
    announced in advance is shown as it is)."""
    if current.texts is not None and set(fields) <= {*current.texts, "published_at"}:
        # Read with the notice (the language was asked for): no query.
        version = instance_from_row(
            NoticeVersion,
            {
                "id": current.id,
                "page_id": current.page_id,
                "published_at": current.published_at,
                **current.texts,
            },
        )
    else:
        version = _version(current.id, tuple(fields))
    if version.effective_from > timezone.now():
        in_force = NoticeVersion.objects.filter(page_id=current.page_id).in_force()
        if fields:
            in_force = in_force.only(
                *fields, "effective_from", "effective_to", "page_id"
            )
        version = in_force.order_by("-number").first() or version
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
