"""What the page editor does around a notice: its header button, publishing through
the model, and the completeness messages after saving (``wagtail_hooks`` registers
these)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.widgets import Button

from ...models import PrivacyNoticePage
from ...models.workflows import placeholder_refusal
from ...sections import HTL
from ...validators import placeholders_in
from ..notice_templates import template_fields


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


def editor_js() -> str:
    """The notice editor's additions (``insert_editor_js``): the dialog that asks
    for the change summary when a notice is submitted with it empty, and the status
    marks of the sections. Both scripts act only on a notice's form (its
    ``change_summary`` field, the review panel's marks)."""
    return render_to_string("rekisteri_cms/admin/editor_js.html")


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


#: POST keys of the page editor's actions other than a plain "Save draft": their
#: own messages say what happened.
OTHER_ACTIONS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-workflow-action",
    "action-cancel-workflow",
)


def is_autosave(request) -> bool:
    """Wagtail's autosave posts the edit form asking for JSON, not a page."""
    return request.method == "POST" and not request.accepts("text/html")


def _replace_save_confirmation(request, level, text) -> None:
    """Put ``text`` in place of the "Page … has been updated/created" message
    Wagtail queued for this request: one status message per save, not two.

    Django's message storage keeps the messages of the current request in
    ``_queued_messages`` until the response is sent; only the success messages
    queued by this save are taken out.
    """
    storage = messages.get_messages(request)
    queued = getattr(storage, "_queued_messages", None)
    if queued is not None:
        storage._queued_messages = [
            message for message in queued if message.level != messages.SUCCESS
        ]
    messages.add_message(request, level, text)


def report_completeness(request, page):
    """After the editor saves a notice's draft: one status message about it.

    The message says that the draft was saved and how many GDPR information items
    it still lacks; the items themselves are the review panel's checklist at the
    top of the form, not a banner per save. Autosave (a JSON request) adds no
    message at all: Wagtail's indicator beside the title says "Saved" in place, so
    nothing piles up for the next page load.
    """
    page = page.specific
    if not isinstance(page, PrivacyNoticePage) or is_autosave(request):
        return
    if any(action in request.POST for action in OTHER_ACTIONS):
        return
    # The page row of a live page holds the live content: report on the draft.
    revision = page.get_latest_revision()
    notice = revision.as_object() if revision else page
    report = notice.completeness()
    placeholders = placeholders_in(notice.body.get_prep_value())
    if placeholders:
        text = _("Saved as a draft. %(reason)s") % {
            "reason": placeholder_refusal(placeholders)
        }
        _replace_save_confirmation(request, messages.WARNING, text)
    elif report.blocks_publishing:
        count = len(report.missing_items) or len(report.missing)
        text = ngettext(
            "Saved as a draft. It still lacks %(count)s piece of information the "
            "GDPR requires: see the checklist under Legal review at the top of the "
            "form.",
            "Saved as a draft. It still lacks %(count)s pieces of information the "
            "GDPR requires: see the checklist under Legal review at the top of the "
            "form.",
            count,
        ) % {"count": count}
        _replace_save_confirmation(request, messages.WARNING, text)
    elif notice.framework == HTL:
        _replace_save_confirmation(
            request,
            messages.SUCCESS,
            _(
                "Saved as a draft. A legacy register description is published as "
                "written; what it lacks is listed under Legal review."
            ),
        )
    else:
        _replace_save_confirmation(
            request,
            messages.SUCCESS,
            _(
                "Saved as a draft. It gives every piece of information the GDPR "
                "requires; submit it for legal review when it is ready."
            ),
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


class NoticeCreateView(CreateView):
    """Wagtail's create view of a notice, without autosave.

    Wagtail 8 autosaves a new page too, which adds it to the tree (as a draft)
    as soon as the editor types a word. A notice appears in the tree when the
    editor first saves it; from then on the edit view autosaves as usual.
    """

    def post(self, request, *args, **kwargs):
        if is_autosave(request):
            return self.json_error_response(
                "autosave_disabled",
                _("A new notice is saved when you press “Save draft”."),
            )
        return super().post(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        """A new notice, pre-filled from the template ``?template=`` names."""
        fields = template_fields(
            request.GET.get("template", ""), self.page.locale.language_code
        )
        for name, value in (fields or {}).items():
            setattr(self.page, name, value)
        self.from_template = fields is not None
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        self.autosave_enabled = False
        context = super().get_context_data(**kwargs)
        context.update(autosave_enabled=False, autosave_indicator=None)
        return context


def create_notices_without_autosave(request, parent_page, page_class):
    """``before_create_page``: serve the create view of a notice with
    :class:`NoticeCreateView` (the hook runs again inside it and lets it be)."""
    if not issubclass(page_class, PrivacyNoticePage):
        return None
    if getattr(request, "_rekisteri_notice_create_view", False):
        return None
    request._rekisteri_notice_create_view = True
    return NoticeCreateView.as_view()(request, **request.resolver_match.kwargs)
