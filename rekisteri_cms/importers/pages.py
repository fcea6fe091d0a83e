"""Building notices in the database: draft pages from parsed notices.

The only module of the importer that uses the models. They (and Wagtail's) are
imported in the functions that use them: importing models needs Django's app
registry, and the parsing half of the importer is importable and usable without
a configured project.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ..sections import GDPR
from .contacts import CONTACT_PERSON_FIELDS, CONTROLLER_FIELDS
from .dates import parse_date
from .errors import NoticeImportError
from .notice import ParsedNotice, ParsedSection, section_body_html
from .parser import parse_notice_file
from .text import _strip_sentence_end

_UNTITLED_HEADING = {
    "fi": "Muut tiedot",
    "sv": "Övrig information",
    "en": "Other information",
}


@dataclass
class ImportResult:
    """What importing one file did.

    ``placeholders`` are the required sections a ``gdpr`` notice lacked, added
    empty for the editor to write (see :func:`placeholder_keys`).
    """

    parsed: ParsedNotice
    page: Any = None
    created: bool = False
    state: str = "draft"  # draft, in_review, published, skipped
    placeholders: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The dry-run JSON of the notice plus what the import made of it."""
        return {
            **self.parsed.as_json(),
            "page_id": self.page.pk if self.page is not None else None,
            "url_path": self.page.url_path if self.page is not None else None,
            "state": self.state,
            "placeholders": list(self.placeholders),
        }


def _section_value(section: ParsedSection, language: str, controller) -> dict[str, Any]:
    heading = section.display_heading
    if section.key == "other" and not heading:
        heading = _UNTITLED_HEADING.get(language, _UNTITLED_HEADING["fi"])
    value: dict[str, Any] = {
        "heading": heading,
        "body": section_body_html(section),
        "also_covers": list(section.also_covers),
    }
    if section.key == "controller":
        value["controller"] = controller.pk if controller else None
    elif section.key == "contact_person":
        for name in CONTACT_PERSON_FIELDS:
            value[name] = section.data.get(name) or ""
    elif section.key == "register_name":
        value["name"] = section.data.get("name", "")
        if _strip_sentence_end(section.text.strip()) == value["name"]:
            value["body"] = ""  # the name is all the section says: show it once
    elif section.key == "date" and section.data.get("date"):
        value["date"] = section.data["date"]
        if parse_date(section.text.strip()) is not None and len(section.text) <= 40:
            value["body"] = ""  # the date is all the section says: show it once
    return value


def placeholder_keys(parsed: ParsedNotice) -> list[str]:
    """The required sections a ``gdpr`` notice lacks that an import adds empty.

    A legacy (``htl``) notice is imported as written: nothing is added to it.
    """
    if parsed.framework != GDPR:
        return []
    present = {s.key for s in parsed.sections}
    return [key for key in parsed.missing if key not in present]


def stream_data(parsed: ParsedNotice, controller=None) -> list[dict[str, Any]]:
    """The ``NoticeStreamBlock`` raw data of a parsed notice.

    A ``gdpr`` import gets the required sections it lacks (:func:`placeholder_keys`)
    as empty drafts at the end: no heading of their own (the canonical heading in
    the page's language shows) and no text, so the editor sees each one to write
    and the completeness check keeps them "missing": the draft cannot be submitted
    or published until they are written.
    """
    sections = list(parsed.sections)
    introduction = parsed.introduction
    date_line = parsed.date_line
    if date_line is not None and parsed.section("date") is None:
        # A date on a line of its own ("Päivitetty 1.3.2024") is the page's date
        # section, where it stood, and no longer text of the section it ended.
        date_section = ParsedSection(
            "date",
            date_line.heading,
            text=date_line.text,
            blocks=[("p", date_line.text)],
            data={"date": date_line.date} if date_line.date else {},
        )
        if date_line.section is None:
            introduction = date_line.blocks_without
            sections.insert(0, date_section)
        else:
            holder = sections[date_line.section]
            sections[date_line.section] = dataclasses.replace(
                holder, blocks=date_line.blocks_without
            )
            sections.insert(date_line.section + 1, date_section)
    if introduction:
        # The text before the first heading opens the page, as a section without
        # a heading of its own.
        intro = ParsedSection("other", "", blocks=introduction)
        sections.insert(0, intro)
    data = [
        {"type": s.key, "value": _section_value(s, parsed.language, controller)}
        for s in sections
    ]
    for key in placeholder_keys(parsed):
        data.append(
            {"type": key, "value": {"heading": "", "body": "", "also_covers": []}}
        )
    return data


@dataclass(frozen=True)
class ControllerMatch:
    """An existing controller that the file's controller may be.

    ``by`` is ``"business_id"`` (the same Y-tunnus, which is unique to one
    company) or ``"name"``; ``same`` is true when both the Y-tunnus and the name
    agree, so that reusing it cannot put another company's name on the notice.
    """

    controller: Any
    by: str
    same: bool


def _normal_name(name: str) -> str:
    return " ".join((name or "").split()).casefold()


