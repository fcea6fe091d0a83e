"""The site's LocaleMiddleware, with the baseline treated like the API it stands for."""

from project.middleware import LocaleMiddleware as SiteLocaleMiddleware


class LocaleMiddleware(SiteLocaleMiddleware):
    """Leaves ``/bench/`` responses alone, as the site's leaves ``/api/`` ones.

    So the baseline passes through the same middleware work as an API response and
    gets the same headers (no ``Vary: Accept-Language``; CORS adds ``Vary: origin``).
    """

    def process_response(self, request, response):
        if request.path_info.startswith("/bench/"):
            return response
        return super().process_response(request, response)
