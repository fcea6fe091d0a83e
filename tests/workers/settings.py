"""The development settings with one quick retry, for the worker tests: a failed
attempt is retried after a second, by the next run of the worker."""

from project.settings.dev import *  # noqa: F403

REKISTERI_CMS_WEBHOOK_RETRY_DELAYS = (1,)
REKISTERI_CMS_WEBHOOK_RETRY_JITTER = 0