def controller_matches(parsed: ParsedNotice, locale) -> list[ControllerMatch]:
    """The locale's controllers with the file's Y-tunnus or name, Y-tunnus first."""
    from ..models import Controller

    fields = parsed.controller
    name, business_id = fields.get("name") or "", fields.get("business_id") or ""
    if not name and not business_id:
        return []
    controllers = Controller.objects.filter(locale=locale).order_by("pk")
    matches: list[ControllerMatch] = []
    if business_id:
        for controller in controllers.filter(business_id=business_id):
            same = _normal_name(controller.name) == _normal_name(name)
            matches.append(ControllerMatch(controller, "business_id", same))
    if name:
        seen = {match.controller.pk for match in matches}
        for controller in controllers.filter(name__iexact=name.strip()):
            if controller.pk in seen:
                continue
            same = controller.business_id == business_id
            matches.append(ControllerMatch(controller, "name", same))
    return matches


def _controller_for(parsed: ParsedNotice, locale, chosen=None):
    """The controller of an imported notice: ``chosen`` (an existing controller the
    user picked among :func:`controller_matches`), the existing controller with
    the same Y-tunnus and name, or a new one.

    A file whose Y-tunnus or name belongs to a different controller is never
    linked to it silently: without a choice the import stops and says which.
    """
    from ..models import Controller

    fields = parsed.controller
    matches = controller_matches(parsed, locale)
    if chosen is not None:
        if not any(match.controller.pk == chosen.pk for match in matches):
            raise NoticeImportError(
                _(
                    "the chosen controller “%(controller)s” has neither the file's "
                    "Y-tunnus nor its name."
                )
                % {"controller": chosen},
                filename=parsed.file,
            )
        return chosen
    if not fields.get("name"):
        return None
    if matches:
        if len(matches) == 1 and matches[0].same:
            return matches[0].controller
        raise NoticeImportError(
            _(
                "the file's controller “%(name)s” (%(business_id)s) has the "
                "Y-tunnus or the name of an existing controller (%(existing)s). "
                "Choose in the admin's import whether to use the existing "
                "controller, or correct the file."
            )
            % {
                "name": fields.get("name"),
                "business_id": fields.get("business_id") or "–",
                "existing": "; ".join(str(match.controller) for match in matches),
            },
            filename=parsed.file,
        )
    controller = Controller(
        locale=locale,
        **{name: fields.get(name) or "" for name in CONTROLLER_FIELDS},
    )
    try:
        controller.full_clean()
    except ValidationError as error:
        raise NoticeImportError(
            _("the controller's details are not valid: %(errors)s")
            % {"errors": "; ".join(error.messages)},
            filename=parsed.file,
        ) from error
    controller.save()
    return controller


def _unique_slug(parent, title: str, locale) -> str:
    base = slugify(title)[:240] or "seloste"
    slug, number = base, 2
    siblings = parent.get_children().filter(locale=locale)
    while siblings.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def build_notice_page(parsed: ParsedNotice, parent, locale, controller=None):
    """An unsaved draft ``PrivacyNoticePage`` of ``parsed``, its controller saved
    (``controller``: an existing one the user chose, see :func:`_controller_for`)."""
    from ..models import PrivacyNoticePage

    controller = _controller_for(parsed, locale, controller)
    page = PrivacyNoticePage(
        title=parsed.title[:255],
        slug=_unique_slug(parent, parsed.title, locale),
        locale=locale,
        framework=parsed.framework,
        body=stream_data(parsed, controller),
        # A draft until it is published (through review): never live on import.
        live=False,
        has_unpublished_changes=True,
    )
    # Validate the sections as the admin form would (e-mail, phone, lengths).
    try:
        page.body = page.body.stream_block.clean(page.body)
    except ValidationError as error:
        raise NoticeImportError(
            _("a section is not valid: %(errors)s")
            % {"errors": "; ".join(error.messages)},
            filename=parsed.file,
        ) from error
    return page


def import_parsed_notices(
    notices: list[ParsedNotice],
    *,
    parent,
    publish: bool = False,
    user=None,
    approver=None,
    skip_existing: bool = False,
    progress: Callable[[ImportResult], Any] | None = None,
    controller=None,
    originals: dict[str, bytes] | None = None,
) -> list[ImportResult]:
    """Create draft notices under ``parent`` in one transaction: all or nothing.

    A notice goes under ``parent``'s translation in the notice's language when
    there is one. With ``publish`` a notice is published; under the Legal review
    workflow it is submitted for review instead (by ``user``) and published only
    when ``approver``, a legal reviewer, approves it. ``progress`` is called with
    each result as it is done. ``controller`` is the existing controller the user
    chose for a file whose Y-tunnus or name it has (:func:`controller_matches`).

    Each notice keeps the file it came from (``originals``: its bytes by the
    parsed notice's ``file``; otherwise read from that path), privately, with its
    SHA-256: see :func:`keep_original`.
    """
    results: list[ImportResult] = []
    with transaction.atomic():
        for parsed in notices:
            locale = _locale_of(parsed)
            index = parent_for_locale(parent, locale)
            result = ImportResult(parsed=parsed)
            existing = None
            if skip_existing:
                existing = (
                    index.get_children()
                    .filter(title=parsed.title[:255], locale=locale)
                    .specific()
                    .first()
                )
            if existing is not None:
                result.page, result.state = existing, "skipped"
                results.append(result)
                if progress is not None:
                    progress(result)
                continue
            page = build_notice_page(parsed, index, locale, controller)
            data = original_bytes(parsed, originals)
            if data is not None:
                page.change_summary = import_summary(parsed, data)
            index.add_child(instance=page)
            revision = page.save_revision(user=user, log_action=True)
            if data is not None:
                keep_original(page, parsed, data, user)
            result.page, result.created = page, True
            result.placeholders = placeholder_keys(parsed)
            if publish:
                _check_publishable(page, parsed)
                result.state = publish_through_review(page, revision, user, approver)
            results.append(result)
            if progress is not None:
                progress(result)
    return results


