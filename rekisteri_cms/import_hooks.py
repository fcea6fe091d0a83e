"""Admin wiring of the notice importer (registered from ``wagtail_hooks``)."""
