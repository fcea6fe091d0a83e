"""Admin screens and editor actions of the notices, one module per screen."""
