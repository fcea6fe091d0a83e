"""The cache of public responses: its tags (:mod:`.tags`), the stored API responses
(:mod:`.responses`) and the middleware that answers anonymous readers from it
(:mod:`.middleware`). It imports no model: the pages and the API tell it what they
show, and the record of invalidations (``CacheGeneration``, kept in the database so
that a cache outage cannot lose one) is found through the app registry."""
