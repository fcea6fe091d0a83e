"""The cache of public responses: its tags (:mod:`.tags`), the stored API responses
(:mod:`.responses`) and the middleware that answers anonymous readers from it
(:mod:`.middleware`). It knows no model: the pages and the API tell it what they
show."""
