"""The law check: what a notice lacks for its framework (docs/legal-check.md).

For a ``gdpr`` notice the check asks whether the notice *gives the information the
law requires*: each GDPR Art. 13/14 information item (:mod:`rekisteri_cms.legal`) is
present (by a structured field or a sentence of the text), missing, or not
applicable; a missing item that no legal reviewer has overridden with a written
justification blocks submitting, approving and publishing. For a legacy ``htl``
notice the HTL 10 § items are reported and the GDPR items shown, never enforced.
The page model, the admin form, the review task, the API and the importer all ask
here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from .legal import MISSING, PRESENT, Facts, ItemsReport, SectionInput, check_items
from .legal.items import ITEMS_BY_CODE
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
    """Raised when a ``gdpr`` notice that lacks required information is published."""


#: A status shown for an item a legal reviewer marked present with a justification.
OVERRIDDEN = "overridden"


@dataclass(frozen=True)
class CompletenessReport:
    """What a notice lacks for its framework (docs/legal-check.md).

    ``missing`` lists section keys: for a ``gdpr`` notice the sections whose
    information items are missing (and not overridden by a legal reviewer), which
    blocks submitting, approving and publishing; for a legacy ``htl`` notice the
    10 § items the document lacks, shown and never enforced. ``gdpr_missing`` tells
    what a legacy notice would need as a GDPR one. ``items`` is the item check
    itself, ``overrides`` the reviewers' justifications (item code → text).
    """

    framework: str
    missing: list[str] = field(default_factory=list)
    recommended_missing: list[str] = field(default_factory=list)
    gdpr_missing: list[str] = field(default_factory=list)
    items: ItemsReport | None = None
    overrides: dict[str, str] = field(default_factory=dict)

    @property
    def is_complete(self) -> bool:
        return not self.missing

    @property
    def blocks_publishing(self) -> bool:
        return self.framework == GDPR and bool(self.missing)

    @property
    def missing_items(self) -> list[str]:
        """The item codes missing and not overridden, in table order."""
        if self.items is None:
            return []
        return [code for code in self.items.missing if code not in self.overrides]

    def checklist(self, language: str | None = None) -> list[dict[str, object]]:
        """Every item for the review panel: name, article, status, evidence."""
        if self.items is None:
            return []
        rows = []
        for result in self.items.items:
            item = ITEMS_BY_CODE[result.code]
            override = self.overrides.get(result.code)
            rows.append(
                {
                    "code": result.code,
                    "name": item.name(language),
                    "article": result.article,
                    "status": OVERRIDDEN
                    if override is not None and result.status == MISSING
                    else result.status,
                    "evidence_kind": result.evidence_kind,
                    "evidence": result.evidence,
                    "section_key": result.section_key,
                    "section_anchor": result.section_anchor,
                    "note": result.note,
                    "what_to_add": item.what_to_add(language),
                    "justification": override,
                }
            )
        return rows

    def reason(self, language: str | None = None) -> str:
        """Why the notice cannot go out, in ``language`` (default: the active one,
        the editor's): each missing item with its article and what to add, or the
        missing sections when the items were not checked."""
        language = language or get_language()
        if not self.missing_items:
            return missing_sections_message(self.missing, language)
        lines = [
            f"{ITEMS_BY_CODE[code].name(language)} "
            f"({self.items.result(code).article}): "
            f"{ITEMS_BY_CODE[code].what_to_add(language)}"
            for code in self.missing_items
        ]
        return " ".join(lines)

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "framework": self.framework,
            "missing": list(self.missing),
            "recommended_missing": list(self.recommended_missing),
        }
        if self.framework == HTL:
            data["gdpr_missing"] = list(self.gdpr_missing)
        if self.items is not None:
            data["items"] = [
                {
                    "item": result.code,
                    "status": PRESENT
                    if result.code in self.overrides and result.status == MISSING
                    else result.status,
                    "article": result.article,
                    "evidence_section": result.section_key,
                    "evidence_kind": "override"
                    if result.code in self.overrides and result.status == MISSING
                    else result.evidence_kind,
                }
                for result in self.items.items
            ]
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


def _item_sections(codes: Iterable[str]) -> set[str]:
    """The section each missing item is written in (its GDPR-required home)."""
    keys = set()
    for code in codes:
        homes = ITEMS_BY_CODE[code].home
        keys.add(next((k for k in homes if _GDPR_LEVEL.get(k) == REQUIRED), homes[0]))
    return keys


_GDPR_LEVEL = {section.key: section.gdpr for section in SECTIONS}
_CANONICAL = [section.key for section in SECTIONS]


def _ordered(keys: set[str]) -> list[str]:
    return [key for key in _CANONICAL if key in keys]


def _htl_item4(covered: set[str], items: ItemsReport | None) -> set[str]:
    """HTL 10 § item 4 has two mandatory parts: regular disclosures *and* whether
    data go outside the EU/EEA. With the text read, each part is judged by what the
    notice says, wherever it says it; without it, by the sections written."""
    if items is None:
        both = {"disclosures", "transfers_outside_eea"}
        return set() if both & covered else both
    lacking = set()
    if items.status("recipients") == MISSING:
        lacking.add("disclosures")
    transfers = items.result("transfers")
    if transfers.status == MISSING and not transfers.evidence:
        lacking.add("transfers_outside_eea")
    return lacking


def check_completeness(
    framework: str,
    sections: Iterable[tuple[str, Iterable[str]]],
    *,
    has_dpo: bool = False,
    items: ItemsReport | None = None,
    overrides: dict[str, str] | None = None,
) -> CompletenessReport:
    """Compare a notice with what its framework requires.

    ``sections`` are ``(key, also_covers)`` pairs of the sections that have content;
    an empty section does not count. ``items`` is the item check of the notice's
    text and fields (:func:`rekisteri_cms.legal.check_items`): when given, a
    ``gdpr`` notice's ``missing`` sections are those whose items are missing and
    not in ``overrides``. Returns the keys in canonical order.
    """
    if framework not in (GDPR, HTL):
        raise ValueError(f"unknown framework {framework!r}")
    overrides = dict(overrides or {})
    covered = _covered_keys(sections)
    if items is None:
        gdpr_missing = _missing(GDPR, covered, REQUIRED, has_dpo)
    else:
        gdpr_missing = _ordered(
            _item_sections(c for c in items.missing if c not in overrides)
        )
    if framework == GDPR:
        missing = gdpr_missing
    else:
        missing = _missing(HTL, covered, REQUIRED, has_dpo)
        item4 = {"disclosures", "transfers_outside_eea"}
        missing = _ordered((set(missing) - item4) | _htl_item4(covered, items))
    return CompletenessReport(
        framework=framework,
        missing=missing,
        recommended_missing=_missing(framework, covered, RECOMMENDED, has_dpo),
        gdpr_missing=gdpr_missing if framework == HTL else [],
        items=items,
        overrides=overrides,
    )


def notice_facts(body, controller, language: str) -> Facts:
    """What the notice's structured fields state, for the item check.

    Only facts a field states as a choice or a list count "by field"; free text
    (a retention period, a legitimate interest) is read with the rest of the text,
    so "as long as needed" typed into a field is judged like the same words in
    prose.
    """
    by_key: dict[str, object] = {}
    for block in body:
        by_key.setdefault(block.block_type, block.value)
    present: dict[str, str] = {}
    from .blocks.choices import (
        PROVISION_REQUIREMENT_CHOICES,
        RIGHT_CHOICES,
        SOURCE_KIND_CHOICES,
        TRANSFER_CHOICES,
        choice_label,
    )

    def label(key: str, what: str) -> str:
        from .sections import SECTIONS_BY_KEY

        return f"{SECTIONS_BY_KEY[key].heading(language)}: {what}"

    def named(choices, value) -> str:
        """The choice's label in the notice's language, as the page shows it."""
        with override(language):
            return choice_label(choices, value) or str(value)

    def listed(values) -> str:
        return ", ".join(str(v) for v in values if v)

    if (
        controller is not None
        and controller.name
        and (controller.email or controller.phone or controller.street_address)
    ):
        present["identity"] = label("controller", controller.name)
    if (
        controller is not None
        and controller.has_dpo
        and (controller.dpo_email or controller.dpo_phone)
    ):
        present["dpo_contact"] = label(
            "dpo", controller.dpo_email or controller.dpo_phone
        )

    bases: set[str] = set()
    basis = by_key.get("legal_basis")
    purpose = by_key.get("purpose")
    detailed = list((purpose.get("purposes_detailed") or []) if purpose else [])
    if basis is not None:
        bases.update(basis.get("bases") or ())
    bases.update(p.get("legal_basis") for p in detailed if p.get("legal_basis"))
    if bases:
        present["legal_basis"] = label(
            "legal_basis", ", ".join(f"6(1)({b})" for b in sorted(bases))
        )
    if detailed or (purpose is not None and purpose.get("purposes")):
        present["purposes"] = label(
            "purpose",
            listed(p.get("purpose") for p in detailed)
            or listed(purpose.get("purposes")),
        )
    special = None
    if basis is not None:
        requirement = basis.get("requirement")
        if requirement == "voluntary" or (
            requirement and (basis.get("requirement_consequences") or "").strip()
        ):
            present["requirement"] = label(
                "legal_basis", named(PROVISION_REQUIREMENT_CHOICES, requirement)
            )
        if basis.get("special_categories"):
            special = True
            conditions = basis.get("special_categories_condition") or ()
            if conditions:
                present["special_categories_condition"] = label(
                    "legal_basis", ", ".join(f"9(2)({c})" for c in conditions)
                )
    content = by_key.get("data_content")
    if content is not None and content.get("categories"):
        present["data_categories"] = label(
            "data_content", listed(c.get("category") for c in content.get("categories"))
        )
        if any(c.get("special_category") for c in content.get("categories")):
            special = True

    collection = None
    sources = by_key.get("data_sources")
    if sources is not None:
        collection = {
            "data_subject": "subject",
            "elsewhere": "elsewhere",
            "both": "both",
        }.get(sources.get("collected_from") or "")
        if sources.get("sources_detailed"):
            present["sources"] = label(
                "data_sources",
                listed(
                    d.get("description") or named(SOURCE_KIND_CHOICES, d.get("kind"))
                    for d in sources.get("sources_detailed")
                ),
            )

    disclosures = by_key.get("disclosures")
    if disclosures is not None and (
        disclosures.get("recipients") or disclosures.get("no_regular_disclosures")
    ):
        present["recipients"] = label(
            "disclosures",
            listed(r.get("recipient") for r in disclosures.get("recipients") or ())
            or named(_NO_RECIPIENTS, True),
        )

    transfers = by_key.get("transfers_outside_eea")
    if transfers is not None:
        destinations = list(transfers.get("destinations") or ())
        if transfers.get("transfers") == "none" and not destinations:
            present["transfers"] = label(
                "transfers_outside_eea", named(TRANSFER_CHOICES, "none")
            )
        elif destinations and all(
            d.get("mechanism")
            and (
                d.get("mechanism") in ("adequacy", "derogation")
                or (d.get("copy_info") or "").strip()
                or d.get("copy_url")
            )
            for d in destinations
        ):
            present["transfers"] = label(
                "transfers_outside_eea",
                ", ".join(d.get("country") or "" for d in destinations),
            )

    rights = by_key.get("data_subject_rights")
    if rights is not None:
        for choice in rights.get("rights") or ():
            code = _RIGHT_ITEMS.get(choice)
            if code:
                present[code] = label(
                    "data_subject_rights", named(RIGHT_CHOICES, choice)
                )
    complaint = by_key.get("complaint")
    if complaint is not None and (complaint.get("authority") or "").strip():
        present["complaint"] = label("complaint", complaint.get("authority"))
    automated = by_key.get("automated_decisions")
    if automated is not None and (
        automated.get("used") == "no"
        or (automated.get("used") == "yes" and (automated.get("logic") or "").strip())
    ):
        present["automated_decisions"] = label(
            "automated_decisions", named(_AUTOMATED, automated.get("used"))
        )

    return Facts(
        collection=collection,
        bases=frozenset(bases) if bases else None,
        dpo_appointed=bool(controller.has_dpo) if controller is not None else None,
        special_categories=special,
        present_by_field=present,
        language=language,
    )


#: The labels of fields with their choices in the block itself.
_NO_RECIPIENTS = [(True, _("No recipients: the data are not disclosed"))]
_AUTOMATED = [
    ("no", _("No automated decisions or profiling")),
    ("yes", _("Automated decisions or profiling are used")),
]

_RIGHT_ITEMS = {
    "access": "right_access",
    "rectification": "right_rectification",
    "erasure": "right_erasure",
    "restriction": "right_restriction",
    "portability": "right_portability",
    "object": "right_object",
    "withdraw_consent": "withdraw_consent",
}


def section_inputs(body, language: str) -> list[SectionInput]:
    """Each section's heading and plain text (typed fields rendered), for the
    item check; an anchor per section for the review panel's links."""
    from .blocks import plain_text

    context = {"fragment": True, "language": language}
    inputs = []
    for number, block in enumerate(body, start=1):
        value = block.value
        inputs.append(
            SectionInput(
                block.block_type,
                value.heading_text(language),
                plain_text(block.render(context=context))
                if value.has_content()
                else "",
                tuple(value.covered_keys()),
                anchor=f"section-{block.id or number}",
            )
        )
    return inputs


def check_fingerprint(body, controller, language: str) -> str:
    """A digest of exactly what the item check reads: the sections' headings and
    texts and the facts of the fields. A reviewer's override holds for this text
    only; any change to what the check reads needs a new look."""
    inputs = section_inputs(body, language)
    facts = notice_facts(body, controller, language)
    payload = json.dumps(
        {
            "sections": [[i.key, i.heading, i.text, list(i.covers)] for i in inputs],
            "facts": {
                "collection": facts.collection,
                "bases": sorted(facts.bases or ()),
                "dpo": facts.dpo_appointed,
                "special": facts.special_categories,
                "fields": sorted(facts.present_by_field.items()),
                "language": language,
            },
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def completeness_of(
    framework: str,
    body,
    controller=None,
    *,
    language: str = "fi",
    overrides: dict[str, str] | None = None,
) -> CompletenessReport:
    """Run the completeness check on a StreamField value.

    ``overrides`` (item code → a legal reviewer's justification) must already be
    the ones made for this very text (see :func:`check_fingerprint`).
    """
    sections = [
        (block.block_type, block.value.covered_keys())
        for block in body
        if block.value.has_content()
    ]
    items = check_items(
        section_inputs(body, language), notice_facts(body, controller, language)
    )
    return check_completeness(
        framework,
        sections,
        has_dpo=bool(controller and controller.has_dpo),
        items=items,
        overrides=overrides,
    )


def missing_sections_message(keys, language: str | None = None) -> str:
    """A sentence naming the missing sections by their canonical headings."""
    return str(
        _("The notice lacks these required sections: %(sections)s.")
        % {"sections": headings_text(keys, language)}
    )
