"""The shared cache's configuration, used by the production settings and by the
fault tests (tests/test_faults.py), which start a Redis of their own."""


def redis_cache(url: str, timeout: float) -> dict:
    """A Django cache on the Redis at ``url`` that fails open.

    A Redis that is down, hung or answering errors is a cache miss, never an
    exception: django-redis ignores the error (``IGNORE_EXCEPTIONS``) and logs it
    (``DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS``), and gives up on connecting or
    waiting for an answer after ``timeout`` seconds. What the cache must forget is
    kept in the database (``rekisteri_cms.cache.tags``), so entries that survive
    an outage are not served once it is over.
    """
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": timeout,
            "SOCKET_TIMEOUT": timeout,
            "IGNORE_EXCEPTIONS": True,
        },
    }


#: Log every cache error that was turned into a miss (as ``rekisteri_cms.cache``).
FAIL_OPEN_SETTINGS = {
    "DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS": True,
    "DJANGO_REDIS_LOGGER": "rekisteri_cms.cache",
}
