"""Site security helpers: the per-path Content-Security-Policy and the client address.

Both are wired in ``project.settings``: the middleware replaces django-csp's, and
``client_ip`` is django-axes' ``AXES_CLIENT_IP_CALLABLE``.
"""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's own policy under its URL prefixes.

    Public pages and the API get ``CONTENT_SECURITY_POLICY`` (no inline script or
    style without the response's nonce). The Wagtail and Django admins get
    ``ADMIN_CONTENT_SECURITY_POLICY`` instead, which allows what their own templates
    and widgets need (inline ``style`` attributes, ``data:`` and ``blob:`` images).
    A policy set on a response by django-csp's view decorators still wins.
    """

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        admin_policy = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None)
        if (
            not report_only
            and parts.config is None
            and admin_policy
            and request.path_info.startswith(tuple(admin_policy["URL_PREFIXES"]))
        ):
            parts.config = admin_policy["DIRECTIVES"]
        return parts


def client_ip(request: HttpRequest) -> str:
    """The address of the client that sent ``request``, for login throttling.

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies that each append to
    ``X-Forwarded-For``, the client is that many entries from the right: entries
    further left were sent by the client itself and cannot be trusted. Without
    proxies (the default) it is ``REMOTE_ADDR``.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote_addr
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if len(forwarded) < proxies:
        return remote_addr
    return forwarded[-proxies]
