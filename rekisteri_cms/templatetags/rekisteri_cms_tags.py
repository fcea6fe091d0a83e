"""Template tags of the notice pages."""

from __future__ import annotations

import json
from datetime import date, datetime

import phonenumbers
from django import template
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ..completeness import gaps_of
from ..models.public_record import approval_step_label
from ..sections import COMPLAINT_AUTHORITY, COMPLAINT_AUTHORITY_URL, canonical_heading

register = template.Library()

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def section_heading(key: str, language: str | None = "fi") -> str:
    """The canonical heading of a section key in a language."""
    return canonical_heading(key, language)


@register.simple_tag
def legacy_gaps(completeness, language: str | None = "fi") -> dict[str, list[dict]]:
    """What a legacy notice lacks: the HTL 10 § items and the GDPR information
    items, each with its name in ``language`` and its article."""
    if hasattr(completeness, "as_dict"):
        completeness = completeness.as_dict()
    return gaps_of(completeness or {}, language)


@register.simple_tag
def complaint_authority(value, language: str | None = "fi") -> dict[str, str]:
    """The complaint section's authority, defaulting to the Finnish one."""
    lang = language if language in COMPLAINT_AUTHORITY else "fi"
    return {
        "name": value.get("authority") or COMPLAINT_AUTHORITY[lang],
        "url": value.get("authority_url") or COMPLAINT_AUTHORITY_URL,
    }


def notice_structured_data(page, notice: dict, request=None) -> dict:
    """schema.org ``WebPage`` of a notice, with its controller as publisher."""
    data: dict = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": notice["title"],
        "inLanguage": notice["locale"],
        "url": page.get_full_url(request),
    }
    if notice.get("published_at"):
        data["dateModified"] = notice["published_at"].isoformat()
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    controller = notice.get("controller")
    if controller:
        publisher: dict = {"@type": "Organization", "name": controller["name"]}
        if controller.get("business_id"):
            publisher["identifier"] = {
                "@type": "PropertyValue",
                "propertyID": "Y-tunnus",
                "value": controller["business_id"],
            }
        address = {
            "streetAddress": controller.get("street_address"),
            "postalCode": controller.get("postal_code"),
            "addressLocality": controller.get("locality"),
            "addressCountry": controller.get("country"),
        }
        if any(address.values()):
            publisher["address"] = {
                "@type": "PostalAddress",
                **{k: v for k, v in address.items() if v},
            }
        for field, key in (
            ("email", "email"),
            ("phone", "telephone"),
            ("website", "url"),
        ):
            if controller.get(field):
                publisher[key] = controller[field]
        data["publisher"] = publisher
    return data


@register.simple_tag(takes_context=True)
def notice_json_ld(context, page, notice: dict) -> str:
    """A ``<script type="application/ld+json">`` element describing the notice."""
    data = notice_structured_data(page, notice, context.get("request"))
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload),  # noqa: S308 - JSON with <, > and & escaped
    )


@register.filter
def admin_name(value) -> str:
    """A workflow's or task's stored name in the active language, when the name is
    one of the app's messages (the "Legal review" workflow and task); else as stored.

    Wagtail shows these names as stored: in its own templates that the app
    overrides (the dashboard, the rejection e-mail) they pass through this filter.
    """
    return translation.gettext(str(value)) if value else ""


def datetime_attr(value) -> str:
    """A ``<time datetime>`` value the HTML checker accepts: local time with its
    offset, whole seconds (``2027-01-01T00:00:00+02:00``); a date as ``Y-m-d``."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = parse_datetime(value) or parse_date(value)
        if value is None:
            return ""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


@register.filter
def display_phone(value) -> str:
    """A phone number (E.164 in the data) written as readers of a Finnish notice
    expect it: a Finnish number in national format (``040 1234567``), a number of
    another country in international format (``+46 8 123 456 78``), which is how
    it is dialled from Finland; anything unparseable as it is."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(str(value), "FI")
    except phonenumbers.NumberParseException:
        return str(value)
    if not phonenumbers.is_possible_number(number):
        return str(value)
    national = phonenumbers.region_code_for_number(number) == "FI"
    return phonenumbers.format_number(
        number,
        phonenumbers.PhoneNumberFormat.NATIONAL
        if national
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    )


@register.simple_tag
def step_label(step, language: str | None = None) -> str:
    """The review step of a version in ``language`` (the page's)."""
    return approval_step_label(step, language or get_language() or "fi") or ""


@register.simple_tag
def time_tag(value, with_time: bool = False) -> str:
    """``<time datetime="…">j.n.Y</time>`` of a date or time (local time)."""
    if not value:
        return ""
    shown = timezone.localtime(value) if isinstance(value, datetime) else value
    return format_html(
        '<time datetime="{}">{}</time>',
        datetime_attr(value),
        date_format(shown, "j.n.Y H:i" if with_time else "j.n.Y"),
    )


@register.simple_tag
def legacy_date(legacy) -> str:
    """The legacy document's own date as a ``<time>``, its date text, or ``""``."""
    if not legacy:
        return ""
    day = parse_date(legacy.get("document_date") or "")
    if day is not None:
        return time_tag(day)
    return legacy.get("document_date_text") or ""
