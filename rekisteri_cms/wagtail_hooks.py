"""Admin wiring: snippets, the versions record, the review tools and their messages."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn, UserColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_urls
from .models import (
    Controller,
    NoticeVersion,
    PrivacyNoticeIndexPage,
    PrivacyNoticePage,
    missing_sections_message,
)
from .sections import HTL, SECTIONS_BY_KEY

#: Page permissions that make someone a user of the notices (writing or reviewing).
NOTICE_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


def can_access_notices(user) -> bool:
    """Administrators, and members of groups with page permissions over a notices index.

    That is the Editors and Legal reviewers (granted on each index), and Wagtail's
    own groups granted on the whole tree.
    """
    if user is None or not user.is_active or user.is_anonymous:
        return False
    if user.is_superuser:
        return True
    permissions = policy_registry.get_by_type(
        PrivacyNoticeIndexPage
    ).get_cached_permissions_for_user(user)
    granted = [
        perm.page.path
        for perm in permissions
        if perm.permission.codename in NOTICE_PAGE_PERMISSIONS
    ]
    if not granted:
        return False
    index_paths = PrivacyNoticeIndexPage.objects.values_list("path", flat=True)
    return any(
        index_path.startswith(path) or path.startswith(index_path)
        for path in granted
        for index_path in index_paths
    )


class NoticeVersionPermissionPolicy(BasePermissionPolicy):
    """Versions are a record: users of the notices may view them, nobody changes them."""

    def user_has_permission(self, user, action):
        return action == "view" and can_access_notices(user)

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if "view" not in actions:
            return User.objects.none()
        return User.objects.filter(
            Q(is_superuser=True)
            | Q(
                groups__page_permissions__permission__codename__in=(
                    NOTICE_PAGE_PERMISSIONS
                )
            ),
            is_active=True,
        ).distinct()


register_permission_policy(
    NoticeVersion, NoticeVersionPermissionPolicy(NoticeVersion), exact_class=True
)


class ControllerViewSet(SnippetViewSet):
    """Controllers (rekisterinpitäjät) chosen in the notices' controller section."""

    model = Controller
    icon = "group"
    menu_label = _("Controllers")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "business_id", "locality"]
    search_fields = ["name", "business_id"]


register_snippet(ControllerViewSet)


class NoticeVersionIndexView(IndexView):
    default_ordering = "-published_at"

    def get_base_queryset(self):
        return (
            super().get_base_queryset().select_related("locale", "approved_by", "page")
        )


class NoticeVersionViewSet(ModelViewSet):
    """The published versions of every notice with their approvals (admin only).

    Read-only: the index and an inspect view, no add, edit or delete views. Who
    approved a version is shown here, never on the public pages or in the API.
    """

    model = NoticeVersion
    index_view_class = NoticeVersionIndexView
    icon = "history"
    menu_label = _("Notice versions")
    # Right below the page explorer, where the notices are.
    menu_order = 150
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    list_filter = ["page", "locale"]
    search_fields = ["title", "change_summary", "slug"]
    inspect_view_fields = [
        "title",
        "slug",
        "locale",
        "number",
        "framework",
        "controller_name",
        "published_at",
        "approved_at",
        "approved_by",
        "approval_step",
        "change_summary",
        "is_current",
        "superseded_at",
        "content_hash",
        "html_url",
    ]

    @property
    def list_display(self):
        return [
            "title",
            Column("locale", label=_("locale")),
            Column("number", label=_("version number")),
            DateColumn(
                "published_at", label=_("published at"), sort_key="published_at"
            ),
            DateColumn("approved_at", label=_("approved at")),
            UserColumn("approved_by", label=_("approved by"), blank_display_name="–"),
            Column("approval_step", label=_("approval step")),
            Column("change_summary", label=_("change summary")),
        ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in (
            "add_url_name",
            "edit_url_name",
            "delete_url_name",
            "history_url_name",
            "usage_url_name",
        ):
            view_kwargs[name] = None
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]


notice_version_viewset = NoticeVersionViewSet("notice_versions")


@hooks.register("register_admin_viewset")
def register_notice_version_viewset():
    return notice_version_viewset


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("notices/", include(admin_urls, namespace="rekisteri_cms_admin"))]


