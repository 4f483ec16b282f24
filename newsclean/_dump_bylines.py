"""A text dump's byline and date lines, read as its authors and dates once the cleaners have taken them out; and
a page's removed byline line, for the names its header byline ran into the text.

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


def complete_byline_list(resolved: Resolved, removed: Sequence[Removal]) -> None:
    """A page's authors, when its header byline was read only in part, from the byline line the text cleaner
    removed: the page text runs the byline into the first paragraph ("By Jane Doe and John Smith Police said …"),
    where the last name's end is unclear, while the removed line ends where the byline does. Only a longer list
    starting with the names already read replaces them; an agency it names fills a missing one."""
    byline = next((removal.text for removal in removed if removal.rule == _BYLINE_RULE), None)
    if byline is None or resolved.provenance.get("authors") != "byline":
        return
    parsed = parse_byline(byline)
    known: tuple[str, ...] = resolved.values["authors"]
    if len(parsed.authors) > len(known) and parsed.authors[: len(known)] == known:
        resolved.replace("authors", parsed.authors, "byline")
        resolved.set("agency", parsed.agency, "byline")


def read_removed_bylines(resolved: Resolved, removed: Sequence[Removal], *, fetched: datetime | None) -> None:
    """Authors (and agency) from the first byline line removed; the published date from the first date line
    removed, or the modified date when its label says "Updated"; each only when nothing else has set it. A date
    is read only when it means one day ("05.03.2024" could be March or May, and is passed over), or, given the
    fetch time, when it counts back from it ("Updated 3 hours ago"); no date later than the fetch (the time of
    cleaning without one) is believed."""
    now = fetched or datetime.now(UTC)
    byline = next((removal.text for removal in removed if removal.rule == _BYLINE_RULE), None)
    if byline is not None and "authors" not in resolved.values:
        names = parse_byline(byline)
        resolved.set("authors", names.authors, "byline")
        resolved.set("agency", names.agency, "byline")
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
