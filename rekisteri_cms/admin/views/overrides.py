"""A legal reviewer marks a missing information item present, or withdraws that.

The forms are in the review panel, inside the page editor's own form: each button
posts the editor's form here (``formaction``), and these views read only the item
and its justification. The override holds for the text of the notice's newest
revision, the one under review (:func:`rekisteri_cms.publishing.mark_item_present`).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied

from ...legal.items import ITEMS_BY_CODE
from ...models import ItemOverride, PrivacyNoticePage
from ...permissions import is_legal_reviewer, override_refusal
from ...publishing import mark_item_present, revoke_override

JUSTIFICATION_REQUIRED = _(
    "Write why the notice gives this information: an override without a "
    "justification is not allowed."
)


class ItemOverrideForm(forms.Form):
    """The justification of one item; its field is named after the item."""

    justification = forms.CharField(
        label=_("Justification"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": JUSTIFICATION_REQUIRED},
        help_text=_(
            "Why the notice gives this information although the check did not find "
            "it: quote or point to the wording."
        ),
    )

    def __init__(self, *args, item: str, **kwargs):
        super().__init__(*args, prefix=override_prefix(item), **kwargs)


def override_prefix(item: str) -> str:
    return f"override-{item}"


def _forbidden(request, reason: str = ""):
    """A 403 (Wagtail's admin would turn a ``PermissionDenied`` into a redirect)."""
    return permission_denied(request, PermissionDenied(reason))


@require_POST
def create_override_view(request, page_id: int):
    """POST ``item`` and ``override-<item>-justification``: mark the item present."""
    page = get_object_or_404(PrivacyNoticePage, pk=page_id)
    refusal = override_refusal(request.user, page)
    if refusal:
        return _forbidden(request, refusal)
    item = request.POST.get("item", "")
    if item not in ITEMS_BY_CODE:
        messages.error(request, _("Choose an information item of the check."))
        return redirect("wagtailadmin_pages:edit", page.pk)
    name = ITEMS_BY_CODE[item].name(get_language())
    form = ItemOverrideForm(request.POST, item=item)
    if not form.is_valid():
        errors = " ".join(form.errors.get("justification", []))
        messages.error(request, f"{name}: {errors}")
        return redirect("wagtailadmin_pages:edit", page.pk)
    try:
        mark_item_present(page, item, form.cleaned_data["justification"], request.user)
    except ValidationError as error:
        messages.error(request, f"{name}: {' '.join(error.messages)}")
        return redirect("wagtailadmin_pages:edit", page.pk)
    messages.success(
        request,
        _(
            "“%(item)s” is marked present with your justification. It holds for this "
            "text only: any change to the notice makes the item missing again."
        )
        % {"item": name},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@require_POST
def revoke_override_view(request, page_id: int, override_id: int):
    """Withdraw an override: the item counts as missing again."""
    page = get_object_or_404(PrivacyNoticePage, pk=page_id)
    if not is_legal_reviewer(request.user):
        return _forbidden(request)
    override = get_object_or_404(ItemOverride, pk=override_id, page_id=page.pk)
    revoke_override(override)
    messages.success(
        request,
        _("The override of “%(item)s” is withdrawn: the item is missing again.")
        % {"item": ITEMS_BY_CODE[override.item].name(get_language())},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
