"""Query parameters of the notice API: parsed, or answered with a JSON error."""

from __future__ import annotations

from datetime import UTC, datetime, time

from django.conf import settings
from django.http import HttpRequest
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from ..conf import get_setting
from .errors import APIError

MAX_SLUG_LENGTH = 255
MAX_PARAM_LENGTH = 100


def available_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def parse_locale(request: HttpRequest) -> str:
    locale = request.GET.get("locale") or get_setting("REKISTERI_CMS_DEFAULT_LOCALE")
    if locale not in available_languages():
        raise APIError(
            404,
            _("Unknown locale “%(locale)s”. Available locales: %(locales)s.")
            % {
                "locale": locale[:MAX_PARAM_LENGTH],
                "locales": ", ".join(available_languages()),
            },
            "unknown_locale",
            available_locales=available_languages(),
        )
    return locale


def parse_as_of(value: str | None) -> datetime | None:
    """``as_of`` as an aware datetime: ISO 8601 date-time (naive = UTC) or date."""
    if value is None or value == "":
        return None
    parsed = None
    if len(value) <= MAX_PARAM_LENGTH:
        try:
            # A date first: parse_datetime() would read "2024-05-01" as midnight,
            # but a date means the whole day, so its end.
            day = parse_date(value)
            if day is not None:
                parsed = datetime.combine(day, time.max)
            else:
                parsed = parse_datetime(value)
            if parsed is not None and parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=UTC)
            if parsed is not None:
                # The database compares it in UTC: an offset can carry a moment
                # in year 1 or 9999 out of datetime's range (OverflowError).
                parsed = parsed.astimezone(UTC)
        except (ValueError, OverflowError):
            parsed = None
    if parsed is None:
        raise APIError(
            400,
            _(
                "“as_of” must be an ISO 8601 date or date-time, such as 2024-05-01T00:00:00Z."
            ),
            "invalid_as_of",
        )
    return parsed


def parse_positive_int(
    value: str | None, name: str, *, default: int | None = None
) -> int:
    if value is None or value == "":
        if default is not None:
            return default
        raise APIError(
            400,
            _("The parameter “%(name)s” is required.") % {"name": name},
            f"missing_{name}",
        )
    # ASCII digits only: str.isdigit() admits "²", which int() refuses.
    if len(value) > 9 or not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise APIError(
            400,
            _("The parameter “%(name)s” must be a positive whole number.")
            % {"name": name},
            f"invalid_{name}",
        )
    return int(value)


def storable(value: str) -> bool:
    """Whether ``value`` can be compared with a text column at all.

    PostgreSQL text cannot hold NUL: a query with one fails (a 500) instead of
    matching nothing, so such a value is answered before it reaches the database.
    """
    return "\x00" not in value


def check_slug(slug: str) -> str:
    if len(slug) > MAX_SLUG_LENGTH or not storable(slug):
        raise APIError(404, _("No published notice has this address."), "not_found")
    return slug
