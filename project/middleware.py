"""Site middleware."""

from corsheaders.conf import conf as cors_conf
from corsheaders.middleware import CorsMiddleware as BaseCorsMiddleware
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from wagtail.contrib.redirects.middleware import (
    RedirectMiddleware as WagtailRedirectMiddleware,
)

#: Addresses outside ``i18n_patterns``: a 404 there is final.
UNPREFIXED = ("/api/", "/admin/", "/django-admin/", "/embed/", "/embed.js")
#: The same addresses without their slash (``/api``).
UNPREFIXED_ROOTS = tuple(prefix.rstrip("/") for prefix in UNPREFIXED)


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that API and admin responses are left alone.

    With ``i18n_patterns`` Django turns a 404 at an unprefixed URL into a redirect to
    ``/fi/…`` (where Wagtail's catch-all pattern makes every path look valid); an API
    client must get the JSON 404 instead, never an HTML page, and an admin address
    that does not exist is a 404, not a public page's 404 under ``/fi/admin/…``.
    """

    def process_response(self, request, response):
        # Case-insensitive: /API/notices/ is a JSON 404, not a redirect to /fi/API/….
        path = request.path_info.lower()
        if path.startswith(UNPREFIXED) or path.rstrip("/") in UNPREFIXED_ROOTS:
            return response
        return super().process_response(request, response)


class RedirectMiddleware(WagtailRedirectMiddleware):
    """Wagtail's redirects, except under ``/api/``.

    An API address never redirects (docs/api.md): a 404 of the API stays a JSON
    404 even where an editor has made a redirect with that path, and API errors do
    not cost the redirect lookups.
    """

    def process_response(self, request, response):
        if request.path_info.lower().startswith("/api"):
            return response
        return super().process_response(request, response)


class CorsMiddleware(BaseCorsMiddleware):
    """django-cors-headers, without ``Vary: Origin`` when every origin is allowed.

    With ``CORS_ALLOW_ALL_ORIGINS`` and no credentials every origin gets the same
    answer (``Access-Control-Allow-Origin: *``), so varying on ``Origin`` would only
    split shared caches into one copy per shop. Any other ``Vary`` stays.
    """

    def add_response_headers(self, request, response):
        vary = response.get("Vary")
        response = super().add_response_headers(request, response)
        if cors_conf.CORS_ALLOW_ALL_ORIGINS and not cors_conf.CORS_ALLOW_CREDENTIALS:
            if vary is None:
                if response.has_header("Vary"):
                    del response["Vary"]
            else:
                response["Vary"] = vary
        return response
