"""Wagtail's generic API (``/api/v2/``): pages, images and documents, live only.

A notice is served here from its version in force, as on the site and in the
notice API (docs/api.md#wagtails-generic-api): its ``title``, ``framework`` and
``body`` are the approved revision's, with the controller as the version recorded
it, never the page row or the controller snippet as they are now.
"""

from django.db import DatabaseError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction

from rekisteri_cms.models import NoticeVersion, PrivacyNoticePage


def approved_body(version) -> list[dict] | None:
    """The StreamField API representation of ``version``'s approved revision, with
    the controller section's details as the version recorded them."""
    if version.revision_id is None:
        return None
    notice = version.revision.as_object()
    recorded = {
        section["key"]: section.get("data") or {}
        for section in version.document.get("sections", [])
    }
    body = notice.body.stream_block.get_api_representation(notice.body)
    for item in body:
        if item.get("type") == "controller" and isinstance(item.get("value"), dict):
            data = recorded.get("controller", {})
            for name in ("controller", "representative", "joint_controllers"):
                item["value"][name] = data.get(name)
    return body


class PublishedPageSerializer(PageSerializer):
    """Wagtail's page serialiser; a notice's fields come from its version in force."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not issubclass(instance.specific_class or type(instance), PrivacyNoticePage):
            return data
        versions = self.context.get("notice_versions")
        if versions is not None:
            version = versions.get(instance.pk)
        else:
            version = (
                NoticeVersion.objects.current()
                .filter(page_id=instance.pk)
                .select_related("revision")
                .first()
            )
        if version is None:  # never listed (get_base_queryset), but never the row
            return {"id": instance.pk, "meta": data.get("meta", {})}
        if "title" in data:
            data["title"] = version.title
        if "framework" in data:
            data["framework"] = version.framework
        if "body" in data:
            body = approved_body(version)
            data["body"] = body if body is not None else []
        return data


class SearchErrorsAreBadRequestsMixin:
    """A search term the database's full-text syntax cannot parse (an unclosed
    quote on SQLite, say) is the reader's error: 400, never 500."""

    def listing_view(self, request):
        if "search" not in request.GET:
            return super().listing_view(request)
        try:
            with transaction.atomic():
                return super().listing_view(request)
        except DatabaseError as error:
            raise BadRequestError(_("The search terms could not be read.")) from error


class LivePagesAPIViewSet(SearchErrorsAreBadRequestsMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint, without notices that have no published version.

    Wagtail already lists only live, public pages; a live notice that never went
    through legal review (a copy, for example) has no version and stays hidden here
    as on the site. The notice API (``/api/notices/``) is the storefront contract.
    """

    base_serializer_class = PublishedPageSerializer

    def get_serializer(self, *args, **kwargs):
        if not (kwargs.get("many") and args):
            return super().get_serializer(*args, **kwargs)
        # One query for the versions of a whole listing page.
        pages = list(args[0])
        serializer = super().get_serializer(pages, *args[1:], **kwargs)
        serializer.context["notice_versions"] = {
            version.page_id: version
            for version in NoticeVersion.objects.current()
            .filter(page_id__in=[page.pk for page in pages])
            .select_related("revision")
        }
        return serializer

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.action == "detail_view":
            # One page: a correlated ``Exists`` on the version index, so that the
            # cost does not grow with the number of notices.
            published = NoticeVersion.objects.filter(
                page_id=OuterRef("pk"), is_current=True
            )
            is_notice = PrivacyNoticePage.objects.filter(pk=OuterRef("pk"))
            return queryset.exclude(Exists(is_notice) & ~Exists(published))
        # Listings: a subquery of primary keys, not an ``Exists`` expression: the
        # search backend reads the queryset's filters and knows only field lookups.
        unpublished_notices = PrivacyNoticePage.objects.exclude(
            pk__in=NoticeVersion.objects.filter(is_current=True).values("page_id")
        ).values("pk")
        return queryset.exclude(pk__in=unpublished_notices)


class PublicCollectionsMixin:
    """Only files in collections without a view restriction (editors' unreviewed
    uploads are in a private one until a notice linking them is approved)."""

    def get_queryset(self):
        restricted = CollectionViewRestriction.objects.values("collection_id")
        return super().get_queryset().exclude(collection_id__in=restricted)


class PublicDocumentsAPIViewSet(
    SearchErrorsAreBadRequestsMixin, PublicCollectionsMixin, DocumentsAPIViewSet
):
    pass


class PublicImagesAPIViewSet(
    SearchErrorsAreBadRequestsMixin, PublicCollectionsMixin, ImagesAPIViewSet
):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", LivePagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
