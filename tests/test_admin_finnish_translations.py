"""The translation editor of wagtail-localize in a Finnish admin (issue 15).

wagtail-localize's own Finnish catalogue leaves its editor's title ("Translation of
… into Svenska") and the JavaScript editor's strings ("Uses Suomi version") English;
the site's catalogue translates them.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.translation_fixtures import client_for, fresh

pytest_plugins = ["tests.translation_fixtures"]
pytestmark = pytest.mark.django_db


def test_the_translation_editor_is_titled_in_finnish(
    fi_notice, translations, swedish, editor
):
    page = fresh(fi_notice.get_translation(swedish))
    response = client_for(editor, "fi").get(
        reverse("wagtailadmin_pages:edit", args=(page.pk,))
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Käännös: " in content
    assert "Translation of" not in content
    assert " into Svenska" not in content


def in_catalogue(text: str, catalogue: str) -> bool:
    """Is ``text`` a msgstr of a JavaScript catalogue (JSON, non-ASCII escaped)?"""
    return json.dumps(text)[1:-1] in catalogue or text in catalogue


def test_the_translation_editors_javascript_strings_are_in_finnish(editor):
    client = client_for(editor, "fi")
    localize = client.get(reverse("wagtail_localize:javascript_catalog"))
    assert in_catalogue("Käyttää alkuperäistä tekstiä (%s)", localize.content.decode())
    admin = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert in_catalogue(
        "Muutokset on tallennettu automaattisesti.", admin.content.decode()
    )
