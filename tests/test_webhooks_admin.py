"""The webhooks' admin and ``manage.py webhooks``: administrators only, the secret
shown once, rotation, test events, the delivery log and redelivery, pruning."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from rekisteri_cms.webhooks.models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from tests.webhook_fixtures import allow_loopback, make_endpoint, receiver

__all__ = ["allow_loopback", "receiver"]


def test_editors_and_reviewers_cannot_reach_the_webhooks(editor_client, reviewer):
    from tests.workflow_fixtures import client_for

    for client in (editor_client, client_for(reviewer)):
        for name in ("webhook_endpoints:index", "webhook_deliveries:index"):
            response = client.get(reverse(name))
            assert response.status_code in (302, 403)
        response = client.get(reverse("webhook_endpoints:add"))
        assert response.status_code in (302, 403)
    assert "Webhook" not in editor_client.get("/admin/").content.decode()


def test_administrator_adds_an_endpoint_and_sees_its_secret_once(admin_client):
    response = admin_client.post(
        reverse("webhook_endpoints:add"),
        {
            "name": "Verkkokauppa",
            "url": "https://shop.example.com/hook",
            "events": ["notice.published", "notice.withdrawn"],
            "controller_business_id": "2311066-7",
            "locale": "fi",
            "is_active": "on",
        },
    )
    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "webhook_endpoints:secret", args=[endpoint.pk]
    )
    assert endpoint.events == ["notice.published", "notice.withdrawn"]
    first = admin_client.get(response["Location"]).content.decode()
    assert endpoint.secret in first
    again = admin_client.get(response["Location"]).content.decode()
    assert endpoint.secret not in again
    listing = admin_client.get(reverse("webhook_endpoints:index")).content.decode()
    assert "Verkkokauppa" in listing
    assert endpoint.secret not in listing
    # In the admin's language (Finnish here): the menu, the status, the actions.
    assert "Webhookit" in listing and "Käytössä" in listing
    assert "Lähetä testitapahtuma" in listing and "Vaihda salainen avain" in listing
    edit = admin_client.get(reverse("webhook_endpoints:edit", args=[endpoint.pk]))
    assert endpoint.secret not in edit.content.decode()


def test_endpoint_form_refuses_plain_http_and_a_wrong_business_id(admin_client):
    response = admin_client.post(
        reverse("webhook_endpoints:add"),
        {
            "name": "x",
            "url": "http://shop.example.com/hook",
            "events": ["notice.published"],
            "controller_business_id": "1234567-2",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "url" in form.errors
    assert "controller_business_id" in form.errors
    assert not WebhookEndpoint.objects.exists()


def test_rotation_in_the_admin_shows_the_new_secret(admin_client):
    endpoint = WebhookEndpoint.objects.create(
        name="x", url="https://shop.example.com/h"
    )
    old = endpoint.secret
    url = reverse("webhook_endpoints:rotate", args=[endpoint.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url)
    endpoint.refresh_from_db()
    assert endpoint.secret != old
    assert endpoint.previous_secret == old
    assert endpoint.signing_secrets() == [endpoint.secret, old]
    shown = admin_client.get(response["Location"]).content.decode()
    assert endpoint.secret in shown


@pytest.mark.usefixtures("allow_loopback")
def test_test_event_redelivery_and_the_log(
    admin_client, receiver, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver)
    receiver.answer((404, {}, b"no such hook"))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("webhook_endpoints:test", args=[endpoint.pk])
        )
    delivery = WebhookDelivery.objects.get()
    assert response["Location"] == reverse(
        "webhook_deliveries:inspect", args=[delivery.pk]
    )
    assert delivery.status == "failed"
    page = admin_client.get(response["Location"]).content.decode()
    assert "no such hook" in page and "404" in page
    assert delivery.message_id in page

    receiver.answer(200)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("webhook_deliveries:redeliver", args=[delivery.pk]))
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert delivery.attempt_count == 2
    first, second = receiver.received
    assert first.headers["webhook-id"] == second.headers["webhook-id"]

    index = reverse("webhook_deliveries:index")
    assert "webhook.test" in admin_client.get(index).content.decode()

    def listed(**filters):
        response = admin_client.get(index, filters)
        assert response.status_code == 200
        return list(response.context["object_list"])

    assert listed() == [delivery]
    assert listed(status="failed") == []
    assert listed(status="delivered") == [delivery]
    assert listed(endpoint=endpoint.pk) == [delivery]
    assert listed(event="notice.published") == []
    assert listed(event="webhook.test") == [delivery]


# manage.py webhooks ------------------------------------------------------------------


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("webhooks", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_adds_lists_rotates_and_removes(db):
    out, err = run(
        "add",
        "https://shop.example.com/hook",
        "--name",
        "Kauppa",
        "--event",
        "notice.withdrawn",
        "--controller",
        "2311066-7",
    )
    endpoint = WebhookEndpoint.objects.get()
    assert f"secret: {endpoint.secret}" in out
    assert "only now" in err
    assert endpoint.events == ["notice.withdrawn"]
    assert endpoint.controller_business_id == "2311066-7"
    listed, _err = run("list")
    assert "Kauppa" in listed and endpoint.secret not in listed
    old = endpoint.secret
    out, _err = run("rotate-secret", str(endpoint.pk), "--overlap", "60")
    endpoint.refresh_from_db()
    assert endpoint.secret in out and endpoint.previous_secret == old
    assert endpoint.previous_secret_expires_at < timezone.now() + timedelta(seconds=61)
    run("remove", str(endpoint.pk))
    assert not WebhookEndpoint.objects.exists()


def test_command_refuses_bad_input(db):
    with pytest.raises(CommandError, match="https"):
        run("add", "http://shop.example.com/hook")
    with pytest.raises(CommandError):
        run("add", "https://shop.example.com/hook", "--controller", "123")
    with pytest.raises(CommandError, match="No webhook endpoint"):
        run("remove", "999")
    assert not WebhookEndpoint.objects.exists()


def test_prune_removes_old_finished_deliveries_only(db):
    endpoint = WebhookEndpoint.objects.create(
        name="x", url="https://shop.example.com/h"
    )
    old = timezone.now() - timedelta(days=40)
    event = WebhookEvent.objects.create(type="webhook.test", data={}, created_at=old)
    finished = WebhookDelivery.objects.create(
        event=event, endpoint=endpoint, status="delivered", finished_at=old
    )
    WebhookAttempt.objects.create(delivery=finished, number=1, started_at=old)
    recent_event = WebhookEvent.objects.create(type="webhook.test", data={})
    recent = WebhookDelivery.objects.create(
        event=recent_event,
        endpoint=endpoint,
        status="failed",
        finished_at=timezone.now(),
    )
    pending_event = WebhookEvent.objects.create(
        type="webhook.test", data={}, created_at=old
    )
    pending = WebhookDelivery.objects.create(event=pending_event, endpoint=endpoint)
    out, _err = run("prune")
    assert set(WebhookDelivery.objects.values_list("pk", flat=True)) == {
        recent.pk,
        pending.pk,
    }
    assert not WebhookEvent.objects.filter(pk=event.pk).exists()
    assert not WebhookAttempt.objects.exists()
    assert "Pruned" in out
