"""Admin views of the notice importer: upload a file, check what was read, import it.

Step 1 takes a file and the choices an editor may want to override; step 2 shows
what the importer read (a dry run: sections and their keys, controller, what is
missing, warnings) and imports only on confirmation, as a draft, in one
transaction. Between the steps the uploaded bytes wait in the session (base64),
so no file is left on disk. Only users who may add pages under a notices index
see the menu item or reach the views.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ...importers import (
    CONTACT_PERSON_FIELDS,
    CONTROLLER_FIELDS,
    NoticeImportError,
    ParsedNotice,
    controller_matches,
    import_parsed_notices,
    parent_for_locale,
    parse_notice_upload,
    placeholder_keys,
)
from ...models import PrivacyNoticeIndexPage
from ...sections import FRAMEWORK_CHOICES, GDPR, HTL, SECTIONS_BY_KEY

#: The largest file the admin accepts.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: The file types the admin accepts (those the importer reads).
UPLOAD_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx")
#: Session key of the upload waiting for confirmation.
SESSION_KEY = "rekisteri_cms_notice_import"

LANGUAGE_CHOICES = [
    ("", _("Detect from the text")),
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
]
FRAMEWORK_FORM_CHOICES = [("", _("Detect from the text")), *FRAMEWORK_CHOICES]
FIELD_LABELS = {
    "name": _("Name"),
    "business_id": _("Business ID (Y-tunnus)"),
    "street_address": _("Street address"),
    "postal_code": _("Postal code"),
    "locality": _("Locality"),
    "phone": _("Phone"),
    "email": _("E-mail"),
    "website": _("Website"),
}


def importable_indexes(user) -> list[PrivacyNoticeIndexPage]:
    """The notices indexes under which ``user`` may add pages."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    indexes = PrivacyNoticeIndexPage.objects.select_related("locale").order_by("path")
    return [
        index for index in indexes if index.permissions_for_user(user).can_add_subpage()
    ]


def can_import(user) -> bool:
    """Whether ``user`` may import notices (see :func:`importable_indexes`)."""
    return bool(importable_indexes(user))


class IndexChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.locale.get_display_name()})"


class NoticeUploadForm(forms.Form):
    """Step 1: the file and the choices that override detection."""

    file = forms.FileField(
        label=_("Notice file"),
        help_text=_(
            "A register description or privacy notice as a .txt, .md, .html, .htm "
            "or .docx file of at most 2 MB."
        ),
    )
    index = IndexChoiceField(
        queryset=PrivacyNoticeIndexPage.objects.none(),
        empty_label=None,
        label=_("Import into"),
        help_text=_(
            "A notice in another language goes under this index's translation in "
            "that language, when there is one."
        ),
    )
    language = forms.ChoiceField(
        choices=LANGUAGE_CHOICES, required=False, label=_("Language")
    )
    framework = forms.ChoiceField(
        choices=FRAMEWORK_FORM_CHOICES,
        required=False,
        label=_("Framework"),
        help_text=_(
            "A GDPR notice gets the required sections it lacks as empty sections "
            "to write; a legacy register description is imported as written."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["index"].queryset = PrivacyNoticeIndexPage.objects.filter(
            pk__in=[index.pk for index in importable_indexes(user)]
        ).select_related("locale")
        self.parsed: ParsedNotice | None = None
        self.content = b""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in UPLOAD_EXTENSIONS:
            raise ValidationError(
                _("Choose a .txt, .md, .html, .htm or .docx file."),
                code="invalid_extension",
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                _("The file is larger than 2 MB."), code="file_too_large"
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None or self.errors:
            return cleaned
        self.content = upload.read()
        try:
            self.parsed = parse_notice_upload(
                upload.name,
                self.content,
                language=cleaned.get("language") or None,
                framework=cleaned.get("framework") or None,
            )
        except NoticeImportError as error:
            self.add_error("file", ValidationError(str(error), code="unreadable"))
        return cleaned


class ImportViewMixin(WagtailAdminTemplateMixin):
    """Permission and page furniture shared by both steps."""

    page_title = _("Import notice")
    header_icon = "upload"
    upload_url = reverse_lazy("rekisteri_cms_admin:import_upload")

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.upload_url, "label": _("Import notice")},
        ]


class NoticeUploadView(ImportViewMixin, FormView):
    """Step 1: upload a file; a file that cannot be read is a form error."""

    template_name = "rekisteri_cms/admin/import/upload.html"
    form_class = NoticeUploadForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.upload_url,
            submit_button_label=_("Read the file"),
            submit_button_active_label=_("Reading…"),
            max_size_mb=MAX_UPLOAD_BYTES // (1024 * 1024),
        )
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        self.request.session[SESSION_KEY] = {
            "token": secrets.token_urlsafe(16),
            "name": Path(upload.name).name,
            "content": base64.b64encode(form.content).decode("ascii"),
            "index": form.cleaned_data["index"].pk,
            "language": form.cleaned_data.get("language") or "",
            "framework": form.cleaned_data.get("framework") or "",
        }
        return redirect("rekisteri_cms_admin:import_check")


