"""Wire datelines: "LONDON, March 9 (Reuters) –", "KYIV, Ukraine (AP) —", "WASHINGTON —", and as wires write them in
other scripts ("新华社北京3月9日电", "(서울=연합뉴스)", "МОСКВА, 9 марта. /ТАСС/.", "واشنطن (رويترز) -"). The text keeps
them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from ._authors import agency_name
from ._month_names import month_number
from ._text_dates import FIRST_DAY_ORDINAL

_DASH = r"\s*(?:--|[-–—:])\s*"
# Spanish wires close the agency with a full stop before the dash: "Madrid, 5 mar (EFE).-".
_AGENCY_DASH = r"\.?" + _DASH
# A place may be two names with a slash: "Frankfurt/Main (dpa) -".
_PLACE = r"(?P<place>[A-ZÀ-Þ][A-ZÀ-Þa-zß-ÿ.'’ /-]{1,40}?(?:,\s*[A-ZÀ-Þ][A-Za-zÀ-ÿ.'’ -]{1,30}?)?)"
# AFP's French wire writes the first of the month as an ordinal: "PARIS, 1er mai (AFP) -".
_DATE = (
    r"(?P<month>[A-Z][a-zé]{2,9}\.?)\s+(?P<day>\d{1,2})(?:,\s*(?P<year>(?:19|20)\d{2}))?"
    r"|(?P<day2>\d{1,2})(?:" + FIRST_DAY_ORDINAL + r")?\.?\s+(?P<month2>[A-Za-zé]{3,10}\.?)"
    r"(?:\s+(?P<year2>(?:19|20)\d{2}))?"
)
# Europa Press writes the day alone, of the current month: "MADRID, 5 (EUROPA PRESS) -".
_DAY_ONLY = r"(?P<day3>\d{1,2})"
_AGENCY = r"\((?P<agency>[A-Za-z][A-Za-z .&/-]{0,40})\)"
# "[PLACE,] [DATE] (AGENCY) –" with at least a place or a date before the agency, or "PLACE (AGENCY) –".
_WITH_AGENCY = re.compile(rf"^(?:{_PLACE}\s*,\s*)?(?:{_DATE}|{_DAY_ONLY})?\s*{_AGENCY}{_AGENCY_DASH}")
_PLACE_ONLY_AGENCY = re.compile(rf"^{_PLACE}\s*{_AGENCY}{_AGENCY_DASH}")
# "WASHINGTON —" / "NEW YORK, March 9 —": an all-capitals place, no agency.
_CAPS_PLACE = re.compile(
    rf"^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ.'’ -]{{2,30}}(?:,\s*[A-ZÀ-Þ][A-Za-zÀ-ÿ.'’ -]{{1,30}}?)?)\s*"
    rf"(?:,\s*(?:{_DATE}))?\s*(?:--|[-–—])\s*"
)
# Wires writing in other scripts, each in its own form; the agency must be one ``agency_name`` knows. Chinese:
# agency, place, month and day, "dispatch" ("新华社北京3月9日电"); Korean: place "=" agency in brackets
# ("(서울=연합뉴스)"); Russian: place in capitals, day and month, the agency between slashes ("МОСКВА, 9 марта.
# /ТАСС/."), or a correspondent's dispatch, the agency after "Корр." and the correspondent's name after it ("/Корр.
# ТАСС Иван Петров/", "/Спец. корр. ТАСС/"); Arabic: place, the agency in brackets, a dash ("واشنطن (رويترز) -").
_RUSSIAN_PLACE_AND_DAY = (
    r"^(?P<place>[А-ЯЁІЇЄҐ][А-ЯЁІЇЄҐ'’ -]{1,30}?)\s*,\s*(?P<day>\d{1,2})\s+(?P<month>[а-яёіїєґ]{3,9})\.?\s*"
)
_NATIVE_DATELINES = (
    re.compile(
        r"^(?P<agency>[\u4e00-\u9fff]{1,5}社)(?P<place>[\u4e00-\u9fff]{1,10}?)(?:(?P<year>(?:19|20)\d{2})年)?"
        r"(?P<month_digits>\d{1,2})月(?P<day>\d{1,2})日[电電]"
    ),
    re.compile(r"^[(（](?P<place>[가-힣]{1,10}(?: [가-힣]{1,10})?)\s*=\s*(?P<agency>[가-힣A-Za-z0-9]{2,12})[)）]"),
    re.compile(_RUSSIAN_PLACE_AND_DAY + r"/(?P<agency>[^/\s][^/]{0,20})/(?!\w)"),
    re.compile(
        _RUSSIAN_PLACE_AND_DAY
        + r"/(?:(?:[Сс]пец|[Сс]об)\.?\s*)?[Кк]орр\.\s*(?P<agency>[^/\s]{2,20})(?:\s+[^/\s][^/]{0,40})?/(?!\w)"
    ),
    re.compile(r"^(?P<place>[\u0621-\u064a][\u0621-\u064a ]{1,30}?)\s*\((?P<agency>[^()]{2,20})\)" + _DASH),
)


class Dateline(NamedTuple):
    text: str  # the dateline as written, without its dash
    place: str | None
    agency: str | None
    month: int | None
    day: int | None
    year: int | None

    def iso_date(self) -> str | None:
        """ISO 8601 date, or the year-less form "--MM-DD" when the text does not say the year."""
        if self.month is None or self.day is None:
            return None
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _build(match: re.Match[str], agency: str | None) -> Dateline | None:
    groups = match.groupdict()
    month_text = groups.get("month") or groups.get("month2")
    month_digits = groups.get("month_digits")
    day_text = groups.get("day") or groups.get("day2") or groups.get("day3")
    year_text = groups.get("year") or groups.get("year2")
    month = int(month_digits) if month_digits else month_number(month_text) if month_text else None
    if (month_text or month_digits) and month not in range(1, 13):
        return None  # "Tuesday 9" is no date; the pattern only guessed
    day = int(day_text) if day_text else None
    if day is not None and not 1 <= day <= 31:
        return None
    # A place in capitals runs on to the first dash of a double one ("BERLIN -- …"): no place ends with a dash.
    place = (groups.get("place") or "").strip(" ,").rstrip(" -–—") or None
    if place and month_number(place.split()[0]) is not None and month is None:
        return None
    text = match.group(0).rstrip(" -–—:").strip()
    if text.endswith(")."):
        text = text[:-1]  # "(EFE).-": the stop goes with the dash
    return Dateline(text, place, agency, month, day, int(year_text) if year_text else None)


def find_dateline(paragraphs: Sequence[str], *, max_paragraphs: int = 3) -> Dateline | None:
    """The dateline opening one of the first paragraphs, if any."""
    for paragraph in paragraphs[:max_paragraphs]:
        for pattern in (_WITH_AGENCY, _PLACE_ONLY_AGENCY):
            match = pattern.match(paragraph)
            if match is None:
                continue
            agency = agency_name(match.group("agency"))
            if agency is None:
                continue
            if not (
                match.group("place")
                or ("month" in match.groupdict() and (match.group("month") or match.group("month2")))
            ):
                continue
            dateline = _build(match, agency)
            if dateline is not None:
                return dateline
        match = _CAPS_PLACE.match(paragraph)
        if match is not None and len(match.group("place").split()) <= 5:
            dateline = _build(match, None)
            if dateline is not None:
                return dateline
        for pattern in _NATIVE_DATELINES:
            match = pattern.match(paragraph)
            if match is None:
                continue
            agency = agency_name(match.group("agency"))
            dateline = _build(match, agency) if agency is not None else None
            if dateline is not None:
                return dateline
    return None
