"""Deployment settings, Content-Security-Policy and admin login throttling.

The production settings are exercised in subprocesses, as a server starts them: they
read the environment at import time and must never be imported into the test run.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client, RequestFactory, override_settings
from wagtail.models import Collection, CollectionViewRestriction

from project.security import client_ip
from tests.factories import UserFactory

REPO = Path(__file__).resolve().parent.parent
PRODUCTION = "project.settings.production"
#: Environment variables that the production settings read, cleared before each run.
PRODUCTION_VARIABLES = (
    "DJANGO_SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "WAGTAILADMIN_BASE_URL",
    "REDIS_URL",
    "REDIS_TIMEOUT",
    "WEB_CONCURRENCY",
    "ALLOW_PROCESS_LOCAL_CACHE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "TRUSTED_PROXY_COUNT",
    "CSP_REPORT_URI",
    "EMAIL_HOST",
)


def production_env(**variables: str) -> dict[str, str]:
    """The process environment with the production settings and ``variables`` only."""
    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = PRODUCTION
    env.setdefault("DATABASE_URL", f"sqlite:///{tempfile.gettempdir()}/unused.sqlite3")
    env.update(variables)
    return env


def documented_env(**extra: str) -> dict[str, str]:
    """The required variables of the README's "Deploying" section, plus ``extra``."""
    required = {
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "notices.example.com",
    }
    return production_env(**(required | extra))


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


# Production settings ---------------------------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "CSRF_TRUSTED_ORIGINS": "https://notices.example.com",
            "CSP_REPORT_URI": "https://notices.example.com/csp-reports/",
            "EMAIL_HOST": "smtp.example.com",
        },
    ],
    ids=["required", "with-optional"],
)
def test_check_deploy_reports_nothing(extra):
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        documented_env(**extra),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    output = result.stdout + result.stderr
    assert "WARNINGS:" not in output
    assert "ERRORS:" not in output


@pytest.mark.parametrize(
    ("missing", "value"),
    [
        ("DJANGO_SECRET_KEY", None),
        ("DJANGO_SECRET_KEY", "   "),
        ("ALLOWED_HOSTS", None),
        ("ALLOWED_HOSTS", ""),
    ],
)
def test_missing_required_variable_stops_start_up(missing, value):
    env = documented_env()
    del env[missing]
    if value is not None:
        env[missing] = value
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Set the environment variable {missing}" in result.stderr


def test_wildcard_allowed_hosts_stops_start_up():
    result = run(["manage.py", "check"], documented_env(ALLOWED_HOSTS="*"))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name the site's host names" in result.stderr


# One cache for every process, failing open -------------------------------------


