"""Metadata written at any length by a page's author costs linear time, and no memo keeps a long string."""

from __future__ import annotations

import gc
import json
import time
import tracemalloc
from typing import Any

import pytest

import newsclean
from newsclean._rules import fold_phrase
from newsclean.metadata._clean import fold
from newsclean.metadata._computed import _word_hash
from newsclean.metadata._title import _host_key

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
    ("function", "short"),
    [(fold, "Jane Doe"), (fold_phrase, "Like this:"), (_word_hash, "budget"), (_host_key, "www.nytimes.com")],
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


def _page_with_long_unique_strings(number: int) -> str:
    # A text node, a date attribute and a link of 70 KB each, unique to the page but of few distinct words (so the
    # bounded memos of words, which are meant to fill, stay out of the measure).
    long = f"2024-03-0{number % 9 + 1} story {number} " + "alpha beta gamma delta " * 3_000
    link = f"https://{'a' * 30_000}.example.com/{number}/" + "b" * 40_000
    structured = json.dumps({"@type": "NewsArticle", "headline": f"Story {number}"})
    return (
        f'<html><head><title>Story {number}</title><script type="application/ld+json">{structured}</script>'
        f'<link rel="canonical" href="{link}"></head>'
        f'<body><article><h1>Story {number}</h1><time datetime="{long}">{long}</time>{PROSE}<p>{long}</p>'
        "</article></body></html>"
    )


def test_a_batch_of_pages_with_long_unique_strings_keeps_none_of_them() -> None:
    # trafilatura's memos of text nodes, htmldate's of date expressions and urllib's of links kept each page's
    # long strings, up to 128 to 8,192 pages' worth: 12 MB more after these 20 pages, growing page after page.
    pipeline = newsclean.Pipeline()
    for number in range(5):  # imports, lazily built objects and the memos of words, before the measure
        pipeline.clean_html(_page_with_long_unique_strings(number))
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(5, 25):
            article = pipeline.clean_html(_page_with_long_unique_strings(number))
            assert "approved the new budget" in article.text
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 1_000_000
