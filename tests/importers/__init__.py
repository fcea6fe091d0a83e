"""Tests of the notice importer (``rekisteri_cms.importers``)."""
