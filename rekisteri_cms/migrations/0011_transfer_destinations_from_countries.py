"""Move the older transfers fields (countries + one safeguard) into destinations.

A notice that said "transferred outside the EU/EEA to A and B under safeguard S"
becomes one destination per country with S as its mechanism; the older fields are
emptied so that the destinations are the only statement in the editor. The API's
``countries`` and ``safeguard`` are derived from the destinations, so their values
stay the same for older clients.

What the older fields could not say stays for the editor to add, and the section's
validation asks for it on the next save: the point of GDPR 49(1) of a derogation,
and how to obtain a copy of standard contractual clauses or binding corporate rules.
The page, its translations and their revisions are migrated; published versions
are records of what was published and are not touched.
"""

import uuid

from django.db import migrations
from django.utils.deconstruct import deconstructible
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import BaseBlockOperation

#: The older safeguard values are a subset of the destinations' mechanisms.
MECHANISM_OF_SAFEGUARD = {
    "adequacy": "adequacy",
    "scc": "scc",
    "bcr": "bcr",
    "derogation": "derogation",
}


def _list_values(raw) -> list:
    """The values of a stored ``ListBlock``: ``[{"type": "item", "value": …}]`` or plain."""
    values = []
    for item in raw or []:
        if isinstance(item, dict) and item.get("type") == "item":
            values.append(item.get("value"))
        else:
            values.append(item)
    return values


def destinations_from_legacy(value: dict) -> dict:
    """``value`` (a stored transfers section) with its countries as destinations."""
    if not isinstance(value, dict) or value.get("transfers") != "yes":
        return value
    if value.get("destinations"):
        return value
    countries = [
        str(country).strip()
        for country in _list_values(value.get("countries"))
        if str(country or "").strip()
    ]
    safeguard = value.get("safeguard") or ""
    if not countries:
        return value
    value = dict(value)
    value["destinations"] = [
        {
            "type": "item",
            "id": str(uuid.uuid4()),
            "value": {
                "country": country,
                "recipient": "",
                "mechanism": MECHANISM_OF_SAFEGUARD.get(safeguard, ""),
                "derogation_point": "",
                "copy_info": "",
                "copy_url": "",
            },
        }
        for country in countries
    ]
    value["countries"] = []
    value["safeguard"] = ""
    return value


@deconstructible
class LegacyTransfersToDestinations(BaseBlockOperation):
    def apply(self, block_value):
        return destinations_from_legacy(block_value)

    @property
    def operation_name_fragment(self):
        return "legacy_transfers_to_destinations"


class Migration(migrations.Migration):
    dependencies = [
        ("rekisteri_cms", "0010_gdpr_structured_fields"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        MigrateStreamData(
            app_name="rekisteri_cms",
            model_name="PrivacyNoticePage",
            field_name="body",
            operations_and_block_paths=[
                (LegacyTransfersToDestinations(), "transfers_outside_eea"),
            ],
        ),
    ]
