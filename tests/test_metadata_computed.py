"""Computed fields: counts, reading time, content hash, SimHash and near-duplicate groups."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

import newsclean
from newsclean.metadata import (
    content_hash,
    hamming_distance,
    near_duplicates,
    reading_time_minutes,
    simhash,
    word_count,
)
from newsclean.metadata._computed import has_words

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
WIRE = (SEEDS / "004_5045f6a295e9ee84.txt").read_text(encoding="utf-8")


def test_word_count_and_reading_time() -> None:
    assert word_count("Russia said, on Thursday — that it hit 10 targets.") == 9
    assert word_count("東京で会議") == 5  # one word per CJK character
    assert word_count("") == 0
    assert reading_time_minutes(0) == 0
    assert reading_time_minutes(1) == 1
    assert reading_time_minutes(238) == 1
    assert reading_time_minutes(239) == 2


THAI = "สภาเมืองอนุมัติงบประมาณใหม่เมื่อวันอังคารหลังจากการอภิปรายอย่างยาวนานและดุเดือดเกี่ยวกับโรงเรียนและถนน"


def test_thai_lao_khmer_and_burmese_are_counted_by_their_length() -> None:
    # Written without spaces between words: this Thai clause of 102 characters was one word, and an article of a
    # few such paragraphs no_content.
    assert len(THAI) == 102 and word_count(THAI) == 20  # one word per five characters
    assert word_count(f"{THAI} ok {THAI}, 東京") == 20 + 1 + 20 + 2
    assert word_count("ລາວ") == word_count("ខ្មែរ") == word_count("မြန်မာ") == 1
    assert has_words(THAI, 20) and not has_words(THAI, 21)
    article = newsclean.clean_text(f"งบประมาณใหม่\n{THAI}")
    assert (article.status, article.paragraphs, article.word_count) == ("ok", (THAI,), 20)


# Ideographs and kana; not hangul, which Korean spaces into words (see test_metadata_scripts.py).
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# The definition of a counted word, as a regex tried from every character.
_COUNTED_BY_DEFINITION = re.compile(rf"[{_CJK}]|[^\s{_CJK}]*[^\W_][^\s{_CJK}]*")


@pytest.mark.parametrize(
    "text",
    [
        "Russia said, on Thursday — that it hit 10 targets.",
        "...... a.b ___ _x_ | —— ©2024",
        "東京で会議・ー abc中def 한국어 ・・・",
        "." * 5_000 + "a" + "." * 5_000 + " " + "-" * 3_000,
        "\u00a0word\u00a0\u00a0 ... word's",
    ],
)
def test_counted_words_are_those_of_the_definition(text: str) -> None:
    words = _COUNTED_BY_DEFINITION.findall(text)
    assert word_count(text) == len(words)
    assert has_words(text, len(words)) and not has_words(text, len(words) + 1)


def test_content_hash_ignores_case_whitespace_and_punctuation_but_not_words() -> None:
    assert content_hash("Russia said on Thursday.") == content_hash("russia  said, on\nThursday")
    assert content_hash("Russia said on Thursday.") != content_hash("Russia said on Friday.")


def test_simhash_is_64_bit_hex_and_deterministic() -> None:
    value = simhash(WIRE)
    assert value is not None and len(value) == 16 and int(value, 16) < 2**64
    assert simhash(WIRE) == value
    assert simhash("") is None


def test_syndicated_copy_is_near_and_another_story_is_far() -> None:
    lines = [line for line in WIRE.splitlines() if line.strip()]
    # A syndicated copy: another headline, no banner, a partner's closing line.
    copy = "\n".join(["Moscow calls strikes retaliation", *lines[2:], "Copyright 2023 Partner Site."])
    other = (SEEDS / "000_7fe897650cc9b193.txt").read_text(encoding="utf-8")
    original, syndicated, unrelated = simhash(WIRE), simhash(copy), simhash(other)
    assert original and syndicated and unrelated
    assert hamming_distance(original, syndicated) <= 6
    assert hamming_distance(original, unrelated) >= 15


def test_near_duplicates_groups_syndicated_copies_from_articles() -> None:
    lines = [line for line in WIRE.splitlines() if line.strip()]
    original = newsclean.clean_text(WIRE)
    copy = newsclean.clean_text("\n".join(["Moscow calls strikes retaliation", *lines[2:-1]]))
    other = newsclean.clean_text((SEEDS / "000_7fe897650cc9b193.txt").read_text(encoding="utf-8"))
    groups = near_duplicates([other, original, copy], max_distance=6)
    assert groups == [[original, copy]]
    assert near_duplicates([other, original], max_distance=6) == []


class Item:
    def __init__(self, simhash: str | None) -> None:
        self.simhash = simhash


def test_near_duplicates_matches_brute_force() -> None:
    rng = random.Random(7)
    bases = [rng.getrandbits(64) for _ in range(20)]
    values = []
    for base in bases:
        for _ in range(3):
            flipped = base
            for bit in rng.sample(range(64), rng.randint(0, 5)):
                flipped ^= 1 << bit
            values.append(flipped)
    items = [Item(f"{v:016x}") for v in values] + [Item(None)]
    for distance in (0, 2, 5):
        groups = near_duplicates(items, max_distance=distance)
        found = {frozenset(id(i) for i in group) for group in groups}
        # Brute force single-linkage over all pairs.
        parent = list(range(len(values)))

        def root(i: int, parent: list[int] = parent) -> int:
            while parent[i] != i:
                i = parent[i]
            return i

        for i in range(len(values)):
            for j in range(i + 1, len(values)):
                if (values[i] ^ values[j]).bit_count() <= distance:
                    parent[root(j)] = root(i)
        expected: dict[int, set[int]] = {}
        for i in range(len(values)):
            expected.setdefault(root(i), set()).add(id(items[i]))
        assert found == {frozenset(g) for g in expected.values() if len(g) > 1}
        for group in groups:
            positions = [items.index(member) for member in group]
            assert positions == sorted(positions)


def test_near_duplicates_rejects_a_bad_distance() -> None:
    with pytest.raises(ValueError, match="max_distance"):
        near_duplicates([], max_distance=64)


def test_near_duplicates_takes_run_many_output_with_its_failures() -> None:
    lines = [line for line in WIRE.splitlines() if line.strip()]
    documents = [
        newsclean.Document(html=b"", url="https://example.com/empty"),  # a Failure in its place
        newsclean.Document(text=WIRE),
        newsclean.Document(text="\n".join(["Moscow calls strikes retaliation", *lines[2:-1]])),
    ]
    records = list(newsclean.Pipeline().run_many(documents))
    assert isinstance(records[0], newsclean.Failure)
    groups = near_duplicates(records, max_distance=6)
    assert groups == [records[1:]]


@pytest.mark.parametrize("written", ["zz", "0x0", "-1", "f_f", "0", "1" + "0" * 31, " 0000000000000000"])
def test_a_simhash_newsclean_did_not_write_is_an_error_naming_the_record(written: str) -> None:
    with pytest.raises(ValueError, match=r"record 1 .*not 16 hex digits"):
        near_duplicates([Item("0" * 16), Item(written)])


def test_records_that_are_not_articles_and_distances_that_are_not_ints_are_type_errors() -> None:
    with pytest.raises(TypeError, match="record 0 is a dict"):
        near_duplicates([{"simhash": "0" * 16}])  # type: ignore[list-item]
    for distance in (2.5, None, True):
        with pytest.raises(TypeError, match="max_distance must be an int"):
            near_duplicates([Item("0" * 16)], max_distance=distance)  # type: ignore[arg-type]
