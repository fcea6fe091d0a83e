"""Load benchmark of the public endpoints: ``make bench`` (never part of ``make test``)."""
