"""Ready-to-embed notices (docs/api.md#embeds): ``/embed.js`` and ``/embed/<id>/``.

``embed.js`` renders a notice from the API into a shadow root on any site;
``/embed/<id>/`` is the notice as a page for an ``<iframe>``, which only the sites
in its controller's allow-list may frame.
"""
