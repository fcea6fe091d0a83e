"""Wagtail's page view with a short way to the notice pages (docs/operations.md#performance).

Wagtail finds the page for an address by steps, each a query unless Django's cache
remembers it: the site for the host name, its root page in the address's language,
the page at each level of the path, its specific class, the view restrictions of
its ancestors. When nothing is cached (a cold start, a cache outage, a miss) that
is most of the cost of a notice page. :func:`serve` finds a notice page that an
anonymous reader may see in one query, by the same rules, and lets the page serve
itself; anything else (other pages, a notice with a restriction, a version that
is not plainly in force, a reader with a session, several sites, hooks of other
apps) goes the whole way through Wagtail's :func:`wagtail.views.serve`, which
answers exactly as before.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db.models import CharField, Exists, F, OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from wagtail import hooks
from wagtail.models import Locale, Page, Site
from wagtail.models.sites import SiteRootPath
from wagtail.views import serve as wagtail_serve

from .cache.tags import mark_cacheable, slug_tag
from .documents import body_renderer
from .models import NoticeVersion, PrivacyNoticePage
from .models.versions import view_restrictions_of
from .prepared import PreparedValues, instance_from_row

_HTML = "text/html; charset=utf-8"

#: The page's columns, in model order (``from_db`` takes them so), but its content:
#: the page shows its published version, and the content (a draft's) would be parsed
#: for nothing. It is loaded if something asks for it.
_PAGE_COLUMNS = tuple(
    f.attname for f in PrivacyNoticePage._meta.concrete_fields if f.attname != "body"
)


def _notice_at(language, path, slug, now):
    """The live, unrestricted notice page at ``path`` (whose last part is ``slug``)
    under the default site's root in ``language``, when that site is the only one
    and the notice's current version is in force from before ``now`` with no end.
    The slug narrows the pages by its index before their paths are compared."""
    default_root = Site.objects.filter(is_default_site=True).values(
        "root_page__translation_key"
    )[:1]
    root_path = Page.objects.filter(
        translation_key=Subquery(default_root), locale__language_code=language
    ).values("url_path")[:1]
    in_force = NoticeVersion.objects.filter(
        page_id=OuterRef("pk"),
        is_current=True,
        effective_from__lte=now,
        effective_to__isnull=True,
    )
    return (
        # The language is compared by notice_page: as a condition here, without
        # statistics SQLite would scan the language's pages instead of using the
        # slug's index.
        PrivacyNoticePage.objects.filter(live=True, slug=slug)
        .annotate(
            wanted_path=Concat(
                Subquery(root_path), Value(path), output_field=CharField()
            ),
        )
        .filter(url_path=F("wanted_path"))
        .filter(Exists(in_force))
        .exclude(Exists(Site.objects.filter(is_default_site=False)))
        .exclude(Exists(view_restrictions_of("path")))
        .annotate(
            # The page as last rendered for its current version (see serve).
            stored_version=Subquery(in_force.values("pk")[:1]),
            stored_key=Subquery(in_force.values("page_key")[:1]),
            stored_html=Subquery(in_force.values("page_html")[:1]),
        )
        .values(
            *_PAGE_COLUMNS,
            "locale__language_code",
            "stored_version",
            "stored_key",
            "stored_html",
        )
    )


_NOTICE_AT = PreparedValues(
    _notice_at,
    language=Locale._meta.get_field("language_code"),
    path=Page._meta.get_field("url_path"),
    slug=Page._meta.get_field("slug"),
    now=NoticeVersion._meta.get_field("effective_from"),
)


def _site_roots():
    """The only site's root page in each language, with the site's columns."""
    default = Site.objects.filter(is_default_site=True)
    return Page.objects.filter(
        translation_key=Subquery(default.values("root_page__translation_key")[:1])
    ).values(
        "url_path",
        "locale__language_code",
        **{
            f"site_{name}": Subquery(default.values(name)[:1]) for name in _SITE_COLUMNS
        },
    )


_SITE_COLUMNS = tuple(f.attname for f in Site._meta.concrete_fields)
_SITE_ROOTS = PreparedValues(_site_roots)


def _remember_site(request) -> list[dict]:
    """Tell Wagtail's URL methods the site and its root paths for this request, as
    ``Site.find_for_request`` and ``Site.get_site_root_paths`` would find them for
    the only site (two queries, or one when nothing is cached)."""
    rows = _SITE_ROOTS()
    if not rows:
        return rows
    site = instance_from_row(Site, rows[0], prefix="site_")
    request._wagtail_site = site
    request._wagtail_cached_site_root_paths = [
        SiteRootPath(
            site.pk, row["url_path"], site.root_url, row["locale__language_code"]
        )
        for row in sorted(rows, key=lambda row: row["url_path"], reverse=True)
    ]
    return rows


def _only_wagtails_own_serve_hooks() -> bool:
    """Whether the page view is wrapped only in Wagtail's own view-restriction check
    (which the look-up above does): another app's wrapper needs the whole way."""
    return all(
        fn.__module__ == "wagtail.wagtail_hooks"
        for fn in hooks.get_hooks("on_serve_page")
    )


