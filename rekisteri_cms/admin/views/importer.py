"""Admin views of the notice importer: upload a file, check what was read, import it.

Step 1 takes a file and the choices an editor may want to override; the upload
becomes an import job (:class:`~rekisteri_cms.models.ImportJob`), its file kept in
private storage. A small file is read in the request, as before (an unreadable one
is a form error at once); a larger one by a task on the queue
(:mod:`rekisteri_cms.admin.import_jobs`) while its check page shows the progress.
Step 2 shows what the importer read (a dry run: sections and their keys,
controller, what is missing, warnings) and imports only on confirmation, as a
draft, in one transaction, once. Only users who may add pages under a notices
index see the menu item or reach the views, and only the uploader sees a job.
"""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ...conf import get_setting
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
from ...models import ImportJob, PrivacyNoticeIndexPage
from ...sections import FRAMEWORK_CHOICES, GDPR, HTL, SECTIONS_BY_KEY
from .. import import_jobs

#: The largest file the admin accepts.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: The file types the admin accepts (those the importer reads).
UPLOAD_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx")
#: What the check page says while a job is queued or read (ImportJob.step).
STEP_LABELS = {
    0: _("Waiting for its turn"),
    import_jobs.OPENING: _("Opening the file"),
    import_jobs.PARSING: _("Reading the sections"),
    import_jobs.CHECKING: _("Checking what the notice lacks"),
}
#: Seconds a job may wait in the queue before the page says that no worker reads it.
SLOW_QUEUE_SECONDS = 60

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
        if len(self.content) > get_setting("REKISTERI_CMS_IMPORT_INLINE_BYTES"):
            return cleaned  # read by a task (rekisteri_cms.admin.import_jobs)
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
            retention_days=int(get_setting("REKISTERI_CMS_IMPORT_RETENTION_DAYS")),
        )
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        name = Path(upload.name).name
        with transaction.atomic():
            job = ImportJob(
                user=self.request.user,
                index=form.cleaned_data["index"],
                name=name,
                size=len(form.content),
                language=form.cleaned_data.get("language") or "",
                framework=form.cleaned_data.get("framework") or "",
                ui_language=get_language() or "",
            )
            job.file.save(name, ContentFile(form.content), save=False)
            if form.parsed is not None:  # a small file, read in the request
                import_jobs.store_result(job, form.parsed)
                job.started_at = job.created_at
            job.save()
            if form.parsed is None:
                import_jobs.enqueue_read(job)
        return redirect(job_url(job))


def job_url(job: ImportJob) -> str:
    return reverse("rekisteri_cms_admin:import_check", args=(job.pk,))


def job_status(job: ImportJob) -> dict:
    """What the progress script needs (:class:`ImportStatusView`)."""
    return {
        "status": job.status,
        "step": job.step,
        "steps": ImportJob.STEPS,
        "label": str(STEP_LABELS.get(job.step, "")),
        "pending": job.is_pending,
        "url": job_url(job),
    }


class ImportJobMixin(ImportViewMixin):
    """The job of the URL; another user's job is not found."""

    def get_job(self, *, lock: bool = False) -> ImportJob:
        jobs = ImportJob.objects.filter(user=self.request.user)
        if lock:
            jobs = jobs.select_for_update()
        return get_object_or_404(jobs, pk=self.kwargs["job"])


class ImportStatusView(ImportJobMixin, View):
    """The job's status as JSON, polled by the check page's progress script."""

    def get(self, request, *args, **kwargs):
        job = import_jobs.check_stopped(self.get_job())
        response = JsonResponse(job_status(job))
        response["Cache-Control"] = "no-store"
        return response


