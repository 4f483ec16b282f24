"""Fields computed from the clean text: word count, reading time, content hash, SimHash, near-duplicates."""

from __future__ import annotations

import hashlib
import itertools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

import numpy

from .._memo import memo_of_short_strings
from .._models import Failure

# Typical adult silent-reading speed for non-fiction (Brysbaert, 2019).
WORDS_PER_MINUTE = 238
SIMHASH_BITS = 64
_SHINGLE = 3
# Ideographs and kana count one word each: Chinese and Japanese put no spaces between words. Korean does (hangul
# words are spaced like English ones: "서울시는 오늘 새로운 정책을"), so hangul is counted by its spaces; counted a
# syllable a word, a Korean text had three times its words.
_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# What the content hash and the SimHash take one character at a time: ideographs, kana and hangul syllables. Hangul
# stays here, so that the hashes of Korean articles stay the values stored before word counts changed.
_HASHED_ONE_BY_ONE = _CJK + r"\uac00-\ud7af"
# A CJK character, or a run of other non-space characters holding at least one letter or digit. The lookbehind
# lets a run match only from its first character: tried from each of its characters, a long run with no letter
# ("......", 12,000 characters) cost the square of its length (2.3 s), for the same matches.
_COUNTED = re.compile(rf"[{_CJK}]|(?<![^\s{_CJK}])[^\s{_CJK}]*[^\W_][^\s{_CJK}]*")
_WORD = re.compile(rf"[{_HASHED_ONE_BY_ONE}]|[^\W{_HASHED_ONE_BY_ONE}]+", re.UNICODE)
_HAS_CJK = re.compile(rf"[{_CJK}]")
_HASHED_ONE_BY_ONE_FOUND = re.compile(rf"[{_HASHED_ONE_BY_ONE}]")
# Thai, Lao, Myanmar and Khmer put no spaces between words (spaces end phrases and sentences), and their words are
# several characters long, vowel and tone marks included: a run of them is estimated at one word per five
# characters (three Thai news sentences, segmented by pythainlp's newmm: 78 words, 5.5 characters each). Counted
# as whitespace-separated words, a Thai paragraph of 28 words was 2, and a short article no_content.
_UNSPACED = r"\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_UNSPACED_RUN = re.compile(rf"[{_UNSPACED}]+")
# Whether a text holds any of them: the regex engine finds a pattern's first character with a fast scan when that
# is a plain character class, not a repeated one (``_UNSPACED_RUN``): a third of the time on a text without any.
_UNSPACED_CHAR = re.compile(rf"[{_UNSPACED}]")
UNSPACED_CHARS_PER_WORD = 5
# A whitespace-separated run without a letter or digit ("—", "|", "***") is not a word. Found once the words are
# one per line, the search starts only at line breaks, not at every character of the text (a third of the time).
_NOT_A_WORD_LINE = re.compile(r"\n(?:[^\w\n]|_)+(?=\n)")
_WORD_CHARS = re.compile(r"\w+")


def word_count(text: str) -> int:
    """Whitespace-separated words, with each CJK character counted as one word, and a run of Thai, Lao, Khmer or
    Burmese (scripts written without spaces between words, which only a dictionary can split) as one word per
    ``UNSPACED_CHARS_PER_WORD`` characters."""
    if _UNSPACED_CHAR.search(text) is not None:
        runs = _UNSPACED_RUN.findall(text)
        estimated = sum(max(1, round(len(run) / UNSPACED_CHARS_PER_WORD)) for run in runs)
        return estimated + word_count(_UNSPACED_RUN.sub(" ", text))
    if _HAS_CJK.search(text) is None:  # the same count, from C-level splitting: 40% less time
        words = text.split()
        return len(words) - len(_NOT_A_WORD_LINE.findall("\n" + "\n".join(words) + "\n"))
    return len(_COUNTED.findall(text))


