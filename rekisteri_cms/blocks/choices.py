"""The choices of the section blocks' typed fields.

Choice values are stored in the notices and served by the API: never change one
without a data migration and a changelog line. Labels are shown to editors and,
where a template renders a value, to readers.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..sections import SECTION_KEYS

LEGAL_BASIS_CHOICES = [
    ("a", _("(a) consent — GDPR 6(1)(a)")),
    ("b", _("(b) performance of a contract — GDPR 6(1)(b)")),
    ("c", _("(c) legal obligation — GDPR 6(1)(c)")),
    ("d", _("(d) vital interests — GDPR 6(1)(d)")),
    ("e", _("(e) public task or official authority — GDPR 6(1)(e)")),
    ("f", _("(f) legitimate interests — GDPR 6(1)(f)")),
]
TRANSFER_CHOICES = [
    ("none", _("No transfers outside the EU/EEA")),
    ("yes", _("Data are transferred outside the EU/EEA")),
]
SAFEGUARD_CHOICES = [
    ("adequacy", _("Adequacy decision of the European Commission — GDPR 45")),
    ("scc", _("Standard contractual clauses — GDPR 46(2)(c)")),
    ("bcr", _("Binding corporate rules — GDPR 47")),
    ("derogation", _("Derogation for a specific situation — GDPR 49")),
]
SECTION_KEY_CHOICES = [(key, key.replace("_", " ")) for key in SECTION_KEYS]
