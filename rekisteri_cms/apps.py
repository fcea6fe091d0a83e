from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RekisteriCmsConfig(AppConfig):
    """Privacy notices: page types, blocks, validation and the importer."""

    name = "rekisteri_cms"
    label = "rekisteri_cms"
    verbose_name = _("privacy notices")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