def has_words(text: str, minimum: int) -> bool:
    """``word_count(text) >= minimum``, without counting the words past ``minimum``."""
    if _UNSPACED_CHAR.search(text) is not None:
        return word_count(text) >= minimum
    return sum(1 for _ in itertools.islice(_COUNTED.finditer(text), minimum)) >= minimum


def reading_time_minutes(words: int) -> int:
    """Whole minutes at a typical reading speed; any text at all takes at least a minute."""
    return math.ceil(words / WORDS_PER_MINUTE) if words > 0 else 0


def _tokens(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    if _HASHED_ONE_BY_ONE_FOUND.search(folded) is None:  # without them ``_WORD`` is ``\w+``, which runs faster
        return _WORD_CHARS.findall(folded)
    return _WORD.findall(folded)


def content_hash(text: str) -> str:
    """SHA-256 of the text's words, case-folded: the same article with other whitespace, punctuation or case
    gets the same hash."""
    return _content_hash(_tokens(text))


def _content_hash(tokens: list[str]) -> str:
    return hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()


def simhash(text: str) -> str | None:
    """Charikar's 64-bit SimHash over word 3-shingles, as 16 hex digits. Near-identical texts (a wire story
    with another headline, a different closing line) differ in few bits.

    A shingle's 64-bit hash is built from its words' hashes (the 8-byte BLAKE2b of each word's UTF-8 bytes, read
    big-endian): Horner's rule with an odd multiplier, modulo 2**64, then SplitMix64's finaliser, which spreads
    every word's bits over the whole value. A text of fewer than three words is one shingle of all its words.
    Deterministic in any process (never ``hash()``). It replaced one BLAKE2b per shingle string, which cost three
    times as much; the values differ from that first definition.
    """
    return _simhash(_tokens(text))


# Odd 64-bit constants: the golden-ratio multiplier for Horner's rule, and SplitMix64's finaliser (Steele et al.,
# "Fast splittable pseudorandom number generators", 2014).
_HORNER = numpy.uint64(0x9E3779B97F4A7C15)
_MIX_1 = numpy.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = numpy.uint64(0x94D049BB133111EB)
_SHIFTS = (numpy.uint64(30), numpy.uint64(27), numpy.uint64(31))


_WORD_HASH_MAX_CHARS = 64


# A text's words are mostly words met before (about 97% of the tokens of 1,300 news pages): a bounded memo of this
# pure function saves most of the hashing, and cannot change a value. Only words of a usual length are kept: 65,536
# of them stay a few megabytes.
@memo_of_short_strings(maxsize=1 << 16, max_chars=_WORD_HASH_MAX_CHARS)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "big")


def _simhash(tokens: list[str]) -> str | None:
    if not tokens:
        return None
    # When no word is too long for the memo, as in nearly every text, the memo is called straight from C: the
    # wrapper that sends longer words past it costs a Python call per word (a fifth of the hashing).
    short = max(map(len, tokens)) <= _WORD_HASH_MAX_CHARS
    hashes = map(_word_hash.memo if short else _word_hash, tokens)
    words = numpy.fromiter(hashes, dtype=numpy.uint64, count=len(tokens))
    width = min(_SHINGLE, len(words))
    count = len(words) - width + 1
    with numpy.errstate(over="ignore"):  # arithmetic modulo 2**64 is the definition
        shingles = words[:count].copy()
        for offset in range(1, width):
            shingles = shingles * _HORNER + words[offset : offset + count]
        shingles ^= shingles >> _SHIFTS[0]
        shingles *= _MIX_1
        shingles ^= shingles >> _SHIFTS[1]
        shingles *= _MIX_2
        shingles ^= shingles >> _SHIFTS[2]
    # Bit matrix, one row per shingle, most significant bit first: the column sums are the votes per bit.
    bits = numpy.unpackbits(shingles.astype(">u8").view(numpy.uint8).reshape(count, 8), axis=1)
    majority = bits.sum(axis=0, dtype=numpy.int64) * 2 > count
    return numpy.packbits(majority).tobytes().hex()


