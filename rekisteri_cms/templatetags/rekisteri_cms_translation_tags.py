"""Template tags of the translation editor (wagtail-localize) for notices."""

from __future__ import annotations

from django import template

from ..admin.views.translations import translation_review_status

register = template.Library()


@register.inclusion_tag(
    "rekisteri_cms/admin/translation_review_panel.html", takes_context=True
)
def translation_review_panel(context) -> dict:
    """The legal review of the translated notice open in the translation editor.

    Renders nothing for pages that are not notices under review, and for snippets.
    """
    instance = context.get("instance")
    translation = context.get("translation")
    request = context.get("request")
    status = None
    if context.get("is_page") and instance is not None and translation is not None:
        status = translation_review_status(request, translation, instance)
    return {"review": status, "csrf_token": context.get("csrf_token")}
