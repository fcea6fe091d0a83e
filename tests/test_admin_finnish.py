"""A Finnish editor and reviewer meet no English in the notice flow.

The notice editor, its review panel, the revision comparison and the dashboard are
rendered for users whose admin language is Finnish, and must contain none of the
English strings that users met there (issue 15). Wagtail's and wagtail-localize's
strings that their own catalogues leave English are translated in the site's
catalogue (``project/locale``), which ``LOCALE_PATHS`` puts before theirs.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from project.demo import DEMO_USERS, ensure_users
from rekisteri_cms.blocks import SECTION_KEY_CHOICES, NoticeStreamBlock
from rekisteri_cms.models import Controller, PrivacyNoticePage
from tests.workflow_fixtures import (
    add_other_section,
    client_for,
    edit_url,
    reject,
    submit,
)

pytest_plugins = ["tests.workflow_fixtures"]
pytestmark = pytest.mark.django_db


def in_finnish(*users):
    for user in users:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "fi"
        profile.save()


@pytest.fixture
def rejected_change(live_notice, editor, reviewer):
    """A change of the live notice, submitted and rejected with a comment."""
    in_finnish(editor, reviewer)
    submit(add_other_section(live_notice, "Evästeet", "Käytämme evästeitä."), editor)
    reject(live_notice, reviewer, "Kerro evästeiden säilytysajat.")
    return PrivacyNoticePage.objects.get(pk=live_notice.pk)


# --- Section names in the admin user's language ------------------------------------------


@pytest.mark.parametrize(
    ("language", "controller", "purpose", "rights"),
    [
        ("fi", "Rekisterinpitäjä", "Henkilötietojen käsittelyn tarkoitus",
         "Rekisteröidyn oikeudet"),
        ("sv", "Personuppgiftsansvarig", "Ändamålet med behandlingen av personuppgifter",
         "Den registrerades rättigheter"),
        ("en", "Controller", "Purpose of processing", "Your rights"),
    ],
)  # fmt: skip
def test_section_block_labels_follow_the_active_language(
    language, controller, purpose, rights
):
    children = NoticeStreamBlock().child_blocks
    with translation.override(language):
        assert str(children["controller"].label) == controller
        assert str(children["purpose"].label) == purpose
        assert str(children["data_subject_rights"].label) == rights


def test_also_covers_offers_section_names_not_keys():
    with translation.override("fi"):
        labels = {key: str(label) for key, label in SECTION_KEY_CHOICES}
    assert (
        labels["transfers_outside_eea"] == "Tietojen siirto EU:n tai ETA:n ulkopuolelle"
    )
    assert not any("_" in label for label in labels.values())


def test_the_block_chooser_of_a_finnish_editor_names_sections_in_finnish(editor, index):
    in_finnish(editor)
    url = reverse(
        "wagtailadmin_pages:add", args=("rekisteri_cms", "privacynoticepage", index.pk)
    )
    content = client_for(editor).get(url).content.decode()
    # The block definitions are JSON in an attribute: labels appear escaped.
    assert "Henkil\\u00f6tietojen k\\u00e4sittelyn tarkoitus" in content or (
        "Henkilötietojen käsittelyn tarkoitus" in content
    )
    assert "Purpose of processing" not in content
    assert "transfers outside eea" not in content


def test_the_block_chooser_follows_each_users_language(editor, reviewer, index):
    """Block definitions are built per request: a Swedish user after a Finnish one
    gets Swedish names."""
    in_finnish(editor)
    profile = UserProfile.get_for_user(reviewer)
    profile.preferred_language = "sv"
    profile.save()
    url = reverse(
        "wagtailadmin_pages:add", args=("rekisteri_cms", "privacynoticepage", index.pk)
    )
    client_for(editor).get(url)
    content = client_for(reviewer).get(url).content.decode()
    assert "Personuppgiftsansvarig" in content
    assert "Rekisterinp" not in content.split("data-w-block-data-value", 1)[1][:20000]


# --- The controllers list ----------------------------------------------------------------


@pytest.fixture
def translated_controller(controller, locales):
    for code in ("sv", "en"):
        controller.copy_for_translation(locales[code]).save()
    return controller


def controller_rows(user) -> int:
    url = reverse("wagtailsnippets_rekisteri_cms_controller:list")
    content = client_for(user).get(url).content.decode()
    return content.count('_title">Komiat Hetket Oy<')


def test_controllers_list_shows_each_controller_once_in_the_admins_locale(
    translated_controller, admin
):
    assert Controller.objects.filter(name="Komiat Hetket Oy").count() == 3
    in_finnish(admin)
    assert controller_rows(admin) == 1


def test_controllers_list_lists_another_locale_on_request(translated_controller, admin):
    in_finnish(admin)
    url = reverse("wagtailsnippets_rekisteri_cms_controller:list") + "?locale=sv"
    response = client_for(admin).get(url)
    assert response.status_code == 200
    assert response.content.decode().count('_title">Komiat Hetket Oy<') == 1


# --- The demo users ------------------------------------------------------------------------------


class FormFields(HTMLParser):
    """The values a browser would send from the page's forms."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values[name] = attrs.get("value", "on")
            elif kind not in ("submit", "file", "button"):
                self.values[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


@pytest.mark.parametrize("demo", DEMO_USERS, ids=lambda demo: demo.username)
def test_a_demo_user_can_change_the_admin_language(demo, index):
    user = ensure_users()[demo.username]
    assert user.first_name and user.last_name
    client = Client()
    client.force_login(user)
    url = reverse("wagtailadmin_account")
    form = FormFields()
    form.feed(client.get(url).content.decode())
    data = {**form.values, "locale-preferred_language": "sv"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert UserProfile.get_for_user(user).preferred_language == "sv"


# --- No English in the Finnish notice flow ---------------------------------------------------

#: English that Finnish editors and reviewers met in the notice flow (issue 15), and
#: the other strings of these views that Wagtail's own Finnish catalogue leaves English.
ENGLISH = (
    "Exploring",
    "Search all pages",
    "Select an option",
    "Go to the first error",
    "Once live anyone can view",
    "Translation of",
    "Uses Suomi version",
    "Changes requested at",
    "Legal review",
    "could not be saved due to validation errors",
    "Autosave is",
    "Controller",
    "Purpose of processing",
    "Your rights",
    "transfers outside eea",
    "Toggle status",
    "Toggle preview",
    "Toggle checks",
    "Toggle comments",
    "Content metrics",
    "Readability",
    "Show issue",
    "Add or show comments",
    "Close dialog",
    "Show keyboard shortcuts",
    "Text editing",
    "View latest version",
    "A network error occurred",
    "To be created by",
    "Changes requested ",
    "Unchanged sections",
    "changed, ",
    "More options for",
    "Edit account avatar",
    "editor guide",
    "has been updated",
    " ago",
    "seconds",
    "minutes",
    "Summary of the change",
    "Say briefly",
)


def english_in(content: str) -> list[str]:
    return [text for text in ENGLISH if text in content]


@pytest.fixture
def finnish_pages(rejected_change, editor, reviewer):
    """The notice flow's admin views as the Finnish editor and reviewer see them."""
    page = rejected_change
    edit = edit_url(page)
    compare = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=(page.pk, page.live_revision_id, page.latest_revision_id),
    )
    add = reverse(
        "wagtailadmin_pages:add",
        args=("rekisteri_cms", "privacynoticepage", page.get_parent().pk),
    )
    views = {
        "editor: edit view and review panel": (editor, edit),
        "editor: new notice": (editor, add),
        "editor: dashboard": (editor, reverse("wagtailadmin_home")),
        "editor: notices listing": (
            editor,
            reverse("wagtailadmin_explore", args=(page.get_parent().pk,)),
        ),
        "reviewer: edit view and review panel": (reviewer, edit),
        "reviewer: comparison": (reviewer, compare),
        "reviewer: history": (
            reviewer,
            reverse("wagtailadmin_pages:history", args=(page.pk,)),
        ),
        "reviewer: dashboard": (reviewer, reverse("wagtailadmin_home")),
    }
    pages = {}
    for name, (user, url) in views.items():
        response = client_for(user).get(url)
        assert response.status_code == 200, name
        pages[name] = response.content.decode()
    return pages


def test_the_finnish_notice_flow_shows_no_english(finnish_pages):
    found = {name: english_in(content) for name, content in finnish_pages.items()}
    assert not any(found.values()), found


def test_the_finnish_views_render_the_flow_in_finnish(finnish_pages):
    """The check above would pass on an empty page: these views say what they must."""
    edit = finnish_pages["editor: edit view and review panel"]
    assert "Muutoksia pyydetty vaiheessa Oikeudellinen tarkastus" in edit
    assert "Kerro evästeiden säilytysajat." in edit
    assert "Muuttamattomat osiot:" in finnish_pages["reviewer: comparison"]
    assert "Muutoksia pyydetty vaiheessa" in finnish_pages["editor: dashboard"]
    assert "Hae kaikilta sivuilta" in finnish_pages["editor: dashboard"]


@pytest.mark.parametrize(
    "view", ["editor: edit view and review panel", "editor: new notice"]
)
def test_the_submit_step_asks_for_the_change_summary_in_finnish(finnish_pages, view):
    """The dialog the submit button opens when the summary is empty (issue 15),
    with its script, on the notice's edit and create views."""
    content = finnish_pages[view]
    assert 'id="rekisteri-change-summary-dialog"' in content
    assert "Muutosten yhteenveto" in content
    assert "Kerro lyhyesti, mitä tässä versiossa muuttui" in content
    assert "rekisteri_cms/js/change-summary.js" in content


def test_the_sites_catalogue_overrides_wagtails_for_its_msgids():
    """LOCALE_PATHS comes before the apps' catalogues: our msgstr for Wagtail's msgid."""
    with translation.override("fi"):
        assert translation.gettext("Search all pages…") == "Hae kaikilta sivuilta…"
        assert (
            translation.gettext("The page could not be saved due to validation errors.")
            == "Sivua ei voitu tallentaa, koska lomakkeessa on virheitä."
        )
    with translation.override("sv"):
        assert translation.gettext("- Select an option -") == "– Välj –"
