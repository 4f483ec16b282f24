"""A text dump's byline and date lines: removed from its text by the credits and banner packs, kept as metadata."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

import newsclean

TEXT = (
    "The city council voted on Tuesday to approve the new budget after a long and heated debate.\n\n"
    "The mayor said the bridge would reopen next month, once the repairs are done."
)
FETCHED = datetime(2024, 6, 1, tzinfo=UTC)


def test_the_byline_and_date_lines_a_dump_opens_with_are_its_authors_and_dates() -> None:
    # Removed as not part of the article, they were lost: no authors, no dates.
    head = "Council approves the budget\nWritten by: Jane Doe, Senior Reporter\n"
    head += "Published on: March 5, 2024 9:15 AM EST\nUpdated on: 2024-03-06 10:30\n\n"
    article = newsclean.clean_text(head + TEXT, fetched_at=FETCHED)
    assert article.paragraphs == tuple(TEXT.split("\n\n"))
    assert (article.authors, article.provenance["authors"]) == (("Jane Doe",), "byline")
    assert article.published == datetime(2024, 3, 5, 9, 15, tzinfo=timezone(timedelta(hours=-5)))
    assert article.modified == datetime(2024, 3, 6, 10, 30, tzinfo=UTC)
    assert article.provenance["published"] == "text (date line)"
    assert {removal.rule for removal in article.removed} == {
        "byline.written-by",
        "byline.dateline",
        "update_banner.timestamp-line",
    }


@pytest.mark.parametrize(
    "line",
    # Under an English label, 05.03.2024 is 5 March or 3 May (a German label reads it day-first: 5 March).
    ["Updated 05.03.2024", "March 5, 2031"],
    ids=["ambiguous-day", "after-the-fetch"],
)
def test_a_date_line_that_names_no_single_day_before_the_fetch_is_not_believed(line: str) -> None:
    article = newsclean.clean_text(f"Council approves the budget\n{line}\n\n{TEXT}", fetched_at=FETCHED)
    assert article.published is None and article.modified is None
    assert line in [removal.text for removal in article.removed]  # still no part of the article


def test_a_caller_supplied_or_declared_value_is_not_replaced() -> None:
    front = "---\ndate: 2024-01-02\nauthor: John Roe\n---\nBy Jane Doe\nMarch 5, 2024\n\n"
    article = newsclean.clean_text(front + TEXT, fetched_at=FETCHED)
    assert (article.authors, article.published) == (("John Roe",), datetime(2024, 1, 2, tzinfo=UTC))


@pytest.mark.parametrize(
    "subheading", ["By Popular Demand", "By Appointment Only", "By Royal Appointment", "Por Fin Libres"]
)
def test_a_subheading_shaped_like_a_byline_is_kept_and_names_no_author(subheading: str) -> None:
    # Before, it was removed as a byline and its words were read as the dump's author ("Popular Demand").
    article = newsclean.clean_text(f"Old bistro returns\n\n{subheading}\n\n{TEXT}", fetched_at=FETCHED)
    assert article.paragraphs[0] == subheading
    assert article.authors == ()
    assert article.removed == ()


@pytest.mark.parametrize(
    ("line", "authors", "rule"),
    [
        ("Author: Jane Doe", ("Jane Doe",), "byline.author-label"),
        ("Authors: Jane Doe and John Smith", ("Jane Doe", "John Smith"), "byline.author-label"),
        ("Door Jan de Vries", ("Jan de Vries",), "byline.other-languages"),
        ("Autor: Jan Kowalski", ("Jan Kowalski",), "byline.author-label"),
        ("Auteur : Marie Dupont", ("Marie Dupont",), "byline.author-label"),
    ],
)
def test_a_labelled_byline_line_is_removed_and_names_the_authors(
    line: str, authors: tuple[str, ...], rule: str
) -> None:
    # Before, these lines stayed in the text and the dump had no authors ("Autor:" was no label the byline reader knew).
    article = newsclean.clean_text(f"Council approves the budget\n\n{line}\n\n{TEXT}", fetched_at=FETCHED)
    assert line not in article.paragraphs
    assert [(removal.rule, removal.text) for removal in article.removed] == [(rule, line)]
    assert (article.authors, article.provenance["authors"]) == (authors, "byline")


def test_a_markup_byline_labelled_in_another_language_names_its_author() -> None:
    assert newsclean.metadata.parse_byline("Autor: Jan Kowalski").authors == ("Jan Kowalski",)


def test_an_author_label_in_the_body_is_a_listing_not_the_byline() -> None:
    # A write-up of tools or papers names each one's author: only the article's top carries its byline.
    body = "\n\n".join(
        (
            "Weekly tools roundup",
            TEXT,
            "Three new modules landed this week, each with its own author and test suite.",
            "Grav CMS sandbox bypass",
            "Author: Jane Doe",
        )
    )
    article = newsclean.clean_text(body, fetched_at=FETCHED)
    assert "Author: Jane Doe" in article.paragraphs
    assert article.authors == ()
