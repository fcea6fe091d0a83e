"""E-mail through the task queue: the review workflow's mails never wait for, or
fail with, the mail server.

``QueuedEmailBackend`` is a Django e-mail backend (``EMAIL_BACKEND``) that turns each
message into JSON and queues ``send_queued_email``; a worker then sends it with the
backend of ``REKISTERI_CMS_QUEUED_EMAIL_BACKEND`` (SMTP by default). A mail server
that is down fails the task, which the worker logs; the publication or review that
wrote the mail has already finished.
"""

from __future__ import annotations

import base64
import logging
from email.mime.base import MIMEBase

from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django_tasks import task

from .conf import get_setting

logger = logging.getLogger(__name__)


def message_to_json(message) -> dict:
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            continue  # a prepared MIME part: not used by the app's mails
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append(
            [filename, base64.b64encode(content).decode(), mimetype or ""]
        )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        "content_subtype": message.content_subtype,
        "alternatives": [
            [str(content), mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def message_from_json(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype or None)
    return message


@task()
def send_queued_email(data: dict) -> int:
    connection = get_connection(get_setting("REKISTERI_CMS_QUEUED_EMAIL_BACKEND"))
    return connection.send_messages([message_from_json(data)]) or 0


class QueuedEmailBackend(BaseEmailBackend):
    """Queue each message for a worker instead of sending it now."""

    def send_messages(self, email_messages) -> int:
        queued = 0
        for message in email_messages:
            try:
                send_queued_email.enqueue(message_to_json(message))
            except Exception:
                # The immediate backend sends at once: a mail server that fails
                # must not fail the publication or review that wrote the mail.
                logger.exception("Could not send or queue an e-mail")
            else:
                queued += 1
        return queued
