"""Dates a page prints relative to when it was read ("3 hours ago", "vor 2 Tagen", "yesterday"), placed by the
fetch time.

Such a date says nothing without the moment it was read, so it is used only when the caller gives the fetch time
(``fetched_at``, a WARC record's date): the time of cleaning could be years later. It is approximate (sites round
"36 hours" to "2 days" or "a day"), so it comes after every date the page states outright, and weeks, months and
years ("3 weeks ago") are passed over: they do not name a day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from ._dates import ParsedDate, date_label

# Each unit's words, by the number of seconds it stands for. German and Portuguese inflect the noun after "vor" /
# "há" ("vor 3 Stunden", "vor einer Stunde"), so both forms are listed.
_UNITS = {
    60: r"min(?:ute)?s?|minuten?|minutos?",
    3600: r"hours?|hrs?|stunden?|heures?|horas?",
    86400: r"days?|tagen?|jours?|d[ií]as?",
}
_UNIT_SECONDS = {word: seconds for seconds, words in _UNITS.items() for word in words.split("|")}
_UNIT = "|".join(_UNITS.values())
_COUNT = r"\d{1,3}|an?|one|einer?|einem|une?|una?|um|uma"
# "3 hours ago" (English), "vor 3 Stunden" (German), "il y a 3 heures" (French), "hace 3 horas" (Spanish),
# "há 3 horas" (Portuguese); "yesterday", "gestern", "hier", "ayer", "ontem".
_RELATIVE = re.compile(
    rf"\b(?:(?P<count>{_COUNT})\s+(?P<unit>{_UNIT})\s+ago"
    rf"|(?:vor|il\s+y\s+a|hace|h[áa])\s+(?P<count2>{_COUNT})\s+(?P<unit2>{_UNIT})"
    r"|(?P<yesterday>yesterday|gestern|hier|ayer|ontem))\b",
    re.IGNORECASE,
)


class RelativeDate(NamedTuple):
    phrase: str  # as the page prints it: "3 hours ago"
    label: str | None  # "published", "original" or "updated" when a label introduces it


def relative_dates(text: str, headline: Sequence[tuple[int, int]], *, after: int, limit: int) -> list[RelativeDate]:
    """The relative dates a label introduces ("Published 3 hours ago", "Updated yesterday"), within the first
    ``limit`` characters, and the first count back ("3 hours ago", not "yesterday") printed within ``after``
    characters after a headline appearance (``headline`` as ``_dates.headline_spans`` gives it), in page order."""
    found: list[RelativeDate] = []
    in_header = False
    for match in _RELATIVE.finditer(text, 0, limit):
        label = date_label(text, match.start())
        after_headline = any(end <= match.start() < end + after for _, end in headline)
        # "Updated yesterday" dates the article; "yesterday" after the headline is as likely the lead's ("The
        # council voted yesterday"), as is the French "hier" anywhere.
        if label is None and (in_header or not after_headline or match.group("yesterday")):
            continue
        in_header = in_header or after_headline
        found.append(RelativeDate(match.group(0), label))
    return found


def counted_back(phrase: str, fetched: datetime) -> ParsedDate | None:
    """The moment ``phrase`` ("3 hours ago") names, counted back from ``fetched``: an instant for minutes and
    hours, a day (timezone assumed UTC) for days. None for a phrase that names no time, or counts back a week or
    more."""
    match = _RELATIVE.fullmatch(phrase.strip())
    if match is None:
        return None
    if match.group("yesterday"):
        seconds = 86400
    else:
        count_word = (match.group("count") or match.group("count2")).lower()
        unit_word = (match.group("unit") or match.group("unit2")).lower()
        unit = next((seconds for word, seconds in _UNIT_SECONDS.items() if re.fullmatch(word, unit_word)), None)
        if unit is None:
            return None
        seconds = unit * (int(count_word) if count_word.isdigit() else 1)
    if seconds >= 7 * 86400:
        return None
    moment = fetched.astimezone(UTC) - timedelta(seconds=seconds)
    if seconds < 86400:
        return ParsedDate(moment, False, False)
    return ParsedDate(datetime(moment.year, moment.month, moment.day, tzinfo=UTC), True, True)