def original_bytes(parsed: ParsedNotice, originals: dict[str, bytes] | None):
    """The bytes of the file ``parsed`` was read from, or ``None``."""
    if originals and parsed.file in originals:
        return originals[parsed.file]
    try:
        if parsed.file and os.path.isfile(parsed.file):
            with open(parsed.file, "rb") as handle:
                return handle.read()
    except OSError:
        return None
    return None


def _original_name(parsed: ParsedNotice) -> str:
    return os.path.basename(parsed.file or "") or "notice"


def import_summary(parsed: ParsedNotice, data: bytes) -> str:
    """The first version's change summary, in the notice's language: imported
    from which file (and its SHA-256)."""
    digest = hashlib.sha256(data).hexdigest()
    with translation.override(parsed.language):
        summary = str(
            _("Imported from the original document “%(name)s” (SHA-256 %(hash)s).")
            % {"name": _original_name(parsed)[:120], "hash": digest}
        )
    return summary[:255]


def keep_original(page, parsed: ParsedNotice, data: bytes, user=None):
    """Keep the imported file in private storage with its SHA-256, and the digest
    of the text it was imported as (a version with that text is published as
    written)."""
    from django.core.files.base import ContentFile

    from ..documents import render_sections
    from ..models import ImportedOriginal
    from ..models.public_record import sections_digest

    name = _original_name(parsed)
    original = ImportedOriginal(
        page=page,
        name=name[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        text_digest=sections_digest(render_sections(page)),
        imported_by=user if getattr(user, "pk", None) else None,
    )
    original.file.save(name[-100:], ContentFile(data), save=False)
    original.save()
    return original


def _locale_of(parsed: ParsedNotice):
    from wagtail.models import Locale

    locale = Locale.objects.filter(language_code=parsed.language).first()
    if locale is None:
        raise NoticeImportError(
            _("the site has no “%(language)s” locale for this notice.")
            % {"language": parsed.language},
            filename=parsed.file,
        )
    return locale


def parent_for_locale(parent, locale):
    """The translation of the notices index ``parent`` in ``locale``, if it has
    one: a Swedish notice belongs under the Swedish index. Otherwise ``parent``."""
    if getattr(parent, "locale_id", None) == locale.pk:
        return parent
    translation = parent.get_translation_or_none(locale)
    return translation.specific if translation is not None else parent


def _check_publishable(page, parsed: ParsedNotice) -> None:
    """An incomplete ``gdpr`` notice is imported as a draft or not at all."""
    report = page.completeness()
    if report.blocks_publishing:
        raise NoticeImportError(
            _(
                "cannot be published: %(reason)s Import it as a draft and write "
                "the missing sections first."
            )
            % {"reason": report.reason(parsed.language)},
            filename=parsed.file,
        )


def publish_through_review(page, revision, user=None, approver=None) -> str:
    """Publish ``revision``, through the page's workflow when it has one."""
    workflow = page.get_workflow()
    if workflow is None:
        revision.publish(user=user)
        return "published"
    workflow.start(page, user)
    if approver is None:
        return "in_review"
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, approver, "approve")
    return "published"


def import_notice_files(
    paths: list[str | os.PathLike[str]],
    *,
    parent,
    locale: str | None = None,
    framework: str | None = None,
    publish: bool = False,
    user=None,
    approver=None,
    skip_existing: bool = False,
) -> list[ImportResult]:
    """Parse every file first, then import them all in one transaction: a file
    that cannot be parsed or imported stops the whole batch."""
    parsed = [
        parse_notice_file(path, language=locale, framework=framework) for path in paths
    ]
    return import_parsed_notices(
        parsed,
        parent=parent,
        publish=publish,
        user=user,
        approver=approver,
        skip_existing=skip_existing,
        originals=read_originals(parsed, paths),
    )


def read_originals(parsed: list[ParsedNotice], paths) -> dict[str, bytes]:
    """The bytes of each file, by its parsed notice's ``file``."""
    originals = {}
    for notice, path in zip(parsed, paths, strict=True):
        try:
            originals[notice.file] = Path(path).read_bytes()
        except OSError:
            continue
    return originals
