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

from ._date_labels import date_label
from ._dates import ParsedDate

# Each unit's words, by the number of seconds it stands for. German and Portuguese inflect the noun after "vor" /
# "há" ("vor 3 Stunden", "vor einer Stunde"), so both forms are listed.
_UNITS = {
    60: r"min(?:ute)?s?|minuten?|minutos?",
    3600: r"hours?|hrs?|stunden?|heures?|horas?",
    86400: r"days?|tagen?|jours?|d[ií]as?",
}
_UNIT_WORDS = {seconds: re.compile(words) for seconds, words in _UNITS.items()}
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


# Every match holds one of these (lower-cased): "ago" after its unit, a preposition before its count, or a day
# word. Finding them with ``str.find`` and trying the regex only where a cheap check passes costs a small part of
# running it over the page: its alternatives start at nearly every word ("a", "one"), and "il y a" is everywhere
# in French.
_AGO = "ago"
_PREFIXES = ("vor ", "y a ", "hace ", "há ", "ha ")
_DAY_WORDS = ("yesterday", "gestern", "hier", "ayer", "ontem")
_COUNT_THEN_UNIT = re.compile(rf"(?:{_COUNT})\s+(?:{_UNIT})\b")
_UNIT_THEN_SPACE = re.compile(rf"\b(?:{_UNIT})\s+$")
# A match starts at most this far before "ago" ("120 minutes ago"), and ends at most this far after a prefix.
_REACH = 30


def _windows(lowered: str) -> set[tuple[int, int]]:
    """Where a match may be: spans around the anchors whose cheap check passes."""
    windows: set[tuple[int, int]] = set()
    at = lowered.find(_AGO)
    while at >= 0:
        if _UNIT_THEN_SPACE.search(lowered, max(0, at - 12), at):
            windows.add((max(0, at - _REACH), at + len(_AGO)))
        at = lowered.find(_AGO, at + 1)
    for prefix in _PREFIXES:
        at = lowered.find(prefix)
        while at >= 0:
            if _COUNT_THEN_UNIT.match(lowered, at + len(prefix)):
                windows.add((max(0, at - 3), at + len(prefix) + _REACH))
            at = lowered.find(prefix, at + 1)
    for word in _DAY_WORDS:
        at = lowered.find(word)
        while at >= 0:
            windows.add((at, at + len(word)))
            at = lowered.find(word, at + 1)
    return windows


def _matches(text: str, limit: int) -> list[re.Match[str]]:
    """``_RELATIVE.finditer(text[:limit])``, with the regex tried only in ``_windows``."""
    head = text[:limit]
    lowered = head.lower()
    if len(lowered) != len(head):  # a letter whose lower case is longer ("İ"): offsets would not line up
        return list(_RELATIVE.finditer(head))
    found: list[re.Match[str]] = []
    for start, end in sorted(_windows(lowered)):
        position = max(start, found[-1].end() if found else 0)
        while (hit := _RELATIVE.search(head, position, min(end, len(head)))) is not None:
            whole = _RELATIVE.match(head, hit.start())  # not cut at the window's end ("3 hours agony")
            if whole is not None:
                found.append(whole)
            position = whole.end() if whole is not None else hit.start() + 1
    return found


class RelativeDate(NamedTuple):
    phrase: str  # as the page prints it: "3 hours ago"
    label: str | None  # "published", "original" or "updated" when a label introduces it


def relative_dates(text: str, headline: Sequence[tuple[int, int]], *, after: int, limit: int) -> list[RelativeDate]:
    """The relative dates a label introduces ("Published 3 hours ago", "Updated yesterday"), within the first
    ``limit`` characters, and the first count back ("3 hours ago", not "yesterday") printed within ``after``
    characters after a headline appearance (``headline`` as ``_printed_times.headline_spans`` gives it), in page
    order."""
    found: list[RelativeDate] = []
    in_header = False
    for match in _matches(text, limit):
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
        unit = next(seconds for seconds, words in _UNIT_WORDS.items() if words.fullmatch(unit_word))
        seconds = unit * (int(count_word) if count_word.isdigit() else 1)
    if seconds >= 7 * 86400:
        return None
    try:
        moment = fetched.astimezone(UTC) - timedelta(seconds=seconds)
    except OverflowError:  # counted back past the calendar's first day (a fetch time in the first week of year 1)
        return None
    if seconds < 86400:
        return ParsedDate(moment, False, False)
    return ParsedDate(datetime(moment.year, moment.month, moment.day, tzinfo=UTC), True, True)
