"""The development settings with one quick retry, for the worker tests: a failed
attempt is retried after a second, by the next run of the worker, and one that a
killed worker never finished is queued again two seconds later. The tests that
kill a process mid-publication get their pause from :mod:`tests.workers.hooks`."""

from project.settings.dev import *  # noqa: F403

REKISTERI_CMS_WEBHOOK_RETRY_DELAYS = (1,)
REKISTERI_CMS_WEBHOOK_RETRY_JITTER = 0
# An attempt's time limit, and how late it may be before `webhooks requeue` takes
# it for lost: a worker killed mid-attempt is noticed within seconds.
REKISTERI_CMS_WEBHOOK_TIMEOUT = 2
REKISTERI_CMS_WEBHOOK_REQUEUE_AFTER = 0
INSTALLED_APPS = [*INSTALLED_APPS, "tests.workers.hooks.PauseInPublication"]  # noqa: F405
