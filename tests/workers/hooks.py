"""A pause inside the publishing transaction, for the tests that kill a process
there; installed by ``tests.workers.settings`` only, never by the site.

With ``WORKERS_TEST_PAUSE_FILE`` set, saving a notice version (the version row is
written in the same transaction as the page row, the cache generations and the
webhook event) first writes the process id to that file, then sleeps
``WORKERS_TEST_PAUSE_SECONDS``: the test sees the file and kills the process.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.apps import AppConfig
from django.db.models.signals import pre_save


def pause_in_publication(sender, instance, **kwargs):
    Path(os.environ["WORKERS_TEST_PAUSE_FILE"]).write_text(str(os.getpid()))
    time.sleep(float(os.environ.get("WORKERS_TEST_PAUSE_SECONDS", "60")))


class PauseInPublication(AppConfig):
    name = "tests.workers"
    label = "workers_test_hooks"
    default_auto_field = "django.db.models.AutoField"

    def ready(self):
        if os.environ.get("WORKERS_TEST_PAUSE_FILE"):
            pre_save.connect(
                pause_in_publication,
                sender="rekisteri_cms.NoticeVersion",
                dispatch_uid="workers_test_pause_in_publication",
            )
