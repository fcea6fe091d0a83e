"""A reviewer's action that the database failed: a message, not a 500.

:meth:`LegalReviewTask.on_action <rekisteri_cms.models.LegalReviewTask.on_action>`
runs an approval or a rejection in one transaction and raises
:class:`~rekisteri_cms.models.ReviewActionNotSaved` when the database fails inside
it (a lost connection, a lock timeout, a failed commit): by then the transaction is
rolled back, nothing was published and the revision still waits for review. Wagtail's
editor and its workflow action view let the error through; this middleware (in
``MIDDLEWARE`` after the messages middleware) turns it into an error message in the
admin's language and sends the reviewer back where they were, to try again.
"""

from __future__ import annotations

import logging

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.utils import get_valid_next_url_from_request

from ..models import ReviewActionNotSaved

logger = logging.getLogger(__name__)


def not_saved_message(action_name: str) -> str:
    if action_name == "approve":
        return _(
            "The approval was not saved: the database did not answer. Nothing was "
            "published, and the revision is still waiting for review. Try again in "
            "a moment."
        )
    return _(
        "Your decision was not saved: the database did not answer. Nothing changed, "
        "and the revision is still waiting for review. Try again in a moment."
    )


def back_to(request) -> str:
    """Where the reviewer goes on: the editor they posted from, or where the
    workflow action view would have sent them (``next``, else the editor)."""
    match = request.resolver_match
    if match is None or match.url_name != "workflow_action":
        return request.get_full_path()
    next_url = get_valid_next_url_from_request(request)
    if next_url:
        return next_url
    pk = match.kwargs.get("page_id", match.kwargs.get("pk"))
    return reverse(f"{match.namespace}:edit", args=(pk,))


class ReviewActionErrorMiddleware:
    """Report a review action the database failed (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ReviewActionNotSaved):
            return None
        logger.error(
            "A review action (%s) by user %s failed on the database and was rolled "
            "back: %s %s",
            exception.action_name,
            getattr(request.user, "pk", None),
            request.method,
            request.path,
            exc_info=exception,
        )
        messages.error(request, not_saved_message(exception.action_name))
        url = back_to(request)
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            # Wagtail's review dialog follows the redirect of a "success" step.
            return render_modal_workflow(
                request, "", None, {}, json_data={"step": "success", "redirect": url}
            )
        return redirect(url)
