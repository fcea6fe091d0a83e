"""The public version history of a notice: history, one version and the diff (docs/notice-model.md#versions)."""

from __future__ import annotations

import re

import pytest
from django.utils.timezone import localtime

from tests.workflow_fixtures import add_other_section, approve, submit

pytest_plugins = ["tests.workflow_fixtures"]
pytestmark = pytest.mark.django_db

SECOND_SUMMARY = "Lisätty evästeet"


@pytest.fixture
def two_versions(live_notice, editor, second_reviewer):
    """The live notice with a second approved version that adds a cookies section."""
    submit(
        add_other_section(
            live_notice, "Evästeet", "Käytämme välttämättömiä evästeitä."
        ),
        editor,
        SECOND_SUMMARY,
    )
    return approve(live_notice, second_reviewer)


def get(client, url):
    # The language comes from the URL (/fi/…), never from the browser.
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en")


def text(response) -> str:
    return response.content.decode()


def test_history_page_renders(client, two_versions):
    assert get(client, two_versions.url + "history/").status_code == 200


def test_history_page_is_in_finnish(client, two_versions):
    assert '<html lang="fi"' in text(get(client, two_versions.url + "history/"))


def test_history_lists_both_versions_with_their_summaries(client, two_versions):
    content = text(get(client, two_versions.url + "history/"))
    assert two_versions.url + "history/1/" in content
    assert two_versions.url + "history/2/" in content
    assert SECOND_SUMMARY in content
    assert "Ensimmäinen versio" in content


def test_history_says_which_review_approved_in_finnish(client, two_versions):
    content = text(get(client, two_versions.url + "history/"))
    assert "Oikeudellinen tarkastus" in content
    assert "Legal review" not in content


def test_history_shows_each_versions_period(client, two_versions):
    content = text(get(client, two_versions.url + "history/"))
    first, second = two_versions.versions.order_by("number")
    start = localtime(first.effective_from).strftime("%-d.%-m.%Y")
    end = localtime(first.effective_to).strftime("%-d.%-m.%Y")
    assert re.search(
        rf"voimassa <time[^>]*>{start}</time>–<time[^>]*>{end}</time>", content
    )
    assert re.search(r"voimassa <time[^>]*>[0-9.]+</time> alkaen", content)


def test_version_page_shows_the_old_text(client, two_versions):
    content = text(get(client, two_versions.url + "history/1/"))
    assert "Käytämme välttämättömiä evästeitä." not in content
    assert "voimassa <time" in content


def test_superseded_version_says_it_is_no_longer_in_force(client, two_versions):
    old = text(get(client, two_versions.url + "history/1/"))
    current = text(get(client, two_versions.url + "history/2/"))
    assert 'class="superseded"' in old
    assert 'class="superseded"' not in current


def test_version_page_shows_its_change_summary(client, two_versions):
    assert SECOND_SUMMARY in text(get(client, two_versions.url + "history/2/"))


def test_diff_page_marks_the_added_section(client, two_versions):
    response = get(client, two_versions.url + "history/diff/?from=1&to=2")
    assert response.status_code == 200
    assert "<ins>Käytämme välttämättömiä evästeitä.</ins>" in text(response)


def test_diff_page_shows_the_change_summary(client, two_versions):
    content = text(get(client, two_versions.url + "history/diff/?from=1&to=2"))
    assert SECOND_SUMMARY in content
    assert '<html lang="fi"' in content


def test_diff_defaults_to_the_newest_change(client, two_versions):
    content = text(get(client, two_versions.url + "history/diff/"))
    assert "<ins>Käytämme välttämättömiä evästeitä.</ins>" in content


@pytest.mark.parametrize(
    "suffix",
    ["history/3/", "history/0/", "history/diff/?from=1&to=9", "history/diff/?from=x"],
)
def test_unknown_versions_are_not_found(client, two_versions, suffix):
    assert get(client, two_versions.url + suffix).status_code == 404


def test_withdrawn_notice_answers_gone_with_a_link_to_its_history(
    client, two_versions, admin
):
    url = two_versions.url
    two_versions.unpublish(user=admin)
    response = get(client, url)
    assert response.status_code == 410
    assert "vedettiin pois" in text(response)
    assert f'href="{url}history/"' in text(response)


@pytest.mark.parametrize("suffix", ["history/", "history/1/", "history/diff/"])
def test_withdrawn_notice_keeps_its_public_history(client, two_versions, admin, suffix):
    url = two_versions.url
    two_versions.unpublish(user=admin)
    response = get(client, url + suffix)
    assert response.status_code == 200
    assert "vedettiin pois" in text(response)


def test_history_of_a_notice_never_published_is_not_found(client, draft_notice):
    assert get(client, f"/fi/{draft_notice.slug}/history/").status_code == 404
