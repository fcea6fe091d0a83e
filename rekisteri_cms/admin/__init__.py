"""The Wagtail admin of the notices: the page form and review panel, the review and
translation screens, the viewsets and their URLs.

Registered in ``rekisteri_cms.wagtail_hooks``; the form and the review panel are
put on the page model when the app is ready (:func:`.panels.attach_to_models`).
"""