class NoticeCheckView(ImportJobMixin, TemplateView):
    """Step 2: the progress of the read, then what was read; on confirmation the
    notice is imported as a draft."""

    template_name = "rekisteri_cms/admin/import/check.html"
    page_subtitle = _("Check")

    def get(self, request, *args, **kwargs):
        job = import_jobs.check_stopped(self.get_job())
        if job.status == ImportJob.IMPORTED:
            messages.info(request, _("This file has already been imported."))
            if job.page_id:
                return redirect("wagtailadmin_pages:edit", job.page_id)
            return redirect(self.upload_url)
        if job.status != ImportJob.READY:
            return self.render_to_response(self.get_context_data(job=job))
        parsed = import_jobs.parsed_from_json(job.result)
        return self.render_to_response(
            self.get_context_data(
                job=job, parsed=parsed, token=job.token, index_page=job.index
            )
        )

    def post(self, request, *args, **kwargs):
        job = self.get_job()
        if "cancel" in request.POST:
            return self.cancel(job)
        if "retry" in request.POST:
            job = import_jobs.check_stopped(job)
            if job.status == ImportJob.FAILED:
                with transaction.atomic():
                    import_jobs.requeue(job)
            return redirect(job_url(job))
        try:
            with transaction.atomic():
                job = self.get_job(lock=True)
                if (
                    job.status != ImportJob.READY
                    or request.POST.get("token") != job.token
                ):
                    return self.expired(job)
                parsed, result = self.import_job(job)
                if result is None:
                    return redirect(job_url(job))
        except (NoticeImportError, PermissionDenied, ValidationError) as error:
            messages.error(
                request,
                _("Nothing was imported: %(error)s")
                % {"error": "; ".join(getattr(error, "messages", [str(error)]))},
            )
            return redirect(job_url(job))
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

    def import_job(self, job: ImportJob):
        """Import ``job`` (locked, ready) as a draft; ``(parsed, None)`` when the
        editor must first choose the existing controller."""
        parsed = import_jobs.parsed_from_json(job.result)
        if job.index.pk not in {i.pk for i in importable_indexes(self.request.user)}:
            raise PermissionDenied(
                _("You may not add notices under “%(index)s”.")
                % {"index": job.index.title}
            )
        target = _target_index(job.index, parsed.language)
        if not target.permissions_for_user(self.request.user).can_add_subpage():
            raise PermissionDenied(
                _("You may not add notices under “%(index)s”.")
                % {"index": target.title}
            )
        chosen = self.chosen_controller(parsed, target)
        if chosen is False:
            messages.error(
                self.request,
                _(
                    "Nothing was imported: the file's Y-tunnus or name belongs "
                    "to an existing controller. Choose to use the existing "
                    "controller, or stop the import."
                ),
            )
            return parsed, None
        results = import_parsed_notices(
            [parsed],
            parent=job.index,
            user=self.request.user,
            controller=chosen,
            originals={parsed.file: job.read_file()},
        )
        job.status = ImportJob.IMPORTED
        job.page = results[0].page
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "page", "finished_at"])
        transaction.on_commit(job.delete_file)  # the notice keeps its original
        return parsed, results[0]

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

    def cancel(self, job: ImportJob):
        if job.status != ImportJob.IMPORTED:
            job.delete_file()
            job.delete()
            messages.info(self.request, _("Nothing was imported."))
        return redirect(self.upload_url)

    def expired(self, job: ImportJob):
        if job.status == ImportJob.IMPORTED:
            messages.error(self.request, _("This file has already been imported."))
        else:
            messages.error(
                self.request,
                _(
                    "The page was out of date: nothing was imported. Check the "
                    "file's contents again."
                ),
            )
        return redirect(job_url(job))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job: ImportJob = kwargs["job"]
        parsed: ParsedNotice | None = kwargs.get("parsed")
        if parsed is None:
            waited = (timezone.now() - job.created_at).total_seconds()
            context.update(
                status=job_status(job),
                step_label=STEP_LABELS.get(job.step, ""),
                status_url=reverse("rekisteri_cms_admin:import_status", args=(job.pk,)),
                slow_queue=job.status == ImportJob.QUEUED
                and waited > SLOW_QUEUE_SECONDS,
            )
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
