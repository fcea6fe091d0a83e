"""What the page editor does around a notice: its header button, publishing through
the model, and the completeness messages after saving (``wagtail_hooks`` registers
these)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import Button

from ...models import PrivacyNoticePage
from ...sections import HTL, headings_text


def convert_to_gdpr_button(page, user, view_name, next_url=None):
    """The editor's header menu item "Convert to GDPR notice" of a legacy notice."""
    if view_name != "edit" or not isinstance(page, PrivacyNoticePage):
        return
    if page.framework != HTL or not page.permissions_for_user(user).can_edit():
        return
    url = reverse("rekisteri_cms_admin:convert_to_gdpr", args=(page.pk,))
    yield Button(
        _("Convert to GDPR notice"),
        url=url,
        icon_name="doc-full",
        priority=40,
        attrs={
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": url,
        },
    )


def publish_notices_through_the_model(request, page):
    """Publish a notice from the page editor through ``PrivacyNoticePage.publish``.

    Wagtail's edit and revert views run ``PublishPageRevisionAction`` themselves,
    which skips the model's checks: completeness, legal approval and the record of
    an administrator's publication on the version. Returning a response here stops
    Wagtail's own publication. (The create view already publishes through the
    model.)
    """
    page = page.specific
    if not isinstance(page, PrivacyNoticePage):
        return None
    view_name = getattr(request.resolver_match, "view_name", "")
    if view_name not in (
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:revisions_revert",
    ):
        return None
    revision = page.get_latest_revision()
    try:
        revision.publish(user=request.user)
    except (PermissionDenied, ValidationError) as error:
        reason = " ".join(getattr(error, "messages", None) or [str(error)])
        messages.error(
            request,
            _("Saved as a draft but not published. %(reason)s") % {"reason": reason},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    page = PrivacyNoticePage.objects.get(pk=page.pk)
    if page.live and page.live_revision_id == revision.pk:
        message = _("Page '%(page_title)s' has been published.")
    else:
        message = _("Page '%(page_title)s' has been scheduled for publishing.")
    messages.success(request, message % {"page_title": page.get_admin_display_title()})
    return redirect("wagtailadmin_explore", page.get_parent().pk)


def report_completeness(request, page):
    """After a notice is saved: what it still lacks, as messages to the editor."""
    page = page.specific
    if not isinstance(page, PrivacyNoticePage):
        return
    # The page row of a live page holds the live content: report on the draft.
    revision = page.get_latest_revision()
    notice = revision.as_object() if revision else page
    report = notice.completeness()
    language = notice.language
    if report.missing:
        message = report.reason()
        if report.blocks_publishing:
            messages.warning(
                request,
                _(
                    "Saved as a draft. %(reason)s It cannot be published until they are written."
                )
                % {"reason": message},
            )
        else:
            messages.info(
                request,
                _(
                    "This legacy register description is published as written. %(reason)s"
                )
                % {"reason": message},
            )
    if report.recommended_missing:
        messages.info(
            request,
            _("Recommended sections not yet written: %(sections)s.")
            % {"sections": headings_text(report.recommended_missing, language)},
        )


def refuse_bulk_publishing_of_incomplete_notices(request, action_type, objects, view):
    """The listing's bulk "Publish": refuse it when a chosen GDPR notice lacks
    information, naming the notice and what it lacks.

    The page model refuses such a revision anyway; without this the refusal would
    end the bulk action in a server error. Nothing of the batch is published.
    """
    if action_type != "publish":
        return None
    refusals = []
    for page in objects:
        page = page.specific
        if not isinstance(page, PrivacyNoticePage):
            continue
        revision = page.get_latest_revision()
        notice = revision.as_object() if revision else page
        report = notice.completeness()
        if report.blocks_publishing:
            refusals.append(
                _("“%(title)s”: %(reason)s")
                % {"title": notice.get_admin_display_title(), "reason": report.reason()}
            )
    if not refusals:
        return None
    messages.error(
        request,
        _("Nothing was published. These GDPR notices lack information: %(refusals)s")
        % {"refusals": " ".join(str(refusal) for refusal in refusals)},
    )
    return redirect(view.next_url)
