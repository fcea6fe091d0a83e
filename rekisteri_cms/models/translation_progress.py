"""How much of a translated notice is translated (wagtail-localize's segments).

A translation made with "Translate this page" shows the source text wherever a
segment is not translated yet, so a draft with untranslated segments would publish
the source language under the target language's headings. The Legal review task
refuses to start or approve such a translation
(docs/review-workflow.md#translations); the review panel and the dashboard show
the same count.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail_localize.models import StringSegment, Translation


@dataclass(frozen=True)
class TranslationProgress:
    """The translated and total string segments of one translation."""

    translation: Translation
    translated: int
    total: int

    @property
    def missing(self) -> int:
        return self.total - self.translated

    @property
    def complete(self) -> bool:
        return self.missing == 0

    @property
    def language(self) -> str:
        return self.translation.target_locale.get_display_name()

    def counter(self) -> str:
        """The count, such as "12/40 translated", in the active language."""
        return _("%(translated)s/%(total)s translated") % {
            "translated": self.translated,
            "total": self.total,
        }

    def refusal(self) -> str | None:
        """Why the translation cannot go to review or be approved, or ``None``."""
        if self.complete:
            return None
        return ngettext(
            "%(missing)s of the %(total)s texts of this translation (%(language)s) "
            "is not translated: translate it before the translation is submitted "
            "for review or approved.",
            "%(missing)s of the %(total)s texts of this translation (%(language)s) "
            "are not translated: translate them before the translation is submitted "
            "for review or approved.",
            self.missing,
        ) % {"missing": self.missing, "total": self.total, "language": self.language}


def translation_of(page) -> Translation | None:
    """The enabled wagtail-localize translation whose target is ``page``, if any."""
    if page is None or page.pk is None:
        return None
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def translation_progress(page) -> TranslationProgress | None:
    """The progress of the translation whose target is ``page``; ``None`` when
    ``page`` is not a synced translation (an original notice, or a translation
    whose sync was turned off and which is edited as a page of its own)."""
    translation = translation_of(page)
    if translation is None:
        return None
    total, translated = translation.get_progress()
    return TranslationProgress(translation, translated, total)


def segments_side_by_side(translation: Translation) -> list[dict]:
    """Every text of the source and its translation, in the source's order:
    ``{"path", "source", "translation"}`` (``translation`` ``None`` when missing)."""
    segments = (
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(translation.target_locale)
        .select_related("context", "string")
        .order_by("order")
    )
    return [
        {
            "path": segment.context.path if segment.context_id else "",
            "source": segment.string.data,
            "translation": segment.translation,
        }
        for segment in segments
    ]
