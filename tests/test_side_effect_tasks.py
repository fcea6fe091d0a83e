"""Front-cache purges and the review e-mails run on the task queue, and a front
cache or a mail server that fails never fails a publication or a review."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.core import mail

from rekisteri_cms import signal_handlers
from rekisteri_cms.mail import QueuedEmailBackend, message_from_json, message_to_json
from rekisteri_cms.models import NoticeVersion
from tests.workflow_fixtures import approve, draft_notice, submit

__all__ = ["draft_notice"]

PURGED: list[list[str]] = []


class RecordingFrontCache:
    """A front-cache backend (Wagtail's interface) that records its purges."""

    def __init__(self, params):
        pass

    def invalidates_hostname(self, hostname):
        return True

    def purge_batch(self, urls):
        PURGED.append(list(urls))


class FailingFrontCache(RecordingFrontCache):
    def purge_batch(self, urls):
        raise ConnectionError("the CDN is down")


class WithFrontCacheApp:
    """The settings as the app's receivers read them, with Wagtail's front-cache
    app listed (installing it for real would rebuild the app registry)."""

    INSTALLED_APPS = [*django_settings.INSTALLED_APPS, "wagtail.contrib.frontend_cache"]

    def __getattr__(self, name):
        return getattr(django_settings, name)


@pytest.fixture
def front_cache(settings, monkeypatch):
    monkeypatch.setattr(signal_handlers, "settings", WithFrontCacheApp())
    PURGED.clear()

    def use(backend):
        settings.WAGTAILFRONTENDCACHE = {
            "cdn": {"BACKEND": f"tests.test_side_effect_tasks.{backend.__name__}"}
        }

    return use


def test_publication_purges_the_front_cache_through_a_task(
    draft_notice, editor, reviewer, front_cache, django_capture_on_commit_callbacks
):
    front_cache(RecordingFrontCache)
    submit(draft_notice, editor)
    with django_capture_on_commit_callbacks(execute=True):
        approve(draft_notice, reviewer)
    purged = [url for batch in PURGED for url in batch]
    assert any(draft_notice.slug in url for url in purged)


def test_a_failing_front_cache_never_fails_the_publication(
    draft_notice, editor, reviewer, front_cache, django_capture_on_commit_callbacks
):
    front_cache(FailingFrontCache)
    submit(draft_notice, editor)
    with django_capture_on_commit_callbacks(execute=True):
        page = approve(draft_notice, reviewer)
    assert page.live
    assert NoticeVersion.objects.filter(page=page, is_current=True).exists()


def test_queued_mail_is_sent_by_the_task_with_its_html(settings, db):
    settings.EMAIL_BACKEND = "rekisteri_cms.mail.QueuedEmailBackend"
    settings.REKISTERI_CMS_QUEUED_EMAIL_BACKEND = (
        "django.core.mail.backends.locmem.EmailBackend"
    )
    message = mail.EmailMultiAlternatives(
        "Tarkastettavana", "Teksti", "cms@example.com", ["juristi@example.com"]
    )
    message.attach_alternative("<p>Teksti</p>", "text/html")
    message.attach("liite.txt", "sisältö", "text/plain")
    assert message.send() == 1
    (sent,) = mail.outbox
    assert sent.subject == "Tarkastettavana"
    assert sent.to == ["juristi@example.com"]
    assert sent.alternatives[0][0] == "<p>Teksti</p>"
    assert sent.attachments[0][0] == "liite.txt"


class BrokenMailServer:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def test_a_failing_mail_server_never_fails_the_review(
    draft_notice, editor, reviewer, settings, db
):
    settings.EMAIL_BACKEND = "rekisteri_cms.mail.QueuedEmailBackend"
    settings.REKISTERI_CMS_QUEUED_EMAIL_BACKEND = (
        "tests.test_side_effect_tasks.BrokenMailServer"
    )
    # The immediate backend runs the task at once: it fails, and is recorded so.
    QueuedEmailBackend().send_messages([mail.EmailMessage("a", "b", to=["c@d.fi"])])
    submit(draft_notice, editor)  # notifies the reviewers by e-mail
    page = approve(draft_notice, reviewer)  # notifies the editor
    assert page.live
    assert mail.outbox == []


def test_the_queued_mail_waits_for_a_worker(settings, db):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.EMAIL_BACKEND = "rekisteri_cms.mail.QueuedEmailBackend"
    settings.REKISTERI_CMS_QUEUED_EMAIL_BACKEND = (
        "django.core.mail.backends.locmem.EmailBackend"
    )
    assert mail.EmailMessage("a", "b", to=["c@d.fi"]).send() == 1
    assert mail.outbox == []
    queued = DBTaskResult.objects.get(task_path="rekisteri_cms.mail.send_queued_email")
    queued.task.call(*queued.task_result.args)
    assert [m.subject for m in mail.outbox] == ["a"]


def test_mail_round_trips_through_json():
    message = mail.EmailMessage(
        "Aihe", "Runko", "a@example.com", ["b@example.com"], headers={"X-A": "1"}
    )
    again = message_from_json(message_to_json(message))
    assert (again.subject, again.body, again.to, again.extra_headers) == (
        "Aihe",
        "Runko",
        ["b@example.com"],
        {"X-A": "1"},
    )