def notice_page(request, path: str) -> PrivacyNoticePage | None:
    """The notice page an anonymous reader gets at ``path``, found in one query, or
    ``None`` when the address needs Wagtail's routing."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None  # an editor's preview bar, a passed password restriction
    language = translation.get_language()
    if not language or not path or not _only_wagtails_own_serve_hooks():
        return None
    slug = path.rstrip("/").rpartition("/")[2]
    rows = _NOTICE_AT(language=language, path=path, slug=slug, now=timezone.now())
    if len(rows) != 1 or rows[0]["locale__language_code"] != language:
        return None
    page = instance_from_row(PrivacyNoticePage, rows[0])
    page.locale = Locale(pk=page.locale_id, language_code=language)
    page.stored_page = StoredPage(
        rows[0]["stored_version"], rows[0]["stored_key"], rows[0]["stored_html"]
    )
    return page


# The page as rendered, kept with the version ------------------------------------------


@dataclass(frozen=True)
class StoredPage:
    """The current version's page as last rendered, and what it was rendered from."""

    version_id: int
    key: str
    html: str


#: What a page's translations are read for: their addresses, and whether what they
#: show is plainly in force (an announced or ending version changes by itself).
_TRANSLATION_STATES = PreparedValues(
    lambda key: (
        NoticeVersion.objects.filter(
            translation_key=key, is_current=True, page__live=True
        )
        .unrestricted()
        .order_by("page_id")
        .values(
            "page_id",
            "locale__language_code",
            "number",
            "effective_from",
            "effective_to",
            "page__url_path",
        )
    ),
    key=NoticeVersion._meta.get_field("translation_key"),
)


@functools.cache
def _templates_digest() -> str:
    """The page's templates, the message catalogues and the static files' names: a
    release that changes one of them renders every page again."""
    digest = hashlib.sha256(body_renderer().encode())
    folders = [Path(__file__).resolve().parent / "templates"]
    for engine in settings.TEMPLATES:
        folders += [Path(folder) for folder in engine.get("DIRS", ())]
    for folder in folders:
        for template in sorted(folder.rglob("*.html")):
            digest.update(str(template.relative_to(folder)).encode())
            digest.update(template.read_bytes())
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if manifest and staticfiles_storage.exists(manifest):
        with staticfiles_storage.open(manifest) as file:
            digest.update(file.read())
    digest.update(repr(getattr(settings, "WAGTAIL_SITE_NAME", "")).encode())
    return digest.hexdigest()


def _page_key(request, page, site_rows: list[dict]) -> str | None:
    """What the page's HTML is rendered from besides its version, as a digest; or
    ``None`` when a translation's text changes by itself at a date (the page's
    translation notice may then change without any write to the database), or when
    the address has parameters (the page is rendered for them, as the response
    cache keeps them apart)."""
    if request.META.get("QUERY_STRING"):
        return None
    states = _TRANSLATION_STATES(key=page.translation_key)
    now = timezone.now()
    if any(
        state["effective_from"] > now or state["effective_to"] is not None
        for state in states
    ):
        return None
    facts = (
        _templates_digest(),
        request.scheme,
        [
            getattr(page, name)
            for name in (
                "pk",
                "url_path",
                "slug",
                "title",
                "seo_title",
                "search_description",
                "first_published_at",
            )
        ],
        sorted(tuple(sorted(row.items())) for row in site_rows),
        [tuple(sorted(state.items())) for state in states],
    )
    return hashlib.sha256(repr(facts).encode()).hexdigest()


def _stored_response(request, page, key: str) -> HttpResponse:
    response = HttpResponse(page.stored_page.html, content_type=_HTML)
    # As the rendered page: its template reads the reader's session (none here).
    patch_vary_headers(response, ("Cookie",))
    mark_cacheable(response, [slug_tag(page.slug)])
    return response


def _store(page, key: str, response) -> None:
    """Keep the rendered page with its version, unless it is no longer current."""
    NoticeVersion.objects.filter(pk=page.stored_page.version_id, is_current=True).keep(
        page_html=response.content.decode(), page_key=key
    )


def serve(request, path: str) -> HttpResponse:
    """Wagtail's page view, with notice pages found in one query."""
    page = notice_page(request, path)
    if page is None:
        return wagtail_serve(request, path)
    site_rows = _remember_site(request)
    page, args, kwargs = page.route(request, [])
    # As Wagtail's view: its checks before serving (the request method), then the
    # page (the view-restriction wrapper has nothing to check: see notice_page).
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    # The page's HTML depends on its version (immutable), the facts in _page_key
    # and nothing else: while they are the same, the HTML last rendered is served.
    key = _page_key(request, page, site_rows)
    if key is not None and page.stored_page.key == key:
        return _stored_response(request, page, key)
    response = page.serve(request, *args, **kwargs)
    if key is not None and response.status_code == 200:
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        _store(page, key, response)
    return response
