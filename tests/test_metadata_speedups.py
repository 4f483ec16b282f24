"""The metadata helpers added for speed give what the plain code gives."""

from __future__ import annotations

import random

from newsclean.metadata._computed import _UNSPACED_CHAR, _UNSPACED_RUN, has_words, word_count
from newsclean.metadata._text_dates import _WINDOW, TEXT_DATE, _date_in_window

# Dates in several forms, near-misses (numbers, decimals, a year alone), words and whitespace.
_ATOMS = (
    "March", "Mar.", "of", "on", "1", "12", "31", "5th", "2019", "2020", "20", "19", "/", "-", ".", ",", " ",
    "  ", "\n", "T10", "x", "é", "mai", "2023-04-05", "03/04/23", "7.5", "abc", "2024. 03. 05.", "2024年3月5日",
)  # fmt: skip


def _searched(text: str, start: int, at: int, end: int) -> tuple[tuple[int, int], tuple[str | None, ...]] | None:
    match = TEXT_DATE.search(text, start, end)
    return (match.span(), match.groups()) if match is not None and match.start() <= at else None


def test_a_date_in_a_window_is_the_search_of_the_window_when_it_starts_by_the_anchor() -> None:
    rng = random.Random(20261123)
    for _ in range(3000):
        text = "".join(rng.choice(_ATOMS) for _ in range(rng.randint(1, 60)))
        at = rng.randrange(len(text))
        start = max(0, at - rng.choice((0, 1, 5, _WINDOW - 1, _WINDOW, _WINDOW + 1, 3 * _WINDOW)))
        end = min(len(text), at + rng.randint(0, 4 * _WINDOW))
        assert _date_in_window(text, start, at, end) == _searched(text, start, at, end), (text, start, at, end)


def test_a_date_in_a_window_starts_by_the_anchor() -> None:
    text = "Figures of 2019 and then March 5, 2020"
    at = text.index("2019")
    assert _date_in_window(text, 0, at, len(text)) is None  # the date found starts after the anchor
    assert _date_in_window(text, 0, text.index("2020"), len(text)) == _searched(text, 0, text.index("2020"), len(text))


def test_the_unspaced_character_test_finds_what_the_run_finds() -> None:
    every_character = "".join(map(chr, range(0x10000)))
    in_runs = {index for run in _UNSPACED_RUN.finditer(every_character) for index in range(*run.span())}
    assert {match.start() for match in _UNSPACED_CHAR.finditer(every_character)} == in_runs


def test_word_counts_of_unspaced_scripts_are_unchanged() -> None:
    thai = "รัฐบาลประกาศมาตรการใหม่เพื่อช่วยเหลือเกษตรกร"
    assert word_count(f"{thai} and five English words here") == 9 + 5
    assert has_words(thai, 9) and not has_words(thai, 10)
    assert word_count("five plain English words here") == 5
