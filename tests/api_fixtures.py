"""Fixtures and helpers of the storefront API tests (docs/notice-model.md#versions and docs/api.md).

The API test modules load these fixtures with ``pytest_plugins =
["tests.api_fixtures"]`` and import the helpers. The notice fixtures have names of
their own (``live_gdpr``, ``live_htl`` …) so that they do not clash with fixtures of
``conftest.py``. Every notice is built with the factories of ``tests/factories.py``
and published either through the Legal review workflow (an editor submits, a legal
reviewer approves) or by an administrator, so its versions are recorded by the
signal handlers exactly as in the admin.
"""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.cache import cache
from django.test import Client
from wagtail.models import (
    Locale,
    Page,
    PageViewRestriction,
    TaskState,
    WorkflowState,
)
from wagtail.signals import (
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from rekisteri_cms.documents import canonical_json
from rekisteri_cms.models import PrivacyNoticePage
from tests.factories import (
    ControllerFactory,
    PrivacyNoticePageFactory,
    complete_gdpr_sections,
    rich_text,
    section,
    swedish_copy,
)

GDPR_SLUG = "komiat-hetket-tietosuojaseloste"
HTL_SLUG = "komiat-hetket-asiakastietokanta"
BUSINESS_ID = "2311066-7"
OTHER_BUSINESS_ID = "2173478-3"

#: The nine keys of the controller object (docs/api.md).
CONTROLLER_KEYS = {
    "name",
    "business_id",
    "street_address",
    "postal_code",
    "locality",
    "country",
    "phone",
    "email",
    "website",
}
#: The keys of a section object.
SECTION_KEYS = {"key", "number", "heading", "html", "text", "data"}
#: The keys of a stored version document (detail adds ``translations``).
DOCUMENT_KEYS = {
    "id",
    "slug",
    "locale",
    "title",
    "framework",
    "controller",
    "sections",
    "completeness",
    "version",
    "published_at",
    "approved_at",
    "approval_step",
    "change_summary",
    "content_hash",
    "html_url",
    "versions_url",
    "source_locale",
    "source_version",
    "html",
    "text",
    "prevailing_locale",
    "legacy",
}
#: What the detail endpoint adds to the stored document.
DETAIL_KEYS = {
    "translations",
    "effective_from",
    "effective_to",
    "approval_step_label",
    "upcoming",
}


# Helpers ---------------------------------------------------------------------------


def api(slug: str = "", suffix: str = "", **params) -> str:
    """The path of a notice endpoint with its query string."""
    path = "/api/notices/" + (f"{slug}/" if slug else "") + suffix
    if params:
        query = "&".join(f"{key}={value}" for key, value in params.items())
        path = f"{path}?{query}"
    return path


def stored_form(document: dict) -> dict:
    """An API ``document`` as its version stores it: links without the host."""
    from rekisteri_cms.links import public_base_url

    base = public_base_url()
    text = canonical_json(document)
    text = text.replace(f'":"{base}/', '":"/').replace(f'=\\"{base}/', '=\\"/')
    return json.loads(text)


def expected_hash(document: dict) -> str:
    """``sha256:`` + the digest of the canonical JSON of ``document`` less its hash,
    with its links site-relative (the hash covers the content, not the host)."""
    document = stored_form(document)
    payload = {key: value for key, value in document.items() if key != "content_hash"}
    digest = hashlib.sha256(canonical_json(payload).encode()).hexdigest()
    return f"sha256:{digest}"


def body_of(response) -> dict:
    return json.loads(response.content)


def fresh(page: PrivacyNoticePage) -> PrivacyNoticePage:
    """``page`` read again from the database."""
    return PrivacyNoticePage.objects.get(pk=page.pk)


def set_text(page: PrivacyNoticePage, key: str, html: str) -> PrivacyNoticePage:
    """Replace the rich text of the ``key`` section of ``page`` (in memory)."""
    for block in page.body:
        if block.block_type == key:
            block.value["body"] = rich_text(html)
    return page


def approve(page: PrivacyNoticePage, *, editor, reviewer) -> PrivacyNoticePage:
    """Submit the latest revision of ``page`` to its workflow as ``editor`` and have
    ``reviewer`` approve it, which publishes it (docs/review-workflow.md#legal-review)."""
    page = fresh(page)
    workflow_state = page.get_workflow().start(page, editor)
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    return fresh(page)


def publish_text(page, key: str, html: str, *, editor, reviewer, summary=""):
    """Change the text of section ``key`` and publish it through legal review."""
    page = set_text(fresh(page), key, html)
    page.change_summary = summary
    page.save_revision(user=editor)
    return approve(page, editor=editor, reviewer=reviewer)


def restrict(page: Page) -> PageViewRestriction:
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="salasana"
    )


