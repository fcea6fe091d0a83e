"""Standard Webhooks signatures (the ``standardwebhooks`` library).

A secret is ``whsec_`` and 32 random bytes in base64. During a rotation's overlap a
message carries one signature per secret, separated by a space, as the standard
allows: a receiver that knows either secret verifies it.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterable
from datetime import datetime

from standardwebhooks.webhooks import Webhook

SECRET_PREFIX = "whsec_"  # noqa: S105 - the standard prefix, not a secret


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signature(
    secrets_: Iterable[str], message_id: str, timestamp: datetime, body: bytes
) -> str:
    return " ".join(
        Webhook(secret).sign(message_id, timestamp, body) for secret in secrets_
    )


def headers(
    secrets_: Iterable[str], message_id: str, timestamp: datetime, body: bytes
) -> dict[str, str]:
    """The three Standard Webhooks headers of one attempt."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(timestamp.timestamp())),
        "webhook-signature": signature(secrets_, message_id, timestamp, body),
    }
