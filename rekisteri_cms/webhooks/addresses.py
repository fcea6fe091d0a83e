"""Where a webhook may be sent: the URL's form and the addresses it resolves to.

A webhook URL is https, unless its host is one of
``REKISTERI_CMS_WEBHOOK_HTTP_HOSTS``. Every address the host resolves to must be a
public one: private, loopback, link-local, shared, reserved and multicast addresses
are refused (server-side request forgery) unless a network of
``REKISTERI_CMS_WEBHOOK_ALLOWED_NETWORKS`` holds them. The sender connects to the
address checked here, never resolving the name a second time.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..conf import get_setting


class AddressRefused(ValueError):
    """The destination of a webhook is not one it may be sent to."""


@dataclass(frozen=True)
class Destination:
    scheme: str
    host: str
    port: int
    path: str
    address: str  # the checked IP address to connect to


def _http_hosts() -> set[str]:
    return {host.lower() for host in get_setting("REKISTERI_CMS_WEBHOOK_HTTP_HOSTS")}


def _allowed_networks() -> list:
    return [
        ipaddress.ip_network(network, strict=False)
        for network in get_setting("REKISTERI_CMS_WEBHOOK_ALLOWED_NETWORKS")
    ]


def validate_webhook_url(url: str) -> None:
    """The form of a webhook URL (a ``ValidationError`` for forms and commands)."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    if parts.scheme not in {"https", "http"} or not host:
        raise ValidationError(
            _("Enter an absolute https:// address."), code="invalid_webhook_url"
        )
    if parts.username or parts.password:
        raise ValidationError(
            _("A webhook address may not contain a user name or a password."),
            code="webhook_url_credentials",
        )
    if parts.scheme == "http" and host not in _http_hosts():
        raise ValidationError(
            _("A webhook address must use https."), code="webhook_url_not_https"
        )
    try:
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as error:
        raise ValidationError(
            _("The port of the address is not valid."), code="invalid_webhook_port"
        ) from error


def check_address(address: str) -> None:
    """Refuse an address that is not public, unless an allowed network holds it."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if getattr(ip, "ipv4_mapped", None) is not None:
        ip = ip.ipv4_mapped
    if ip.is_global and not ip.is_multicast:
        return
    if any(ip in network for network in _allowed_networks()):
        return
    raise AddressRefused(
        f"{address} is a private, loopback, link-local or reserved address"
    )


def resolve(url: str) -> Destination:
    """Check ``url`` and the addresses of its host; the one to connect to."""
    try:
        validate_webhook_url(url)
    except ValidationError as error:
        raise AddressRefused(" ".join(str(m) for m in error.messages)) from error
    parts = urlsplit(url)
    host = parts.hostname.lower()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise OSError(f"cannot resolve {host}: {error}") from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise OSError(f"{host} has no address")
    for address in addresses:  # every address: a name may mix public and private
        check_address(address)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Destination(parts.scheme, host, port, path, addresses[0])
