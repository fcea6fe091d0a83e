"""The public record in the admin: the imported original of a notice, for its
reviewers, and an administrator's erasure of a withdrawn notice's public record
(docs/notice-model.md#public-record)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.defaults import permission_denied

from ...models import ImportedOriginal, PrivacyNoticePage
from ...permissions import is_legal_reviewer
from ...publishing import erase_public_record


def may_download_original(user, original) -> bool:
    """Legal reviewers (and administrators) review imported notices against their
    originals; the person who imported the file may fetch it back."""
    if not (user.is_authenticated and user.is_active):
        return False
    return is_legal_reviewer(user) or original.imported_by_id == user.pk


@never_cache
def imported_original_view(request, original_id: int):
    """The file of an imported notice, for :func:`may_download_original`; 403 to
    everyone else, anonymous visitors included (no login redirect: the address
    names a private file), 404 for an unknown id."""
    original = get_object_or_404(ImportedOriginal, pk=original_id)
    if not may_download_original(request.user, original):
        return permission_denied(request, PermissionDenied())
    try:
        handle = original.file.open("rb")
    except OSError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=original.name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_(
            "Why the public record of this notice must be erased (a court order, "
            "personal data published by mistake …). The reason is kept."
        ),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 10:
            raise forms.ValidationError(
                _("Write the reason in a sentence: it is kept as the record of why.")
            )
        return reason


def erase_record_view(request, page_id: int):
    """An administrator erases a withdrawn notice's public history, with a reason."""
    if not request.user.is_superuser:
        raise PermissionDenied
    page = get_object_or_404(PrivacyNoticePage, pk=page_id)
    if page.live:
        messages.error(
            request,
            _("Withdraw (unpublish) the notice first: a live notice's record stays."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        erase_public_record(page, form.cleaned_data["reason"], request.user)
        messages.success(
            request,
            _("The public record of “%(title)s” was erased.") % {"title": page.title},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "rekisteri_cms/admin/erase_record.html",
        {"page": page, "form": form},
    )
