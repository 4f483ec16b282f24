"""Bad input gets a typed error or an empty Article with a clear status, within the time limit."""

from __future__ import annotations

import random
import time

import pytest

import newsclean
from newsclean import Document, Failure, InputError, Limits, Pipeline

ARTICLE = "<html><body><article>" + "<p>The council approved the new budget after a long debate on Tuesday.</p>" * 5


def test_empty_and_whitespace_input_are_input_errors() -> None:
    for empty in (b"", "", "   \n\t  ", b"\n\n"):
        with pytest.raises(InputError, match="empty"):
            newsclean.clean_html(empty)
    with pytest.raises(InputError, match="empty"):
        newsclean.clean_text("")


def test_binary_garbage_is_rejected_as_binary() -> None:
    rng = random.Random(7)
    garbage = bytes(rng.getrandbits(8) for _ in range(50_000))
    with pytest.raises(InputError, match="binary") as caught:
        newsclean.clean_html(garbage, url="https://example.com/file.bin")
    assert caught.value.url == "https://example.com/file.bin"
    assert caught.value.stage == "input"


def test_nul_bytes_inside_a_real_page_are_dropped_not_fatal() -> None:
    page = ARTICLE.encode().replace(b"new budget", b"new\x00 budget")
    article = newsclean.clean_html(page)
    assert article.status == "ok"
    assert "\x00" not in article.text
    assert "approved the new budget" in article.text


def test_page_of_only_nul_bytes_is_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        newsclean.clean_html(b"\x00" * 4096)


def test_20_mb_page_is_refused_by_the_size_limit_at_once() -> None:
    page = ("<html><body>" + "<p>word word word word</p>" * 800_000 + "</body></html>").encode()
    assert len(page) > 20_000_000
    started = time.perf_counter()
    with pytest.raises(InputError, match="max_bytes"):
        newsclean.clean_html(page)
    assert time.perf_counter() - started < 1.0


@pytest.mark.timeout(60)
def test_oversized_page_allowed_by_the_size_limit_stops_at_the_time_limit() -> None:
    page = ("<html><body>" + "<p>word word word word</p>" * 800_000 + "</body></html>").encode()
    pipeline = Pipeline(limits=Limits(max_bytes=30_000_000, timeout=1.0))
    started = time.perf_counter()
    with pytest.raises(newsclean.ExtractionTimeout) as caught:
        pipeline.clean_html(page)
    assert time.perf_counter() - started < 10.0
    assert caught.value.stage in {"decode", "dom", "extract"}


def test_100000_nested_divs_are_refused_quickly() -> None:
    page = "<html><body>" + "<div>" * 100_000 + "<p>deep text</p>" + "</div>" * 100_000 + "</body></html>"
    started = time.perf_counter()
    with pytest.raises(InputError, match="max_depth"):
        newsclean.clean_html(page)
    assert time.perf_counter() - started < 5.0


def test_moderate_nesting_within_the_limit_still_parses() -> None:
    page = "<html><body>" + "<div>" * 200 + ARTICLE[12:] + "</div>" * 200 + "</body></html>"
    article = Pipeline(limits=Limits(max_depth=300)).clean_html(page)
    assert "approved the new budget" in article.text


def test_page_without_an_article_is_an_empty_article_with_status() -> None:
    page = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
    article = newsclean.clean_html(page)
    assert article.status == "no_content"
    assert article.text == "" and article.paragraphs == ()
    assert all(r.category == "no_content" for r in article.removed)
    with pytest.raises(newsclean.NoContentError):
        Pipeline(require_content=True).clean_html(page)


def test_run_many_turns_each_bad_document_into_a_failure_and_goes_on() -> None:
    documents = [
        Document(html=ARTICLE, source_id="good-1"),
        Document(html=b"", source_id="empty"),
        Document(html=b"\x00" * 100, source_id="binary", url="https://example.com/b"),
        Document(source_id="nothing"),
        Document(
            text="Title\nA short text dump paragraph with enough words to count as an article here.", source_id="good-2"
        ),
    ]
    records = list(Pipeline().run_many(documents))
    assert [r.source_id for r in records] == ["good-1", "empty", "binary", "nothing", "good-2"]
    kinds = [type(r).__name__ for r in records]
    assert kinds == ["Article", "Failure", "Failure", "Failure", "Article"]
    failure = records[2]
    assert isinstance(failure, Failure)
    assert (failure.stage, failure.error, failure.url) == ("input", "InputError", "https://example.com/b")


def test_wrong_argument_type_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        newsclean.clean_html(12345)  # type: ignore[arg-type]
