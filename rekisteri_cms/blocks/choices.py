"""The choices of the section blocks' typed fields.

Choice values are stored in the notices and served by the API: never change one
without a data migration and a changelog line. Labels are shown to editors and,
where a template renders a value, to readers.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..sections import SECTION_KEYS, section_name_lazy

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
#: Section keys named by their canonical headings in the admin user's language.
SECTION_KEY_CHOICES = [(key, section_name_lazy(key)) for key in SECTION_KEYS]

# --- GDPR 13(2)(e) and 9(2): the legal basis section ---------------------------------

PROVISION_REQUIREMENT_CHOICES = [
    ("statutory", _("Statutory requirement")),
    ("contractual", _("Contractual requirement")),
    ("contract_entry", _("Requirement necessary to enter into a contract")),
    ("voluntary", _("Voluntary: the data subject is not obliged to provide the data")),
]
SPECIAL_CATEGORY_CONDITION_CHOICES = [
    ("a", _("Explicit consent (GDPR 9(2)(a))")),
    ("b", _("Obligations in employment and social security law (GDPR 9(2)(b))")),
    ("c", _("Vital interests when consent cannot be given (GDPR 9(2)(c))")),
    ("d", _("Members of a not-for-profit body (GDPR 9(2)(d))")),
    ("e", _("Data made manifestly public by the data subject (GDPR 9(2)(e))")),
    ("f", _("Legal claims or courts acting in their judicial capacity (GDPR 9(2)(f))")),
    ("g", _("Substantial public interest (GDPR 9(2)(g))")),
    (
        "h",
        _("Health or social care, occupational or preventive medicine (GDPR 9(2)(h))"),
    ),
    ("i", _("Public interest in the area of public health (GDPR 9(2)(i))")),
    ("j", _("Archiving, research or statistics (GDPR 9(2)(j))")),
]

# --- GDPR 13(1)(e): recipients --------------------------------------------------------

RECIPIENT_ROLE_CHOICES = [
    ("controller", _("Controller")),
    ("processor", _("Processor")),
    ("joint_controller", _("Joint controller")),
]

# --- GDPR 13(1)(f): transfers outside the EU/EEA --------------------------------------

TRANSFER_MECHANISM_CHOICES = [
    ("adequacy", _("Adequacy decision (GDPR 45)")),
    (
        "public_authorities",
        _("Legally binding instrument between public authorities (GDPR 46(2)(a))"),
    ),
    ("bcr", _("Binding corporate rules (GDPR 46(2)(b) and 47)")),
    (
        "scc",
        _("Standard contractual clauses adopted by the Commission (GDPR 46(2)(c))"),
    ),
    (
        "scc_authority",
        _(
            "Standard contractual clauses adopted by a supervisory authority "
            "(GDPR 46(2)(d))"
        ),
    ),
    ("code_of_conduct", _("Approved code of conduct (GDPR 46(2)(e))")),
    ("certification", _("Approved certification mechanism (GDPR 46(2)(f))")),
    (
        "contractual_clauses",
        _("Contractual clauses authorised by a supervisory authority (GDPR 46(3)(a))"),
    ),
    (
        "administrative_arrangements",
        _("Administrative arrangements between public authorities (GDPR 46(3)(b))"),
    ),
    ("derogation", _("Derogation for a specific situation (GDPR 49(1))")),
]
DEROGATION_CHOICES = [
    ("a", _("Explicit consent after being informed of the risks (GDPR 49(1)(a))")),
    (
        "b",
        _(
            "Performance of a contract with the data subject or pre-contractual "
            "measures (GDPR 49(1)(b))"
        ),
    ),
    ("c", _("Contract concluded in the interest of the data subject (GDPR 49(1)(c))")),
    ("d", _("Important reasons of public interest (GDPR 49(1)(d))")),
    ("e", _("Establishment, exercise or defence of legal claims (GDPR 49(1)(e))")),
    ("f", _("Vital interests when consent cannot be given (GDPR 49(1)(f))")),
    ("g", _("Transfer from a public register (GDPR 49(1)(g))")),
    (
        "compelling",
        _(
            "Compelling legitimate interests, in a transfer that is not repetitive "
            "(GDPR 49(1), second subparagraph)"
        ),
    ),
]
#: The old single ``safeguard`` of the section, as the destinations' mechanisms map
#: onto it; served to API clients that read ``safeguard``.
SAFEGUARD_OF_MECHANISM = {
    "adequacy": "adequacy",
    "scc": "scc",
    "bcr": "bcr",
    "derogation": "derogation",
}

# --- GDPR 13 and 14: where the data come from -----------------------------------------

COLLECTED_FROM_CHOICES = [
    ("data_subject", _("From the data subject (GDPR 13)")),
    ("elsewhere", _("From elsewhere than the data subject (GDPR 14)")),
    ("both", _("Both from the data subject and from elsewhere (GDPR 13 and 14)")),
]
SOURCE_KIND_CHOICES = [
    ("data_subject", _("The data subject")),
    ("public", _("A publicly accessible source")),
    ("controller", _("Another controller or a partner")),
    ("authority", _("An authority or a public register")),
    ("employer", _("The employer or the organisation")),
    ("other", _("Other source")),
]

# --- GDPR 13(2)(b),(c): the data subject's rights -------------------------------------

RIGHT_CHOICES = [
    ("access", _("Right of access (GDPR 15)")),
    ("rectification", _("Right to rectification (GDPR 16)")),
    ("erasure", _("Right to erasure (GDPR 17)")),
    ("restriction", _("Right to restriction of processing (GDPR 18)")),
    ("portability", _("Right to data portability (GDPR 20)")),
    ("object", _("Right to object (GDPR 21)")),
    ("withdraw_consent", _("Right to withdraw consent at any time (GDPR 7(3))")),
    (
        "automated_decisions",
        _(
            "Right not to be subject to a decision based solely on automated "
            "processing (GDPR 22)"
        ),
    ),
]


def choice_label(choices, value) -> str:
    """The label of ``value`` in ``choices`` (in the active language), else ``""``."""
    return str(dict(choices).get(value, "")) if value else ""
