"""Jina Reader's header (r.jina.ai) above a text dump: "Title:", "URL Source:", "Published Time:", "Warning:" lines,
a blank line after each, and "Markdown Content:" before the article, read as the Article's metadata."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import newsclean
from newsclean._front_matter import split_header_lines

TEXT = (
    "The city council voted on Tuesday to approve the new budget after a long and heated debate.\n\n"
    "The mayor said the bridge would reopen next month, once the repairs are done."
)
PARAGRAPHS = tuple(TEXT.split("\n\n"))
FETCHED = datetime(2024, 6, 1, tzinfo=UTC)
JINA = (
    "Title: Council approves new budget\n\n"
    "URL Source: https://ex.com/news/budget\n\n"
    "Published Time: 2024-03-05T10:00:00Z\n\n"
    "Markdown Content:\n"
)


def test_jina_readers_header_is_the_articles_metadata_not_its_text() -> None:
    # The title was "Title: Council approves new budget", "URL Source: …" and "Markdown Content:" stayed as
    # paragraphs, and the URL and the date were lost.
    article = newsclean.clean_text(JINA + TEXT, fetched_at=FETCHED)
    assert (article.title, article.provenance["title"]) == ("Council approves new budget", "header")
    assert (article.url, article.canonical_url) == ("https://ex.com/news/budget", "https://ex.com/news/budget")
    assert article.published == datetime(2024, 3, 5, 10, 0, tzinfo=UTC)
    assert article.paragraphs == PARAGRAPHS


def test_jina_warnings_and_a_heading_repeating_the_title_are_no_part_of_the_article() -> None:
    header = (
        "Title: Council approves new budget\n\n"
        "URL Source: https://ex.com/news/budget\n\n"
        "Published Time: Tue, 05 Mar 2024 10:00:00 GMT\n\n"
        "Warning: Target URL returned error 403: Forbidden\n"
        "Warning: This page maybe not yet fully loaded, consider explicitly specify a timeout.\n\n"
        "Markdown Content:\n"
        "Council approves new budget\n"
        "===========================\n\n"
    )
    body = TEXT.replace("the new budget", "the [new budget](https://ex.com/budget.pdf)")  # Jina writes Markdown
    article = newsclean.clean_text(header + body, fetched_at=FETCHED)
    assert article.title == "Council approves new budget"
    assert article.url == "https://ex.com/news/budget"
    assert article.published == datetime(2024, 3, 5, 10, 0, tzinfo=UTC)
    assert article.paragraphs == PARAGRAPHS
    assert not any("Warning" in text or "Markdown Content" in text for text in article.paragraphs)


def test_the_callers_url_and_title_stand_and_a_date_after_the_fetch_is_not_believed() -> None:
    text = JINA.replace("2024-03-05", "2031-03-05") + TEXT
    article = newsclean.clean_text(text, url="https://news.example.com/a", title="Budget passes", fetched_at=FETCHED)
    assert (article.url, article.title, article.published) == ("https://news.example.com/a", "Budget passes", None)
    assert article.paragraphs == PARAGRAPHS


def test_a_pdfs_header_without_a_published_time() -> None:
    header = (
        "Title: Annual report\n\nURL Source: https://ex.com/report.pdf\n\nNumber of Pages: 12\n\nMarkdown Content:\n"
    )
    block = split_header_lines(header + TEXT)
    assert block is not None
    assert block.fields == {"title": "Annual report", "url_source": "https://ex.com/report.pdf"}
    assert block.body == TEXT
    assert block.markdown  # Jina says the body is Markdown


@pytest.mark.parametrize(
    "text",
    [
        # One "Key: value" line, alone, then the article: as likely the article's first line.
        "Title: Budget\n\n" + TEXT,
        "Warning: the following report contains graphic images.\n\n" + TEXT,
        # Blank lines between the lines, but only one names a field: fetch warnings are not the article's.
        "Warning: Target URL returned error 404: Not Found\n\nMarkdown Content:\n" + TEXT,
        # Two known keys, but the second line is the article's first paragraph (no blank line after it).
        "Title: Budget\n\nDate: 2024-03-05\n" + TEXT,
    ],
    ids=["one-line", "warning-line", "only-a-warning", "no-blank-line"],
)
def test_key_value_lines_apart_from_a_jina_header_stay_the_articles(text: str) -> None:
    assert split_header_lines(text) is None
    article = newsclean.clean_text(text, fetched_at=FETCHED)
    assert article.published is None and "header" not in article.provenance.values()
    assert article.url is None


def test_a_jina_body_without_links_is_read_as_the_markdown_its_header_says_it_is() -> None:
    dump = (
        "Title: Council approves new budget\n\nURL Source: https://news.example.com/budget\n\nMarkdown Content:\n"
        "Council approves new budget\n===============\n\n"
        "The city council voted on Tuesday to approve a new budget that raises spending on schools and roads.\n\n"
        "What happens next\n-----------------\n\n"
        "Mayor Jane Smith said the plan was the best the city could afford this year, after months of talks.\n"
    )
    article = newsclean.clean_text(dump)
    assert article.provenance["text"] == "markdown"
    assert article.title == "Council approves new budget"
    assert article.paragraphs == (
        "The city council voted on Tuesday to approve a new budget that raises spending on schools and roads.",
        "What happens next",
        "Mayor Jane Smith said the plan was the best the city could afford this year, after months of talks.",
    )
