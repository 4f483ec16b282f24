"""What benchmarks/fuzz_pipeline.py found: each input, made small, gives an Article or a typed error.

Every finding so far is a date sum that overflowed Python's calendar (years 1 to 9999) when the caller's fetch time
sits at one of its ends: an ``OverflowError`` escaped ``clean_html`` and ``clean_text`` instead of a date that is
not read.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import newsclean
from newsclean import Document, Pipeline

SENTENCE = "The council approved the new budget on Tuesday after a long debate about the schools. "
BODY = ("<p>" + SENTENCE * 3 + "</p>") * 4
DUMP_BODY = (SENTENCE * 3 + "\n") * 4
#: Fetch times at the two ends of the calendar a datetime holds (year 1 and, to the second, the end of 9999).
FIRST = datetime(1, 1, 1, tzinfo=UTC)
LAST = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)


def test_a_relative_date_in_a_dump_fetched_in_year_one_is_no_date() -> None:
    # "3 hours ago" counted back from 0001-01-01 00:00 falls before the calendar: it names no date.
    article = newsclean.clean_text("Budget approved\nBy Jane Doe\n3 hours ago\n" + DUMP_BODY, fetched_at=FIRST)
    assert article.status == "ok"
    assert article.published is None
    assert article.authors == ("Jane Doe",)


def test_a_relative_date_on_a_page_fetched_in_year_one_is_no_date() -> None:
    page = "<title>Budget approved</title><article><h1>Budget approved</h1><p>Published 3 hours ago</p>" + BODY
    article = newsclean.clean_html(page, fetched_at=FIRST)
    assert article.status == "ok"
    assert article.published is None


def test_a_relative_date_fetched_a_day_into_year_one_is_still_counted_back() -> None:
    # The fix drops only what cannot be placed: two hours back from 05:00 on 0001-01-01 is 03:00 that day.
    article = newsclean.clean_text(
        "Budget approved\nBy Jane Doe\n2 hours ago\n" + DUMP_BODY, fetched_at=datetime(1, 1, 1, 5, tzinfo=UTC)
    )
    assert article.published == datetime(1, 1, 1, 3, tzinfo=UTC)


def test_a_date_on_the_calendar_s_last_day_is_read_when_the_fetch_time_allows_it() -> None:
    # Whether a page shows its date looked at the day after it too: 9999-12-31 has none.
    page = '<meta property="article:published_time" content="9999-12-31"><article><h1>Budget</h1>' + BODY
    article = newsclean.clean_html(page, fetched_at=LAST)
    assert article.status == "ok"
    assert article.published is not None
    assert article.published.date() == date(9999, 12, 31)


def test_a_time_element_on_the_calendar_s_last_day_is_read() -> None:
    # The <time> shows its day, which was looked for a day either side of it.
    page = (
        '<meta property="article:published_time" content="9999-12-31T23:00:00Z"><article><h1>Budget</h1>'
        '<p><time datetime="9999-12-31T10:00:00+14:00">Dec 31</time></p>' + BODY
    )
    article = newsclean.clean_html(page, fetched_at=LAST)
    assert article.status == "ok"
    assert article.published == datetime(9999, 12, 31, 10, tzinfo=timezone(timedelta(hours=14)))


def test_an_instant_late_on_the_last_day_is_not_placed_in_a_zone_where_it_is_year_10000() -> None:
    # The page writes times at UTC+14; 23:00 UTC on 9999-12-31 has no day there, so it stays as stamped.
    page = (
        '<article><h1>Budget</h1><p><time datetime="9999-12-31T23:00:00Z">9999-12-31T10:00:00+14:00</time></p>' + BODY
    )
    article = newsclean.clean_html(page, fetched_at=LAST)
    assert article.status == "ok"
    assert article.published == datetime(9999, 12, 31, 23, tzinfo=UTC)


def test_run_many_gives_articles_not_internal_failures_at_the_calendar_s_ends() -> None:
    documents = [
        Document(text="Budget approved\nBy Jane Doe\n3 hours ago\n" + DUMP_BODY, fetched_at=FIRST),
        Document(
            html='<meta property="article:published_time" content="9999-12-31"><article><h1>Budget</h1>' + BODY,
            fetched_at=LAST,
        ),
    ]
    records = list(Pipeline().run_many(documents))
    assert [type(record).__name__ for record in records] == ["Article", "Article"]
