"""Who may do what: the permission matrix of the admin, the workflow and the API.

``EXPECTED`` is the intended policy (roles.py, workflows.py and docs/review-workflow.md#legal-review),
written out by hand. Each cell is checked by doing the action as that role through
the real views and looking at what happened (the database, not only the status
code). A failing cell means the site does not do what the policy says.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import TaskState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from rekisteri_cms.models import Controller, PrivacyNoticePage
from rekisteri_cms.roles import upload_collections
from tests.factories import (
    ControllerFactory,
    PrivacyNoticePageFactory,
    UserFactory,
    section,
)
from tests.forms import controller_form_data
from tests.workflow_fixtures import second_editor  # noqa: F401


def png_bytes() -> bytes:
    """A valid 2×2 PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, "PNG")
    return buffer.getvalue()


pytestmark = pytest.mark.django_db

ALLOWED = "allowed"
DENIED = "denied"
#: The API's answers: it has no users, so the role never matters.
OK = "200"
METHOD_NOT_ALLOWED = "405"

ROLES = ("anonymous", "editor", "reviewer", "admin")

# fmt: off
#: action: (anonymous, editor (Editors), legal reviewer (Legal reviewers), administrator)
EXPECTED: dict[str, tuple[str, str, str, str]] = {
    "view admin dashboard":           (DENIED, ALLOWED, ALLOWED, ALLOWED),
    "add notice under the index":     (DENIED, ALLOWED, ALLOWED, ALLOWED),
    "edit notice":                    (DENIED, ALLOWED, ALLOWED, ALLOWED),
    # Publishing goes through legal review; only administrators publish directly.
    "publish notice directly":        (DENIED, DENIED,  DENIED,  ALLOWED),
    "unpublish notice":               (DENIED, DENIED,  DENIED,  ALLOWED),
    "delete notice":                  (DENIED, DENIED,  DENIED,  ALLOWED),
    "add controller":                 (DENIED, ALLOWED, ALLOWED, ALLOWED),
    # A controller change is a draft revision, submitted to the Legal review.
    "edit controller":                (DENIED, ALLOWED, ALLOWED, ALLOWED),
    "publish controller change directly": (DENIED, DENIED, DENIED, ALLOWED),
    "approve another's controller change": (DENIED, DENIED, ALLOWED, ALLOWED),
    "delete controller":              (DENIED, DENIED,  ALLOWED, ALLOWED),
    # Collections: no document or image rights outside the administrators
    # (REKISTERI_CMS_EDITOR_UPLOADS off, the default).
    "upload document":                (DENIED, DENIED,  DENIED,  ALLOWED),
    "upload image":                   (DENIED, DENIED,  DENIED,  ALLOWED),
    "edit document in a collection":  (DENIED, DENIED,  DENIED,  ALLOWED),
    "choose documents in the editor": (DENIED, DENIED,  DENIED,  ALLOWED),
    "download unreviewed upload":     (DENIED, ALLOWED, ALLOWED, ALLOWED),
    "view notice versions":           (DENIED, ALLOWED, ALLOWED, ALLOWED),
    "approve another's revision":     (DENIED, DENIED,  ALLOWED, ALLOWED),
    # Four eyes: nobody approves a revision they wrote, administrators included.
    "approve own revision":           (DENIED, DENIED,  DENIED,  DENIED),
    # wagtail-localize's own migration gives its submit_translation permission to
    # the "Editors" group; translations then go through legal review.
    "submit translation":             (DENIED, ALLOWED, DENIED,  ALLOWED),
    "manage users":                   (DENIED, DENIED,  DENIED,  ALLOWED),
    "manage workflows":               (DENIED, DENIED,  DENIED,  ALLOWED),
    "view Django admin":              (DENIED, DENIED,  DENIED,  ALLOWED),
    "API GET endpoints":              (OK, OK, OK, OK),
    "API POST/PUT/PATCH/DELETE":      (METHOD_NOT_ALLOWED,) * 4,
}
# fmt: on

NOTICE_SLUG = "oikeudet-asiakasrekisteri"


# The world the actions act on ------------------------------------------------------