class NoticeCheckView(ImportViewMixin, TemplateView):
    """Step 2: show what was read; on confirmation import it as a draft."""

    template_name = "rekisteri_cms/admin/import/check.html"
    page_subtitle = _("Check")

    def get(self, request, *args, **kwargs):
        pending = self.pending()
        if pending is None:
            return self.expired()
        try:
            parsed = self.parse(pending)
        except NoticeImportError as error:
            self.forget()
            messages.error(request, str(error))
            return redirect(self.upload_url)
        return self.render_to_response(
            self.get_context_data(
                parsed=parsed, token=pending["token"], index_page=pending["index_page"]
            )
        )

    def post(self, request, *args, **kwargs):
        pending = self.pending()
        if pending is None or request.POST.get("token") != pending["token"]:
            return self.expired()
        if "cancel" in request.POST:
            self.forget()
            messages.info(request, _("Nothing was imported."))
            return redirect(self.upload_url)
        try:
            parsed = self.parse(pending)
            target = _target_index(pending["index_page"], parsed.language)
            if not target.permissions_for_user(request.user).can_add_subpage():
                raise PermissionDenied(
                    _("You may not add notices under “%(index)s”.")
                    % {"index": target.title}
                )
            chosen = self.chosen_controller(parsed, target)
            if chosen is False:
                messages.error(
                    request,
                    _(
                        "Nothing was imported: the file's Y-tunnus or name belongs "
                        "to an existing controller. Choose to use the existing "
                        "controller, or stop the import."
                    ),
                )
                return redirect("rekisteri_cms_admin:import_check")
            results = import_parsed_notices(
                [parsed],
                parent=pending["index_page"],
                user=request.user,
                controller=chosen,
                originals={parsed.file: pending["content"]},
            )
        except (NoticeImportError, PermissionDenied, ValidationError) as error:
            messages.error(
                request,
                _("Nothing was imported: %(error)s")
                % {"error": "; ".join(getattr(error, "messages", [str(error)]))},
            )
            return redirect("rekisteri_cms_admin:import_check")
        self.forget()
        result = results[0]
        page = result.page
        messages.success(
            request,
            _("“%(title)s” was imported as a draft with %(count)d sections.")
            % {"title": page.title, "count": len(parsed.sections)},
        )
        if result.placeholders:
            messages.warning(
                request,
                _(
                    "These required sections were added empty for you to write: "
                    "%(sections)s. The notice cannot be published until they are "
                    "written."
                )
                % {"sections": _headings(result.placeholders, parsed.language)},
            )
        return redirect("wagtailadmin_pages:edit", page.pk)

    def chosen_controller(self, parsed: ParsedNotice, target):
        """The existing controller the user chose to use; ``None`` when the file's
        controller matches none (a new one is made), ``False`` when it matches one
        and the user has not chosen it."""
        matches = controller_matches(parsed, target.locale)
        if not matches:
            return None
        choice = self.request.POST.get("existing_controller", "")
        for match in matches:
            if str(match.controller.pk) == choice:
                return match.controller
        return False

    # -- the upload waiting in the session -------------------------------------------

    def pending(self) -> dict | None:
        """The upload in the session with its index, if it is still valid."""
        data = self.request.session.get(SESSION_KEY)
        if not isinstance(data, dict) or not data.get("token"):
            return None
        indexes = {index.pk: index for index in importable_indexes(self.request.user)}
        index = indexes.get(data.get("index"))
        if index is None:
            return None
        try:
            content = base64.b64decode(data["content"], validate=True)
        except (KeyError, ValueError, binascii.Error):
            return None
        return {**data, "content": content, "index_page": index}

    def parse(self, pending: dict) -> ParsedNotice:
        return parse_notice_upload(
            pending["name"],
            pending["content"],
            language=pending["language"] or None,
            framework=pending["framework"] or None,
        )

    def forget(self) -> None:
        self.request.session.pop(SESSION_KEY, None)

    def expired(self):
        self.forget()
        messages.error(
            self.request,
            _(
                "The uploaded file is no longer waiting to be imported; upload it again."
            ),
        )
        return redirect(self.upload_url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parsed: ParsedNotice | None = kwargs.get("parsed")
        if parsed is None:
            return context
        language = parsed.language
        index = kwargs["index_page"]
        target = _target_index(index, language)
        report = parsed.completeness
        context.update(
            notice=parsed,
            token=kwargs["token"],
            target_index=target,
            language_name=dict(LANGUAGE_CHOICES).get(language, language),
            framework_name=dict(FRAMEWORK_CHOICES).get(parsed.framework),
            is_gdpr=parsed.framework == GDPR,
            is_htl=parsed.framework == HTL,
            controller_rows=_rows(parsed.controller, CONTROLLER_FIELDS),
            contact_rows=_rows(parsed.contact_person, CONTACT_PERSON_FIELDS),
            sections=[
                {
                    "number": number,
                    "key": section.key,
                    "heading": section.heading,
                    "canonical": (
                        SECTIONS_BY_KEY[section.key].heading(language)
                        if section.key != "other"
                        else ""
                    ),
                    "also_covers": section.also_covers,
                    "text": section.text,
                }
                for number, section in enumerate(parsed.sections, start=1)
            ],
            missing=_heading_rows(report.missing, language),
            recommended_missing=_heading_rows(report.recommended_missing, language),
            gdpr_missing=_heading_rows(report.gdpr_missing, language),
            placeholders=_heading_rows(placeholder_keys(parsed), language),
            controller_matches=[
                {
                    "controller": match.controller,
                    "by_business_id": match.by == "business_id",
                    "same": match.same,
                    "rows": _rows(
                        {
                            name: getattr(match.controller, name, "")
                            for name in CONTROLLER_FIELDS
                        },
                        CONTROLLER_FIELDS,
                    ),
                }
                for match in controller_matches(parsed, target.locale)
            ],
        )
        return context


def _target_index(index: PrivacyNoticeIndexPage, language: str):
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=language).first()
    return parent_for_locale(index, locale) if locale is not None else index


def _rows(values: dict, names) -> list[dict]:
    return [
        {"label": FIELD_LABELS.get(name, name), "value": values.get(name)}
        for name in names
    ]


def _heading_rows(keys, language: str) -> list[dict]:
    return [
        {"key": key, "heading": SECTIONS_BY_KEY[key].heading(language)} for key in keys
    ]


def _headings(keys, language: str) -> str:
    return ", ".join(SECTIONS_BY_KEY[key].heading(language) for key in keys)


class ImportNoticeMenuItem(MenuItem):
    """Shown to the users who may add notices under some notices index."""

    def is_shown(self, request):
        return can_import(request.user)
