"""What a cached public response depends on, read from a request.

A key is built from what can change a response only, so that a random query
string costs no render: on the notice API the endpoints' own parameters (other
parameters are ignored by the API too), on pages every parameter except tracking
ones (``utm_*``, ``fbclid``, ``gclid`` …, the setting
``REKISTERI_CMS_CACHE_IGNORED_PARAMETERS``). A notice API request without
``locale`` is answered in the reader's language (``Accept-Language``), so its
key holds the site's languages in the order the reader prefers: a bounded value,
whatever the header says.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.translation.trans_real import parse_accept_lang_header

from ..conf import get_setting

#: Query parameters of the notice API endpoints (each given at most once).
API_PARAMETERS = ("locale", "controller", "page", "page_size", "as_of", "from", "to")
MAX_HEADER_LENGTH = 500


def normalise_locale(value: str) -> str:
    """``fi-FI``, ``FI``, ``sv_FI`` → ``fi``, ``fi``, ``sv``: the language subtag."""
    return re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower()


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def accepted_languages(header: str) -> tuple[str, ...]:
    """The site's languages in the order ``Accept-Language`` prefers them, then the
    default locale (unless the header refuses it with ``q=0``)."""
    languages = site_languages()
    order: list[str] = []
    refused: set[str] = set()
    for tag, quality in parse_accept_lang_header(header[:MAX_HEADER_LENGTH]) or ():
        code = normalise_locale(tag)
        if quality <= 0:
            refused.add(code)
        elif code in languages and code not in order:
            order.append(code)
    default = get_setting("REKISTERI_CMS_DEFAULT_LOCALE")
    if default not in order and default not in refused:
        order.append(default)
    return tuple(order)


def _ignored(name: str) -> bool:
    for pattern in get_setting("REKISTERI_CMS_CACHE_IGNORED_PARAMETERS"):
        if pattern.endswith("*"):
            if name.startswith(pattern[:-1]):
                return True
        elif name == pattern:
            return True
    return False


def query_key(query, *, api: bool) -> tuple:
    """The parameters of ``query`` (a QueryDict) a response can depend on, sorted;
    a repeated parameter keeps all its values (the API answers it with a 400)."""
    if api:
        names = [name for name in API_PARAMETERS if name in query]
    else:
        names = sorted(name for name in query if not _ignored(name))
    return tuple((name, tuple(query.getlist(name))) for name in names)


def request_key(request) -> tuple:
    """The parts of a cache key of a public GET: scheme, host, path, parameters,
    and for a notice API request without ``locale`` the reader's languages.

    The scheme (``https`` behind a proxy that says so, see
    ``SECURE_PROXY_SSL_HEADER``) keeps a page's links in the scheme it was asked
    in: a response built for ``http`` is never replayed to ``https`` readers."""
    api = request.path_info.startswith(get_setting("REKISTERI_CMS_NOTICE_API_PREFIX"))
    parts = (
        request.scheme,
        request.get_host(),
        request.path,
        query_key(request.GET, api=api),
        get_setting("REKISTERI_CMS_PUBLIC_BASE_URL"),
    )
    if api and not request.GET.get("locale"):
        parts += (accepted_languages(request.META.get("HTTP_ACCEPT_LANGUAGE", "")),)
    return parts
