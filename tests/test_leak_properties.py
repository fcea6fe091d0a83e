"""No leak of unapproved content under any sequence of edits (property-based).

Hypothesis draws sequences of actions on notices — create, edit, submit, reject,
approve, publish directly, publish as an administrator, unpublish, revert, schedule,
run the scheduler, translate, move, copy, delete, edit the controller snippet, submit
and approve that edit, upload a document and link it — by users of every role. After
every step the public surfaces (the HTML page, the notice API, Wagtail's ``/api/v2/``
and the sitemap) must show exactly the last approved (or administrator-published)
version of each notice, or nothing; the controller's details as they were approved
when that version was recorded, never a draft of them; and an uploaded document only
once a notice linking it was approved.

Every revision carries a unique marker word in its purpose section, so "what is
shown" is "which marker is shown". Profiles, chosen with HYPOTHESIS_PROFILE: ``dev``
(20 fixed sequences; the ordinary suite), ``ci`` (200) and ``soak`` (5,000;
``make soak``).
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Revision, WorkflowState

from project.demo import ensure_index, ensure_locales
from rekisteri_cms.importers import publish_through_review
from rekisteri_cms.models import (
    Controller,
    PrivacyNoticeIndexPage,
    PrivacyNoticePage,
    UnapprovedRevisionError,
)
from rekisteri_cms.roles import LEGAL_REVIEWERS, upload_collections
from tests.factories import UserFactory

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "soak",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "dev",
    max_examples=20,
    derandomize=True,  # the same sequences on every run of the ordinary suite
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")

ROLES = ("editor", "reviewer", "reviewer2", "admin")
ACTIONS = (
    "create",
    "edit",
    "submit",
    "reject",
    "approve",
    "publish",
    "unpublish",
    "revert",
    "schedule",
    "run_scheduler",
    "translate",
    "move",
    "copy",
    "delete",
    "controller_edit",
    "controller_submit",
    "controller_approve",
    "upload",
)

_markers = itertools.count(1)

#: Every GDPR 13 item, stated by fields; the retention period, which the check reads
#: as text, in Finnish and Swedish, so that a notice copied into Swedish (the
#: "translate" action) is as complete as its source.
COMPLETE_SECTIONS = [
    (
        "legal_basis",
        {
            "bases": ["b"],
            "requirement": "contract_entry",
            "requirement_consequences": "Ilman tietoja sopimusta ei voida tehdä.",
            "body": "<p>Sopimus.</p>",
        },
    ),
    ("data_content", {"body": "<p>Nimi ja sähköposti.</p>"}),
    ("data_sources", {"body": "<p>Rekisteröidyltä itseltään.</p>"}),
    ("disclosures", {"no_regular_disclosures": True}),
    ("transfers_outside_eea", {"transfers": "none"}),
    (
        "retention",
        {
            "body": "<p>Kaksi vuotta asiakkuuden päättymisestä.</p>"
            "<p>Två år efter att kundförhållandet upphört.</p>"
        },
    ),
    (
        "data_subject_rights",
        {
            "rights": ["access", "rectification", "erasure", "restriction"]
            + ["portability"],
            "request_channel": {"email": "tietosuoja@testi.example"},
            "body": "<p>Oikeudet.</p>",
        },
    ),
    ("complaint", {"authority": "Tietosuojavaltuutetun toimisto"}),
    ("automated_decisions", {"used": "no"}),
]


def notice_body(marker: str, controller: Controller) -> list[dict]:
    return [
        {"type": "controller", "value": {"controller": controller.pk}},
        {"type": "purpose", "value": {"body": f"<p>Tarkoitus {marker}.</p>"}},
        *({"type": key, "value": value} for key, value in COMPLETE_SECTIONS),
    ]


def set_marker(page: PrivacyNoticePage, marker: str, document=None) -> None:
    """Write ``marker`` in the purpose section, with a link to ``document`` if given."""
    link = f' <a linktype="document" id="{document.pk}">liite</a>' if document else ""
    for index, block in enumerate(page.body):
        if block.block_type == "purpose":
            value = block.block.to_python(
                {"body": f"<p>Tarkoitus {marker}.{link}</p>", "heading": ""}
            )
            page.body[index] = ("purpose", value)


def controller_marker(text: str) -> str:
    return next(word for word in text.split() if word[:1] == "C" and word.endswith("x"))


@dataclass
class Notice:
    """What the model expects of one notice page."""

    page_id: int
    slug: str
    language: str
    markers: set[str] = field(default_factory=set)
    public: str | None = None  # the marker readers must see, or None
    controller: str | None = None  # the controller marker of the public version


@dataclass
class World:
    users: dict
    indexes: dict  # language -> [index pages]
    controller: Controller
    notices: dict = field(default_factory=dict)  # page_id -> Notice
    controller_live: str = "C0x"  # the controller's approved marker
    controller_markers: set = field(default_factory=lambda: {"C0x"})
    linked: dict = field(default_factory=dict)  # notice marker -> {document ids}
    documents: dict = field(default_factory=dict)  # document id -> (title, public)

    def published(self, notice: Notice, marker: str | None) -> None:
        """``notice``'s version in force became the revision with ``marker``."""
        notice.public = marker
        if marker is None:
            return
        notice.controller = self.controller_live
        for document_id in self.linked.get(marker, ()):
            title, _public = self.documents[document_id]
            self.documents[document_id] = (title, True)


