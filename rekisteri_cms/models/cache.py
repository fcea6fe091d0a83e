"""The database's record of what the response cache must forget.

One row per cache tag (``all``, ``list``, ``slug:<slug>``) with the generation at
which it was last invalidated, and the row ``sequence`` that counts the
invalidations. They are written in the publishing transaction, so they are true
whatever happened to the cache meanwhile; :mod:`rekisteri_cms.cache.tags` reads
them (through the app registry: the cache sits below the models).
"""

from __future__ import annotations

from django.db import models


class CacheGeneration(models.Model):
    """The generation at which the cache tag ``tag`` was last invalidated."""

    tag = models.CharField(max_length=300, primary_key=True)
    generation = models.BigIntegerField(default=0)
    #: When the tag was last invalidated (on ``sequence``: when the public
    #: notices last changed, a list's oldest possible ``Last-Modified``).
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "cache generation"

    def __str__(self) -> str:
        return f"{self.tag}: {self.generation}"
