"""Form data as the Wagtail admin's forms post it, for tests that use the real views.

Built with Wagtail's ``nested_form_data``, ``streamfield`` and ``rich_text``
(``wagtail.test.utils.form_data``): ``controller_form_data`` for the Controller
snippet, ``gdpr_form_blocks`` for the required sections of a GDPR notice in the page
editor, ``list_block`` for a ListBlock inside them, and ``block_form_value`` for any
stored block value posted back unchanged (the load test in ``bench/load`` uses it too).
"""

from __future__ import annotations

from wagtail import blocks
from wagtail.test.utils.form_data import nested_form_data, rich_text

from tests.factories import GDPR_REQUIRED_KEYS

#: The Controller snippet's fields, as its add form posts them.
CONTROLLER_FORM = {
    "name": "Komiat Hetket Oy",
    "business_id": "2311066-7",
    "street_address": "",
    "postal_code": "60101",
    "locality": "Seinäjoki",
    "country": "FI",
    "phone": "0400 417 447",
    "email": "",
    "website": "",
    "dpo_name": "",
    "dpo_email": "",
    "dpo_phone": "",
}


def controller_form_data(**fields) -> dict:
    """Form data of the Controller snippet: Komiat Hetket Oy unless ``fields`` say."""
    return nested_form_data({**CONTROLLER_FORM, **fields})


def list_block(items: list) -> dict:
    """Form data of a ListBlock (use inside ``nested_form_data``)."""
    data = {
        str(i): {"value": item, "deleted": "", "order": str(i)}
        for i, item in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def gdpr_form_values(controller) -> dict[str, dict]:
    """The form values of each section a GDPR notice requires, by key."""
    return {
        "controller": {
            "controller": controller.pk,
            "body": rich_text(""),
        },
        "purpose": {
            "purposes": list_block(["Laskutus"]),
            "purposes_detailed": list_block([]),
            "body": rich_text(""),
        },
        # A tuple posts one value per basis (a list would be numbered fields).
        "legal_basis": {
            "bases": ("b",),
            "legitimate_interests": "",
            "requirement": "contract_entry",
            "requirement_consequences": (
                "Ilman yhteystietoja emme voi laskuttaa emmekä toimittaa tilausta."
            ),
            "special_categories": "",
            "special_categories_condition": (),
            "body": rich_text(""),
        },
        "data_content": {
            "categories": list_block([{"category": "Perustiedot", "items": "Nimi"}]),
            "body": rich_text(""),
        },
        "data_sources": {
            "sources": list_block(["Asiakkaalta"]),
            "sources_detailed": list_block([]),
            "body": rich_text(""),
        },
        "disclosures": {
            "no_regular_disclosures": "on",
            "recipients": list_block([]),
            "body": rich_text(""),
        },
        "transfers_outside_eea": {
            "transfers": "none",
            "countries": list_block([]),
            "destinations": list_block([]),
            "safeguard": "",
            "body": rich_text(""),
        },
        "retention": {
            "periods": list_block([{"data": "Asiakastiedot", "period": "2 vuotta"}]),
            "body": rich_text(""),
        },
        "data_subject_rights": {
            "rights": (
                "access",
                "rectification",
                "erasure",
                "restriction",
                "portability",
            ),
            "request_channel": {
                "email": "tietosuoja@example.com",
                "form_url": "",
                "postal_address": "",
            },
            "identity_check": "",
            "response_time": "",
            "objection_statement": "",
            "body": rich_text(
                "<p>Voit käyttää oikeuksiasi lähettämällä pyynnön sähköpostitse.</p>"
            ),
        },
        "complaint": {
            "authority": "Tietosuojavaltuutetun toimisto",
            "authority_url": "https://tietosuoja.fi",
            "body": rich_text(
                "<p>Jos katsot, että henkilötietojesi käsittely rikkoo "
                "tietosuoja-asetusta, voit tehdä valituksen valvontaviranomaiselle.</p>"
            ),
        },
        "automated_decisions": {
            "used": "no",
            "logic": "",
            "body": rich_text(""),
        },
    }


def gdpr_form_blocks(controller, *, omit=(), extra=()) -> list[tuple[str, dict]]:
    """The required sections of a GDPR notice (``GDPR_REQUIRED_KEYS``, in their
    order) as the block editor posts them, less ``omit`` and followed by ``extra``:
    the blocks of ``streamfield``."""
    values = gdpr_form_values(controller)
    chosen = [(key, values[key]) for key in GDPR_REQUIRED_KEYS if key not in omit]
    return chosen + list(extra)


def block_form_value(block, value):
    """Form data of one block value (in ``get_prep_value`` form), as the editor posts it.

    Stream and list children keep their ids, so that posting a page's own content
    back is no change (as in a browser).
    """
    if isinstance(block, blocks.StreamBlock):
        data = {
            str(i): {
                "type": child["type"],
                "value": block_form_value(
                    block.child_blocks[child["type"]], child["value"]
                ),
                "id": child["id"],
                "deleted": "",
                "order": str(i),
            }
            for i, child in enumerate(value)
        }
        data["count"] = str(len(value))
        return data
    if isinstance(block, blocks.StructBlock):
        # A group of fields added after the value was stored is missing from it.
        value = value or {}
        return {
            name: block_form_value(child, value.get(name))
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        data = {
            str(i): {
                "value": block_form_value(block.child_block, item["value"]),
                "id": item["id"],
                "deleted": "",
                "order": str(i),
            }
            for i, item in enumerate(value or [])
        }
        data["count"] = str(len(value or []))
        return data
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value or "")
    if isinstance(block, blocks.BooleanBlock):
        return "on" if value else ""
    if isinstance(block, blocks.MultipleChoiceBlock):
        return tuple(value or ())
    return "" if value is None else str(value)
