"""Registrations of the webhooks' admin, and nothing else."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin.viewsets import (
    AdministratorsOnlyPolicy,
    WebhooksViewSetGroup,
    disabled_endpoints_panel,
)
from .models import WebhookDelivery, WebhookEndpoint

register_permission_policy(
    WebhookEndpoint, AdministratorsOnlyPolicy(WebhookEndpoint), exact_class=True
)
register_permission_policy(
    WebhookDelivery, AdministratorsOnlyPolicy(WebhookDelivery), exact_class=True
)


@hooks.register("register_admin_viewset")
def register_webhooks_viewsets():
    return WebhooksViewSetGroup()


hooks.register("construct_homepage_panels", disabled_endpoints_panel)
