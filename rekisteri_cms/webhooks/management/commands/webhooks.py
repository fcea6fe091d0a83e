"""``manage.py webhooks add|list|remove|rotate-secret|test|prune|requeue``: endpoints
for scripts, the pruning of the delivery log, and the deliveries a dead worker left."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from ....conf import get_setting
from ....validators import normalize_business_id
from ... import events
from ...delivery import requeue_overdue
from ...models import EVENT_TYPES, WebhookDelivery, WebhookEndpoint, WebhookEvent
from ...tasks import enqueue_delivery


class Command(BaseCommand):
    help = "Manage webhook endpoints and prune the delivery log."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="Add an endpoint; prints its secret once.")
        add.add_argument("url")
        add.add_argument("--name", default="")
        add.add_argument(
            "--event",
            action="append",
            choices=EVENT_TYPES,
            help="An event it wants (repeat); all events when left out.",
        )
        add.add_argument("--controller", default="", help="Only this Y-tunnus.")
        add.add_argument("--locale", default="", help="Only this language.")
        add.add_argument("--inactive", action="store_true")
        sub.add_parser("list", help="List the endpoints (never their secrets).")
        remove = sub.add_parser("remove", help="Remove an endpoint and its log.")
        remove.add_argument("endpoint", type=int)
        rotate = sub.add_parser(
            "rotate-secret", help="A new secret; the old one signs during the overlap."
        )
        rotate.add_argument("endpoint", type=int)
        rotate.add_argument(
            "--overlap", type=float, default=None, help="Seconds (default: setting)."
        )
        test = sub.add_parser("test", help="Queue a webhook.test event.")
        test.add_argument("endpoint", type=int)
        sub.add_parser(
            "requeue",
            help="Queue again the pending deliveries that are overdue (a worker "
            "killed in the middle of an attempt, a lost task).",
        )
        prune = sub.add_parser("prune", help="Delete old finished deliveries.")
        prune.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep this many days (default: REKISTERI_CMS_WEBHOOK_RETENTION_DAYS).",
        )

    def handle(self, *args, action, **options):
        handler = getattr(self, "handle_" + action.replace("-", "_"))
        with transaction.atomic():
            handler(**options)

    def endpoint(self, pk) -> WebhookEndpoint:
        try:
            return WebhookEndpoint.objects.get(pk=pk)
        except WebhookEndpoint.DoesNotExist as error:
            raise CommandError(f"No webhook endpoint {pk}.") from error

    def handle_add(self, *, url, name, event, controller, locale, inactive, **_):
        try:
            business_id = normalize_business_id(controller) if controller else ""
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        endpoint = WebhookEndpoint(
            name=name or url[:100],
            url=url,
            events=list(dict.fromkeys(event or EVENT_TYPES)),
            controller_business_id=business_id,
            locale=locale,
            is_active=not inactive,
        )
        try:
            endpoint.full_clean()
        except ValidationError as error:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            ) from error
        endpoint.save()
        self.stdout.write(f"id: {endpoint.pk}")
        self.stdout.write(f"secret: {endpoint.secret}")
        self.stderr.write("The secret is shown only now: store it in the receiver.")

    def handle_list(self, **_):
        for endpoint in WebhookEndpoint.objects.all():
            state = "active" if endpoint.is_active else "inactive"
            if not endpoint.is_active and endpoint.disabled_at:
                state = f"switched off {endpoint.disabled_at:%Y-%m-%d %H:%M}"
            filters = " ".join(
                part
                for part in (endpoint.controller_business_id, endpoint.locale)
                if part
            )
            self.stdout.write(
                f"{endpoint.pk}\t{endpoint.name}\t{endpoint.url}\t{state}\t"
                f"{','.join(endpoint.events)}\t{filters}"
            )

    def handle_remove(self, *, endpoint, **_):
        found = self.endpoint(endpoint)
        found.delete()
        self.stdout.write(f"Removed endpoint {endpoint}.")

    def handle_rotate_secret(self, *, endpoint, overlap, **_):
        found = self.endpoint(endpoint)
        secret = found.rotate_secret(overlap)
        self.stdout.write(f"secret: {secret}")
        self.stderr.write(
            "The previous secret still signs until "
            f"{found.previous_secret_expires_at:%Y-%m-%d %H:%M:%S %Z}."
        )

    def handle_test(self, *, endpoint, **_):
        delivery = events.send_test_event(self.endpoint(endpoint))
        self.stdout.write(
            f"Queued test delivery {delivery.pk} ({delivery.message_id})."
        )

    def handle_prune(self, *, days, **_):
        if days is None:
            days = get_setting("REKISTERI_CMS_WEBHOOK_RETENTION_DAYS")
        before = timezone.now() - timedelta(days=days)
        deleted, _details = (
            WebhookDelivery.objects.exclude(status=WebhookDelivery.Status.PENDING)
            .filter(finished_at__lt=before)
            .delete()
        )
        orphans, _details = WebhookEvent.objects.filter(
            created_at__lt=before, deliveries__isnull=True
        ).delete()
        self.stdout.write(f"Pruned {deleted} delivery records and {orphans} events.")

    def handle_requeue(self, **_):
        ids = requeue_overdue(enqueue_delivery)
        self.stdout.write(f"Queued {len(ids)} overdue deliveries again.")
