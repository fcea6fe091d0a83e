"""Shared fixtures: the site tree, locales, users per role, clients and notices.

Migrations run before the tests, so Wagtail's root page, the default site and the
"Editors" and "Legal reviewers" groups exist as they do in production.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase

from project.demo import ensure_index, ensure_locales
from tests.factories import (
    ControllerFactory,
    PrivacyNoticePageFactory,
    UserFactory,
    complete_gdpr_sections,
)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Wagtail caches site root paths; a rolled-back test must not leak them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def root_page(db):
    """Wagtail's tree root, created by its migrations."""
    return Page.get_first_root_node()


@pytest.fixture
def locales(db):
    """The content locales fi, sv and en, by language code."""
    ensure_locales()
    return {locale.language_code: locale for locale in Locale.objects.all()}


@pytest.fixture
def locale_fi(locales):
    return locales["fi"]


@pytest.fixture
def index(locale_fi):
    """The Finnish notices index, made the default site's root page."""
    return ensure_index(locale_fi)


@pytest.fixture
def default_site(index):
    """The default site, rooted at the notices index."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def editor(db):
    """A member of "Editors": creates and edits notices, cannot publish."""
    return UserFactory(username="editor", role="editor")


@pytest.fixture
def reviewer(db):
    """A member of "Legal reviewers": may approve and publish."""
    return UserFactory(username="reviewer", role="reviewer")


@pytest.fixture
def admin(db):
    """A superuser."""
    return UserFactory(username="admin", role="admin")


@pytest.fixture
def client():
    """An anonymous Django test client."""
    return Client()


@pytest.fixture
def admin_client(admin):
    client = Client()
    client.force_login(admin)
    return client


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def page_assertions():
    """Wagtail's page-type assertions (``assertAllowedParentPageTypes`` …) for pytest.

    ``WagtailPageTestCase`` is a ``TestCase``; an instance made outside a test run
    still offers its assertion methods. Set ``.client`` for ``assertCanCreate``.
    """
    return WagtailPageTestCase()


@pytest.fixture
def controller(locale_fi):
    """Komiat Hetket Oy, the controller of seed notice 000."""
    return ControllerFactory(
        name="Komiat Hetket Oy",
        business_id="2311066-7",
        postal_code="60101",
        locality="Seinäjoki",
        phone="+358400417447",
        locale=locale_fi,
    )


@pytest.fixture
def complete_gdpr_notice(index, controller):
    """A live GDPR notice with every required section written."""
    return PrivacyNoticePageFactory(
        parent=index,
        title="Komiat Hetket Oy:n tietosuojaseloste",
        slug="komiat-hetket-tietosuojaseloste",
        body=complete_gdpr_sections(controller),
        publish=True,
    )
