"""Admin URLs of rekisteri-cms, registered by ``wagtail_hooks`` under ``/admin/``.

Every screen of the app is in the ``rekisteri_cms_admin`` namespace: the notice
screens under ``notices/``, the importer under ``notice-import/`` and the
translation editor's "Submit for legal review" under ``notice-translations/``.
"Sync translated pages" is served at wagtail-localize's own address: the hook that
returns :func:`admin_urlpatterns` runs before wagtail-localize's, so that this view
is matched first (``reverse`` keeps giving the same URL).
"""

from django.urls import include, path

from .views import importer, overrides, record, review, translations

app_name = "rekisteri_cms_admin"

urlpatterns = [
    path(
        "notices/<int:page_id>/convert-to-gdpr/",
        review.convert_to_gdpr_view,
        name="convert_to_gdpr",
    ),
    path(
        "notices/<int:page_id>/item-overrides/",
        overrides.create_override_view,
        name="create_item_override",
    ),
    path(
        "notices/<int:page_id>/item-overrides/<int:override_id>/revoke/",
        overrides.revoke_override_view,
        name="revoke_item_override",
    ),
    path(
        "notice-translations/<int:page_id>/submit-for-review/",
        translations.submit_translation_for_review_view,
        name="submit_translation_for_review",
    ),
    path(
        "notices/<int:page_id>/erase-record/",
        record.erase_record_view,
        name="erase_record",
    ),
    path("notice-import/", importer.NoticeUploadView.as_view(), name="import_upload"),
    path(
        "notice-import/<uuid:job>/",
        importer.NoticeCheckView.as_view(),
        name="import_check",
    ),
    path(
        "notice-import/<uuid:job>/status/",
        importer.ImportStatusView.as_view(),
        name="import_status",
    ),
]

#: The imported originals (``/admin/imported-originals/<id>/``), served outside
#: Wagtail's admin wrapper, which would send an anonymous visitor to the login page:
#: the file answers 403 to anyone who may not download it, logged in or not. The
#: site includes these before the admin (``path("admin/imported-originals/",
#: include(original_urlpatterns))``, docs/operations.md).
original_urlpatterns = (
    [
        path(
            "<int:original_id>/",
            record.imported_original_view,
            name="imported_original",
        )
    ],
    "rekisteri_cms_originals",
)


def admin_urlpatterns() -> list:
    """Every admin URL of the app, for the ``register_admin_urls`` hook."""
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            translations.ReviewedUpdateTranslationsView.as_view(),
            name="rekisteri_cms_update_translations",
        ),
        path("", include((urlpatterns, app_name), namespace=app_name)),
    ]
