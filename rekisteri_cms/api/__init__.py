"""The storefront API of published notices (docs/api.md).

:mod:`.views` serves the endpoints, :mod:`.urls` routes them (the project mounts
them under ``api/``); errors, parameters and queries have a module each. The names
that ``rekisteri_cms.api`` offered as a single module are importable from here.
"""

from ..cache.responses import CachedResponse, api_cache_control, make_cached
from ..cache.tags import (
    invalidate_api_cache,
    invalidate_notice_cache,
    last_change,
)
from ..links import (
    notice_api_url,
    notice_html_url,
    notice_versions_url,
    public_base_url,
)
from .errors import APIError, Moved, api_not_found, exception_handler, json_error
from .params import (
    Language,
    available_languages,
    check_slug,
    parse_as_of,
    parse_business_id,
    parse_language,
    parse_positive_int,
    storable,
)
from .queries import public_versions, resolve
from .views import (
    NoticeAPIView,
    NoticeDetailView,
    NoticeDiffView,
    NoticeListView,
    NoticeVersionDetailView,
    NoticeVersionListView,
)

__all__ = [
    "APIError",
    "Language",
    "Moved",
    "CachedResponse",
    "NoticeAPIView",
    "NoticeDetailView",
    "NoticeDiffView",
    "NoticeListView",
    "NoticeVersionDetailView",
    "NoticeVersionListView",
    "api_cache_control",
    "api_not_found",
    "available_languages",
    "check_slug",
    "exception_handler",
    "invalidate_api_cache",
    "invalidate_notice_cache",
    "json_error",
    "last_change",
    "make_cached",
    "notice_api_url",
    "notice_html_url",
    "notice_versions_url",
    "parse_as_of",
    "parse_business_id",
    "parse_language",
    "parse_positive_int",
    "public_base_url",
    "public_versions",
    "resolve",
    "storable",
]
