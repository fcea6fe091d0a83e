"""Signed change notifications (Standard Webhooks) to storefronts.

A published, translated or withdrawn notice becomes an event; each active endpoint
that wants it gets one delivery, sent by a django-tasks worker with retries. A Django
app of its own (``rekisteri_cms.webhooks``, label ``rekisteri_webhooks``): a site
that does not install it sends no webhooks. See docs/operations.md#webhooks.
"""
