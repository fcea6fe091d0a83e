"""Settings for the test suite: fast hashing, in-memory cache and e-mail."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="rekisteri-cms-test-media-")
REKISTERI_CMS_PRIVATE_ROOT = tempfile.mkdtemp(prefix="rekisteri-cms-test-private-")
WAGTAILADMIN_BASE_URL = "http://testserver"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
REKISTERI_CMS_DEMO_PASSWORDS = True
# An existing, empty static root keeps WhiteNoise quiet in tests.
STATIC_ROOT = tempfile.mkdtemp(prefix="rekisteri-cms-test-static-")
# django-axes needs the request in authenticate(), which Client.login() does not
# pass: login throttling is off here and switched on by its own tests
# (tests/test_security.py, with override_settings).
AXES_ENABLED = False

# The SQLite test database lives in memory and is migrated on every run (about a
# minute). Naming a file keeps it for the next run: for a quicker edit-test loop,
# TEST_DATABASE_NAME=/tmp/rekisteri-test.sqlite3 pytest --reuse-db tests/test_x.py
# With several test workers (pytest-xdist) each keeps its own file, the name with
# _gw0, _gw1 … appended. MEDIA_ROOT and STATIC_ROOT above are per process too.
_database = DATABASES["default"]  # noqa: F405
if os.environ.get("TEST_DATABASE_NAME") and _database["ENGINE"].endswith("sqlite3"):
    _database["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
# The webhook tests' receivers listen on http://127.0.0.1; loopback addresses stay
# refused unless a test allows them (REKISTERI_CMS_WEBHOOK_ALLOWED_NETWORKS).
REKISTERI_CMS_WEBHOOK_HTTP_HOSTS = ("127.0.0.1", "localhost")
