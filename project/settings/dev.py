"""Development settings: DEBUG, console e-mail, SQLite unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403

DEBUG = True
# A development-only key: production reads DJANGO_SECRET_KEY from the environment.
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "django-insecure-development-only-rekisteri-cms"
)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
REKISTERI_CMS_DEMO_PASSWORDS = True
# Webhooks to a storefront on this machine (e.g. a Next.js dev server): plain http
# and loopback addresses are allowed here, never in production.
REKISTERI_CMS_WEBHOOK_HTTP_HOSTS = ("127.0.0.1", "localhost", "::1")
REKISTERI_CMS_WEBHOOK_ALLOWED_NETWORKS = ("127.0.0.0/8", "::1/128")
