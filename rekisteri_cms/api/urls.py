"""URLs of the storefront API; the project mounts them under ``api/``."""

from django.urls import path, re_path

from . import pdf, views
from .errors import api_not_found

app_name = "rekisteri_cms_api"

urlpatterns = [
    path("notices/", views.NoticeListView.as_view(), name="notice-list"),
    path("notices/<str:slug>/", views.NoticeDetailView.as_view(), name="notice-detail"),
    path(
        "notices/<str:slug>/versions/",
        views.NoticeVersionListView.as_view(),
        name="notice-versions",
    ),
    path(
        "notices/<str:slug>/versions/<int:number>/",
        views.NoticeVersionDetailView.as_view(),
        name="notice-version-detail",
    ),
    path(
        "notices/<str:slug>/versions/<int:number>/pdf/",
        pdf.NoticeVersionPdfView.as_view(),
        name="notice-version-pdf",
    ),
    path(
        "notices/<str:slug>/diff/", views.NoticeDiffView.as_view(), name="notice-diff"
    ),
]

#: Any other address under ``api/``: a JSON 404, never a redirect to a page.
fallback_patterns = [re_path(r"^.*$", api_not_found)]