def settings_under(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """Load the settings as a process started with the command line ``argv``."""
    code = (
        f"import sys, json; sys.argv = {argv!r}; import django; django.setup(); "
        "from django.conf import settings; print(json.dumps(settings.CACHES))"
    )
    return run(["-c", code], env)


@pytest.mark.parametrize(
    ("argv", "extra"),
    [
        (["manage.py", "check"], {"WEB_CONCURRENCY": "4"}),
        (["/srv/venv/bin/gunicorn", "project.wsgi", "--workers", "4"], {}),
        (["/srv/venv/bin/gunicorn", "project.wsgi", "-w", "2"], {}),
        (["/srv/venv/bin/gunicorn", "project.wsgi", "-w3"], {}),
        (["/srv/venv/bin/gunicorn", "--workers=2", "project.wsgi"], {}),
    ],
    ids=["WEB_CONCURRENCY", "--workers", "-w", "-w3", "--workers="],
)
def test_several_workers_without_a_shared_cache_stop_start_up(argv, extra):
    """Each process would keep its own cache: what one forgets, the others keep."""
    result = settings_under(argv, documented_env(**extra))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set REDIS_URL" in result.stderr


@pytest.mark.parametrize(
    ("argv", "extra"),
    [
        (["/srv/venv/bin/gunicorn", "project.wsgi", "--workers", "1"], {}),
        (["manage.py", "check"], {"WEB_CONCURRENCY": "1"}),
        (
            ["/srv/venv/bin/gunicorn", "project.wsgi", "--workers", "4"],
            {"REDIS_URL": "redis://127.0.0.1:6379/0"},
        ),
        (
            ["manage.py", "check"],
            {"WEB_CONCURRENCY": "4", "ALLOW_PROCESS_LOCAL_CACHE": "true"},
        ),
    ],
    ids=["one-worker", "WEB_CONCURRENCY=1", "with-redis", "allowed"],
)
def test_one_worker_or_a_shared_cache_starts(argv, extra):
    result = settings_under(argv, documented_env(**extra))
    assert result.returncode == 0, result.stderr


def test_the_production_cache_fails_open_with_short_timeouts():
    result = settings_under(
        ["manage.py", "check"],
        documented_env(REDIS_URL="redis://127.0.0.1:6379/0", WEB_CONCURRENCY="4"),
    )
    assert result.returncode == 0, result.stderr
    default = json.loads(result.stdout.strip().splitlines()[-1])["default"]
    assert default["BACKEND"] == "django_redis.cache.RedisCache"
    assert default["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert 0 < default["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
    assert 0 < default["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] <= 1


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The security-relevant production settings, read in a subprocess."""
    names = [
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "X_FRAME_OPTIONS",
        "MIDDLEWARE",
        "AUTHENTICATION_BACKENDS",
        "AXES_ENABLED",
        "AXES_FAILURE_LIMIT",
        "AXES_LOCKOUT_PARAMETERS",
        "TRUSTED_PROXY_COUNT",
    ]
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}))"
    )
    result = run(["-c", code], documented_env())
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_redirects_to_https_behind_the_proxy(production_settings):
    assert production_settings["DEBUG"] is False
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["SECURE_PROXY_SSL_HEADER"] == [
        "HTTP_X_FORWARDED_PROTO",
        "https",
    ]


def test_production_sends_hsts_for_a_year(production_settings):
    assert production_settings["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production_settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True


def test_production_cookies_are_secure(production_settings):
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["SESSION_COOKIE_HTTPONLY"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True


def test_production_enforces_csp_and_throttles_logins(production_settings):
    middleware = production_settings["MIDDLEWARE"]
    assert "project.security.ContentSecurityPolicyMiddleware" in middleware
    assert middleware[-1] == "axes.middleware.AxesMiddleware"
    assert production_settings["AUTHENTICATION_BACKENDS"][0] == (
        "axes.backends.AxesStandaloneBackend"
    )
    assert production_settings["AXES_ENABLED"] is True
    assert production_settings["AXES_FAILURE_LIMIT"] == 5
    assert production_settings["AXES_LOCKOUT_PARAMETERS"] == [
        ["username", "ip_address"]
    ]
    # The documented deployment has one reverse proxy in front of gunicorn.
    assert production_settings["TRUSTED_PROXY_COUNT"] == 1


# Content-Security-Policy -----------------------------------------------------------

#: Script types that run as script (HTML: "JavaScript MIME type essence match",
#: an empty or missing type, and "module"). Any other type is a data block.
JAVASCRIPT_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "text/ecmascript",
}


def parse_csp(header: str) -> dict[str, list[str]]:
    """``default-src 'self'; img-src 'self' data:`` as ``{directive: [sources]}``."""
    policy = {}
    for part in header.split(";"):
        tokens = part.split()
        if tokens:
            policy[tokens[0].lower()] = tokens[1:]
    return policy


def sources_for(policy: dict[str, list[str]], *directives: str) -> list[str]:
    """The sources of the first of ``directives`` in ``policy`` (CSP's fallback)."""
    for directive in (*directives, "default-src"):
        if directive in policy:
            return policy[directive]
    return ["*"]


class ElementCollector(HTMLParser):
    """Every ``<script>``, ``<style>`` and stylesheet ``<link>``, and style attributes."""

    def __init__(self):
        super().__init__()
        self.scripts: list[dict] = []
        self.styles: list[dict] = []
        self.stylesheets: list[str] = []
        self.style_attributes: list[str] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.style_attributes.append(tag)
        if tag in ("script", "style"):
            self._open = {**attributes, "_text": ""}
            (self.scripts if tag == "script" else self.styles).append(self._open)
        elif tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            self.stylesheets.append(attributes.get("href") or "")

    def handle_data(self, data):
        if self._open is not None:
            self._open["_text"] += data

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._open = None


def collect(response) -> ElementCollector:
    collector = ElementCollector()
    collector.feed(response.content.decode())
    return collector


def is_same_origin(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


def assert_allowed(element: dict, sources: list[str], what: str) -> None:
    """``element`` (a script or style) may load or run under ``sources``."""
    if element.get("src"):
        assert is_same_origin(element["src"]) and "'self'" in sources, (what, element)
    else:
        nonce = element.get("nonce")
        assert nonce and f"'nonce-{nonce}'" in sources, (what, element)


def assert_policy_allows_page(response) -> ElementCollector:
    """The page's own scripts and styles all pass its Content-Security-Policy."""
    policy = parse_csp(response["Content-Security-Policy"])
    page = collect(response)
    script_sources = sources_for(policy, "script-src-elem", "script-src")
    for script in page.scripts:
        script_type = (script.get("type") or "").strip().lower()
        if script_type in JAVASCRIPT_TYPES:
            assert_allowed(script, script_sources, "script")
        # Otherwise the element is a data block (such as application/ld+json): the
        # HTML standard's "prepare the script element" stops at its type, before
        # the step that asks CSP whether inline script may run, so no policy
        # applies to it and browsers neither run nor block nor report it.
    style_sources = sources_for(policy, "style-src-elem", "style-src")
    for style in page.styles:
        assert_allowed(style, style_sources, "style")
    for href in page.stylesheets:
        assert is_same_origin(href) and "'self'" in style_sources, href
    # A style attribute needs 'unsafe-inline' (a nonce cannot cover it).
    if "'unsafe-inline'" not in sources_for(policy, "style-src-attr", "style-src"):
        assert page.style_attributes == []
    return page


@pytest.fixture
def notice_response(client, complete_gdpr_notice):
    response = client.get(complete_gdpr_notice.url)
    assert response.status_code == 200
    return response


@pytest.fixture
def docs_response(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    return response


def test_notice_page_has_an_enforced_strict_policy(notice_response):
    policy = parse_csp(notice_response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in notice_response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in notice_response["Content-Security-Policy"]


def test_notice_page_scripts_and_styles_pass_its_policy(notice_response):
    page = assert_policy_allows_page(notice_response)
    assert [script["type"] for script in page.scripts] == ["application/ld+json"]
    assert any(href.startswith("/static/") for href in page.stylesheets)


def test_api_docs_scripts_and_styles_pass_their_policy(docs_response):
    page = assert_policy_allows_page(docs_response)
    inline = [script for script in page.scripts if not script.get("src")]
    assert len(inline) == 1
    assert "SwaggerUIBundle(" in inline[0]["_text"]
    assert {script["src"] for script in page.scripts if script.get("src")} == {
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js",
        "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-standalone-preset.js",
    }


def test_api_docs_nonce_is_new_for_every_response(client, db):
    nonces = {collect(client.get("/api/docs/")).scripts[-1]["nonce"] for _ in range(3)}
    assert len(nonces) == 3


def test_api_docs_do_not_load_the_third_party_validator_badge(docs_response):
    page = collect(docs_response)
    assert '"validatorUrl": null' in page.scripts[-1]["_text"]


def test_api_responses_carry_the_public_policy(client, db):
    response = client.get("/api/notices/")
    policy = parse_csp(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_admin_gets_the_relaxed_admin_policy(client, db, path):
    response = client.get(path)
    policy = parse_csp(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


# The public APIs are anonymous ------------------------------------------------------


def basic_auth(username: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/notices/"])
def test_api_ignores_basic_credentials(client, default_site, admin, path):
    # Right and wrong passwords get the same answer: no password oracle.
    wrong = client.get(path, **basic_auth("admin", "väärä"))
    right = client.get(path, **basic_auth("admin", "admin-password"))
    assert wrong.status_code == right.status_code == 200


def test_api_write_with_a_session_is_405_not_a_csrf_failure(default_site, admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    response = client.post("/api/v2/pages/", {})
    assert response.status_code == 405


def test_documents_api_with_a_login_restricted_collection_is_not_a_500(
    client, default_site
):
    private = Collection.get_first_root_node().add_child(name="Vain kirjautuneille")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    response = client.get("/api/v2/documents/")
    assert response.status_code == 200


# Login throttling ------------------------------------------------------------------

LOGIN_PASSWORD = "oikea-salasana-2026"
LIMIT = 5


@pytest.fixture
def staff_user(db):
    return UserFactory(
        username="paakayttaja",
        password=LOGIN_PASSWORD,
        is_superuser=True,
        is_staff=True,
    )


def attempt(client: Client, url: str, password: str, username="paakayttaja", **meta):
    return client.post(url, {"username": username, "password": password}, **meta)


def logged_in(client: Client) -> bool:
    return SESSION_KEY in client.session


LOGIN_URLS = ["/admin/login/", "/django-admin/login/"]


@override_settings(AXES_ENABLED=True)
@pytest.mark.parametrize("url", LOGIN_URLS)
def test_failed_logins_below_the_limit_show_the_form_again(client, staff_user, url):
    for _ in range(LIMIT - 1):
        assert attempt(client, url, "väärä").status_code == 200
    assert attempt(client, url, LOGIN_PASSWORD).status_code == 302
    assert logged_in(client)


@override_settings(AXES_ENABLED=True)
@pytest.mark.parametrize("url", LOGIN_URLS)
def test_lockout_after_the_limit_is_a_429_not_a_500(client, staff_user, url):
    for _ in range(LIMIT):
        attempt(client, url, "väärä")
    response = attempt(client, url, "väärä")
    assert response.status_code == 429
    assert b"too many login attempts" in response.content


@override_settings(AXES_ENABLED=True)
def test_locked_out_user_cannot_log_in_with_the_right_password(client, staff_user):
    for _ in range(LIMIT):
        attempt(client, "/admin/login/", "väärä")
    response = attempt(client, "/admin/login/", LOGIN_PASSWORD)
    assert response.status_code == 429
    assert not logged_in(client)


@override_settings(AXES_ENABLED=True)
def test_lockout_is_per_username_and_address(client, staff_user):
    for _ in range(LIMIT):
        attempt(client, "/admin/login/", "väärä", REMOTE_ADDR="198.51.100.7")
    other_address = Client()
    response = attempt(
        other_address, "/admin/login/", LOGIN_PASSWORD, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 302
    other_user = attempt(
        Client(),
        "/admin/login/",
        "väärä",
        username="toinen",
        REMOTE_ADDR="198.51.100.7",
    )
    assert other_user.status_code == 200


@override_settings(AXES_ENABLED=True, TRUSTED_PROXY_COUNT=1)
def test_forged_forwarded_for_does_not_escape_the_lockout(client, staff_user):
    # The proxy appends the real client address; what the client sent comes first.
    for number in range(LIMIT):
        attempt(
            client,
            "/admin/login/",
            "väärä",
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}, 198.51.100.7",
        )
    response = attempt(
        client,
        "/admin/login/",
        LOGIN_PASSWORD,
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.9.9.9, 198.51.100.7",
    )
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "203.0.113.5", "127.0.0.1"),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        (2, "6.6.6.6, 203.0.113.5, 192.0.2.1", "203.0.113.5"),
        (2, "203.0.113.5", "127.0.0.1"),
        (1, "", "127.0.0.1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(proxies, forwarded_for, expected):
    request = RequestFactory().get(
        "/admin/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded_for
    )
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        assert client_ip(request) == expected
