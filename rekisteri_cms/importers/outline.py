"""The outline of a notice's numbered headings: a heading wrapped by hand onto a
second line, and a heading that only groups the numbered sections under it."""

from __future__ import annotations

import re

from .lines import _Line, heading_number
from .paragraphs import SOFT_WRAP_MIN_CHARS
from .placement import _Draft, _HeadingFound
from .text import _unmark

#: At most this many words on the line that continues a wrapped heading.
WRAPPED_HEADING_MAX_WORDS = 4
# The continuation of a wrapped heading: a word in lower case or an abbreviation.
_WRAPPED_START_RE = re.compile(r"^(?:[a-zåäöü]|[A-ZÅÄÖ]{2,}\b)")
# The hierarchical number a heading starts with: "2", "2.1", "§ 3".
_OUTLINE_NUMBER_RE = re.compile(r"^(?:§\s*)?(\d{1,2}(?:\.\d{1,2})*)\.?(?=[\s)])")


def continues_heading(heading: str, following: _Line) -> bool:
    """Whether ``following`` continues ``heading``, wrapped by hand ("… Euroopan
    talousalueen" / "ulkopuolelle"): a long heading without closing punctuation
    and a short next line that starts in lower case or with an abbreviation ("EU
    eller EES") and ends without a full stop."""
    words = following.clean.split()
    return (
        len(heading) >= SOFT_WRAP_MIN_CHARS
        and heading.rstrip()[-1:] not in ".:;,?!)"
        and 0 < len(words) <= WRAPPED_HEADING_MAX_WORDS
        and following.level is None
        and not following.clean.endswith(".")
        and _WRAPPED_START_RE.match(following.clean) is not None
        and heading_number(following.clean) is None
    )


def outline_number(heading: str) -> str | None:
    """ "2.1" of "2.1 Käsittelyn tarkoitus", or ``None``."""
    match = _OUTLINE_NUMBER_RE.match(_unmark(heading))
    return match.group(1) if match else None


def groups_under(current: _Draft, found: _HeadingFound) -> bool:
    """Whether ``current`` is a heading with no text of its own whose number the
    number of the heading ``found`` extends ("2" over "2.1")."""
    if any(not line.blank for line in current.body) or found.rest:
        return False
    parent, child = outline_number(current.heading), outline_number(found.heading)
    return parent is not None and child is not None and child.startswith(parent + ".")


def drop_group(group: _Draft, drafts: list[_Draft], used_keys: set[str]) -> None:
    """ "2 KÄSITTELYN PERUSTEET" straight over "2.1 Käsittelyn tarkoitus": a heading
    that only groups the numbered sections under it is not a section of its own,
    and the topic its words name is left to them."""
    drafts.remove(group)
    if not any(draft.key == group.key for draft in drafts):
        used_keys.discard(group.key)
