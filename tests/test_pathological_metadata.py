"""Metadata written at any length by a page's author costs linear time, and no memo keeps a long string."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

import newsclean
from newsclean._rules import fold_phrase
from newsclean.metadata._clean import fold
from newsclean.metadata._computed import _word_hash

PROSE = "<p>The council approved the new budget after a long debate on Tuesday evening in the chamber.</p>" * 8


def _page_with_author(name: str) -> str:
    structured = json.dumps({"@type": "NewsArticle", "headline": "Budget", "author": {"name": name}})
    return (
        f'<html><head><title>Budget</title><script type="application/ld+json">{structured}</script>'
        f'<meta name="author" content="{name}"></head><body><article>{PROSE}</article></body></html>'
    )


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Jane " * 30_000, id="one word 30,000 times"),
        pytest.param("Jane Doe " + "AB x " * 10_000, id="acronyms 10,000 times"),
    ],
)
def test_an_author_name_of_thousands_of_words_is_no_name_and_costs_little(name: str) -> None:
    # Each word started a fold of the rest (27 s and 1.3 GB at 30,000), or a scan of it for an organisation word
    # (minutes at 10,000), after the page's deadline had ended.
    started = time.perf_counter()
    article = newsclean.clean_html(_page_with_author(name))
    assert time.perf_counter() - started < 5.0
    assert "approved the new budget" in article.text
    assert article.authors == ()


def test_a_name_with_its_newsroom_and_roles_is_still_read() -> None:
    article = newsclean.clean_html(_page_with_author("Jane Doe, Senior Political Correspondent"))
    assert article.authors == ("Jane Doe",)


@pytest.mark.parametrize(
    ("function", "short"), [(fold, "Jane Doe"), (fold_phrase, "Like this:"), (_word_hash, "budget")]
)
def test_a_long_string_is_computed_without_entering_the_memo(function: Any, short: str) -> None:
    # Pages each holding one unique long title or "word" (a base64 blob) grew a batch by megabytes a page.
    memo = function.memo
    long = "x" * 500_000 + str(time.perf_counter_ns())
    before = memo.cache_info().currsize
    assert function(long) == memo.__wrapped__(long)
    assert memo.cache_info().currsize == before
    unique_short = f"{short} {time.perf_counter_ns()}"[:60]
    assert function(unique_short) == memo.__wrapped__(unique_short)
    assert memo.cache_info().currsize in (before + 1, memo.cache_info().maxsize)
