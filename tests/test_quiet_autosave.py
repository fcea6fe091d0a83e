"""A quiet editor: one status message per deliberate save, none per autosave, no
notice in the tree before the first save, no error badge on an untouched form.

Wagtail 8 autosaves the edit form with JSON requests and shows "Saved" in place
beside the title. The completeness report used to be added as a message on every
save, autosaves included, so the next page load showed a pile of identical
banners; now a deliberate save replaces Wagtail's "Page … updated" with one
message, an autosave adds none, and the items are the review panel's checklist.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page

from rekisteri_cms.models import PrivacyNoticePage
from tests.forms import gdpr_form_blocks
from tests.test_admin import add_url, notice_form_data
from tests.translation_fixtures import client_for

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}
ENGLISH = (
    "has been updated",
    "could not be saved due to validation errors",
    "Autosave is paused",
    "Saved as a draft",
)


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.fixture
def editor_client(editor):
    return client_for(editor, "fi")


@pytest.fixture
def draft(editor_client, index, controller):
    """A GDPR notice created as a draft by the editor, lacking two sections."""
    blocks = gdpr_form_blocks(controller, omit=("retention", "complaint"))
    response = editor_client.post(add_url(index), notice_form_data(blocks), follow=True)
    assert response.status_code == 200
    return PrivacyNoticePage.objects.get(slug="uusi-tietosuojaseloste")


def test_create_view_of_a_notice_does_not_autosave(editor_client, index):
    html = editor_client.get(add_url(index)).content.decode()
    form = re.search(r"<form[^>]*data-edit-form[^>]*>", html, re.S).group(0)
    assert "w-autosave" not in form
    assert 'id="w-autosave-indicator"' not in html


def test_autosave_request_to_the_create_view_creates_nothing(
    editor_client, index, controller
):
    pages = Page.objects.count()
    response = editor_client.post(
        add_url(index), notice_form_data(gdpr_form_blocks(controller)), **JSON
    )
    assert response.status_code == 400
    assert response.json()["success"] is False
    assert Page.objects.count() == pages


def test_untouched_new_form_has_no_error_marks(editor_client, index):
    """Wagtail's tab badge counts ``.error-message`` and ``.help-critical``."""
    html = editor_client.get(add_url(index)).content.decode()
    assert "help-critical" not in html
    assert 'class="error-message"' not in html


def test_deliberate_save_shows_one_status_message(editor_client, index, controller):
    blocks = gdpr_form_blocks(controller, omit=("retention",))
    response = editor_client.post(add_url(index), notice_form_data(blocks), follow=True)
    [message] = messages_of(response)
    assert re.match(r"Tallennettu luonnoksena\. Siitä puuttuu vielä \d+ ", message)


def test_saving_twice_still_shows_one_message(editor_client, draft):
    data = notice_form_data(
        gdpr_form_blocks(draft.body[0].value["controller"], omit=("retention",))
    )
    editor_client.post(edit_url(draft), data, follow=True)
    response = editor_client.post(edit_url(draft), data, follow=True)
    messages = messages_of(response)
    assert len(messages) == 1
    assert messages[0].startswith("Tallennettu luonnoksena.")
    html = response.content.decode()
    for english in ENGLISH:
        assert english not in html


def test_complete_draft_says_it_may_be_submitted(editor_client, index, controller):
    response = editor_client.post(
        add_url(index), notice_form_data(gdpr_form_blocks(controller)), follow=True
    )
    assert messages_of(response) == [
        "Tallennettu luonnoksena. Siinä on kaikki tietosuoja-asetuksen edellyttämät "
        "tiedot; lähetä se oikeudelliseen tarkastukseen, kun se on valmis."
    ]


def test_autosaves_leave_no_messages_behind(editor_client, draft):
    data = notice_form_data(
        gdpr_form_blocks(draft.body[0].value["controller"], omit=("retention",))
    )
    for number in range(3):
        data["title"] = f"Uusi tietosuojaseloste {number}"
        response = editor_client.post(edit_url(draft), data, **JSON)
        assert response.status_code == 200, response.content
        assert response.json()["success"] is True
    response = editor_client.get(edit_url(draft))
    assert messages_of(response) == []
    latest = PrivacyNoticePage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert latest.title == "Uusi tietosuojaseloste 2"


def test_autosave_of_an_invalid_form_answers_in_finnish(editor_client, draft):
    data = notice_form_data([], slug="")
    data["title"] = ""
    response = editor_client.post(edit_url(draft), data, **JSON)
    assert response.status_code == 400
    assert response.json()["error_message"] == (
        "Lomakkeessa on virheitä: tallenna, niin ne korostetaan."
    )
    assert list(get_messages(response.wsgi_request)) == []


def test_invalid_deliberate_save_banner_is_finnish(editor_client, draft):
    data = notice_form_data([], slug="")
    data["title"] = ""
    response = editor_client.post(edit_url(draft), data)
    [message] = messages_of(response)
    assert "Sivua ei voitu tallentaa, koska lomakkeessa on virheitä." in message
    assert "validation errors" not in response.content.decode()
