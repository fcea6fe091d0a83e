"""Admin URLs of rekisteri-cms, mounted by ``wagtail_hooks`` under ``/admin/notices/``."""

from django.urls import path

from . import views

app_name = "rekisteri_cms_admin"

urlpatterns = [
    path(
        "<int:page_id>/convert-to-gdpr/",
        views.convert_to_gdpr_view,
        name="convert_to_gdpr",
    ),
]
