"""Webhooks to storefronts: what a publication sends, signed, to whom, and retries.

docs/operations.md#webhooks. Each test runs a real HTTP receiver on 127.0.0.1 and
verifies what it got with the ``standardwebhooks`` library. The suite's task backend
is the immediate one (a delivery runs when the publication commits); the tests of
queueing, back-off and a hanging receiver use the database backend and run its
ready tasks themselves.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from standardwebhooks.webhooks import WebhookVerificationError

from rekisteri_cms.models import NoticeVersion
from rekisteri_cms.webhooks import events
from rekisteri_cms.webhooks.addresses import AddressRefused, check_address
from rekisteri_cms.webhooks.delivery import parse_retry_after, retry_delay
from rekisteri_cms.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.webhook_fixtures import (
    allow_loopback,
    make_endpoint,
    queued_deliveries,
    receiver,
    run_ready_tasks,
)
from tests.workflow_fixtures import (
    draft_notice,
    edit_url,
    live_notice,
    reject,
    reviewer_client,
    submit,
    workflow_action_form,
)

__all__ = [
    "allow_loopback",
    "draft_notice",
    "live_notice",
    "receiver",
    "reviewer_client",
]

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


def approve_in_admin(client, page, capture):
    """The reviewer's approval in the page editor, its commit callbacks run."""
    with capture(execute=True):
        response = client.post(edit_url(page), workflow_action_form(page, "approve"))
    assert response.status_code == 302
    return response


# What an approval sends -----------------------------------------------------------


@pytest.mark.usefixtures("allow_loopback")
def test_approval_sends_one_signed_delivery_per_matching_endpoint(
    draft_notice,
    editor,
    reviewer_client,
    receiver,
    controller,
    django_capture_on_commit_callbacks,
):
    everything = make_endpoint(receiver, name="Kaikki")
    this_controller = make_endpoint(
        receiver, name="Rekisterinpitäjä", controller_business_id=controller.business_id
    )
    make_endpoint(receiver, name="Ruotsi", locale="sv")
    make_endpoint(receiver, name="Toinen", controller_business_id="0737546-2")
    make_endpoint(receiver, name="Pois", is_active=False)
    make_endpoint(receiver, name="Poistot", events=["notice.withdrawn"])

    submit(draft_notice, editor)
    approve_in_admin(reviewer_client, draft_notice, django_capture_on_commit_callbacks)

    version = NoticeVersion.objects.get(page=draft_notice)
    got = receiver.wait_for(2)
    assert len(got) == 2
    ids = {request.headers["webhook-id"] for request in got}
    assert len(ids) == 2
    secrets = {everything.secret, this_controller.secret}
    for request in got:
        verified = [s for s in secrets if _verifies(request, s)]
        assert len(verified) == 1
        payload = request.verify(verified[0])
        assert payload["type"] == "notice.published"
        assert payload["timestamp"].endswith("Z")
        data = payload["data"]
        assert data["id"] == str(draft_notice.translation_key)
        assert data["slug"] == draft_notice.slug
        assert data["locale"] == "fi"
        assert data["version"] == 1
        assert data["content_hash"] == version.content_hash
        assert data["page_url"] == version.html_url
        assert data["api_url"].endswith(f"/api/notices/{draft_notice.slug}/?locale=fi")
        assert request.headers["content-type"] == "application/json"
    assert WebhookDelivery.objects.filter(status="delivered").count() == 2


def _verifies(request, secret) -> bool:
    try:
        request.verify(secret)
    except WebhookVerificationError:
        return False
    return True


@pytest.mark.usefixtures("allow_loopback")
def test_draft_submission_and_rejection_send_nothing(
    draft_notice, editor, reviewer, receiver, django_capture_on_commit_callbacks
):
    make_endpoint(receiver)
    with django_capture_on_commit_callbacks(execute=True):
        draft_notice.save_revision(user=editor)
        submit(draft_notice, editor)
        reject(draft_notice, reviewer)
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


@pytest.mark.usefixtures("allow_loopback")
def test_withdrawal_sends_notice_withdrawn(
    live_notice, receiver, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver, events=["notice.withdrawn"])
    with django_capture_on_commit_callbacks(execute=True):
        live_notice.unpublish()
    (request,) = receiver.wait_for(1)
    payload = request.verify(endpoint.secret)
    assert payload["type"] == "notice.withdrawn"
    assert payload["data"]["id"] == str(live_notice.translation_key)
    assert payload["data"]["version"] == 1
    assert "withdrawn_at" in payload["data"]


