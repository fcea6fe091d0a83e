"""Wagtail's own strings that a notice's editor meets while saving, and that
Wagtail's Finnish (and some of its Swedish) catalogue leaves English.

Listed here so that ``make messages`` keeps them in the app's catalogue, which
Django consults before Wagtail's (``rekisteri_cms`` comes first in
``INSTALLED_APPS``): the validation banner, the autosave indicator, the
autosave's refusals and its network-error dialog. They are reported upstream in CHANGELOG.md.
"""

from django.utils.translation import gettext_noop

WAGTAIL_SAVE_STRINGS = (
    gettext_noop("The page could not be saved due to validation errors."),
    gettext_noop("The page could not be created due to validation errors."),
    gettext_noop("There are validation errors, click save to highlight them."),
    gettext_noop("The page could not be saved as it is locked."),
    gettext_noop("Saving will overwrite a newer version."),
    gettext_noop("Go to the first error"),
    gettext_noop("The slug '%(page_slug)s' is already in use within the parent page."),
    gettext_noop("Autosave is paused"),
    gettext_noop("Autosave is <span>paused</span>"),
    gettext_noop("Saved"),
    gettext_noop("A network error occurred"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the "
        "editor in a separate tab to view the last saved version."
    ),
    gettext_noop("View latest version"),
    gettext_noop(
        "Correct the validation errors to resume preview (saving will highlight errors)"
    ),
)
