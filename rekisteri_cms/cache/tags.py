"""The cache of public responses (notice API and notice pages), forgotten by tags.

Every entry carries tags: the notice it shows (``slug:<slug>``), ``list`` for the
notice list and the notices index, and always ``all``. Each tag has a token in the
cache; an entry is valid while the tokens it was stored with are still current.
Publishing or withdrawing a notice replaces the tokens of that notice's slugs (in
every language) and of ``list``, so only those entries are rebuilt: the other
notices stay cached, which keeps readers' latency flat while notices are published.
Moving, deleting or restricting a page replaces ``all``.

A token that is missing (never set, or evicted by a full cache) is created anew,
which turns every entry stored under the old one into a miss: eviction can cost a
rebuild, never serve a stale response.

Race with publishing: an entry must not be stored with tokens that are newer than
the data it was built from. Every invalidation first replaces the ``sequence``
token, then the tags; a response is stored only if ``sequence`` is the same after
the build as before it (and the tags are read before ``sequence``), so a response
built while an invalidation ran is served but not kept. The publishing code
invalidates again once its transaction has committed.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.utils import timezone

ALL = "all"
LIST = "list"
SEQUENCE = "sequence"
_PREFIX = "rekisteri_cms:cache"
#: When the public notices last changed (see :func:`last_change`).
CHANGED_AT_KEY = "rekisteri_cms:api:changed_at"


def slug_tag(slug: str) -> str:
    return f"slug:{slug}"


def _token_key(tag: str) -> str:
    return f"{_PREFIX}:token:{tag}"


def entry_key(*parts: Any) -> str:
    """The cache key of a response described by ``parts``."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"{_PREFIX}:entry:{digest}"


def _new_token() -> str:
    return uuid.uuid4().hex


def tokens(tags: Iterable[str]) -> dict[str, str]:
    """The current token of each tag, in the order given (creating missing ones)."""
    tags = list(dict.fromkeys(tags))
    found = cache.get_many([_token_key(tag) for tag in tags])
    current = {}
    for tag in tags:
        token = found.get(_token_key(tag))
        if token is None:
            cache.add(_token_key(tag), _new_token(), None)
            token = cache.get(_token_key(tag))
        current[tag] = token
    return current


def invalidate(*tags: str) -> None:
    """Forget every entry carrying one of ``tags``."""
    new = {_token_key(SEQUENCE): _new_token()}  # first: see the module's docstring
    new.update({_token_key(tag): _new_token() for tag in tags})
    cache.set_many(new, None)


def sequence() -> str:
    return tokens([SEQUENCE])[SEQUENCE]


def lookup(key: str) -> Any | None:
    """The value stored under ``key``, if its tags are all still current."""
    entry = cache.get(key)
    if entry is None:
        return None
    value, stored = entry
    if tokens(stored) != stored:
        return None
    return value


def store(key: str, value: Any, tags: Iterable[str], timeout: int, since: str) -> bool:
    """Keep ``value`` under ``key`` with ``tags``, unless anything was invalidated
    since the sequence token ``since`` was read (before the value was built)."""
    current = tokens([ALL, *tags, SEQUENCE])
    if current.pop(SEQUENCE) != since:
        return False
    cache.set(key, (value, current), timeout)
    return True


def mark_cacheable(
    response, tags, body: bytes | None = None, content_type: str | None = None
) -> None:
    """Let the page cache keep ``response``, forgotten with ``tags``.

    Called by notice pages and the notice API; the tags say which notice (or list)
    the response shows. ``body`` is the full document of a ``304`` answer, kept so
    that later readers get it (:mod:`rekisteri_cms.cache.middleware`), and
    ``content_type`` that document's type (JSON unless said).
    """
    response.rekisteri_cms_cache_tags = tuple(tags)
    response.rekisteri_cms_cache_body = body
    response.rekisteri_cms_cache_content_type = content_type


def invalidate_api_cache() -> None:
    """Forget every cached response (a move, a deletion, a view restriction)."""
    invalidate(ALL)
    cache.set(CHANGED_AT_KEY, timezone.now(), None)


def invalidate_notice_cache(slugs: Iterable[str]) -> None:
    """Forget the cached responses of one notice (its ``slugs`` in every language)
    and of the lists, after it was published or withdrawn."""
    invalidate(LIST, *(slug_tag(slug) for slug in slugs))
    cache.set(CHANGED_AT_KEY, timezone.now(), None)


def last_change() -> datetime:
    """When the public notices last changed (a publish, withdrawal or restriction).

    A list can lose a notice, so its newest publication date can go back in time;
    its ``Last-Modified`` is never older than this. Without a record (an emptied
    cache) the time is now: a needless 200 is better than a stale 304.
    """
    cache.add(CHANGED_AT_KEY, timezone.now(), None)
    return cache.get(CHANGED_AT_KEY) or timezone.now()
