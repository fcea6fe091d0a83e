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
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from .blocks import plain_text
from .blocks.choices import (
    PROVISION_REQUIREMENT_CHOICES,
    RIGHT_CHOICES,
    SOURCE_KIND_CHOICES,
    TRANSFER_CHOICES,
    choice_label,
)
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
    SECTIONS_BY_KEY,
    canonical_heading,
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


def _htl_item4(
    covered: set[str], items: ItemsReport | None, transfers_stated: bool | None
) -> set[str]:
    """HTL 10 § item 4 has two mandatory parts: regular disclosures *and* whether
    data go outside the EU/EEA. With the text read, each part is judged by what the
    notice says, wherever it says it; without it, by the sections written.

    The second part asks only *whether* data go outside the EU/EEA: a transfer
    stated without the safeguard the GDPR asks for still answers it
    (``transfers_stated``, see :func:`_states_transfers`)."""
    if items is None:
        both = {"disclosures", "transfers_outside_eea"}
        return set() if both & covered else both
    lacking = set()
    if items.status("recipients") == MISSING:
        lacking.add("disclosures")
    if items.status("transfers") == MISSING and not transfers_stated:
        lacking.add("transfers_outside_eea")
    return lacking


#: A safeguard named in every language of the term lists (GDPR 46(2)(c)).
_SAFEGUARD_PROBE = SectionInput("other", "", "SCC.")


def _states_transfers(inputs: list[SectionInput], facts: Facts) -> bool:
    """Whether the text says if data go outside the EU/EEA, safeguard or not.

    The item check finds a transfer without a safeguard ``missing``, as the GDPR
    does; asked again with a safeguard named, it finds the item ``present``
    exactly when the notice states a transfer (or that there is none)."""
    probe = check_items([*inputs, _SAFEGUARD_PROBE], facts)
    return probe.status("transfers") == PRESENT


@dataclass(frozen=True)
class HtlItem:
    """One item of HTL 523/1999 10 § that a register description must give."""

    point: str
    keys: tuple[str, ...]
    fi: str
    sv: str
    en: str

    def name(self, language: str | None) -> str:
        lang = (language or "fi").split("-")[0].lower()
        return getattr(self, lang if lang in ("fi", "sv", "en") else "fi")

    def article(self, language: str | None) -> str:
        """The point as a lawyer of ``language`` cites it: "10 §:n 4 kohta" (a
        bare "10 § 4" reads in Finnish as the 4th *momentti*)."""
        point = self.point[0]
        lang = (language or "fi").split("-")[0].lower()
        if lang == "en":
            return f"s. 10({point})"
        if lang == "sv":
            return f"10 § {point} punkten"
        return f"10 §:n {point} kohta"


#: HTL 10 §, item by item; item 4 has two parts, each reported on its own.
HTL_ITEMS: tuple[HtlItem, ...] = (
    HtlItem("1", ("controller",),
            "Rekisterinpitäjän nimi ja yhteystiedot",
            "Den registeransvariges namn och kontaktuppgifter",
            "The controller's name and contact details"),
    HtlItem("2", ("purpose",),
            "Henkilötietojen käsittelyn tarkoitus",
            "Ändamålet med behandlingen av personuppgifter",
            "The purpose of the processing"),
    HtlItem("3", ("data_subjects", "data_content"),
            "Rekisteröityjen ryhmät ja niitä koskevat tiedot",
            "De registrerades grupper och uppgifterna om dem",
            "The groups of data subjects and the data about them"),
    HtlItem("4a", ("disclosures",),
            "Mihin tietoja säännönmukaisesti luovutetaan",
            "Vart uppgifter regelmässigt lämnas ut",
            "To whom data are regularly disclosed"),
    HtlItem("4b", ("transfers_outside_eea",),
            "Siirretäänkö tietoja EU:n tai ETA:n ulkopuolelle",
            "Om uppgifter överförs utanför EU eller EES",
            "Whether data are transferred outside the EU or the EEA"),
    HtlItem("5", ("security",),
            "Rekisterin suojauksen periaatteet",
            "Principerna för skyddet av registret",
            "The principles by which the register is secured"),
)  # fmt: skip