class World:
    """The notices, users and clients of one cell; built on demand."""

    def __init__(self, request, role: str):
        self.request = request
        self.role = role
        self.actor = None if role == "anonymous" else request.getfixturevalue(role)
        self.client = Client()
        if self.actor is not None:
            self.client.force_login(self.actor)

    def fixture(self, name: str):
        return self.request.getfixturevalue(name)

    @property
    def index(self):
        return self.fixture("index")

    @property
    def controller(self) -> Controller:
        return self.fixture("controller")

    def live_notice(self) -> PrivacyNoticePage:
        """A published legacy notice (one section: published as written)."""
        self.fixture("default_site")
        return PrivacyNoticePageFactory(
            parent=self.index,
            title="Oikeudet Oy:n asiakasrekisteri",
            slug=NOTICE_SLUG,
            framework="htl",
            body=[section("controller", controller=self.controller)],
            publish=True,
        )

    def notice_under_review(self, author) -> tuple[PrivacyNoticePage, TaskState]:
        """The complete GDPR notice with a revision by ``author`` in legal review."""
        page = PrivacyNoticePage.objects.get(pk=self.fixture("complete_gdpr_notice").pk)
        page.change_summary = "Tarkennettu"
        page.save_revision(user=author)
        workflow_state = page.get_workflow().start(page, author)
        return page, workflow_state.current_task_state


def fresh(page) -> PrivacyNoticePage:
    return PrivacyNoticePage.objects.filter(pk=page.pk).first()


def get_view(world: World, url: str) -> str:
    """ALLOWED when the view answers 200; DENIED for a login or a refusal.

    A refusal is a 403, or Wagtail's redirect to the dashboard (with a "no
    permission" message); anonymous users are sent to a login page.
    """
    response = world.client.get(url)
    if response.status_code == 200:
        return ALLOWED
    if response.status_code == 403:
        return DENIED
    assert response.status_code == 302, (url, response.status_code)
    location = response["Location"].split("?")[0]
    assert location in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_login"),
        reverse("admin:login"),
    ), (url, response["Location"])
    return DENIED


def notice_form(world: World, notice, **fields) -> dict:
    return nested_form_data(
        {
            "title": notice.title,
            "slug": notice.slug,
            "framework": "htl",
            "change_summary": "",
            "body": streamfield(
                [
                    (
                        "controller",
                        {"controller": world.controller.pk, "body": rich_text("")},
                    )
                ]
            ),
            **fields,
        }
    )


# The actions -----------------------------------------------------------------------


def view_dashboard(world: World) -> str:
    return get_view(world, reverse("wagtailadmin_home"))


def add_notice(world: World) -> str:
    url = reverse(
        "wagtailadmin_pages:add",
        args=("rekisteri_cms", "privacynoticepage", world.index.pk),
    )
    return get_view(world, url)


def edit_notice(world: World) -> str:
    notice = world.live_notice()
    return get_view(world, reverse("wagtailadmin_pages:edit", args=(notice.pk,)))


def publish_directly(world: World) -> str:
    notice = world.live_notice()
    data = notice_form(world, notice, title="Oikeudet Oy:n uusi asiakasrekisteri")
    data["action-publish"] = "action-publish"
    world.client.post(reverse("wagtailadmin_pages:edit", args=(notice.pk,)), data)
    published = fresh(notice).title == "Oikeudet Oy:n uusi asiakasrekisteri"
    return ALLOWED if published else DENIED


def unpublish(world: World) -> str:
    notice = world.live_notice()
    world.client.post(reverse("wagtailadmin_pages:unpublish", args=(notice.pk,)))
    return DENIED if fresh(notice).live else ALLOWED


def delete_notice(world: World) -> str:
    notice = world.live_notice()
    world.client.post(reverse("wagtailadmin_pages:delete", args=(notice.pk,)))
    return DENIED if fresh(notice) else ALLOWED


def add_controller(world: World) -> str:
    world.fixture("locale_fi")
    world.client.post(
        reverse("wagtailsnippets_rekisteri_cms_controller:add"),
        controller_form_data(name="Lisätty Oy"),
    )
    return ALLOWED if Controller.objects.filter(name="Lisätty Oy").exists() else DENIED