@pytest.mark.usefixtures("allow_loopback")
def test_deleting_a_live_notice_sends_notice_withdrawn(
    live_notice, receiver, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver, events=["notice.withdrawn"])
    key = str(live_notice.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        live_notice.delete()
    (request,) = receiver.wait_for(1)
    payload = request.verify(endpoint.secret)
    assert payload["type"] == "notice.withdrawn"
    assert payload["data"]["id"] == key


def test_a_translation_is_its_own_event_type(live_notice):
    version = NoticeVersion.objects.get(page=live_notice)
    endpoint = WebhookEndpoint.objects.create(
        name="Käännökset",
        url="https://shop.example.com/hook",
        events=["notice.translation_published"],
    )
    assert events.notice_version_published(version) is None  # not a translation
    version.source_version = 1
    event = events.notice_version_published(version)
    assert event.type == "notice.translation_published"
    assert event.deliveries.get().endpoint == endpoint


# Retries -------------------------------------------------------------------------------


@pytest.mark.usefixtures("allow_loopback")
def test_receiver_failing_twice_gets_the_third_attempt_with_the_same_id(
    live_notice, receiver, settings, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver)
    receiver.answer(500, (500, {}, b"busy"), (200, {}, b"thanks"))
    with django_capture_on_commit_callbacks(execute=True):
        events.send_test_event(endpoint)
    got = receiver.wait_for(3)
    assert len(got) == 3
    assert len({request.headers["webhook-id"] for request in got}) == 1
    bodies = {request.body for request in got}
    assert len(bodies) == 1
    for request in got:
        request.verify(endpoint.secret)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered"
    assert delivery.attempt_count == 3
    assert [a.status_code for a in delivery.attempts.all()] == [500, 500, 200]
    assert [a.response_excerpt for a in delivery.attempts.all()][1:] == [
        "busy",
        "thanks",
    ]
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0


@pytest.mark.usefixtures("allow_loopback")
def test_retry_is_deferred_with_backoff_and_retry_after(
    live_notice, receiver, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    settings.REKISTERI_CMS_WEBHOOK_RETRY_DELAYS = (60, 300)
    settings.REKISTERI_CMS_WEBHOOK_RETRY_JITTER = 0.2
    endpoint = make_endpoint(receiver)
    receiver.answer((429, {"Retry-After": "600"}, b""), 503, 200)
    with django_capture_on_commit_callbacks(execute=True):
        events.send_test_event(endpoint)
    assert receiver.received == []  # queued, not sent
    assert run_ready_tasks() == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending"
    waited = (delivery.next_attempt_at - timezone.now()).total_seconds()
    assert 590 < waited <= 600  # Retry-After beats 60 s ± 20 %
    assert run_ready_tasks() == 0  # nothing due yet
    queued_deliveries().filter(status="READY").update(run_after=timezone.now())
    assert run_ready_tasks() == 1
    delivery.refresh_from_db()
    waited = (delivery.next_attempt_at - timezone.now()).total_seconds()
    assert 230 < waited <= 360  # 300 s ± 20 %
    queued_deliveries().filter(status="READY").update(run_after=timezone.now())
    assert run_ready_tasks() == 1
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1


@pytest.mark.usefixtures("allow_loopback")
def test_last_failed_attempt_fails_the_delivery_and_failures_switch_off(
    live_notice, receiver, settings, django_capture_on_commit_callbacks, admin_client
):
    settings.REKISTERI_CMS_WEBHOOK_RETRY_DELAYS = (1,)
    settings.REKISTERI_CMS_WEBHOOK_DISABLE_AFTER = 2
    endpoint = make_endpoint(receiver, events=["notice.withdrawn", "notice.published"])
    receiver.answer(502)
    version = NoticeVersion.objects.get(page=live_notice)
    for _round in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            events.notice_version_published(version)
    assert len(receiver.received) == 4  # two attempts each
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"failed"}
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    assert endpoint.disabled_at is not None
    dashboard = admin_client.get("/admin/").content.decode()
    assert endpoint.name in dashboard
    assert "webhooks-disabled-heading" in dashboard
    # A switched-off endpoint gets nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert events.notice_version_published(version) is None


@pytest.mark.usefixtures("allow_loopback")
def test_client_errors_and_redirects_are_not_retried(
    live_notice, receiver, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver)
    receiver.answer((301, {"Location": "https://elsewhere.example/"}, b""))
    with django_capture_on_commit_callbacks(execute=True):
        events.send_test_event(endpoint)
    assert len(receiver.received) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.last_status_code == 301


def test_retry_delays_and_retry_after(settings):
    settings.REKISTERI_CMS_WEBHOOK_RETRY_JITTER = 0
    assert [retry_delay(n, None) for n in range(1, 7)] == [
        60,
        300,
        1800,
        7200,
        28800,
        None,
    ]
    assert retry_delay(1, 3600) == 3600
    settings.REKISTERI_CMS_WEBHOOK_MAX_RETRY_AFTER = 900
    assert retry_delay(1, 10**6) == 900
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0
    assert parse_retry_after("soon") is None


# The approval does not wait for receivers ---------------------------------------------


@pytest.mark.usefixtures("allow_loopback")
def test_a_hanging_receiver_never_delays_the_approval(
    draft_notice,
    editor,
    reviewer_client,
    receiver,
    settings,
    django_capture_on_commit_callbacks,
):
    import threading

    settings.TASKS = DATABASE_TASKS
    settings.REKISTERI_CMS_WEBHOOK_TIMEOUT = 0.5
    receiver.hang = threading.Event()
    make_endpoint(receiver)
    submit(draft_notice, editor)
    approve_in_admin(reviewer_client, draft_notice, django_capture_on_commit_callbacks)
    # The approval has returned; the delivery is only queued.
    assert receiver.received == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempt_count == 0
    assert queued_deliveries().filter(status="READY").count() == 1
    # A worker then meets the hanging receiver and gives up after the time limit.
    run_ready_tasks(limit=1)
    delivery.refresh_from_db()
    attempt = delivery.attempts.get()
    assert "timed out" in attempt.error.lower()
    assert delivery.status == "pending"
    assert delivery.next_attempt_at is not None


@pytest.mark.usefixtures("allow_loopback")
def test_an_events_first_attempts_go_out_side_by_side(
    db, settings, django_capture_on_commit_callbacks
):
    """With several threads a hanging receiver does not hold up the others."""
    import threading

    from tests.webhook_fixtures import start_receiver

    settings.REKISTERI_CMS_WEBHOOK_CONCURRENCY = 4
    settings.REKISTERI_CMS_WEBHOOK_TIMEOUT = 2
    settings.REKISTERI_CMS_WEBHOOK_RETRY_DELAYS = ()
    hanging, quick = start_receiver(), start_receiver()
    hanging.hang = threading.Event()
    try:
        make_endpoint(hanging, name="Jumissa")
        endpoints = [make_endpoint(quick, name=f"Nopea {n}") for n in range(3)]
        key = "3f0c6a52-5a3e-4c5b-9a57-0d2f3c7d1e44"
        with django_capture_on_commit_callbacks(execute=True):
            events.emit("notice.published", {"id": key})
        assert len(quick.received) == 3
        assert {
            r.verify(e.secret)["data"]["id"]
            for r, e in zip(
                sorted(quick.received, key=lambda r: r.headers["webhook-id"]),
                sorted(endpoints, key=lambda e: e.deliveries.get().message_id),
                strict=True,
            )
        } == {key}
        slow = WebhookDelivery.objects.get(endpoint__name="Jumissa")
        assert slow.status == "failed"
        assert "timed out" in slow.last_error.lower()
        assert WebhookDelivery.objects.filter(status="delivered").count() == 3
    finally:
        for receiver_ in (hanging, quick):
            if receiver_.hang is not None:
                receiver_.hang.set()
            receiver_.server.shutdown()
            receiver_.server.server_close()


# Secrets and rotation ---------------------------------------------------------------------


@pytest.mark.usefixtures("allow_loopback")
def test_during_the_overlap_either_secret_verifies(
    db, receiver, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver)
    old = endpoint.secret
    new = endpoint.rotate_secret(overlap=3600)
    assert new != old and new.startswith("whsec_")
    with django_capture_on_commit_callbacks(execute=True):
        events.send_test_event(endpoint)
    (request,) = receiver.wait_for(1)
    assert request.verify(old)["type"] == "webhook.test"
    assert request.verify(new)["type"] == "webhook.test"
    assert len(request.headers["webhook-signature"].split(" ")) == 2

    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        previous_secret_expires_at=timezone.now() - timedelta(seconds=1)
    )
    endpoint.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        events.send_test_event(endpoint)
    request = receiver.wait_for(2)[1]
    request.verify(new)
    with pytest.raises(WebhookVerificationError):
        request.verify(old)


