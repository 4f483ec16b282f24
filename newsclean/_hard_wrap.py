"""Text dumps wrapped at a fixed width, their paragraphs joined again.

``lynx -dump``, ``w3m -dump``, e-mail and many text exports break every paragraph into lines of at most some
width (72, 76, 78, 80 characters) and put a blank line between paragraphs (a dump without blank lines is not
taken for one). Read a line a paragraph, such a dump gives sentence fragments that no rule matches and that a
reader never saw. A line was broken there by the wrap when the next line's first word would not have fitted on
it; a line that ends earlier ("Share this:", a short last line of a paragraph) was broken by its writer. The dump
counts as wrapped when nearly all its lines of half the width or more that another line follows are full in that
sense, and few of those end a sentence; then only full lines are joined to the next.
"""

from __future__ import annotations

from itertools import pairwise

#: The widest wrap taken for one: lines longer than this are paragraphs written on one line.
MAX_WIDTH = 132
#: Wrapped text has lines this long at least (a list of short lines is not wrapped text).
MIN_WIDTH = 40
#: The wrap's width is the length this share of the lines stays within: a URL or a long word may run past it.
WIDTH_QUANTILE = 0.95
#: A next line that starts with a longer token (a URL; text without spaces, as Chinese or Japanese is written)
#: tells nothing about the wrap: that line break stays.
MAX_WORD = 30
#: At least this many lines must have been broken by the wrap...
MIN_WRAPPED_LINES = 3
#: ...and this share of the lines of half the width or more that another line follows...
MIN_WRAPPED_SHARE = 0.75
#: ...and this share of all lines: a dump of one-line paragraphs has a few lines near its longest by chance.
MIN_SHARE_OF_LINES = 0.3
#: A wrap breaks a line after a sentence's end now and then; a writer, one sentence a line, every time.
MAX_SENTENCE_END_SHARE = 0.5
_SENTENCE_END = (".", "!", "?", ".\u201d", '."', "?\u201d", "!\u201d", ":")


def join_wrapped_lines(lines: list[str]) -> list[str] | None:
    """``lines`` with each line the wrap broke joined to the next, or None when the dump is not wrapped."""
    stripped = [line.strip() for line in lines]
    lengths = sorted(len(line) for line in stripped if line)
    if not lengths or "" not in stripped[stripped.index(next(filter(None, stripped))) :]:
        return None  # no blank line after the text starts: without one, no paragraph would end but at the wrap
    width = lengths[int(WIDTH_QUANTILE * (len(lengths) - 1))]
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        return None
    broken: list[bool] = []
    followed = 0
    for line, following in pairwise(stripped):
        word = following.split(maxsplit=1)[0] if following else ""
        known = bool(line) and 0 < len(word) <= MAX_WORD
        # Short lines followed by another (a list, "Share this:" above its buttons) say nothing about a wrap.
        followed += known and len(line) >= width / 2
        broken.append(known and len(line) + 1 + len(word) > width)
    wrapped = sum(broken)
    if wrapped < max(MIN_WRAPPED_LINES, MIN_WRAPPED_SHARE * followed, MIN_SHARE_OF_LINES * len(lengths)):
        return None
    sentence_ends = sum(
        1 for line, breaks_here in zip(stripped, broken, strict=False) if breaks_here and line.endswith(_SENTENCE_END)
    )
    if sentence_ends > MAX_SENTENCE_END_SHARE * wrapped:
        return None
    joined: list[str] = []
    current: list[str] = []
    for line, breaks_here in zip(stripped, [*broken, False], strict=True):
        current.append(line)
        if not breaks_here:
            joined.append(" ".join(current))
            current = []
    return joined