def edit_controller(world: World) -> str:
    """Saving the edit form makes a draft revision (the row changes on approval)."""
    controller = world.controller
    world.client.post(
        reverse("wagtailsnippets_rekisteri_cms_controller:edit", args=(controller.pk,)),
        controller_form_data(name="Muutettu Oy"),
    )
    controller.refresh_from_db()
    assert controller.name != "Muutettu Oy"
    latest = controller.latest_revision
    return ALLOWED if latest and latest.as_object().name == "Muutettu Oy" else DENIED


def publish_controller_directly(world: World) -> str:
    controller = world.controller
    world.client.post(
        reverse("wagtailsnippets_rekisteri_cms_controller:edit", args=(controller.pk,)),
        controller_form_data(name="Julkaistu Oy") | {"action-publish": "1"},
    )
    controller.refresh_from_db()
    return ALLOWED if controller.name == "Julkaistu Oy" else DENIED


def approve_controller_change(world: World) -> str:
    controller = world.controller
    author = world.fixture("second_editor")
    controller.name = "Hyväksytty Oy"
    controller.save_revision(user=author)
    workflow_state = controller.get_workflow().start(controller, author)
    task_state = workflow_state.current_task_state
    url = reverse(
        "wagtailsnippets_rekisteri_cms_controller:workflow_action",
        args=(controller.pk, "approve", task_state.pk),
    )
    world.client.post(url, {"comment": ""})
    controller.refresh_from_db()
    return ALLOWED if controller.name == "Hyväksytty Oy" else DENIED


def _pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "liite.pdf",
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        "application/pdf",
    )


def upload_document(world: World) -> str:
    world.client.post(
        reverse("wagtaildocs:add"), {"title": "Liite", "file": _pdf(), "collection": 1}
    )
    return (
        ALLOWED
        if get_document_model().objects.filter(title="Liite").exists()
        else DENIED
    )


def upload_image(world: World) -> str:
    world.client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Kuva",
            "file": SimpleUploadedFile("kuva.png", png_bytes(), "image/png"),
        },
    )
    return (
        ALLOWED if get_image_model().objects.filter(title="Kuva").exists() else DENIED
    )


def edit_document(world: World) -> str:
    document = get_document_model().objects.create(title="Vanha", file=_pdf())
    world.client.post(
        reverse("wagtaildocs:edit", args=(document.pk,)),
        {"title": "Uusi", "collection": document.collection_id},
    )
    document.refresh_from_db()
    return ALLOWED if document.title == "Uusi" else DENIED


def choose_documents(world: World) -> str:
    get_document_model().objects.create(title="Valittava", file=_pdf())
    response = world.client.get(reverse("wagtaildocs_chooser:choose"))
    if response.status_code != 200:
        return DENIED
    return ALLOWED if "Valittava" in response.content.decode() else DENIED


def download_unreviewed_upload(world: World) -> str:
    private, _public = upload_collections()
    document = get_document_model().objects.create(
        title="Tarkastamaton", file=_pdf(), collection=private
    )
    response = world.client.get(document.url)
    return ALLOWED if response.status_code == 200 else DENIED


def delete_controller(world: World) -> str:
    controller = ControllerFactory(locale=world.fixture("locale_fi"))
    world.client.post(
        reverse(
            "wagtailsnippets_rekisteri_cms_controller:delete", args=(controller.pk,)
        )
    )
    return DENIED if Controller.objects.filter(pk=controller.pk).exists() else ALLOWED


def view_notice_versions(world: World) -> str:
    try:
        url = reverse("notice_versions:index")
    except NoReverseMatch:
        pytest.skip("the Notice versions admin (notice_versions:index) is not built")
    world.fixture("complete_gdpr_notice")
    return get_view(world, url)


def _approve(world: World, author) -> str:
    page, task_state = world.notice_under_review(author)
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(page.pk, "approve", task_state.pk),
    )
    world.client.post(url)
    task_state.refresh_from_db()
    return ALLOWED if task_state.status == TaskState.STATUS_APPROVED else DENIED


def approve_others_revision(world: World) -> str:
    author = world.fixture("editor")
    if world.actor == author:
        # An editor approving: the revision is someone else's, a colleague's.
        author = UserFactory(username="toinen-toimittaja")
        author.groups.set(world.actor.groups.all())
    return _approve(world, author)


def approve_own_revision(world: World) -> str:
    return _approve(world, world.actor or world.fixture("editor"))


