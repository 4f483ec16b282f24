"""A dump's kicker above its headline ("Politics", "BREAKING NEWS"): removed on evidence, the headline the title."""

from __future__ import annotations

import pytest

import newsclean

BODY = (
    "The city council voted on Tuesday to approve the new budget after a long and heated debate over transit.\n"
    "Council members argued for hours over the planned transit line and the money for the schools."
)
PARAGRAPHS = tuple(BODY.split("\n"))


@pytest.mark.parametrize(
    ("kicker", "url"),
    [
        ("Politics", "https://news.example.com/politics/council-approves-budget"),
        ("City Hall", "https://news.example.com/2024/03/05/council-approves-new-budget/"),
        ("Politics", "https://news.example.com/council-approves-budget/1234567"),
        ("BREAKING NEWS", "https://news.example.com/news/council-approves-budget-after-debate"),
    ],
)
def test_a_kicker_above_the_headline_goes_and_the_headline_is_the_title(kicker: str, url: str | None) -> None:
    # The kicker was the title, and the headline stayed in the text.
    article = newsclean.clean_text(f"{kicker}\nCouncil approves budget\n{BODY}", url=url)
    assert article.title == "Council approves budget"
    assert article.paragraphs == PARAGRAPHS
    assert [(removal.rule, removal.category, removal.text) for removal in article.removed] == [
        ("heuristic.kicker", "heading", kicker)
    ]


@pytest.mark.parametrize(
    ("first", "second", "url"),
    [
        ("Politics", "Council approves budget", None),  # no evidence: a short headline and a subheading look alike
        ("Brexit", "What happens next for the United Kingdom", "https://news.example.com/brexit"),
        ("Council approves budget", "A long night at city hall", "https://news.example.com/council-approves-budget"),
        ("BUDGET PASSES", "What the new spending means for you", None),  # capitals are no evidence
        ("EXCLUSIVE", "Council approves budget", "https://news.example.com/story/1234567"),  # a slug of no words
        ("Politics today", "Council", "https://news.example.com/council-approves-budget"),  # shorter below
        ("Politics", "The council met on Tuesday.", "https://news.example.com/politics-council-met-tuesday"),
    ],
)
def test_without_evidence_the_first_line_stays_the_title(first: str, second: str, url: str | None) -> None:
    article = newsclean.clean_text(f"{first}\n{second}\n{BODY}", url=url)
    assert article.title == first
    assert article.paragraphs[0] == second
    assert not [removal for removal in article.removed if removal.rule == "heuristic.kicker"]


def test_a_kicker_above_the_headline_a_caller_titled_goes() -> None:
    # The headline went as the title's repeat, and the kicker stayed on top of the text.
    article = newsclean.clean_text(f"Politics\nCouncil approves budget\n{BODY}", title="Council approves budget")
    assert article.title == "Council approves budget"
    assert article.paragraphs == PARAGRAPHS
    assert [removal.rule for removal in article.removed] == ["heuristic.kicker", "heuristic.title-repeat"]
    other = newsclean.clean_text(f"Politics\nCouncil approves budget\n{BODY}", title="Budget passes")
    assert other.paragraphs[:2] == ("Politics", "Council approves budget")


def test_a_kicker_above_a_headline_a_caller_titled_with_the_site_name_goes() -> None:
    # The title's site name hid the match: the kicker stayed on top of the text.
    article = newsclean.clean_text(
        f"Opinion\nCouncil approves budget\n{BODY}", title="Council approves budget | The Gazette"
    )
    assert article.paragraphs == PARAGRAPHS
    assert [removal.rule for removal in article.removed][:1] == ["heuristic.kicker"]
