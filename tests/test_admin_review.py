"""The legal review in the admin: the versions record, the review panel and conversion."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import NoReverseMatch, reverse

from rekisteri_cms.admin.views.review import convert_to_gdpr, review_context
from rekisteri_cms.models import NoticeVersion, PrivacyNoticePage
from tests.factories import PrivacyNoticePageFactory, UserFactory, rich_text, section
from tests.workflow_fixtures import (
    add_other_section,
    approve,
    client_for,
    draft_form,
    draft_of,
    edit_url,
    public_api,
    public_html,
    submit,
)

pytest_plugins = ["tests.workflow_fixtures"]
pytestmark = pytest.mark.django_db

VERSIONS_URL = "/admin/notice_versions/"


@pytest.fixture
def outsider(db):
    """A user of the admin (images, say) with no page permissions on the notices."""
    group = Group.objects.create(name="Kuvatoimittajat")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    return UserFactory(username="kuvatoimittaja", groups=["Kuvatoimittajat"])


@pytest.fixture
def named_reviewer(db):
    user = UserFactory(username="juristi-virtanen", role="reviewer")
    user.first_name, user.last_name = "Vilja", "Virtanen"
    user.save()
    return user


@pytest.fixture
def approved_by_named_reviewer(draft_notice, editor, named_reviewer):
    submit(draft_notice, editor, "Ensimmäinen versio")
    return approve(draft_notice, named_reviewer)


@pytest.fixture
def htl_notice(index, controller, admin):
    """A live legacy register description with a controller and a purpose only."""
    return PrivacyNoticePageFactory(
        parent=index,
        title="Komiat Hetket Oy:n asiakastietokanta",
        slug="komiat-hetket-asiakastietokanta",
        framework="htl",
        body=[section("controller", controller=controller), section("purpose")],
        publish=admin,
    )


def convert_url(page) -> str:
    return reverse("rekisteri_cms_admin:convert_to_gdpr", args=(page.pk,))


# --- Notice versions -------------------------------------------------------------------


def test_versions_index_is_the_viewsets_url():
    assert reverse("notice_versions:index") == VERSIONS_URL


@pytest.mark.parametrize("user", ["editor", "reviewer", "admin"])
def test_notice_users_see_the_versions(request, live_notice, user):
    client = client_for(request.getfixturevalue(user))
    response = client.get(VERSIONS_URL)
    assert response.status_code == 200
    assert live_notice.title in response.content.decode()


def test_user_without_notice_access_cannot_see_the_versions(outsider, live_notice):
    response = client_for(outsider).get(VERSIONS_URL)
    assert response.status_code in (302, 403)


def listed(response) -> set[str]:
    return {version.title for version in response.context["object_list"]}


def test_versions_are_in_the_admin_menu_for_editors(editor, index):
    response = client_for(editor).get("/admin/")
    assert VERSIONS_URL.encode() in response.content


def test_versions_are_not_in_the_admin_menu_for_others(outsider, index):
    response = client_for(outsider).get("/admin/")
    assert VERSIONS_URL.encode() not in response.content


def test_versions_list_shows_the_approver_to_the_admin(
    approved_by_named_reviewer, editor
):
    content = client_for(editor).get(VERSIONS_URL).content.decode()
    assert "Vilja Virtanen" in content
    # The step's name in the admin's language (Finnish here), not its code.
    assert "Oikeudellinen tarkastus" in content
    assert "legal_review" not in content
    assert "Ensimmäinen versio" in content


def test_versions_can_be_filtered_by_notice(live_notice, htl_notice, editor):
    response = client_for(editor).get(VERSIONS_URL, {"page": live_notice.pk})
    assert listed(response) == {live_notice.title}


def test_versions_can_be_filtered_by_locale(live_notice, editor, locales):
    client = client_for(editor)
    assert listed(client.get(VERSIONS_URL, {"locale": locales["sv"].pk})) == set()
    fi = client.get(VERSIONS_URL, {"locale": locales["fi"].pk})
    assert listed(fi) == {live_notice.title}


@pytest.mark.parametrize("name", ["add", "edit", "delete", "copy"])
def test_versions_have_no_add_edit_or_delete_views(name):
    args = () if name == "add" else (1,)
    with pytest.raises(NoReverseMatch):
        reverse(f"notice_versions:{name}", args=args)


def test_version_inspect_view_shows_the_record(approved_by_named_reviewer, reviewer):
    version = NoticeVersion.objects.get()
    url = reverse("notice_versions:inspect", args=(version.pk,))
    content = client_for(reviewer).get(url).content.decode()
    assert "juristi-virtanen" in content
    assert version.content_hash in content


def test_reviewer_name_is_not_public(approved_by_named_reviewer, client):
    html = public_html(client, approved_by_named_reviewer)[1]
    history = client.get(approved_by_named_reviewer.url + "history/").content.decode()
    api = str(public_api(client, approved_by_named_reviewer)[1])
    for text in (html, history, api):
        assert "Virtanen" not in text
        assert "juristi-virtanen" not in text


# --- The review panel ---------------------------------------------------------------------


def test_review_panel_is_at_the_top_of_the_editor(editor, draft_notice):
    content = client_for(editor).get(edit_url(draft_notice)).content.decode()
    assert content.index("data-review-panel") < content.index('name="title"')


def test_review_panel_names_missing_required_sections_in_finnish(editor, draft_notice):
    draft = draft_of(draft_notice)
    draft.body = [
        (b.block_type, b.value) for b in draft.body if b.block_type != "retention"
    ]
    draft.save_revision(user=editor)
    content = client_for(editor).get(edit_url(draft_notice)).content.decode()
    assert 'data-key="retention">Henkilötietojen säilytysaika<' in content


def test_review_panel_lists_recommended_sections(editor, draft_notice):
    content = client_for(editor).get(edit_url(draft_notice)).content.decode()
    assert 'data-key="security">Rekisterin suojauksen periaatteet<' in content


def test_review_panel_uses_the_pages_language(locales, controller):
    notice = PrivacyNoticePage(
        title="Dataskyddsbeskrivning", framework="gdpr", locale=locales["sv"], body=[]
    )
    missing = {
        item["key"]: item["heading"] for item in review_context(notice)["missing"]
    }
    assert missing["retention"] == "Lagringstid för personuppgifterna"


def test_review_panel_lists_gdpr_items_of_a_legacy_notice(editor, htl_notice):
    content = client_for(editor).get(edit_url(htl_notice)).content.decode()
    assert (
        'data-key="complaint">Oikeus tehdä valitus valvontaviranomaiselle<' in content
    )


def test_reviewer_sees_the_changes_under_review(live_notice, editor, reviewer):
    submit(add_other_section(live_notice, "Evästeet", "Käytämme evästeitä."), editor)
    content = client_for(reviewer).get(edit_url(live_notice)).content.decode()
    assert "<ins>Käytämme evästeitä.</ins>" in content
    assert "rekisteri-review__section--added" in content


def test_review_panel_links_to_the_revision_comparison(live_notice, editor, reviewer):
    submit(add_other_section(live_notice, "Evästeet", "Käytämme evästeitä."), editor)
    page = PrivacyNoticePage.objects.get(pk=live_notice.pk)
    expected = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=(page.pk, page.live_revision_id, page.latest_revision_id),
    )
    content = client_for(reviewer).get(edit_url(live_notice)).content.decode()
    assert expected in content
    assert client_for(reviewer).get(expected).status_code == 200


def test_review_panel_renders_in_the_create_view(editor, index):
    url = reverse(
        "wagtailadmin_pages:add", args=("rekisteri_cms", "privacynoticepage", index.pk)
    )
    response = client_for(editor).get(url)
    assert response.status_code == 200
    assert b"data-review-panel" in response.content


def test_review_panel_of_an_unpublished_notice_says_so(editor, draft_notice):
    context = review_context(draft_of(draft_notice))
    assert context["current_version"] is None and context["diff"] is None


def test_review_panel_diff_counts_the_changed_sections(live_notice, editor):
    draft = add_other_section(live_notice, "Evästeet", "Käytämme evästeitä.")
    draft.save_revision(user=editor)
    diff = review_context(draft_of(live_notice))["diff"]
    assert diff["summary"]["added"] == 1
    assert [s["key"] for s in diff["changed_sections"]] == ["other"]


# --- Converting a legacy notice to GDPR -----------------------------------------------------


def test_convert_button_is_offered_for_a_legacy_notice(editor, htl_notice):
    content = client_for(editor).get(edit_url(htl_notice)).content.decode()
    assert convert_url(htl_notice) in content


def test_convert_button_is_not_offered_for_a_gdpr_notice(editor, live_notice):
    content = client_for(editor).get(edit_url(live_notice)).content.decode()
    assert convert_url(live_notice) not in content


def test_convert_view_is_post_only(editor, htl_notice):
    assert client_for(editor).get(convert_url(htl_notice)).status_code == 405


def test_convert_requires_change_permission(outsider, htl_notice):
    response = client_for(outsider).post(convert_url(htl_notice))
    assert response.status_code in (302, 403)
    assert draft_of(htl_notice).framework == "htl"


def test_convert_makes_the_draft_a_gdpr_notice(editor, htl_notice):
    client_for(editor).post(convert_url(htl_notice))
    assert draft_of(htl_notice).framework == "gdpr"


def test_convert_appends_empty_sections_for_the_missing_gdpr_items(editor, htl_notice):
    """A section for each missing GDPR 13 item. The notice says nothing of other
    sources, so it is judged under Art. 13: the data categories and the sources
    (14(1)(d), 14(2)(f)) are not asked for, and get no empty section."""
    client_for(editor).post(convert_url(htl_notice))
    draft = draft_of(htl_notice)
    added = list(draft.body)[2:]
    assert [b.block_type for b in added] == [
        "legal_basis",
        "disclosures",
        "transfers_outside_eea",
        "retention",
        "data_subject_rights",
        "complaint",
        "automated_decisions",
    ]
    assert all(b.value["heading"] == "" for b in added)


def test_convert_redirects_to_the_editor_naming_the_added_sections(editor, htl_notice):
    response = client_for(editor).post(convert_url(htl_notice), follow=True)
    assert response.redirect_chain[-1][0] == edit_url(htl_notice)
    message = " ".join(str(m) for m in response.context["messages"])
    assert "Henkilötietojen säilytysaika" in message
    assert "Käsittelyn oikeusperuste" in message


def test_convert_does_not_publish(editor, htl_notice, client):
    before = public_html(client, htl_notice), public_api(client, htl_notice)
    client_for(editor).post(convert_url(htl_notice))
    assert (public_html(client, htl_notice), public_api(client, htl_notice)) == before
    assert public_api(client, htl_notice)[1]["framework"] == "htl"
    assert NoticeVersion.objects.filter(page_id=htl_notice.pk).count() == 1


def test_convert_is_idempotent(editor, htl_notice):
    assert convert_to_gdpr(htl_notice, editor)
    revisions = htl_notice.revisions.count()
    assert convert_to_gdpr(htl_notice, editor) == []
    assert htl_notice.revisions.count() == revisions


def test_second_conversion_through_the_view_adds_nothing(editor, htl_notice):
    client = client_for(editor)
    client.post(convert_url(htl_notice))
    body_after_first = [b.block_type for b in draft_of(htl_notice).body]
    client.post(convert_url(htl_notice))
    assert [b.block_type for b in draft_of(htl_notice).body] == body_after_first


def test_converted_notice_cannot_be_submitted_until_written(editor, htl_notice):
    client = client_for(editor)
    client.post(convert_url(htl_notice))
    response = client.post(
        edit_url(htl_notice),
        draft_form(htl_notice, action="submit", change_summary="GDPR-muotoon"),
    )
    errors = " ".join(response.context["form"].non_field_errors())
    assert "Säilytysaika (13(2)(a))" in errors


def test_convert_keeps_existing_sections(editor, index, controller, admin):
    notice = PrivacyNoticePageFactory(
        parent=index,
        slug="vanha",
        framework="htl",
        body=[
            section("controller", controller=controller),
            section("retention", body=rich_text("<p>Kaksi vuotta.</p>")),
        ],
        publish=admin,
    )
    added = convert_to_gdpr(notice, editor)
    assert "retention" not in added
    assert [b.block_type for b in draft_of(notice).body].count("retention") == 1


# --- The review panel's checklist of information items ---------------------------------

CHECKLIST_ENGLISH = (
    "Information item",
    "Evidence",
    "Missing",
    "Not applicable",
    "What to add",
    "Mark given",
    "Asked only",
)


def checklist_html(content: str) -> str:
    start = content.index("data-checklist")
    return content[start : content.index("</section>", start)]


def as_needed(page, user) -> PrivacyNoticePage:
    """``page``'s draft with the retention period "as needed", saved by ``user``."""
    draft = draft_of(page)
    for block in draft.body:
        if block.block_type == "retention":
            block.value["periods"][0]["period"] = "Tarpeen mukaan"
            block.value["body"] = rich_text("")
    draft.save_revision(user=user)
    return PrivacyNoticePage.objects.get(pk=page.pk)


