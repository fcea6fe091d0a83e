"""Settings shared by every environment of the rekisteri-cms site."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "rekisteri_cms",
    "rekisteri_cms.webhooks",
    "project",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    # Only for its fi/sv catalogue: Wagtail's workflow status ("Changes requested 2
    # minutes ago") uses humanize's naturaltime, whose words come from this app.
    "django.contrib.humanize",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "project.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # django-cors-headers, without "Vary: Origin" while every origin is allowed.
    "project.middleware.CorsMiddleware",
    # Anonymous readers of notice pages and the notice API are answered from the
    # cache, after CORS and before locales, CSRF, authentication and the routing
    # (forgotten on every publish).
    "rekisteri_cms.cache.middleware.NoticePageCacheMiddleware",
    "project.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A reviewer's approval that the database failed (rolled back): a message in
    # the admin, not a 500.
    "rekisteri_cms.admin.errors.ReviewActionErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "project.middleware.RedirectMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its 429 response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "project.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "project.wsgi.application"

# SQLite by default; DATABASE_URL (postgres://…) selects another database.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The admin's autosave and a submit can write at the same moment: take the
    # write lock at the start of each transaction and wait for it, instead of
    # failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fi"
LANGUAGES = [
    ("fi", "Suomi"),
    ("sv", "Svenska"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "project" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
# Imported original notices: kept for reviewers, never served by the web server.
REKISTERI_CMS_PRIVATE_ROOT = os.environ.get(
    "REKISTERI_CMS_PRIVATE_ROOT", str(BASE_DIR / "private")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = "rekisteri-cms"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
# An image that cannot be decoded whole is a form error, not a 500 (issue 18).
WAGTAILIMAGES_IMAGE_FORM_BASE = "rekisteri_cms.admin.uploads.CheckedImageForm"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# A legal reviewer's approval publishes the approved revision without checking the
# reviewer's publish permission (reviewers have none): see
# rekisteri_cms.models.workflows.
WAGTAIL_FINISH_WORKFLOW_ACTION = (
    "rekisteri_cms.workflow_actions.publish_approved_revision"
)
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "rekisteri_cms.api.errors.exception_handler",
    # The public APIs are anonymous: no session (and so no CSRF) and no HTTP Basic
    # credentials, which would make /api/v2/ a password-guessing endpoint. Wagtail's
    # admin API sets its own session authentication. Requests are AnonymousUser
    # (not None), which Wagtail's collection view restrictions expect.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
}

SPECTACULAR_SETTINGS = {
    "TITLE": "rekisteri-cms storefront API",
    "DESCRIPTION": (
        "Published Finnish privacy notices (tietosuojaseloste) and register "
        "descriptions (rekisteriseloste): current versions, history and diffs. "
        "Read-only and anonymous; responses carry ETag, Last-Modified and "
        "Cache-Control, and conditional requests are answered with 304. A notice "
        "is addressed by its id (the same in every language) or a slug; errors are "
        "JSON {detail, code}."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No validator badge: it would load an image from a third party (and the
    # Content-Security-Policy below blocks it).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "PREPROCESSING_HOOKS": ["rekisteri_cms.api.schema.only_notice_endpoints"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "rekisteri_cms.api.schema.declare_headers",
    ],
}

# Where project/urls.py mounts the APIs: rekisteri-cms answers anonymous reads of
# the notice API (and of notice pages) from its response cache, never the other
# APIs under /api/ or the admin and files.
REKISTERI_CMS_API_PREFIX = "/api/"
REKISTERI_CMS_NOTICE_API_PREFIX = "/api/notices/"
REKISTERI_CMS_CACHE_EXCLUDED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/static/",
)

# Cross-origin reads of the public notice API (GET/HEAD/OPTIONS only, /api/ only).
# Storefronts revalidate from code (fetch with If-None-Match / If-Modified-Since)
# and read the caching headers; no credentials, so the answer is the same for every
# origin ("*", and no "Vary: Origin" splitting shared caches: project.middleware).
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_HEADERS = [
    "accept",
    "accept-language",
    "content-type",
    "if-modified-since",
    "if-none-match",
]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Content-Language"]
# Browsers may keep a preflight answer for a day.
CORS_PREFLIGHT_MAX_AGE = 86400

# The task queue (django-tasks): webhook deliveries, front-cache purges and Wagtail's
# own background work. The database backend needs one worker beside the site
# (`manage.py db_worker`; `make run` starts one). TASKS_REDIS_URL switches to RQ
# workers on a shared Redis (`manage.py rqworker default --job-class
# django_tasks_rq.Job --with-scheduler`), for
# several hosts; README "Deploying" describes both.
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}
if os.environ.get("TASKS_REDIS_URL"):
    INSTALLED_APPS.append("django_rq")
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {
        "default": {"URL": os.environ["TASKS_REDIS_URL"], "DEFAULT_TIMEOUT": 600}
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

SITE_TITLE = _("Privacy notices")

# Security -------------------------------------------------------------------------

# Content-Security-Policy (django-csp, through project.security's middleware).
# Public pages and the API: scripts and styles from this origin only. The one
# inline script of the site, the API docs' Swagger UI start-up, and its inline
# style carry the response's nonce (templates/drf_spectacular/swagger_ui.html).
# The notices' <script type="application/ld+json"> is a data block, which browsers
# never execute and CSP does not govern. Swagger UI's stylesheet uses data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The Wagtail and Django admins (and Wagtail's page previews, under /admin/):
# relaxed where they need it. Wagtail 8's admin still runs inline scripts (page
# explorer, user listing, and scripts its vendor bundle inserts in the editor) and
# style attributes, and its dashboard asks releases.wagtail.org for the latest
# version. Scripts, frames and forms stay on this origin; no plugins, no framing
# by other sites.
ADMIN_CONTENT_SECURITY_POLICY = {
    "URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF, "https://releases.wagtail.org"],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Staff avatars are not fetched from Gravatar (a third party learning who edits).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Login throttling of both admins (django-axes): five failed logins for the same
# username from the same address lock that pair out for 15 minutes (HTTP 429).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "project.security.client_ip"
# Reverse proxies in front of the site that append to X-Forwarded-For (production
# sets it from the environment); 0 trusts REMOTE_ADDR only.
TRUSTED_PROXY_COUNT = 0
