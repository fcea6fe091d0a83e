"""The controller snippet (rekisterinpitäjä) chosen in a notice's controller section."""

from __future__ import annotations

import contextlib

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from ..validators import (
    normalize_business_id,
    normalize_origins,
    normalize_phone,
    normalize_postal_code,
    validate_business_id,
    validate_origins,
    validate_phone,
    validate_postal_code,
)
from .workflows import UnapprovedRevisionError, publication_allowed


class Controller(
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """The controller (rekisterinpitäjä) of a register. GDPR 13(1)(a); HTL 10 § 1.

    Identifiers (Y-tunnus, phone, e-mail, address) are the same in every language:
    wagtail-localize synchronises them instead of offering them for translation.

    A change reaches readers only through the Legal review
    (docs/review-workflow.md#controllers): editing saves a draft revision, and the
    row (what notices read when a version is recorded) changes only when the
    revision is published, by a legal reviewer's approval or an administrator. A
    controller that was never published (``live`` false) holds a draft in its row:
    no notice naming it can be published.
    """

    name = models.CharField(_("name"), max_length=255)
    business_id = models.CharField(
        _("business ID (Y-tunnus)"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_(
            "Optional: associations, foreign firms and public bodies may not have one. "
            "Stored as 1234567-8."
        ),
    )
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=5, blank=True, validators=[validate_postal_code]
    )
    locality = models.CharField(_("locality"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, default="FI")
    phone = models.CharField(
        _("phone"),
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text=_("Stored in international form, for example +358401234567."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    has_dpo = models.BooleanField(
        _("has a data protection officer"),
        default=False,
        help_text=_(
            "GDPR 37: when ticked, the notice must give the DPO's contact details "
            "(GDPR 13(1)(b)): an e-mail address or a phone number; a name is not "
            "required."
        ),
    )
    dpo_name = models.CharField(_("DPO name"), max_length=255, blank=True)
    dpo_email = models.EmailField(_("DPO e-mail"), blank=True)
    dpo_phone = models.CharField(
        _("DPO phone"), max_length=32, blank=True, validators=[validate_phone]
    )
    representative_name = models.CharField(
        _("representative's name"),
        max_length=255,
        blank=True,
        help_text=_(
            "GDPR 27: a controller established outside the EU that offers goods or "
            "services to people in the EU or monitors their behaviour designates a "
            "representative in the EU. Leave empty otherwise."
        ),
    )
    representative_address = models.TextField(
        _("representative's postal address"), blank=True
    )
    representative_email = models.EmailField(_("representative's e-mail"), blank=True)
    representative_phone = models.CharField(
        _("representative's phone"),
        max_length=32,
        blank=True,
        validators=[validate_phone],
    )
    joint_controllers = models.TextField(
        _("joint controllers"),
        blank=True,
        help_text=_(
            "GDPR 26: the other controllers that determine the purposes and means of "
            "the processing together with this one, with their contact details."
        ),
    )
    joint_arrangement = models.TextField(
        _("essence of the joint controllers' arrangement"),
        blank=True,
        help_text=_(
            "GDPR 26(2): the essence of the arrangement, made available to the data "
            "subjects: who provides the information, and to whom they turn to "
            "exercise their rights."
        ),
    )
    embed_origins = models.TextField(
        _("sites allowed to embed the notices"),
        blank=True,
        validators=[validate_origins],
        help_text=_(
            "The web shops and other sites that may show this controller's notices "
            "in a frame, one address a line, for example https://kauppa.example. "
            "Empty: no site may frame them. The script embed works on any site."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("business_id"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("locality")]),
                FieldPanel("country"),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("has_dpo"),
                FieldPanel("dpo_name"),
                FieldPanel("dpo_email"),
                FieldPanel("dpo_phone"),
            ],
            heading=_("Data protection officer"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("representative_name"),
                FieldPanel("representative_address"),
                FieldRowPanel(
                    [
                        FieldPanel("representative_email"),
                        FieldPanel("representative_phone"),
                    ]
                ),
            ],
            heading=_("Representative in the EU (GDPR 27)"),
        ),
        MultiFieldPanel(
            [FieldPanel("joint_controllers"), FieldPanel("joint_arrangement")],
            heading=_("Joint controllers (GDPR 26)"),
        ),
        MultiFieldPanel(
            [FieldPanel("embed_origins")],
            heading=_("Embedding"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.FilterField("business_id"),
        index.AutocompleteField("name"),
    ]
    #: Identifiers and contact details are the same in every language:
    #: wagtail-localize copies them from the source instead of translating them.
    #: A translator may override only what has a name in another language: the
    #: street and locality (Mannerheimvägen, Helsingfors) and the website.
    override_translatable_fields = [
        *(
            SynchronizedField(name, overridable=False)
            for name in (
                "business_id",
                "postal_code",
                "country",
                "phone",
                "email",
                "has_dpo",
                "dpo_email",
                "dpo_phone",
                "representative_email",
                "representative_phone",
                "embed_origins",
            )
        ),
        *(
            SynchronizedField(name)
            for name in (
                "street_address",
                "locality",
                "website",
                "representative_address",
            )
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("controller")
        verbose_name_plural = _("controllers")
        ordering = ["name"]

    def __str__(self):
        if self.business_id:
            return f"{self.name} ({self.business_id})"
        return self.name

    def clean(self):
        super().clean()
        # Store identifiers in one canonical form; invalid values have already been
        # reported on their fields by the validators.
        for field, normalize in (
            ("business_id", normalize_business_id),
            ("postal_code", normalize_postal_code),
            ("phone", normalize_phone),
            ("dpo_phone", normalize_phone),
            ("representative_phone", normalize_phone),
        ):
            value = getattr(self, field).strip()
            if value:
                with contextlib.suppress(ValidationError):
                    setattr(self, field, normalize(value))
        with contextlib.suppress(ValidationError):
            self.embed_origins = normalize_origins(self.embed_origins)
        if self.has_dpo and not (self.dpo_email or self.dpo_phone):
            raise ValidationError(
                {
                    "dpo_email": _(
                        "Give the data protection officer's e-mail or phone number "
                        "(GDPR 13(1)(b))."
                    )
                }
            )
        representative_contact = (
            self.representative_address.strip()
            or self.representative_email
            or self.representative_phone
        )
        if self.representative_name.strip() and not representative_contact:
            raise ValidationError(
                {
                    "representative_email": _(
                        "Give the representative's postal address, e-mail or phone "
                        "number (GDPR 13(1)(a))."
                    )
                }
            )
        if representative_contact and not self.representative_name.strip():
            raise ValidationError(
                {"representative_name": _("Give the representative's name.")}
            )
        if self.joint_controllers.strip() and not self.joint_arrangement.strip():
            raise ValidationError(
                {
                    "joint_arrangement": _(
                        "Describe the essence of the arrangement between the joint "
                        "controllers (GDPR 26(2))."
                    )
                }
            )

    def is_synced_translation(self) -> bool:
        """Whether this is a translation of an approved controller.

        wagtail-localize publishes such a translation itself (no user) when it
        synchronises a translated notice. Its identifiers are synchronised from the
        approved source, never translated; its address in the other language is
        reviewed with the translated notice that names it, and readers only ever
        see a controller through a notice's approved version
        (docs/review-workflow.md#controllers).
        """
        translation_key = getattr(self, "translation_key", None)
        return (
            translation_key is not None
            and type(self)
            ._default_manager.filter(translation_key=translation_key, live=True)
            .exclude(pk=self.pk)
            .exists()
        )

    def publish(self, revision, user=None, *args, **kwargs):
        """Publish ``revision`` only if a legal reviewer approved it.

        The Legal review's approval publishes through the finish action; an
        administrator may publish directly. Everybody and everything else
        (a ``publish_controller`` grant, code, the admin API) is refused.
        """
        if not (
            publication_allowed(self, revision, user)
            or (user is None and self.is_synced_translation())
        ):
            raise UnapprovedRevisionError(
                _(
                    "A legal reviewer must approve this change of the controller "
                    "before it is published."
                )
            )
        # A draft may leave required fields empty (Wagtail defers them); what is
        # published must be whole.
        revision.as_object().full_clean(
            validate_unique=False, validate_constraints=False
        )
        return super().publish(revision, user, *args, **kwargs)

    @property
    def frame_ancestors(self) -> list[str]:
        """The origins allowed to frame this controller's notices (may be empty)."""
        return [line for line in self.embed_origins.split() if line]

    def as_api_dict(self) -> dict[str, str | None]:
        """The controller as the notice API and the importer describe it."""
        return {
            "name": self.name,
            "business_id": self.business_id or None,
            "street_address": self.street_address or None,
            "postal_code": self.postal_code or None,
            "locality": self.locality or None,
            "country": self.country or None,
            "phone": self.phone or None,
            "email": self.email or None,
            "website": self.website or None,
        }

    def representative_api_dict(self) -> dict[str, str | None] | None:
        """The representative in the EU (GDPR 27), or ``None`` when there is none."""
        if not self.representative_name:
            return None
        return {
            "name": self.representative_name,
            "address": self.representative_address or None,
            "email": self.representative_email or None,
            "phone": self.representative_phone or None,
        }

    def joint_controllers_api_dict(self) -> dict[str, str] | None:
        """The joint controllers and their arrangement (GDPR 26), or ``None``."""
        if not self.joint_controllers:
            return None
        return {
            "controllers": self.joint_controllers,
            "arrangement": self.joint_arrangement,
        }
