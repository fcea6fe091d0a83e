"""URLs of the rekisteri-cms site."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularSwaggerView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from rekisteri_cms import views as notice_views
from rekisteri_cms.admin.urls import original_urlpatterns
from rekisteri_cms.api import urls as notice_api_urls
from rekisteri_cms.api.errors import api_not_found
from rekisteri_cms.api.schema import SchemaView
from rekisteri_cms.embed import urls as embed_urls

from .api import api_router
from .sitemaps import MultilingualSitemap

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Before the admin: an imported original answers 403, not a login redirect.
    path("admin/imported-originals/", include(original_urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/schema/", SchemaView.as_view(), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("api/", include(notice_api_urls)),
    path("api/", include(notice_api_urls.fallback_patterns)),
    # /embed.js and /embed/<id>/: notices on other sites (docs/api.md#embeds).
    path("", include(embed_urls)),
    # "/api" and "/API/…": the API's JSON 404, never a redirect to a language.
    re_path(r"^[aA][pP][iI](?:/.*)?$", api_not_found),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"wagtail": MultilingualSitemap}},
        name="sitemap",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

#: Wagtail's front-end URLs, with its page view replaced by the app's, which finds
#: notice pages in one query and hands every other address to Wagtail's
#: (docs/operations.md#performance). Same patterns, order and names.
page_urlpatterns = [
    re_path(pattern.pattern.regex.pattern, notice_views.serve, name=pattern.name)
    if getattr(pattern, "name", None) == "wagtail_serve"
    else pattern
    for pattern in wagtail_urls.urlpatterns
]

urlpatterns += i18n_patterns(
    path("", include(page_urlpatterns)),
    prefix_default_language=True,
)