# Fixtures --------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def clear_api_cache():
    """Each test starts and ends with an empty Django cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def no_review_emails():
    """Wagtail's review notification e-mails are switched off for the test.

    They are not what these tests are about, and rendering them costs about two
    seconds for every approval.
    """
    from wagtail.admin import signal_handlers as handlers

    signals = [
        (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
        (
            workflow_submitted,
            WorkflowState,
            "workflow_state_submitted_email_notification",
        ),
        (
            workflow_rejected,
            WorkflowState,
            "workflow_state_rejected_email_notification",
        ),
        (
            workflow_approved,
            WorkflowState,
            "workflow_state_approved_email_notification",
        ),
    ]
    for signal, sender, uid in signals:
        signal.disconnect(sender=sender, dispatch_uid=uid)
    yield
    handlers.register_signal_handlers()


@pytest.fixture
def anon():
    """An anonymous client, as a storefront is."""
    return Client()


@pytest.fixture
def api_controller(locale_fi):
    """Komiat Hetket Oy with every contact field filled in."""
    return ControllerFactory(
        name="Komiat Hetket Oy",
        business_id=BUSINESS_ID,
        street_address="Kauppakatu 1",
        postal_code="60101",
        locality="Seinäjoki",
        country="FI",
        phone="+358400417447",
        email="tietosuoja@komiathetket.example",
        website="https://komiathetket.example",
        locale=locale_fi,
    )


RIGHTS_HTML = (
    "<p>Sinulla on oikeus saada pääsy tietoihisi. Katso myös "
    '<a linktype="page" id="{index_id}">muut selosteemme</a>.</p>'
)


@pytest.fixture
def live_gdpr(index, api_controller, editor, reviewer, no_review_emails):
    """A complete GDPR notice of Komiat Hetket Oy, written by ``editor`` and
    published as version 1 by ``reviewer``'s approval in the Legal review workflow.

    Its rights section links to the index page (an internal link) and it has an
    optional ``changes`` section, so that a later version can drop one."""
    page = PrivacyNoticePageFactory(
        parent=index,
        title="Komiat Hetket Oy:n tietosuojaseloste",
        slug=GDPR_SLUG,
        framework="gdpr",
        body=[
            *complete_gdpr_sections(api_controller, omit=["data_subject_rights"]),
            section(
                "data_subject_rights",
                body=rich_text(RIGHTS_HTML.format(index_id=index.pk)),
            ),
            section("changes", body=rich_text("<p>Muutoksista kerrotaan täällä.</p>")),
        ],
    )
    return approve(page, editor=editor, reviewer=reviewer)


@pytest.fixture
def live_htl(index, api_controller):
    """A legacy register description (HTL 10 §) without a date section, published
    by an administrator."""
    return PrivacyNoticePageFactory(
        parent=index,
        title="Komiat Hetket Oy:n asiakastietokanta",
        slug=HTL_SLUG,
        framework="htl",
        body=[
            section("controller", controller=api_controller),
            section(
                "purpose",
                heading="Rekisterin käyttötarkoitus",
                body=rich_text("<p>Asiakassuhteen hoitaminen.</p>"),
            ),
            section("data_content"),
            # HTL 10 § 4 in one section, as register descriptions wrote it: regular
            # disclosures and transfers outside the EU/EEA.
            section(
                "disclosures",
                body=rich_text(
                    "<p>Tietoja ei luovuteta säännönmukaisesti eikä siirretä EU:n "
                    "tai ETA:n ulkopuolelle.</p>"
                ),
            ),
            section("security"),
        ],
        publish=True,
    )


@pytest.fixture
def live_other(index, locale_fi):
    """A published GDPR notice of another controller (for the list filter)."""
    controller = ControllerFactory(
        name="Toinen Oy", business_id=OTHER_BUSINESS_ID, locale=locale_fi
    )
    return PrivacyNoticePageFactory(
        parent=index,
        title="Toinen Oy:n tietosuojaseloste",
        slug="toinen-tietosuojaseloste",
        body=complete_gdpr_sections(controller),
        publish=True,
    )


@pytest.fixture
def never_published(index, api_controller):
    """A complete GDPR notice that was never published."""
    return PrivacyNoticePageFactory(
        parent=index,
        title="Luonnos",
        slug="luonnos-tietosuojaseloste",
        body=complete_gdpr_sections(api_controller),
    )


@pytest.fixture
def api_locale_sv(locales) -> Locale:
    return locales["sv"]


@pytest.fixture
def live_sv(live_gdpr, api_locale_sv, editor, reviewer, no_review_emails):
    """The Swedish translation of ``live_gdpr``, published as its version 1."""
    translation = swedish_copy(
        live_gdpr, api_locale_sv, title="Komiat Hetket Oy:s dataskyddsbeskrivning"
    )
    translation.save_revision(user=editor)
    return approve(translation, editor=editor, reviewer=reviewer)


@pytest.fixture
def two_versions(live_gdpr, editor, reviewer, no_review_emails):
    """``live_gdpr`` republished as version 2: the purpose text changed, a cookies
    section added and the changes section removed."""
    page = set_text(fresh(live_gdpr), "purpose", PURPOSE_V2_HTML)
    page.body = [
        *((block.block_type, block.value) for block in page.body
          if block.block_type != "changes"),
        section("cookies", body=rich_text("<p>Käytämme evästeitä.</p>")),
    ]  # fmt: skip
    page.change_summary = "Lisätty evästeet"
    page.save_revision(user=editor)
    return approve(page, editor=editor, reviewer=reviewer)


PURPOSE_V2_HTML = "<p>Tietoja käytetään asiakassuhteen hoitoon.</p>"

#: A notice detail assembled at its first read, after a change its publication did
#: not see (a restriction, another base URL, a new release): the cache's generation,
#: the rows, the stored document, and the kept detail's write in its savepoint.
ASSEMBLY_QUERIES = 6


@pytest.fixture
def fetch(anon, django_assert_max_num_queries):
    """GET ``url`` as a storefront in at most ``queries`` SQL queries: by default
    an uncached answer's two and the read of the cache's generation that goes
    before it (``rekisteri_cms.cache.tags``)."""

    def fetch(url: str, queries: int = 3, **headers):
        with django_assert_max_num_queries(queries):
            return anon.get(url, **headers)

    return fetch