def submit_translation(world: World) -> str:
    try:
        url = reverse(
            "wagtail_localize:submit_page_translation",
            args=(world.fixture("complete_gdpr_notice").pk,),
        )
    except NoReverseMatch:
        pytest.skip("wagtail-localize's submit_page_translation view is not installed")
    world.fixture("locales")
    return get_view(world, url)


def manage_users(world: World) -> str:
    return get_view(world, reverse("wagtailusers_users:index"))


def manage_workflows(world: World) -> str:
    return get_view(world, reverse("wagtailadmin_workflows:index"))


def view_django_admin(world: World) -> str:
    return get_view(world, reverse("admin:index"))


def api_urls(world: World) -> list[str]:
    slug = world.fixture("complete_gdpr_notice").slug
    return [
        "/api/notices/",
        f"/api/notices/{slug}/",
        f"/api/notices/{slug}/versions/",
        f"/api/notices/{slug}/versions/1/",
        f"/api/notices/{slug}/diff/?from=1&to=1",
        "/api/schema/",
        "/api/docs/",
        "/api/v2/pages/",
    ]


def one_status(statuses: dict[str, int]) -> str:
    """The single status every request got, or all of them when they differ."""
    if len(set(statuses.values())) == 1:
        return str(next(iter(statuses.values())))
    return repr(statuses)


def api_get(world: World) -> str:
    return one_status(
        {url: world.client.get(url).status_code for url in api_urls(world)}
    )


def api_write(world: World) -> str:
    client = Client(enforce_csrf_checks=True)
    if world.actor is not None:
        client.force_login(world.actor)
    slug = world.fixture("complete_gdpr_notice").slug
    statuses = {}
    for url in ("/api/notices/", f"/api/notices/{slug}/", "/api/v2/pages/"):
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)(
                url, data="{}", content_type="application/json"
            )
            statuses[f"{method.upper()} {url}"] = response.status_code
    return one_status(statuses)


ACTIONS: dict[str, Callable[[World], str]] = {
    "view admin dashboard": view_dashboard,
    "add notice under the index": add_notice,
    "edit notice": edit_notice,
    "publish notice directly": publish_directly,
    "unpublish notice": unpublish,
    "delete notice": delete_notice,
    "add controller": add_controller,
    "edit controller": edit_controller,
    "publish controller change directly": publish_controller_directly,
    "approve another's controller change": approve_controller_change,
    "delete controller": delete_controller,
    "upload document": upload_document,
    "upload image": upload_image,
    "edit document in a collection": edit_document,
    "choose documents in the editor": choose_documents,
    "download unreviewed upload": download_unreviewed_upload,
    "view notice versions": view_notice_versions,
    "approve another's revision": approve_others_revision,
    "approve own revision": approve_own_revision,
    "submit translation": submit_translation,
    "manage users": manage_users,
    "manage workflows": manage_workflows,
    "view Django admin": view_django_admin,
    "API GET endpoints": api_get,
    "API POST/PUT/PATCH/DELETE": api_write,
}


def test_every_action_has_expectations():
    assert list(ACTIONS) == list(EXPECTED)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(EXPECTED))
def test_permission_matrix(request, action, role):
    world = World(request, role)
    expected = EXPECTED[action][ROLES.index(role)]
    assert ACTIONS[action](world) == expected


def test_editors_have_no_rights_over_the_whole_tree():
    """Wagtail's own "Editors" rights on the root page are taken away (0008)."""
    from wagtail.models import GroupPagePermission

    from rekisteri_cms.roles import EDITORS

    assert not GroupPagePermission.objects.filter(
        group__name=EDITORS, page__depth=1
    ).exists()


def test_editor_cannot_edit_a_page_outside_the_notices(editor):
    from wagtail.models import Page

    other = Page.get_first_root_node().add_child(
        instance=Page(title="Muu sivu", slug="muu-sivu")
    )
    client = Client()
    client.force_login(editor)
    client.post(
        reverse("wagtailadmin_pages:edit", args=(other.pk,)),
        {"title": "Muutettu", "slug": "muu-sivu"},
    )
    other.refresh_from_db()
    assert other.draft_title == "Muu sivu"
    assert not other.permissions_for_user(editor).can_edit()
