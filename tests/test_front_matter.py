"""Front matter: the metadata block a static site's Markdown file opens with, read as the Article's metadata."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import newsclean
from newsclean._front_matter import split_front_matter

BODY = (
    "# Council approves the budget\n\n"
    "The city council voted on Tuesday to approve the new budget after a **long** and heated debate.\n\n"
    "The mayor said the bridge would reopen next month, once the repairs are done.\n"
)
PARAGRAPHS = (
    "The city council voted on Tuesday to approve the new budget after a long and heated debate.",
    "The mayor said the bridge would reopen next month, once the repairs are done.",
)
YAML = """---
title: "Council approves the budget"
date: 2024-03-05T10:00:00Z
lastmod: 2024-03-06  # a comment
authors:
  - Jane Doe
  - John Roe
tags: [politics, "city hall"]
description: 'The council''s vote, and what it means.'
canonical_url: https://news.example.com/council-budget
summary: |
  A block scalar's text is not a field.
params: {toc: true}
lang: en
---
"""
FETCHED = datetime(2024, 6, 1, tzinfo=UTC)


def test_a_yaml_block_is_the_articles_metadata_not_its_title() -> None:
    # The block was read as text: its lines joined into the title, the metadata lost.
    article = newsclean.clean_text(YAML + "\n" + BODY, fetched_at=FETCHED)
    assert article.title == "Council approves the budget" and article.paragraphs == PARAGRAPHS
    assert article.authors == ("Jane Doe", "John Roe")
    assert article.published == datetime(2024, 3, 5, 10, tzinfo=UTC)
    assert article.modified == datetime(2024, 3, 6, tzinfo=UTC)
    assert article.tags == ("politics", "city hall")
    assert article.description == "The council's vote, and what it means."
    assert article.canonical_url == "https://news.example.com/council-budget"
    assert article.language == "en"
    for field in ("title", "authors", "published", "tags", "description", "canonical_url"):
        assert article.provenance[field].startswith("front-matter"), field
    assert [removal.rule for removal in article.removed] == ["heuristic.title-repeat"]  # the "# …" heading


def test_a_toml_block_stops_at_its_first_table() -> None:
    toml = '+++\ntitle = "Hugo post"\ndate = 2023-01-02\ntags = ["a", "b"]\n[params]\nauthor = "Nobody"\n+++\n'
    article = newsclean.clean_text(toml + BODY, fetched_at=FETCHED)
    assert (article.title, article.tags, article.authors) == ("Hugo post", ("a", "b"), ())
    assert article.published == datetime(2023, 1, 2, tzinfo=UTC)


def test_the_callers_title_and_the_fetch_time_stand() -> None:
    future = YAML.replace("2024-03-05T10:00:00Z", "2031-01-01")
    article = newsclean.clean_text(future + BODY, title="Caller's title", fetched_at=FETCHED)
    assert (article.title, article.provenance["title"]) == ("Caller's title", "caller")
    assert article.published is None  # later than the fetch: not believed


@pytest.mark.parametrize(
    "text",
    [
        "---\nA horizontal rule above a paragraph.\n---\n" + BODY,  # no key: value pair
        "---\ntitle: never closed\n" + BODY,
        "---\n" + "key: value\n" * 300 + "---\n" + BODY,  # too long for a metadata block
        "Some text\n---\ntitle: not at the start\n---\n",
    ],
    ids=["rule", "unclosed", "too-long", "not-first"],
)
def test_only_a_closed_block_of_pairs_at_the_start_is_front_matter(text: str) -> None:
    assert split_front_matter(text) is None


TEXT = (
    "The city council voted on Tuesday to approve the new budget after a long and heated debate.\n\n"
    "The mayor said the bridge would reopen next month, once the repairs are done."
)


def test_header_lines_a_scraper_wrote_above_the_article_are_its_metadata() -> None:
    # "Title: …" became the title as written, and "URL: …", "Date: …" stayed in the article.
    header = "Title: Council approves the budget\nURL: https://news.example.com/a\nDate: 2024-03-05\nBy: Jane Doe\n\n"
    article = newsclean.clean_text(header + TEXT, fetched_at=FETCHED)
    assert (article.title, article.provenance["title"]) == ("Council approves the budget", "header")
    assert (article.url, article.canonical_url) == ("https://news.example.com/a", "https://news.example.com/a")
    assert article.published == datetime(2024, 3, 5, tzinfo=UTC) and article.authors == ("Jane Doe",)
    assert article.paragraphs == tuple(TEXT.split("\n\n"))


def test_a_first_line_that_is_only_a_url_is_the_articles_address_not_its_title() -> None:
    article = newsclean.clean_text("https://news.example.com/2024/03/05/budget\n\nCouncil approves the budget\n" + TEXT)
    assert article.title == "Council approves the budget"
    assert article.url == "https://news.example.com/2024/03/05/budget"
    given = newsclean.clean_text("https://mirror.example.org/x\n" + TEXT, url="https://news.example.com/a")
    assert given.url == "https://news.example.com/a"  # the caller's URL stands


@pytest.mark.parametrize(
    "text",
    [
        "Date: 2024-03-05 is when the council met.\n\n" + TEXT,  # one line: as likely the article's first
        "Title: Budget\nDate: 2024-03-05\n" + TEXT,  # no blank line ends it
    ],
    ids=["one-line", "no-blank-line"],
)
def test_key_value_lines_are_a_header_only_when_several_stand_apart(text: str) -> None:
    article = newsclean.clean_text(text, fetched_at=FETCHED)
    assert article.published is None and "header" not in article.provenance.values()