# Where webhooks may go -----------------------------------------------------------------------


def test_a_private_address_is_refused_unless_allowed(
    db, receiver, settings, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver)
    with django_capture_on_commit_callbacks(execute=True):
        events.send_test_event(endpoint)
    assert receiver.received == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.attempt_count == 1  # refused: never retried
    assert delivery.last_error.startswith("refused:")

    settings.REKISTERI_CMS_WEBHOOK_ALLOWED_NETWORKS = ("127.0.0.1/32",)
    with django_capture_on_commit_callbacks(execute=True):
        events.redeliver(delivery)
    assert len(receiver.wait_for(1)) == 1
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert delivery.attempt_count == 2


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104 - an address refused, not bound
        "::1",
        "fe80::1",
        "fd00::1",
        "::ffff:127.0.0.1",
        "224.0.0.1",
    ],
)
def test_addresses_that_are_not_public_are_refused(address, settings):
    settings.REKISTERI_CMS_WEBHOOK_ALLOWED_NETWORKS = ()
    with pytest.raises(AddressRefused):
        check_address(address)


def test_public_addresses_pass(settings):
    check_address("93.184.216.34")
    check_address("2606:2800:220:1:248:1893:25c8:1946")


def test_endpoint_url_must_be_https_except_allowed_hosts(db, settings):
    from django.core.exceptions import ValidationError

    settings.REKISTERI_CMS_WEBHOOK_HTTP_HOSTS = ("127.0.0.1",)
    endpoint = WebhookEndpoint(name="x", url="http://shop.example.com/hook")
    with pytest.raises(ValidationError) as error:
        endpoint.full_clean()
    assert "url" in error.value.message_dict
    WebhookEndpoint(name="x", url="https://shop.example.com/hook").full_clean()
    WebhookEndpoint(name="x", url="http://127.0.0.1:9/hook").full_clean()
    with pytest.raises(ValidationError):
        WebhookEndpoint(name="x", url="https://user:pw@shop.example.com/").full_clean()


