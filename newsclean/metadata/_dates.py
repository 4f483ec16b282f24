"""Date strings from markup, URLs and datelines as timezone-aware datetimes, and the checks they must pass."""

from __future__ import annotations

import re
import warnings
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import NamedTuple

from dateutil import parser as dateutil_parser

# Before this no news page was published on the web; such values are placeholders ("0001-01-01", epoch 0).
EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)

_ZONES = {
    name: timezone(timedelta(hours=hours), name)
    for name, hours in {
        "UTC": 0,
        "GMT": 0,
        "Z": 0,
        "EST": -5,
        "EDT": -4,
        "CST": -6,
        "CDT": -5,
        "MST": -7,
        "MDT": -6,
        "PST": -8,
        "PDT": -7,
        "AKST": -9,
        "AKDT": -8,
        "HST": -10,
        "BST": 1,
        "CET": 1,
        "CEST": 2,
        "MEZ": 1,
        "MESZ": 2,
        "EET": 2,
        "EEST": 3,
        "MSK": 3,
        "JST": 9,
        "KST": 9,
        "AEST": 10,
        "AEDT": 11,
    }.items()
}
_ZONES["IST"] = timezone(timedelta(hours=5, minutes=30), "IST")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "janvier", "januar", "enero", "janeiro", "gennaio"),
            ("feb", "february", "février", "fevrier", "februar", "febrero", "fevereiro", "febbraio"),
            ("mar", "march", "mars", "märz", "marzo", "março", "marz"),
            ("apr", "april", "avril", "abril", "aprile"),
            ("may", "mai", "mayo", "maio", "maggio"),
            ("jun", "june", "juin", "juni", "junio", "junho", "giugno"),
            ("jul", "july", "juillet", "juli", "julio", "julho", "luglio"),
            ("aug", "august", "août", "aout", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre", "setembro", "settembre"),
            ("oct", "october", "octobre", "oktober", "octubre", "outubro", "ottobre"),
            ("nov", "november", "novembre", "noviembre", "novembro"),
            ("dec", "december", "décembre", "decembre", "dezember", "diciembre", "dezembro", "dicembre"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAME = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\b\.?", re.IGNORECASE
)
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}|^\d{8}(?:T|$)")
_HAS_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
    r"|/((?:19|20)\d{2})/(0[1-9]|1[0-2])/(?:[^/]+)"
)


class ParsedDate(NamedTuple):
    value: datetime
    zone_assumed: bool  # no zone in the source: UTC assumed
    date_only: bool  # no time of day in the source


def month_number(name: str) -> int | None:
    return _MONTHS.get(name.casefold().rstrip("."))


def parse_datetime(raw: object) -> ParsedDate | None:
    """A date or timestamp as written in markup (ISO 8601, RFC 2822, "December 22, 2023 10:15 AM EST")."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if not text or len(text) > 64:
        return None
    parsed: datetime | None = None
    date_only = False
    if _ISO_LIKE.match(text):
        candidate = text.replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2} \d", text) else text
        try:
            parsed = datetime.fromisoformat(candidate)
            date_only = len(candidate) in (8, 10)
        except ValueError:
            parsed = None
    if parsed is None and re.match(r"^[A-Za-z]{3}, \d", text):
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None and (_ISO_LIKE.match(text) or (_MONTH_NAME.search(text) and _HAS_YEAR.search(text))):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                parsed = dateutil_parser.parse(text, tzinfos=_ZONES, default=datetime(1, 1, 1))
        except (ValueError, OverflowError, TypeError):
            return None
        date_only = parsed.hour == parsed.minute == parsed.second == 0 and not re.search(r"\d:\d", text)
    if parsed is None or parsed.year < 1:
        return None
    if parsed.tzinfo is None:
        return ParsedDate(parsed.replace(tzinfo=UTC), True, date_only)
    return ParsedDate(parsed, False, date_only)


def date_from_url(url: str | None) -> datetime | None:
    """The publication date many sites put in their paths (/2023/12/22/…, /20231222-…); midnight UTC."""
    if not url:
        return None
    match = _URL_DATE.search(url.split("?", 1)[0])
    if match is None or match.group(1) is None:
        return None
    try:
        return datetime(int(match.group(1)), int(match.group(2)), int(match.group(3)), tzinfo=UTC)
    except ValueError:
        return None


def plausible(value: datetime, now: datetime) -> bool:
    """Never later than the fetch time, never before the web had news on it."""
    return EARLIEST <= value <= now


def describe(source: str, parsed: ParsedDate) -> str:
    """Provenance text that says what was assumed."""
    notes = []
    if parsed.date_only:
        notes.append("date only")
    if parsed.zone_assumed:
        notes.append("timezone assumed UTC")
    return "; ".join([source, *notes])


_TEXT_DATE = re.compile(
    r"\b(?P<mname>[A-Za-zé]{3,9})\.?\s+(?P<md>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<my>(?:19|20)\d{2})\b"
    r"|\b(?P<dm>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<nname>[A-Za-zäéû]{3,9})\.?,?\s+(?P<ny>(?:19|20)\d{2})\b"
    r"|\b(?P<iy>(?:19|20)\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})\b"
    r"|\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>(?:19|20)?\d{2})\b"
)


def visible_dates(text: str) -> set[date]:
    """Every calendar date written out in ``text`` (both readings of an ambiguous 03/04/2023)."""
    found: set[date] = set()
    for match in _TEXT_DATE.finditer(text):
        _add_dates(match, found)
    return found


def _add_dates(match: re.Match[str], found: set[date]) -> None:
    groups = match.groupdict()
    options: list[tuple[int, int, int]] = []
    if groups["mname"]:
        month = month_number(groups["mname"])
        if month:
            options.append((int(groups["my"]), month, int(groups["md"])))
    elif groups["nname"]:
        month = month_number(groups["nname"])
        if month:
            options.append((int(groups["ny"]), month, int(groups["dm"])))
    elif groups["iy"]:
        options.append((int(groups["iy"]), int(groups["im"]), int(groups["id"])))
    else:
        year = int(groups["y"])
        year = year + 2000 if year < 100 else year
        first, second = int(groups["a"]), int(groups["b"])
        options.extend(((year, first, second), (year, second, first)))
    for year, month, day in options:
        try:
            found.add(date(year, month, day))
        except ValueError:
            continue


def shown(value: datetime, dates: set[date]) -> bool:
    """Whether the day of ``value`` (or the day before or after, for time-zone shifts) is written on the page."""
    day = value.date()
    return any(day + timedelta(days=shift) in dates for shift in (-1, 0, 1))


# A date the page labels as the article's own: "Published on March 3, 2024", "Date: 12/03/2024". A date labelled
# "Updated" / "Last updated" is when the article changed, not when it appeared: it is a modified date.
_LABEL_TAIL = r"(?:\s+(?:on|at|am|le|el|em))?\s*[:\-–—|]?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?$"
_PUBLISHED_LABEL = re.compile(
    r"\b(?:published|posted|written|released|date|veröffentlicht|publié|publicado)" + _LABEL_TAIL, re.IGNORECASE
)
_UPDATED_LABEL = re.compile(
    r"\b(?:updated|last updated|modified|last modified|aktualisiert|mis à jour|actualizado)" + _LABEL_TAIL,
    re.IGNORECASE,
)


_UPDATE_TEXT = re.compile(
    r"^\W*(?:page\s+|last\s+)?(?:updated|modified|aktualisiert|mis à jour|actualizado)\b", re.IGNORECASE
)


def says_updated(text: str) -> bool:
    """Whether a date's own text calls it an update ("Last Updated: Dec 17, 2025", "Page updated: …")."""
    return bool(_UPDATE_TEXT.match(text))


