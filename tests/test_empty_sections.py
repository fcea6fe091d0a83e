"""An optional section with nothing to say is never published as a bare heading."""

from __future__ import annotations

import pytest

from rekisteri_cms.documents import render_sections
from rekisteri_cms.models import PrivacyNoticePage
from tests.factories import complete_gdpr_sections

pytestmark = pytest.mark.django_db


def notice_with(controller, *extra) -> PrivacyNoticePage:
    page = PrivacyNoticePage(title="T", slug="t", framework="gdpr")
    page.body = complete_gdpr_sections(controller)
    page.body = [*page.body.get_prep_value(), *extra]
    return page


def test_empty_optional_sections_are_left_out(controller):
    page = notice_with(
        controller,
        {"type": "date", "value": {"heading": "", "body": "", "date": None}},
        {"type": "cookies", "value": {"heading": "", "body": ""}},
    )
    keys = [section["key"] for section in render_sections(page)]
    assert "date" not in keys and "cookies" not in keys
    assert [s["number"] for s in render_sections(page)] == list(range(1, len(keys) + 1))


def test_optional_sections_with_text_stay(controller):
    page = notice_with(
        controller,
        {"type": "date", "value": {"heading": "", "body": "", "date": "2026-12-01"}},
        {"type": "cookies", "value": {"heading": "", "body": "<p>Evästeet.</p>"}},
    )
    keys = [section["key"] for section in render_sections(page)]
    assert keys[-2:] == ["date", "cookies"]
