"""Bylines naming several people, or a person and an agency without a comma between them: every name is an
author, the agency is the agency, and the line leaves the text."""

from __future__ import annotations

import pytest

import newsclean
from newsclean.metadata import parse_byline

BODY = "".join(
    f"<p>Paragraph {n}: the council met on Tuesday to discuss the new budget, with enough words to count as prose.</p>"
    for n in range(5)
)
DUMP_BODY = "The city council voted on Tuesday to approve a new budget that raises spending on schools and roads."

CASES = [
    ("By Jane Doe and John Smith", ("Jane Doe", "John Smith"), None),
    ("By Jane Doe, John Smith and Ann Lee", ("Jane Doe", "John Smith", "Ann Lee"), None),
    ("By Jane Doe | Reuters", ("Jane Doe",), "Reuters"),
    ("By Jane Doe & John Smith | AFP", ("Jane Doe", "John Smith"), "AFP"),
]


@pytest.mark.parametrize(("line", "authors", "agency"), CASES)
def test_a_byline_under_the_headline_gives_every_name_and_the_agency(
    line: str, authors: tuple[str, ...], agency: str | None
) -> None:
    # Only the first name was read ("Jane Doe" of "Jane Doe and John Smith"), and no agency after a bar.
    page = f"<html><body><article><h1>Council approves budget</h1><p>{line}</p>{BODY}</article></body></html>"
    article = newsclean.clean_html(page, url="https://news.example.com/x/budget")
    assert (article.authors, article.agency) == (authors, agency)
    assert line not in article.paragraphs


@pytest.mark.parametrize(("line", "authors", "agency"), [*CASES, ("By JANE DOE Associated Press", ("JANE DOE",), "AP")])
def test_a_dump_s_byline_line_is_removed_and_read(line: str, authors: tuple[str, ...], agency: str | None) -> None:
    # The byline rule took capitalised words only: "and" or "|" kept the line in the text, and gave no authors.
    article = newsclean.clean_text(f"Council approves budget\n{line}\n{DUMP_BODY}\n{DUMP_BODY}")
    assert article.paragraphs == (DUMP_BODY, DUMP_BODY)
    assert (article.authors, article.agency) == (authors, agency)


def test_a_comma_alone_does_not_make_a_list_of_people() -> None:
    page = (
        "<html><body><article><h1>Council approves budget</h1><p>By Jane Doe, Senior Reporter</p>"
        f"{BODY}</article></body></html>"
    )
    assert newsclean.clean_html(page, url="https://news.example.com/x/budget").authors == ("Jane Doe",)


@pytest.mark.parametrize(
    ("byline", "authors", "agency"),
    [
        ("JANE DOE Associated Press", ("JANE DOE",), "AP"),
        ("JANE DOE and JOHN SMITH Associated Press", ("JANE DOE", "JOHN SMITH"), "AP"),
        ("Jane Doe Reuters", ("Jane Doe",), "Reuters"),
        ("Jane Doe AP", ("Jane Doe AP",), None),  # two capitals after a name could be initials
        ("Jane Doe and jane doe", ("Jane Doe",), None),
    ],
)
def test_an_agency_after_a_name_without_a_comma_and_a_name_written_twice(
    byline: str, authors: tuple[str, ...], agency: str | None
) -> None:
    # "JANE DOE Associated Press" was one organisation; "Jane Doe" and "jane doe" were two people.
    parsed = parse_byline(byline)
    assert (parsed.authors, parsed.agency, parsed.organization) == (authors, agency, None)


@pytest.mark.parametrize(
    ("field", "authors"),
    [
        ("Doe, Jane", ("Jane Doe",)),
        ("Doe, Jane A.", ("Jane A. Doe",)),
        ("Jane Doe, John Smith", ("Jane Doe", "John Smith")),
    ],
)
def test_an_author_field_written_last_name_first_is_one_person(field: str, authors: tuple[str, ...]) -> None:
    # "Doe, Jane" was two authors, "Doe" and "Jane".
    page = (
        f"<html><head><meta name='author' content='{field}'></head><body><article><h1>Council approves budget</h1>"
        f"{BODY}</article></body></html>"
    )
    assert newsclean.clean_html(page, url="https://news.example.com/x/budget").authors == authors
