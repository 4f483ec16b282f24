"""benchmarks/fuzz_pipeline.py's own cases stay within a bound: a probe that exhausts the machine finds nothing."""

from __future__ import annotations

import random

from benchmarks.fuzz_pipeline import MAX_CASE_CHARS, _copies, text_mutation


def test_copies_are_cut_to_the_room_left_in_the_case() -> None:
    assert _copies(1000, 10, 0) == 1000
    assert _copies(1000, 50_000, 0) == 1 + MAX_CASE_CHARS // 50_000
    assert _copies(1000, 50_000, MAX_CASE_CHARS) == 1  # a piece already in the case stays
    assert _copies(0, 50_000, 0) == 0  # deleting is never refused
    assert _copies(20, 1, MAX_CASE_CHARS + 5) == 1


def test_chained_text_mutations_stay_near_the_bound() -> None:
    # A line of 50,000 characters repeated 1,000 times, twice, was 50 GB. Each mutation adds at most one more
    # bounded piece (a 200,000-character line, punctuation, a header), so the case stays within one of those.
    line = "!?.,;:-" * 7_000
    longest = 0
    for seed in range(300):
        text, names = text_mutation(random.Random(seed), line)
        if "long-line" in names or "lines" in names:
            text, _ = text_mutation(random.Random(seed), text)
        longest = max(longest, len(text))
    assert MAX_CASE_CHARS // 2 < longest <= MAX_CASE_CHARS + 1_000_000