def test_review_panel_lists_every_information_item_in_finnish(editor, draft_notice):
    from rekisteri_cms.legal import ITEM_CODES

    content = client_for(editor).get(edit_url(draft_notice)).content.decode()
    html = checklist_html(content)
    assert "Tietosuoja-asetuksen 13 ja 14 artiklan edellyttämät tiedot" in html
    for code in ITEM_CODES:
        assert f'data-item="{code}"' in html
    assert '<th scope="row">Säilytysaika</th>' in html
    assert "13(2)(a)" in html
    assert "Kerrottu" in html and "Ei koske tätä selostetta" in html
    # The condition of an item that does not apply, in Finnish.
    assert "Vaaditaan vain, kun tietosuojavastaava on nimitetty." in html
    # Evidence: the rights are stated by the field, with the choice's label.
    assert "Kenttä: Rekisteröidyn oikeudet: Oikeus saada pääsy tietoihin" in html
    for english in CHECKLIST_ENGLISH:
        assert english not in html


def test_review_panel_links_each_item_to_its_section_in_the_editor(
    editor, draft_notice
):
    retention = next(
        b for b in draft_of(draft_notice).body if b.block_type == "retention"
    )
    content = client_for(editor).get(edit_url(draft_notice)).content.decode()
    html = checklist_html(content)
    row = html[html.index('data-item="retention"') :]
    row = row[: row.index("</tr>")]
    assert f'href="#block-{retention.id}-section"' in row
    assert "Henkilötietojen säilytysaika" in row


