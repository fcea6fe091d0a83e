"""Wagtail's generic API (``/api/v2/``): pages, images and documents, live only."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from rekisteri_cms.models import PrivacyNoticePage


class LivePagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, without notices that have no published version.

    Wagtail already lists only live, public pages; a live notice that never went
    through legal review (a copy, for example) has no version and stays hidden here
    as on the site. The notice API (``/api/notices/``) is the storefront contract.
    """

    def get_base_queryset(self):
        unpublished_notices = PrivacyNoticePage.objects.exclude(
            versions__is_current=True
        ).values("pk")
        return super().get_base_queryset().exclude(pk__in=unpublished_notices)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", LivePagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
