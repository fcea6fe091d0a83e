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

from django.conf import settings
from django.db.models import CharField, Exists, F, OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.http import HttpResponse
from django.utils import timezone, translation
from wagtail import hooks
from wagtail.models import Locale, Page, Site
from wagtail.models.sites import SiteRootPath
from wagtail.views import serve as wagtail_serve

from .models import NoticeVersion, PrivacyNoticePage
from .models.versions import view_restrictions_of
from .prepared import PreparedValues

#: The page's columns, in model order (``from_db`` takes them so).
_PAGE_COLUMNS = tuple(f.attname for f in PrivacyNoticePage._meta.concrete_fields)


def _notice_at(language, path, now):
    """The live, unrestricted notice page at ``path`` under the default site's root
    in ``language``, when that site is the only one and the notice's current
    version is in force from before ``now`` with no end."""
    default_root = Site.objects.filter(is_default_site=True).values(
        "root_page__translation_key"
    )[:1]
    root_path = Page.objects.filter(
        translation_key=Subquery(default_root),
        locale__language_code=OuterRef("locale__language_code"),
    ).values("url_path")[:1]
    in_force = NoticeVersion.objects.filter(
        page_id=OuterRef("pk"),
        is_current=True,
        effective_from__lte=now,
        effective_to__isnull=True,
    )
    return (
        PrivacyNoticePage.objects.filter(live=True, locale__language_code=language)
        .annotate(
            wanted_path=Concat(
                Subquery(root_path), Value(path), output_field=CharField()
            ),
        )
        .filter(url_path=F("wanted_path"))
        .filter(Exists(in_force))
        .exclude(Exists(Site.objects.filter(is_default_site=False)))
        .exclude(Exists(view_restrictions_of("path")))
        .values(*_PAGE_COLUMNS)
    )


_NOTICE_AT = PreparedValues(
    _notice_at,
    language=Locale._meta.get_field("language_code"),
    path=Page._meta.get_field("url_path"),
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


def _remember_site(request) -> None:
    """Tell Wagtail's URL methods the site and its root paths for this request, as
    ``Site.find_for_request`` and ``Site.get_site_root_paths`` would find them for
    the only site (two queries, or one when nothing is cached)."""
    rows = _SITE_ROOTS()
    if not rows:
        return
    site = Site.from_db(
        "default", _SITE_COLUMNS, [rows[0][f"site_{name}"] for name in _SITE_COLUMNS]
    )
    request._wagtail_site = site
    request._wagtail_cached_site_root_paths = [
        SiteRootPath(
            site.pk, row["url_path"], site.root_url, row["locale__language_code"]
        )
        for row in sorted(rows, key=lambda row: row["url_path"], reverse=True)
    ]


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
    rows = _NOTICE_AT(language=language, path=path, now=timezone.now())
    if len(rows) != 1:
        return None
    page = PrivacyNoticePage.from_db(
        "default", _PAGE_COLUMNS, [rows[0][name] for name in _PAGE_COLUMNS]
    )
    page.locale = Locale(pk=page.locale_id, language_code=language)
    return page


def serve(request, path: str) -> HttpResponse:
    """Wagtail's page view, with notice pages found in one query."""
    page = notice_page(request, path)
    if page is None:
        return wagtail_serve(request, path)
    _remember_site(request)
    page, args, kwargs = page.route(request, [])
    # As Wagtail's view: its checks before serving (the request method), then the
    # page (the view-restriction wrapper has nothing to check: see notice_page).
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return page.serve(request, *args, **kwargs)