def test_the_body_is_canonical_json(db):
    from rekisteri_cms.webhooks.delivery import body_of
    from rekisteri_cms.webhooks.models import WebhookEvent

    event = WebhookEvent.objects.create(type="webhook.test", data={"b": "ä", "a": 1})
    body = body_of(event)
    assert json.loads(body)["data"] == {"a": 1, "b": "ä"}
    assert body == body_of(WebhookEvent.objects.get(pk=event.pk))


@pytest.mark.usefixtures("allow_loopback")
def test_attempts_whose_record_fails_are_tried_again(
    db, receiver, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import DatabaseError

    from rekisteri_cms.webhooks import tasks

    endpoint = make_endpoint(receiver)
    real = tasks.record_attempts
    calls = []

    def failing_once(deliveries, sent):
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseError("database is locked")
        return real(deliveries, sent)

    monkeypatch.setattr(tasks, "record_attempts", failing_once)
    with django_capture_on_commit_callbacks(execute=True):
        events.emit("notice.published", {"id": "3f0c6a52-5a3e-4c5b-9a57-0d2f3c7d1e44"})
    delivery = endpoint.deliveries.get()
    assert delivery.status == "delivered"
    assert delivery.attempt_count == 2  # the lost record's attempt still counts
    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"]


@pytest.mark.usefixtures("allow_loopback")
def test_deliveries_a_dead_worker_left_are_queued_again(
    db, settings, receiver, django_capture_on_commit_callbacks
):
    """A worker killed in the middle of an attempt leaves its delivery pending
    and its task taken: ``webhooks requeue`` queues the overdue ones again."""
    import io

    from django.core.management import call_command

    from rekisteri_cms.webhooks.delivery import overdue_deliveries, start_attempts

    settings.TASKS = DATABASE_TASKS
    settings.REKISTERI_CMS_WEBHOOK_REQUEUE_AFTER = 60
    endpoint = make_endpoint(receiver)
    with django_capture_on_commit_callbacks(execute=True):
        event = events.emit("notice.published", {"id": str(uuid.uuid4())})
    stalled = event.deliveries.get()
    (started,) = start_attempts([stalled.pk])  # the worker dies after this
    queued_deliveries().delete()  # its task, taken by the dead worker
    # Due again when the attempt's time limit (10 s) is over.
    assert started.next_attempt_at > timezone.now() + timedelta(seconds=9)
    # A first attempt whose task was lost (queued after the commit, never run).
    waiting = events.emit("notice.published", {"id": str(uuid.uuid4())})
    waiting = waiting.deliveries.get()

    def overdue_at(seconds: float) -> set[int]:
        later = timezone.now() + timedelta(seconds=seconds)
        return set(overdue_deliveries(later).values_list("pk", flat=True))

    assert overdue_at(0) == set()
    assert overdue_at(65) == {waiting.pk}  # the attempt may still be recorded
    assert overdue_at(75) == {waiting.pk, stalled.pk}

    WebhookDelivery.objects.update(
        next_attempt_at=None, created_at=timezone.now() - timedelta(seconds=61)
    )
    WebhookDelivery.objects.filter(pk=stalled.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=61)
    )
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("webhooks", "requeue", stdout=out)
    assert "Queued 2 overdue deliveries again." in out.getvalue()
    assert queued_deliveries().count() == 2
    assert overdue_at(0) == set()  # the next run does not queue them twice
    assert run_ready_tasks() == 2
    assert set(endpoint.deliveries.values_list("status", flat=True)) == {"delivered"}
    assert endpoint.deliveries.get(pk=stalled.pk).attempt_count == 2
    assert endpoint.deliveries.get(pk=stalled.pk).next_attempt_at is None
