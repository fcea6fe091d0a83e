"""Wagtail's generic API (``/api/v2/``): pages, images and documents, live only."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from rekisteri_cms.models import NoticeVersion, PrivacyNoticePage


class LivePagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, without notices that have no published version.

    Wagtail already lists only live, public pages; a live notice that never went
    through legal review (a copy, for example) has no version and stays hidden here
    as on the site. The notice API (``/api/notices/``) is the storefront contract.
    """

    def get_base_queryset(self):
        notice_type = ContentType.objects.get_for_model(PrivacyNoticePage)
        has_version = Exists(
            NoticeVersion.objects.filter(page_id=OuterRef("pk"), is_current=True)
        )
        return (
            super()
            .get_base_queryset()
            .filter(~Q(content_type=notice_type) | Q(has_version))
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", LivePagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
