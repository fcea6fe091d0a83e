"""The webhooks' admin: endpoints and the delivery log, for administrators only."""
