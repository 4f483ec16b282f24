"""A text dump's byline and date lines, read as its authors and dates once the cleaners have taken them out.

A page states its authors and dates in markup; a dump has only its text, and the lines that state them ("By Jane
Doe", "Published on March 5, 2024") are the ones the credits pack removes as not part of the article. Removed, they
were lost; here the first of each kind is read before it goes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime

from ._models import Removal
from .metadata._authors import parse_byline
from .metadata._dates import ParsedDate, describe, parse_datetime, plausible, visible_dates
from .metadata._relative_dates import counted_back
from .metadata._resolved import Resolved

_BYLINE_RULE = "byline.written-by"
# The rules that remove a line that is only a date (labelled "Published", "Updated" … or not) or an update stamp.
_DATE_RULES = ("byline.dateline", "update_banner.timestamp-line")
_DATE_LABEL = re.compile(
    r"^(?:by|posted|published|(?P<updated>(?:last )?(?:updated|modified|aktualisiert|actualizado|mis à jour"
    r"|atualizado)))(?:\s+(?:on|at|am|le|em|el))?\s*:?\s*",
    re.IGNORECASE,
)


def read_removed_bylines(resolved: Resolved, removed: Sequence[Removal], *, fetched: datetime | None) -> None:
    """Authors from the first byline line removed; the published date from the first date line removed, or the
    modified date when its label says "Updated"; each only when nothing else has set it. A date is read only when
    it means one day ("05.03.2024" could be March or May, and is passed over), or, given the fetch time, when it
    counts back from it ("Updated 3 hours ago"); no date later than the fetch (the time of cleaning without
    one) is believed."""
    now = fetched or datetime.now(UTC)
    byline = next((removal.text for removal in removed if removal.rule == _BYLINE_RULE), None)
    if byline is not None and "authors" not in resolved.values:
        resolved.set("authors", parse_byline(byline).authors, "byline")
    for removal in removed:
        if removal.rule not in _DATE_RULES:
            continue
        label = _DATE_LABEL.match(removal.text)
        field = "modified" if label is not None and label.group("updated") else "published"
        if field in resolved.values:
            continue
        stated = removal.text[label.end() :] if label is not None else removal.text
        days = visible_dates(stated)
        relative = counted_back(stated, fetched) if fetched is not None and not days else None
        if relative is not None:
            source = f"text (date line '{stated.strip()}' before the fetch time); approximate"
            resolved.set(field, relative.value, describe(source, relative))
        if len(days) != 1:
            continue
        day = next(iter(days))
        parsed = parse_datetime(stated)
        if parsed is None or parsed.value.date() != day:  # the day as read in the text, at midnight UTC
            parsed = ParsedDate(datetime(day.year, day.month, day.day, tzinfo=UTC), True, True)
        if plausible(parsed.value, now):
            resolved.set(field, parsed.value, describe("text (date line)", parsed))
