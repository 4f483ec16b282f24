"""Dates an audit found lost: the time of day printed on an "Updated" line, and the date of a page's byline line
when the page has no visible headline (``<h1>``) to read its header from."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from _council_story import FETCHED, PROSE, TITLE

import newsclean

EST, EDT, CET = (timezone(timedelta(hours=hours)) for hours in (-5, -4, 1))


def page(line: str, *, h1: bool, after: str = "", head: str = "") -> str:
    heading = f"<h1>{TITLE}</h1>" if h1 else ""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PROSE)
    return (
        f"<html><head><title>{TITLE}</title>{head}</head><body><article>{heading}<p>{line}</p>{body}{after}"
        "</article></body></html>"
    )


def clean_page(line: str, *, h1: bool, after: str = "", head: str = "") -> newsclean.Article:
    return newsclean.clean_html(page(line, h1=h1, after=after, head=head), fetched_at=FETCHED)


def clean_dump(line: str) -> newsclean.Article:
    return newsclean.clean_text("\n\n".join((TITLE, line, *PROSE)), fetched_at=FETCHED)


# An update line and the instant it states, in the zone it names.
UPDATES = [
    ("Updated March 6, 2024, 10:30 a.m. EST", datetime(2024, 3, 6, 10, 30, tzinfo=EST)),
    ("Updated March 6, 2024 at 9:15 p.m. ET", datetime(2024, 3, 6, 21, 15, tzinfo=EST)),
    ("Last updated: March 6, 2024 14:05 CET", datetime(2024, 3, 6, 14, 5, tzinfo=CET)),
    ("UPDATED: March 6, 2024 10:30 AM EDT", datetime(2024, 3, 6, 10, 30, tzinfo=EDT)),
    ("By Jane Doe | Updated March 6, 2024 at 3:45 p.m. ET", datetime(2024, 3, 6, 15, 45, tzinfo=EST)),
    ("Last updated: June 6, 2024 at 8:00 a.m. ET", datetime(2024, 6, 6, 8, 0, tzinfo=EDT)),
]


@pytest.mark.parametrize("h1", [True, False], ids=["h1", "no-h1"])
@pytest.mark.parametrize(("line", "instant"), UPDATES, ids=[line for line, _ in UPDATES])
def test_a_pages_update_keeps_its_time_of_day(line: str, instant: datetime, h1: bool) -> None:
    article = clean_page(line, h1=h1)
    assert article.modified == instant
    assert article.modified is not None and article.modified.utcoffset() == instant.utcoffset()
    assert article.provenance["modified"] == "page text (labelled update)"
    assert article.published is None


def test_an_update_time_without_a_zone_is_taken_as_utc_and_says_so() -> None:
    article = clean_page("Last updated: March 6, 2024, 14:05", h1=True)
    assert article.modified == datetime(2024, 3, 6, 14, 5, tzinfo=UTC)
    assert article.provenance["modified"] == "page text (labelled update); timezone assumed UTC"


def test_an_update_in_a_zone_not_known_keeps_the_day_alone() -> None:
    article = clean_page("Updated March 6, 2024, 10:30 a.m. HKT", h1=True)
    assert article.modified == datetime(2024, 3, 6, tzinfo=UTC)
    assert "date only" in article.provenance["modified"]


def test_a_published_line_keeps_its_day_and_time() -> None:
    # The audit's question: "Published March 6 … 10:30 a.m. EST" is March 6 at 10:30 in New York (15:30 UTC).
    for h1 in (True, False):
        article = clean_page("Published March 6, 2024, 10:30 a.m. EST", h1=h1)
        assert article.published == datetime(2024, 3, 6, 10, 30, tzinfo=EST)
        assert article.published is not None and article.published.date() == datetime(2024, 3, 6).date()


def test_published_and_updated_each_keep_their_own_time() -> None:
    line = "Published March 5, 2024, 8:00 a.m. EST | Updated March 6, 2024, 10:30 a.m. EST"
    article = clean_page(line, h1=True)
    assert article.published == datetime(2024, 3, 5, 8, 0, tzinfo=EST)
    assert article.modified == datetime(2024, 3, 6, 10, 30, tzinfo=EST)


def test_an_update_earlier_than_the_publication_is_still_dropped() -> None:
    line = "Published March 6, 2024, 11:00 a.m. EST | Updated March 6, 2024, 10:30 a.m. EST"
    article = clean_page(line, h1=True)
    assert article.published == datetime(2024, 3, 6, 11, 0, tzinfo=EST)
    assert article.modified is None
    assert article.provenance["modified"] == "dropped: earlier than published"


@pytest.mark.parametrize(("line", "instant"), UPDATES, ids=[line for line, _ in UPDATES])
def test_a_dumps_update_line_keeps_its_time_of_day(line: str, instant: datetime) -> None:
    # Dumps read it already: a page now reads it the same way.
    article = clean_dump(line)
    assert article.modified == instant
    assert article.modified is not None and article.modified.utcoffset() == instant.utcoffset()


MARCH_5 = datetime(2024, 3, 5, tzinfo=UTC)
BYLINES = [
    "By Jane Doe | March 5, 2024",
    "By Jane Doe, March 5, 2024",
    "By Jane Doe - March 5, 2024",
    "By Jane Doe • March 5, 2024 • 5 min read",
    "Posted on March 5, 2024 by Jane Doe",
]


@pytest.mark.parametrize("h1", [True, False], ids=["h1", "no-h1"])
@pytest.mark.parametrize("line", BYLINES)
def test_a_pages_byline_date_is_read_with_or_without_a_headline(line: str, h1: bool) -> None:
    article = clean_page(line, h1=h1)
    assert article.authors == ("Jane Doe",)
    assert article.published == MARCH_5
    assert article.provenance["published"].endswith("date only, timezone assumed UTC") or article.provenance[
        "published"
    ].endswith("date only; timezone assumed UTC")


def test_a_byline_date_without_a_headline_says_where_it_was_read() -> None:
    article = clean_page("By Jane Doe | March 5, 2024", h1=False)
    assert article.provenance["published"].startswith("page text (byline line)")


def test_a_byline_with_a_time_of_day_keeps_it_without_a_headline() -> None:
    article = clean_page("By Jane Doe | March 5, 2024 at 3:45 p.m. EST", h1=False)
    assert article.published == datetime(2024, 3, 5, 15, 45, tzinfo=EST)


@pytest.mark.parametrize("line", BYLINES)
def test_a_dumps_byline_date_is_read(line: str) -> None:
    article = clean_dump(line)
    assert article.authors == ("Jane Doe",)
    assert article.published == MARCH_5


# Guards: a date that is not the article's byline's is not taken.

RELATED = (
    "<h2>More stories</h2>"
    "<p>By John Smith | March 1, 2023</p><p>The river festival returns with boats, music and food stalls.</p>"
)


@pytest.mark.parametrize("h1", [True, False], ids=["h1", "no-h1"])
def test_a_related_storys_byline_below_the_article_gives_no_date(h1: bool) -> None:
    article = clean_page("The budget vote followed months of talks.", h1=h1, after=RELATED)
    assert article.published is None
    assert article.modified is None
    assert article.authors == ()  # nor its names: they were taken for the article's authors


def test_the_articles_own_byline_above_its_body_still_names_its_authors_beside_a_related_one() -> None:
    article = clean_page("By Jane Doe", h1=True, after=RELATED)
    assert article.authors == ("Jane Doe",)
    assert article.provenance["authors"] == "byline"


def test_a_byline_naming_other_authors_than_the_markups_gives_no_date() -> None:
    head = '<meta name="author" content="Jane Doe">'
    article = clean_page("By John Smith | March 1, 2023", h1=False, head=head)
    assert article.authors == ("Jane Doe",)
    assert article.published is None


def test_a_byline_naming_the_markups_author_gives_its_date() -> None:
    head = '<meta name="author" content="Jane Doe">'
    article = clean_page("By Jane Doe | March 5, 2024", h1=False, head=head)
    assert article.published == MARCH_5


def test_a_declared_date_is_not_replaced_by_the_bylines() -> None:
    head = '<meta property="article:published_time" content="2024-03-04T09:00:00+00:00">'
    article = clean_page("By Jane Doe | March 5, 2024", h1=False, head=head)
    assert article.published is not None and article.published.date() == datetime(2024, 3, 4).date()


def test_a_byline_date_after_the_fetch_is_not_believed() -> None:
    article = clean_page("By Jane Doe | March 5, 2026", h1=False)
    assert article.published is None


def test_a_labelled_date_is_not_replaced_by_the_bylines() -> None:
    article = clean_page("By Jane Doe | March 5, 2024", h1=False, after="<p>Published March 4, 2024</p>")
    assert article.published == datetime(2024, 3, 4, tzinfo=UTC)
