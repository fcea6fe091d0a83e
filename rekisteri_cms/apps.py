from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RekisteriCmsConfig(AppConfig):
    """Privacy notices: page types, blocks, validation and the importer."""

    name = "rekisteri_cms"
    label = "rekisteri_cms"
    verbose_name = _("privacy notices")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, once the models are loaded: the admin's form and review
        # panel go on the page model, and the signal handlers are connected.
        from . import signal_handlers
        from .admin.panels import attach_to_models

        attach_to_models()
        signal_handlers.connect()