def labelled_date(text: str, *, updated: bool = False, limit: int = 50_000) -> date | None:
    """The first date in ``text`` that a label introduces, read one way only (an ambiguous 03/04/2023 is no
    evidence): a publication label ("Published", "Posted on", "Date:"), or with ``updated`` an update label
    ("Updated", "Last modified")."""
    label = _UPDATED_LABEL if updated else _PUBLISHED_LABEL
    for match in _TEXT_DATE.finditer(text, 0, limit):
        if not label.search(text, max(0, match.start() - 40), match.start()):
            continue
        dates = visible_dates(match.group(0))
        if len(dates) == 1:
            return next(iter(dates))
    return None


class PageDates(NamedTuple):
    dates: set[date]  # what ``visible_dates`` gives
    published: date | None  # what ``labelled_date`` gives
    updated: date | None  # what ``labelled_date(..., updated=True)`` gives


def scan_page_dates(text: str, *, limit: int = 50_000) -> PageDates:
    """``visible_dates`` and both ``labelled_date`` readings of ``text`` from one pass of the date regex."""
    if len(text) > limit:  # the labelled readings stop at ``limit``, where a date may be cut: scan them apart
        return PageDates(
            visible_dates(text), labelled_date(text, limit=limit), labelled_date(text, updated=True, limit=limit)
        )
    found: set[date] = set()
    labelled: dict[bool, date | None] = {False: None, True: None}
    pending = [False, True]
    for match in _TEXT_DATE.finditer(text):
        _add_dates(match, found)
        for updated in pending:
            label = _UPDATED_LABEL if updated else _PUBLISHED_LABEL
            if label.search(text, max(0, match.start() - 40), match.start()):
                dates = visible_dates(match.group(0))
                if len(dates) == 1:
                    labelled[updated] = next(iter(dates))
        pending = [updated for updated in pending if labelled[updated] is None]
    return PageDates(found, labelled[False], labelled[True])


def headline_end(text: str, headline: str) -> int | None:
    """Where the article header starts in the page text: just after the headline's first appearance, if the
    headline is long enough (12+ characters) to be found reliably."""
    key = headline[:40].casefold()
    if len(key) < 12:
        return None
    start = text.casefold().find(key)
    return None if start < 0 else start + len(headline)


def date_after_headline(text: str, start: int, *, window: int = 300) -> date | None:
    """The first date the page prints within ``window`` characters of ``start`` (``headline_end``: the article
    header's date line), read one way only, unless its label calls it an update."""
    for match in _TEXT_DATE.finditer(text, start, start + window):
        if _UPDATED_LABEL.search(text, max(0, match.start() - 40), match.start()):
            return None
        dates = visible_dates(match.group(0))
        return next(iter(dates)) if len(dates) == 1 else None
    return None
