"""Query parameters of the notice API: parsed, or answered with a JSON error."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpRequest
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.fi import ytunnus

from ..cache.keys import accepted_languages, normalise_locale
from .errors import APIError

MAX_SLUG_LENGTH = 255
MAX_PARAM_LENGTH = 100
#: A date in ``as_of`` means the end of that day where the notices are kept.
AS_OF_TIME_ZONE = ZoneInfo("Europe/Helsinki")
#: ``…T10:00:00 02:00``: a ``+`` of an offset that a form encoding turned into a space.
OFFSET_AS_SPACE = re.compile(
    r"^(\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?) (\d\d:?\d\d)$"
)


def available_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Language:
    """The language a reader wants: ``locale`` when given, else the site's
    languages in the order of ``Accept-Language`` (then the default locale)."""

    requested: str | None
    preferences: tuple[str, ...]

    def rank(self, code: str) -> int:
        order = (self.requested,) if self.requested else self.preferences
        return order.index(code) if code in order else len(order)

    def choose(self, available) -> str | None:
        """The best of ``available``; ``None`` when ``locale`` asks for another."""
        if self.requested:
            return self.requested if self.requested in available else None
        for code in self.preferences:
            if code in available:
                return code
        return sorted(available)[0] if available else None

    @property
    def negotiated(self) -> bool:
        return self.requested is None

    def key(self) -> tuple:
        """What the response depends on: a bounded value for cache keys."""
        return (self.requested,) if self.requested else ("~", *self.preferences)


def parse_language(request: HttpRequest) -> Language:
    """``locale`` (normalised), or the reader's ``Accept-Language`` preferences."""
    value = request.GET.get("locale")
    if value:
        locale = normalise_locale(value)
        if locale not in available_languages():
            raise APIError(
                404,
                _("Unknown locale “%(locale)s”. Available locales: %(locales)s.")
                % {
                    "locale": value[:MAX_PARAM_LENGTH],
                    "locales": ", ".join(available_languages()),
                },
                "unknown_locale",
                available_locales=available_languages(),
            )
        return Language(locale, (locale,))
    return Language(
        None, accepted_languages(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    )


def parse_business_id(value: str) -> str:
    """A business ID (Y-tunnus) in any common form, as ``2311066-7``: ``23110667``
    and ``FI23110667`` (the VAT number) too; a wrong check digit is a 400."""
    if value == "":
        return ""
    if len(value) > MAX_PARAM_LENGTH:
        raise APIError(
            400, _("The parameter “controller” is too long."), "invalid_controller"
        )
    compact = re.sub(r"[\s.-]", "", value).upper()
    if compact.startswith("FI"):
        compact = compact[2:]
    if len(compact) == 7 and compact.isascii() and compact.isdigit():
        compact = "0" + compact  # an old business ID without its leading zero
    try:
        return ytunnus.format(ytunnus.validate(compact))
    except StdnumValidationError:
        raise APIError(
            400,
            _(
                "“controller” is not a valid Finnish business ID (Y-tunnus), such as 2311066-7."
            ),
            "invalid_controller",
        ) from None


def parse_as_of(value: str | None) -> datetime | None:
    """``as_of`` as an aware datetime: an RFC 3339 date-time (without an offset it
    is UTC) or a date, meaning the end of that day in Europe/Helsinki."""
    if value is None or value == "":
        return None
    spaced = OFFSET_AS_SPACE.match(value)
    if spaced:
        # "+02:00" sent unencoded in a query string arrives as " 02:00".
        value = f"{spaced.group(1)}+{spaced.group(2)}"
    parsed = None
    if len(value) <= MAX_PARAM_LENGTH:
        try:
            # A date first: parse_datetime() would read "2024-05-01" as midnight,
            # but a date means the whole day, so its end.
            day = parse_date(value)
            if day is not None:
                parsed = datetime.combine(day, time.max, tzinfo=AS_OF_TIME_ZONE)
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
                "“as_of” must be an RFC 3339 date-time or a date, such as "
                "2024-05-01T00:00:00Z or 2024-05-01. In a query string, write the "
                "“+” of an offset as “%(plus)s”."
            )
            % {"plus": "%2B"},
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
