"""The law check: which sections a notice lacks for its framework (notice-model §2).

A ``gdpr`` notice that lacks a required section cannot be submitted for review,
approved or published; for a legacy ``htl`` notice the report is shown, never
enforced. The page model, the admin form, the review task and the importer all ask
here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .sections import (
    GDPR,
    HTL,
    NOT_APPLICABLE,
    RECOMMENDED,
    REQUIRED,
    RIGHTS_PARTS,
    SECTIONS,
    headings_text,
)


class IncompleteNoticeError(ValidationError):
    """Raised when a ``gdpr`` notice that lacks required sections is published."""


@dataclass(frozen=True)
class CompletenessReport:
    """Which sections a notice lacks for its framework (notice-model §2).

    ``missing`` blocks submitting and publishing a ``gdpr`` notice; for a legacy
    ``htl`` notice it lists the 10 § items the document lacks and is shown, never
    enforced. ``gdpr_missing`` tells what a legacy notice would need as a GDPR one.
    """

    framework: str
    missing: list[str] = field(default_factory=list)
    recommended_missing: list[str] = field(default_factory=list)
    gdpr_missing: list[str] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.missing

    @property
    def blocks_publishing(self) -> bool:
        return self.framework == GDPR and bool(self.missing)

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "framework": self.framework,
            "missing": list(self.missing),
            "recommended_missing": list(self.recommended_missing),
        }
        if self.framework == HTL:
            data["gdpr_missing"] = list(self.gdpr_missing)
        return data


def _covered_keys(sections: Iterable[tuple[str, Iterable[str]]]) -> set[str]:
    covered: set[str] = set()
    for key, also_covers in sections:
        covered.add(key)
        covered.update(also_covers or ())
    return covered


def _missing(framework: str, covered: set[str], level: str, has_dpo: bool) -> list[str]:
    missing = []
    for section in SECTIONS:
        requirement = getattr(section, framework)
        if section.key == "dpo" and framework == GDPR:
            requirement = REQUIRED if has_dpo else NOT_APPLICABLE
        if requirement != level or section.key in covered:
            continue
        if section.key == "data_subject_rights" and all(
            part in covered for part in RIGHTS_PARTS
        ):
            continue
        if framework == HTL:
            # HTL 10 § 3 is one item: the data content may describe the groups too.
            if section.key == "data_subjects" and "data_content" in covered:
                continue
            # HTL 10 § 4 is one item: disclosures and transfers are answered together.
            if section.key in ("disclosures", "transfers_outside_eea") and (
                {"disclosures", "transfers_outside_eea"} & covered
            ):
                continue
        missing.append(section.key)
    return missing


def check_completeness(
    framework: str,
    sections: Iterable[tuple[str, Iterable[str]]],
    *,
    has_dpo: bool = False,
) -> CompletenessReport:
    """Compare the written sections of a notice with what its framework requires.

    ``sections`` are ``(key, also_covers)`` pairs of the sections that have content;
    an empty section does not count. Returns the keys in canonical order.
    """
    if framework not in (GDPR, HTL):
        raise ValueError(f"unknown framework {framework!r}")
    covered = _covered_keys(sections)
    report = CompletenessReport(
        framework=framework,
        missing=_missing(framework, covered, REQUIRED, has_dpo),
        recommended_missing=_missing(framework, covered, RECOMMENDED, has_dpo),
        gdpr_missing=(
            _missing(GDPR, covered, REQUIRED, has_dpo) if framework == HTL else []
        ),
    )
    return report


def completeness_of(framework: str, body, controller=None) -> CompletenessReport:
    """Run the completeness check on a StreamField value."""
    sections = [
        (block.block_type, block.value.covered_keys())
        for block in body
        if block.value.has_content()
    ]
    return check_completeness(
        framework, sections, has_dpo=bool(controller and controller.has_dpo)
    )


def missing_sections_message(keys, language: str | None = None) -> str:
    """A sentence naming the missing sections by their canonical headings."""
    return str(
        _("The notice lacks these required sections: %(sections)s.")
        % {"sections": headings_text(keys, language)}
    )
