"""Dates written in a notice, in Finnish, Swedish and numeric forms."""

from __future__ import annotations

import re
from datetime import date

# fmt: off
_FI_MONTHS = (
    "tammi", "helmi", "maalis", "huhti", "touko", "kesä", "heinä", "elo", "syys",
    "loka", "marras", "joulu",
)
_SV_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
    "september", "oktober", "november", "december",
)
_EN_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)
# fmt: on
_NUMERIC_DATE_RE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_ISO_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_FI_MONTH_DATE_RE = re.compile(
    r"\b(\d{1,2})\.?\s+(" + "|".join(_FI_MONTHS) + r")kuuta\s+(\d{4})\b",
    re.IGNORECASE,
)
_SV_MONTH_DATE_RE = re.compile(
    r"\b(\d{1,2})\s+(" + "|".join(_SV_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE
)
_EN_MONTH_DATE_RE = re.compile(
    r"\b(\d{1,2})\s+(" + "|".join(_EN_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE
)


def parse_date(text: str) -> date | None:
    """The first date in ``text`` ("31.5.2008", "2008-05-31", "31. toukokuuta
    2008", "31 maj 2008", "31 May 2008"), or ``None`` when there is no valid one."""
    candidates: list[tuple[int, int, int, int]] = []  # position, y, m, d
    for match in _NUMERIC_DATE_RE.finditer(text):
        d, m, y = (int(g) for g in match.groups())
        candidates.append((match.start(), y, m, d))
    for match in _ISO_DATE_RE.finditer(text):
        y, m, d = (int(g) for g in match.groups())
        candidates.append((match.start(), y, m, d))
    for regex, months in (
        (_FI_MONTH_DATE_RE, _FI_MONTHS),
        (_SV_MONTH_DATE_RE, _SV_MONTHS),
        (_EN_MONTH_DATE_RE, _EN_MONTHS),
    ):
        for match in regex.finditer(text):
            month = months.index(match.group(2).lower()) + 1
            candidates.append(
                (match.start(), int(match.group(3)), month, int(match.group(1)))
            )
    for _pos, y, m, d in sorted(candidates):
        try:
            return date(y, m, d)
        except ValueError:
            continue
    return None
