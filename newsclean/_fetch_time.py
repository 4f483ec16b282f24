"""When a page was fetched, as crawl records write it, normalised to an aware UTC datetime."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

# Common Crawl's CDX index and the Wayback Machine write fetch times as 14 digits: 20240309120000.
_CDX_TIMESTAMP = re.compile(r"\d{14}")
# Epoch seconds from 2000 to 2100: a number outside is more likely a mistake than a fetch time.
_EPOCH_RANGE = (946_684_800, 4_102_444_800)


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC, as a plain ``datetime``; a naive datetime is taken to be UTC already (what crawl records
    store).

    A subclass (pandas' ``Timestamp``, from a timestamp column of a DataFrame, Parquet or Spark) becomes a plain
    ``datetime`` at the same instant: an Article holding one cannot be written as JSON, and a Timestamp's
    nanoseconds are below what an Article keeps anyway.

    Raises ``ValueError`` when UTC cannot hold it (the first hours of year 1 east of Greenwich), and for pandas'
    ``NaT``, which is a datetime that holds no time (a table's missing cell: a record's is read as no fetch time)."""
    if type(moment).__name__ == "NaTType":
        raise ValueError("fetch time is NaT (pandas' missing value), not a date and time: pass None for none")
    try:
        utc = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"fetch time {moment.isoformat()} is out of the range of dates in UTC") from None
    if type(utc) is datetime:
        return utc
    return datetime(utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second, utc.microsecond, tzinfo=UTC)


def parse_fetch_time(value: object) -> datetime:
    """A datetime, an ISO 8601 string ("2024-03-09T12:00:00Z"), a 14-digit CDX timestamp or epoch seconds; a date
    (a table's date column) is its midnight in UTC, as the text "2024-03-09" is.

    Raises ``ValueError`` naming what it got when the value is none of these.
    """
    if isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _EPOCH_RANGE[0] <= value < _EPOCH_RANGE[1]:
            return datetime.fromtimestamp(value, UTC)
        raise ValueError(f"fetch time {value!r} is not epoch seconds between 2000 and 2100")
    if isinstance(value, str):
        text = value.strip()
        if _CDX_TIMESTAMP.fullmatch(text):
            try:
                return datetime.strptime(text, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
            except ValueError:
                pass
        else:
            try:
                return as_utc(datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")))
            except ValueError:
                pass
        raise ValueError(f"fetch time {value!r} is not ISO 8601, a 14-digit timestamp or epoch seconds")
    raise ValueError(f"fetch time is a {type(value).__name__}, not a date and time")
