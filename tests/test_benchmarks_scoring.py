"""The ScrapingHub shingle metric, snippet checks and paragraph matching, on tiny hand-computed inputs."""

from __future__ import annotations

import pytest

from benchmarks._matching import TextIndex
from benchmarks._scoring import (
    PageCounts,
    aggregate,
    page_counts,
    score_with_bootstrap,
    shingles,
    snippet_counts,
    tokenize,
)


def test_tokens_are_word_runs_with_case_kept() -> None:
    assert tokenize("Don't stop—it's 2024!") == ["Don", "t", "stop", "it", "s", "2024"]


def test_short_text_is_one_shorter_shingle_and_empty_text_has_none() -> None:
    assert shingles("a b") == {("a", "b"): 1}
    assert shingles("") == {}
    assert shingles("...") == {}


def test_shingles_are_a_multiset() -> None:
    counted = shingles("a b c d a b c d")
    assert counted[("a", "b", "c", "d")] == 2
    assert sum(counted.values()) == 5


def test_identical_texts_score_one() -> None:
    assert page_counts("one two three four five", "one two three four five") == PageCounts(1.0, 0.0, 0.0)


def test_case_differences_are_errors_as_in_the_reference() -> None:
    counts = page_counts("One two three four", "one two three four")
    assert counts == PageCounts(0.0, 0.5, 0.5)


def test_counts_are_normalised_per_page() -> None:
    # true has shingles abcd, bcde; pred has abcd, bcdx, cdxy: tp 1, fp 2, fn 1 → divided by 4.
    counts = page_counts("a b c d e", "a b c d x y")
    assert counts == pytest.approx(PageCounts(0.25, 0.5, 0.25))


def test_repeated_shingles_count_once_per_occurrence() -> None:
    counts = page_counts("a b c d a b c d", "a b c d")
    assert counts == pytest.approx(PageCounts(1 / 5, 0.0, 4 / 5))


def test_empty_prediction_is_all_false_negative_and_both_empty_adds_nothing() -> None:
    assert page_counts("a b c d e", "") == PageCounts(0.0, 0.0, 1.0)
    assert page_counts("", "") == PageCounts(0.0, 0.0, 0.0)


def test_f1_comes_from_summed_normalised_counts() -> None:
    long_perfect = page_counts(" ".join(f"w{i}" for i in range(500)), " ".join(f"w{i}" for i in range(500)))
    short_empty = page_counts("a b c d e", "")
    score = aggregate([long_perfect, short_empty])
    # A 500-word page weighs no more than a 5-word one: recall is (1 + 0) / 2.
    assert score.precision == pytest.approx(1.0)
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(2 * 0.5 / 1.5)


def test_aggregate_of_nothing_is_zero_not_an_error() -> None:
    assert aggregate([]) == (0.0, 0.0, 0.0)


def test_bootstrap_is_reproducible_and_zero_for_identical_pages() -> None:
    pages = [PageCounts(0.8, 0.1, 0.1), PageCounts(0.2, 0.7, 0.1), PageCounts(0.5, 0.0, 0.5)]
    first = score_with_bootstrap(pages, samples=200, seed=7)
    assert first == score_with_bootstrap(pages, samples=200, seed=7)
    assert first.spread is not None and first.spread.f1 > 0
    same = score_with_bootstrap([PageCounts(0.8, 0.1, 0.1)] * 4, samples=50)
    assert same.spread is not None and same.spread.f1 == pytest.approx(0.0)
    assert score_with_bootstrap(pages).spread is None


def test_snippets_match_on_token_boundaries_with_case_ignoring_punctuation() -> None:
    output = "Homeowners said: the Order-now button was gone, so they stayed at home."
    counts = snippet_counts(output, ["Homeowners said the", "missing words here"], ["Home", "Order now", "…"])
    assert counts.included == 1 and counts.must_include == 2
    assert counts.leaked == 1 and counts.must_exclude == 2  # "…" has no token and is ignored
    assert snippet_counts("Home | World | Sports", [], ["Home"]).leaked == 1


def test_text_index_coverage() -> None:
    index = TextIndex("The council voted on Tuesday to close the old bridge for repairs.")
    assert index.coverage("the council voted on Tuesday") == 1.0
    assert index.contains("voted on tuesday to close the new road")  # 3 of 5 shingles
    assert not index.contains("Share this story on Facebook")
    assert index.coverage("old bridge") == 1.0 and index.coverage("bridge old") == 0.0
    assert index.coverage("!!!") == 0.0
