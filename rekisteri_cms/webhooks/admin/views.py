"""The endpoints' and deliveries' actions: the secret shown once, rotating it,
a test event, redelivering."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import events
from ..models import WebhookDelivery, WebhookEndpoint

SESSION_KEY = "rekisteri_webhooks_new_secret"


def is_administrator(user) -> bool:
    return bool(user and user.is_active and user.is_superuser)


def remember_secret(request, endpoint) -> None:
    """Keep the new secret for the one page that shows it."""
    request.session[SESSION_KEY] = {"pk": endpoint.pk, "secret": endpoint.secret}


class AdministratorView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "link-external"
    template_name = "rekisteri_webhooks/admin/action.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_administrator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SecretView(AdministratorView):
    """The secret of a new or rotated endpoint, shown once."""

    page_title = gettext_lazy("Webhook secret")
    template_name = "rekisteri_webhooks/admin/secret.html"

    def get_context_data(self, **kwargs):
        endpoint = get_object_or_404(WebhookEndpoint, pk=kwargs["pk"])
        shown = self.request.session.pop(SESSION_KEY, None)
        secret = shown["secret"] if shown and shown.get("pk") == endpoint.pk else None
        return super().get_context_data(
            endpoint=endpoint,
            secret=secret,
            back_url=reverse("webhook_endpoints:index"),
            **kwargs,
        )


class EndpointActionView(AdministratorView):
    """A confirmation page (GET) and the action (POST) on one endpoint."""

    question = ""
    button = ""

    def get_context_data(self, **kwargs):
        endpoint = get_object_or_404(WebhookEndpoint, pk=kwargs["pk"])
        return super().get_context_data(
            endpoint=endpoint,
            question=self.question,
            button=self.button,
            back_url=reverse("webhook_endpoints:index"),
            **kwargs,
        )

    def post(self, request, pk):
        endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
        with transaction.atomic():
            return self.act(request, endpoint)


class RotateSecretView(EndpointActionView):
    page_title = gettext_lazy("Rotate the secret")
    question = gettext_lazy(
        "A new secret is made and shown once. The old one still signs the "
        "deliveries beside the new one for the overlap set by the site, so that "
        "the receiver can be updated without losing a message."
    )
    button = gettext_lazy("Rotate the secret")

    def act(self, request, endpoint):
        endpoint.rotate_secret()
        remember_secret(request, endpoint)
        return redirect("webhook_endpoints:secret", pk=endpoint.pk)


class SendTestEventView(EndpointActionView):
    page_title = gettext_lazy("Send a test event")
    question = gettext_lazy(
        "A signed webhook.test event is sent to this endpoint through the task "
        "queue, whether the endpoint is active or not. Its delivery is shown in "
        "the delivery log."
    )
    button = gettext_lazy("Send a test event")

    def act(self, request, endpoint):
        delivery = events.send_test_event(endpoint)
        messages.success(request, _("A test event was queued for delivery."))
        return redirect("webhook_deliveries:inspect", pk=delivery.pk)


class RedeliverView(AdministratorView):
    page_title = gettext_lazy("Redeliver")

    def get_context_data(self, **kwargs):
        delivery = get_object_or_404(WebhookDelivery, pk=kwargs["pk"])
        return super().get_context_data(
            endpoint=delivery.endpoint,
            question=_(
                "The same event is sent again with the same webhook-id, so a "
                "receiver that already has it can ignore it."
            ),
            button=_("Redeliver"),
            back_url=reverse("webhook_deliveries:inspect", args=[delivery.pk]),
            **kwargs,
        )

    def post(self, request, pk):
        delivery = get_object_or_404(WebhookDelivery, pk=pk)
        with transaction.atomic():
            events.redeliver(delivery)
        messages.success(request, _("The event was queued for delivery again."))
        return redirect("webhook_deliveries:inspect", pk=delivery.pk)
