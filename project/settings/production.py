"""Production settings: every secret and host name comes from the environment.

Required: DJANGO_SECRET_KEY, ALLOWED_HOSTS (comma-separated), DATABASE_URL.
Optional: REDIS_URL (cache; required with WEB_CONCURRENCY or gunicorn --workers
above 1), REDIS_TIMEOUT, CSRF_TRUSTED_ORIGINS, WAGTAILADMIN_BASE_URL,
REKISTERI_CMS_PUBLIC_BASE_URL,
SECURE_HSTS_SECONDS, TRUSTED_PROXY_COUNT, CSP_REPORT_URI, DEFAULT_FROM_EMAIL,
EMAIL_HOST. The README's "Deploying" section describes each.
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .caches import FAIL_OPEN_SETTINGS, redis_cache


def _require(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Set the environment variable {name}: production settings take it "
            "from the environment only."
        )
    return value


def _list(name: str) -> list[str]:
    return [
        item.strip() for item in os.environ.get(name, "").split(",") if item.strip()
    ]


def _worker_processes() -> int:
    """How many server processes share this configuration: ``WEB_CONCURRENCY``
    (gunicorn's default for ``--workers``), or the ``--workers``/``-w`` of the
    gunicorn command line this process was started by."""
    count = int(os.environ.get("WEB_CONCURRENCY", "1") or "1")
    argv = sys.argv
    if argv and os.path.basename(argv[0]).startswith("gunicorn"):
        for index, arg in enumerate(argv[1:], start=1):
            value = None
            if arg in ("-w", "--workers") and index + 1 < len(argv):
                value = argv[index + 1]
            elif arg.startswith("--workers="):
                value = arg.split("=", 1)[1]
            elif arg.startswith("-w") and arg[2:].isdigit():
                value = arg[2:]
            if value and value.isdigit():
                count = int(value)
    return count


DEBUG = False
SECRET_KEY = _require("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [
    host.strip() for host in _require("ALLOWED_HOSTS").split(",") if host.strip()
]
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must name the site's host names; '*' would accept any Host "
        "header (and so forged links in e-mails and API documents)."
    )
CSRF_TRUSTED_ORIGINS = _list("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}"
)
# Scheme and host of every absolute link in API responses; empty: the default
# Wagtail site's root URL.
REKISTERI_CMS_PUBLIC_BASE_URL = os.environ.get("REKISTERI_CMS_PUBLIC_BASE_URL", "")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# The reverse proxies in front of gunicorn that append to X-Forwarded-For: login
# throttling (django-axes) counts failures per client address, read that many
# entries from the right. 0 when nothing is in front (then REMOTE_ADDR is used).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))


def _reporting_to(policy: dict, uri: str) -> dict:
    """A copy of ``policy`` whose violations browsers report to ``uri``."""
    return {**policy, "DIRECTIVES": {**policy["DIRECTIVES"], "report-uri": [uri]}}


# Public pages and the API enforce the Content-Security-Policy of base.py, the
# admin its relaxed one; with CSP_REPORT_URI browsers report violations there.
if os.environ.get("CSP_REPORT_URI"):
    CONTENT_SECURITY_POLICY = _reporting_to(
        CONTENT_SECURITY_POLICY,  # noqa: F405
        os.environ["CSP_REPORT_URI"],
    )
    ADMIN_CONTENT_SECURITY_POLICY = _reporting_to(
        ADMIN_CONTENT_SECURITY_POLICY,  # noqa: F405
        os.environ["CSP_REPORT_URI"],
    )

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The shared cache. Fail open: a Redis that is down or hung is a cache miss,
# never a 500 (django-redis ignores its errors and logs them, and gives up on a
# connection after REDIS_TIMEOUT seconds); what the cache must forget is kept in
# the database, so nothing stored before a publication is served once it returns
# (rekisteri_cms.cache.tags). Wagtail's own cache reads go through it too.
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
if os.environ.get("REDIS_URL"):
    CACHES = {"default": redis_cache(os.environ["REDIS_URL"], REDIS_TIMEOUT)}
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = FAIL_OPEN_SETTINGS[
        "DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS"
    ]
    DJANGO_REDIS_LOGGER = FAIL_OPEN_SETTINGS["DJANGO_REDIS_LOGGER"]
elif (
    _worker_processes() > 1
    and os.environ.get("ALLOW_PROCESS_LOCAL_CACHE", "").lower() != "true"
):
    # Each process would keep its own memory cache: what is forgotten through the
    # cache (Wagtail's site root paths, the public base URL after a site changes)
    # would be forgotten by one process only. (Published notices are not: their
    # invalidations are in the database.) The benchmark, which measures exactly
    # that setup, sets ALLOW_PROCESS_LOCAL_CACHE=true.
    raise ImproperlyConfigured(
        "Set REDIS_URL: with more than one worker process "
        f"({_worker_processes()}, from WEB_CONCURRENCY or gunicorn's --workers) "
        "the processes must share one cache."
    )

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
# The review workflow's e-mails go through the task queue; the worker sends them
# over SMTP, so a slow or failing mail server never holds up a review.
EMAIL_BACKEND = "rekisteri_cms.mail.QueuedEmailBackend"
REKISTERI_CMS_QUEUED_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
if os.environ.get("EMAIL_HOST"):
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = True

LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": "INFO"}}  # noqa: F405

# Webhooks: private networks where a storefront's receiver may be (CIDR,
# comma-separated); every other private, loopback or link-local address is refused.
REKISTERI_CMS_WEBHOOK_ALLOWED_NETWORKS = tuple(_list("WEBHOOK_ALLOWED_NETWORKS"))