# --- The review tools in the page editor -------------------------------------------


@hooks.register("register_page_header_buttons")
def convert_to_gdpr_button(page, user, view_name, next_url=None):
    """The editor's header menu item "Convert to GDPR notice" of a legacy notice."""
    if view_name != "edit" or not isinstance(page, PrivacyNoticePage):
        return
    if page.framework != HTL or not page.permissions_for_user(user).can_edit():
        return
    url = reverse("rekisteri_cms_admin:convert_to_gdpr", args=(page.pk,))
    yield Button(
        _("Convert to GDPR notice"),
        url=url,
        icon_name="doc-full",
        priority=40,
        attrs={
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": url,
        },
    )


@hooks.register("before_publish_page")
def publish_notices_through_the_model(request, page):
    """Publish a notice from the page editor through ``PrivacyNoticePage.publish``.

    Wagtail's edit and revert views run ``PublishPageRevisionAction`` themselves,
    which skips the model's checks: completeness, legal approval and the record of
    an administrator's publication on the version. Returning a response here stops
    Wagtail's own publication. (The create view already publishes through the
    model.)
    """
    page = page.specific
    if not isinstance(page, PrivacyNoticePage):
        return None
    view_name = getattr(request.resolver_match, "view_name", "")
    if view_name not in (
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:revisions_revert",
    ):
        return None
    revision = page.get_latest_revision()
    try:
        revision.publish(user=request.user)
    except (PermissionDenied, ValidationError) as error:
        reason = " ".join(getattr(error, "messages", None) or [str(error)])
        messages.error(
            request,
            _("Saved as a draft but not published. %(reason)s") % {"reason": reason},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    page = PrivacyNoticePage.objects.get(pk=page.pk)
    if page.live and page.live_revision_id == revision.pk:
        message = _("Page '%(page_title)s' has been published.")
    else:
        message = _("Page '%(page_title)s' has been scheduled for publishing.")
    messages.success(request, message % {"page_title": page.get_admin_display_title()})
    return redirect("wagtailadmin_explore", page.get_parent().pk)


# --- Completeness messages -------------------------------------------------------------


def _report_completeness(request, page):
    page = page.specific
    if not isinstance(page, PrivacyNoticePage):
        return
    # The page row of a live page holds the live content: report on the draft.
    revision = page.get_latest_revision()
    notice = revision.as_object() if revision else page
    report = notice.completeness()
    language = notice.language
    if report.missing:
        message = missing_sections_message(report.missing, language)
        if report.blocks_publishing:
            messages.warning(
                request,
                _(
                    "Saved as a draft. %(reason)s It cannot be published until they are written."
                )
                % {"reason": message},
            )
        else:
            messages.info(
                request,
                _(
                    "This legacy register description is published as written. %(reason)s"
                )
                % {"reason": message},
            )
    if report.recommended_missing:
        headings = ", ".join(
            SECTIONS_BY_KEY[key].heading(language) for key in report.recommended_missing
        )
        messages.info(
            request,
            _("Recommended sections not yet written: %(sections)s.")
            % {"sections": headings},
        )


@hooks.register("after_create_page")
def report_completeness_after_create(request, page):
    _report_completeness(request, page)


@hooks.register("after_edit_page")
def report_completeness_after_edit(request, page):
    _report_completeness(request, page)


# Guards and warnings for translated notices (wagtail-localize), and the notice
# importer's admin view: both register their own hooks.
from . import import_hooks, translation_hooks  # noqa: E402, F401

# --- The admin API's publish action ------------------------------------------------------


@hooks.register("construct_admin_api")
def publish_through_the_model_in_the_admin_api(router):
    """Make the admin API's ``publish`` action publish through ``Page.publish``.

    Wagtail's action runs ``PublishPageRevisionAction`` itself, which skips
    :meth:`PrivacyNoticePage.publish`: an administrator's publication would make
    the page live without recording a version (so readers would not get it while
    the admin shows it as live), and the completeness check would be skipped.
    """
    from .admin_api import NoticeAwarePagesAdminAPIViewSet

    router.register_endpoint("pages", NoticeAwarePagesAdminAPIViewSet)
