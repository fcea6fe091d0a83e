"""A read-only record in the admin: a model viewset with only its index and inspect
views (the notice versions, the webhook delivery log)."""

from __future__ import annotations

from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet

#: The URL names of the views a read-only record does not have; Wagtail's generic
#: views link to them when they are set.
_NO_VIEWS = (
    "add_url_name",
    "edit_url_name",
    "delete_url_name",
    "history_url_name",
    "usage_url_name",
)


class ReadOnlyModelViewSet(ModelViewSet):
    """The index (with its results view for filtering) and the inspect view; no
    add, edit, copy, delete, history or usage views, and no links to them."""

    copy_view_enabled = False
    inspect_view_enabled = True

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in _NO_VIEWS:
            view_kwargs[name] = None
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]
