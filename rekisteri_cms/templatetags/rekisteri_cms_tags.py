"""Template tags of the notice pages."""

from __future__ import annotations

import json

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..completeness import gaps_of
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
