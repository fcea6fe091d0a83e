"""Site middleware."""

from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that API responses are left alone.

    With ``i18n_patterns`` Django turns a 404 at an unprefixed URL into a redirect to
    ``/fi/…``; an API client must get the JSON 404 instead, never an HTML page.
    """

    def process_response(self, request, response):
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)
