"""Admin wiring of the notice importer (registered from ``wagtail_hooks``)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import import_views

urlpatterns = [
    path("", import_views.NoticeUploadView.as_view(), name="upload"),
    path("check/", import_views.NoticeCheckView.as_view(), name="check"),
]


class ImportNoticeMenuItem(MenuItem):
    """Shown to the users who may add notices under some notices index."""

    def is_shown(self, request):
        return import_views.can_import(request.user)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path(
            "notice-import/",
            include(
                (urlpatterns, "rekisteri_cms_import"), namespace="rekisteri_cms_import"
            ),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportNoticeMenuItem(
        _("Import notice"),
        reverse("rekisteri_cms_import:upload"),
        name="import-notice",
        icon_name="upload",
        order=160,
    )