def test_review_panel_says_what_to_add_for_a_missing_item(editor, draft_notice):
    page = as_needed(draft_notice, editor)
    html = checklist_html(client_for(editor).get(edit_url(page)).content.decode())
    row = html[html.index('data-item="retention"') :]
    row = row[: row.index("</tr>")]
    assert 'data-status="missing"' in row
    assert "Puuttuu" in row
    assert "Lisättävä: Kerro, kuinka kauan tietoja säilytetään" in row
    # An editor gets no override form.
    assert "override-retention-justification" not in row


def test_review_panel_offers_a_reviewer_the_override_form(
    editor, reviewer, draft_notice
):
    page = as_needed(draft_notice, editor)
    html = checklist_html(client_for(reviewer).get(edit_url(page)).content.decode())
    row = html[html.index('data-item="retention"') :]
    row = row[: row.index("</tr>")]
    url = reverse("rekisteri_cms_admin:create_item_override", args=(page.pk,))
    assert 'name="override-retention-justification"' in row
    assert '<label for="id_override-retention-justification">' in row
    assert f'formaction="{url}"' in row
    assert 'name="item" value="retention"' in row
    assert "Merkitse kerrotuksi" in row
    for english in CHECKLIST_ENGLISH:
        assert english not in html


def test_review_panel_does_not_offer_the_override_to_the_revisions_author(
    reviewer, draft_notice
):
    page = as_needed(draft_notice, reviewer)
    html = checklist_html(client_for(reviewer).get(edit_url(page)).content.decode())
    assert "override-retention-justification" not in html


def test_review_panel_shows_an_override_with_its_justification(
    editor, reviewer, second_reviewer, draft_notice
):
    from rekisteri_cms.publishing import mark_item_present

    page = as_needed(draft_notice, editor)
    mark_item_present(
        page, "retention", "Säilytysaika on kerrottu liitteessä.", reviewer
    )
    html = checklist_html(
        client_for(second_reviewer).get(edit_url(page)).content.decode()
    )
    row = html[html.index('data-item="retention"') :]
    row = row[: row.index("</tr>")]
    assert "Tarkastaja merkinnyt kerrotuksi" in row
    assert "Perustelu: Säilytysaika on kerrottu liitteessä." in row
    assert "Tarkastajan kerrotuiksi merkitsemät tiedot" in html
    assert "Peru merkintä" in html
