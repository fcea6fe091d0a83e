"""Admin wiring: what the app registers with Wagtail, and nothing else.

The viewsets, screens and editor actions live in :mod:`rekisteri_cms.admin`.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin import workflow_names
from .admin.api import NoticeAwarePagesAdminAPIViewSet
from .admin.dashboard import add_untranslated_panel
from .admin.urls import admin_urlpatterns
from .admin.views import editor, importer, review, translations
from .admin.viewsets import (
    ControllerViewSet,
    NoticeVersionPermissionPolicy,
    NoticeVersionViewSet,
)
from .models import NoticeVersion

register_permission_policy(
    NoticeVersion, NoticeVersionPermissionPolicy(NoticeVersion), exact_class=True
)
register_snippet(ControllerViewSet)
notice_version_viewset = NoticeVersionViewSet("notice_versions")


@hooks.register("register_admin_viewset")
def register_notice_version_viewset():
    return notice_version_viewset


# Before wagtail-localize's URLs: "Sync translated pages" is served at its address.
hooks.register("register_admin_urls", admin_urlpatterns, order=-1)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return importer.ImportNoticeMenuItem(
        _("Import notice"),
        reverse("rekisteri_cms_admin:import_upload"),
        name="import-notice",
        icon_name="upload",
        order=160,
    )


# The review tools in the page editor.
hooks.register("register_page_header_buttons", editor.convert_to_gdpr_button)
hooks.register("insert_editor_js", editor.editor_js)
hooks.register("before_publish_page", editor.publish_notices_through_the_model)
hooks.register("before_create_page", editor.create_notices_without_autosave)
hooks.register("after_create_page", editor.report_completeness)
hooks.register("after_edit_page", editor.report_completeness)
hooks.register("after_edit_page", review.report_review_action)
hooks.register(
    "construct_page_action_menu", workflow_names.name_steps_in_the_action_menu
)
# After Wagtail's own log actions (order 0): the history names the steps translated.
hooks.register(
    "register_log_actions", workflow_names.name_steps_in_the_history, order=100
)
hooks.register(
    "before_bulk_action", editor.refuse_bulk_publishing_of_incomplete_notices
)

hooks.register("construct_homepage_panels", add_untranslated_panel)

# Guards and warnings for translated notices, before wagtail-localize's own hooks.
hooks.register(
    "before_edit_page",
    translations.review_translations_instead_of_publishing,
    order=-1,
)
hooks.register(
    "before_edit_page", translations.warn_about_out_of_date_translation, order=-1
)


@hooks.register("construct_admin_api")
def publish_through_the_model_in_the_admin_api(router):
    """Make the admin API's ``publish`` action publish through ``Page.publish``.

    Wagtail's action runs ``PublishPageRevisionAction`` itself, which skips
    :meth:`PrivacyNoticePage.publish`: an administrator's publication would make
    the page live without recording a version (so readers would not get it while
    the admin shows it as live), and the completeness check would be skipped.
    """
    router.register_endpoint("pages", NoticeAwarePagesAdminAPIViewSet)
