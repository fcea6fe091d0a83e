"""The admin's viewsets of controllers and notice versions, and who may see the
versions record."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, UserColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.models import Locale
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from ..legal.items import ITEMS_BY_CODE
from ..models import Controller, NoticeVersion, PrivacyNoticeIndexPage
from .readonly import ReadOnlyModelViewSet

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


def admin_locale() -> Locale | None:
    """The content locale of the admin user's language, else the default locale."""
    return (
        Locale.objects.filter(language_code=get_language()).first()
        or Locale.objects.filter(pk=Locale.get_default().pk).first()
    )


class ControllerIndexView(SnippetIndexView):
    """The controllers list, in the admin user's locale unless another is chosen.

    A controller has one row per locale (its translations); listing every locale
    would show each controller three times.
    """

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if self.i18n_enabled and "locale" not in self.request.GET:
            locale = admin_locale()
            if locale is not None:
                data = self.request.GET.copy()
                data["locale"] = locale.language_code
                kwargs["data"] = data
        return kwargs


class ControllerViewSet(SnippetViewSet):
    """Controllers (rekisterinpitäjät) chosen in the notices' controller section."""

    model = Controller
    index_view_class = ControllerIndexView
    icon = "group"
    menu_label = _("Controllers")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "business_id", "locality"]
    search_fields = ["name", "business_id"]


class NoticeVersionIndexView(IndexView):
    default_ordering = "-published_at"

    def get_base_queryset(self):
        return (
            super().get_base_queryset().select_related("locale", "approved_by", "page")
        )


class ItemOverridesRecord(Component):
    """The reviewers' overrides a version was published with: item, who, when, why."""

    template_name = "rekisteri_cms/admin/version_item_overrides.html"

    def __init__(self, records):
        self.records = records or []

    def get_context_data(self, parent_context):
        language = get_language()
        return {
            "records": [
                {
                    "name": ITEMS_BY_CODE[record["item"]].name(language)
                    if record.get("item") in ITEMS_BY_CODE
                    else record.get("item"),
                    "by": record.get("by") or "–",
                    "at": parse_datetime(record["at"]) if record.get("at") else None,
                    "justification": record.get("justification", ""),
                }
                for record in self.records
            ]
        }


class NoticeVersionInspectView(InspectView):
    def get_item_overrides_display_value(self):
        return ItemOverridesRecord(self.object.item_overrides)


class NoticeVersionViewSet(ReadOnlyModelViewSet):
    """The published versions of every notice with their approvals (admin only).

    Read-only: the index and an inspect view, no add, edit or delete views. Who
    approved a version is shown here, never on the public pages or in the API.
    """

    model = NoticeVersion
    index_view_class = NoticeVersionIndexView
    inspect_view_class = NoticeVersionInspectView
    icon = "history"
    menu_label = _("Notice versions")
    # Right below the page explorer, where the notices are.
    menu_order = 150
    add_to_admin_menu = True
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
        "item_overrides",
        "is_current",
        "superseded_at",
        "effective_from",
        "effective_to",
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
            Column(
                "approval_step",
                accessor=lambda version: version.approval_step_label(),
                label=_("approval step"),
            ),
            Column("change_summary", label=_("change summary")),
        ]