def workflow_finished(task_state) -> bool:
    """Whether approving ``task_state`` finished its workflow, and so published.

    With ``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT``, a revision saved while an
    older one was in review is reviewed next: approving the older one goes on to a
    new task on it, and nothing is published until that is approved too.
    """
    state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
    return state.status == WorkflowState.STATUS_APPROVED


class LeakPropertyTests(TestCase):
    """Random action sequences never make unapproved content public."""

    @classmethod
    def setUpTestData(cls):
        ensure_locales()
        fi = Locale.objects.get(language_code="fi")
        sv = Locale.objects.get(language_code="sv")
        cls.index = ensure_index(fi)
        root = Page.get_first_root_node()
        cls.other_index = root.add_child(
            instance=PrivacyNoticeIndexPage(title="Arkisto", slug="arkisto", locale=fi)
        )
        cls.other_index.save_revision().publish()
        cls.sv_index = cls.index.copy_for_translation(sv)
        cls.sv_index.save_revision().publish()
        cls.user_ids = {
            name: UserFactory(username=name, role=role).pk
            for name, role in (
                ("editor", "editor"),
                ("reviewer", "reviewer"),
                ("reviewer2", "reviewer"),
                ("admin", "admin"),
            )
        }
        cls.controller = Controller.objects.create(
            name="Testi Oy C0x",
            business_id="2311066-7",
            email="tietosuoja@testi.example",
            locale=fi,
        )

    def setUp(self):
        cache.clear()

    # --- helpers -------------------------------------------------------------

    def world(self) -> World:
        User = get_user_model()
        return World(
            users={name: User.objects.get(pk=pk) for name, pk in self.user_ids.items()},
            indexes={
                "fi": [self.index, self.other_index],
                "sv": [self.sv_index],
            },
            controller=Controller.objects.get(pk=self.controller.pk),
        )

    def create(self, world: World, user, parent) -> Notice:
        marker = f"M{next(_markers)}x"
        page = PrivacyNoticePage(
            # Not the marker itself: the title stays when the text is edited, and
            # the checks look for markers of unpublished revisions in the output.
            title=f"Seloste {marker.lower()}",
            slug=f"seloste-{marker.lower()}",
            framework="gdpr",
            locale=parent.locale,
            body=notice_body(marker, world.controller),
        )
        parent.add_child(instance=page)
        page.save_revision(user=user)
        notice = Notice(page.pk, page.slug, parent.locale.language_code, {marker})
        world.notices[page.pk] = notice
        return notice

    def page(self, notice: Notice) -> PrivacyNoticePage | None:
        return PrivacyNoticePage.objects.filter(pk=notice.page_id).first()

    @staticmethod
    def marker_of(revision: Revision) -> str:
        text = str(revision.as_object().body.raw_data)
        return next(
            word
            for word in text.replace(".", " ").split()
            if word[:1] == "M" and word.endswith("x")
        )

    # --- actions -------------------------------------------------------------

    def act(self, world: World, action: str, role: str, pick: int) -> None:
        user = world.users[role]
        notices = list(world.notices.values())
        if action == "create" or not notices:
            language = "sv" if action == "translate" else "fi"
            parent = Page.objects.get(pk=world.indexes[language][0].pk)
            self.create(world, world.users["editor"], parent)
            return
        notice = notices[pick % len(notices)]
        page = self.page(notice)
        if page is None:
            return
        if action == "edit":
            marker = f"M{next(_markers)}x"
            draft = page.get_latest_revision_as_object()
            set_marker(draft, marker)
            draft.save_revision(user=user)
            notice.markers.add(marker)
            state = page.current_workflow_state
            if state is not None and state.current_task_state is not None:
                # The admin restarts the task on edit (reapproval on edit).
                state.update(user=user, next_task=state.current_task_state.task)
        elif action == "revert":
            revisions = list(page.revisions.order_by("created_at"))
            old = revisions[pick % len(revisions)].as_object()
            try:
                old.save_revision(user=user)
            except ValidationError:
                # A copy's revisions carry its source's slug: reverting to one
                # clashes with the source, and Wagtail refuses it as a form error.
                return
        elif action == "submit":
            state = page.current_workflow_state
            if state is None:
                page.get_workflow().start(page, user)
            elif state.status == state.STATUS_NEEDS_CHANGES:
                state.resume(user)
        elif action in ("approve", "reject"):
            task_state = page.current_workflow_task_state
            if task_state is None:
                return
            task = task_state.task.specific
            approved_revision = task_state.revision
            author = approved_revision.user_id
            if action == "reject":
                if task.get_actions(page, user):
                    task.on_action(task_state, user, "reject")
                return
            if not (
                user.is_superuser or user.groups.filter(name=LEGAL_REVIEWERS).exists()
            ):
                return
            if author == user.pk:
                with self.assertRaises(UnapprovedRevisionError):
                    task.on_action(task_state, user, "approve")
                return
            task.on_action(task_state, user, "approve")
            if workflow_finished(task_state) and not (
                approved_revision.as_object().go_live_at or None
            ):
                world.published(notice, self.marker_of(approved_revision))
        elif action == "publish":
            revision = page.get_latest_revision()
            if revision.as_object().go_live_at:
                return
            try:
                revision.publish(user=user)
            except PermissionDenied:
                # Unapproved (UnapprovedRevisionError) or no publish permission.
                self.assertFalse(user.is_superuser)
                return
            world.published(notice, self.marker_of(revision))
        elif action == "unpublish":
            if user.is_superuser and page.live:
                page.unpublish(user=user)
                notice.public = None
        elif action == "schedule":
            if not user.is_superuser:
                return
            draft = page.get_latest_revision_as_object()
            draft.go_live_at = timezone.now() + timedelta(days=1)
            draft.save_revision(user=user).publish(user=user)
            # Scheduled: nothing changes for readers until it goes live.
        elif action == "run_scheduler":
            due = {}
            for other in world.notices.values():
                revision = (
                    Revision.objects.filter(
                        object_id=str(other.page_id), approved_go_live_at__isnull=False
                    )
                    .order_by("-created_at")
                    .first()
                )
                if revision is not None:
                    due[other.page_id] = self.marker_of(revision)
            # Let time pass: the go-live moment of every scheduled revision is over.
            past = timezone.now() - timedelta(minutes=1)
            for revision in Revision.objects.filter(approved_go_live_at__isnull=False):
                revision.content["go_live_at"] = past.isoformat()
                revision.approved_go_live_at = past
                revision.save(update_fields=["content", "approved_go_live_at"])
            call_command("publish_scheduled", verbosity=0)
            for page_id, marker in due.items():
                world.published(world.notices[page_id], marker)
        elif action == "translate":
            sv = Locale.objects.get(language_code="sv")
            if notice.language != "fi" or page.has_translation(sv):
                return
            # A notice moved to an index without a Swedish translation takes its
            # parent along, as wagtail-localize's "Translate this page" does.
            translated = page.copy_for_translation(sv, copy_parents=True)
            translated.save_revision(user=user)
            world.notices[translated.pk] = Notice(
                translated.pk, translated.slug, "sv", set(notice.markers)
            )
        elif action == "move":
            if not user.is_superuser or notice.language != "fi":
                return
            target = Page.objects.get(pk=world.indexes["fi"][pick % 2].pk)
            if (
                page.get_parent().pk != target.pk
                and not target.get_children().filter(slug=page.slug).exists()
            ):
                page.move(target, pos="last-child", user=user)
        elif action == "copy":
            if not user.is_superuser or notice.language != "fi":
                return
            marker_slug = f"kopio-{next(_markers)}"
            copy = page.copy(
                to=page.get_parent(),
                update_attrs={"slug": marker_slug, "title": f"Kopio {marker_slug}"},
                keep_live=True,
                user=user,
            )
            # A copy goes live without review in Wagtail; readers must not see it.
            world.notices[copy.pk] = Notice(
                copy.pk, marker_slug, "fi", set(notice.markers)
            )
        elif action.startswith("controller_"):
            self.act_on_controller(world, action, user)
        elif action == "upload":
            # An editor's upload (REKISTERI_CMS_EDITOR_UPLOADS): into the private
            # collection, linked from a new draft of the notice.
            private, _public = upload_collections()
            title = f"Liite D{next(_markers)}x"
            document = get_document_model().objects.create(
                title=title,
                file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="liite.pdf"),
                collection=private,
            )
            world.documents[document.pk] = (title, False)
            marker = f"M{next(_markers)}x"
            draft = page.get_latest_revision_as_object()
            set_marker(draft, marker, document)
            draft.save_revision(user=world.users["editor"])
            notice.markers.add(marker)
            world.linked[marker] = {document.pk}
            state = page.current_workflow_state
            if state is not None and state.current_task_state is not None:
                state.update(user=user, next_task=state.current_task_state.task)
        elif action == "delete" and user.is_superuser:
            for translation in page.get_translations():
                world.notices.pop(translation.pk, None)
            page.get_translations().delete()
            page.delete()
            world.notices.pop(notice.page_id, None)

    def act_on_controller(self, world: World, action: str, user) -> None:
        """Edit, submit or approve a change of the controller snippet."""
        controller = Controller.objects.get(pk=world.controller.pk)
        if action == "controller_edit":
            marker = f"C{next(_markers)}x"
            draft = (
                controller.latest_revision.as_object()
                if controller.latest_revision
                else controller
            )
            draft.name = f"Testi Oy {marker}"
            draft.save_revision(user=user)
            world.controller_markers.add(marker)
            state = controller.current_workflow_state
            if state is not None and state.current_task_state is not None:
                state.update(user=user, next_task=state.current_task_state.task)
        elif action == "controller_submit":
            if controller.latest_revision is None:
                return
            state = controller.current_workflow_state
            if state is None:
                controller.get_workflow().start(controller, user)
            elif state.status == state.STATUS_NEEDS_CHANGES:
                state.resume(user)
        elif action == "controller_approve":
            task_state = controller.current_workflow_task_state
            if task_state is None:
                return
            revision = task_state.revision
            if not (
                user.is_superuser or user.groups.filter(name=LEGAL_REVIEWERS).exists()
            ):
                return
            if revision.user_id == user.pk:
                with self.assertRaises(UnapprovedRevisionError):
                    task_state.task.specific.on_action(task_state, user, "approve")
                return
            task_state.task.specific.on_action(task_state, user, "approve")
            if workflow_finished(task_state):
                world.controller_live = controller_marker(revision.as_object().name)
            assert (
                controller_marker(Controller.objects.get(pk=controller.pk).name)
                == world.controller_live
            )

    # --- checks --------------------------------------------------------------

    def check_documents(self, world: World, client: Client) -> None:
        """An upload is served and listed only once a notice linking it was approved."""
        if not world.documents:
            return
        listing = client.get("/api/v2/documents/").content.decode()
        for document_id, (title, public) in world.documents.items():
            document = get_document_model().objects.get(pk=document_id)
            served = client.get(document.url).status_code == 200
            assert served == public, (title, served, public)
            assert (title in listing) == public, (title, public)

    def check(self, world: World) -> None:
        cache.clear()
        client = Client()
        self.check_documents(world, client)
        sitemap = client.get("/sitemap.xml").content.decode()
        for notice in world.notices.values():
            page = self.page(notice)
            assert page is not None
            others = (notice.markers - {notice.public}) | (
                world.controller_markers - {notice.controller}
            )
            api = client.get(f"/api/notices/{notice.slug}/?locale={notice.language}")
            v2 = client.get(f"/api/v2/pages/{page.pk}/")
            url = page.get_url()  # None outside every site (moved to the archive)
            html = client.get(url) if url else None
            if notice.public is None:
                # Never published (404) or withdrawn (410: when, and where its
                # history is); either way no text of the notice.
                assert api.status_code in (404, 410), (notice, api.content[:200])
                assert not any(m in api.content.decode() for m in notice.markers)
                assert v2.status_code == 404, notice
                if html is not None:
                    assert html.status_code in (404, 410), (notice, url)
                    page_html = html.content.decode()
                    assert not any(m in page_html for m in notice.markers), notice
                if url:
                    assert page.get_full_url() not in sitemap, notice
                continue
            assert api.status_code == 200, (notice, api.content[:300])
            body = api.content.decode()
            assert notice.public in body, notice
            assert notice.controller in body, notice
            assert not any(m in body for m in others), (notice, body[:300])
            if html is None:
                # Moved outside every site: no page, and Wagtail's /api/v2/ serves
                # only the pages of the requested site; the notice API still serves
                # the approved version by its slug.
                assert v2.status_code == 404, notice
                continue
            assert v2.status_code == 200, notice
            v2_body = v2.content.decode()
            assert notice.public in v2_body
            assert notice.controller in v2_body, notice
            assert not any(m in v2_body for m in others), notice
            assert html.status_code == 200, (notice, url)
            page_html = html.content.decode()
            assert notice.public in page_html
            assert notice.controller in page_html, notice
            assert not any(m in page_html for m in others), notice
            assert page.get_full_url() in sitemap, notice

    @settings(settings.get_profile(PROFILE))
    @example(
        # Every profile runs the controller and upload actions at least once: a
        # controller change approved between two approvals of the notice, and an
        # upload linked from a draft that is then approved.
        steps=[
            ("controller_edit", "editor", 0),
            ("controller_submit", "editor", 0),
            ("edit", "editor", 0),
            ("controller_approve", "reviewer", 0),
            ("submit", "editor", 0),
            ("approve", "reviewer2", 0),
            ("upload", "editor", 0),
            ("controller_edit", "editor", 0),
            ("submit", "editor", 0),
            ("approve", "reviewer", 0),
        ]
    )
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(ACTIONS),
                st.sampled_from(ROLES),
                st.integers(min_value=0, max_value=7),
            ),
            min_size=1,
            max_size=10,
        )
    )
    def test_public_output_is_always_the_last_approved_version(self, steps):
        world = self.world()
        first = self.create(
            world, world.users["editor"], Page.objects.get(pk=self.index.pk)
        )
        page = self.page(first)
        publish_through_review(
            page,
            page.get_latest_revision(),
            world.users["editor"],
            world.users["reviewer"],
        )
        world.published(first, next(iter(first.markers)))
        self.check(world)
        for action, role, pick in steps:
            note(f"{action} by {role}, pick {pick}")
            self.act(world, action, role, pick)
            self.check(world)
