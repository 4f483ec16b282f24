"""Text dumps wrapped at a fixed width, their paragraphs joined again.

``lynx -dump``, ``w3m -dump``, e-mail and many text exports break every paragraph into lines of at most some
width (72, 76, 78, 80 characters) and put a blank line between paragraphs (a dump without blank lines is not
taken for one). Read a line a paragraph, such a dump gives sentence fragments that no rule matches and that a
reader never saw. A line was broken there by the wrap when the next line's first word would not have fitted on
it; a line that ends earlier ("Share this:", a short last line of a paragraph) was broken by its writer. The dump
counts as wrapped when nearly all its lines of half the width or more that another line follows are full in that
sense, and few of those end a sentence; then only full lines are joined to the next.

Widths are counted in columns: a Chinese, Japanese or Korean character takes two. In Chinese and Japanese a wrap may
break between any two characters, or before a run of digits or Latin letters ("2024年"), and no space joins them
again; Korean puts spaces between its words, and its wrap breaks there, as in English. A line before a token too
long for any line (a URL) is joined to it when the dump is wrapped and the line is long and ends no sentence.

A list item is its writer's line, however full the line above it: no line is joined to a next one that starts a list
item ("- ", "* ", "+ ", "•", "·", "▪", "◦", "‣" and a space, or "1." / "1)" and a space). A wrap can start a line
with such a mark too (the "- which" of "the plan - which passed -", the "12." of "by 12. Two more"), so a marked
line counts as an item only when another line of its block (the lines between two blank lines) carries the same
mark (for numbers, the one before or after it), or the line above ends in a colon. A spaced en or em dash is no
mark: prose uses it as a word, and a wrap moves it to a line's start as often as a writer begins a line (an
attribution, a reply) with one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from itertools import pairwise

#: The widest wrap taken for one: lines longer than this are paragraphs written on one line.
MAX_WIDTH = 132
#: Wrapped text has lines this long at least (a list of short lines is not wrapped text).
MIN_WIDTH = 40
#: The wrap's width is the length this share of the lines stays within: a URL or a long word may run past it.
WIDTH_QUANTILE = 0.95
#: A next line that starts with a longer token (a URL, a long hashtag) tells nothing about the wrap by itself:
#: the line before it is joined to it only in a dump found wrapped, and only when it is long and ends no sentence.
MAX_WORD = 30
#: At least this many lines must have been broken by the wrap...
MIN_WRAPPED_LINES = 3
#: ...and this share of the lines of half the width or more that another line follows...
MIN_WRAPPED_SHARE = 0.75
#: ...and this share of all lines: a dump of one-line paragraphs has a few lines near its longest by chance.
MIN_SHARE_OF_LINES = 0.3
#: A wrap breaks a line after a sentence's end now and then; a writer, one sentence a line, every time.
MAX_SENTENCE_END_SHARE = 0.5
_SENTENCE_END = (".", "!", "?", ".\u201d", '."', "?\u201d", "!\u201d", ":", "。", "！", "？", "」", "』")
# A list item's mark: a bullet and a space, or a number of up to three digits, "." or ")" and a space.
_ITEM_MARK = re.compile(r"([-*+\u2022\u00b7\u25aa\u25e6\u2023])\s|(\d{1,3})[.)]\s")
# Chinese, Japanese and Korean characters take two columns of a fixed-width dump, and a wrap may break a line
# between any two of them: the next line's first "word" is its first character, and no space joins the two.
_WIDE = frozenset({"W", "F"})


def _is_wide(char: str) -> bool:
    return not char.isascii() and unicodedata.east_asian_width(char) in _WIDE


# Hangul syllables and jamo: wide, but Korean is written with spaces between words.
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))


def _breaks_anywhere(char: str) -> bool:
    """Whether a wrap may break the line right before or after ``char`` (Chinese and Japanese), with no space."""
    return _is_wide(char) and not any(low <= ord(char) <= high for low, high in _HANGUL)


def _columns(line: str) -> int:
    if line.isascii():
        return len(line)
    return sum(2 if _is_wide(char) else 1 for char in line)


def _first_word(line: str) -> tuple[int, int]:
    """The columns of the first thing a wrap could have moved down from the line before, and its length in
    characters (0 for a blank line)."""
    if not line:
        return 0, 0
    if _breaks_anywhere(line[0]):
        return 2, 1
    word = line.split(maxsplit=1)[0]
    if not word.isascii():  # "2024年3月": only the digits could have been moved down
        word = word[: next((index for index, char in enumerate(word) if _breaks_anywhere(char)), len(word))]
    return _columns(word), len(word)


def _has_long_token(line: str) -> bool:
    return len(line) > MAX_WORD and any(len(token) > MAX_WORD and not _is_wide(token[0]) for token in line.split())


def _joined(pieces: list[str]) -> str:
    text = pieces[0]
    for piece in pieces[1:]:
        text += piece if _breaks_anywhere(text[-1]) or _breaks_anywhere(piece[0]) else " " + piece
    return text


def join_wrapped_lines(lines: list[str]) -> list[str] | None:
    """``lines`` with each line the wrap broke joined to the next, or None when the dump is not wrapped."""
    stripped = [line.strip() for line in lines]
    columns = [_columns(line) for line in stripped]
    # A line holding a token too long to wrap (a URL) runs past the width: it does not measure it.
    lengths = sorted(
        length for line, length in zip(stripped, columns, strict=True) if length and not _has_long_token(line)
    )
    if not lengths or "" not in stripped[stripped.index(next(filter(None, stripped))) :]:
        return None  # no blank line after the text starts: without one, no paragraph would end but at the wrap
    width = lengths[int(WIDTH_QUANTILE * (len(lengths) - 1))]
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    broken: list[bool] = []
    unknown: list[bool] = []  # the next line starts with a token too long to tell
    followed = 0
    for (line, length), (following, _) in pairwise(zip(stripped, columns, strict=True)):
        word_columns, word_chars = _first_word(following)
        known = bool(line) and 0 < word_chars <= MAX_WORD
        # Short lines followed by another (a list, "Share this:" above its buttons) say nothing about a wrap.
        followed += known and length >= width / 2
        space = 0 if _breaks_anywhere(line[-1:] or " ") or _breaks_anywhere(following[:1] or " ") else 1
        broken.append(known and length + space + word_columns > width)
        unknown.append(bool(line) and word_chars > MAX_WORD)
    wrapped = sum(broken)
    if wrapped < max(MIN_WRAPPED_LINES, MIN_WRAPPED_SHARE * followed, MIN_SHARE_OF_LINES * len(lengths)):
        return None
    sentence_ends = sum(
        1 for line, breaks_here in zip(stripped, broken, strict=False) if breaks_here and line.endswith(_SENTENCE_END)
    )
    if sentence_ends > MAX_SENTENCE_END_SHARE * wrapped:
        return None
    for index, (line, length) in enumerate(zip(stripped, columns, strict=False)):
        if index < len(unknown) and unknown[index] and length >= width / 2 and not line.endswith(_SENTENCE_END):
            broken[index] = True  # "... the report is at" before a URL too long for any line
    for index in _item_starts(stripped):
        broken[index - 1] = False  # a wrap does not start a list item
    joined: list[str] = []
    current: list[str] = []
    for line, breaks_here in zip(stripped, [*broken, False], strict=True):
        current.append(line)
        if not breaks_here:
            joined.append(_joined(current))
            current = []
    return joined


def _item_mark(line: str) -> str | int | None:
    """The bullet ``line`` starts with, or its item number, or None."""
    match = _ITEM_MARK.match(line)
    if match is None:
        return None
    return match.group(1) or int(match.group(2))


def _item_starts(lines: list[str]) -> list[int]:
    """The indices of the lines (not first in their block) that start a list item: a line with a mark that another
    line of its block shares (a bullet) or continues (the number before or after), or after a line ending in a
    colon."""
    starts: list[int] = []
    block_start = 0
    for end in [*(index for index, line in enumerate(lines) if not line), len(lines)]:
        marks = {index: _item_mark(lines[index]) for index in range(block_start, end)}
        bullets = Counter(mark for mark in marks.values() if isinstance(mark, str))
        numbers = {mark for mark in marks.values() if isinstance(mark, int)}
        for index, mark in marks.items():
            if index == block_start or mark is None:
                continue
            if (
                lines[index - 1].endswith(":")
                or (isinstance(mark, str) and bullets[mark] > 1)
                or (isinstance(mark, int) and (mark - 1 in numbers or mark + 1 in numbers))
            ):
                starts.append(index)
        block_start = end + 1
    return starts
