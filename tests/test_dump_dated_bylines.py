"""A dump's byline line with a date (or the reading time) beside the names: removed as a byline, its names read as
the authors and its date as the published date (the modified date when labelled "Updated")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import newsclean

TEXT = (
    "The city council voted on Tuesday to approve the new budget after a long and heated debate.\n\n"
    "The mayor said the bridge would reopen next month, once the repairs are done."
)
PARAGRAPHS = tuple(TEXT.split("\n\n"))
FETCHED = datetime(2024, 6, 1, tzinfo=UTC)
MARCH_5 = datetime(2024, 3, 5, tzinfo=UTC)


def clean(line: str) -> newsclean.Article:
    return newsclean.clean_text(f"Council approves the budget\n{line}\n\n{TEXT}", fetched_at=FETCHED)


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe | March 5, 2024",
        "By Jane Doe, March 5, 2024",
        "By Jane Doe - March 5, 2024",
        "By Jane Doe on March 5, 2024",
        "Posted on March 5, 2024 by Jane Doe",
        "March 5, 2024 | By Jane Doe",
        "Posted by Jane Doe on 2024-03-05",
    ],
)
def test_a_byline_with_its_date_is_the_authors_and_the_published_date(line: str) -> None:
    # The line stayed in the article, and neither the author nor the date was read.
    article = clean(line)
    assert article.paragraphs == PARAGRAPHS and article.title == "Council approves the budget"
    assert [(removal.rule, removal.text) for removal in article.removed] == [("byline.written-by", line)]
    assert (article.authors, article.provenance["authors"]) == (("Jane Doe",), "byline")
    assert (article.published, article.modified) == (MARCH_5, None)
    assert article.provenance["published"].startswith("text (date line)")


def test_an_updated_label_makes_the_bylines_date_the_modified_one() -> None:
    article = clean("By Jane Doe | Updated March 6, 2024")
    assert article.paragraphs == PARAGRAPHS
    assert article.authors == ("Jane Doe",)
    assert (article.published, article.modified) == (None, datetime(2024, 3, 6, tzinfo=UTC))


def test_a_byline_with_the_reading_time_is_a_byline_and_its_names_are_read() -> None:
    # reading_time.inline removed it, and the name was not read.
    article = clean("By Jane Doe and John Roe • 5 min read")
    assert article.paragraphs == PARAGRAPHS
    assert [removal.rule for removal in article.removed] == ["byline.written-by"]
    assert article.authors == ("Jane Doe", "John Roe")
    agency = clean("By Jane Doe | Reuters | March 5, 2024 | 4 min read")
    assert (agency.authors, agency.agency, agency.published) == (("Jane Doe",), "Reuters", MARCH_5)


@pytest.mark.parametrize("line", ["By Jane Doe 5 min read", "By Jane Doe, 5 min read", "By Jane Doe 5 minute read"])
def test_a_reading_time_after_the_names_without_a_separator_keeps_the_names(line: str) -> None:
    # reading_time.inline removed it, and the name was lost.
    article = clean(line)
    assert article.paragraphs == PARAGRAPHS
    assert [(removal.rule, removal.text) for removal in article.removed] == [("byline.written-by", line)]
    assert article.authors == ("Jane Doe",)
    dated = clean("By Jane Doe, March 5, 2024, 4 min read")
    assert (dated.authors, dated.published) == (("Jane Doe",), MARCH_5)


@pytest.mark.parametrize(
    "line",
    ["By Jane Doe | 05.03.2024", "By Jane Doe, March 5, 2031"],
    ids=["ambiguous-day", "after-the-fetch"],
)
def test_a_bylines_date_that_names_no_single_day_before_the_fetch_is_not_believed(line: str) -> None:
    article = clean(line)
    assert article.paragraphs == PARAGRAPHS and article.authors == ("Jane Doe",)
    assert article.published is None and article.modified is None


def test_a_separate_date_line_or_a_declared_value_is_not_replaced() -> None:
    article = clean("By Jane Doe | March 5, 2024\nPublished on: March 4, 2024")
    assert article.published == MARCH_5  # the first date line read
    front = "---\ndate: 2024-01-02\nauthor: John Roe\n---\nBy Jane Doe | March 5, 2024\n\n"
    declared = newsclean.clean_text(front + TEXT, fetched_at=FETCHED)
    assert (declared.authors, declared.published) == (("John Roe",), datetime(2024, 1, 2, tzinfo=UTC))
    assert declared.paragraphs == PARAGRAPHS


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday, March 5, 2024, the council must pass a budget that closes the gap.",
        "By March 5, 2024, every school must have a plan.",
        "By Jane Doe's count, March 5, 2024 was the wettest day on record.",
        "Posted on March 5, 2024 by a reader who asked not to be named, the letter went viral.",
        "By the time the vote came on March 5, 2024, most members had left.",
    ],
)
def test_prose_that_starts_like_a_dated_byline_stays(line: str) -> None:
    article = clean(line)
    assert article.paragraphs == (line, *PARAGRAPHS)
    assert article.removed == () and article.authors == () and article.published is None


def test_on_a_page_the_dated_byline_goes_and_prose_shaped_like_one_stays() -> None:
    # The same rules run on a page's text.
    prose = "By Tuesday, March 5, 2024, the council must pass a budget that closes the gap."
    body = "".join(f"<p>{paragraph}</p>" for paragraph in (prose, *PARAGRAPHS))
    html = f"<html><head><title>Budget</title></head><body><article><p>By Jane Doe | March 5, 2024</p>{body}"
    page = newsclean.clean_html(html + "</article></body></html>", url="https://news.example.com/a")
    assert page.paragraphs == (prose, *PARAGRAPHS)
    assert [(removal.rule, removal.text) for removal in page.removed] == [
        ("byline.written-by", "By Jane Doe | March 5, 2024")
    ]
