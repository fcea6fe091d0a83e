"""Structured, reviewed and versioned Finnish privacy notices for Wagtail."""

__version__ = "0.1.0"