def gaps_of(completeness: dict, language: str | None) -> dict[str, list[dict]]:
    """What a legacy notice's stored ``completeness`` says it lacks, by name.

    ``htl``: the 10 § items (``missing`` holds section keys), ``gdpr``: the GDPR
    information items (from ``items``; a version stored before the item check
    has only ``gdpr_missing``, named by the sections' headings). Each row is
    ``{"name", "article"}`` in ``language``.
    """
    missing = set(completeness.get("missing") or ())
    htl = [
        {"name": item.name(language), "article": item.article(language)}
        for item in HTL_ITEMS
        if missing & set(item.keys)
    ]
    rows = completeness.get("items")
    if rows is None:
        gdpr = [
            {"name": canonical_heading(key, language), "article": ""}
            for key in completeness.get("gdpr_missing") or ()
        ]
    else:
        gdpr = [
            {
                "name": ITEMS_BY_CODE[row["item"]].name(language),
                "article": row["article"],
            }
            for row in rows
            if row.get("status") == MISSING and row.get("item") in ITEMS_BY_CODE
        ]
    return {"htl": htl, "gdpr": gdpr}


def check_completeness(
    framework: str,
    sections: Iterable[tuple[str, Iterable[str]]],
    *,
    has_dpo: bool = False,
    items: ItemsReport | None = None,
    overrides: dict[str, str] | None = None,
    transfers_stated: bool | None = None,
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
        missing = _ordered(
            (set(missing) - item4) | _htl_item4(covered, items, transfers_stated)
        )
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

    def label(key: str, what: str) -> str:
        return f"{SECTIONS_BY_KEY[key].heading(language)}: {what}"

    def named(choices, value) -> str:
        """The choice's label in the notice's language, as the page shows it."""
        with override(language):
            return choice_label(choices, value) or str(value)

    def listed(values) -> str:
        return ", ".join(str(v) for v in values if v)

    # The controller section shows the snippet's address only when the editor has
    # written no text of their own there; otherwise readers see the text, which is
    # read like the rest.
    section = by_key.get("controller")
    if (
        controller is not None
        and controller.name
        and (controller.email or controller.phone or controller.street_address)
        and not (section is not None and _has_text(section.get("body")))
    ):
        present["identity"] = label("controller", controller.name)
    dpo = by_key.get("dpo")
    if (
        controller is not None
        and controller.has_dpo
        and (controller.dpo_email or controller.dpo_phone)
    ):
        present["dpo_contact"] = label(
            "dpo", controller.dpo_email or controller.dpo_phone
        )
    elif dpo is not None and (dpo.get("email") or dpo.get("phone")):
        present["dpo_contact"] = label("dpo", dpo.get("email") or dpo.get("phone"))

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
        # A condition chosen is stated even when the special categories are
        # flagged only on a data category.
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
        # GDPR 14(2)(f) asks where data *not* given by the data subject come from:
        # a list that names only the data subject does not say it.
        kinds = [
            item.get("kind")
            for item in sources.get("sources_detailed") or ()
            if item.get("kind")
        ]
        others = [
            item
            for item in sources.get("sources_detailed") or ()
            if item.get("kind") and item.get("kind") != "data_subject"
        ]
        # The kinds' names are not read as text (see check_text), so the list
        # says where the data come from when "collected from" is not chosen.
        if collection is None and kinds:
            subject, elsewhere = "data_subject" in kinds, bool(others)
            collection = (
                "both"
                if subject and elsewhere
                else ("subject" if subject else "elsewhere")
            )
        if others:
            present["sources"] = label(
                "data_sources",
                listed(
                    d.get("description") or named(SOURCE_KIND_CHOICES, d.get("kind"))
                    for d in others
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


def _has_text(value) -> bool:
    """Whether a rich-text value says anything (tags and spaces aside)."""
    source = getattr(value, "source", value)
    return bool(strip_tags(str(source or "")).strip())


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


#: The end of a table cell or a term followed by the next cell or its description.
_CELL_BOUNDARY = re.compile(r"</(t[dh]|dt)>(?=\s*<(?:t[dh]|dd)\b)", re.IGNORECASE)
#: A table's column labels ("Vastaanottaja | Rooli | Tarkoitus") state nothing.
_TABLE_HEAD = re.compile(r"<thead\b.*?</thead>", re.IGNORECASE | re.DOTALL)
#: An element the block templates generate from a structured field (its label,
#: a choice's name, a default sentence). The templates put the attribute only on
#: elements with no element of the same name inside.
_GENERATED = re.compile(
    r"<(?P<tag>[a-z][a-z0-9]*)\b[^>]*\sdata-generated\b[^>]*>.*?</(?P=tag)\s*>",
    re.IGNORECASE | re.DOTALL,
)
#: Ends of elements after which the next text is a line of its own.
_BLOCK_END = re.compile(r"</(?:dd|dl|table|ul|ol|address|div)>", re.IGNORECASE)


def check_text(html: str) -> str:
    """The plain text the item check reads of a rendered section.

    Like the API's ``text``, but a table cell and the next one, or a term and its
    description, are kept apart ("Asiakastiedot: 2 vuotta"): glued together they
    make words that are in no notice ("OikeusperusteOikeutetut") and that the
    check would take for content. A table's column labels are left out: read as
    a line they name items ("Tarkoitus") without saying anything of them.

    So is what the block templates generate from a structured field and mark
    ``data-generated`` (a field's label, a choice's name, a default sentence):
    :func:`notice_facts` gives the check what those fields state, and read as
    prose the generated words state more than the field does ("saadaan muista
    lähteistä" is no source, "för att ingå ett avtal" no purpose). What the
    editor typed into a field is not marked and is read like any text.
    """
    html = _GENERATED.sub("", str(html))
    html = _TABLE_HEAD.sub("", html)
    html = _CELL_BOUNDARY.sub(lambda m: f"</{m.group(1)}>: ", html)
    return plain_text(_BLOCK_END.sub(lambda m: m.group(0) + "<br>", html))


def section_inputs(body, language: str) -> list[SectionInput]:
    """Each section's heading and plain text (typed fields rendered), for the
    item check; an anchor per section for the review panel's links."""
    context = {"fragment": True, "language": language}
    inputs = []
    # Rendered in the notice's language, as readers see it, whatever the
    # editor's (the labels of the typed fields are part of the text).
    with translation.override(language):
        for number, block in enumerate(body, start=1):
            value = block.value
            inputs.append(
                SectionInput(
                    block.block_type,
                    value.heading_text(language),
                    check_text(block.render(context=context))
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
    return _fingerprint(
        section_inputs(body, language), notice_facts(body, controller, language)
    )


def _fingerprint(inputs: list[SectionInput], facts: Facts) -> str:
    payload = json.dumps(
        {
            "sections": [[i.key, i.heading, i.text, list(i.covers)] for i in inputs],
            "facts": {
                "collection": facts.collection,
                "bases": sorted(facts.bases or ()),
                "dpo": facts.dpo_appointed,
                "special": facts.special_categories,
                "fields": sorted(facts.present_by_field.items()),
                "language": facts.language,
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
    overrides_for: Callable[[str], dict[str, str]] | None = None,
) -> CompletenessReport:
    """Run the completeness check on a StreamField value.

    ``overrides`` (item code → a legal reviewer's justification) must already be
    the ones made for this very text; or ``overrides_for`` gives them for the
    text's digest (:func:`check_fingerprint`), computed here from the same reading
    of the sections, so that they are rendered once.
    """
    sections = [
        (block.block_type, block.value.covered_keys())
        for block in body
        if block.value.has_content()
    ]
    inputs = section_inputs(body, language)
    facts = notice_facts(body, controller, language)
    if overrides_for is not None:
        overrides = overrides_for(_fingerprint(inputs, facts))
    items = check_items(inputs, facts)
    transfers_stated = None
    if framework == HTL and items.status("transfers") == MISSING:
        transfers_stated = _states_transfers(inputs, facts)
    return check_completeness(
        framework,
        sections,
        has_dpo=bool(controller and controller.has_dpo),
        items=items,
        transfers_stated=transfers_stated,
        overrides=overrides,
    )


def missing_sections_message(keys, language: str | None = None) -> str:
    """A sentence naming the missing sections by their canonical headings."""
    return str(
        _("The notice lacks these required sections: %(sections)s.")
        % {"sections": headings_text(keys, language)}
    )
