"""The site's sitemap: every language's tree, not only the default language's."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists the site root's descendants in one locale; a notice
    published in Swedish or English lives under the root's translation, so the
    sitemap walks the root page of every locale."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        in_a_tree = Q()
        for page in roots:
            in_a_tree |= Q(path__startswith=page.path)
        return (
            Page.objects.live()
            .public()
            .filter(in_a_tree)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
