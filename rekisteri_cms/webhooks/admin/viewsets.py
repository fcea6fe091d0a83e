"""The admin's webhook endpoints and delivery log (administrators only)."""

from __future__ import annotations

import django_filters
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import CreateView, IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import BasePermissionPolicy

from ...admin.readonly import ReadOnlyModelViewSet
from ..models import EVENT_CHOICES, TEST_EVENT, WebhookDelivery, WebhookEndpoint
from . import views
from .forms import WebhookEndpointForm


class AdministratorsOnlyPolicy(BasePermissionPolicy):
    """Endpoints hold secrets and reach other systems: administrators only."""

    def user_has_permission(self, user, action):
        return views.is_administrator(user)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_superuser=True, is_active=True)


class EndpointCreateView(CreateView):
    def save_instance(self):
        endpoint = super().save_instance()
        views.remember_secret(self.request, endpoint)
        return endpoint

    def get_success_url(self):
        return reverse("webhook_endpoints:secret", args=[self.object.pk])


class EndpointIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            MenuItem(
                _("Send a test event"),
                url=reverse("webhook_endpoints:test", args=[instance.pk]),
                icon_name="mail",
                priority=30,
            ),
            MenuItem(
                _("Rotate the secret"),
                url=reverse("webhook_endpoints:rotate", args=[instance.pk]),
                icon_name="key",
                priority=40,
            ),
            MenuItem(
                _("Deliveries"),
                url=reverse("webhook_deliveries:index") + f"?endpoint={instance.pk}",
                icon_name="list-ul",
                priority=50,
            ),
        ]


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    form_class = WebhookEndpointForm
    add_view_class = EndpointCreateView
    index_view_class = EndpointIndexView
    icon = "link-external"
    menu_label = _("Endpoints")
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["name", "url"]
    list_filter = ["is_active"]

    @property
    def list_display(self):
        return [
            "name",
            Column("url", label=_("URL")),
            StatusTagColumn(
                "status_label",
                label=_("status"),
                accessor=lambda endpoint: endpoint_status(endpoint),
                primary=lambda endpoint: endpoint.is_active,
            ),
            Column("controller_business_id", label=_("controller's business ID")),
            Column("locale", label=_("language")),
            Column("consecutive_failures", label=_("failed in a row")),
        ]

    def get_form_class(self, for_update=False):
        return WebhookEndpointForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("secret/<int:pk>/", views.SecretView.as_view(), name="secret"),
            path("rotate/<int:pk>/", views.RotateSecretView.as_view(), name="rotate"),
            path("test/<int:pk>/", views.SendTestEventView.as_view(), name="test"),
        ]


def endpoint_status(endpoint) -> str:
    if endpoint.is_active:
        return str(_("Active"))
    if endpoint.disabled_at is not None:
        return str(_("Switched off after failed deliveries"))
    return str(_("Inactive"))


class DeliveryFilterSet(WagtailFilterSet):
    endpoint = django_filters.ModelChoiceFilter(
        label=_("Endpoint"), queryset=WebhookEndpoint.objects.all()
    )
    event = django_filters.ChoiceFilter(
        label=_("Event"),
        field_name="event__type",
        choices=[*EVENT_CHOICES, (TEST_EVENT, _("Test event"))],
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=WebhookDelivery.Status.choices
    )

    class Meta:
        model = WebhookDelivery
        fields = ["endpoint", "event", "status"]


class DeliveryIndexView(IndexView):  # newest first, with the event and endpoint
    default_ordering = "-created_at"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "endpoint")


class AttemptsTable(Component):
    template_name = "rekisteri_webhooks/admin/attempts.html"

    def __init__(self, delivery):
        self.delivery = delivery

    def get_context_data(self, parent_context):
        return {"attempts": list(self.delivery.attempts.all())}


class DeliveryInspectView(InspectView):
    def get_attempts_display_value(self):
        return AttemptsTable(self.object)

    def get_event_display_value(self):
        return self.object.event.type

    @property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Redeliver"),
                url=reverse("webhook_deliveries:redeliver", args=[self.object.pk]),
                icon_name="redirect",
            ),
            HeaderButton(
                _("Send a test event"),
                url=reverse("webhook_endpoints:test", args=[self.object.endpoint_id]),
                icon_name="mail",
            ),
        ]


class WebhookDeliveryViewSet(ReadOnlyModelViewSet):
    """The delivery log: read-only, with redelivery."""

    model = WebhookDelivery
    index_view_class = DeliveryIndexView
    inspect_view_class = DeliveryInspectView
    filterset_class = DeliveryFilterSet
    icon = "list-ul"
    menu_label = _("Delivery log")
    list_per_page = 50
    inspect_view_fields = [
        "endpoint",
        "event",
        "message_id",
        "status",
        "attempt_count",
        "created_at",
        "next_attempt_at",
        "finished_at",
        "last_status_code",
        "last_error",
        "attempts",
    ]

    @property
    def list_display(self):
        return [
            Column(
                "event",
                label=_("event"),
                accessor=lambda delivery: delivery.event.type,
            ),
            Column("endpoint", label=_("endpoint")),
            StatusTagColumn(
                "status",
                label=_("status"),
                accessor="get_status_display",
                primary=lambda delivery: delivery.status != "failed",
            ),
            Column("attempt_count", label=_("attempts")),
            Column("last_status_code", label=_("last status code")),
            DateColumn("created_at", label=_("created at"), sort_key="created_at"),
            DateColumn("finished_at", label=_("finished at")),
        ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "redeliver/<int:pk>/", views.RedeliverView.as_view(), name="redeliver"
            ),
        ]


class WebhooksViewSetGroup(ViewSetGroup):
    menu_label = _("Webhooks")
    menu_icon = "link-external"
    menu_order = 820
    items = (
        WebhookEndpointViewSet("webhook_endpoints"),
        WebhookDeliveryViewSet("webhook_deliveries"),
    )


class DisabledEndpointsPanel(Component):
    """On the dashboard of administrators: endpoints switched off by failures."""

    name = "webhook_endpoints_disabled"
    order = 50
    template_name = "rekisteri_webhooks/admin/disabled_panel.html"

    def __init__(self, endpoints):
        self.endpoints = endpoints

    def get_context_data(self, parent_context):
        return {"endpoints": self.endpoints}


def disabled_endpoints_panel(request, panels) -> None:
    if not views.is_administrator(request.user):
        return
    endpoints = list(
        WebhookEndpoint.objects.filter(is_active=False, disabled_at__isnull=False)
    )
    if endpoints:
        panels.append(DisabledEndpointsPanel(endpoints))
