"""The cache of public responses (notice API and notice pages), forgotten by tags.

Every entry carries tags: the notice it shows (``slug:<slug>``), ``list`` for the
notice list and the notices index, and always ``all``. Publishing or withdrawing
a notice invalidates that notice's slugs (in every language) and ``list``, so
only those entries are rebuilt: the other notices stay cached, which keeps
readers' latency flat while notices are published. Moving, deleting or
restricting a page invalidates ``all``.

Fail open, never stale. The cache may be down, hung or emptied at any time: its
backend turns errors and timeouts into misses (production uses django-redis with
``IGNORE_EXCEPTIONS`` and short socket timeouts), so a reader is answered at
uncached speed, never with a 500. What the cache must forget is therefore not
kept in the cache, where an invalidation made during an outage would be lost and
the old entries (still in Redis after a hang or a restart with persistence)
served again when it returns. It is kept in the database
(:class:`~rekisteri_cms.models.CacheGeneration`), written in the publishing
transaction: the row ``sequence`` counts invalidations, and each tag holds the
``sequence`` value at which it was last invalidated. An entry is stored with the
``sequence`` read *before* its response was built (:func:`since`); it is served
only while none of its tags was invalidated after that (:func:`lookup`: one
indexed query per cache hit). An invalidation locks the ``sequence`` row until
its transaction commits, so a reader that sees generation *n* also sees the data
of every publication up to *n*: a response built while a notice was being
published is kept with the older generation and is never served.

The cache sits below the models, so the model is found through the app registry.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ..prepared import PreparedValues

ALL = "all"
LIST = "list"
SEQUENCE = "sequence"
_PREFIX = "rekisteri_cms:cache"


def _generations():
    return apps.get_model("rekisteri_cms", "CacheGeneration").objects


def slug_tag(slug: str) -> str:
    return f"slug:{slug}"


def entry_key(*parts: Any) -> str:
    """The cache key of a response described by ``parts``."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"{_PREFIX}:entry:{digest}"


#: The sequence row, read on every cache hit and before every build.
_SEQUENCE_ROW = PreparedValues(
    lambda: _generations().filter(tag=SEQUENCE).values("generation", "changed_at")
)


def current() -> tuple[int, datetime]:
    """The current generation and :func:`last_change`, in one query."""
    rows = _SEQUENCE_ROW()
    generation, changed_at = (
        (rows[0]["generation"], rows[0]["changed_at"]) if rows else (0, None)
    )
    return generation, changed_at or timezone.now()


def since() -> int:
    """The current generation: read it before building a response to store."""
    return current()[0]


def invalidate(*tags: str) -> None:
    """Forget every entry carrying one of ``tags`` (in the caller's transaction)."""
    now = timezone.now()
    rows = _generations()
    with transaction.atomic():
        bumped = rows.filter(tag=SEQUENCE).update(
            generation=F("generation") + 1, changed_at=now
        )
        if not bumped:
            row, created = rows.get_or_create(
                tag=SEQUENCE, defaults={"generation": 1, "changed_at": now}
            )
            if not created:
                rows.filter(tag=SEQUENCE).update(
                    generation=F("generation") + 1, changed_at=now
                )
        generation = rows.filter(tag=SEQUENCE).values_list("generation", flat=True)[0]
        model = rows.model
        rows.bulk_create(
            [
                model(tag=tag, generation=generation, changed_at=now)
                for tag in dict.fromkeys(tags)
            ],
            update_conflicts=True,
            unique_fields=["tag"],
            update_fields=["generation", "changed_at"],
        )


def lookup_entry(key: str) -> tuple[Any, int] | None:
    """The value stored under ``key`` and the generation it was built at, unless
    one of its tags was invalidated after that (a miss, also when the cache
    fails)."""
    entry = cache.get(key)
    if not isinstance(entry, tuple) or len(entry) != 3:
        return None
    value, tags, built_at = entry
    if _invalidated_since(len(tags))(
        since=built_at, **{f"tag{i}": tag for i, tag in enumerate(tags)}
    ):
        return None
    return value, built_at


@functools.cache
def _invalidated_since(count: int) -> PreparedValues:
    """Whether one of ``count`` tags was invalidated after the generation ``since``:
    read on every hit, so compiled once per number of tags."""
    model = apps.get_model("rekisteri_cms", "CacheGeneration")
    names = [f"tag{i}" for i in range(count)]
    return PreparedValues(
        lambda since, **tags: (
            _generations()
            .filter(tag__in=[tags[name] for name in names], generation__gt=since)
            .values("pk")[:1]
        ),
        since=model._meta.get_field("generation"),
        **{name: model._meta.get_field("tag") for name in names},
    )


def lookup(key: str) -> Any | None:
    """The value stored under ``key`` if it is still current (see
    :func:`lookup_entry`)."""
    found = lookup_entry(key)
    return None if found is None else found[0]


def store(key: str, value: Any, tags: Iterable[str], timeout: int, since: int) -> None:
    """Keep ``value`` under ``key`` with ``tags`` (and ``all``); ``since`` is the
    generation read before ``value`` was built."""
    cache.set(key, (value, tuple(dict.fromkeys([ALL, *tags])), since), timeout)


def mark_cacheable(
    response,
    tags,
    body: bytes | None = None,
    content_type: str | None = None,
    since: int | None = None,
) -> None:
    """Let the page cache keep ``response``, forgotten with ``tags``.

    Called by notice pages and the notice API; the tags say which notice (or list)
    the response shows. ``body`` is the full document of a ``304`` answer, kept so
    that later readers get it (:mod:`rekisteri_cms.cache.middleware`), and
    ``content_type`` that document's type (JSON unless said). ``since`` is the
    generation read before the response was built, when the view read it (the
    notice API does; for pages the middleware reads it before routing).
    """
    response.rekisteri_cms_cache_tags = tuple(tags)
    response.rekisteri_cms_cache_body = body
    response.rekisteri_cms_cache_content_type = content_type
    response.rekisteri_cms_cache_since = since


def invalidate_api_cache() -> None:
    """Forget every cached response (a move, a deletion, a view restriction)."""
    invalidate(ALL)


def invalidate_notice_cache(slugs: Iterable[str]) -> None:
    """Forget the cached responses of one notice (its ``slugs`` in every language)
    and of the lists, after it was published or withdrawn."""
    invalidate(LIST, *(slug_tag(slug) for slug in slugs))


def last_change() -> datetime:
    """When the public notices last changed (a publish, withdrawal or restriction).

    A list can lose a notice, so its newest publication date can go back in time;
    its ``Last-Modified`` is never older than this. Without a record (nothing
    invalidated yet) the time is now: a needless 200 is better than a stale 304.
    """
    return current()[1]