def computed_fields(text: str) -> dict[str, int | str | None]:
    """Every Article field derived from the clean text alone; recompute them whenever the text changes."""
    words = word_count(text)
    tokens = _tokens(text) if text else []  # once for both hashes: NFKC and case folding of a long text add up
    return {
        "word_count": words,
        "reading_time_minutes": reading_time_minutes(words),
        "content_hash": _content_hash(tokens) if text else None,
        "simhash": _simhash(tokens) if text else None,
    }


def hamming_distance(first: str, second: str) -> int:
    """Bits that differ between two SimHash values (hex strings)."""
    return (int(first, 16) ^ int(second, 16)).bit_count()


class HasSimhash(Protocol):
    @property
    def simhash(self) -> str | None: ...


T = TypeVar("T", bound=HasSimhash)


def near_duplicates(articles: Iterable[T], *, max_distance: int = 3) -> list[list[T]]:
    """Groups of articles whose SimHash values are within ``max_distance`` bits of another member's.

    Groups hold two or more articles, in input order; groups are ordered by their first member. Records without
    a SimHash are left out: an article without text, and a ``Failure`` (``run_many``'s output can be passed as it
    is). A SimHash that is not 16 hex digits, as newsclean writes it, is a ``ValueError`` naming the record. Exact:
    split into ``max_distance + 1`` bands, two values within the distance share at least one band (pigeonhole), so
    only articles sharing a band are compared.
    """
    if not isinstance(max_distance, int) or isinstance(max_distance, bool):
        raise TypeError(f"max_distance must be an int, not {type(max_distance).__name__}")
    if not 0 <= max_distance < SIMHASH_BITS:
        raise ValueError(f"max_distance must be between 0 and {SIMHASH_BITS - 1}, not {max_distance}")
    items: list[tuple[T, int]] = []
    for position, article in enumerate(articles):
        if isinstance(article, Failure):
            continue
        if not hasattr(article, "simhash"):
            raise TypeError(f"record {position} is a {type(article).__name__}, not an Article (it has no simhash)")
        written = article.simhash
        if written is None or written == "":
            continue
        if not isinstance(written, str) or _SIMHASH_HEX.fullmatch(written) is None:
            raise ValueError(
                f"record {position} ({_record_name(article)}) has simhash {written!r}: not {SIMHASH_BITS // 4} hex "
                "digits"
            )
        items.append((article, int(written, 16)))
    parent = list(range(len(items)))

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    bands = _bands(max_distance + 1)
    for start, width in bands:
        buckets: defaultdict[int, list[int]] = defaultdict(list)
        for index, (_, value) in enumerate(items):
            buckets[value >> start & ((1 << width) - 1)].append(index)
        for members in buckets.values():
            for position, first in enumerate(members):
                for second in members[position + 1 :]:
                    if find(first) != find(second) and (items[first][1] ^ items[second][1]).bit_count() <= max_distance:
                        parent[max(find(first), find(second))] = min(find(first), find(second))
    groups: defaultdict[int, list[T]] = defaultdict(list)
    for index, (article, _) in enumerate(items):
        groups[find(index)].append(article)
    return [group for _, group in sorted(groups.items()) if len(group) > 1]


_SIMHASH_HEX = re.compile(f"[0-9a-fA-F]{{{SIMHASH_BITS // 4}}}")


def _record_name(record: object) -> str:
    named = getattr(record, "url", None) or getattr(record, "source_id", None)
    return repr(named) if named else type(record).__name__


def _bands(count: int) -> Sequence[tuple[int, int]]:
    width, extra = divmod(SIMHASH_BITS, count)
    bands = []
    start = 0
    for index in range(count):
        size = width + (1 if index < extra else 0)
        bands.append((start, size))
        start += size
    return bands
