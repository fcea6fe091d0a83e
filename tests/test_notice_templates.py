"""Starting a new GDPR notice from the web shop template.

The template fills every section a typical web shop needs and marks what only
the shop knows with "[TÄYDENNÄ: …]"; a placeholder left blocks submitting and
approving; once the placeholders are replaced and a controller is chosen, the
notice gives every piece of information the GDPR requires. Nothing is saved
before the editor saves.
"""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import Page

from rekisteri_cms.admin.notice_templates import web_shop_body
from rekisteri_cms.models import PrivacyNoticePage
from rekisteri_cms.validators import PLACEHOLDER_RE, placeholders_in
from tests.test_admin import add_url
from tests.translation_fixtures import client_for

pytestmark = pytest.mark.django_db

FILLED = {
    "[TÄYDENNÄ: yhteyshenkilö tai -taho, esim. Asiakaspalvelu]": "Asiakaspalvelu",
    "[TÄYDENNÄ: rekisterin nimi, esim. Yrityksen asiakasrekisteri]": (
        "Testikaupan asiakasrekisteri"
    ),
    "[TÄYDENNÄ: osoite, johon pyynnöt lähetetään]": "Testikauppa Oy, Kauppakatu 1",
}


def filled_body(controller) -> list[dict]:
    """The template as an editor completes it: a controller, placeholders replaced."""

    def fill(value):
        if isinstance(value, str):
            for placeholder, text in FILLED.items():
                value = value.replace(placeholder, text)
            return PLACEHOLDER_RE.sub("", value)
        if isinstance(value, dict):
            return {key: fill(item) for key, item in value.items()}
        if isinstance(value, list):
            return [fill(item) for item in value]
        return value

    body = fill(web_shop_body())
    body[0]["value"]["controller"] = controller.pk
    return body


def test_template_marks_what_only_the_shop_knows():
    placeholders = placeholders_in(web_shop_body())
    assert len(placeholders) == 5
    assert all(p.startswith("[TÄYDENNÄ:") for p in placeholders)


def test_template_filled_in_gives_every_gdpr_item(index, controller):
    page = PrivacyNoticePage(title="T", slug="t", framework="gdpr")
    page.body = filled_body(controller)
    report = page.completeness()
    assert report.missing == [], report.reason("en")
    assert placeholders_in(page.body.get_prep_value()) == []


def test_create_view_offers_the_template(editor, index):
    html = client_for(editor, "fi").get(add_url(index)).content.decode()
    assert "data-start-from-template" in html
    assert "?template=web_shop" in html
    assert "Verkkokaupan tietosuojaseloste" in html


def test_template_prefills_the_form_and_saves_nothing(editor, index):
    pages = Page.objects.count()
    response = client_for(editor, "fi").get(add_url(index) + "?template=web_shop")
    html = response.content.decode()
    assert response.status_code == 200
    assert "rekisterin nimi, esim. Yrityksen asiakasrekisteri" in html
    assert re.search(r'<option value="gdpr"[^>]*selected', html)
    assert "data-start-from-template" not in html
    assert Page.objects.count() == pages


def test_placeholders_block_the_workflow(index, controller, editor):
    body = filled_body(controller)
    body[2]["value"]["name"] = "[TÄYDENNÄ: rekisterin nimi]"
    page = PrivacyNoticePage(title="Testikauppa", slug="testikauppa", framework="gdpr")
    page.body = body
    index.add_child(instance=page)
    page.save_revision(user=editor)
    with pytest.raises(PermissionDenied, match="TÄYDENNÄ: rekisterin nimi"):
        page.get_workflow().start(page, editor)
