"""URLs of notice pages and of their notice API endpoints.

Versions store site-relative paths (``/fi/…``, ``/api/notices/…``); every absolute
URL a response carries is built when answering, from one base
(:func:`public_base_url`: the ``REKISTERI_CMS_PUBLIC_BASE_URL`` setting, else the
default Wagtail site's root URL), the same way for every field. The API's URL names
are looked up by name (``rekisteri_cms_api:…``): building a link needs neither the
views nor the models.
"""

from __future__ import annotations

import functools
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.urls import get_script_prefix, get_urlconf, reverse

from .conf import get_setting

#: Where the default site's root URL is kept between requests (forgotten when a
#: site changes, see ``rekisteri_cms.signal_handlers``).
BASE_URL_KEY = "rekisteri_cms:links:base_url"


def public_base_url(site_root: str | None = None) -> str:
    """Scheme and host (no trailing slash) of every absolute URL the API gives.

    ``site_root`` is the default site's root URL when the caller has just read it
    (the API reads it in the query that finds the notice, so that an emptied
    cache costs no extra query).
    """
    configured = get_setting("REKISTERI_CMS_PUBLIC_BASE_URL")
    if configured:
        return configured.rstrip("/")
    if site_root is not None:
        # Just read from the database: true even if the cache missed a change of
        # the site while it was down.
        return site_root.rstrip("/")
    known = cache.get(BASE_URL_KEY)
    if known is None:
        known = remember_public_base_url()
    return known


def root_url(hostname: str | None, port: int | None) -> str | None:
    """A Wagtail site's ``root_url`` from its host name and port."""
    if not hostname:
        return None
    if port == 80:
        return f"http://{hostname}"
    if port == 443:
        return f"https://{hostname}"
    return f"http://{hostname}:{port}"


def remember_public_base_url() -> str:
    """Read the default site's root URL (a site changed, or the cache lost it)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    known = (
        site.root_url
        if site is not None
        else getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    ).rstrip("/")
    cache.set(BASE_URL_KEY, known, None)
    return known


def absolute(path: str, base: str | None = None) -> str:
    """``path`` (site-relative, ``/…``) as an absolute URL; others unchanged."""
    if not path.startswith("/") or path.startswith("//"):
        return path
    return (public_base_url() if base is None else base) + path


#: ``href="/…"`` and ``src="/…"`` in HTML: a link relative to the site.
SITE_RELATIVE_URL = re.compile(r'(\b(?:href|src)=")(/(?!/))')
#: The same inside a JSON string, where the quote is escaped (``href=\"/…``). No
#: ``\b`` in front: the pattern then scans a 60 kB document three times faster, and
#: :func:`_absolute_in_json` checks the word boundary on the few matches.
SITE_RELATIVE_URL_IN_JSON = re.compile(r'(?:href|src)=\\"/(?!/)')
#: The link fields of a stored document in canonical JSON (no spaces).
LINK_FIELDS_IN_JSON = re.compile(r'("(?:html_url|versions_url)":")(/(?!/))')


def absolute_links(html: str, base: str | None = None) -> str:
    """``html`` with its site-relative links made absolute against ``base``."""
    base = public_base_url() if base is None else base
    return SITE_RELATIVE_URL.sub(lambda m: m.group(1) + base + m.group(2), html)


def absolute_document_json(document_json: str, base: str | None = None) -> str:
    """A stored document's canonical JSON with its site-relative links absolute.

    The stored document (and its ``content_hash``) holds paths; the host is added
    when answering, so a new public address changes every link and no hash.
    """
    base = public_base_url() if base is None else base
    text = LINK_FIELDS_IN_JSON.sub(
        lambda m: m.group(1) + base + m.group(2), document_json
    )
    return SITE_RELATIVE_URL_IN_JSON.sub(lambda m: _absolute_in_json(m, base), text)


#: Stands for the base URL in a stored document (``NoticeVersion.api_json``): a
#: control character, which canonical JSON always escapes, so it occurs nowhere else.
BASE_MARK = "\x01"


def marked_document_json(document_json: str) -> str:
    """:func:`absolute_document_json` with :data:`BASE_MARK` for the base URL, to
    store once and answer with :func:`unmarked` (a string replace per request)."""
    return absolute_document_json(document_json, BASE_MARK)


def unmarked(marked_json: str, base: str) -> str:
    """A :func:`marked_document_json` text with its links absolute under ``base``."""
    return marked_json.replace(BASE_MARK, base)


def _absolute_in_json(match: re.Match, base: str) -> str:
    """A matched ``href=\\"/`` with ``base`` before the slash, unless the attribute
    name is the end of a longer word (``xhref``), which is no attribute."""
    start = match.start()
    before = match.string[start - 1] if start else ""
    if before.isalnum() or before == "_":
        return match.group(0)
    return match.group(0)[:-1] + base + "/"


def notice_html_path(page) -> str:
    """The site-relative path of ``page``'s public page (``""`` if it has none)."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    return parts[2]


def notice_html_url(page) -> str:
    path = notice_html_path(page)
    return absolute(path) if path else ""


def notice_api_path(name: str, ref: str, *, number: int | None = None, **params) -> str:
    """The path and query of a notice API endpoint for ``ref`` (an id or slug)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    path = _api_path(name, ref, number, get_script_prefix(), urlconf)
    return f"{path}?{urlencode(params)}" if params else path


@functools.lru_cache(maxsize=4096)
def _api_path(name: str, ref: str, number: int | None, _prefix, _urlconf) -> str:
    """``reverse`` of an API endpoint, remembered: every notice detail lists the
    addresses of its translations. The script prefix and URL conf are part of the
    key, so a reverse under others is never reused."""
    kwargs = {"slug": ref} if number is None else {"slug": ref, "number": number}
    return reverse(f"rekisteri_cms_api:{name}", kwargs=kwargs)


def notice_versions_path(page) -> str:
    return notice_api_path(
        "notice-versions", str(page.translation_key), locale=page.language
    )


def notice_api_url(name: str, page, **params) -> str:
    path = notice_api_path(name, page.slug, locale=page.language, **params)
    return absolute(path)


def notice_versions_url(page) -> str:
    return absolute(notice_versions_path(page))


def public_urls(page) -> list[str]:
    """The URLs a front cache may hold for ``page``: its page and its API views."""
    page_url = page.get_full_url()
    if not page_url:  # a page outside every site has no public URL
        return []
    key = str(page.translation_key)
    return [
        page_url,
        notice_api_url("notice-detail", page),
        notice_api_url("notice-versions", page),
        absolute(notice_api_path("notice-detail", key, locale=page.language)),
        absolute(notice_api_path("notice-versions", key, locale=page.language)),
    ]
