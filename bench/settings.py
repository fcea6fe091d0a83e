"""Production-like settings for the benchmark, set up by ``python -m bench.run``.

The production settings with a throwaway secret key, local host names, the bench's
own database (SQLite in a temporary folder, or the throwaway PostgreSQL database that
``bench.run`` creates when ``DATABASE_URL`` is set), the local-memory cache (Redis when
``REDIS_URL`` is set; Django's dummy cache, which stores nothing, when ``BENCH_CACHE`` is
``dummy``) and the bench's URL conf, which adds the baseline view.
"""

import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url

# Shared with the gunicorn workers through the environment: one key per run.
BENCH_SECRET_KEY = os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50)
os.environ["BENCH_SECRET_KEY"] = BENCH_SECRET_KEY
BENCH_DIR = Path(
    os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="rekisteri-cms-bench-")
)
os.environ["BENCH_DIR"] = str(BENCH_DIR)

# The production settings read these; the values below replace them anyway.
os.environ.setdefault("DJANGO_SECRET_KEY", BENCH_SECRET_KEY)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
# Several gunicorn workers with the local-memory cache are one of the measured
# setups: the production settings refuse it otherwise.
os.environ.setdefault("ALLOW_PROCESS_LOCAL_CACHE", "true")

from project.settings.production import *  # noqa: E402, F403

SECRET_KEY = BENCH_SECRET_KEY
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
WAGTAILADMIN_BASE_URL = "https://localhost"
ROOT_URLCONF = "bench.urls"
# The baseline (``/bench/``) goes through the middleware as an API response does.
MIDDLEWARE = [
    "bench.middleware.LocaleMiddleware"
    if name == "project.middleware.LocaleMiddleware"
    else name
    for name in MIDDLEWARE  # noqa: F405
]
CORS_URLS_REGEX = r"^/(api|bench)/.*$"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("BENCH_DATABASE_URL")
        or f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # As the site's own settings: a publication and a login writing at the same
    # moment wait for the write lock instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
# The review workflow's notifications stay in memory: the bench sends no e-mail.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# A prefix of its own, so that a shared Redis keeps the bench's keys apart.
BENCH_CACHE_PREFIX = os.environ.setdefault(
    "BENCH_CACHE_PREFIX", f"bench-{secrets.token_hex(4)}"
)
if os.environ.get("BENCH_CACHE") == "dummy":
    # The uncached phases: every request renders, as on a cache miss, during a cache
    # outage or after a cold start.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif os.environ.get("REDIS_URL"):
    # As in production (fail open), with the bench's prefix.
    CACHES = {
        "default": {
            **redis_cache(os.environ["REDIS_URL"], REDIS_TIMEOUT),  # noqa: F405
            "KEY_PREFIX": BENCH_CACHE_PREFIX,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": BENCH_CACHE_PREFIX,
        }
    }

STATIC_ROOT = BENCH_DIR / "static"
MEDIA_ROOT = BENCH_DIR / "media"
# The request log of every benchmark request would measure the terminal.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405

# The load test's webhook receiver listens on 127.0.0.1 (bench/load/webhooks.py).
REKISTERI_CMS_WEBHOOK_HTTP_HOSTS = ("127.0.0.1",)
REKISTERI_CMS_WEBHOOK_ALLOWED_NETWORKS = ("127.0.0.1/32",)
